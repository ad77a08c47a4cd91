//! The dataset context every page reads: the bundled dataset, its reference links, and a
//! dataset the reader opened. The shell (`app.rs`) provides it; pages and components read it.

use std::sync::Arc;

use leptos::prelude::*;

use crate::api::{DataResult, Loaded};

/// The dataset every page reads, shared through context: the bundled one (fetched once per
/// page load, with the number of times the reader asked to try again), and a dataset the
/// reader opened, which every view shows instead until they go back.
#[derive(Clone, Copy)]
pub struct Data {
    pub bundled: LocalResource<DataResult>,
    /// The last attempt to add the bundled dataset's reference links, fetched after the
    /// first paint, to its catalog. Read it through [`Data::links`]. A plain signal, not the
    /// resource: a read inside `<Suspense>` would make the page wait for the links.
    pub refs: RwSignal<Option<LinksStatus>>,
    /// Whether a page has drawn the bundled dataset yet (the links wait for that).
    pub drawn: RwSignal<bool>,
    pub attempts: RwSignal<u32>,
    pub opened: RwSignal<Option<Arc<Loaded>>>,
}

/// How the reference links of one loaded dataset fared.
#[derive(Clone, Debug, PartialEq)]
pub struct LinksStatus {
    /// Which `Loaded` this is about (its `id`): after "Try again" the old status must not
    /// speak for the new dataset.
    pub(crate) dataset: u64,
    pub(crate) result: Result<(), String>,
}

/// Where a dataset's reference links stand, for a view.
#[derive(Clone, Debug, PartialEq)]
pub enum Links {
    /// The dataset carries them, or they have been added.
    Ready,
    Loading,
    /// Why they are missing.
    Missing(String),
}

impl Data {
    /// Where `loaded`'s reference links stand (tracked: views update when they arrive).
    pub fn links(&self, loaded: &Arc<Loaded>) -> Links {
        let status = self.refs.get();
        if loaded.opened.is_some() || loaded.catalog.has_attached_refs() {
            return Links::Ready;
        }
        match status {
            Some(LinksStatus {
                dataset,
                result: Err(why),
            }) if dataset == loaded.id => Links::Missing(why),
            _ => Links::Loading,
        }
    }
}
