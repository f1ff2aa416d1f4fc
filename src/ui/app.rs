use super::assumptions::AssumptionsPanel;
use super::editor::Editor;
use super::size_report::SizeReport;
use super::suggestion::Suggestions;
use crate::engine::{self, Analysis, Assumptions};
use gloo_timers::callback::Timeout;
use std::rc::Rc;
use yew::prelude::*;

/// How long typing must pause before the analysis reruns.
const DEBOUNCE_MS: u32 = 40;

/// The whole playground state: one reducer, as in Yew's examples.
#[derive(Clone, PartialEq)]
pub struct AppState {
    pub text: String,
    pub assumptions: Assumptions,
    pub analysis: Rc<Analysis>,
    /// Text and assumptions the analysis was computed from.
    analysed: (String, Assumptions),
    pub selected: usize,
}

pub enum Action {
    Edit(String),
    Analyse,
    SetAssumptions(Assumptions),
    Select(usize),
}

impl AppState {
    fn new(text: String) -> Self {
        let a = Assumptions::default();
        let analysis = Rc::new(engine::analyze(&text, &a));
        AppState {
            analysed: (text.clone(), a.clone()),
            text,
            assumptions: a,
            analysis,
            selected: 0,
        }
    }
}

impl Reducible for AppState {
    type Action = Action;
    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let mut s = (*self).clone();
        match action {
            Action::Edit(t) => s.text = t,
            Action::SetAssumptions(a) => {
                s.assumptions = a;
                s.analysed.1 = s.assumptions.clone();
                s.analysis = Rc::new(engine::analyze(&s.text, &s.assumptions));
                s.analysed.0 = s.text.clone();
            }
            Action::Analyse => {
                if s.analysed == (s.text.clone(), s.assumptions.clone()) {
                    return self;
                }
                s.analysis = Rc::new(engine::analyze(&s.text, &s.assumptions));
                s.analysed = (s.text.clone(), s.assumptions.clone());
            }
            Action::Select(i) => s.selected = i,
        }
        if s.selected >= s.analysis.rewrites.len() {
            s.selected = 0;
        }
        Rc::new(s)
    }
}

#[function_component(App)]
pub fn app() -> Html {
    let state = use_reducer(|| AppState::new(super::EXAMPLE.to_string()));

    // Rerun the analysis once typing pauses.
    {
        let dispatcher = state.dispatcher();
        use_effect_with(state.text.clone(), move |_| {
            let t = Timeout::new(DEBOUNCE_MS, move || dispatcher.dispatch(Action::Analyse));
            move || drop(t)
        });
    }

    let on_edit = {
        let d = state.dispatcher();
        Callback::from(move |t: String| d.dispatch(Action::Edit(t)))
    };
    let on_assume = {
        let d = state.dispatcher();
        Callback::from(move |a: Assumptions| d.dispatch(Action::SetAssumptions(a)))
    };
    let on_select = {
        let d = state.dispatcher();
        Callback::from(move |i: usize| d.dispatch(Action::Select(i)))
    };
    let a = &state.analysis;
    let stale = state.analysed.0 != state.text;

    html! {
        <div class="app">
            <header class="topbar">
                <h1>{"Slimfile"}</h1>
                <p class="tagline">{"Paste a Dockerfile: its size layer by layer, and smaller rewrites. Nothing leaves your browser."}</p>
            </header>
            <div class="columns">
                <section class="pane editor-pane">
                    <h2>{"Dockerfile"}</h2>
                    <Editor text={state.text.clone()} errors={a.errors.clone()} on_edit={on_edit} />
                    <AssumptionsPanel value={state.assumptions.clone()} on_change={on_assume} />
                </section>
                <section class={classes!("pane", "results", stale.then_some("stale"))}>
                    <SizeReport estimate={a.before.clone()} />
                    <Suggestions
                        original={state.analysed.0.clone()}
                        before={a.before.bytes}
                        rewrites={a.rewrites.clone()}
                        selected={state.selected}
                        on_select={on_select}
                    />
                </section>
            </div>
        </div>
    }
}
