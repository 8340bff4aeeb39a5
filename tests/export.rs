//! Exports, headless: the real renderer (Mesa's software wgpu here), the real encoders, the real
//! command line.

use deploymap::export::{
    AnimationSpec, OffscreenRenderer, RgbaFrame, SnapshotSpec, export_animation,
};
use deploymap::io::{builtin_scenario, parse_time};
use deploymap::map::{Furniture, LayerVisibility};
use deploymap::model::{GeoView, Scenario, unix_secs};
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("deploymap-export-{}-{name}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap_or_else(|e| panic!("{e}"));
    dir
}

fn deploymap(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_deploymap"))
        .args(args)
        .output()
        .unwrap_or_else(|e| panic!("cannot run deploymap: {e}"))
}

fn scenario() -> Scenario {
    builtin_scenario()
        .unwrap_or_else(|e| panic!("{e}"))
        .scenario
}

fn secs(text: &str) -> f64 {
    unix_secs(parse_time(text).unwrap_or_else(|e| panic!("{e}")))
}

fn spec(size_px: [u32; 2]) -> SnapshotSpec {
    SnapshotSpec {
        view: GeoView {
            lon: 38.7,
            lat: 35.2,
            zoom: 7.0,
        },
        size_px,
        pixels_per_point: 1.0,
        layers: LayerVisibility::default(),
        furniture: Furniture::full(Some("Test".into())),
    }
}

fn decode_png(path: &Path) -> (RgbaFrame, Vec<(String, String)>) {
    let file = std::fs::File::open(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let mut reader = png::Decoder::new(std::io::BufReader::new(file))
        .read_info()
        .unwrap_or_else(|e| panic!("{e}"));
    let mut pixels = vec![0; reader.output_buffer_size().unwrap_or_default()];
    let info = reader
        .next_frame(&mut pixels)
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(info.color_type, png::ColorType::Rgba);
    let text = reader
        .info()
        .utf8_text
        .iter()
        .map(|chunk| (chunk.keyword.clone(), chunk.get_text().unwrap_or_default()))
        .collect();
    (
        RgbaFrame {
            width: info.width,
            height: info.height,
            pixels,
        },
        text,
    )
}

/// Pixels in the square of side `2 * half + 1` around `center` within 16 levels of `color`.
fn count_like(frame: &RgbaFrame, center: egui::Pos2, half: i32, color: [u8; 3]) -> usize {
    let mut count = 0;
    for dy in -half..=half {
        for dx in -half..=half {
            let (x, y) = (center.x as i32 + dx, center.y as i32 + dy);
            let Some(pixel) = u32::try_from(x)
                .ok()
                .zip(u32::try_from(y).ok())
                .and_then(|(x, y)| frame.pixel(x, y))
            else {
                continue;
            };
            count += usize::from(
                pixel[..3]
                    .iter()
                    .zip(color)
                    .all(|(a, b)| a.abs_diff(b) <= 16),
            );
        }
    }
    count
}

const RUSSIA: [u8; 3] = [0xc8, 0x34, 0x2b];

#[test]
fn a_png_from_the_command_line_has_the_exact_size_and_carries_title_time_and_credits() {
    let dir = scratch("png");
    let out = dir.join("snap.png");
    let output = deploymap(&[
        "export",
        "png",
        "--at",
        "2026-01-20",
        "--size",
        "800x450",
        "--title",
        "Qamishli, 20 Jan",
        "--out",
        &out.display().to_string(),
    ]);
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let (frame, text) = decode_png(&out);
    assert_eq!((frame.width, frame.height), (800, 450));
    let get = |key: &str| {
        text.iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.clone())
            .unwrap_or_default()
    };
    assert_eq!(get("Title"), "Qamishli, 20 Jan");
    // A plain date is midnight in the scenario's zone, and the caption names that zone.
    assert_eq!(
        get("Creation Time"),
        "20 Jan 2026, 00:00 UTC+03 (Asia/Damascus)"
    );
    assert!(
        get("Copyright").contains("GeoNames") && get("Copyright").contains("GSHHG"),
        "{text:?}"
    );
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn the_pixel_at_hmeimim_shows_the_base_symbol_and_the_qamishli_forces_move_between_snapshots() {
    let scenario = scenario();
    let mut renderer = OffscreenRenderer::new(None).unwrap_or_else(|e| panic!("{e}"));
    let spec = spec([960, 640]);
    let site = |id: &str| {
        scenario.sites[scenario.site_index(id).unwrap_or_else(|| panic!("{id}"))].position
    };
    let before = renderer
        .render(&scenario, secs("2026-01-20T12:00:00Z"), &spec)
        .unwrap_or_else(|e| panic!("{e}"));
    let after = renderer
        .render(&scenario, secs("2026-01-28T12:00:00Z"), &spec)
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!((before.width, before.height), (960, 640));

    let hmeimim = spec.pixel_of(site("hmeimim"));
    assert!(
        count_like(&before, hmeimim, 3, RUSSIA) >= 30,
        "no red base symbol at Hmeimim {hmeimim:?}"
    );

    // The row of unit markers under Qamishli airport: red on the 20th, gone on the 28th.
    let under_qamishli = spec.pixel_of(site("qamishli_airport")) + egui::vec2(0.0, 18.0);
    assert!(count_like(&before, under_qamishli, 6, RUSSIA) >= 40);
    assert!(count_like(&after, under_qamishli, 6, RUSSIA) < 5);
    // ... and more red under Hmeimim on the 28th, where they arrived.
    let under_hmeimim = spec.pixel_of(site("hmeimim")) + egui::vec2(0.0, 18.0);
    assert!(
        count_like(&after, under_hmeimim, 40, RUSSIA)
            > count_like(&before, under_hmeimim, 40, RUSSIA)
    );
    // The sea off Cyprus is the same in both.
    let sea = spec.pixel_of(deploymap::model::LonLat::new(34.0, 34.5));
    assert_eq!(
        before.pixel(sea.x as u32, sea.y as u32),
        after.pixel(sea.x as u32, sea.y as u32)
    );
}

#[test]
fn an_animation_has_the_requested_number_of_frames_as_gif_and_as_apng() {
    let scenario = scenario();
    let mut renderer = OffscreenRenderer::new(None).unwrap_or_else(|e| panic!("{e}"));
    let dir = scratch("anim");
    let animation = AnimationSpec {
        from: secs("2026-01-21"),
        to: secs("2026-01-28"),
        frames: 5,
        fps: 10.0,
    };
    let spec = spec([320, 180]);
    let mut calls = Vec::new();
    let gif_path = dir.join("a.gif");
    export_animation(
        &mut renderer,
        &scenario,
        &spec,
        &animation,
        &gif_path,
        false,
        &mut |done, total| {
            calls.push((done, total));
            true
        },
    )
    .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(calls, vec![(1, 5), (2, 5), (3, 5), (4, 5), (5, 5)]);
    let mut options = gif::DecodeOptions::new();
    options.set_color_output(gif::ColorOutput::RGBA);
    let mut decoder = options
        .read_info(std::fs::File::open(&gif_path).unwrap_or_else(|e| panic!("{e}")))
        .unwrap_or_else(|e| panic!("{e}"));
    let mut frames = 0;
    while decoder
        .read_next_frame()
        .unwrap_or_else(|e| panic!("{e}"))
        .is_some()
    {
        frames += 1;
    }
    assert_eq!(frames, 5);

    let apng_path = dir.join("a.png");
    export_animation(
        &mut renderer,
        &scenario,
        &spec,
        &animation,
        &apng_path,
        false,
        &mut |_, _| true,
    )
    .unwrap_or_else(|e| panic!("{e}"));
    let reader = png::Decoder::new(std::io::BufReader::new(
        std::fs::File::open(&apng_path).unwrap_or_else(|e| panic!("{e}")),
    ))
    .read_info()
    .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(
        reader.info().animation_control.map(|a| a.num_frames),
        Some(5)
    );

    // Cancelling leaves nothing behind.
    let cancelled = dir.join("cancelled.gif");
    let error = export_animation(
        &mut renderer,
        &scenario,
        &spec,
        &animation,
        &cancelled,
        false,
        &mut |done, _| done < 2,
    );
    assert!(error.is_err());
    assert!(!cancelled.exists());
    assert_eq!(
        std::fs::read_dir(&dir)
            .map(Iterator::count)
            .unwrap_or_default(),
        2,
        "no partial files left"
    );
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn an_existing_file_is_not_overwritten_without_force() {
    let dir = scratch("force");
    let out = dir.join("mine.png");
    std::fs::write(&out, b"my own picture").unwrap_or_else(|e| panic!("{e}"));
    let path = out.display().to_string();
    let output = deploymap(&[
        "export",
        "png",
        "--at",
        "2026-01-20",
        "--size",
        "320x200",
        "--out",
        &path,
    ]);
    assert!(!output.status.success());
    assert!(String::from_utf8_lossy(&output.stderr).contains("already exists; use --force"));
    assert_eq!(std::fs::read(&out).unwrap_or_default(), b"my own picture");
    let output = deploymap(&[
        "export",
        "png",
        "--at",
        "2026-01-20",
        "--size",
        "320x200",
        "--force",
        "--out",
        &path,
    ]);
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert_eq!(decode_png(&out).0.width, 320);
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn bad_times_views_sizes_and_paths_fail_with_a_message_and_write_nothing() {
    let dir = scratch("bad");
    let out = dir.join("x.png").display().to_string();
    let cases: [(&[&str], &str); 6] = [
        (&["--at", "someday"], "--at"),
        (&["--at", "2026-01-20", "--view", "38,35"], "--view"),
        (&["--at", "2026-01-20", "--size", "big"], "--size"),
        (&["--at", "2026-01-20", "--view", "38,95,7"], "out of range"),
        (
            &["--at", "2026-01-20", "--out-of-place"],
            "unexpected argument",
        ),
        (
            &[
                "--at",
                "2026-01-20",
                "--size",
                "320x200",
                "--out",
                "/nonexistent-folder/x.png",
            ],
            "cannot write /nonexistent-folder/x.png",
        ),
    ];
    for (args, expected) in cases {
        let mut all = vec!["export", "png"];
        all.extend_from_slice(args);
        if !args.contains(&"--out") {
            all.extend_from_slice(&["--out", &out]);
        }
        let output = deploymap(&all);
        assert!(!output.status.success(), "{args:?}");
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(stderr.contains(expected), "{args:?}: {stderr}");
    }
    assert_eq!(
        std::fs::read_dir(&dir)
            .map(Iterator::count)
            .unwrap_or_default(),
        0
    );
    let output = deploymap(&[
        "export",
        "anim",
        "--from",
        "2026-01-20",
        "--to",
        "2026-01-22",
        "--frames",
        "3",
        "--out",
        &dir.join("x.avi").display().to_string(),
    ]);
    assert!(
        String::from_utf8_lossy(&output.stderr)
            .contains("expected a .gif, .png (APNG) or .mp4 file")
    );
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn mp4_is_written_through_ffmpeg_or_refused_with_a_clear_message() {
    let dir = scratch("mp4");
    let out = dir.join("a.mp4");
    let output = deploymap(&[
        "export",
        "anim",
        "--from",
        "2026-01-21",
        "--to",
        "2026-01-28",
        "--frames",
        "4",
        "--size",
        "320x180",
        "--out",
        &out.display().to_string(),
    ]);
    let ffmpeg = Command::new("ffmpeg")
        .arg("-version")
        .output()
        .is_ok_and(|o| o.status.success());
    if ffmpeg {
        assert!(
            output.status.success(),
            "{}",
            String::from_utf8_lossy(&output.stderr)
        );
        let bytes = std::fs::read(&out).unwrap_or_default();
        assert_eq!(bytes.get(4..8), Some(&b"ftyp"[..]), "not an MP4");
    } else {
        assert!(!output.status.success());
        assert!(
            String::from_utf8_lossy(&output.stderr)
                .contains("MP4 needs ffmpeg, which is not installed")
        );
        assert!(!out.exists());
    }
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn a_cancelled_background_export_is_cancelled_not_failed_and_writes_nothing() {
    let dir = scratch("job-cancel");
    let path = dir.join("cancelled.gif");
    let request = deploymap::export::ExportRequest {
        scenario: std::sync::Arc::new(scenario()),
        spec: spec([320, 180]),
        work: deploymap::export::ExportWork::Animation(AnimationSpec {
            from: secs("2026-01-21"),
            to: secs("2026-01-28"),
            frames: 500,
            fps: 10.0,
        }),
        basemap: None,
        theme: deploymap::theme::Theme::Light,
        path: path.clone(),
        overwrite: false,
    };
    let job = deploymap::export::ExportJob::start(request, || {});
    job.cancel();
    let outcome = loop {
        if let Some(outcome) = job.poll() {
            break outcome;
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    };
    assert!(
        matches!(outcome, deploymap::job::JobOutcome::Cancelled),
        "{outcome:?}"
    );
    assert!(!path.exists());
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn the_window_and_the_command_line_word_export_errors_each_in_their_own_terms() {
    let backwards = AnimationSpec {
        from: secs("2026-01-28"),
        to: secs("2026-01-21"),
        frames: 5,
        fps: 10.0,
    };
    let for_window = backwards.validate().map_err(|e| e.to_string()).unwrap_err();
    assert!(!for_window.contains("--"), "{for_window}");
    let output = deploymap(&[
        "export",
        "anim",
        "--from",
        "2026-01-28",
        "--to",
        "2026-01-21",
        "--out",
        "/nonexistent/never-written.gif",
    ]);
    assert!(!output.status.success());
    assert!(
        String::from_utf8_lossy(&output.stderr).contains("--to must be after --from"),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
}

#[test]
fn the_legend_lists_the_route_style_drawn_and_not_the_other() {
    let scenario = scenario();
    // 25 Jan 2026 09:00 local: only the Qamishli air group moves, on a path no source gives, and
    // its whole route is drawn dashed.
    let t = secs("2026-01-25T06:00:00Z");
    let state = deploymap::model::state_at(&scenario, t);
    let reported: Vec<bool> = state
        .forces
        .iter()
        .filter(|at| matches!(at.status, deploymap::model::ForceStatus::Moving { .. }))
        .map(|at| {
            scenario.forces[at.force]
                .track
                .get(at.state)
                .is_some_and(|state| {
                    matches!(
                        state.kind,
                        deploymap::model::StateKind::Moving {
                            route_reported: true,
                            ..
                        }
                    )
                })
        })
        .collect();
    assert!(!reported.is_empty() && reported.iter().all(|r| !r));
    let texts = deploymap::map::legend_texts(&scenario, &state, None);
    assert!(texts.contains(&"Route (path not reported, ends only)".to_string()));
    assert!(
        !texts.contains(&"Route (path reported)".to_string()),
        "{texts:?}"
    );
}
