//! Playing the built-in story in the window, headless through egui_kittest: the keys, the
//! camera's flights, the card, leaving and returning, and following a force (from the inspector
//! and from the map's right-click menu).

use deploymap::DeployApp;
use deploymap::data_layers::DataLayer;
use deploymap::model::{Chapter, GeoView, state_at};
use deploymap::timeline::lon_lat_to_world;
use egui::Key;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;

/// Frames of a tenth of a second, so a chapter plays in a few dozen steps.
const STEP_SECS: f32 = 0.1;

fn harness() -> Harness<'static, DeployApp> {
    let layer = DataLayer::built_in().unwrap_or_else(|e| panic!("{e}"));
    let mut harness = Harness::builder()
        .with_size(egui::vec2(1400.0, 860.0))
        .with_theme(egui::Theme::Light)
        .with_step_dt(STEP_SECS)
        .wgpu()
        .build_eframe(move |cc| DeployApp::new(cc, vec![layer], None));
    harness.run_steps(4);
    harness
}

fn chapters(harness: &Harness<'_, DeployApp>) -> Vec<Chapter> {
    harness.state().scenario().meta.stories[0].chapters.clone()
}

/// Steps until the camera has landed; panics if it never does.
fn land(harness: &mut Harness<'_, DeployApp>) {
    for _ in 0..400 {
        if !harness.state().story_flying() {
            return;
        }
        harness.run_steps(1);
    }
    panic!("the flight never landed");
}

/// Steps until the chapter has played to its end.
fn play_to_end(harness: &mut Harness<'_, DeployApp>, chapter: &Chapter) {
    for _ in 0..400 {
        if harness.state().playback().cursor >= chapter.end_secs() {
            harness.run_steps(2);
            return;
        }
        harness.run_steps(1);
    }
    panic!("{}: the chapter never played to its end", chapter.title);
}

/// Where `position` is on the map, in points from the map's centre, seen through `view`.
fn offset_points(view: GeoView, lon: f64, lat: f64) -> (f64, f64) {
    let world_points = 256.0 * view.zoom.exp2();
    let (x, y) = lon_lat_to_world(lon, lat);
    let (cx, cy) = lon_lat_to_world(view.lon, view.lat);
    ((x - cx) * world_points, (y - cy) * world_points)
}

/// Checks, just after landing on chapter `index`: the time, that every item of the chapter on
/// the map then is in view, and that the card shows the title, the text and "i / n".
fn check_chapter(harness: &Harness<'_, DeployApp>, index: usize, chapter: &Chapter, count: usize) {
    let app = harness.state();
    assert_eq!(app.story_chapter(), Some(index), "{}", chapter.title);
    let cursor = app.playback().cursor;
    assert!(
        cursor >= chapter.start_secs() && cursor <= chapter.end_secs(),
        "{}: time {cursor} outside the chapter",
        chapter.title
    );
    let view = app.map_view().view();
    let half = app.map_rect().size() / 2.0;
    let state = state_at(app.scenario(), cursor);
    let mut checked = 0;
    for id in chapter.item_ids() {
        let Some(position) = app.scenario().item_position(id, &state) else {
            continue;
        };
        let (dx, dy) = offset_points(view, position.x(), position.y());
        assert!(
            dx.abs() <= f64::from(half.x) && dy.abs() <= f64::from(half.y),
            "{}: {id} is {dx:.0}, {dy:.0} points from the centre of a map {half:?} half-wide",
            chapter.title
        );
        checked += 1;
    }
    assert!(
        checked > 0,
        "{}: nothing of the chapter is on the map",
        chapter.title
    );
    harness.get_by_label(&chapter.title);
    harness.get_by_label(&format!("{} / {count}", index + 1));
    if !chapter.text.is_empty() {
        harness.get_by_label(&chapter.text);
    }
}

#[test]
fn page_down_alone_plays_the_built_in_story_from_the_first_chapter_to_the_last() {
    let mut harness = harness();
    let chapters = chapters(&harness);
    assert!(chapters.len() >= 7);
    let count = chapters.len();
    for (index, chapter) in chapters.iter().enumerate() {
        harness.key_press(Key::PageDown);
        harness.run_steps(1);
        land(&mut harness);
        check_chapter(&harness, index, chapter, count);
        play_to_end(&mut harness, chapter);
        assert_eq!(harness.state().playback().cursor, chapter.end_secs());
    }
    assert_eq!(harness.state().story_chapter(), Some(count - 1));
}

#[test]
fn space_alone_plays_the_built_in_story_from_a_fresh_window_to_its_end() {
    let mut harness = harness();
    let chapters = chapters(&harness);
    let count = chapters.len();
    assert_eq!(harness.state().story_chapter(), None);
    // The first key of a fresh window: Space starts the story, as PageDown does.
    harness.key_press(Key::Space);
    harness.run_steps(1);
    for (index, chapter) in chapters.iter().enumerate() {
        land(&mut harness);
        check_chapter(&harness, index, chapter, count);
        play_to_end(&mut harness, chapter);
        harness.key_press(Key::Space);
        harness.run_steps(1);
    }
    // Space after the last chapter ends the story; the card offers to play it again.
    assert_eq!(harness.state().story_chapter(), None);
    harness.get_by_label(&format!("▶ Play the story ({count} chapters)"));
    // Out of the story, Space plays the time again.
    harness.key_press(Key::Space);
    harness.run_steps(1);
    assert!(harness.state().playback().playing);
    assert_eq!(harness.state().story_chapter(), None);
}

#[test]
fn once_the_time_is_moved_space_plays_the_time_instead_of_starting_the_story() {
    let mut harness = harness();
    harness.key_press(Key::ArrowRight);
    harness.run_steps(1);
    let cursor = harness.state().playback().cursor;
    harness.key_press(Key::Space);
    harness.run_steps(3);
    assert_eq!(harness.state().story_chapter(), None);
    assert!(harness.state().playback().playing);
    assert!(harness.state().playback().cursor > cursor);
}

#[test]
fn the_middle_of_a_flight_is_between_two_chapters_and_the_time_moves_with_it() {
    let mut harness = harness();
    let chapters = chapters(&harness);
    // Chapter 6 is in north-east Syria, chapter 7 in Moscow: a long flight.
    harness.key_press(Key::Num6);
    harness.run_steps(1);
    land(&mut harness);
    let from = harness.state().map_view().view();
    harness.key_press(Key::Num7);
    harness.run_steps(3);
    assert!(harness.state().story_flying());
    let during = harness.state().map_view().view();
    assert!(during.lat > from.lat, "{during:?} from {from:?}");
    let cursor = harness.state().playback().cursor;
    assert!(cursor >= chapters[5].start_secs() && cursor <= chapters[6].start_secs());
    land(&mut harness);
    let to = harness.state().map_view().view();
    assert!(during.lat < to.lat, "{during:?} to {to:?}");
    // The zoom dips on the way: Syria to Moscow does not fit one screen.
    assert!(during.zoom < from.zoom.min(to.zoom), "{during:?}");
}

#[test]
fn scrubbing_leaves_the_story_and_a_click_returns_to_it() {
    let mut harness = harness();
    harness.key_press(Key::Num3);
    harness.run_steps(1);
    land(&mut harness);
    assert_eq!(harness.state().story_chapter(), Some(2));
    // A user's move of the time (here: the next event) leaves the story cleanly.
    harness.key_press(Key::ArrowRight);
    harness.run_steps(2);
    assert_eq!(harness.state().story_chapter(), None);
    assert!(!harness.state().playback().playing);
    harness.get_by_label("▶ Return to chapter 3 / 9").click();
    harness.run_steps(2);
    assert_eq!(harness.state().story_chapter(), Some(2));
}

#[test]
fn following_a_force_keeps_it_in_the_middle_while_the_time_plays_and_esc_stops() {
    let mut harness = harness();
    let index = harness
        .state()
        .scenario()
        .forces
        .iter()
        .position(|force| force.id == "ru_qamishli_elite")
        .unwrap_or_else(|| panic!("no elite group"));
    // 26 Jan 2026, local: the group flies from Qamishli to Hmeimim that day.
    harness.key_press(Key::Num6);
    harness.run_steps(1);
    land(&mut harness);
    harness.key_press(Key::Escape);
    harness.run_steps(1);
    assert_eq!(harness.state().story_chapter(), None);
    let start = harness.state().scenario().meta.stories[0].chapters[5].start_secs();
    harness
        .state_mut()
        .apply_playback(deploymap::timeline::PlaybackCommand::SetTime(
            start + 3_600.0,
        ));
    harness
        .state_mut()
        .select(Some(deploymap::selection::Selection::Force(index)));
    harness.run_steps(2);
    harness.get_by_label("Follow").click();
    harness.run_steps(2);
    harness.get_by_label("Following Last Russian group to leave Qamishli");
    harness.key_press(Key::Space);
    harness.run_steps(20);
    let app = harness.state();
    let state = state_at(app.scenario(), app.playback().cursor);
    let at = state
        .forces
        .iter()
        .find(|at| at.force == index)
        .unwrap_or_else(|| panic!("the group is not on the map"));
    let view = app.map_view().view();
    let (dx, dy) = offset_points(view, at.position.x(), at.position.y());
    assert!(dx.abs() < 40.0 && dy.abs() < 40.0, "{dx}, {dy}");
    assert_eq!(app.following(), Some(index));
    harness.key_press(Key::Escape);
    harness.run_steps(1);
    assert_eq!(harness.state().following(), None);
}

#[test]
fn f1_lists_the_story_keys_that_work() {
    let mut harness = harness();
    harness.key_press(Key::F1);
    harness.run_steps(2);
    harness.get_by_label("PageDown / PageUp");
    let count = chapters(&harness).len().min(9);
    harness.get_by_label(&format!("1 … {count}"));
}

/// Right-clicks the map at `pos` (points in the window).
fn right_click_at(harness: &mut Harness<'_, DeployApp>, pos: egui::Pos2) {
    harness.hover_at(pos);
    harness.run_steps(1);
    for pressed in [true, false] {
        harness.event(egui::Event::PointerButton {
            pos,
            button: egui::PointerButton::Secondary,
            pressed,
            modifiers: egui::Modifiers::NONE,
        });
    }
    harness.run_steps(2);
}

#[test]
fn right_clicking_a_unit_on_the_map_follows_it_and_unfollows_it() {
    let mut harness = harness();
    let index = harness
        .state()
        .scenario()
        .forces
        .iter()
        .position(|force| force.id == "ru_qamishli_elite")
        .unwrap_or_else(|| panic!("no elite group"));
    // An hour into 26 Jan 2026 (chapter 6's start), with the group on its way to Hmeimim.
    let start = harness.state().scenario().meta.stories[0].chapters[5].start_secs();
    harness
        .state_mut()
        .apply_playback(deploymap::timeline::PlaybackCommand::SetTime(
            start + 3_600.0,
        ));
    harness.run_steps(2);
    let unit_on_screen = |harness: &Harness<'_, DeployApp>| {
        let app = harness.state();
        let state = state_at(app.scenario(), app.playback().cursor);
        let at = state
            .forces
            .iter()
            .find(|at| at.force == index && at.is_present())
            .unwrap_or_else(|| panic!("the group is not on the map"));
        let (dx, dy) = offset_points(app.map_view().view(), at.position.x(), at.position.y());
        app.map_rect().center() + egui::vec2(dx as f32, dy as f32)
    };
    let pos = unit_on_screen(&harness);
    assert!(harness.state().map_rect().contains(pos), "{pos:?}");
    right_click_at(&mut harness, pos);
    harness.get_by_label("Follow").click();
    harness.run_steps(4);
    assert_eq!(harness.state().following(), Some(index));
    assert_eq!(
        harness.state().selected(),
        None,
        "a right-click does not select"
    );
    harness.get_by_label("Following Last Russian group to leave Qamishli");
    // The camera keeps it in the middle while the time plays.
    harness.key_press(Key::Space);
    harness.run_steps(10);
    assert!(harness.state().playback().playing);
    let pos = unit_on_screen(&harness);
    let centre = harness.state().map_rect().center();
    assert!((pos - centre).length() < 40.0, "{pos:?} from {centre:?}");
    harness.key_press(Key::Space);
    harness.run_steps(2);
    // Its menu now offers to stop.
    // Back to where the group flies alone (by then it has landed among others at Hmeimim);
    // the camera follows it there.
    harness
        .state_mut()
        .apply_playback(deploymap::timeline::PlaybackCommand::SetTime(
            start + 3_600.0,
        ));
    harness.run_steps(2);
    let pos = unit_on_screen(&harness);
    assert!((pos - centre).length() < 1.0, "{pos:?} from {centre:?}");
    right_click_at(&mut harness, pos);
    assert!(harness.query_by_label("Follow").is_none());
    harness.get_by_label("Unfollow").click();
    harness.run_steps(2);
    assert_eq!(harness.state().following(), None);
    assert!(
        harness
            .query_by_label("Following Last Russian group to leave Qamishli")
            .is_none()
    );
}
