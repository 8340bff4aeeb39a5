//! Memory stays bounded in the window: a 4K snapshot and an animation exported from the export
//! dialog, then the built-in map zoomed to its limit and back out twenty times. Its own test
//! binary, so the process's resident memory is this test's alone.

use deploymap::DeployApp;
use deploymap::data_layers::DataLayer;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;
use std::time::{Duration, Instant};

/// The limit the issue sets for the whole process.
const RSS_LIMIT_MB: f64 = 400.0;

/// Resident memory of this process, in MB.
fn rss_mb() -> f64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_else(|e| panic!("{e}"));
    let kb: f64 = status
        .lines()
        .find_map(|line| line.strip_prefix("VmRSS:"))
        .and_then(|rest| rest.trim().trim_end_matches("kB").trim().parse().ok())
        .unwrap_or_else(|| panic!("no VmRSS in /proc/self/status"));
    kb / 1024.0
}

fn basemap_loading(harness: &Harness<'_, DeployApp>) -> bool {
    harness
        .state()
        .map_view()
        .basemap
        .as_ref()
        .is_some_and(|b| b.is_loading())
}

/// Steps until no basemap tile is in flight for a few frames.
fn settle(harness: &mut Harness<'_, DeployApp>) {
    let started = Instant::now();
    let mut quiet = 0;
    while quiet < 3 {
        harness.run_steps(1);
        quiet = if basemap_loading(harness) {
            0
        } else {
            quiet + 1
        };
        assert!(
            started.elapsed() < Duration::from_secs(60),
            "the basemap did not settle"
        );
        if quiet == 0 {
            std::thread::sleep(Duration::from_millis(20));
        }
    }
}

/// Steps until a `.extension` file is in `dir` (exports write to a temporary file and rename
/// it when complete) and the export's progress window is gone.
fn wait_for_export(harness: &mut Harness<'_, DeployApp>, dir: &std::path::Path, extension: &str) {
    let started = Instant::now();
    let written = || {
        std::fs::read_dir(dir)
            .map(|entries| {
                entries
                    .filter_map(Result::ok)
                    .any(|entry| entry.path().extension().is_some_and(|e| e == extension))
            })
            .unwrap_or(false)
    };
    loop {
        harness.run_steps(1);
        if let Some(failed) = harness.query_by_label_contains("Export failed") {
            panic!("{failed:?}");
        }
        if written() && harness.query_by_label("Exporting").is_none() {
            break;
        }
        assert!(
            started.elapsed() < Duration::from_secs(600),
            "the export did not finish"
        );
        std::thread::sleep(Duration::from_millis(100));
    }
}

/// The dialog's "Export" button (the notice of the last export has the same title).
fn export_button<'h>(harness: &'h Harness<'_, DeployApp>) -> egui_kittest::Node<'h> {
    harness.get_by_role_and_label(egui::accesskit::Role::Button, "Export")
}

/// The share of the map's pixels that are the bare background colour (what a blank map shows).
fn blank_share(harness: &mut Harness<'_, DeployApp>) -> f64 {
    let image = harness
        .render()
        .unwrap_or_else(|e| panic!("render failed: {e}"));
    let rect = harness.state().map_rect();
    let background = deploymap::theme::MAP_BACKGROUND;
    let (mut blank, mut all) = (0usize, 0usize);
    for y in (rect.top() as u32 + 40..rect.bottom() as u32 - 40).step_by(4) {
        for x in (rect.left() as u32 + 40..rect.right() as u32 - 40).step_by(4) {
            let pixel = image.get_pixel(x, y).0;
            all += 1;
            let close = pixel[..3]
                .iter()
                .zip([background.r(), background.g(), background.b()])
                .all(|(a, b)| a.abs_diff(b) <= 3);
            blank += usize::from(close);
        }
    }
    blank as f64 / all.max(1) as f64
}

#[test]
fn exports_from_the_window_and_deep_zoom_keep_the_process_under_400_mb_and_the_map_drawn() {
    let dir = std::env::temp_dir().join(format!("deploymap-memory-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap_or_else(|e| panic!("{e}"));
    // The export dialog proposes files in the current folder.
    std::env::set_current_dir(&dir).unwrap_or_else(|e| panic!("{e}"));
    let layer = DataLayer::built_in().unwrap_or_else(|e| panic!("{e}"));
    let mut harness = Harness::builder()
        .with_size(egui::vec2(1280.0, 800.0))
        .with_theme(egui::Theme::Light)
        .wgpu()
        .build_eframe(move |cc| DeployApp::new(cc, vec![layer], None));
    settle(&mut harness);
    let mut peak_mb = rss_mb();
    eprintln!("start: {peak_mb:.0} MB");

    // A 4K snapshot through the export dialog.
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::E);
    harness.run_steps(2);
    harness.get_by_label("3840x2160").click();
    harness.run_steps(1);
    export_button(&harness).click();
    wait_for_export(&mut harness, &dir, "png");
    peak_mb = peak_mb.max(rss_mb());
    eprintln!("after the 4K snapshot: {:.0} MB", rss_mb());

    // An animation of the span the timeline shows, at the size of the map on screen.
    harness.key_press_modifiers(
        egui::Modifiers::COMMAND | egui::Modifiers::SHIFT,
        egui::Key::E,
    );
    harness.run_steps(2);
    // The dialog keeps the last size (4K); an animation the size of the map is enough here.
    harness
        .get_by_label_contains("The map as on screen")
        .click();
    harness.run_steps(1);
    export_button(&harness).click();
    wait_for_export(&mut harness, &dir, "gif");
    peak_mb = peak_mb.max(rss_mb());
    eprintln!("after the animation: {:.0} MB", rss_mb());

    // Zoom about the middle of Syria (land, so a blank map would show) to the limit and back.
    let rect = harness.state().map_rect();
    let max_zoom = harness.state().map_view().max_zoom();
    let start_zoom = harness.state().map_view().view().zoom;
    harness.event(egui::Event::PointerMoved(rect.center()));
    harness.run_steps(1);
    for round in 0..20 {
        while harness.state().map_view().view().zoom < max_zoom - 1e-6 {
            harness.event(egui::Event::Zoom(1.5));
            harness.run_steps(1);
        }
        settle(&mut harness);
        peak_mb = peak_mb.max(rss_mb());
        if round % 5 == 0 {
            let blank = blank_share(&mut harness);
            assert!(
                blank < 0.5,
                "round {round}: {blank:.2} of the deep map is blank"
            );
        }
        while harness.state().map_view().view().zoom > start_zoom + 1e-6 {
            harness.event(egui::Event::Zoom(1.0 / 1.5));
            harness.run_steps(1);
        }
        settle(&mut harness);
        peak_mb = peak_mb.max(rss_mb());
        eprintln!("round {round}: {:.0} MB", rss_mb());
        assert!(
            peak_mb < RSS_LIMIT_MB,
            "round {round}: {peak_mb:.0} MB resident"
        );
    }
    let blank = blank_share(&mut harness);
    assert!(
        blank < 0.5,
        "{blank:.2} of the map is blank after zooming out"
    );
    eprintln!("peak {peak_mb:.0} MB");
    assert!(peak_mb < RSS_LIMIT_MB, "{peak_mb:.0} MB resident");
    std::fs::remove_dir_all(&dir).ok();
}
