use crate::engine::rewrite::diff::{line_diff, Change};
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct DiffViewProps {
    pub before: String,
    pub after: String,
}

/// The rewrite as a line diff against the user's Dockerfile.
#[function_component(DiffView)]
pub fn diff_view(p: &DiffViewProps) -> Html {
    let lines = line_diff(&p.before, &p.after);
    html! {
        <pre class="diff" data-testid="diff">
            { for lines.iter().map(|l| {
                let (class, mark) = match l.change {
                    Change::Same => ("same", ' '),
                    Change::Added => ("add", '+'),
                    Change::Removed => ("del", '-'),
                };
                html! { <div class={class}>{format!("{mark} {}", l.text)}</div> }
            }) }
        </pre>
    }
}
