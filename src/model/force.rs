//! Forces and their tracks: where a unit was, and when it moved.

use super::{Dating, LonLat, Provenance, TemporalProperty, UnixSecs};
use geo::{Distance as _, Haversine, InterpolatePoint as _};

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
#[derive(Clone, Debug, PartialEq)]
pub struct Path {
    points: Vec<LonLat>,
    /// Distance from the first point to each point, in metres.
    cumulative_m: Vec<f64>,
    /// Points along the path at most [`DRAW_STEP_M`] apart, with the fraction of the length at each.
    curve: Vec<(LonLat, f64)>,
}

/// The spacing of the points a path is drawn through, in metres.
pub const DRAW_STEP_M: f64 = 20_000.0;

impl Path {
    /// A path through `points` (at least the two ends).
    pub fn new(points: Vec<LonLat>) -> Self {
        let mut cumulative_m = Vec::with_capacity(points.len());
        let mut total_m = 0.0;
        for (i, point) in points.iter().enumerate() {
            if i > 0 {
                total_m += Haversine.distance(points[i - 1], *point);
            }
            cumulative_m.push(total_m);
        }
        let mut path = Self {
            points,
            cumulative_m,
            curve: Vec::new(),
        };
        path.curve = path.densified(DRAW_STEP_M);
        path
    }

    /// Points to draw the path through, each with the fraction of the length it lies at.
    pub fn curve(&self) -> &[(LonLat, f64)] {
        &self.curve
    }

    /// The points the path goes through, ends included.
    pub fn points(&self) -> &[LonLat] {
        &self.points
    }

    /// Length in metres along the great circles.
    pub fn length_m(&self) -> f64 {
        self.cumulative_m.last().copied().unwrap_or(0.0)
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
        let Some(&first) = self.points.first() else {
            return LonLat::new(0.0, 0.0);
        };
        let total_m = self.length_m();
        if total_m <= 0.0 || ratio.is_nan() {
            return first;
        }
        let distance_m = ratio.clamp(0.0, 1.0) * total_m;
        let leg = self
            .cumulative_m
            .partition_point(|&at_m| at_m <= distance_m)
            .clamp(1, self.points.len() - 1);
        let leg_start_m = self.cumulative_m[leg - 1];
        let leg_len_m = self.cumulative_m[leg] - leg_start_m;
        if leg_len_m <= 0.0 {
            return self.points[leg];
        }
        Haversine.point_at_ratio_between(
            self.points[leg - 1],
            self.points[leg],
            (distance_m - leg_start_m) / leg_len_m,
        )
    }

    /// Points along the path no more than `step_m` apart, with the fraction of the length at each.
    fn densified(&self, step_m: f64) -> Vec<(LonLat, f64)> {
        let total_m = self.length_m().max(f64::MIN_POSITIVE);
        let mut out = Vec::new();
        for (leg, pair) in self.points.windows(2).enumerate() {
            let leg_m = self.cumulative_m[leg + 1] - self.cumulative_m[leg];
            let steps = ((leg_m / step_m.max(1.0)).ceil() as usize).clamp(1, 256);
            for i in 0..steps {
                let ratio = i as f64 / steps as f64;
                let point = Haversine.point_at_ratio_between(pair[0], pair[1], ratio);
                out.push((point, (self.cumulative_m[leg] + ratio * leg_m) / total_m));
            }
        }
        out.extend(self.points.last().map(|&last| (last, 1.0)));
        out
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
    /// Who says so.
    pub provenance: Provenance,
    /// Strength during this state, when it differs from the force's.
    pub strength: Option<String>,
    /// Free text.
    pub note: Option<String>,
}

/// The states of a force in time order, with their start times kept side by side so that finding
/// the state at a time touches little memory.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Track {
    states: Vec<TrackState>,
    starts: Vec<UnixSecs>,
}

impl Track {
    /// A track of `states`, which must be in time order.
    pub fn new(states: Vec<TrackState>) -> Self {
        let starts = states
            .iter()
            .map(|state| state.dating.start_secs())
            .collect();
        Self { states, starts }
    }

    /// The index of the state in force at `t`: the last one that started at or before it.
    pub fn index_at(&self, t: UnixSecs) -> Option<usize> {
        self.starts
            .partition_point(|&start| start <= t)
            .checked_sub(1)
    }
}

impl std::ops::Deref for Track {
    type Target = [TrackState];

    fn deref(&self) -> &[TrackState] {
        &self.states
    }
}

impl<'a> IntoIterator for &'a Track {
    type Item = &'a TrackState;
    type IntoIter = std::slice::Iter<'a, TrackState>;

    fn into_iter(self) -> Self::IntoIter {
        self.states.iter()
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
