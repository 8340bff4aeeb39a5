//! How the map draws who holds a site: one colour only when one side holds it alone.

use deploymap::io::{builtin_scenario, parse_time_in};
use deploymap::map::{LayerVisibility, build_draw_list};
use deploymap::model::{Scenario, state_at, unix_secs};
use walkers::{MapMemory, MercatorProjection, Projector, lon_lat};

fn scenario() -> Scenario {
    builtin_scenario()
        .unwrap_or_else(|e| panic!("{e}"))
        .scenario
}

/// (second colour drawn?, dashed ring?) of `site_id` at `at` (local time).
fn site_style(scenario: &Scenario, site_id: &str, at: &str) -> (bool, bool) {
    let t = parse_time_in(at, &scenario.meta.time_zone).unwrap_or_else(|e| panic!("{e}"));
    let state = state_at(scenario, unix_secs(t));
    let mut memory = MapMemory::default();
    memory.center_at(lon_lat(39.0, 35.5));
    memory
        .set_zoom(5.0)
        .unwrap_or_else(|e| panic!("zoom: {e:?}"));
    let projector = Projector::new(
        egui::Rect::from_min_size(egui::Pos2::ZERO, egui::vec2(1600.0, 1000.0)),
        &MercatorProjection,
        &memory,
        lon_lat(0.0, 0.0),
    );
    let list = build_draw_list(
        scenario,
        &state,
        &LayerVisibility::default(),
        &projector,
        None,
    );
    let index = scenario
        .site_index(site_id)
        .unwrap_or_else(|| panic!("no site {site_id}"));
    let mark = list
        .sites
        .iter()
        .find(|mark| mark.site == index)
        .unwrap_or_else(|| panic!("{site_id} is not drawn"));
    (mark.second_color.is_some(), mark.unsettled)
}

#[test]
fn joint_disputed_changing_and_undated_control_are_not_drawn_as_sole_holding() {
    let scenario = scenario();
    assert_eq!(
        site_style(&scenario, "hasakah", "2026-01-25"),
        (false, false)
    );
    assert_eq!(
        site_style(&scenario, "hasakah", "2026-02-05"),
        (true, false)
    );
    assert_eq!(
        site_style(&scenario, "kharab_al_jir", "2026-02-25"),
        (false, true)
    );
    assert_eq!(
        site_style(&scenario, "tabqa", "2026-01-17T12:00"),
        (true, true)
    );
    assert_eq!(site_style(&scenario, "tabqa", "2026-01-20"), (false, false));
    assert_eq!(
        site_style(&scenario, "tell_baydar", "2026-01-20"),
        (false, true)
    );
}
