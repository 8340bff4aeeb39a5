//! The scenario: sites, forces with dated tracks, and events, each carrying its sources.
//!
//! Pure data and pure functions of it; nothing here knows about egui or the clock.

mod checks;
mod dating;
mod display_zone;
pub mod edit;
mod event;
mod force;
mod identity;
pub mod new_items;
mod outlets;
mod scenario;
mod site;
mod state_at;
mod story;
mod temporal_property;
mod track;

pub use checks::{CheckKind, CheckedItem, Finding, check_scenario, is_sourced};
pub use dating::{
    Confidence, ConflictingReport, Dating, Precision, Provenance, Source, SourceStrength, UNDATED,
    format_date, format_date_in, time_caption_in, zone_label,
};
pub use display_zone::DisplayZone;
pub use edit::{Edit, EditError, EditHistory};
pub use event::{Event, EventKind};
pub use force::{Force, ForceKind, Path, Place, StateKind, TrackState, TravelMode};
pub use identity::StandardIdentity;
pub use outlets::outlet_from_url;
pub use scenario::{Bookmark, Faction, GeoView, Scenario, ScenarioMeta};
pub use site::{ControlAt, ControlChange, ControlKind, Site, SiteKind};
pub use state_at::{ForceAt, ForceStatus, SiteAt, StateAt, state_at};
pub use story::{Camera, Chapter, ItemIndex, Story, StoryLayer, camera_view};
pub use temporal_property::{PropertyValue, TemporalProperty};
pub use track::{Interpolation, Track};

/// Properties of a feature (or of the header) that this program does not know, kept as they
/// were read so that saving a scenario writes them back.
pub type Extra = serde_json::Map<String, serde_json::Value>;

/// A geographic position: x is longitude, y is latitude, in WGS 84 degrees.
pub type LonLat = geo::Point<f64>;

/// Seconds since 1970-01-01T00:00:00Z, as a float so playback can move by fractions.
pub type UnixSecs = f64;

/// The instant `timestamp` as [`UnixSecs`].
pub fn unix_secs(timestamp: jiff::Timestamp) -> UnixSecs {
    timestamp.as_second() as f64 + f64::from(timestamp.subsec_nanosecond()) * 1e-9
}

/// The instant `secs` as a timestamp, rounded to the second and clamped to jiff's range.
pub fn timestamp_from_unix_secs(secs: UnixSecs) -> jiff::Timestamp {
    let clamped = secs.clamp(
        jiff::Timestamp::MIN.as_second() as f64,
        jiff::Timestamp::MAX.as_second() as f64,
    );
    jiff::Timestamp::from_second(clamped.round() as i64).unwrap_or(jiff::Timestamp::UNIX_EPOCH)
}
