//! Routed views, one per file. Each is thin: it picks data from the core and lays it out.

mod about;
mod actor;
mod aliases;
mod attributions;
mod compare;
mod home;
mod not_found;
mod open;
mod read;
mod timeline;

pub use about::AboutPage;
pub use actor::ActorPage;
pub use aliases::AliasesPage;
pub use attributions::AttributionsPage;
pub use compare::ComparePage;
pub use home::HomePage;
pub use not_found::NotFoundPage;
pub use open::OpenPage;
pub use read::ReadPage;
pub use timeline::TimelinePage;
