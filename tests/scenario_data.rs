//! Invariants of the built-in scenario: every fact sourced and dated, tracks ordered, places real.

use deploymap::io::builtin_scenario;
use deploymap::model::{Scenario, StateKind};

fn builtin() -> Scenario {
    match builtin_scenario() {
        Ok(loaded) => {
            assert!(
                loaded.problems.is_empty(),
                "built-in problems: {:#?}",
                loaded.problems
            );
            loaded.scenario
        }
        Err(e) => panic!("the built-in scenario does not load: {e}"),
    }
}

fn has_url(sources: &[deploymap::model::Source]) -> bool {
    sources
        .iter()
        .any(|s| s.url.starts_with("http") && !s.outlet.trim().is_empty())
}

#[test]
fn every_event_state_and_change_of_control_has_a_source_url() {
    let scenario = builtin();
    for event in &scenario.events {
        assert!(has_url(&event.provenance.sources), "event {}", event.id);
    }
    for force in &scenario.forces {
        for (i, state) in force.track.iter().enumerate() {
            assert!(
                has_url(&state.provenance().sources),
                "force {} state {}",
                force.id,
                i + 1
            );
        }
    }
    for site in &scenario.sites {
        for change in &site.control {
            assert!(
                has_url(&change.provenance.sources),
                "site {} control",
                site.id
            );
        }
        assert!(
            site.coordinate_source.is_some(),
            "site {} has no coordinate source",
            site.id
        );
    }
}

#[test]
fn tracks_are_in_time_order_and_moves_take_time() {
    let scenario = builtin();
    for force in &scenario.forces {
        for pair in force.track.windows(2) {
            assert!(
                pair[0].dating.end_secs() <= pair[1].dating.start_secs(),
                "force {}",
                force.id
            );
        }
        for state in &force.track {
            if let StateKind::Moving { .. } = state.kind {
                assert!(
                    state.dating.end_secs() > state.dating.start_secs(),
                    "force {}",
                    force.id
                );
            }
        }
    }
}

#[test]
fn every_site_is_in_the_region_or_in_moscow() {
    let scenario = builtin();
    for site in &scenario.sites {
        let (lon, lat) = (site.position.x(), site.position.y());
        let in_region = (22.0..=53.0).contains(&lon) && (26.0..=47.0).contains(&lat);
        let in_moscow = (35.5..=39.8).contains(&lon) && (54.8..=56.8).contains(&lat);
        assert!(in_region || in_moscow, "site {} at {lon},{lat}", site.id);
    }
}

#[test]
fn the_sites_the_story_needs_are_there() {
    let scenario = builtin();
    for id in [
        "hmeimim",
        "tartus_naval",
        "qamishli_airport",
        "kremlin",
        "vnukovo",
        "al_tanf",
        "al_shaddadi",
        "qasrak",
        "kharab_al_jir",
        "green_village",
        "conoco",
    ] {
        assert!(scenario.site_index(id).is_some(), "missing site {id}");
    }
    let qasrak = &scenario.sites[scenario.site_index("qasrak").unwrap_or_default()];
    assert!(
        qasrak.coordinate_uncertainty_km.is_some(),
        "Qasrak's position is approximate"
    );
}

#[test]
fn the_moscow_meeting_credits_the_historic_role_remark_to_sharaa() {
    let scenario = builtin();
    let meeting = scenario
        .events
        .iter()
        .find(|e| e.dating.start.to_string().starts_with("2026-01-28") && e.title.contains("Putin"))
        .unwrap_or_else(|| panic!("no 28 Jan 2026 Putin meeting"));
    assert!(meeting.summary.contains("Sharaa"));
    assert!(meeting.summary.contains("historic role"));
}

#[test]
fn the_first_story_moment_is_the_qamishli_withdrawal() {
    let scenario = builtin();
    let first = scenario
        .meta
        .bookmarks
        .first()
        .map(|b| b.title.as_str())
        .unwrap_or_default();
    assert!(first.contains("Qamishli"), "{first}");
}
