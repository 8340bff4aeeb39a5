//! Joins what the scenario files hold: site ids resolved, duplicates and out-of-order states
//! reported.

use super::{HeaderJson, Parts, Pending, PendingEvent, PendingForce, PendingKind, PendingPlace};
use crate::io::load::Loaded;
use crate::model::{Bookmark, Force, Path, Place, Scenario, Site, StateKind, Track, TrackState};
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

        let mut site_index: HashMap<String, usize> = HashMap::new();
        for (site, loc) in sites {
            if site_index.contains_key(&site.id) {
                self.problems.push(loc.problem(format!(
                    "site id {:?} is used twice; expected unique ids",
                    site.id
                )));
                continue;
            }
            site_index.insert(site.id.clone(), scenario.sites.len());
            scenario.sites.push(site);
        }

        let mut force_ids: HashMap<String, ()> = HashMap::new();
        for pending_force in forces {
            if force_ids
                .insert(pending_force.force.id.clone(), ())
                .is_some()
            {
                self.problems.push(pending_force.loc.problem(format!(
                    "force id {:?} is used twice; expected unique ids",
                    pending_force.force.id
                )));
                continue;
            }
            if let Some(force) = self.resolve_force(pending_force, &scenario.sites, &site_index) {
                scenario.forces.push(force);
            }
        }

        for PendingEvent {
            mut event,
            site,
            loc,
        } in events
        {
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

        Loaded {
            scenario,
            problems: self.problems,
        }
    }

    fn merge_headers(&mut self, headers: Vec<HeaderJson>, scenario: &mut Scenario) {
        for header in headers {
            let meta = &mut scenario.meta;
            meta.title = meta.title.take().or(header.title);
            meta.description = meta.description.take().or(header.description);
            meta.default_view = meta.default_view.or(header.default_view);
            meta.default_time = meta.default_time.or(header.default_time.map(|t| t.0));
            meta.bookmarks
                .extend(header.bookmarks.into_iter().map(|b| Bookmark {
                    title: b.title,
                    time: b.time.0,
                    view: b.view,
                }));
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
    ) -> Option<Force> {
        let PendingForce {
            mut force, states, ..
        } = pending;
        let mut previous_end: Option<Timestamp> = None;
        let mut track = Vec::with_capacity(states.len());
        for state in states {
            let what = format!("force {:?}", force.id);
            if let Some(previous) = previous_end
                && state.dating.start < previous
            {
                self.problems.push(state.loc.problem(format!(
                    "{what}: this state starts before the previous one ends; expected states in time order"
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
                    previous_end = Some(state.dating.end.unwrap_or(state.dating.start));
                    track.push(TrackState::new(
                        kind,
                        state.dating,
                        state.provenance,
                        state.strength,
                        state.note,
                    ));
                }
                Err(message) => self
                    .problems
                    .push(state.loc.problem(format!("{what}: {message}"))),
            }
        }
        force.track = Track::new(track);
        (!force.track.is_empty()).then_some(force)
    }
}
