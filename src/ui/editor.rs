use crate::engine::Diagnostic;
use web_sys::HtmlTextAreaElement;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct EditorProps {
    pub text: String,
    pub errors: Vec<Diagnostic>,
    pub on_edit: Callback<String>,
    #[prop_or_default]
    pub readonly: bool,
    /// Lines with findings.
    #[prop_or_default]
    pub highlight: Vec<usize>,
}

/// A textarea with a line-number gutter; lines with errors are marked and explained.
#[function_component(Editor)]
pub fn editor(p: &EditorProps) -> Html {
    let gutter = use_node_ref();
    let oninput = {
        let cb = p.on_edit.clone();
        Callback::from(move |e: InputEvent| {
            let t: HtmlTextAreaElement = e.target_unchecked_into();
            cb.emit(t.value());
        })
    };
    let onscroll = {
        let gutter = gutter.clone();
        Callback::from(move |e: Event| {
            let t: HtmlTextAreaElement = e.target_unchecked_into();
            if let Some(g) = gutter.cast::<web_sys::Element>() {
                g.set_scroll_top(t.scroll_top());
            }
        })
    };
    let lines = p.text.split('\n').count().max(1);
    let error_lines: Vec<usize> = p.errors.iter().map(|e| e.line).collect();
    html! {
        <div class="editor-wrap">
            <div class="editor">
                <div class="gutter" ref={gutter} aria-hidden="true">
                    { for (1..=lines).map(|n| html! {
                        <div class={classes!("ln", error_lines.contains(&n).then_some("err"), p.highlight.contains(&n).then_some("hl"))}>{n}</div>
                    }) }
                </div>
                <textarea
                    data-testid="editor"
                    spellcheck="false"
                    autocomplete="off"
                    aria-label="Dockerfile"
                    value={p.text.clone()}
                    readonly={p.readonly}
                    rows={(lines + 1).to_string()}
                    {oninput}
                    {onscroll}
                />
            </div>
            if !p.errors.is_empty() {
                <ul class="errors" data-testid="errors">
                    { for p.errors.iter().map(|e| html! {
                        <li>{ if e.line > 0 { format!("Line {}: {}", e.line, e.message) } else { e.message.clone() } }</li>
                    }) }
                </ul>
            }
        </div>
    }
}
