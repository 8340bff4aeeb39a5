//! Joins what the scenario files hold: site ids resolved, duplicates and out-of-order states
//! reported.

use super::{
    HeaderJson, Loc, Parts, Pending, PendingEvent, PendingForce, PendingKind, PendingPlace,
    TimeJson,
};
use crate::io::loaded::{IdKind, IdPlace, Loaded};
use crate::model::{
    Bookmark, CheckedItem, Event, Force, Path, Place, Scenario, Site, StateKind, Track, TrackState,
    check_scenario,
};
use jiff::Timestamp;
use std::collections::HashMap;

impl Parts {
    pub(super) fn resolve(mut self) -> Loaded {
        let Pending {
            headers,
            sites,
            forces,
            events,
        } = std::mem::take(&mut self.pending);
        let mut scenario = Scenario::default();
        self.merge_headers(headers, &mut scenario);

        let twice = |kind: &str, id: &str, first: &Loc| {
            format!(
                "{kind} id {id:?} is used twice, first at {}; expected unique ids",
                first.at()
            )
        };
        let mut site_index: HashMap<String, usize> = HashMap::new();
        let mut site_locs: HashMap<String, Loc> = HashMap::new();
        let mut control_locs: Vec<Vec<Loc>> = Vec::new();
        for (site, loc, change_locs) in sites {
            if let Some(first) = site_locs.get(&site.id) {
                self.problems
                    .push(loc.problem(twice("site", &site.id, first)));
                continue;
            }
            site_locs.insert(site.id.clone(), loc);
            control_locs.push(change_locs);
            site_index.insert(site.id.clone(), scenario.sites.len());
            scenario.sites.push(site);
        }

        let mut force_locs: HashMap<String, Loc> = HashMap::new();
        let mut state_locs: Vec<Vec<Loc>> = Vec::new();
        for pending_force in forces {
            let id = &pending_force.force.id;
            if let Some(first) = force_locs.get(id) {
                self.problems
                    .push(pending_force.loc.problem(twice("force", id, first)));
                continue;
            }
            force_locs.insert(id.clone(), pending_force.loc.clone());
            if let Some((force, locs)) =
                self.resolve_force(pending_force, &scenario.sites, &site_index)
            {
                scenario.forces.push(force);
                state_locs.push(locs);
            }
        }

        let mut event_locs: HashMap<String, Loc> = HashMap::new();
        let mut follows: Vec<(String, String, Loc)> = Vec::new();
        for PendingEvent {
            mut event,
            site,
            after,
            loc,
        } in events
        {
            if let Some(first) = event_locs.get(&event.id) {
                self.problems
                    .push(loc.problem(twice("event", &event.id, first)));
                continue;
            }
            event_locs.insert(event.id.clone(), loc.clone());
            if let Some(anchor) = after {
                follows.push((event.id.clone(), anchor, loc.clone()));
            }
            if let Some(site_id) = site {
                match site_index.get(&site_id) {
                    Some(&index) => event.site = Some(index),
                    None => self.problems.push(loc.problem(format!(
                        "event {:?}: site {site_id:?} does not exist; expected the id of a site",
                        event.id
                    ))),
                }
            }
            scenario.events.push(event);
        }
        scenario.events.sort_by_key(|event| event.dating.start);
        self.order_after(&mut scenario.events, &follows);

        // The checks of facts (unsourced, overlapping, going nowhere, dated after the sources)
        // that the window shows as the user edits, at their places in the files.
        for finding in check_scenario(&scenario) {
            let loc = match finding.item {
                CheckedItem::ControlChange { site, change } => {
                    control_locs.get(site).and_then(|locs| locs.get(change))
                }
                CheckedItem::State { force, state } => {
                    state_locs.get(force).and_then(|locs| locs.get(state))
                }
                CheckedItem::Event(index) => scenario
                    .events
                    .get(index)
                    .and_then(|event| event_locs.get(&event.id)),
            };
            if let Some(loc) = loc {
                self.problems.push(loc.problem(finding.message));
            }
        }

        let mut id_places: Vec<IdPlace> = force_locs
            .into_iter()
            .map(|(id, loc)| (IdKind::Force, id, loc))
            .chain(
                event_locs
                    .into_iter()
                    .map(|(id, loc)| (IdKind::Event, id, loc)),
            )
            .map(|(kind, id, loc)| IdPlace {
                kind,
                id,
                file: loc.file,
                line: loc.line,
                column: loc.column,
            })
            .collect();
        id_places.sort_by(|a, b| (&a.file, a.line, a.column).cmp(&(&b.file, b.line, b.column)));
        Loaded {
            scenario,
            problems: self.problems,
            id_places,
        }
    }

    /// Moves each event with `"after"` to just behind the event it names, when the two start at
    /// the same instant (the sources give no hour to tell them apart).
    fn order_after(&mut self, events: &mut Vec<Event>, follows: &[(String, String, Loc)]) {
        for (id, anchor, loc) in follows {
            let position = |events: &[Event], id: &str| events.iter().position(|e| e.id == id);
            let (Some(index), Some(anchor_index)) =
                (position(events, id), position(events, anchor))
            else {
                self.problems.push(loc.problem(format!(
                    "event {id:?}: \"after\" names {anchor:?}, which is not an event; expected the id of an event"
                )));
                continue;
            };
            if events[index].dating.start != events[anchor_index].dating.start {
                self.problems.push(loc.problem(format!(
                    "event {id:?}: \"after\" names {anchor:?}, which starts at another time; expected an event starting at the same time"
                )));
                continue;
            }
            if index < anchor_index {
                let event = events.remove(index);
                events.insert(anchor_index, event);
            }
        }
    }

    fn merge_headers(&mut self, headers: Vec<HeaderJson>, scenario: &mut Scenario) {
        scenario.meta.time_zone = self.zone.clone();
        let zone = self.zone.clone();
        let at = |time: TimeJson| time.0.start_in(&zone).ok();
        for header in headers {
            let meta = &mut scenario.meta;
            meta.title = meta.title.take().or(header.title);
            meta.description = meta.description.take().or(header.description);
            meta.default_view = meta.default_view.or(header.default_view);
            meta.default_time = meta.default_time.or(header.default_time.and_then(at));
            meta.bookmarks
                .extend(header.bookmarks.into_iter().filter_map(|b| {
                    Some(Bookmark {
                        title: b.title,
                        time: at(b.time)?,
                        view: b.view,
                    })
                }));
            for (key, value) in header.others {
                if !super::HEADER_KEYS_READ_ELSEWHERE.contains(&key.as_str()) {
                    meta.extra.entry(key).or_insert(value);
                }
            }
            for faction in header.factions {
                if scenario.faction(&faction.id).is_none() {
                    scenario.factions.push(faction);
                }
            }
        }
    }

    fn resolve_force(
        &mut self,
        pending: PendingForce,
        sites: &[Site],
        site_index: &HashMap<String, usize>,
    ) -> Option<(Force, Vec<Loc>)> {
        let PendingForce {
            mut force, states, ..
        } = pending;
        let mut previous_start: Option<Timestamp> = None;
        let mut track = Vec::with_capacity(states.len());
        let mut locs = Vec::with_capacity(states.len());
        for state in states {
            let what = format!("force {:?}", force.id);
            // A state that overlaps the one before is kept (the checks report it); one that
            // starts before it cannot be placed in the track.
            if let Some(previous) = previous_start
                && state.dating.start < previous
            {
                self.problems.push(state.loc.problem(format!(
                    "{what}: this state starts before the previous one starts; expected states in time order"
                )));
                continue;
            }
            let place = |pending: &PendingPlace| -> Result<Place, String> {
                match pending {
                    PendingPlace::Position(position) => Ok(Place {
                        site: None,
                        position: *position,
                    }),
                    PendingPlace::Site(id) => site_index
                        .get(id)
                        .map(|&index| Place {
                            site: Some(index),
                            position: sites[index].position,
                        })
                        .ok_or_else(|| {
                            format!("site {id:?} does not exist; expected the id of a site")
                        }),
                }
            };
            let kind = match &state.kind {
                PendingKind::Stationed(at) => place(at).map(|place| StateKind::Stationed { place }),
                PendingKind::Moving {
                    from,
                    to,
                    waypoints,
                    mode,
                    route_reported,
                } => match (place(from), place(to), state.dating.end) {
                    (_, _, None) => Err("a moving state needs an \"end\" time".to_string()),
                    (_, _, Some(end)) if end <= state.dating.start => {
                        Err("a moving state needs \"end\" after \"start\"".to_string())
                    }
                    (Err(e), _, _) | (_, Err(e), _) => Err(e),
                    (Ok(from), Ok(to), Some(_)) => {
                        let mut points = vec![from.position];
                        points.extend(waypoints.iter().copied());
                        points.push(to.position);
                        Ok(StateKind::Moving {
                            from,
                            to,
                            path: Path::new(points),
                            mode: *mode,
                            route_reported: *route_reported,
                        })
                    }
                },
                PendingKind::Departed(destination) => Ok(StateKind::Departed {
                    destination: destination.clone(),
                }),
            };
            match kind {
                Ok(kind) => {
                    previous_start = Some(state.dating.start);
                    locs.push(state.loc);
                    track.push(
                        TrackState::new(
                            kind,
                            state.dating,
                            state.provenance,
                            state.strength,
                            state.note,
                        )
                        .with_extra(state.extra),
                    );
                }
                Err(message) => self
                    .problems
                    .push(state.loc.problem(format!("{what}: {message}"))),
            }
        }
        force.track = Track::new(track);
        (!force.track.is_empty()).then_some((force, locs))
    }
}
