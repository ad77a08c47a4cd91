//! About the atlas and its sources, with the credit line each licence asks for.

use leptos::prelude::*;
use leptos_meta::Title;

use atlas_core::SourceKind;

use crate::components::{ExternalLink, WithData};

#[component]
pub fn AboutPage() -> impl IntoView {
    view! {
        <Title text=atlas_core::route::PageKind::About.page().title/>
        <WithData render=|loaded| {
            let catalog = &loaded.catalog;
            let info = &catalog.dataset().info;
            let datasets: Vec<_> = catalog.dataset().sources.iter().filter(|s| s.kind == SourceKind::Dataset).cloned().collect();
            let documents = catalog.dataset().sources.iter().filter(|s| s.kind != SourceKind::Dataset).count();
            view! {
                <article class="about" data-testid="about-page">
                    <h1>"About Threat Atlas"</h1>
                    <p>
                        "Threat Atlas gathers what security vendors and governments have publicly said about "
                        "threat actor groups: the many names each group goes by, who uses which name, and who "
                        "attributed which operation to which group, and when. Every fact names its source. "
                        "Summaries are written for this project; nothing here is an attribution of our own."
                    </p>
                    <p>
                        {format!("This is “{}”, version {}", info.title, info.version)}
                        {info.updated.map(|d| format!(", updated {}", d.human()))}
                        {format!(". It holds {} actors and {} events, and cites {} individual documents besides the datasets below.",
                            catalog.actors().len(), catalog.events().len(), documents)}
                    </p>
                    // Measured in the reader's browser; a page drawn at build time has no
                    // such figure (NaN) and says nothing.
                    {loaded.parse_ms.is_finite().then(|| view! {
                        <p class="about__timing" data-testid="parse-time" data-parse-ms=format!("{:.3}", loaded.parse_ms) data-index-ms=format!("{:.3}", loaded.index_ms())>
                            {format!("Your browser read the dataset in {:.1} ms and built the search index in {:.1} ms.", loaded.parse_ms, loaded.index_ms())}
                        </p>
                    })}
                    <h2>"Datasets and licences"</h2>
                    <ul class="source-list" data-testid="source-list">
                        {datasets.into_iter().map(|s| view! {
                            <li class="source-list__item" data-testid="source" data-source-id=s.id.clone()>
                                <h3 class="source-list__name">{s.name.clone()}</h3>
                                <p>
                                    {s.licence.clone().map(|l| format!("Licence: {l}. "))}
                                    {s.version.clone().map(|v| format!("Version {v}. "))}
                                    {s.url.clone().map(|u| view! { <ExternalLink url=u/> })}
                                </p>
                                {s.credit.clone().map(|c| view! { <p class="source-list__credit">{c}</p> })}
                            </li>
                        }).collect_view()}
                    </ul>
                    <h2>"Trademarks"</h2>
                    <p>
                        "ATT&CK® is a registered trademark of The MITRE Corporation. Microsoft's threat actor names "
                        "are trademarks of Microsoft. Other group names belong to the vendors that coined them. "
                        "Their use here identifies who uses a name and implies no endorsement."
                    </p>
                </article>
            }
        }/>
    }
}
