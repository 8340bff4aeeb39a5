//! The track of a force: its dated states in time order.
//!
//! A scenario's tracks keep every state as written, with its sources. A track read from a data
//! file (GeoJSON, MF-JSON, CSV, a database) is only timed positions: it keeps them side by side
//! in arrays, 24 bytes a fix, and makes the state for a fix when one is asked for. A file of a
//! million points then takes about 24 MB instead of the 300 bytes a point that full states need.

use super::force::{Path, Place, StateKind, TrackState, TravelMode};
use super::{Dating, LonLat, Provenance, UnixSecs, unix_secs};
use jiff::Timestamp;
use std::borrow::Cow;

/// How a force moves between two timed positions of a data file.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Interpolation {
    /// Held at a position until the next one.
    Step,
    /// Along the great circle between positions.
    Linear,
}

/// Timed positions, kept as a struct of arrays. Times are whole microseconds since the epoch,
/// which covers every time a [`Timestamp`] can hold; positions stay `f64` degrees, since `f32`
/// would move a point by up to 1.7 m near the antimeridian, more than a pixel at the deepest zoom
/// the map allows.
#[derive(Clone, Debug, PartialEq)]
struct Fixes {
    /// Sorted, distinct.
    times_us: Box<[i64]>,
    lons_deg: Box<[f64]>,
    lats_deg: Box<[f64]>,
    interpolation: Interpolation,
    /// Indices `i` (sorted) after which the force is absent until fix `i + 1`.
    gaps_after: Box<[u32]>,
    /// When the force leaves the map after its last fix.
    end_us: Option<i64>,
}

#[derive(Clone, Debug, PartialEq)]
enum Repr {
    /// Written states, with their start times side by side so that finding the state at a time
    /// touches little memory.
    States {
        states: Vec<TrackState>,
        starts: Vec<UnixSecs>,
    },
    /// Timed positions only.
    Fixes(Fixes),
}

impl Default for Repr {
    fn default() -> Self {
        Self::States {
            states: Vec::new(),
            starts: Vec::new(),
        }
    }
}

/// The states of a force in time order.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Track {
    repr: Repr,
}

fn timestamp_of_us(us: i64) -> Timestamp {
    Timestamp::from_microsecond(us).unwrap_or_default()
}

fn secs_of_us(us: i64) -> UnixSecs {
    unix_secs(timestamp_of_us(us))
}

fn exact(start_us: i64, end_us: Option<i64>) -> Dating {
    Dating {
        end: end_us.map(timestamp_of_us),
        ..Dating::exact(timestamp_of_us(start_us))
    }
}

fn at(position: LonLat) -> Place {
    Place {
        site: None,
        position,
    }
}

impl Fixes {
    fn position(&self, index: usize) -> LonLat {
        LonLat::new(self.lons_deg[index], self.lats_deg[index])
    }

    fn len(&self) -> usize {
        let fixes = self.times_us.len();
        fixes + usize::from(fixes > 0 && self.end_us.is_some())
    }

    fn state(&self, index: usize) -> Option<TrackState> {
        let fixes = self.times_us.len();
        let new = |kind, dating| TrackState::new(kind, dating, Provenance::default(), None, None);
        if index + 1 < fixes {
            let (t, next_t) = (self.times_us[index], self.times_us[index + 1]);
            let gap = u32::try_from(index).is_ok_and(|i| self.gaps_after.binary_search(&i).is_ok());
            let (from, to) = (self.position(index), self.position(index + 1));
            return Some(if gap {
                new(
                    StateKind::Departed { destination: None },
                    exact(t, Some(next_t)),
                )
            } else {
                match self.interpolation {
                    Interpolation::Linear => new(
                        StateKind::Moving {
                            from: at(from),
                            to: at(to),
                            path: Path::new(vec![from, to]),
                            mode: TravelMode::Unknown,
                            route_reported: true,
                        },
                        exact(t, Some(next_t)),
                    ),
                    Interpolation::Step => {
                        new(StateKind::Stationed { place: at(from) }, exact(t, None))
                    }
                }
            });
        }
        if index + 1 == fixes {
            return Some(new(
                StateKind::Stationed {
                    place: at(self.position(index)),
                },
                exact(self.times_us[index], None),
            ));
        }
        match self.end_us {
            Some(end) if index == fixes && fixes > 0 => Some(new(
                StateKind::Departed { destination: None },
                exact(end, None),
            )),
            _ => None,
        }
    }

    fn index_at(&self, t: UnixSecs) -> Option<usize> {
        if let Some(end) = self.end_us
            && !self.times_us.is_empty()
            && secs_of_us(end) <= t
        {
            return Some(self.times_us.len());
        }
        self.times_us
            .partition_point(|&us| secs_of_us(us) <= t)
            .checked_sub(1)
    }
}

impl Track {
    /// A track of `states`, which must be in time order.
    pub fn new(states: Vec<TrackState>) -> Self {
        let starts = states
            .iter()
            .map(|state| state.dating.start_secs())
            .collect();
        Self {
            repr: Repr::States { states, starts },
        }
    }

    /// A track of timed positions from a data file: between two fixes the force moves (or holds,
    /// for [`Interpolation::Step`]); after a fix whose time is in `sequence_ends` it is absent
    /// until the next; after the last it stays, until `end` if that is later. `fixes` must be
    /// sorted by time; a fix at the same microsecond as the one before it is dropped.
    pub fn from_fixes(
        fixes: impl IntoIterator<Item = (Timestamp, LonLat)>,
        interpolation: Interpolation,
        sequence_ends: &[Timestamp],
        end: Option<Timestamp>,
    ) -> Self {
        let fixes = fixes.into_iter();
        let capacity = fixes.size_hint().0;
        let mut times_us = Vec::with_capacity(capacity);
        let mut lons_deg = Vec::with_capacity(capacity);
        let mut lats_deg = Vec::with_capacity(capacity);
        let mut gaps_after = Vec::new();
        let mut ends_us: Vec<i64> = sequence_ends.iter().map(|t| t.as_microsecond()).collect();
        ends_us.sort_unstable();
        for (t, position) in fixes {
            let us = t.as_microsecond();
            if times_us.last() == Some(&us) {
                continue;
            }
            if let Some(&previous) = times_us.last()
                && ends_us.binary_search(&previous).is_ok()
                && let Ok(index) = u32::try_from(times_us.len() - 1)
            {
                gaps_after.push(index);
            }
            times_us.push(us);
            lons_deg.push(position.x());
            lats_deg.push(position.y());
        }
        let end_us = end
            .map(|t| t.as_microsecond())
            .filter(|&end| times_us.last().is_some_and(|&last| end > last));
        Self {
            repr: Repr::Fixes(Fixes {
                times_us: times_us.into_boxed_slice(),
                lons_deg: lons_deg.into_boxed_slice(),
                lats_deg: lats_deg.into_boxed_slice(),
                interpolation,
                gaps_after: gaps_after.into_boxed_slice(),
                end_us,
            }),
        }
    }

    /// The number of states.
    pub fn len(&self) -> usize {
        match &self.repr {
            Repr::States { states, .. } => states.len(),
            Repr::Fixes(fixes) => fixes.len(),
        }
    }

    /// Whether the track has no states.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// State `index`, borrowed when the track keeps it and made when it keeps only fixes.
    pub fn get(&self, index: usize) -> Option<Cow<'_, TrackState>> {
        match &self.repr {
            Repr::States { states, .. } => states.get(index).map(Cow::Borrowed),
            Repr::Fixes(fixes) => fixes.state(index).map(Cow::Owned),
        }
    }

    /// The states as a scenario file wrote them; empty for a track of fixes, whose states are
    /// only made when asked for (see [`Self::get`] and [`Self::iter`]).
    pub fn written_states(&self) -> &[TrackState] {
        match &self.repr {
            Repr::States { states, .. } => states,
            Repr::Fixes(_) => &[],
        }
    }

    /// Every state, made where the track keeps only its fixes (for editing).
    pub fn to_vec(&self) -> Vec<TrackState> {
        self.iter().map(Cow::into_owned).collect()
    }

    /// The states in time order.
    pub fn iter(&self) -> impl DoubleEndedIterator<Item = Cow<'_, TrackState>> + '_ {
        (0..self.len()).filter_map(|index| self.get(index))
    }

    /// The index of the state in force at `t`: the last one that started at or before it.
    pub fn index_at(&self, t: UnixSecs) -> Option<usize> {
        match &self.repr {
            Repr::States { starts, .. } => {
                starts.partition_point(|&start| start <= t).checked_sub(1)
            }
            Repr::Fixes(fixes) => fixes.index_at(t),
        }
    }

    /// The first start and the last start or end of the states, without making any.
    pub fn time_bounds(&self) -> Option<(UnixSecs, UnixSecs)> {
        match &self.repr {
            Repr::States { states, .. } => states.iter().fold(None, |range, state| {
                let (start, end) = (state.dating.start_secs(), state.dating.end_secs());
                Some(match range {
                    None => (start.min(end), start.max(end)),
                    Some((lo, hi)) => (f64::min(lo, start.min(end)), f64::max(hi, start.max(end))),
                })
            }),
            Repr::Fixes(fixes) => {
                let first = *fixes.times_us.first()?;
                let last = fixes.end_us.or(fixes.times_us.last().copied())?;
                Some((secs_of_us(first), secs_of_us(last)))
            }
        }
    }

    /// Every position the states name (places stayed at, and the ends of moves).
    pub fn positions(&self) -> Box<dyn Iterator<Item = LonLat> + '_> {
        match &self.repr {
            Repr::States { states, .. } => Box::new(states.iter().flat_map(|state| {
                let (first, second) = match &state.kind {
                    StateKind::Stationed { place } => (Some(place.position), None),
                    StateKind::Moving { from, to, .. } => (Some(from.position), Some(to.position)),
                    StateKind::Departed { .. } => (None, None),
                };
                first.into_iter().chain(second)
            })),
            Repr::Fixes(fixes) => Box::new((0..fixes.times_us.len()).map(|i| fixes.position(i))),
        }
    }

    /// Shifts every site index by `offset`, for a scenario appended after `offset` other sites.
    pub fn shift_sites(&mut self, offset: usize) {
        let Repr::States { states, .. } = &mut self.repr else {
            // Fixes name no sites.
            return;
        };
        let shift = |site: &mut Option<usize>| {
            if let Some(index) = site {
                *index += offset;
            }
        };
        for state in states {
            match &mut state.kind {
                StateKind::Stationed { place } => shift(&mut place.site),
                StateKind::Moving { from, to, .. } => {
                    shift(&mut from.site);
                    shift(&mut to.site);
                }
                StateKind::Departed { .. } => {}
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(text: &str) -> Timestamp {
        text.parse().unwrap()
    }

    fn track(interpolation: Interpolation) -> Track {
        Track::from_fixes(
            [
                (t("2026-01-01T00:00:00Z"), LonLat::new(36.0, 33.0)),
                (t("2026-01-01T01:00:00Z"), LonLat::new(36.5, 33.5)),
                (t("2026-01-01T01:00:00Z"), LonLat::new(9.0, 9.0)),
                (t("2026-01-01T02:00:00Z"), LonLat::new(37.0, 34.0)),
                (t("2026-01-01T05:00:00Z"), LonLat::new(38.0, 35.0)),
            ],
            interpolation,
            &[t("2026-01-01T02:00:00Z")],
            Some(t("2026-01-01T06:00:00Z")),
        )
    }

    #[test]
    fn fixes_make_moves_a_gap_a_last_stay_and_an_end() {
        let track = track(Interpolation::Linear);
        // Three distinct-time legs' starts, a last stay, and the end.
        assert_eq!(track.len(), 5);
        let kinds: Vec<&str> = track.iter().map(|state| state.kind.label()).collect();
        assert_eq!(
            kinds,
            ["moving", "moving", "departed", "stationed", "departed"]
        );
        let second = track.get(1).unwrap();
        assert_eq!(second.dating.start, t("2026-01-01T01:00:00Z"));
        assert_eq!(second.dating.end, Some(t("2026-01-01T02:00:00Z")));
        let secs = |text: &str| unix_secs(t(text));
        assert_eq!(track.index_at(secs("2025-12-31T00:00:00Z")), None);
        assert_eq!(track.index_at(secs("2026-01-01T00:30:00Z")), Some(0));
        assert_eq!(track.index_at(secs("2026-01-01T03:00:00Z")), Some(2));
        assert_eq!(track.index_at(secs("2026-01-01T05:30:00Z")), Some(3));
        assert_eq!(track.index_at(secs("2026-01-01T07:00:00Z")), Some(4));
        assert_eq!(
            track.time_bounds(),
            Some((secs("2026-01-01T00:00:00Z"), secs("2026-01-01T06:00:00Z")))
        );
        assert_eq!(track.positions().count(), 4);
        assert!(track.get(5).is_none());
    }

    #[test]
    fn a_step_track_holds_each_position() {
        let track = track(Interpolation::Step);
        let first = track.get(0).unwrap();
        assert!(matches!(
            &first.kind,
            StateKind::Stationed { place } if place.position == LonLat::new(36.0, 33.0)
        ));
    }
}
