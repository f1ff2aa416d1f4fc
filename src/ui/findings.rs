use super::mb;
use crate::engine::rules::{Finding, Fix};
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct FindingsProps {
    pub findings: Vec<Finding>,
    pub on_apply: Callback<Fix>,
    pub on_apply_safe: Callback<()>,
    pub on_undo: Callback<()>,
    pub can_undo: bool,
}

/// What wastes space, largest saving first, each with its fix.
#[function_component(Findings)]
pub fn findings(p: &FindingsProps) -> Html {
    let safe = p
        .findings
        .iter()
        .filter(|f| f.fix.as_ref().is_some_and(|x| x.safe))
        .count();
    let total: u64 = p.findings.iter().map(|f| f.saves_bytes).sum();
    let apply_safe = {
        let cb = p.on_apply_safe.clone();
        Callback::from(move |_| cb.emit(()))
    };
    let undo = {
        let cb = p.on_undo.clone();
        Callback::from(move |_| cb.emit(()))
    };
    html! {
        <div class="card findings" data-testid="findings">
            <div class="findings-head">
                <h2>{format!("Findings ({})", p.findings.len())}</h2>
                if total > 0 { <span class="note">{format!("fixes save up to {}", mb(total))}</span> }
                <span class="spacer"></span>
                <button data-testid="apply-safe" disabled={safe == 0} onclick={apply_safe}>{format!("Apply all safe fixes ({safe})")}</button>
                <button data-testid="undo" disabled={!p.can_undo} onclick={undo}>{"Undo"}</button>
            </div>
            if p.findings.is_empty() {
                <p class="note">{"Nothing to report."}</p>
            }
            <ul>
            { for p.findings.iter().map(|f| {
                let apply = f.fix.clone().map(|fix| {
                    let cb = p.on_apply.clone();
                    let title = fix.title.clone();
                    let safe = fix.safe;
                    let onclick = Callback::from(move |_| cb.emit(fix.clone()));
                    html! { <button class="apply" data-testid={format!("apply-{}", f.code)} title={title.clone()} {onclick}>
                        { if safe { "Apply" } else { "Apply (check)" } }</button> }
                });
                html! {
                    <li class="finding" data-code={f.code} data-line={f.line.to_string()} data-saves={f.saves_bytes.to_string()}>
                        <span class="saves">{ if f.saves_bytes > 0 { format!("−{}", mb(f.saves_bytes)) } else { "—".into() } }</span>
                        <span class="where">{ if f.line == f.end_line { format!("line {}", f.line) } else { format!("lines {}–{}", f.line, f.end_line) } }</span>
                        <span class="msg">
                            <code class="code">{f.code}</code>
                            { f.hadolint.map(|h| html!{ <code class="hadolint" title="hadolint rule">{h}</code> }).unwrap_or_default() }
                            {" "}{&f.message}
                            { f.fix.as_ref().map(|x| html!{ <span class="fix-title">{format!(" Fix: {}.", x.title)}</span> }).unwrap_or_default() }
                        </span>
                        { apply.unwrap_or_default() }
                    </li>
                }
            }) }
            </ul>
        </div>
    }
}
