//! Entry point: installs the panic hook and mounts the app. Nothing else lives here.

fn main() {
    #[cfg(target_arch = "wasm32")]
    {
        console_error_panic_hook::set_once();
        threat_atlas::mount();
    }
}
