//! The Threat Atlas data tool: merges upstream data with the project's curated files into the
//! bundled dataset (`make data`), and reports on it (`make data-stats`).
//!
//! `merge` is pure; `files` does the reading and writing. The dataset types and validation
//! are the core's (`atlas_core`): there is no second schema.

pub mod bench;
pub mod boot;
pub mod csp;
pub mod files;
#[cfg(not(target_arch = "wasm32"))]
pub mod shells;

pub mod service_worker;
pub mod stats;

/// The merge and the upstream formats live in the core, so the browser's "Open dataset…"
/// converts a MISP cluster or a STIX bundle with exactly the code that builds the dataset.
pub use atlas_core::import::{merge, upstream};
