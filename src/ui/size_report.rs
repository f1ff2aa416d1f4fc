use super::mb;
use crate::engine::Estimate;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct SizeReportProps {
    pub estimate: Estimate,
}

/// The "before" card: total with range, then a bar per layer with its basis.
#[function_component(SizeReport)]
pub fn size_report(p: &SizeReportProps) -> Html {
    let e = &p.estimate;
    let max = e.layers.iter().map(|l| l.bytes).max().unwrap_or(1).max(1);
    html! {
        <div class="card before">
            <h2>{"Estimated image size"}</h2>
            <div class="total" data-testid="before-size" data-bytes={e.bytes.to_string()}>
                <span class="big">{mb(e.bytes)}</span>
                <span class="range">{format!("range {} – {}", mb(e.low), mb(e.high))}</span>
            </div>
            <p class="note containerd" data-testid="containerd-size">{ containerd_note(e) }</p>
            if e.unestimated > 0 {
                <p class="warn">{format!("{} step(s) not estimated yet: their size is unknown and not counted.", e.unestimated)}</p>
            }
            if e.partial > 0 {
                <p class="warn" data-testid="partial">{format!("{} step(s) estimated in part: commands Slimfile does not model are not counted, so those sizes are lower bounds.", e.partial)}</p>
            }
            <p class="note" data-testid="final-stage">{ final_stage_note(&e.final_stage, e.target.as_deref()) }</p>
            <table class="layers">
                <thead><tr><th>{"line"}</th><th>{"instruction"}</th><th class="num">{"adds"}</th><th>{""}</th></tr></thead>
                <tbody>
                { for e.layers.iter().map(|l| {
                    // Tenths of a percent; a layer that adds anything shows at least half of one.
                    let pct = if l.estimated { (l.bytes.saturating_mul(1000) / max).max(if l.bytes > 0 { 5 } else { 0 }) } else { 0 };
                    html! {
                        <>
                        <tr class={classes!("layer", (!l.estimated).then_some("unknown"))}>
                            <td class="ln">{l.line}</td>
                            <td class="ins"><code>{&l.instruction}</code></td>
                            <td class="num">{ if l.estimated { mb(l.bytes) } else { "?".to_string() } }</td>
                            <td class="bar"><div class="fill" style={format!("width:{}%", crate::engine::decimal(pct, 10, 1))}></div></td>
                        </tr>
                        <tr class="basis"><td></td><td colspan="3">
                            { if l.estimated && l.low != l.high { format!("{} (range {} – {})", l.basis, mb(l.low), mb(l.high)) } else { l.basis.clone() } }
                        </td></tr>
                        </>
                    }
                }) }
                </tbody>
            </table>
        </div>
    }
}

/// What `docker images` shows with the containerd image store, which keeps the
/// compressed layers beside the unpacked ones.
fn containerd_note(e: &Estimate) -> String {
    let (du, lo, hi) = e.containerd_disk_usage();
    format!(
        "With the containerd image store (fresh installs of Docker Engine 29+ and Desktop 4.34+), docker images shows disk usage {} (range {} – {}): these files plus the compressed layers, {} (content size, the download).",
        mb(du),
        mb(lo),
        mb(hi),
        mb(e.compressed)
    )
}

fn final_stage_note(stage: &str, target: Option<&str>) -> String {
    if let Some(t) = target {
        return format!(
            "Built with --target {t}: stage {t} ships; earlier stages are build-only and later ones are not built."
        );
    }
    match stage {
        "" => "No stage to estimate.".to_string(),
        "0" => "Single stage: every layer ships.".to_string(),
        s if s.chars().all(|c| c.is_ascii_digit()) => {
            format!("Only the final stage (#{s}) ships; earlier stages are build-only.")
        }
        s => format!("Only the final stage ({s}) ships; earlier stages are build-only."),
    }
}
