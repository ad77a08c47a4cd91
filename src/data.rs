//! The dataset context every page reads: the bundled dataset, its reference links, and a
//! dataset the reader opened. The shell (`app.rs`) provides it; pages and components read it.

use std::sync::Arc;

use leptos::prelude::*;

use atlas_core::refs::RefLinks;

use crate::api::{DataResult, Loaded};

/// The dataset every page reads, shared through context: the bundled one (fetched once per
/// page load, with the number of times the reader asked to try again), and a dataset the
/// reader opened, which every view shows instead until they go back.
#[derive(Clone, Copy)]
pub struct Data {
    pub bundled: Bundled,
    /// The last attempt to fetch the bundled dataset's reference links, after the first
    /// paint: a value of its own beside the catalog. Read it through [`Data::links`]. A plain signal, not the
    /// resource: a read inside `<Suspense>` would make the page wait for the links.
    pub refs: RwSignal<Option<LinksStatus>>,
    /// Whether a page has drawn the bundled dataset yet (the links wait for that).
    pub drawn: RwSignal<bool>,
    pub attempts: RwSignal<u32>,
    pub opened: RwSignal<Option<Arc<Loaded>>>,
}

/// Where the bundled dataset comes from: fetched in the browser, or, for a page drawn at
/// build time, already loaded.
#[derive(Clone, Copy)]
pub enum Bundled {
    Fetched(LocalResource<DataResult>),
    /// Only natively (`crate::prerender`).
    #[cfg_attr(target_arch = "wasm32", allow(dead_code))]
    Given(StoredValue<Arc<Loaded>>),
}

impl Bundled {
    /// The dataset if it is in and usable (tracked).
    pub fn ready(&self) -> Option<Arc<Loaded>> {
        match self {
            Bundled::Fetched(r) => r.get().and_then(|r| r.ok()),
            Bundled::Given(v) => Some(v.get_value()),
        }
    }
}

/// How the reference links of one loaded dataset fared.
#[derive(Clone, Debug, PartialEq)]
pub struct LinksStatus {
    /// Which `Loaded` this is about (its `id`): after "Try again" the old status must not
    /// speak for the new dataset.
    pub(crate) dataset: u64,
    pub(crate) result: Result<Arc<RefLinks>, String>,
}

/// Where a dataset's reference links stand, for a view.
#[derive(Clone, Debug, PartialEq)]
pub enum Links {
    /// They are in (for a dataset that carries its links inline, or an opened one without a
    /// refs file: none beyond the records').
    Ready(Arc<RefLinks>),
    Loading,
    /// Why they are missing.
    Missing(String),
}

impl Links {
    /// The links to use now: none beyond the records' while they are loading or missing.
    pub fn or_none(&self) -> Arc<RefLinks> {
        match self {
            Links::Ready(links) => links.clone(),
            _ => Arc::new(RefLinks::none()),
        }
    }
}

impl Data {
    /// Where `loaded`'s reference links stand (tracked: views update when they arrive).
    pub fn links(&self, loaded: &Arc<Loaded>) -> Links {
        if loaded.opened.is_some() {
            return Links::Ready(loaded.own_links.clone().unwrap_or_default());
        }
        self.refs.with(|status| match status {
            Some(LinksStatus { dataset, result }) if *dataset == loaded.id => match result {
                Ok(links) => Links::Ready(links.clone()),
                Err(why) => Links::Missing(why.clone()),
            },
            _ => Links::Loading,
        })
    }
}
