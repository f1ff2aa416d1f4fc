//! The browser playground's entry point (built by Trunk for wasm32).

#[cfg(target_arch = "wasm32")]
fn main() {
    console_error_panic_hook::set_once();
    slimfile::ui::start();
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!(
        "slimfile-web is the browser playground: build it with `trunk serve` (see README.md)."
    );
}
