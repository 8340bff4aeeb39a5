//! Forces and their tracks: where a unit was, and when it moved.

use super::{Dating, LonLat, Provenance, TemporalProperty, Track};
use geo::{Distance as _, Haversine, InterpolatePoint as _};
use std::sync::OnceLock;

/// What kind of force; decides the text in its marker.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ForceKind {
    Air,
    Naval,
    Ground,
    SpecialForces,
    Police,
    Logistics,
    Mixed,
    /// The sources do not say what kind of force it is.
    Unspecified,
}

impl ForceKind {
    /// A short human label.
    pub fn label(self) -> &'static str {
        match self {
            Self::Air => "air",
            Self::Naval => "naval",
            Self::Ground => "ground",
            Self::SpecialForces => "special forces",
            Self::Police => "police",
            Self::Logistics => "logistics",
            Self::Mixed => "mixed",
            Self::Unspecified => "kind not reported",
        }
    }

    /// Three letters for the unit marker.
    pub fn abbreviation(self) -> &'static str {
        match self {
            Self::Air => "AIR",
            Self::Naval => "NAV",
            Self::Ground => "GND",
            Self::SpecialForces => "SOF",
            Self::Police => "POL",
            Self::Logistics => "LOG",
            Self::Mixed => "MIX",
            Self::Unspecified => "UNK",
        }
    }
}

/// How a force travelled.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TravelMode {
    Air,
    Road,
    Sea,
    #[default]
    Unknown,
}

/// A place in a track: a site, or a bare position.
#[derive(Clone, Debug, PartialEq)]
pub struct Place {
    /// The site, as an index into the scenario's sites.
    pub site: Option<usize>,
    /// Where.
    pub position: LonLat,
}

/// The path of a movement: great-circle legs between its points.
#[derive(Clone, Debug)]
pub struct Path {
    legs: Legs,
    /// The points to draw it through, worked out the first time it is drawn.
    curve: OnceLock<Box<[(LonLat, f64)]>>,
}

impl PartialEq for Path {
    fn eq(&self, other: &Self) -> bool {
        self.legs == other.legs
    }
}

/// The legs of a path. A straight move between two places, the common case by far, holds no
/// heap memory, so a million of them stay small.
#[derive(Clone, Debug, PartialEq)]
enum Legs {
    /// One great-circle leg.
    Direct { ends: [LonLat; 2], length_m: f64 },
    /// Through waypoints; `cumulative_m` is the distance from the start to each point.
    Through {
        points: Box<[LonLat]>,
        cumulative_m: Box<[f64]>,
    },
}

/// The spacing of the points a path is drawn through, in metres.
pub const DRAW_STEP_M: f64 = 20_000.0;

impl Path {
    /// A path through `points` (at least the two ends).
    pub fn new(points: Vec<LonLat>) -> Self {
        if let [from, to] = points[..] {
            return Self {
                legs: Legs::Direct {
                    ends: [from, to],
                    length_m: Haversine.distance(from, to),
                },
                curve: OnceLock::new(),
            };
        }
        let mut cumulative_m = Vec::with_capacity(points.len());
        let mut total_m = 0.0;
        for (i, point) in points.iter().enumerate() {
            if i > 0 {
                total_m += Haversine.distance(points[i - 1], *point);
            }
            cumulative_m.push(total_m);
        }
        Self {
            legs: Legs::Through {
                points: points.into_boxed_slice(),
                cumulative_m: cumulative_m.into_boxed_slice(),
            },
            curve: OnceLock::new(),
        }
    }

    /// The points the path goes through, ends included.
    pub fn points(&self) -> &[LonLat] {
        match &self.legs {
            Legs::Direct { ends, .. } => ends,
            Legs::Through { points, .. } => points,
        }
    }

    /// Distance along the path from its start to point `index`, in metres.
    fn distance_to_m(&self, index: usize) -> f64 {
        match &self.legs {
            Legs::Direct { length_m, .. } => {
                if index == 0 {
                    0.0
                } else {
                    *length_m
                }
            }
            Legs::Through { cumulative_m, .. } => cumulative_m.get(index).copied().unwrap_or(0.0),
        }
    }

    /// Length in metres along the great circles.
    pub fn length_m(&self) -> f64 {
        self.distance_to_m(self.points().len().saturating_sub(1))
    }

    /// The point at `ratio` (0 = start, 1 = end, clamped) of the way along the path, on the great
    /// circles between its points.
    ///
    /// ```
    /// use deploymap::model::{LonLat, Path};
    ///
    /// // Longitude, latitude.
    /// let qamishli_airport = LonLat::new(41.1914, 37.0206);
    /// let hmeimim = LonLat::new(35.9450, 35.4117);
    /// let path = Path::new(vec![qamishli_airport, hmeimim]);
    /// // About 503 km along the great circle.
    /// assert!((path.length_m() - 503_400.0).abs() < 500.0);
    /// assert_eq!(path.point_at(0.0), qamishli_airport);
    /// assert_eq!(path.point_at(-1.0), qamishli_airport);
    /// let halfway = path.point_at(0.5);
    /// assert!(halfway.x() < 38.7 && halfway.x() > 38.4);
    /// ```
    pub fn point_at(&self, ratio: f64) -> LonLat {
        let points = self.points();
        let Some(&first) = points.first() else {
            return LonLat::new(0.0, 0.0);
        };
        let total_m = self.length_m();
        if total_m <= 0.0 || ratio.is_nan() {
            return first;
        }
        let distance_m = ratio.clamp(0.0, 1.0) * total_m;
        let leg = (1..points.len())
            .find(|&i| self.distance_to_m(i) > distance_m)
            .unwrap_or(points.len() - 1);
        let leg_start_m = self.distance_to_m(leg - 1);
        let leg_len_m = self.distance_to_m(leg) - leg_start_m;
        if leg_len_m <= 0.0 {
            return points[leg];
        }
        Haversine.point_at_ratio_between(
            points[leg - 1],
            points[leg],
            (distance_m - leg_start_m) / leg_len_m,
        )
    }

    /// Points to draw the path through, at most [`DRAW_STEP_M`] apart, each with the fraction of
    /// the length it lies at. Worked out the first time it is asked for: only paths that are
    /// drawn need it, and a file of a million moves would not fit if each held one.
    pub fn curve(&self) -> &[(LonLat, f64)] {
        self.curve.get_or_init(|| {
            let points = self.points();
            let total_m = self.length_m().max(f64::MIN_POSITIVE);
            let mut out = Vec::new();
            for (leg, pair) in points.windows(2).enumerate() {
                let leg_start_m = self.distance_to_m(leg);
                let leg_m = self.distance_to_m(leg + 1) - leg_start_m;
                let steps = ((leg_m / DRAW_STEP_M).ceil() as usize).clamp(1, 256);
                for i in 0..steps {
                    let ratio = i as f64 / steps as f64;
                    let point = Haversine.point_at_ratio_between(pair[0], pair[1], ratio);
                    out.push((point, (leg_start_m + ratio * leg_m) / total_m));
                }
            }
            out.extend(points.last().map(|&last| (last, 1.0)));
            out.into_boxed_slice()
        })
    }
}

/// Where a force is during one state of its track.
#[derive(Clone, Debug, PartialEq)]
pub enum StateKind {
    /// At a place from the state's start until the next state.
    Stationed {
        /// Where.
        place: Place,
    },
    /// Travelling between the state's start and end.
    Moving {
        /// From where.
        from: Place,
        /// To where.
        to: Place,
        /// Along what.
        path: Path,
        /// By what means.
        mode: TravelMode,
        /// Whether a source describes the path; otherwise it is drawn dashed.
        route_reported: bool,
    },
    /// Gone from the map.
    Departed {
        /// Where it went, as the sources say.
        destination: Option<String>,
    },
}

impl StateKind {
    /// A short human label.
    pub fn label(&self) -> &'static str {
        match self {
            Self::Stationed { .. } => "stationed",
            Self::Moving { .. } => "moving",
            Self::Departed { .. } => "departed",
        }
    }
}

/// One dated state of a force.
#[derive(Clone, Debug, PartialEq)]
pub struct TrackState {
    /// Where.
    pub kind: StateKind,
    /// When.
    pub dating: Dating,
    /// Sources, strength and note, kept apart because data from other formats has none and
    /// a million states should not carry empty ones.
    details: Option<Box<StateDetails>>,
}

/// What a scenario says about a state besides where and when.
#[derive(Clone, Debug, PartialEq)]
struct StateDetails {
    provenance: Provenance,
    strength: Option<String>,
    note: Option<String>,
    extra: super::Extra,
}

/// The provenance of a state whose file gives none.
static NO_PROVENANCE: Provenance = Provenance {
    sources: Vec::new(),
    confidence: super::Confidence::Medium,
    confidence_note: None,
    conflicting_reports: Vec::new(),
};

impl TrackState {
    /// A state with its sources, strength and note.
    pub fn new(
        kind: StateKind,
        dating: Dating,
        provenance: Provenance,
        strength: Option<String>,
        note: Option<String>,
    ) -> Self {
        let has_details = provenance != NO_PROVENANCE || strength.is_some() || note.is_some();
        Self {
            kind,
            dating,
            details: has_details.then(|| {
                Box::new(StateDetails {
                    provenance,
                    strength,
                    note,
                    extra: super::Extra::new(),
                })
            }),
        }
    }

    /// The state with `extra`, properties this program does not know, kept for saving.
    pub fn with_extra(mut self, extra: super::Extra) -> Self {
        if extra.is_empty() {
            return self;
        }
        let details = self.details.get_or_insert_with(|| {
            Box::new(StateDetails {
                provenance: NO_PROVENANCE.clone(),
                strength: None,
                note: None,
                extra: super::Extra::new(),
            })
        });
        details.extra = extra;
        self
    }

    /// Properties this program does not know, as read; `None` when there are none.
    pub fn extra(&self) -> Option<&super::Extra> {
        self.details
            .as_ref()
            .map(|details| &details.extra)
            .filter(|extra| !extra.is_empty())
    }

    /// Who says so.
    pub fn provenance(&self) -> &Provenance {
        self.details
            .as_ref()
            .map_or(&NO_PROVENANCE, |details| &details.provenance)
    }

    /// Strength during this state, when it differs from the force's.
    pub fn strength(&self) -> Option<&str> {
        self.details
            .as_ref()
            .and_then(|details| details.strength.as_deref())
    }

    /// Free text.
    pub fn note(&self) -> Option<&str> {
        self.details
            .as_ref()
            .and_then(|details| details.note.as_deref())
    }
}

/// A unit with a faction and a track.
#[derive(Clone, Debug, PartialEq)]
pub struct Force {
    /// Unique id.
    pub id: String,
    /// Label.
    pub name: String,
    /// Faction id.
    pub faction: String,
    /// What kind.
    pub kind: ForceKind,
    /// Free-text strength.
    pub strength: Option<String>,
    /// Free text.
    pub note: Option<String>,
    /// States in time order.
    pub track: Track,
    /// Other properties from the file, for the inspector.
    pub attributes: Vec<(String, String)>,
    /// Values that change over time, for the inspector.
    pub temporal_properties: Vec<TemporalProperty>,
    /// Properties this program does not know, kept for saving.
    pub extra: super::Extra,
}

#[cfg(test)]
mod tests {
    use super::*;
    use geo::Bearing as _;

    fn hmeimim() -> LonLat {
        LonLat::new(35.9450, 35.4117)
    }
    fn qamishli() -> LonLat {
        LonLat::new(41.1914, 37.0206)
    }

    #[test]
    fn a_path_is_exact_at_its_ends_and_clamped_outside() {
        let path = Path::new(vec![qamishli(), hmeimim()]);
        assert_eq!(path.point_at(0.0), qamishli());
        assert!(Haversine.distance(path.point_at(1.0), hmeimim()) < 1e-3);
        assert_eq!(path.point_at(-3.0), qamishli());
        assert!(Haversine.distance(path.point_at(7.0), hmeimim()) < 1e-3);
    }

    #[test]
    fn the_midpoint_lies_on_the_great_circle_halfway() {
        let path = Path::new(vec![qamishli(), hmeimim()]);
        let mid = path.point_at(0.5);
        let to_start = Haversine.distance(qamishli(), mid);
        let to_end = Haversine.distance(mid, hmeimim());
        assert!((to_start - to_end).abs() < 1.0, "{to_start} vs {to_end}");
        // On the great circle: the sum of the halves is the whole.
        assert!((to_start + to_end - path.length_m()).abs() < 1.0);
        let bearing_whole = Haversine.bearing(qamishli(), hmeimim());
        let bearing_half = Haversine.bearing(qamishli(), mid);
        assert!((bearing_whole - bearing_half).abs() < 1e-6);
    }

    #[test]
    fn a_waypoint_path_passes_through_its_waypoints() {
        let waypoint = LonLat::new(38.0, 34.0);
        let path = Path::new(vec![qamishli(), waypoint, hmeimim()]);
        let ratio_at_waypoint = Haversine.distance(qamishli(), waypoint) / path.length_m();
        assert!(Haversine.distance(path.point_at(ratio_at_waypoint), waypoint) < 1.0);
    }

    #[test]
    fn a_densified_path_keeps_its_ends_and_steps() {
        let path = Path::new(vec![qamishli(), hmeimim()]);
        let curve = path.curve();
        assert_eq!(curve.first(), Some(&(qamishli(), 0.0)));
        assert_eq!(curve.last(), Some(&(hmeimim(), 1.0)));
        assert!(curve.len() > (path.length_m() / DRAW_STEP_M) as usize);
        assert!(curve.windows(2).all(|pair| pair[0].1 < pair[1].1));
    }
}
