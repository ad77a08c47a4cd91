//! A link that leaves the site. Loading guarantees every URL is absolute http(s), so the
//! address is safe to put in `href`; the check is repeated here so a future caller passing
//! unchecked text still cannot produce a `javascript:` link.

use leptos::prelude::*;

#[component]
pub fn ExternalLink(
    /// An absolute http(s) URL.
    url: String,
    /// Text to show; defaults to the URL without its scheme.
    #[prop(optional, into)]
    label: Option<String>,
) -> impl IntoView {
    let text = label.unwrap_or_else(|| {
        url.trim_start_matches("https://")
            .trim_start_matches("http://")
            .trim_end_matches('/')
            .to_string()
    });
    if atlas_core::text::is_http_url(&url) {
        view! {
            <a class="external-link" href=url rel="noopener noreferrer nofollow">{text}</a>
        }
        .into_any()
    } else {
        view! { <span class="external-link external-link--unsafe">{text}</span> }.into_any()
    }
}
