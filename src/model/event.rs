//! Dated events: what happened, where, and who reported it.

use super::{Dating, LonLat, Provenance};

/// What kind of event; decides its colour on the timeline.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EventKind {
    Military,
    Withdrawal,
    ControlChange,
    Ceasefire,
    Diplomatic,
    Humanitarian,
    Security,
    Other,
}

impl EventKind {
    /// Every kind, in legend order.
    pub const ALL: [Self; 8] = [
        Self::Military,
        Self::Withdrawal,
        Self::ControlChange,
        Self::Ceasefire,
        Self::Diplomatic,
        Self::Humanitarian,
        Self::Security,
        Self::Other,
    ];

    /// A short human label.
    pub fn label(self) -> &'static str {
        match self {
            Self::Military => "military",
            Self::Withdrawal => "withdrawal",
            Self::ControlChange => "change of control",
            Self::Ceasefire => "ceasefire / agreement",
            Self::Diplomatic => "diplomatic",
            Self::Humanitarian => "humanitarian",
            Self::Security => "security",
            Self::Other => "other",
        }
    }
}

/// Something that happened.
#[derive(Clone, Debug, PartialEq)]
pub struct Event {
    /// Unique id.
    pub id: String,
    /// One line.
    pub title: String,
    /// A short paraphrase.
    pub summary: String,
    /// What kind.
    pub kind: EventKind,
    /// The site it happened at, as an index into the scenario's sites.
    pub site: Option<usize>,
    /// Where to draw it: its own point, or its site's.
    pub position: Option<LonLat>,
    /// The place as text.
    pub place: Option<String>,
    /// When.
    pub dating: Dating,
    /// Who says so.
    pub provenance: Provenance,
    /// Other properties from the file, for the inspector.
    pub attributes: Vec<(String, String)>,
    /// Properties this program does not know, kept for saving.
    pub extra: super::Extra,
}
