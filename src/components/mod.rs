//! Reusable components, one per file. They render what the core computed and own no data.

mod actor_card;
mod decoder;
mod error_panel;
mod event_item;
mod external_link;
mod facet_panel;
mod load_warnings;
mod loading;
mod measure;
mod opened_banner;
mod source_ref;
mod timeline_chart;
mod with_data;

pub use actor_card::ActorCard;
pub use decoder::decoder;
pub use error_panel::ErrorPanel;
pub use event_item::{event_item, parties};
pub use external_link::ExternalLink;
pub use facet_panel::FacetPanel;
pub use load_warnings::LoadWarnings;
pub use loading::Loading;
pub use measure::{use_client_width, Measure};
pub use opened_banner::OpenedBanner;
pub use source_ref::{source_or_url_ref, source_ref};
pub use timeline_chart::TimelineChart;
pub use with_data::WithData;

/// `id` inside a CSS attribute selector's double quotes.
pub fn css_escape(id: &str) -> String {
    id.replace('\\', "\\\\").replace('"', "\\\"")
}
