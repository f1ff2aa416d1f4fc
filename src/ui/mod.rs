//! The Yew playground. It renders the engine's [`Analysis`](crate::engine::Analysis)
//! and dispatches edits; it computes nothing itself.

mod app;
mod assumptions;
mod browser;
mod diff_view;
mod editor;
mod embed;
mod findings;
mod share;
mod size_report;
mod suggestion;

pub use app::App;

/// The Dockerfile the playground opens with: the seed case's single-stage Go build.
pub const EXAMPLE: &str = "FROM golang:1.19-alpine\nWORKDIR /build\nCOPY go.mod .\nRUN go mod download\nCOPY . .\nRUN go build -o /main main.go\nENTRYPOINT [\"/main\"]\n";

/// The example's article date (2022-08-19): the example opens with its base images as
/// built then, so it shows the article's 359 MB → 12 MB → 6.66 MB. Emptying the
/// assumptions panel's date gives today's builds, and so does editing the example.
pub const EXAMPLE_AS_OF: &str = "2022-08";

/// Fetches the core package tables (files next to the page), all at once, then mounts the
/// app when the last has arrived (or failed: a table that did not load reads as empty, and
/// its packages show as not in the table). The app fetches the other releases' tables
/// itself, when an analysis wants one ([`fetch_table`]).
pub fn start() {
    use crate::engine::sizes::tables::Table;
    use std::cell::Cell;
    use std::rc::Rc;
    let pending = Rc::new(Cell::new(Table::CORE.len()));
    for t in Table::CORE {
        let pending = pending.clone();
        wasm_bindgen_futures::spawn_local(async move {
            fetch_table(t).await;
            pending.set(pending.get() - 1);
            if pending.get() == 0 {
                mount();
            }
        });
    }
}

/// Fetches one table and installs it; false when it could not be loaded.
pub(crate) async fn fetch_table(t: crate::engine::sizes::tables::Table) -> bool {
    use crate::engine::sizes::tables;
    match browser::fetch_text(t.file()).await {
        Some(text) => tables::load(t, text),
        None => {
            web_sys::console::warn_1(&format!("Slimfile: could not load {}", t.file()).into());
            false
        }
    }
}

/// Mounts the app on `<main id="app">` (or the body).
fn mount() {
    let root = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id("app"));
    match root {
        Some(el) => {
            yew::Renderer::<App>::with_root(el).render();
        }
        None => {
            yew::Renderer::<App>::new().render();
        }
    }
}

/// Megabytes for display, `docker images` style (decimal).
pub(crate) fn mb(bytes: u64) -> String {
    crate::engine::fmt_bytes(bytes)
}
