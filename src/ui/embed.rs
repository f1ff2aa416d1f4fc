use super::browser;
use super::editor::Editor;
use super::mb;
use crate::engine::permalink::View;
use crate::engine::Analysis;
use std::rc::Rc;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct EmbedProps {
    pub text: String,
    pub analysis: Rc<Analysis>,
    pub selected: usize,
    pub view: View,
    pub dark: bool,
    pub readonly: bool,
    /// The full playground with the same state.
    pub open_url: String,
    pub notice: Option<String>,
    pub on_edit: Callback<String>,
}

/// The compact view for docs pages: the Dockerfile, before → after, the chosen
/// suggestion, and a link to the full playground. Reports its height to the parent.
#[function_component(EmbedView)]
pub fn embed_view(p: &EmbedProps) -> Html {
    // After every render the content may have changed height.
    use_effect(|| {
        browser::report_height();
    });
    let a = &p.analysis;
    let sel = a
        .rewrites
        .get(p.selected.min(a.rewrites.len().saturating_sub(1)));
    let body = match (p.view, sel) {
        (View::Before, _) | (_, None) => html! {
            <table class="layers compact">
                { for a.before.layers.iter().map(|l| html! {
                    <tr><td class="ln">{l.line}</td><td class="ins"><code>{&l.instruction}</code></td>
                    <td class="num">{ if l.estimated { mb(l.bytes) } else { "?".into() } }</td></tr>
                }) }
            </table>
        },
        (View::After, Some(r)) => {
            html! { <pre class="rewritten" data-testid="rewritten">{&r.dockerfile}</pre> }
        }
        (View::Diff, Some(r)) => {
            html! { <super::diff_view::DiffView before={p.text.clone()} after={r.dockerfile.clone()} /> }
        }
    };
    html! {
        <div class={classes!("embed", p.dark.then_some("theme-dark"))} data-testid="embed">
            <div class="embed-head">
                <span class="brand">{"Slimfile"}</span>
                <span class="sizes">
                    <span data-testid="before-size" data-bytes={a.before.bytes.to_string()}>{mb(a.before.bytes)}</span>
                    if let Some(r) = sel {
                        {" → "}
                        <span class="after" data-testid={format!("suggestion-{}", r.kind)} data-bytes={r.bytes.to_string()}>{mb(r.bytes)}</span>
                        <span class="title">{format!(" {}", r.title)}</span>
                    }
                </span>
                <a class="open" href={p.open_url.clone()} target="_blank" rel="noopener" data-testid="open-in-slimfile">{"Open in Slimfile ↗"}</a>
            </div>
            if let Some(n) = &p.notice { <div class="notice" role="alert">{n}</div> }
            <div class="embed-body">
                <Editor text={p.text.clone()} errors={a.errors.clone()} on_edit={p.on_edit.clone()} readonly={p.readonly} />
                { body }
            </div>
        </div>
    }
}
