use super::assumptions::AssumptionsPanel;
use super::browser;
use super::editor::Editor;
use super::embed::EmbedView;
use super::findings::Findings;
use super::share::ShareButton;
use super::size_report::SizeReport;
use super::suggestion::Suggestions;
use crate::engine::permalink::{self, View};
use crate::engine::rules::Fix;
use crate::engine::{self, Analysis, Assumptions};
use gloo_timers::callback::Timeout;
use std::rc::Rc;
use yew::prelude::*;

/// How long typing must pause before the analysis reruns.
const DEBOUNCE_MS: u32 = 40;
/// How long the state must be still before the address bar and autosave follow.
const PERSIST_MS: u32 = 300;

/// Options of the compact embed mode (`?embed&theme=dark&view=diff&readonly`).
#[derive(Clone, PartialEq, Default)]
pub struct Embed {
    pub dark: bool,
    pub readonly: bool,
}

/// The whole playground state: one reducer, as in Yew's examples.
#[derive(Clone, PartialEq)]
pub struct AppState {
    pub text: String,
    pub assumptions: Assumptions,
    pub analysis: Rc<Analysis>,
    /// Text and assumptions the analysis was computed from.
    analysed: (String, Assumptions),
    /// The chosen suggestion, by kind (`scratch`…), so it survives edits and links.
    pub selected: Option<String>,
    pub view: View,
    /// A message about the link the page was opened with.
    pub notice: Option<String>,
    pub embed: Option<Embed>,
    /// Texts before each applied fix, newest last.
    pub undo: Vec<String>,
}

pub enum Action {
    Edit(String),
    Analyse,
    /// A table arrived after the first analysis: analyse again with it.
    TableLoaded,
    SetAssumptions(Assumptions),
    Select(String),
    DismissNotice,
    ApplyFix(Fix),
    ApplySafeFixes,
    /// Replaces the text by a rewrite's Dockerfile.
    UseRewrite(String),
    Undo,
}

impl AppState {
    /// The state a page load starts from: the link, else the autosave, else the example.
    fn from_location() -> Self {
        let query = browser::query();
        let has = |k: &str| query.iter().any(|(q, _)| q == k);
        let get = |k: &str| query.iter().find(|(q, _)| q == k).map(|(_, v)| v.as_str());
        let embed = has("embed").then(|| Embed {
            dark: get("theme") == Some("dark"),
            readonly: has("readonly"),
        });
        // The example comes with its article's date; an autosaved text with none.
        let fallback = || {
            let example = || permalink::State {
                text: super::EXAMPLE.to_string(),
                assumptions: engine::Assumptions {
                    as_of: Some(super::EXAMPLE_AS_OF.to_string()),
                    ..Default::default()
                },
                ..Default::default()
            };
            if embed.is_some() {
                example()
            } else {
                browser::load_autosave()
                    .map(|text| permalink::State {
                        text,
                        ..Default::default()
                    })
                    .unwrap_or_else(example)
            }
        };
        let fragment = browser::fragment();
        let (mut link, notice) = if fragment.is_empty() {
            (fallback(), None)
        } else {
            match permalink::decode(&fragment) {
                Ok(s) => (s, None),
                Err(e) => (
                    fallback(),
                    Some(format!(
                        "This link could not be opened: {e}. Showing your last Dockerfile instead."
                    )),
                ),
            }
        };
        if let Some(v) = get("view").and_then(View::parse) {
            link.view = v;
        }
        Self::new(link, notice, embed)
    }

    fn new(link: permalink::State, notice: Option<String>, embed: Option<Embed>) -> Self {
        let analysis = Rc::new(engine::analyze(&link.text, &link.assumptions));
        AppState {
            analysed: (link.text.clone(), link.assumptions.clone()),
            text: link.text,
            assumptions: link.assumptions,
            analysis,
            selected: link.selected,
            view: link.view,
            notice,
            embed,
            undo: Vec::new(),
        }
    }

    /// Index of the selected suggestion in the current analysis.
    pub fn selected_index(&self) -> usize {
        self.selected
            .as_deref()
            .and_then(|k| self.analysis.rewrites.iter().position(|r| r.kind == k))
            .unwrap_or(0)
    }

    /// What a link to this state holds.
    pub fn link_state(&self) -> permalink::State {
        permalink::State {
            text: self.text.clone(),
            selected: self.selected.clone(),
            assumptions: self.assumptions.clone(),
            view: self.view,
        }
    }

    /// The full playground URL of this state.
    pub fn share_url(&self) -> String {
        format!(
            "{}#{}",
            browser::page_base(),
            permalink::encode(&self.link_state())
        )
    }
}

impl AppState {
    /// Replaces the text by a fix's result, keeping the old one for Undo, and re-analyses at once.
    fn set_text_now(&mut self, next: String) {
        if next == self.text {
            return;
        }
        self.undo.push(std::mem::replace(&mut self.text, next));
        self.analysis = Rc::new(engine::analyze(&self.text, &self.assumptions));
        self.analysed = (self.text.clone(), self.assumptions.clone());
    }
}

impl Reducible for AppState {
    type Action = Action;
    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let mut s = (*self).clone();
        match action {
            Action::Edit(t) => {
                // The example's article date goes with the example: a Dockerfile of the
                // user's own is priced with today's builds unless they set a date.
                if s.text == super::EXAMPLE
                    && t != super::EXAMPLE
                    && s.assumptions.as_of.as_deref() == Some(super::EXAMPLE_AS_OF)
                {
                    s.assumptions.as_of = None;
                }
                s.text = t;
            }
            Action::SetAssumptions(a) => {
                s.assumptions = a;
                s.analysis = Rc::new(engine::analyze(&s.text, &s.assumptions));
                s.analysed = (s.text.clone(), s.assumptions.clone());
            }
            Action::Analyse => {
                if s.analysed.0 == s.text && s.analysed.1 == s.assumptions {
                    return self;
                }
                s.analysis = Rc::new(engine::analyze(&s.text, &s.assumptions));
                s.analysed = (s.text.clone(), s.assumptions.clone());
            }
            Action::TableLoaded => {
                s.analysis = Rc::new(engine::analyze(&s.analysed.0, &s.analysed.1));
            }
            Action::Select(kind) => s.selected = Some(kind),
            Action::DismissNotice => s.notice = None,
            Action::ApplyFix(fix) => {
                let next = fix.apply(&s.text);
                s.set_text_now(next);
            }
            Action::ApplySafeFixes => {
                let next = engine::apply_safe_fixes(&s.text);
                s.set_text_now(next);
            }
            Action::UseRewrite(text) => s.set_text_now(text),
            Action::Undo => {
                if let Some(prev) = s.undo.pop() {
                    s.text = prev;
                    s.analysis = Rc::new(engine::analyze(&s.text, &s.assumptions));
                    s.analysed = (s.text.clone(), s.assumptions.clone());
                }
            }
        }
        Rc::new(s)
    }
}

#[function_component(App)]
pub fn app() -> Html {
    let state = use_reducer(AppState::from_location);

    // Tables the last analysis wanted and did not have (another release's packages): the
    // engine hands each out once; fetch it and analyse again when it arrives (until then
    // bookworm's stood in).
    {
        let dispatcher = state.dispatcher();
        use_effect(move || {
            for t in crate::engine::sizes::tables::take_wanted() {
                let d = dispatcher.clone();
                wasm_bindgen_futures::spawn_local(async move {
                    if super::fetch_table(t).await {
                        d.dispatch(Action::TableLoaded);
                    }
                });
            }
        });
    }
    // Rerun the analysis once typing pauses.
    {
        let dispatcher = state.dispatcher();
        use_effect_with(state.text.clone(), move |_| {
            let t = Timeout::new(DEBOUNCE_MS, move || dispatcher.dispatch(Action::Analyse));
            move || drop(t)
        });
    }
    // The address bar and the autosave follow the state, debounced (no history entries).
    {
        let link = state.link_state();
        let embedded = state.embed.is_some();
        use_effect_with(link, move |link| {
            let link = link.clone();
            let t = Timeout::new(PERSIST_MS, move || {
                if !embedded {
                    browser::autosave(&link.text);
                    browser::replace_fragment(&permalink::encode(&link));
                }
            });
            move || drop(t)
        });
    }

    let on_edit = {
        let d = state.dispatcher();
        Callback::from(move |t: String| d.dispatch(Action::Edit(t)))
    };
    let on_select = {
        let d = state.dispatcher();
        Callback::from(move |k: String| d.dispatch(Action::Select(k)))
    };

    if let Some(embed) = &state.embed {
        return html! {
            <EmbedView
                text={state.text.clone()}
                analysis={state.analysis.clone()}
                selected={state.selected_index()}
                view={state.view}
                dark={embed.dark}
                readonly={embed.readonly}
                open_url={state.share_url()}
                notice={state.notice.clone()}
                {on_edit}
            />
        };
    }

    let on_assume = {
        let d = state.dispatcher();
        Callback::from(move |a: Assumptions| d.dispatch(Action::SetAssumptions(a)))
    };
    let dismiss = {
        let d = state.dispatcher();
        Callback::from(move |_| d.dispatch(Action::DismissNotice))
    };
    let a = &state.analysis;
    let stale = state.analysed.0 != state.text;
    let on_apply = {
        let d = state.dispatcher();
        Callback::from(move |f: Fix| d.dispatch(Action::ApplyFix(f)))
    };
    let on_apply_safe = {
        let d = state.dispatcher();
        Callback::from(move |_| d.dispatch(Action::ApplySafeFixes))
    };
    let on_undo = {
        let d = state.dispatcher();
        Callback::from(move |_| d.dispatch(Action::Undo))
    };
    let on_use = {
        let d = state.dispatcher();
        Callback::from(move |t: String| d.dispatch(Action::UseRewrite(t)))
    };
    let highlight: Vec<usize> = a
        .findings
        .iter()
        .flat_map(|f| f.line..=f.end_line)
        .collect();
    let url = {
        let s = state.clone();
        Callback::from(move |_: ()| s.share_url())
    };

    html! {
        <div class="app">
            <header class="topbar">
                <h1>{"Slimfile"}</h1>
                <p class="tagline">{"Paste a Dockerfile: its size layer by layer, and smaller rewrites. Nothing leaves your browser."}</p>
                <ShareButton {url} />
            </header>
            if let Some(n) = &state.notice {
                <div class="notice" data-testid="link-error" role="alert">
                    <span>{n}</span>
                    <button onclick={dismiss} aria-label="Dismiss">{"×"}</button>
                </div>
            }
            <div class="columns">
                <section class="pane editor-pane">
                    <h2>{"Dockerfile"}</h2>
                    <Editor text={state.text.clone()} errors={a.errors.clone()} on_edit={on_edit} readonly={false} {highlight} />
                    <Findings findings={a.findings.clone()} {on_apply} {on_apply_safe} {on_undo} can_undo={!state.undo.is_empty()} />
                    <AssumptionsPanel value={state.assumptions.clone()} on_change={on_assume} targets={a.targets.clone()} defaults={a.before.defaults.clone()} />
                </section>
                <section class={classes!("pane", "results", stale.then_some("stale"))}>
                    <SizeReport estimate={a.before.clone()} />
                    <Suggestions
                        original={state.analysed.0.clone()}
                        before={a.before.bytes}
                        rewrites={a.rewrites.clone()}
                        selected={state.selected_index()}
                        on_select={on_select}
                        {on_use}
                    />
                </section>
            </div>
        </div>
    }
}
