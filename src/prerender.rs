//! Each page's first view drawn to HTML at build time, natively, with the app's own
//! components: `atlas-data shells` puts it in the static page GitHub Pages serves for that
//! address, so the page is there — readable without JavaScript, and for search engines and
//! link previews — before any wasm arrives. The app then draws the same view in the browser
//! and takes the static page's place in one step (`app::hand_over`).
//!
//! Natively leptos runs without its `csr` feature: views render to strings and effects do
//! not run, so what a page draws here is what it draws before its first effect in the
//! browser. There is no router (the route is given), no window (`nav::use_go` does nothing,
//! measured widths stay unknown) and no fetch (the dataset and its links are given).

use std::sync::Arc;

use leptos::prelude::*;

use atlas_core::refs::RefLinks;
use atlas_core::route::Route;
use atlas_core::Catalog;

use crate::api::Loaded;
use crate::app::{CurrentPage, Layout};
use crate::components::Loading;
use crate::data::{Bundled, Data, LinksStatus};
use crate::nav::CurrentRoute;

/// A dataset ready to draw pages from, built once for a whole site.
pub struct Site {
    loaded: Arc<Loaded>,
    links: Arc<RefLinks>,
}

impl Site {
    /// `base` is the path the site is served under ("/threat-atlas/").
    pub fn new(catalog: Catalog, links: RefLinks, base: &str) -> Site {
        crate::nav::set_base(base);
        Site {
            loaded: Arc::new(Loaded::new(catalog, Vec::new(), f64::NAN, None)),
            links: Arc::new(links),
        }
    }

    pub fn catalog(&self) -> &Catalog {
        &self.loaded.catalog
    }

    /// The body of the page at `route` (header, page, footer), as the app draws it first.
    pub fn body(&self, route: &Route) -> String {
        self.draw(Some(route.clone()), || view! { <CurrentPage/> }.into_any())
    }

    /// The body of an address that is no page of its own (`404.html`): the app decides what
    /// it is (an actor's former id, a mistyped address), so until then it is loading.
    pub fn loading(&self) -> String {
        self.draw(None, || view! { <Loading/> }.into_any())
    }

    fn draw(&self, route: Option<Route>, page: fn() -> AnyView) -> String {
        let owner = Owner::new();
        owner.with(|| {
            let data = Data {
                bundled: Bundled::Given(StoredValue::new(self.loaded.clone())),
                refs: RwSignal::new(Some(LinksStatus {
                    dataset: self.loaded.id,
                    result: Ok(self.links.clone()),
                })),
                drawn: RwSignal::new(true),
                attempts: RwSignal::new(0),
                opened: RwSignal::new(None),
            };
            provide_context(data);
            leptos_meta::provide_meta_context();
            provide_context(CurrentRoute(Memo::new(move |_| route.clone())));
            view! { <Layout>{page()}</Layout> }.to_html()
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn site() -> Site {
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/public/data/");
        let text = std::fs::read_to_string(format!("{dir}atlas.json")).unwrap();
        let (catalog, _) = atlas_core::parse(&text).unwrap();
        let refs = std::fs::read_to_string(format!("{dir}refs.json")).unwrap();
        let links = RefLinks::parse(&refs, &catalog).unwrap().0;
        Site::new(catalog, links, "/threat-atlas/")
    }

    #[test]
    fn an_actor_page_is_drawn_with_its_content() {
        let site = site();
        let html = site.body(&Route::actor("apt31"));
        for text in [
            "data-testid=\"actor-page\"",
            "Judgment Panda",
            "Violet Typhoon",
            "CrowdStrike",
            "data-testid=\"actor-event\"",
            "data-testid=\"references\"",
            // Links carry the base path.
            "href=\"/threat-atlas/aliases?",
        ] {
            assert!(html.contains(text), "{text}");
        }
        // The page is drawn, not waiting: the data and its links were given.
        assert!(!html.contains("data-testid=\"loading\""));
        assert!(html.contains("data-ready=\"true\""));
        // The header marks the current page; no link of it is an actor's page.
        assert!(!html.contains("aria-current=\"page\""));
    }

    #[test]
    fn every_kind_of_page_is_drawn_and_the_header_marks_it() {
        let site = site();
        for (route, marker) in [
            (Route::home(), "data-testid=\"actor-card\""),
            (Route::names(), "data-testid=\"matrix-row\""),
            (
                Route::default_of(atlas_core::route::PageKind::Timeline),
                "data-testid=\"timeline-list-item\"",
            ),
            (Route::About, "data-testid=\"about-page\""),
            (Route::Open, "data-testid=\"open-page\""),
            (Route::Read, "data-testid=\"story-input\""),
            (Route::Attributions(None), "data-testid=\"party\""),
            (
                Route::Attributions(Some("belgium".into())),
                "data-testid=\"party-year-chart\"",
            ),
            (
                Route::default_of(atlas_core::route::PageKind::Compare),
                "data-testid=\"compare-page\"",
            ),
            (
                Route::actor("no-such-group"),
                "data-testid=\"unknown-actor\"",
            ),
        ] {
            let html = site.body(&route);
            assert!(html.contains(marker), "{route:?}: {marker}");
            assert!(
                html.contains("class=\"site-header\"")
                    && html.contains("data-testid=\"dataset-version\"")
            );
            let current = html.matches("aria-current=\"page\"").count();
            let expected = usize::from(route.kind().page().nav.is_some());
            assert_eq!(current, expected, "{route:?}");
        }
        // The about page states no timing it did not measure.
        assert!(!site
            .body(&Route::About)
            .contains("data-testid=\"parse-time\""));
        assert!(site.loading().contains("data-testid=\"loading\""));
    }
}
