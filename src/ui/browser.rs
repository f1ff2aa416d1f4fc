//! The few browser facilities the playground uses: the URL (query and fragment),
//! history, localStorage, the clipboard, and messages to an embedding page.
//! Every call tolerates their absence (a sandboxed iframe may have no storage).

use wasm_bindgen::JsValue;

const AUTOSAVE_KEY: &str = "slimfile:text";

fn window() -> Option<web_sys::Window> {
    web_sys::window()
}

/// The URL fragment without `#` (empty when none).
pub fn fragment() -> String {
    window()
        .and_then(|w| w.location().hash().ok())
        .map(|h| h.trim_start_matches('#').to_string())
        .unwrap_or_default()
}

/// The query's parameters (`?embed&theme=dark` → [("embed",""),("theme","dark")]).
pub fn query() -> Vec<(String, String)> {
    let search = window()
        .and_then(|w| w.location().search().ok())
        .unwrap_or_default();
    search
        .trim_start_matches('?')
        .split('&')
        .filter(|p| !p.is_empty())
        .map(|p| match p.split_once('=') {
            Some((k, v)) => (k.to_string(), v.to_string()),
            None => (p.to_string(), String::new()),
        })
        .collect()
}

/// The page's address without query and fragment.
pub fn page_base() -> String {
    window()
        .map(|w| {
            let l = w.location();
            format!(
                "{}{}",
                l.origin().unwrap_or_default(),
                l.pathname().unwrap_or_else(|_| "/".into())
            )
        })
        .unwrap_or_default()
}

/// Replaces the fragment without adding a history entry.
pub fn replace_fragment(fragment: &str) {
    let Some(w) = window() else { return };
    let search = w.location().search().unwrap_or_default();
    let url = format!("{}{}#{}", page_base(), search, fragment);
    if let Ok(h) = w.history() {
        let _ = h.replace_state_with_url(&JsValue::NULL, "", Some(&url));
    }
}

fn storage() -> Option<web_sys::Storage> {
    window().and_then(|w| w.local_storage().ok().flatten())
}

pub fn load_autosave() -> Option<String> {
    storage().and_then(|s| s.get_item(AUTOSAVE_KEY).ok().flatten())
}

pub fn autosave(text: &str) {
    if let Some(s) = storage() {
        let _ = s.set_item(AUTOSAVE_KEY, text);
    }
}

/// Copies to the clipboard where the page may (best effort; the link is shown too).
pub fn copy(text: &str) {
    if let Some(w) = window() {
        let _ = w.navigator().clipboard().write_text(text);
    }
}

/// Tells an embedding page how tall the content is.
pub fn report_height() {
    let Some(w) = window() else { return };
    let Ok(Some(parent)) = w.parent() else { return };
    if parent == w {
        return;
    }
    // The embed's own box: the document is at least as tall as the iframe, so
    // measuring it would never let the frame shrink.
    let height = w
        .document()
        .and_then(|d| d.query_selector("[data-testid='embed']").ok().flatten())
        .map(|e| e.get_bounding_client_rect().height().ceil() as i32)
        .unwrap_or(0);
    let msg = js_sys_object(height);
    let _ = parent.post_message(&msg, "*");
}

fn js_sys_object(height: i32) -> JsValue {
    // {type: "slimfile:resize", height}
    let obj = js_sys::Object::new();
    let _ = js_sys::Reflect::set(&obj, &"type".into(), &"slimfile:resize".into());
    let _ = js_sys::Reflect::set(&obj, &"height".into(), &JsValue::from_f64(height as f64));
    obj.into()
}

/// GETs a file next to the page as text (None on any failure).
pub async fn fetch_text(path: &str) -> Option<String> {
    use wasm_bindgen::JsCast;
    use wasm_bindgen_futures::JsFuture;
    let w = window()?;
    let resp = JsFuture::from(w.fetch_with_str(path)).await.ok()?;
    let resp: web_sys::Response = resp.dyn_into().ok()?;
    if !resp.ok() {
        return None;
    }
    JsFuture::from(resp.text().ok()?).await.ok()?.as_string()
}
