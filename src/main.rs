//! Entry point: installs the panic hook and mounts the app. Nothing else lives here.

mod api;
mod app;
mod components;
mod data;
mod export;
mod files;
mod nav;
mod pages;

fn main() {
    console_error_panic_hook::set_once();
    app::mount();
}
