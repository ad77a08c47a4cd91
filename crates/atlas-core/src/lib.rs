//! Threat Atlas core: the dataset model, its loading and its validation.
//!
//! This crate is the pure half of the app. It takes data and returns data: no I/O, no clock,
//! no `leptos`, `web_sys` or `gloo` imports, so every rule here is checked natively by
//! `cargo test` in milliseconds. The browser shell and the data tool both call into it, which
//! is how they share one schema.

pub mod countries;
pub mod crossref;
pub mod date;
pub mod export;
pub mod facets;
pub mod fold;
pub mod import;
pub mod load;
pub mod model;
pub mod naming;
pub mod plain;
pub mod refs;
pub mod route;
pub mod said;
pub mod search;
pub mod sort;
pub mod story;
pub mod text;
pub mod timeline;
pub mod url_state;
pub mod view;

pub use date::{DateError, PartialDate, Precision};
pub use load::{parse, Catalog, LoadError, Relation, RelationKind, Warning, SCHEMA_VERSION};
pub use model::{
    Actor, Alias, Claim, Dataset, DatasetInfo, Event, EventKind, Former, NameKind, Origin, Related,
    Response, Source, SourceKind, Sponsor, Vendor,
};
