//! Routed views, one per file. Each is thin: it picks data from the core and lays it out.

mod about;
mod actor;
mod home;
mod not_found;

pub use about::AboutPage;
pub use actor::ActorPage;
pub use home::HomePage;
pub use not_found::NotFoundPage;
