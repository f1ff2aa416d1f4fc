use super::browser;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct ShareButtonProps {
    /// Makes the link of the current state.
    pub url: Callback<(), String>,
}

/// Copies the permalink and shows it with its length.
#[function_component(ShareButton)]
pub fn share_button(p: &ShareButtonProps) -> Html {
    let link = use_state(|| None::<String>);
    let onclick = {
        let link = link.clone();
        let make = p.url.clone();
        Callback::from(move |_| {
            let url = make.emit(());
            browser::copy(&url);
            link.set(Some(url));
        })
    };
    html! {
        <div class="share">
            <button class="share-button" data-testid="share" {onclick}>{"Share"}</button>
            if let Some(url) = &*link {
                <span class="share-result">
                    <input readonly=true data-testid="share-link" value={url.clone()} aria-label="Link to this Dockerfile" />
                    <span class="share-len" data-testid="share-length">{format!("copied · {} characters", url.chars().count())}</span>
                </span>
            }
        </div>
    }
}
