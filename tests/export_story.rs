//! Story videos, headless: the frames the story plans (flights between the chapters' views) and
//! the GIF the command line writes from them, with the real renderer and encoder.

use deploymap::export::{StoryFrame, story_frames};
use deploymap::io::{builtin_scenario, load_paths};
use deploymap::model::{GeoView, Scenario};
use std::path::{Path, PathBuf};

fn fixture() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/story_two_chapters.geojson")
}

fn load(path: &Path) -> Scenario {
    load_paths(&[path.to_path_buf()])
        .unwrap_or_else(|e| panic!("{e}"))
        .scenario
}

/// For each flight after the first chapter: the last view of the chapter before, the view at the
/// flight's middle frame, and the first view of the chapter after.
fn flights(frames: &[StoryFrame]) -> Vec<(GeoView, GeoView, GeoView)> {
    let mut found = Vec::new();
    let chapters = frames.iter().map(|f| f.chapter).max().unwrap_or(0);
    for chapter in 1..=chapters {
        let flying: Vec<&StoryFrame> = frames
            .iter()
            .filter(|f| f.chapter == chapter && f.flying)
            .collect();
        let before = frames.iter().rev().find(|f| f.chapter == chapter - 1);
        let after = frames.iter().find(|f| f.chapter == chapter && !f.flying);
        if let (Some(before), Some(after), false) = (before, after, flying.is_empty()) {
            found.push((before.view, flying[flying.len() / 2].view, after.view));
        }
    }
    found
}

fn between(value: f64, a: f64, b: f64) -> bool {
    let slack = 1e-6;
    value >= a.min(b) - slack && value <= a.max(b) + slack
}

#[test]
fn the_middle_of_every_flight_of_the_built_in_story_is_between_the_two_chapter_views() {
    let scenario = builtin_scenario()
        .unwrap_or_else(|e| panic!("{e}"))
        .scenario;
    let story = &scenario.meta.stories[0];
    let frames =
        story_frames(&scenario, story, [640.0, 360.0], 10.0).unwrap_or_else(|e| panic!("{e}"));
    let flights = flights(&frames);
    assert!(
        flights.len() >= story.chapters.len() - 2,
        "{}",
        flights.len()
    );
    for (from, middle, to) in &flights {
        assert!(
            between(middle.lon, from.lon, to.lon) && between(middle.lat, from.lat, to.lat),
            "{middle:?} is not between {from:?} and {to:?}"
        );
    }
    // Every chapter plays its span to the end after its flight.
    for (index, chapter) in story.chapters.iter().enumerate() {
        let last = frames
            .iter()
            .rev()
            .find(|f| f.chapter == index)
            .unwrap_or_else(|| panic!("no frame of chapter {index}"));
        assert_eq!(last.t, chapter.end_secs(), "{}", chapter.title);
    }
}

/// The GIF's frames as whole pictures (each GIF frame stores only the rectangle that changed).
fn gif_frames(path: &Path) -> (u32, u32, Vec<Vec<u8>>) {
    let mut options = gif::DecodeOptions::new();
    options.set_color_output(gif::ColorOutput::RGBA);
    let file = std::fs::File::open(path).unwrap_or_else(|e| panic!("{e}"));
    let mut decoder = options.read_info(file).unwrap_or_else(|e| panic!("{e}"));
    let (width, height) = (u32::from(decoder.width()), u32::from(decoder.height()));
    let mut canvas = vec![0u8; (width * height * 4) as usize];
    let mut pictures = Vec::new();
    while let Some(frame) = decoder.read_next_frame().unwrap_or_else(|e| panic!("{e}")) {
        for y in 0..u32::from(frame.height) {
            for x in 0..u32::from(frame.width) {
                let from = ((y * u32::from(frame.width) + x) * 4) as usize;
                let to =
                    (((y + u32::from(frame.top)) * width + x + u32::from(frame.left)) * 4) as usize;
                canvas[to..to + 4].copy_from_slice(&frame.buffer[from..from + 4]);
            }
        }
        pictures.push(canvas.clone());
    }
    (width, height, pictures)
}

/// The fraction of pixels that differ clearly between two pictures.
fn changed(a: &[u8], b: &[u8]) -> f64 {
    let pixels = a.len() / 4;
    let different = a
        .chunks_exact(4)
        .zip(b.chunks_exact(4))
        .filter(|(p, q)| {
            p.iter()
                .zip(*q)
                .map(|(x, y)| x.abs_diff(*y) as u32)
                .sum::<u32>()
                > 30
        })
        .count();
    different as f64 / pixels as f64
}

#[test]
fn export_story_writes_a_gif_whose_frames_show_the_camera_flying_between_chapters() {
    let dir = std::env::temp_dir().join(format!("deploymap-story-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap_or_else(|e| panic!("{e}"));
    let out = dir.join("s.gif");
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_deploymap"))
        .args([
            "export", "story", "--size", "640x360", "--fps", "10", "--out",
        ])
        .arg(&out)
        .arg(fixture())
        .output()
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let scenario = load(&fixture());
    let planned = story_frames(&scenario, &scenario.meta.stories[0], [640.0, 360.0], 10.0)
        .unwrap_or_else(|e| panic!("{e}"));
    let (width, height, pictures) = gif_frames(&out);
    assert_eq!((width, height), (640, 360));
    assert_eq!(pictures.len(), planned.len());

    // The flight from the first chapter to the second: the view in its middle frame lies
    // between the two chapters' views...
    let [(from, middle, to)] = flights(&planned)[..] else {
        panic!("expected one flight between the two chapters");
    };
    assert!(between(middle.lon, from.lon, to.lon) && between(middle.lat, from.lat, to.lat));
    assert!(
        middle.lon > from.lon + 0.5 && middle.lon < to.lon - 0.5,
        "{middle:?}"
    );
    // ...and the pictures show it: while flying, the whole map moves from frame to frame,
    // and the middle picture is neither end's.
    let flying: Vec<usize> = (0..planned.len())
        .filter(|&i| planned[i].chapter == 1 && planned[i].flying)
        .collect();
    let (first, last) = (flying[0], flying[flying.len() - 1]);
    let mid = flying[flying.len() / 2];
    for pair in flying.windows(2) {
        let moved = changed(&pictures[pair[0]], &pictures[pair[1]]);
        assert!(
            moved > 0.02,
            "frames {pair:?} differ in {moved:.3} of their pixels"
        );
    }
    assert!(changed(&pictures[first - 1], &pictures[mid]) > 0.2);
    assert!(changed(&pictures[mid], &pictures[last + 1]) > 0.05);
    // While a chapter plays with a fixed camera, the map stands still.
    let playing: Vec<usize> = (0..planned.len())
        .filter(|&i| planned[i].chapter == 1 && !planned[i].flying)
        .collect();
    assert!(playing.len() > 3);
    assert!(changed(&pictures[playing[1]], &pictures[playing[2]]) < 0.05);
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn mp4_without_ffmpeg_and_unknown_stories_say_what_to_do() {
    let dir = std::env::temp_dir().join(format!("deploymap-story-bad-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap_or_else(|e| panic!("{e}"));
    let run = |args: &[&str], out: &Path| {
        std::process::Command::new(env!("CARGO_BIN_EXE_deploymap"))
            .args(["export", "story"])
            .args(args)
            .arg("--out")
            .arg(out)
            .arg(fixture())
            .output()
            .unwrap_or_else(|e| panic!("{e}"))
    };
    let unknown = run(&["--story", "nope"], &dir.join("a.gif"));
    assert!(!unknown.status.success());
    let message = String::from_utf8_lossy(&unknown.stderr);
    assert!(
        message.contains("no such story") && message.contains("two"),
        "{message}"
    );
    let ffmpeg_here = std::process::Command::new("ffmpeg")
        .arg("-version")
        .output()
        .is_ok_and(|o| o.status.success());
    if !ffmpeg_here {
        let mp4 = run(&["--size", "64x64", "--fps", "2"], &dir.join("a.mp4"));
        assert!(!mp4.status.success());
        let message = String::from_utf8_lossy(&mp4.stderr);
        assert!(
            message.contains("ffmpeg") && message.contains("GIF") && message.contains("APNG"),
            "{message}"
        );
        assert!(!dir.join("a.mp4").exists());
    }
    std::fs::remove_dir_all(&dir).ok();
}
