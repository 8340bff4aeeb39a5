use super::*;
use crate::model::{
    Dating, EventKind, ForceKind, Provenance, SiteKind, Source, TravelMode, state_at, unix_secs,
};

fn ts(text: &str) -> jiff::Timestamp {
    text.parse().unwrap_or_else(|e| panic!("{text}: {e}"))
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

fn source() -> Source {
    Source {
        outlet: "Reuters".into(),
        published: Some("2026-01-20".into()),
        url: "https://www.reuters.com/world/a".into(),
        via: None,
        weak: None,
        id: None,
        strength: None,
    }
}

fn stationed(site: usize, at: LonLat, start: &str) -> TrackState {
    TrackState::new(
        StateKind::Stationed {
            place: Place {
                site: Some(site),
                position: at,
            },
        },
        Dating::exact(ts(start)),
        Provenance {
            sources: vec![source()],
            ..Provenance::default()
        },
        None,
        None,
    )
}

fn moving(from: (usize, LonLat), to: (usize, LonLat), start: &str, end: &str) -> TrackState {
    TrackState::new(
        StateKind::Moving {
            from: Place {
                site: Some(from.0),
                position: from.1,
            },
            to: Place {
                site: Some(to.0),
                position: to.1,
            },
            path: Path::new(vec![from.1, to.1]),
            mode: TravelMode::Air,
            route_reported: false,
        },
        Dating {
            end: Some(ts(end)),
            ..Dating::exact(ts(start))
        },
        Provenance::default(),
        None,
        None,
    )
}

fn force(name: &str, track: Vec<TrackState>) -> Force {
    Force {
        id: name.into(),
        name: name.into(),
        faction: "us".into(),
        kind: ForceKind::Air,
        strength: None,
        note: None,
        track: Track::new(track),
        attributes: vec![],
        temporal_properties: vec![],
        extra: Default::default(),
    }
}

fn event(title: &str, start: &str, site: Option<usize>) -> Event {
    Event {
        id: title.into(),
        title: title.into(),
        summary: String::new(),
        kind: EventKind::Military,
        site,
        position: None,
        place: None,
        dating: Dating::exact(ts(start)),
        provenance: Provenance::default(),
        attributes: vec![],
        extra: Default::default(),
    }
}

/// Two sites, a force stationed at the first then moving to the second, and two events.
fn scenario() -> Scenario {
    let a = LonLat::new(36.0, 35.0);
    let b = LonLat::new(41.0, 37.0);
    Scenario {
        sites: vec![site("a", 36.0, 35.0), site("b", 41.0, 37.0)],
        forces: vec![force(
            "wing",
            vec![
                stationed(0, a, "2026-01-01T00:00:00Z"),
                moving(
                    (0, a),
                    (1, b),
                    "2026-01-10T00:00:00Z",
                    "2026-01-12T00:00:00Z",
                ),
                stationed(1, b, "2026-01-12T00:00:00Z"),
            ],
        )],
        events: vec![
            event("first", "2026-01-02T00:00:00Z", Some(0)),
            event("second", "2026-01-11T00:00:00Z", Some(1)),
        ],
        ..Scenario::default()
    }
}

/// Applies `edit`, checks the scenario changed, undoes it and checks it is back as it was.
fn round_trip(edit: Edit) -> Scenario {
    let before = scenario();
    let mut scenario = before.clone();
    let inverse = edit.apply(&mut scenario).unwrap_or_else(|e| panic!("{e}"));
    assert_ne!(scenario, before, "the edit changed nothing");
    let after = scenario.clone();
    let redo = inverse
        .apply(&mut scenario)
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(scenario, before, "the inverse did not restore the scenario");
    redo.apply(&mut scenario).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(
        scenario, after,
        "the inverse of the inverse did not redo the edit"
    );
    after
}

#[test]
fn inserting_a_site_first_renumbers_every_place_and_event_and_undoes() {
    let after = round_trip(Edit::InsertSite {
        index: 0,
        site: Box::new(site("c", 30.0, 30.0)),
    });
    assert_eq!(after.sites[0].id, "c");
    assert_eq!(after.events[0].site, Some(1));
    let t = unix_secs(ts("2026-01-05T00:00:00Z"));
    let state = state_at(&after, t);
    assert_eq!(
        state.forces[0].status,
        crate::model::ForceStatus::Stationed { site: Some(1) }
    );
}

#[test]
fn a_site_in_use_is_not_removed_and_the_scenario_stays_as_it_was() {
    let mut scenario = scenario();
    let before = scenario.clone();
    let error = Edit::RemoveSite { index: 1 }
        .apply(&mut scenario)
        .expect_err("site b is used");
    assert!(error.to_string().contains("force wing"), "{error}");
    assert!(error.to_string().contains("event second"), "{error}");
    assert_eq!(scenario, before);
}

#[test]
fn moving_a_site_moves_the_forces_stationed_there_and_the_paths_ending_there() {
    let to = LonLat::new(40.0, 36.0);
    let after = round_trip(Edit::MoveSite { index: 1, to });
    assert_eq!(after.sites[1].position, to);
    let state = state_at(&after, unix_secs(ts("2026-01-20T00:00:00Z")));
    assert_eq!(state.forces[0].position, to);
    let Some(second) = after.forces[0].track.get(1) else {
        panic!("the force has no second state");
    };
    let StateKind::Moving { path, to: end, .. } = &second.kind else {
        panic!("the second state moves");
    };
    assert_eq!(end.position, to);
    assert_eq!(path.points().last(), Some(&to));
}

#[test]
fn states_are_kept_in_date_order_whatever_order_they_are_added_in() {
    let b = LonLat::new(41.0, 37.0);
    let after = round_trip(Edit::AddState {
        force: 0,
        state: Box::new(stationed(1, b, "2026-01-05T00:00:00Z")),
    });
    let starts: Vec<_> = after.forces[0]
        .track
        .iter()
        .map(|state| state.dating.start)
        .collect();
    assert!(
        starts.windows(2).all(|pair| pair[0] <= pair[1]),
        "{starts:?}"
    );
    let state = state_at(&after, unix_secs(ts("2026-01-06T00:00:00Z")));
    assert_eq!(state.forces[0].position, b);
}

#[test]
fn changing_and_removing_states_undo() {
    let a = LonLat::new(36.0, 35.0);
    round_trip(Edit::SetState {
        force: 0,
        index: 2,
        state: Box::new(stationed(0, a, "2026-01-15T00:00:00Z")),
    });
    let after = round_trip(Edit::RemoveState { force: 0, index: 1 });
    assert_eq!(after.forces[0].track.len(), 2);
}

#[test]
fn events_stay_sorted_when_added_or_redated() {
    let after = round_trip(Edit::AddEvent(Box::new(event(
        "middle",
        "2026-01-05T00:00:00Z",
        None,
    ))));
    let titles: Vec<_> = after.events.iter().map(|e| e.title.as_str()).collect();
    assert_eq!(titles, ["first", "middle", "second"]);
    let mut later = event("first", "2026-01-30T00:00:00Z", Some(0));
    later.provenance.sources.push(source());
    let after = round_trip(Edit::SetEvent {
        index: 0,
        event: Box::new(later),
    });
    let titles: Vec<_> = after.events.iter().map(|e| e.title.as_str()).collect();
    assert_eq!(titles, ["second", "first"]);
    round_trip(Edit::RemoveEvent { index: 1 });
}

#[test]
fn forces_sites_control_and_factions_round_trip() {
    round_trip(Edit::InsertForce {
        index: 1,
        force: Box::new(force("brigade", vec![])),
    });
    round_trip(Edit::RemoveForce { index: 0 });
    let mut renamed = scenario().forces[0].clone();
    renamed.name = "Expeditionary wing".into();
    round_trip(Edit::SetForce {
        index: 0,
        force: Box::new(renamed),
    });
    let mut moved = site("b", 42.0, 36.0);
    moved.name = "B base".into();
    let after = round_trip(Edit::SetSite {
        index: 1,
        site: Box::new(moved),
    });
    assert_eq!(
        state_at(&after, unix_secs(ts("2026-01-20T00:00:00Z"))).forces[0].position,
        LonLat::new(42.0, 36.0)
    );
    round_trip(Edit::AddControlChange {
        site: 0,
        change: Box::new(ControlChange {
            faction: "us".into(),
            kind: crate::model::ControlKind::Held,
            with: vec![],
            dating: Dating::exact(ts("2026-01-01T00:00:00Z")),
            provenance: Provenance::default(),
            note: None,
            extra: Default::default(),
        }),
    });
    round_trip(Edit::SetFactions(vec![Faction {
        id: "us".into(),
        name: "United States".into(),
        color: "#3050c0".into(),
        identity: None,
    }]));
}

#[test]
fn a_batch_that_fails_half_way_leaves_nothing_done() {
    let mut scenario = scenario();
    let before = scenario.clone();
    let error = Edit::Batch(vec![
        Edit::MoveSite {
            index: 0,
            to: LonLat::new(1.0, 1.0),
        },
        Edit::RemoveEvent { index: 9 },
    ])
    .apply(&mut scenario);
    assert_eq!(
        error,
        Err(EditError::NoSuch {
            what: "event",
            index: 9
        })
    );
    assert_eq!(scenario, before);
}

#[test]
fn the_history_undoes_and_redoes_and_knows_what_is_saved() {
    let mut scenario = scenario();
    let loaded = scenario.clone();
    let mut history = EditHistory::default();
    assert!(!history.is_dirty());
    history
        .apply(
            &mut scenario,
            Edit::MoveSite {
                index: 0,
                to: LonLat::new(1.0, 2.0),
            },
        )
        .unwrap_or_else(|e| panic!("{e}"));
    let moved = scenario.clone();
    assert!(history.is_dirty());
    assert_eq!(history.undo_label(), Some("move site"));
    history.mark_saved();
    assert!(!history.is_dirty());
    assert_eq!(history.undo(&mut scenario), Ok(true));
    assert_eq!(scenario, loaded);
    assert!(history.is_dirty(), "the saved version had the move");
    assert_eq!(history.redo_label(), Some("move site"));
    assert_eq!(history.redo(&mut scenario), Ok(true));
    assert_eq!(scenario, moved);
    assert!(!history.is_dirty(), "back at the saved version");
    assert_eq!(history.redo(&mut scenario), Ok(false));
    assert_eq!(history.undo(&mut scenario), Ok(true));
    history
        .apply(&mut scenario, Edit::RemoveEvent { index: 0 })
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(history.redo_label(), None, "a new edit forgets the redo");
    assert!(history.is_dirty());
}

#[test]
fn fresh_ids_do_not_collide() {
    let mut scenario = scenario();
    assert_eq!(fresh_id(&scenario, "site"), "site-1");
    scenario.sites.push(site("site-1", 0.0, 0.0));
    assert_eq!(fresh_id(&scenario, "site"), "site-2");
}
