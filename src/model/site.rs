//! Places on the map: bases, airports, towns, dams, camps.

use super::{Dating, LonLat, Provenance, Source, UnixSecs};

/// What kind of place a site is; decides its symbol.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SiteKind {
    AirBase,
    NavalBase,
    Airport,
    MilitaryBase,
    City,
    Town,
    Neighbourhood,
    Dam,
    Camp,
    OilField,
    GasField,
    GovernmentSeat,
    BorderCrossing,
    Other,
}

impl SiteKind {
    /// A short human label.
    pub fn label(self) -> &'static str {
        match self {
            Self::AirBase => "air base",
            Self::NavalBase => "naval base",
            Self::Airport => "airport",
            Self::MilitaryBase => "military base",
            Self::City => "city",
            Self::Town => "town",
            Self::Neighbourhood => "neighbourhood",
            Self::Dam => "dam",
            Self::Camp => "camp",
            Self::OilField => "oil field",
            Self::GasField => "gas field",
            Self::GovernmentSeat => "government seat",
            Self::BorderCrossing => "border crossing",
            Self::Other => "place",
        }
    }

    /// Settlements, which the basemap labels itself.
    pub fn is_named_by_basemap(self) -> bool {
        matches!(self, Self::City | Self::Town)
    }

    /// Bases and airfields, drawn more prominently than towns.
    pub fn is_military(self) -> bool {
        matches!(
            self,
            Self::AirBase | Self::NavalBase | Self::Airport | Self::MilitaryBase
        )
    }
}

/// A dated change of who controls a site.
#[derive(Clone, Debug, PartialEq)]
pub struct ControlChange {
    /// The faction in control from this change on.
    pub faction: String,
    /// When.
    pub dating: Dating,
    /// Who says so.
    pub provenance: Provenance,
    /// Free text.
    pub note: Option<String>,
}

/// A place on the map.
#[derive(Clone, Debug, PartialEq)]
pub struct Site {
    /// Unique id.
    pub id: String,
    /// Label.
    pub name: String,
    /// What kind of place.
    pub kind: SiteKind,
    /// Who operates it, for bases.
    pub faction: Option<String>,
    /// Other spellings.
    pub aliases: Vec<String>,
    /// Where.
    pub position: LonLat,
    /// Where the coordinate comes from.
    pub coordinate_source: Option<Source>,
    /// How far the true place may be from `position`.
    pub coordinate_uncertainty_km: Option<f64>,
    /// Free text.
    pub note: Option<String>,
    /// Dated changes of control, in time order.
    pub control: Vec<ControlChange>,
}

impl Site {
    /// The control change in force at `t`, if any.
    pub fn control_at(&self, t: UnixSecs) -> Option<&ControlChange> {
        let count = self
            .control
            .partition_point(|change| change.dating.start_secs() <= t);
        count.checked_sub(1).map(|i| &self.control[i])
    }
}
