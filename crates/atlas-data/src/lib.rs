//! The Threat Atlas data tool: merges upstream data with the project's curated files into the
//! bundled dataset (`make data`), and reports on it (`make data-stats`).
//!
//! `merge` is pure; `files` does the reading and writing. The dataset types and validation
//! are the core's (`atlas_core`): there is no second schema.

pub mod bench;
pub mod csp;
pub mod files;
pub mod merge;
pub mod service_worker;
pub mod stats;
pub mod upstream;
