//! The window, driven headless through egui_kittest and rendered with wgpu (Mesa's software
//! renderer on machines with no GPU).

use deploymap::DeployApp;
use deploymap::data_layers::DataLayer;
use deploymap::map::{LayerVisibility, build_draw_list};
use deploymap::model::{state_at, unix_secs};
use deploymap::timeline::PlaybackCommand;
use egui::Color32;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;
use walkers::{MercatorProjection, Projector};

mod common;

use common::harness;

fn secs(text: &str) -> f64 {
    unix_secs(deploymap::io::parse_time(text).unwrap_or_else(|e| panic!("{e}")))
}

#[test]
fn the_app_starts_on_the_built_in_scenario_at_20_january() {
    let harness = harness();
    let app = harness.state();
    assert!(
        app.scenario()
            .meta
            .title
            .as_deref()
            .unwrap_or_default()
            .contains("Syria")
    );
    assert_eq!(app.playback().cursor, secs("2026-01-20T12:00:00Z"));
    assert!(!app.playback().playing);
    harness.get_by_label("Play ▶");
}

#[test]
fn outside_the_story_space_starts_playback_and_time_advances() {
    let mut harness = harness();
    let before = harness.state().playback().cursor;
    // In a fresh window Space starts the story (tests/ui_story.rs); Esc declines it.
    harness.key_press(egui::Key::Escape);
    harness.run_steps(1);
    harness.key_press(egui::Key::Space);
    harness.run_steps(8);
    let app = harness.state();
    assert!(app.playback().playing);
    assert!(
        app.playback().cursor > before + 3_600.0,
        "{} vs {before}",
        app.playback().cursor
    );
    harness.get_by_label("Pause");
}

#[test]
fn the_arrow_keys_step_between_events() {
    let mut harness = harness();
    let before = harness.state().playback().cursor;
    harness.key_press(egui::Key::ArrowRight);
    harness.run_steps(2);
    let next = harness.state().playback().cursor;
    assert!(next > before);
    assert!(
        harness
            .state()
            .scenario()
            .events
            .iter()
            .any(|e| e.dating.start_secs() == next)
    );
    harness.key_press(egui::Key::ArrowLeft);
    harness.run_steps(2);
    assert!(harness.state().playback().cursor < next);
}

#[test]
fn the_first_chapter_of_the_story_is_one_keypress_away() {
    let mut harness = harness();
    harness.key_press(egui::Key::Num1);
    harness.run_steps(2);
    assert_eq!(harness.state().story_chapter(), Some(0));
    for _ in 0..2_000 {
        if !harness.state().story_flying() {
            break;
        }
        harness.run_steps(10);
    }
    let chapter = &harness.state().scenario().meta.stories[0].chapters[0];
    let cursor = harness.state().playback().cursor;
    assert!(cursor >= chapter.start_secs() && cursor <= chapter.end_secs());
}

#[test]
fn clicking_an_event_in_the_list_moves_the_time_cursor_to_it() {
    let mut harness = harness();
    // The list opens scrolled to the current time; take the next event after it.
    let cursor = harness.state().playback().cursor;
    let events = &harness.state().scenario().events;
    let index = events
        .iter()
        .position(|e| e.dating.start_secs() > cursor)
        .unwrap_or_else(|| panic!("no event after the opening time"));
    let event = events[index].clone();
    harness.get_by_label(&event.title).click();
    harness.run_steps(3);
    let app = harness.state();
    assert_eq!(app.playback().cursor, event.dating.start_secs());
    assert_eq!(
        app.selected(),
        Some(deploymap::selection::Selection::Event(index))
    );
    // The inspector shows the event with its sources.
    harness.get_by_label(&event.provenance.sources[0].outlet);
}

/// Counts pixels inside `rect` (in points; 1 pixel per point) within a small distance of `color`.
fn pixels_like(image: &image::RgbaImage, rect: egui::Rect, color: Color32) -> usize {
    let mut count = 0;
    for y in rect.top() as u32..rect.bottom() as u32 {
        for x in rect.left() as u32..rect.right() as u32 {
            let Some(pixel) = image.get_pixel_checked(x, y) else {
                continue;
            };
            let close = pixel.0[..3]
                .iter()
                .zip([color.r(), color.g(), color.b()])
                .all(|(a, b)| a.abs_diff(b) <= 12);
            count += usize::from(close);
        }
    }
    count
}

#[test]
fn a_headless_render_shows_the_forces_where_the_state_puts_them() {
    let mut harness = harness();
    let russia = Color32::from_rgb(0xc8, 0x34, 0x2b);
    for (at, site_with_russians, site_without) in [
        ("2026-01-20T12:00:00Z", "qamishli_airport", None),
        ("2026-01-28T12:00:00Z", "hmeimim", Some("qamishli_airport")),
    ] {
        harness
            .state_mut()
            .apply_playback(PlaybackCommand::SetTime(secs(at)));
        harness.run_steps(3);
        let image = harness
            .render()
            .unwrap_or_else(|e| panic!("render failed: {e}"));
        let app = harness.state();
        let scenario = app.scenario();
        let memory = &app.map_view().memory;
        let projector = Projector::new(
            app.map_rect(),
            &MercatorProjection,
            memory,
            walkers::lon_lat(0.0, 0.0),
        );
        let state = state_at(scenario, secs(at));
        let list = build_draw_list(
            scenario,
            &state,
            &LayerVisibility::default(),
            &projector,
            None,
        );
        let site_pos = |id: &str| {
            let site = &scenario.sites[scenario.site_index(id).unwrap_or_else(|| panic!("{id}"))];
            projector.project(site.position).to_pos2()
        };
        let russian_marks: Vec<_> = list
            .forces
            .iter()
            .filter(|mark| scenario.forces[mark.force].faction == "russia")
            .filter(|mark| {
                mark.rect_on_screen
                    .center()
                    .distance(site_pos(site_with_russians))
                    < 60.0
            })
            .collect();
        assert!(
            !russian_marks.is_empty(),
            "{at}: no Russian marker near {site_with_russians}"
        );
        for mark in russian_marks {
            let red = pixels_like(&image, mark.rect_on_screen, russia);
            assert!(
                red > 60,
                "{at}: marker at {:?} shows {red} red pixels",
                mark.rect_on_screen
            );
        }
        if let Some(empty) = site_without {
            let below = egui::Rect::from_center_size(
                site_pos(empty) + egui::vec2(0.0, 18.0),
                egui::vec2(100.0, 16.0),
            );
            assert!(
                pixels_like(&image, below, russia) < 10,
                "{at}: red under {empty}"
            );
        }
    }
}

/// Steps the harness until the basemap has no tile in flight (at most about ten seconds).
fn wait_for_basemap(harness: &mut Harness<'_, DeployApp>) {
    for _ in 0..200 {
        harness.run_steps(1);
        let loading = harness
            .state()
            .map_view()
            .basemap
            .as_ref()
            .is_some_and(|b| b.is_loading());
        if !loading {
            harness.run_steps(2);
            if !harness
                .state()
                .map_view()
                .basemap
                .as_ref()
                .is_some_and(|b| b.is_loading())
            {
                return;
            }
        }
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    panic!("the basemap did not finish loading");
}

fn majority_like(image: &image::RgbaImage, center: egui::Pos2, color: Color32) -> bool {
    let patch = egui::Rect::from_center_size(center, egui::vec2(6.0, 6.0));
    pixels_like(image, patch, color) >= 24
}

#[test]
fn the_offline_basemap_shows_sea_over_the_mediterranean_and_land_inland() {
    let mut harness = harness();
    assert!(harness.state().map_view().basemap.is_some(), "no basemap");
    wait_for_basemap(&mut harness);
    let image = harness
        .render()
        .unwrap_or_else(|e| panic!("render failed: {e}"));
    if let Ok(dir) = std::env::var("DEPLOYMAP_SAVE_RENDERS") {
        image
            .save(std::path::Path::new(&dir).join("syria_view.png"))
            .ok();
    }
    let app = harness.state();
    let projector = Projector::new(
        app.map_rect(),
        &MercatorProjection,
        &app.map_view().memory,
        walkers::lon_lat(0.0, 0.0),
    );
    let at = |lon: f64, lat: f64| projector.project(walkers::lon_lat(lon, lat)).to_pos2();
    let sea = Color32::from_rgb(0xcd, 0xd6, 0xdd);
    let land = Color32::from_rgb(0xef, 0xee, 0xe9);
    assert!(
        majority_like(&image, at(34.6, 35.0), sea),
        "no sea west of Latakia"
    );
    assert!(
        majority_like(&image, at(34.9, 34.0), sea),
        "no sea off Tripoli"
    );
    assert!(
        majority_like(&image, at(39.6, 34.0), land),
        "no land in the Syrian desert"
    );
    assert!(
        majority_like(&image, at(41.2, 33.6), land),
        "no land in western Iraq"
    );
}

/// Steps the harness (and waits for background reads) until `done` holds, for at most ten seconds.
fn step_until(harness: &mut Harness<'_, DeployApp>, done: impl Fn(&DeployApp) -> bool) {
    for _ in 0..200 {
        harness.run_steps(1);
        if done(harness.state()) {
            return;
        }
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    panic!("gave up waiting");
}

#[test]
fn an_open_file_is_read_again_when_it_changes_and_a_broken_version_keeps_the_last_good_data() {
    let dir = std::env::temp_dir().join(format!("deploymap-reload-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap_or_else(|e| panic!("{e}"));
    let path = dir.join("scenario.geojson");
    let minimal =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/minimal.geojson");
    let text = std::fs::read_to_string(&minimal).unwrap_or_else(|e| panic!("{e}"));
    std::fs::write(&path, &text).unwrap_or_else(|e| panic!("{e}"));
    let layers = deploymap::data_layers::read_layers(vec![path.clone()], &Default::default())
        .unwrap_or_else(|e| panic!("{e}"));
    let mut harness = Harness::builder()
        .with_size(egui::vec2(1400.0, 860.0))
        .wgpu()
        .build_eframe(move |cc| DeployApp::new(cc, layers, None));
    harness.run_steps(2);
    assert_eq!(harness.state().scenario().sites[0].name, "Hmeimim Air Base");

    // An edit is picked up on its own, keeping the view and the time.
    let time = harness.state().playback().cursor;
    std::thread::sleep(std::time::Duration::from_millis(20));
    std::fs::write(&path, text.replace("Hmeimim Air Base", "Hmeimim (edited)"))
        .unwrap_or_else(|e| panic!("{e}"));
    step_until(&mut harness, |app| {
        app.scenario().sites[0].name == "Hmeimim (edited)"
    });
    assert_eq!(harness.state().playback().cursor, time);

    // A broken version is reported with its place, and the last good data stays.
    std::thread::sleep(std::time::Duration::from_millis(20));
    std::fs::write(
        &path,
        "{ \"type\": \"FeatureCollection\", \"features\": [ {",
    )
    .unwrap_or_else(|e| panic!("{e}"));
    harness.key_press(egui::Key::F5);
    step_until(&mut harness, |app| !app.problems().is_empty());
    harness.run_steps(2);
    let app = harness.state();
    assert_eq!(
        app.scenario().sites[0].name,
        "Hmeimim (edited)",
        "the last good data stays"
    );
    assert!(
        app.problems()[0]
            .to_string()
            .contains("scenario.geojson:1:"),
        "{:?}",
        app.problems()
    );
    harness.get_by_label("Could not open the files");
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn opened_files_become_layers_that_can_be_hidden_and_removed() {
    let mut harness = harness();
    let fixture = |name: &str| {
        std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures/formats")
            .join(name)
    };
    let before = harness.state().scenario().forces.len();
    harness.state_mut().open_files(
        &egui::Context::default(),
        vec![fixture("points.geojson"), fixture("acled.csv")],
    );
    step_until(&mut harness, |app| app.data_layers().len() == 3);
    harness.run_steps(2);
    if let Ok(dir) = std::env::var("DEPLOYMAP_SAVE_RENDERS")
        && let Ok(image) = harness.render()
    {
        image
            .save(std::path::Path::new(&dir).join("layers.png"))
            .ok();
    }
    let app = harness.state();
    assert_eq!(app.data_layers()[1].label, "points.geojson");
    assert_eq!(app.data_layers()[2].label, "acled.csv");
    assert!(app.scenario().forces.len() > before);
    // The map and the timeline moved to the new data: its time is January 2026.
    assert!(
        app.scenario()
            .events
            .iter()
            .any(|e| e.title == "Strategic developments")
    );
    // Hiding the points layer takes its forces off; removing the CSV layer takes its events.
    // The first checkbox so named is the layer's (the legend has one for its colour too).
    harness
        .get_all_by_label("points.geojson")
        .next()
        .unwrap_or_else(|| panic!("no layer row"))
        .click();
    harness.run_steps(2);
    assert_eq!(harness.state().scenario().forces.len(), before);
    harness.get_by_label("Remove acled.csv").click();
    harness.run_steps(2);
    assert_eq!(harness.state().data_layers().len(), 2);
    assert!(
        !harness
            .state()
            .scenario()
            .events
            .iter()
            .any(|e| e.title == "Strategic developments")
    );
}

#[test]
fn a_user_basemap_is_used_and_a_bad_one_falls_back_to_the_built_in_one_with_a_message() {
    let dir = std::env::temp_dir().join(format!("deploymap-basemap-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap_or_else(|e| panic!("{e}"));
    let good = dir.join("mine.pmtiles");
    std::fs::write(&good, deploymap::map::EMBEDDED_ARCHIVE).unwrap_or_else(|e| panic!("{e}"));
    let bad = dir.join("notes.pmtiles");
    std::fs::write(&bad, "not tiles").unwrap_or_else(|e| panic!("{e}"));
    for (path, expect_embedded) in [(good, false), (bad, true)] {
        let layer = DataLayer::built_in().unwrap_or_else(|e| panic!("{e}"));
        let chosen = path.clone();
        let mut harness = Harness::builder()
            .with_size(egui::vec2(1400.0, 860.0))
            .wgpu()
            .build_eframe(move |cc| DeployApp::new(cc, vec![layer], Some(chosen)));
        harness.run_steps(2);
        let app = harness.state();
        let basemap = app
            .map_view()
            .basemap
            .as_ref()
            .unwrap_or_else(|| panic!("no basemap"));
        assert_eq!(basemap.is_embedded(), expect_embedded, "{}", path.display());
        if expect_embedded {
            let message = app.problems()[0].to_string();
            assert!(
                message.contains("notes.pmtiles") && message.contains("not a PMTiles archive"),
                "{message}"
            );
        } else {
            assert!(app.problems().is_empty());
            assert_eq!(basemap.path(), path);
        }
    }
    std::fs::remove_dir_all(&dir).ok();
}

/// Mean absolute difference per channel, and the share of pixels differing by more than 24 levels.
fn difference(a: &[u8], b: &[u8]) -> (f64, f64) {
    let mut total = 0u64;
    let mut far = 0usize;
    for (pa, pb) in a.chunks_exact(4).zip(b.chunks_exact(4)) {
        let d: Vec<u8> = pa[..3]
            .iter()
            .zip(&pb[..3])
            .map(|(x, y)| x.abs_diff(*y))
            .collect();
        total += d.iter().map(|&v| u64::from(v)).sum::<u64>();
        far += usize::from(d.iter().any(|&v| v > 24));
    }
    let pixels = (a.len() / 4).max(1);
    (
        total as f64 / (pixels * 3) as f64,
        far as f64 / pixels as f64,
    )
}

#[test]
fn what_you_see_is_what_you_export_from_the_window_and_from_the_command_line() {
    let mut harness = harness();
    wait_for_basemap(&mut harness);
    let screen = harness
        .render()
        .unwrap_or_else(|e| panic!("render failed: {e}"));
    let app = harness.state();
    let spec = app.current_view_spec(1.0, deploymap::map::Furniture::window());
    let rect = app.map_rect();
    let [width, height] = spec.size_px;
    let on_screen = image::imageops::crop_imm(
        &screen,
        rect.left() as u32,
        rect.top() as u32,
        width,
        height,
    )
    .to_image();

    // The window's export path: a background job with the window's view, size, layers and time.
    let dir = std::env::temp_dir().join(format!("deploymap-wysiwyg-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap_or_else(|e| panic!("{e}"));
    let from_window = dir.join("window.png");
    let request = deploymap::export::ExportRequest {
        scenario: std::sync::Arc::new(app.scenario().clone()),
        spec: spec.clone(),
        work: deploymap::export::ExportWork::Snapshot {
            t: app.playback().cursor,
        },
        basemap: None,
        theme: deploymap::theme::Theme::Light,
        path: from_window.clone(),
        overwrite: false,
    };
    let job = deploymap::export::ExportJob::start(request, || {});
    let outcome = loop {
        if let Some(outcome) = job.poll() {
            break outcome;
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    };
    assert!(
        matches!(outcome, deploymap::job::JobOutcome::Done(_)),
        "{outcome:?}"
    );

    // The command line, with the same view, size and time.
    let from_cli = dir.join("cli.png");
    let view = format!("{},{},{}", spec.view.lon, spec.view.lat, spec.view.zoom);
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_deploymap"))
        .args([
            "export",
            "png",
            "--at",
            "2026-01-20T12:00:00Z",
            "--view",
            &view,
        ])
        .args([
            "--size",
            &format!("{width}x{height}"),
            "--no-legend",
            "--out",
        ])
        .arg(&from_cli)
        .output()
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );

    let load = |path: &std::path::Path| {
        image::open(path)
            .unwrap_or_else(|e| panic!("{e}"))
            .to_rgba8()
    };
    let window_png = load(&from_window);
    let cli_png = load(&from_cli);
    assert_eq!(window_png.dimensions(), (width, height));
    assert_eq!(cli_png.dimensions(), (width, height));
    let (mean, far) = difference(window_png.as_raw(), cli_png.as_raw());
    eprintln!("window export vs command line: mean {mean:.4}, far {far:.5}");
    assert!(
        mean < 0.5 && far < 0.001,
        "window export vs command line: mean {mean:.3}, {far:.4} of pixels far apart"
    );
    let (mean, far) = difference(window_png.as_raw(), on_screen.as_raw());
    eprintln!("export vs screen: mean {mean:.4}, far {far:.5}");
    assert!(
        mean < 1.0 && far < 0.005,
        "export vs screen: mean {mean:.3}, {far:.4} of pixels far apart"
    );
    std::fs::remove_dir_all(&dir).ok();
}

/// A file as the windowing system hands it over when it is dropped.
#[derive(Debug)]
struct DroppedPath(std::path::PathBuf);

impl egui::DroppedFile for DroppedPath {
    fn path(&self) -> &std::path::Path {
        &self.0
    }

    fn bytes(&self) -> Result<Vec<u8>, String> {
        std::fs::read(&self.0).map_err(|e| e.to_string())
    }
}

#[test]
fn a_file_dropped_on_the_window_is_opened_as_a_layer() {
    let mut harness = harness();
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/formats/kepler_trips.geojson");
    harness
        .input_mut()
        .dropped_files
        .push(std::sync::Arc::new(DroppedPath(path)));
    step_until(&mut harness, |app| app.data_layers().len() == 2);
    assert_eq!(
        harness.state().data_layers()[1].label,
        "kepler_trips.geojson"
    );
    assert!(
        harness
            .state()
            .scenario()
            .forces
            .iter()
            .any(|f| f.name == "Trip 1")
    );
}

#[test]
fn f1_opens_the_keyboard_help_and_again_closes_it() {
    let mut harness = harness();
    assert!(harness.query_by_label("Keyboard and mouse").is_none());
    harness.key_press(egui::Key::F1);
    harness.run_steps(2);
    assert!(harness.state().help_shown());
    harness.get_by_label("play / pause");
    harness.key_press(egui::Key::F1);
    harness.run_steps(2);
    assert!(!harness.state().help_shown());
    assert!(harness.query_by_label("play / pause").is_none());
}

#[test]
fn unticking_a_legend_switch_hides_that_kind_of_mark_and_ticking_shows_it_again() {
    let mut harness = harness();
    assert!(harness.state().layer_visibility().forces);
    harness.get_by_label("Forces").click();
    harness.run_steps(2);
    assert!(!harness.state().layer_visibility().forces);
    assert!(harness.state().layer_visibility().sites);
    harness.get_by_label("Forces").click();
    harness.run_steps(2);
    assert!(harness.state().layer_visibility().forces);
}

#[test]
fn the_go_to_box_reads_dates_as_people_write_them_and_keeps_the_keyboard_after_an_error() {
    let mut harness = harness();
    let goto = || {
        |node: &egui_kittest::kittest::AccessKitNode<'_>| node.placeholder() == Some("25 Jan 2026")
    };
    harness.get_by(goto()).focus();
    harness.get_by(goto()).type_text("25 Jan 2026");
    harness.run_steps(1);
    harness.get_by_label("Go").click();
    harness.run_steps(2);
    // A plain date is midnight in the zone the clock shows (Syria, UTC+3, by default).
    let midnight = secs("2026-01-24T21:00:00Z");
    assert_eq!(harness.state().playback().cursor, midnight);
    assert!(harness.query_by_label_contains("not understood").is_none());
    // A letter after the date makes it no date: the box says so with examples and keeps the
    // keyboard, so a digit typed next goes into the box, not to a story moment.
    let typed = |value: &'static str| {
        move |node: &egui_kittest::kittest::AccessKitNode<'_>| {
            node.role() == egui::accesskit::Role::TextInput
                && node.value().as_deref() == Some(value)
        }
    };
    harness.get_by(typed("25 Jan 2026")).focus();
    harness.get_by(typed("25 Jan 2026")).type_text("x");
    harness.run_steps(1);
    harness.key_press(egui::Key::Enter);
    harness.run_steps(2);
    harness.get_by_label_contains("not understood; try 25 Jan 2026");
    assert_eq!(harness.state().playback().cursor, midnight);
    harness.key_press(egui::Key::Num1);
    harness.event(egui::Event::Text("1".into()));
    harness.run_steps(2);
    assert_eq!(harness.state().playback().cursor, midnight);
    harness.get_by(typed("25 Jan 2026x1"));
}

#[test]
fn ctrl_wheel_over_the_timeline_zooms_its_axis_around_the_pointer() {
    let mut harness = harness();
    let before = harness.state().timeline_view();
    // The time axis fills the bottom of the window; point at its middle.
    harness.event(egui::Event::PointerMoved(egui::pos2(700.0, 800.0)));
    harness.run_steps(1);
    harness.event(egui::Event::Zoom(2.0));
    harness.run_steps(2);
    let after = harness.state().timeline_view();
    let (span_before, span_after) = (before.end - before.start, after.end - after.start);
    assert!(
        (span_after - span_before / 2.0).abs() < 1.0,
        "{span_before} -> {span_after}"
    );
    assert!(after.start > before.start && after.end < before.end);
}

#[test]
fn a_file_written_in_two_halves_is_read_once_complete_and_a_failed_reload_marks_the_layer_stale() {
    let dir = std::env::temp_dir().join(format!("deploymap-halves-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap_or_else(|e| panic!("{e}"));
    let path = dir.join("scenario.geojson");
    let minimal =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/minimal.geojson");
    let text = std::fs::read_to_string(&minimal).unwrap_or_else(|e| panic!("{e}"));
    std::fs::write(&path, &text).unwrap_or_else(|e| panic!("{e}"));
    let layers = deploymap::data_layers::read_layers(vec![path.clone()], &Default::default())
        .unwrap_or_else(|e| panic!("{e}"));
    // Steps of 50 ms taken at least 50 ms apart, so the window's clock never runs ahead of the
    // writer's.
    let step = std::time::Duration::from_millis(50);
    let mut harness = Harness::builder()
        .with_size(egui::vec2(1400.0, 860.0))
        .with_step_dt(step.as_secs_f32())
        .wgpu()
        .build_eframe(move |cc| DeployApp::new(cc, layers, None));
    harness.run_steps(2);
    let first = std::sync::Arc::as_ptr(&harness.state().data_layers()[0].scenario);

    // The new version is written in two halves with a pause shorter than the settling time.
    let edited = text.replace("Hmeimim Air Base", "Hmeimim (rewritten)");
    let (head, tail) = edited.split_at(edited.len() / 2);
    let writer = {
        let (path, head, tail) = (path.clone(), head.to_string(), tail.to_string());
        std::thread::spawn(move || {
            use std::io::Write as _;
            let mut file = std::fs::File::create(&path).unwrap_or_else(|e| panic!("{e}"));
            file.write_all(head.as_bytes())
                .unwrap_or_else(|e| panic!("{e}"));
            file.flush().unwrap_or_else(|e| panic!("{e}"));
            std::thread::sleep(std::time::Duration::from_millis(150));
            file.write_all(tail.as_bytes())
                .unwrap_or_else(|e| panic!("{e}"));
        })
    };
    let mut versions = vec![first];
    for _ in 0..60 {
        harness.run_steps(1);
        std::thread::sleep(step);
        let app = harness.state();
        assert!(
            app.problems().is_empty(),
            "read half-written: {:?}",
            app.problems()
        );
        let now = std::sync::Arc::as_ptr(&app.data_layers()[0].scenario);
        if versions.last() != Some(&now) {
            versions.push(now);
        }
    }
    writer
        .join()
        .unwrap_or_else(|_| panic!("the writer failed"));
    assert_eq!(versions.len(), 2, "read {} times", versions.len() - 1);
    let app = harness.state();
    assert_eq!(app.scenario().sites[0].name, "Hmeimim (rewritten)");
    assert_eq!(app.scenario().events.len(), 1);
    assert!(app.data_layers()[0].stale_problems.is_empty());

    // A version left unfinished is an error, not part of the data: the last good data stays and
    // the layer says it is stale, with the reason one click away after the message is closed.
    std::fs::write(&path, head).unwrap_or_else(|e| panic!("{e}"));
    step_until(&mut harness, |app| !app.problems().is_empty());
    assert_eq!(
        harness.state().scenario().sites[0].name,
        "Hmeimim (rewritten)"
    );
    assert!(!harness.state().data_layers()[0].stale_problems.is_empty());
    harness.run_steps(2);
    harness.get_by_label("OK").click();
    harness.run_steps(2);
    assert!(harness.state().problems().is_empty());
    harness
        .get_by_label("Stale: the last reload failed (why?)")
        .click();
    harness.run_steps(2);
    assert!(!harness.state().problems().is_empty());
    // A good version clears the mark.
    std::fs::write(&path, &text).unwrap_or_else(|e| panic!("{e}"));
    step_until(&mut harness, |app| {
        app.scenario().sites[0].name == "Hmeimim Air Base"
            && app.data_layers()[0].stale_problems.is_empty()
    });
    harness.run_steps(2);
    assert!(
        harness
            .query_by_label("Stale: the last reload failed (why?)")
            .is_none()
    );
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn without_a_desktop_file_dialog_ctrl_o_shows_the_app_s_own_and_a_typed_path_opens() {
    let layer = DataLayer::built_in().unwrap_or_else(|e| panic!("{e}"));
    let mut harness = Harness::builder()
        .with_size(egui::vec2(1400.0, 860.0))
        .wgpu()
        .build_eframe(move |cc| DeployApp::new(cc, vec![layer], None).with_native_dialogs(false));
    harness.run_steps(2);
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::O);
    harness.run_steps(2);
    assert!(harness.state().file_dialog_open());
    harness.get_by_label("Open files");
    harness.get_by_label_contains("not used here");
    let minimal =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/minimal.geojson");
    let path_field = || {
        |node: &egui_kittest::kittest::AccessKitNode<'_>| {
            // The path field, which starts out holding the folder shown.
            node.role() == egui::accesskit::Role::TextInput
                && node.value().is_some_and(|value| value.starts_with('/'))
        }
    };
    harness.get_by(path_field()).focus();
    harness.run_steps(1);
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
    harness
        .get_by(path_field())
        .type_text(&minimal.display().to_string());
    harness.run_steps(1);
    harness.key_press(egui::Key::Enter);
    step_until(&mut harness, |app| app.data_layers().len() == 2);
    assert!(!harness.state().file_dialog_open());
    assert_eq!(harness.state().data_layers()[1].label, "minimal.geojson");
}

#[test]
fn the_plain_wheel_zooms_the_map_about_the_pointer_and_back_to_the_same_zoom() {
    let mut harness = harness();
    let rect = harness.state().map_rect();
    let pointer = rect.center() + egui::vec2(120.0, -80.0);
    let before = harness.state().map_view().view();
    let place_under = |app: &DeployApp| {
        let projector = Projector::new(
            app.map_rect(),
            &MercatorProjection,
            &app.map_view().memory,
            walkers::lon_lat(0.0, 0.0),
        );
        projector.unproject(pointer.to_vec2())
    };
    let under_before = place_under(harness.state());
    harness.event(egui::Event::PointerMoved(pointer));
    harness.run_steps(1);
    let wheel = |notches: f32| egui::Event::MouseWheel {
        unit: egui::MouseWheelUnit::Line,
        delta: egui::vec2(0.0, notches),
        phase: egui::TouchPhase::Move,
        source: egui::MouseWheelSource::Unknown,
        modifiers: egui::Modifiers::NONE,
    };
    harness.event(wheel(3.0));
    harness.run_steps(20);
    let zoomed = harness.state().map_view().view();
    assert!(
        zoomed.zoom > before.zoom + 1.0,
        "{} -> {}",
        before.zoom,
        zoomed.zoom
    );
    let under_zoomed = place_under(harness.state());
    assert!(
        (under_zoomed.x() - under_before.x()).abs() < 1e-3
            && (under_zoomed.y() - under_before.y()).abs() < 1e-3,
        "the place under the pointer moved: {under_before:?} -> {under_zoomed:?}"
    );
    harness.event(wheel(-3.0));
    harness.run_steps(20);
    let back = harness.state().map_view().view();
    assert!(
        (back.zoom - before.zoom).abs() < 1e-6,
        "{} -> {}",
        before.zoom,
        back.zoom
    );
}
