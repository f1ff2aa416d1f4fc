use crate::engine::estimate::Defaults;
use crate::engine::sizes;
use crate::engine::Assumptions;
use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct AssumptionsProps {
    pub value: Assumptions,
    pub on_change: Callback<Assumptions>,
    /// The file's named stages, for `--target`.
    #[prop_or_default]
    pub targets: Vec<String>,
    /// The defaults the estimate took, shown where the field is empty.
    #[prop_or_default]
    pub defaults: Defaults,
}

/// An empty field's placeholder: the default this file's estimate took (MB), "per step"
/// when steps took different ones, "not used" when none did.
fn shown(defaults: &[u64], unknown: bool) -> String {
    match defaults {
        [] if unknown => "unknown: set yours".to_string(),
        [] => "not used".to_string(),
        [b] if !unknown => crate::engine::decimal(*b, 1_000_000, 2),
        _ => "per step".to_string(),
    }
}

/// A value the user set, in MB as they would type it (`6.52`, `120`).
fn megabytes(b: u64) -> String {
    let s = crate::engine::decimal(b, 1_000_000, 6);
    s.trim_end_matches('0').trim_end_matches('.').to_string()
}

/// What the estimate rests on that Slimfile cannot see; empty = the sourced default.
#[function_component(AssumptionsPanel)]
pub fn assumptions_panel(p: &AssumptionsProps) -> Html {
    let field = |id: &'static str,
                 label: &'static str,
                 current: Option<u64>,
                 default: &str,
                 set: fn(&mut Assumptions, Option<u64>)| {
        let v = p.value.clone();
        let cb = p.on_change.clone();
        let onchange = Callback::from(move |e: Event| {
            let i: HtmlInputElement = e.target_unchecked_into();
            let mut a = v.clone();
            // The browser reads the number (NaN when empty or not a number): Rust's float
            // parser would add kilobytes of tables to the WebAssembly.
            let parsed = Some(i.value_as_number()).filter(|x| x.is_finite() && *x >= 0.0);
            set(&mut a, parsed.map(|mb| (mb * 1e6).round() as u64));
            cb.emit(a);
        });
        html! {
            <label class="assumption">
                <span>{label}</span>
                <input type="number" min="0" step="0.1" data-testid={id}
                    placeholder={default.to_string()}
                    value={current.map(megabytes).unwrap_or_default()}
                    {onchange} />
                <span class="unit">{"MB"}</span>
            </label>
        }
    };
    // The build date picks the base images' builds of then (`t=` in a link, `--as-of` in the CLI).
    let date = {
        let v = p.value.clone();
        let cb = p.on_change.clone();
        let onchange = Callback::from(move |e: Event| {
            let i: HtmlInputElement = e.target_unchecked_into();
            let t = i.value().trim().to_string();
            let mut a = v.clone();
            if t.is_empty() {
                a.as_of = None;
            } else if sizes::is_build_date(&t) {
                a.as_of = Some(t);
            } else {
                // Not a date: say so and leave the estimate as it was.
                i.set_custom_validity("YYYY, YYYY-MM or YYYY-MM-DD");
                i.report_validity();
                return;
            }
            i.set_custom_validity("");
            cb.emit(a);
        });
        html! {
            <>
            <label class="assumption">
                <span>{"Build date (YYYY-MM): base images as built then"}</span>
                <input type="text" inputmode="numeric" data-testid="assume-date"
                    placeholder="today" size="10"
                    value={p.value.as_of.clone().unwrap_or_default()}
                    {onchange} />
                <span class="unit"></span>
            </label>
            if let Some(d) = &p.value.as_of {
                <p class="note" data-testid="assume-date-note">
                    {format!("Base images as built by {d}{}; empty the field for today's builds.",
                        if d == super::EXAMPLE_AS_OF { " (the example's article date; editing the example clears it)" } else { "" })}
                </p>
            }
            </>
        }
    };
    // `docker build --target`: which stage is built (`g=` in a link, `--target` in the CLI).
    let target = {
        let v = p.value.clone();
        let cb = p.on_change.clone();
        let onchange = Callback::from(move |e: Event| {
            let s: HtmlSelectElement = e.target_unchecked_into();
            let mut a = v.clone();
            let t = s.value();
            a.target = (!t.is_empty()).then_some(t);
            cb.emit(a);
        });
        let current = p.value.target.clone().unwrap_or_default();
        // A target the text no longer names stays listed, so the choice is visible; the
        // analysis reports it as not found.
        let mut names = p.targets.clone();
        if !current.is_empty() && !names.iter().any(|n| n.eq_ignore_ascii_case(&current)) {
            names.push(current.clone());
        }
        (!names.is_empty()).then(|| html! {
            <label class="assumption">
                <span>{"Build target (docker build --target)"}</span>
                <select data-testid="assume-target" {onchange}>
                    <option value="" selected={current.is_empty()}>{"last stage"}</option>
                    { for names.iter().map(|n| html! {
                        <option value={n.clone()} selected={n.eq_ignore_ascii_case(&current)}>{n}</option>
                    }) }
                </select>
                <span class="unit"></span>
            </label>
        })
    };
    html! {
        <details class="card assumptions" open=true>
            <summary>{"Assumptions"}</summary>
            <p class="note">{"Slimfile cannot see your build context or your program. Empty fields use the default shown (the one this file's estimate took); set yours and every number updates."}</p>
            { field("assume-context", "Build context (COPY . .)", p.value.context_bytes,
                &shown(&p.defaults.context, false), |a, v| a.context_bytes = v) }
            { field("assume-artifact", "Built program (binary)", p.value.artifact_bytes,
                &shown(&p.defaults.artifact, p.defaults.artifact_unknown), |a, v| a.artifact_bytes = v) }
            { field("assume-deps", "Downloaded dependencies", p.value.dependencies_bytes,
                &shown(&p.defaults.dependencies, p.defaults.dependencies_unknown), |a, v| a.dependencies_bytes = v) }
            // Only when a base image is not in the table (a stand-in or nothing stands for it).
            if !p.defaults.base.is_empty() || p.defaults.base_unknown || p.value.base_bytes.is_some() {
                { field("assume-base", "Base image not in the table", p.value.base_bytes,
                    &shown(&p.defaults.base, p.defaults.base_unknown), |a, v| a.base_bytes = v) }
            }
            { date }
            { for target }
        </details>
    }
}
