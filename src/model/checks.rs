//! Checks of a scenario's facts that do not stop it from loading or saving: items without a
//! source, states of one force that overlap, moves that go nowhere, and items dated after every
//! one of their sources was published. The window marks them as the user edits; `validate`
//! prints the same list for scenario files, each at its place in the file.
//!
//! "Dated after its sources": a source cannot report what had not begun when it was published,
//! so an item whose earliest possible date is after the end of the publication day of its
//! latest-published source is flagged. An item with an undated source is not judged (that source
//! may be later), and neither are the sources of conflicting reports.

use super::{Dating, Provenance, Scenario, StateKind, UnixSecs, format_date_in, unix_secs};

/// What kind of problem a check found.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum CheckKind {
    /// No source with an outlet and a link.
    Unsourced,
    /// A force's state starts before the one before it ends.
    OverlappingStates,
    /// A move that ends where it starts, or a departure that says nowhere where it went.
    NoDestination,
    /// The item begins after every one of its sources was published.
    DatedAfterSources,
}

/// The item a finding is about, by index into the scenario.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum CheckedItem {
    /// A change of control: the site's index and the change's index in its `control`.
    ControlChange {
        /// Index into the scenario's sites.
        site: usize,
        /// Index into the site's control changes.
        change: usize,
    },
    /// A state of a force's track.
    State {
        /// Index into the scenario's forces.
        force: usize,
        /// Index into the force's track.
        state: usize,
    },
    /// An event, by index into the scenario's events.
    Event(usize),
}

/// One problem found, in words that name the item and say what was expected.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Finding {
    /// What is wrong.
    pub kind: CheckKind,
    /// Where.
    pub item: CheckedItem,
    /// The message, e.g. `force "ru_1", track state 2 has no source; expected …`.
    pub message: String,
}

/// Every finding in `scenario`: sites' changes of control first, then forces' states, then
/// events, each in the scenario's order.
pub fn check_scenario(scenario: &Scenario) -> Vec<Finding> {
    let mut findings = Vec::new();
    for (site_index, site) in scenario.sites.iter().enumerate() {
        for (change_index, change) in site.control.iter().enumerate() {
            let item = CheckedItem::ControlChange {
                site: site_index,
                change: change_index,
            };
            let what = format!("site {:?}, change of control {}", site.id, change_index + 1);
            check_dated(
                &mut findings,
                item,
                &what,
                &change.dating,
                &change.provenance,
            );
        }
    }
    for (force_index, force) in scenario.forces.iter().enumerate() {
        for (state_index, state) in force.track.iter().enumerate() {
            let item = CheckedItem::State {
                force: force_index,
                state: state_index,
            };
            let what = format!("force {:?}, track state {}", force.id, state_index + 1);
            check_dated(
                &mut findings,
                item,
                &what,
                &state.dating,
                state.provenance(),
            );
            if let Some(previous) = state_index.checked_sub(1).and_then(|i| force.track.get(i)) {
                let previous_end = previous.dating.end_secs();
                if state.dating.start_secs() < previous_end {
                    let zone = &state.dating.zone;
                    findings.push(Finding {
                        kind: CheckKind::OverlappingStates,
                        item,
                        message: format!(
                            "{what} starts at {} before track state {state_index} ends at {}; expected states of one force that do not overlap",
                            format_date_in(state.dating.start, state.dating.precision, zone),
                            format_date_in(
                                previous.dating.end.unwrap_or(previous.dating.start),
                                previous.dating.precision,
                                zone
                            ),
                        ),
                    });
                }
            }
            let nowhere = match &state.kind {
                StateKind::Moving { from, to, .. } => {
                    (from.site.is_some() && from.site == to.site)
                        || (from.site.is_none()
                            && to.site.is_none()
                            && from.position == to.position)
                }
                StateKind::Departed { destination } => {
                    destination.as_deref().is_none_or(|d| d.trim().is_empty())
                }
                StateKind::Stationed { .. } => false,
            };
            if nowhere {
                let message = if matches!(state.kind, StateKind::Departed { .. }) {
                    format!(
                        "{what} departs with no destination; expected where it went, as the sources say (\"destination\")"
                    )
                } else {
                    format!(
                        "{what} moves to where it starts; expected a destination other than its origin"
                    )
                };
                findings.push(Finding {
                    kind: CheckKind::NoDestination,
                    item,
                    message,
                });
            }
        }
    }
    for (index, event) in scenario.events.iter().enumerate() {
        let what = format!("event {:?}", event.id);
        check_dated(
            &mut findings,
            CheckedItem::Event(index),
            &what,
            &event.dating,
            &event.provenance,
        );
    }
    findings
}

/// Whether `provenance` has a source with an outlet and a link.
pub fn is_sourced(provenance: &Provenance) -> bool {
    provenance
        .sources
        .iter()
        .any(|source| !source.outlet.trim().is_empty() && source.url.starts_with("http"))
}

fn check_dated(
    findings: &mut Vec<Finding>,
    item: CheckedItem,
    what: &str,
    dating: &Dating,
    provenance: &Provenance,
) {
    if !is_sourced(provenance) {
        findings.push(Finding {
            kind: CheckKind::Unsourced,
            item,
            message: format!(
                "{what} has no source; expected \"sources\": [{{\"outlet\": ..., \"url\": \"https://...\"}}]"
            ),
        });
        return;
    }
    if let Some((published_end, published)) = last_publication(dating, provenance) {
        let (earliest_secs, _) = dating.band_secs();
        if earliest_secs >= published_end {
            findings.push(Finding {
                kind: CheckKind::DatedAfterSources,
                item,
                message: format!(
                    "{what} begins {}, after its sources were published (the latest on {published}); expected a date its sources could report, or a later source",
                    format_date_in(
                        super::timestamp_from_unix_secs(earliest_secs),
                        dating.precision,
                        &dating.zone
                    ),
                ),
            });
        }
    }
}

/// The end of the local publication day of the latest-published source, and that date as
/// written; `None` when any source is undated or unreadable (it may be the later one).
fn last_publication(dating: &Dating, provenance: &Provenance) -> Option<(UnixSecs, String)> {
    let mut latest: Option<(UnixSecs, String)> = None;
    for source in &provenance.sources {
        let date = source.published_date()?;
        let next_day = date.tomorrow().ok()?;
        let end = next_day
            .to_zoned_datetime(dating.zone.clone())
            .ok()?
            .timestamp();
        let end_secs = unix_secs(end);
        if latest.as_ref().is_none_or(|(secs, _)| end_secs > *secs) {
            latest = Some((end_secs, date.to_string()));
        }
    }
    latest
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Force, ForceKind, LonLat, Place, Source, Track, TrackState};

    fn day(text: &str) -> Dating {
        Dating::exact(text.parse().unwrap())
    }

    fn sourced(published: &str) -> Provenance {
        let mut source = Source::new("Reuters", "https://www.reuters.com/a");
        source.published = Some(published.to_string());
        Provenance {
            sources: vec![source],
            ..Provenance::default()
        }
    }

    fn stationed(start: &str, provenance: Provenance) -> TrackState {
        let place = Place {
            site: None,
            position: LonLat::new(36.0, 35.0),
        };
        TrackState::new(
            StateKind::Stationed { place },
            day(start),
            provenance,
            None,
            None,
        )
    }

    fn scenario_with(track: Vec<TrackState>) -> Scenario {
        Scenario {
            forces: vec![Force {
                id: "f".into(),
                name: "F".into(),
                faction: "a".into(),
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
    fn an_unsourced_state_and_a_state_dated_after_its_sources_are_found() {
        let scenario = scenario_with(vec![
            stationed("2026-01-10T00:00:00Z", Provenance::default()),
            stationed("2026-01-20T00:00:00Z", sourced("2026-01-12")),
            stationed("2026-01-21T00:00:00Z", sourced("2026-01-21")),
        ]);
        let findings = check_scenario(&scenario);
        let kinds: Vec<(CheckKind, CheckedItem)> =
            findings.iter().map(|f| (f.kind, f.item)).collect();
        assert_eq!(
            kinds,
            [
                (
                    CheckKind::Unsourced,
                    CheckedItem::State { force: 0, state: 0 }
                ),
                (
                    CheckKind::DatedAfterSources,
                    CheckedItem::State { force: 0, state: 1 }
                ),
            ]
        );
        assert!(
            findings[1].message.contains("the latest on 2026-01-12"),
            "{}",
            findings[1].message
        );
    }

    #[test]
    fn an_undated_source_is_not_judged() {
        let mut provenance = sourced("2026-01-01");
        provenance
            .sources
            .push(Source::new("AFP", "https://www.afp.com/b"));
        let scenario = scenario_with(vec![stationed("2026-03-01T00:00:00Z", provenance)]);
        assert!(check_scenario(&scenario).is_empty());
    }
}
