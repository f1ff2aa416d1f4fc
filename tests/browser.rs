//! The playground in a real browser (wasm-bindgen-test, headless Chromium):
//! mount the app, type into the editor, read the numbers it renders.
#![cfg(target_arch = "wasm32")]

use gloo_timers::future::TimeoutFuture;
use slimfile::ui::App;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{Element, Event, EventInit, HtmlTextAreaElement};

wasm_bindgen_test_configure!(run_in_browser);

fn document() -> web_sys::Document {
    web_sys::window().unwrap().document().unwrap()
}

async fn mount() -> Element {
    // The page fetches the package tables; the test loads the same files directly.
    use slimfile::engine::sizes::tables::{load, Table};
    for (table, text) in [
        (Table::Apt, include_str!("../data/apt/bookworm.tsv")),
        (Table::AptBullseye, include_str!("../data/apt/bullseye.tsv")),
        (Table::AptTrixie, include_str!("../data/apt/trixie.tsv")),
        (Table::AptFocal, include_str!("../data/apt/focal.tsv")),
        (Table::AptJammy, include_str!("../data/apt/jammy.tsv")),
        (Table::AptNoble, include_str!("../data/apt/noble.tsv")),
        (
            Table::Apk,
            include_str!("../data/apk/alpine-installed-sizes.tsv"),
        ),
        (Table::ApkDepends, include_str!("../data/apk/depends.tsv")),
        (Table::ApkClosures, include_str!("../data/apk/closures.tsv")),
        (Table::Npm, include_str!("../data/npm/packages.tsv")),
        (Table::Pip, include_str!("../data/pip/wheels.tsv")),
        (
            Table::PipHistory,
            include_str!("../data/pip/wheels-history.tsv"),
        ),
        (Table::Base, include_str!("../data/base-images.tsv")),
        (
            Table::PhpExtensions,
            include_str!("../data/php/extensions.tsv"),
        ),
        (
            Table::JlinkModules,
            include_str!("../data/java/jlink-modules.tsv"),
        ),
        (Table::Gems, include_str!("../data/ruby/gems.tsv")),
        (
            Table::PermalinkDict,
            include_str!("../data/permalink-dict-v1.txt"),
        ),
    ] {
        load(table, text.into());
    }
    // Each test starts like a first visit: no autosave, no link in the address bar.
    let w = web_sys::window().unwrap();
    if let Ok(Some(s)) = w.local_storage() {
        s.clear().unwrap();
    }
    let path = w.location().pathname().unwrap();
    w.history()
        .unwrap()
        .replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&path))
        .unwrap();
    let root = document().create_element("div").unwrap();
    document().body().unwrap().append_child(&root).unwrap();
    yew::Renderer::<App>::with_root(root.clone()).render();
    TimeoutFuture::new(50).await;
    root
}

fn bytes(root: &Element, testid: &str) -> Option<u64> {
    root.query_selector(&format!("[data-testid='{testid}']"))
        .ok()
        .flatten()
        .and_then(|e| e.get_attribute("data-bytes"))
        .and_then(|b| b.parse().ok())
}

async fn type_text(root: &Element, text: &str) {
    let ta: HtmlTextAreaElement = root
        .query_selector("[data-testid='editor']")
        .unwrap()
        .unwrap()
        .dyn_into()
        .unwrap();
    ta.set_value(text);
    let init = EventInit::new();
    init.set_bubbles(true);
    let ev = Event::new_with_event_init_dict("input", &init).unwrap();
    ta.dispatch_event(&ev).unwrap();
    // Debounce is 40 ms; give the render a moment too.
    TimeoutFuture::new(150).await;
}

fn near(bytes: u64, mb: f64) -> bool {
    ((bytes as f64 / 1e6) - mb).abs() / mb <= 0.10
}

#[wasm_bindgen_test]
async fn example_loads_with_the_seed_numbers() {
    let root = mount().await;
    let before = bytes(&root, "before-size").expect("before size rendered");
    assert!(near(before, 359.0), "before {before}");
    assert!(near(bytes(&root, "suggestion-multi-stage").unwrap(), 12.0));
    assert!(near(bytes(&root, "suggestion-scratch").unwrap(), 6.66));
}

#[wasm_bindgen_test]
async fn typing_updates_the_estimate_and_errors_keep_the_text() {
    let root = mount().await;
    type_text(&root, "FROM alpine:3.16\nCOPY . .\n").await;
    let after = bytes(&root, "before-size").unwrap();
    assert!(after < 10_000_000, "alpine + context: {after}");
    assert!(
        bytes(&root, "suggestion-scratch").is_none(),
        "no Go, no Go rewrite"
    );

    type_text(&root, "FROM alpine:3.16\nENV PATH\nCOPY . .\n").await;
    let errors = root
        .query_selector("[data-testid='errors']")
        .unwrap()
        .expect("error list shown");
    assert!(
        errors.text_content().unwrap().contains("Line 2"),
        "{:?}",
        errors.text_content()
    );
    let ta: HtmlTextAreaElement = root
        .query_selector("[data-testid='editor']")
        .unwrap()
        .unwrap()
        .dyn_into()
        .unwrap();
    assert!(ta.value().contains("ENV"), "the user's text is kept");
    assert!(
        bytes(&root, "before-size").unwrap() > 5_000_000,
        "the rest is still analysed"
    );
}

#[wasm_bindgen_test]
async fn assumptions_move_the_numbers() {
    let root = mount().await;
    let before = bytes(&root, "before-size").unwrap();
    let input: web_sys::HtmlInputElement = root
        .query_selector("[data-testid='assume-context']")
        .unwrap()
        .unwrap()
        .dyn_into()
        .unwrap();
    input.set_value("100");
    let init = EventInit::new();
    init.set_bubbles(true);
    input
        .dispatch_event(&Event::new_with_event_init_dict("change", &init).unwrap())
        .unwrap();
    TimeoutFuture::new(100).await;
    let after = bytes(&root, "before-size").unwrap();
    assert!(after > before + 90_000_000, "{before} -> {after}");
}
