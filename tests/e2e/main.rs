//! End-to-end tests: the release build, served like GitHub Pages under `/threat-atlas/`,
//! driven in headless Chromium through chromedriver.
//!
//! `make test` builds the site first (into `target/e2e-dist`, or `$ATLAS_E2E_DIST`). Each
//! test starts its own static server and browser, so tests are independent; `scripts/test.sh`
//! runs them one at a time because this machine has two cores.

mod support;

/// The walking skeleton: loading, routing under a sub-path, deep links, error panels.
mod skeleton;

/// Pages drawn at build time: their content as fetched, without JavaScript, and the app
/// taking their place.
mod prerender;

/// The real merged dataset: vendor names, curated names and the Belgian statement.
mod dataset;

/// Browser benchmarks, ignored unless `make bench` asks for them.
mod bench;

/// CPU profiles of the hot interactions, run by hand.
mod profile;

/// Search, cards, facets, URL state and keyboard use on the home page.
mod search;

/// "Read a story": a pasted text's groups, names, shared names and unknown names.
mod read;
/// "Who said it", the home page before any query, naming histories and the matrix's order.
mod said;

/// The alias cross-reference: matrix, lookup, shared names, compare and export.
mod aliases;

/// The attribution timeline: layout drawn as SVG, filters, panel, list, URL state.
mod timeline;

/// Offline use through the service worker, and updates to a new build.
mod offline;

/// axe-core on every route, desktop and phone.
mod accessibility;

/// The Content-Security-Policy, and no request leaving the page's origin.
mod security;

/// "Open dataset…" (MISP, STIX, this app's schema; picker, drag and drop, URL), bad files,
/// and the CSV / JSON / STIX 2.1 exports.
mod open;
