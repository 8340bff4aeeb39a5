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

    /// Bases and airfields, drawn more prominently than towns.
    pub fn is_military(self) -> bool {
        matches!(
            self,
            Self::AirBase | Self::NavalBase | Self::Airport | Self::MilitaryBase
        )
    }
}

/// How a site is held from a change of control on.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ControlKind {
    /// One faction holds it.
    #[default]
    Held,
    /// The faction and those in `with` are there together (for example police of one side
    /// entering a town whose other forces stay), with no takeover.
    Joint,
    /// The sources disagree on who holds it; the factions are the ones they name.
    Disputed,
}

/// A dated change of who controls a site.
#[derive(Clone, Debug, PartialEq)]
pub struct ControlChange {
    /// The faction in control from this change on (the first named, when joint or disputed).
    pub faction: String,
    /// Held alone, jointly, or disputed.
    pub kind: ControlKind,
    /// The other factions, when joint or disputed.
    pub with: Vec<String>,
    /// When.
    pub dating: Dating,
    /// Who says so.
    pub provenance: Provenance,
    /// Free text.
    pub note: Option<String>,
    /// Properties this program does not know, kept for saving.
    pub extra: super::Extra,
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
    /// Properties this program does not know, kept for saving.
    pub extra: super::Extra,
}

impl ControlChange {
    /// Every faction named: `faction` first, then `with`.
    pub fn factions(&self) -> impl Iterator<Item = &str> {
        std::iter::once(self.faction.as_str()).chain(self.with.iter().map(String::as_str))
    }
}

/// Who holds a site at an instant.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum ControlAt<'a> {
    /// No control is known and no operator is named.
    Unknown,
    /// The operator is named, but no source dated in the scenario's period places it here yet.
    PresenceNotDated {
        /// The operator's faction id.
        faction: &'a str,
    },
    /// The sources' window for a change is open: it is not known whether it has happened yet.
    ChangingHands {
        /// The control before, if any is known.
        from: Option<&'a ControlChange>,
        /// The control after.
        to: &'a ControlChange,
    },
    /// Settled: held, joint or disputed as the change says.
    Settled(&'a ControlChange),
}

impl<'a> ControlAt<'a> {
    /// The value the `state` command prints as `controlled_by.status`.
    pub fn status(&self) -> &'static str {
        match self {
            Self::Unknown => "unknown",
            Self::PresenceNotDated { .. } => "presence_not_dated",
            Self::ChangingHands { .. } => "changing_hands",
            Self::Settled(change) => match change.kind {
                ControlKind::Held => "held",
                ControlKind::Joint => "joint",
                ControlKind::Disputed => "disputed",
            },
        }
    }

    /// The faction a map draws when one colour must stand for the site: the holder, the side
    /// taking over, the first named of a joint or disputed site, or the operator.
    pub fn main_faction(&self) -> Option<&'a str> {
        match *self {
            Self::Unknown => None,
            Self::PresenceNotDated { faction } => Some(faction),
            Self::ChangingHands { to, .. } => Some(to.faction.as_str()),
            Self::Settled(change) => Some(change.faction.as_str()),
        }
    }

    /// In words, naming factions with `name`: "SDF-held", "joint: SDF and Syrian government",
    /// "changing hands: SDF to Syrian government", "United States presence not dated".
    pub fn describe(&self, name: impl Fn(&str) -> String) -> String {
        let names = |factions: Vec<&str>| {
            factions
                .into_iter()
                .map(&name)
                .collect::<Vec<_>>()
                .join(" and ")
        };
        match self {
            Self::Unknown => "control not known".to_string(),
            Self::PresenceNotDated { faction } => format!("{} presence not dated", name(faction)),
            Self::ChangingHands { from, to } => format!(
                "changing hands: {} to {}",
                from.map_or_else(|| "unknown".to_string(), |c| names(c.factions().collect())),
                names(to.factions().collect())
            ),
            Self::Settled(change) => {
                let joined = names(change.factions().collect());
                match change.kind {
                    ControlKind::Held => format!("{joined}-held"),
                    ControlKind::Joint => format!("joint: {joined}"),
                    ControlKind::Disputed => format!("disputed: {joined}"),
                }
            }
        }
    }

    /// Whether one side is shown as holding the site alone.
    pub fn is_sole_holder(&self) -> bool {
        matches!(self, Self::Settled(change) if change.kind == ControlKind::Held)
    }
}

impl Site {
    /// The index of the control change whose window has begun at `t`, and whether that window
    /// is still open (the change may not have happened yet).
    ///
    /// A change with a window (a day, a range) has not begun at the window's first instant,
    /// since it may have happened at any moment after it; a change at an exact instant has.
    pub fn control_index_at(&self, t: UnixSecs) -> Option<(usize, bool)> {
        let count = self.control.partition_point(|change| {
            let (start, end) = change.dating.band_secs();
            if end > start { start < t } else { start <= t }
        });
        let index = count.checked_sub(1)?;
        let (start, end) = self.control[index].dating.band_secs();
        Some((index, end > start && t < end))
    }

    /// Who holds the site at `t`.
    pub fn control_at(&self, t: UnixSecs) -> ControlAt<'_> {
        match self.control_index_at(t) {
            // A base's operator first reported here: not a change of hands.
            Some((0, true))
                if self.faction.as_deref() == Some(self.control[0].faction.as_str()) =>
            {
                ControlAt::PresenceNotDated {
                    faction: self.control[0].faction.as_str(),
                }
            }
            Some((index, true)) => ControlAt::ChangingHands {
                from: index.checked_sub(1).map(|i| &self.control[i]),
                to: &self.control[index],
            },
            Some((index, false)) => ControlAt::Settled(&self.control[index]),
            None => self
                .faction
                .as_deref()
                .map_or(ControlAt::Unknown, |faction| ControlAt::PresenceNotDated {
                    faction,
                }),
        }
    }
}
