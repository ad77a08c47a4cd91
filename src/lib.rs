//! The app: its shell, pages and components. In the browser (`src/main.rs`) it mounts and
//! takes over the page; natively, `prerender` draws each page's first view to HTML with the
//! same components, for the static pages `make dist` writes.

#![recursion_limit = "256"]

mod api;
mod app;
#[cfg(target_arch = "wasm32")]
pub use app::mount;
pub use app::App;
mod components;
mod data;
mod export;
mod files;
mod nav;
mod pages;
#[cfg(not(target_arch = "wasm32"))]
pub mod prerender;
mod worker;
