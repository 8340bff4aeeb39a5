//! The scenario as it stands at one instant: the single source of positions for the map, the
//! exports and the `state` command.

use super::{Force, LonLat, Scenario, StateKind, TrackState, UnixSecs};

/// What a force is doing at the instant.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum ForceStatus {
    /// At a place (a site when `site` is set).
    Stationed {
        /// The site, as an index into the scenario's sites.
        site: Option<usize>,
    },
    /// Travelling; `progress` runs from 0 at departure to 1 on arrival.
    Moving {
        /// Fraction of the movement window that has passed.
        progress: f64,
    },
    /// Gone from the map; `position` is where it was last.
    Departed,
}

impl ForceStatus {
    /// The word the `state` command prints.
    pub fn label(self) -> &'static str {
        match self {
            Self::Stationed { .. } => "stationed",
            Self::Moving { .. } => "moving",
            Self::Departed => "departed",
        }
    }
}

/// One force at the instant.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct ForceAt {
    /// Index into the scenario's forces.
    pub force: usize,
    /// Index into that force's track of the state in force.
    pub state: usize,
    /// What it is doing.
    pub status: ForceStatus,
    /// Where it is (or was last, when departed).
    pub position: LonLat,
}

impl ForceAt {
    /// Whether the force is on the map.
    pub fn is_present(&self) -> bool {
        self.status != ForceStatus::Departed
    }
}

/// One site at the instant.
#[derive(Clone, Debug, PartialEq)]
pub struct SiteAt {
    /// Index into the site's control changes of the one whose window has begun, if any.
    pub control_change: Option<usize>,
    /// Whether that change's window is still open, so the site is changing hands.
    pub changing_hands: bool,
    /// Indices into [`StateAt::forces`] of the forces stationed here.
    pub forces_present: Vec<usize>,
}

/// The scenario at one instant.
#[derive(Clone, Debug, PartialEq)]
pub struct StateAt {
    /// The instant.
    pub t: UnixSecs,
    /// Every force that has a state at `t` (present or departed), in scenario order.
    pub forces: Vec<ForceAt>,
    /// One entry per scenario site, in the same order.
    pub sites: Vec<SiteAt>,
}

/// Evaluates every track and every site at `t`.
pub fn state_at(scenario: &Scenario, t: UnixSecs) -> StateAt {
    let mut forces = Vec::with_capacity(scenario.forces.len());
    forces.extend(
        scenario
            .forces
            .iter()
            .enumerate()
            .filter_map(|(index, force)| force_at(force, index, t)),
    );
    let mut sites: Vec<SiteAt> = scenario
        .sites
        .iter()
        .map(|site| {
            let control = site.control_index_at(t);
            SiteAt {
                control_change: control.map(|(index, _)| index),
                changing_hands: control.is_some_and(|(_, open)| open),
                forces_present: Vec::new(),
            }
        })
        .collect();
    for (at_index, at) in forces.iter().enumerate() {
        if let ForceStatus::Stationed { site: Some(site) } = at.status
            && let Some(site_at) = sites.get_mut(site)
        {
            site_at.forces_present.push(at_index);
        }
    }
    StateAt { t, forces, sites }
}

/// Where `force` is at `t`, or `None` before its first state.
fn force_at(force: &Force, index: usize, t: UnixSecs) -> Option<ForceAt> {
    let state_index = force.track.index_at(t)?;
    let state = force.track.get(state_index)?;
    let at = |status, position| {
        Some(ForceAt {
            force: index,
            state: state_index,
            status,
            position,
        })
    };
    match &state.kind {
        StateKind::Stationed { place } => {
            at(ForceStatus::Stationed { site: place.site }, place.position)
        }
        StateKind::Moving { to, path, .. } => {
            let (start, end) = (state.dating.start_secs(), state.dating.end_secs());
            if t >= end {
                return at(ForceStatus::Stationed { site: to.site }, to.position);
            }
            let progress = ((t - start) / (end - start)).clamp(0.0, 1.0);
            at(ForceStatus::Moving { progress }, path.point_at(progress))
        }
        StateKind::Departed { .. } => {
            let last = (0..state_index).rev().find_map(|index| {
                force
                    .track
                    .get(index)
                    .and_then(|state| end_position(&state))
            })?;
            at(ForceStatus::Departed, last)
        }
    }
}

/// Where a state leaves the force.
fn end_position(state: &TrackState) -> Option<LonLat> {
    match &state.kind {
        StateKind::Stationed { place } => Some(place.position),
        StateKind::Moving { to, .. } => Some(to.position),
        StateKind::Departed { .. } => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{
        Dating, ForceKind, Path, Place, Precision, Provenance, Site, SiteKind, Track, TravelMode,
        unix_secs,
    };
    use geo::{Distance as _, Haversine};

    fn ts(text: &str) -> jiff::Timestamp {
        text.parse().unwrap_or_else(|e| panic!("{text}: {e}"))
    }
    fn secs(text: &str) -> UnixSecs {
        unix_secs(ts(text))
    }

    fn site(id: &str, lon: f64, lat: f64) -> Site {
        Site {
            id: id.into(),
            name: id.into(),
            kind: SiteKind::AirBase,
            faction: None,
            aliases: vec![],
            position: LonLat::new(lon, lat),
            coordinate_source: None,
            coordinate_uncertainty_km: None,
            note: None,
            control: vec![],
            extra: Default::default(),
        }
    }

    fn state(kind: StateKind, start: &str, end: Option<&str>) -> TrackState {
        let dating = Dating {
            start: ts(start),
            end: end.map(ts),
            precision: Precision::Exact,
            earliest: None,
            latest: None,
            span_end: None,
            zone: jiff::tz::TimeZone::UTC,
        };
        TrackState::new(kind, dating, Provenance::default(), None, None)
    }

    /// Stationed at Qamishli, moves to Hmeimim 23–26 Jan, then departs on 1 Feb.
    fn scenario() -> Scenario {
        let qamishli = site("qamishli", 41.1914, 37.0206);
        let hmeimim = site("hmeimim", 35.9450, 35.4117);
        let from = Place {
            site: Some(0),
            position: qamishli.position,
        };
        let to = Place {
            site: Some(1),
            position: hmeimim.position,
        };
        let track = vec![
            state(
                StateKind::Stationed {
                    place: from.clone(),
                },
                "2025-08-01T00:00:00Z",
                None,
            ),
            state(
                StateKind::Moving {
                    path: Path::new(vec![from.position, to.position]),
                    from,
                    to: to.clone(),
                    mode: TravelMode::Air,
                    route_reported: false,
                },
                "2026-01-23T00:00:00Z",
                Some("2026-01-26T00:00:00Z"),
            ),
            state(
                StateKind::Departed { destination: None },
                "2026-02-01T00:00:00Z",
                None,
            ),
        ];
        Scenario {
            sites: vec![qamishli, hmeimim],
            forces: vec![Force {
                id: "ru".into(),
                name: "ru".into(),
                faction: "russia".into(),
                kind: ForceKind::Ground,
                strength: None,
                note: None,
                track: Track::new(track),
                attributes: vec![],
                temporal_properties: vec![],
                extra: Default::default(),
            }],
            ..Scenario::default()
        }
    }

    #[test]
    fn before_its_first_state_a_force_is_not_there() {
        assert!(
            state_at(&scenario(), secs("2025-01-01T00:00:00Z"))
                .forces
                .is_empty()
        );
    }

    #[test]
    fn a_stationed_force_sits_exactly_at_its_site_and_counts_there() {
        let s = scenario();
        let state = state_at(&s, secs("2026-01-20T00:00:00Z"));
        assert_eq!(state.forces[0].position, s.sites[0].position);
        assert_eq!(state.sites[0].forces_present, vec![0]);
        assert!(state.sites[1].forces_present.is_empty());
    }

    #[test]
    fn a_moving_force_is_exact_at_departure_and_halfway_at_mid_window() {
        let s = scenario();
        let at_start = state_at(&s, secs("2026-01-23T00:00:00Z"));
        assert_eq!(at_start.forces[0].position, s.sites[0].position);
        let mid = state_at(&s, secs("2026-01-24T12:00:00Z"));
        let ForceStatus::Moving { progress } = mid.forces[0].status else {
            panic!("expected moving, got {:?}", mid.forces[0].status);
        };
        assert!((progress - 0.5).abs() < 1e-9);
        let a = Haversine.distance(s.sites[0].position, mid.forces[0].position);
        let b = Haversine.distance(mid.forces[0].position, s.sites[1].position);
        assert!((a - b).abs() < 1.0);
        assert!(mid.sites[0].forces_present.is_empty());
    }

    #[test]
    fn after_arrival_the_force_is_clamped_to_its_destination() {
        let s = scenario();
        let state = state_at(&s, secs("2026-01-28T12:00:00Z"));
        assert_eq!(
            state.forces[0].status,
            ForceStatus::Stationed { site: Some(1) }
        );
        assert_eq!(state.forces[0].position, s.sites[1].position);
        assert_eq!(state.sites[1].forces_present, vec![0]);
    }

    #[test]
    fn a_departed_force_is_off_the_map_but_remembers_where_it_left() {
        let s = scenario();
        let state = state_at(&s, secs("2026-02-02T00:00:00Z"));
        assert_eq!(state.forces[0].status, ForceStatus::Departed);
        assert!(!state.forces[0].is_present());
        assert_eq!(state.forces[0].position, s.sites[1].position);
        assert!(state.sites[1].forces_present.is_empty());
    }
}
