//! The map's names, placed in one pass with the markers and the basemap's town names: read from
//! the draw list's layout after real renders (the export renderer and the window), not from
//! pixels.

mod common;

use deploymap::export::{OffscreenRenderer, SnapshotSpec};
use deploymap::io::{builtin_scenario, parse_time};
use deploymap::map::{DropReason, Furniture, LabelLayout, LabelOwner, LayerVisibility};
use deploymap::model::{Scenario, UnixSecs, unix_secs};
use deploymap::timeline::PlaybackCommand;

const WIDTH: f64 = 1280.0;
const HEIGHT: f64 = 800.0;

fn scenario() -> Scenario {
    builtin_scenario()
        .unwrap_or_else(|e| panic!("{e}"))
        .scenario
}

fn secs(text: &str) -> UnixSecs {
    unix_secs(parse_time(text).unwrap_or_else(|e| panic!("{e}")))
}

/// 25 Jan 2026, 09:00 in Damascus: the second Russian group in the air.
fn jan_25() -> UnixSecs {
    secs("2026-01-25T06:00:00Z")
}

/// Everything the issue asks of the layout, with `what` in each message.
fn check_layout(layout: &LabelLayout, scenario: &Scenario, what: &str) {
    assert!(!layout.placed.is_empty(), "{what}: no label placed");
    for (i, a) in layout.placed.iter().enumerate() {
        for b in &layout.placed[i + 1..] {
            assert!(
                !a.rect_on_screen.intersects(b.rect_on_screen),
                "{what}: labels {:?} at {:?} and {:?} at {:?} overlap",
                a.text,
                a.rect_on_screen,
                b.text,
                b.rect_on_screen
            );
        }
        for marker in &layout.markers {
            assert!(
                !marker.intersects(a.rect_on_screen),
                "{what}: a marker at {marker:?} covers the label {:?} at {:?}",
                a.text,
                a.rect_on_screen
            );
        }
    }
    for &site in &layout.sites_in_view {
        let labelled = layout
            .placed
            .iter()
            .any(|label| label.owner == LabelOwner::Site(site));
        let dropped = layout
            .dropped
            .iter()
            .find(|label| label.owner == LabelOwner::Site(site));
        assert!(
            labelled || dropped.is_some(),
            "{what}: site {:?} is in view with neither a label nor a reason",
            scenario.sites[site].name
        );
        assert!(
            !(labelled && dropped.is_some()),
            "{what}: site {:?} is both labelled and dropped",
            scenario.sites[site].name
        );
    }
    // One name per place: no text written twice near itself (a site and the basemap's town).
    for (i, a) in layout.placed.iter().enumerate() {
        for b in &layout.placed[i + 1..] {
            assert!(
                !(a.text == b.text && a.anchor_on_screen.distance(b.anchor_on_screen) < 80.0),
                "{what}: {:?} is written twice",
                a.text
            );
        }
    }
    // Unit markers stay apart (two police units at Qamishli town and airport).
    for (i, a) in layout.unit_markers.iter().enumerate() {
        for b in &layout.unit_markers[i + 1..] {
            assert!(
                !a.intersects(*b),
                "{what}: unit markers at {a:?} and {b:?} overlap"
            );
        }
    }
    // The basemap's names take part in the same pass.
    assert!(
        layout
            .placed
            .iter()
            .any(|label| label.owner == LabelOwner::Place),
        "{what}: no basemap place name was placed"
    );
}

fn render(scenario: &Scenario, t: UnixSecs) -> LabelLayout {
    let mut renderer = OffscreenRenderer::new(None).unwrap_or_else(|e| panic!("{e}"));
    let spec = SnapshotSpec {
        view: scenario.opening_view(WIDTH, HEIGHT),
        size_px: [WIDTH as u32, HEIGHT as u32],
        pixels_per_point: 1.0,
        layers: LayerVisibility::default(),
        furniture: Furniture::full(Some("Labels".into())),
    };
    renderer
        .render(scenario, t, &spec)
        .unwrap_or_else(|e| panic!("{e}"));
    renderer.label_layout().clone()
}

#[test]
fn exported_default_view_places_every_name_without_collisions() {
    let scenario = scenario();
    let layout = render(&scenario, scenario.opening_time());
    check_layout(&layout, &scenario, "export, opening time");
}

#[test]
fn exported_25_january_view_places_every_name_without_collisions() {
    let scenario = scenario();
    let layout = render(&scenario, jan_25());
    check_layout(&layout, &scenario, "export, 25 Jan");
    let name_of = |owner: LabelOwner| match owner {
        LabelOwner::Site(i) => scenario.sites[i].name.clone(),
        _ => String::new(),
    };
    // Kobani is a site: the basemap's "Kobani" is not written beside it again.
    let kobani: Vec<_> = layout
        .placed
        .iter()
        .filter(|label| label.text == "Kobani")
        .collect();
    assert_eq!(kobani.len(), 1, "Kobani written {} times", kobani.len());
    assert!(
        layout
            .dropped
            .iter()
            .any(|label| label.text == "Kobani"
                && matches!(label.reason, DropReason::SameAsSite(site) if name_of(LabelOwner::Site(site)) == "Kobani")),
        "the basemap's Kobani was not recorded as the site's name: {:?}",
        layout.dropped
    );
    // Crowded bases are led off their marks rather than dropped.
    assert!(
        layout.placed.iter().any(|label| label.leader),
        "no label was led off its mark: {:?}",
        layout.placed
    );
    // Most sites in view are named: dropping is for crowded corners, not the rule.
    let named = layout
        .sites_in_view
        .iter()
        .filter(|&&site| {
            layout
                .placed
                .iter()
                .any(|label| label.owner == LabelOwner::Site(site))
        })
        .count();
    assert!(
        named * 4 >= layout.sites_in_view.len() * 3,
        "only {named} of {} sites in view are named",
        layout.sites_in_view.len()
    );
}

/// Runs the window until its basemap tiles are in, so the town names are part of the frame.
fn settle(harness: &mut egui_kittest::Harness<'static, deploymap::DeployApp>) {
    for _ in 0..400 {
        harness.run_steps(2);
        let loading = harness
            .state()
            .map_view()
            .basemap
            .as_ref()
            .is_some_and(deploymap::map::Basemap::is_loading);
        if !loading {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(10));
    }
    harness.run_steps(3);
}

#[test]
fn window_places_names_at_opening_and_on_25_january() {
    let mut harness = common::harness_sized(egui::vec2(WIDTH as f32, HEIGHT as f32));
    settle(&mut harness);
    let scenario = harness.state().scenario().clone();
    check_layout(
        &harness.state().map_view().label_layout,
        &scenario,
        "window, opening time",
    );
    harness
        .state_mut()
        .apply_playback(PlaybackCommand::SetTime(jan_25()));
    settle(&mut harness);
    check_layout(
        &harness.state().map_view().label_layout,
        &scenario,
        "window, 25 Jan",
    );
}
