//! Does a story's flight drop more frames than scrubbing? Two windows on the built-in scenario,
//! 1280x800, drawn through wgpu (Mesa's software renderer where there is no GPU), take turns
//! frame by frame, so that both see the same load on the machine: one flies from chapter to
//! chapter of the story (PageDown as soon as it lands; only frames while flying count), the
//! other scrubs the time across the scenario with the map still. Each frame is timed from the
//! window's logic to the finished picture read back. Printed: the median, the 95th percentile
//! and the share of frames over the 60 Hz and 30 Hz budgets, side by side.
//!
//! `cargo bench --bench flight_frames` (a plain program, not criterion: it prints one table).

use deploymap::DeployApp;
use deploymap::data_layers::DataLayer;
use deploymap::timeline::PlaybackCommand;
use egui_kittest::Harness;
use std::time::{Duration, Instant};

/// Frames measured for each of the two.
const FRAMES: usize = 600;
const WINDOW_SIZE_POINTS: [f32; 2] = [1280.0, 800.0];
const FRAME_SECS: f32 = 1.0 / 60.0;

fn window() -> Option<Harness<'static, DeployApp>> {
    let layer = DataLayer::built_in().ok()?;
    let mut harness = Harness::builder()
        .with_size(egui::vec2(WINDOW_SIZE_POINTS[0], WINDOW_SIZE_POINTS[1]))
        .with_step_dt(FRAME_SECS)
        .wgpu()
        .build_eframe(move |cc| DeployApp::new(cc, vec![layer], None));
    // The first frames load the basemap and lay out the panels.
    for _ in 0..10 {
        harness.step();
        harness.render().ok()?;
    }
    Some(harness)
}

/// One frame of `harness`, timed: the app's frame and the picture drawn and read back.
fn timed_frame(harness: &mut Harness<'_, DeployApp>) -> Option<Duration> {
    let start = Instant::now();
    harness.step();
    harness.render().ok()?;
    Some(start.elapsed())
}

fn summary(name: &str, mut frames: Vec<Duration>) {
    frames.sort();
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    let at = |q: f64| frames[((frames.len() - 1) as f64 * q).round() as usize];
    let over = |budget_ms: f64| {
        100.0 * frames.iter().filter(|&&d| ms(d) > budget_ms).count() as f64 / frames.len() as f64
    };
    println!(
        "| {name} | {} | {:.1} ms | {:.1} ms | {:.0} % | {:.0} % |",
        frames.len(),
        ms(at(0.5)),
        ms(at(0.95)),
        over(1000.0 / 60.0),
        over(1000.0 / 30.0),
    );
}

fn main() {
    let (Some(mut flying), Some(mut scrubbing)) = (window(), window()) else {
        eprintln!("no wgpu adapter: nothing measured");
        return;
    };
    let range = scrubbing
        .state()
        .scenario()
        .time_range()
        .unwrap_or((0.0, 1.0));
    let mut flight_frames = Vec::with_capacity(FRAMES);
    let mut scrub_frames = Vec::with_capacity(FRAMES);
    let mut chapter_started = false;
    let mut frame = 0usize;
    while flight_frames.len() < FRAMES {
        if !flying.state().story_flying() {
            // Landed (or not started): on to the next chapter, or back to the first.
            let last = flying.state().story_chapter().is_some_and(|chapter| {
                chapter + 1 >= flying.state().scenario().meta.stories[0].chapters.len()
            });
            let key = if last || !chapter_started {
                egui::Key::Num1
            } else {
                egui::Key::PageDown
            };
            chapter_started = true;
            flying.key_press(key);
            flying.step();
        }
        let Some(flight) = timed_frame(&mut flying) else {
            return;
        };
        if flying.state().story_flying() {
            flight_frames.push(flight);
        }
        // The scrubbing window drags the time from one end to the other, a step a frame.
        let share = (frame % 240) as f64 / 240.0;
        scrubbing
            .state_mut()
            .apply_playback(PlaybackCommand::SetTime(
                range.0 + (range.1 - range.0) * share,
            ));
        let Some(scrub) = timed_frame(&mut scrubbing) else {
            return;
        };
        scrub_frames.push(scrub);
        frame += 1;
    }
    scrub_frames.truncate(flight_frames.len());
    println!(
        "window {}x{} points, {FRAMES} frames each, taking turns",
        WINDOW_SIZE_POINTS[0], WINDOW_SIZE_POINTS[1]
    );
    println!("| frames of | n | median | 95th percentile | over 16.7 ms | over 33.3 ms |");
    println!("|---|---|---|---|---|---|");
    summary("the story's flights", flight_frames);
    summary("scrubbing", scrub_frames);
}
