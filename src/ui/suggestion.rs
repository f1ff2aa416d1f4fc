use super::mb;
use crate::engine::Rewrite;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct SuggestionsProps {
    pub original: String,
    pub before: u64,
    pub rewrites: Vec<Rewrite>,
    pub selected: usize,
    pub on_select: Callback<String>,
    /// Puts a rewrite into the editor (Undo brings the text back).
    pub on_use: Callback<String>,
}

/// Suggestion tabs; the selected one shows the rewrite beside the original.
#[function_component(Suggestions)]
pub fn suggestions(p: &SuggestionsProps) -> Html {
    // The text last copied, so the button says so until another rewrite is shown. (Hooks
    // come before any early return: Yew needs them in the same order on every render.)
    let copied = use_state(|| None::<String>);
    if p.rewrites.is_empty() {
        return html! {
            <div class="card suggestions empty">
                <h2>{"Suggestions"}</h2>
                <p>{"No rewrite found for this Dockerfile yet."}</p>
            </div>
        };
    }
    let max = p
        .before
        .max(p.rewrites.iter().map(|r| r.bytes).max().unwrap_or(1))
        .max(1);
    let bar = |label: &str, bytes: u64, class: &str| {
        // Tenths of a percent, at least half of one.
        let pct = (bytes.saturating_mul(1000) / max).max(5);
        html! {
            <div class="sizebar">
                <span class="label">{label.to_string()}</span>
                <div class="track"><div class={classes!("fill", class.to_string())} style={format!("width:{}%", crate::engine::decimal(pct, 10, 1))}></div></div>
                <span class="num">{mb(bytes)}</span>
            </div>
        }
    };
    let sel = &p.rewrites[p.selected.min(p.rewrites.len() - 1)];
    let use_it = {
        let (cb, text) = (p.on_use.clone(), sel.dockerfile.clone());
        Callback::from(move |_| cb.emit(text.clone()))
    };
    let copy = {
        let (text, copied) = (sel.dockerfile.clone(), copied.clone());
        Callback::from(move |_| {
            super::browser::copy(&text);
            copied.set(Some(text.clone()));
        })
    };
    let copy_label = if copied.as_deref() == Some(sel.dockerfile.as_str()) {
        "Copied"
    } else {
        "Copy"
    };
    html! {
        <div class="card suggestions">
            <h2>{"Suggestions"}</h2>
            <div class="tabs" role="tablist">
                { for p.rewrites.iter().enumerate().map(|(i, r)| {
                    let onclick = { let cb = p.on_select.clone(); let kind = r.kind.to_string(); Callback::from(move |_| cb.emit(kind.clone())) };
                    html! {
                        <button role="tab" class={classes!("tab", (i == p.selected).then_some("active"))}
                            aria-selected={(i == p.selected).to_string()}
                            data-testid={format!("suggestion-{}", r.kind)}
                            data-bytes={r.bytes.to_string()}
                            {onclick}>
                            <span class="kind">{r.kind}</span>
                            <span class="size">{mb(r.bytes)}</span>
                            <span class="ratio">{
                                if r.estimate.unestimated > 0 { format!("+ {} step(s) not estimated", r.estimate.unestimated) }
                                else { crate::engine::smaller(p.before, r.bytes) }
                            }</span>
                        </button>
                    }
                }) }
            </div>
            <div class="suggestion" data-testid="selected-suggestion">
                <h3>{&sel.title}</h3>
                <p class="why">{format!("Why this base: {}", sel.why)}</p>
                { bar("before", p.before, "before") }
                { bar("after", sel.bytes, "after") }
                <p class="saving">{format!("{} (range {} – {}), saves {}", mb(sel.bytes), mb(sel.low), mb(sel.high), mb(sel.saves_bytes))}</p>
                if sel.estimate.unestimated > 0 {
                    <p class="warn" data-testid="rewrite-unestimated">{format!(
                        "{} step(s) of this rewrite are not estimated (what they copy was not produced by a step Slimfile models), so its size is a lower bound: set the artifact size under Assumptions.",
                        sel.estimate.unestimated
                    )}</p>
                }
                <div class="side-by-side">
                    <div><h4>{"Original"}</h4><pre>{&p.original}</pre></div>
                    <div>
                        <h4>{"Rewritten"}
                            <button data-testid="copy-rewrite" onclick={copy}>{copy_label}</button>
                            <button data-testid="use-rewrite" onclick={use_it}
                                title="Put this Dockerfile in the editor (Undo brings yours back)">{"Edit this version"}</button>
                        </h4>
                        <pre data-testid="rewritten">{&sel.dockerfile}</pre>
                    </div>
                </div>
                <h4>{"Changes"}</h4>
                <super::diff_view::DiffView before={p.original.clone()} after={sel.dockerfile.clone()} />
                <h4>{"Check before you switch"}</h4>
                <ul class="caveats">{ for sel.caveats.iter().map(|c| html!{ <li>{c}</li> }) }</ul>
            </div>
        </div>
    }
}
