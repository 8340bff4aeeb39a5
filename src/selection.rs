//! What the user pointed at: a site, a force or an event, by index into the scenario.

/// A thing on the map or in a list.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Selection {
    /// Index into the scenario's sites.
    Site(usize),
    /// Index into the scenario's forces.
    Force(usize),
    /// Index into the scenario's events.
    Event(usize),
}
