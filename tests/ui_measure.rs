//! The ruler in the window: M switches it on, clicks on sites and units measure between them
//! along the geodesic, the length follows a unit as the time moves, exports draw it, and Esc
//! clears it.

use deploymap::DeployApp;
use deploymap::map::{LayerVisibility, RulerPoint, build_draw_list};
use deploymap::model::{LonLat, state_at, unix_secs};
use deploymap::timeline::PlaybackCommand;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;
use walkers::{MercatorProjection, Projector};

mod common;

use common::harness;

fn secs(text: &str) -> f64 {
    unix_secs(deploymap::io::parse_time(text).unwrap_or_else(|e| panic!("{e}")))
}

fn projector(app: &DeployApp) -> Projector<'_> {
    Projector::new(
        app.map_rect(),
        &MercatorProjection,
        &app.map_view().memory,
        walkers::lon_lat(0.0, 0.0),
    )
}

fn site_position(app: &DeployApp, id: &str) -> LonLat {
    let scenario = app.scenario();
    scenario.sites[scenario
        .site_index(id)
        .unwrap_or_else(|| panic!("no site {id}"))]
    .position
}

/// A click at `pos`, with time enough after it that the next click is no double click.
fn click_at(harness: &mut Harness<'_, DeployApp>, pos: egui::Pos2) {
    harness.hover_at(pos);
    harness.run_steps(1);
    harness.drag_at(pos);
    harness.run_steps(1);
    harness.drop_at(pos);
    harness.run_steps(40);
}

fn changed_pixels(a: &image::RgbaImage, b: &image::RgbaImage) -> usize {
    a.pixels()
        .zip(b.pixels())
        .filter(|(p, q)| {
            p.0[..3]
                .iter()
                .zip(&q.0[..3])
                .any(|(x, y)| x.abs_diff(*y) > 40)
        })
        .count()
}

#[test]
fn two_clicks_on_hmeimim_and_qamishli_airport_measure_the_geodesic_distance() {
    let mut harness = harness();
    let before = harness.render().unwrap_or_else(|e| panic!("{e}"));
    harness.key_press(egui::Key::M);
    harness.run_steps(2);
    assert!(harness.state().measuring());
    harness.get_by_label("Click two or more points on the map");
    for id in ["hmeimim", "qamishli_airport"] {
        let app = harness.state();
        let pos = projector(app).project(site_position(app, id)).to_pos2();
        assert!(app.map_rect().contains(pos), "{id} is off the map");
        click_at(&mut harness, pos);
    }
    let app = harness.state();
    let ruler = app.layer_visibility().ruler.clone();
    assert_eq!(
        ruler.points,
        vec![
            RulerPoint::Site("hmeimim".into()),
            RulerPoint::Site("qamishli_airport".into())
        ]
    );
    // Measuring does not select.
    assert_eq!(app.selected(), None);
    let state = state_at(app.scenario(), app.playback().cursor);
    let measured = ruler.measurement(app.scenario(), &state);
    // GeographicLib 2.1, Geodesic.WGS84.Inverse(35.4117, 35.945, 37.0206, 41.1914):
    // s12 = 504300.5568656473 m, azi1 = 67.7342064553508°.
    assert!(
        (measured.total_m - 504_300.556_865_647_3).abs() < 1.0,
        "{}",
        measured.total_m
    );
    // The toolbar shows it, and the map draws it.
    harness.get_by_label("Measured: 504.30 km, bearing 067.7°");
    let drawn = harness.render().unwrap_or_else(|e| panic!("{e}"));
    assert!(changed_pixels(&before, &drawn) > 1500);
    // Another unit, the same measure.
    harness.get_by_value("km").click();
    harness.run_steps(2);
    harness.get_by_label("nmi").click();
    harness.run_steps(2);
    harness.get_by_label("Measured: 272.30 nmi, bearing 067.7°");
    // Exports from the window draw it too.
    let spec = harness
        .state()
        .current_view_spec(1.0, deploymap::map::Furniture::window());
    assert_eq!(spec.layers.ruler.points.len(), 2);
    // Esc clears it and puts the tool away.
    harness.key_press(egui::Key::Escape);
    harness.run_steps(2);
    assert!(!harness.state().measuring());
    assert!(harness.state().layer_visibility().ruler.points.is_empty());
    assert!(harness.query_by_label_contains("Measured:").is_none());
}

#[test]
fn a_measure_from_a_unit_follows_it_as_the_time_moves() {
    let mut harness = harness();
    let (before_move, after_move) = ("2026-01-20T12:00:00Z", "2026-01-28T12:00:00Z");
    harness
        .state_mut()
        .apply_playback(PlaybackCommand::SetTime(secs(before_move)));
    harness.run_steps(3);
    harness.key_press(egui::Key::M);
    harness.run_steps(2);
    // The Russian heavy equipment marker under Qamishli airport on 20 January.
    let app = harness.state();
    let scenario = app.scenario();
    let heavy = scenario
        .forces
        .iter()
        .position(|f| f.id == "ru_qamishli_heavy")
        .unwrap_or_else(|| panic!("no ru_qamishli_heavy"));
    let state = state_at(scenario, secs(before_move));
    let list = build_draw_list(
        scenario,
        &state,
        &LayerVisibility::default(),
        &projector(app),
        None,
    );
    let marker = list
        .forces
        .iter()
        .find(|mark| mark.force == heavy)
        .map(|mark| mark.rect_on_screen.center())
        .unwrap_or_else(|| panic!("no marker for the heavy equipment"));
    let hmeimim = projector(app)
        .project(site_position(app, "hmeimim"))
        .to_pos2();
    click_at(&mut harness, marker);
    click_at(&mut harness, hmeimim);
    let ruler = harness.state().layer_visibility().ruler.clone();
    assert_eq!(
        ruler.points,
        vec![
            RulerPoint::Force("ru_qamishli_heavy".into()),
            RulerPoint::Site("hmeimim".into())
        ]
    );
    let distance_at = |harness: &Harness<'_, DeployApp>, at: &str| {
        let app = harness.state();
        let state = state_at(app.scenario(), secs(at));
        ruler.measurement(app.scenario(), &state).total_m
    };
    // At Qamishli airport, then flown to Hmeimim: the measure shrinks to nothing.
    assert!((distance_at(&harness, before_move) - 504_300.557).abs() < 1.0);
    assert!(distance_at(&harness, after_move) < 1.0);
    harness
        .state_mut()
        .apply_playback(PlaybackCommand::SetTime(secs(after_move)));
    harness.run_steps(3);
    // Both at one place: no bearing.
    harness.get_by_label("Measured: 0.00 km");
}
