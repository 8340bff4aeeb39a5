//! Telling a story from nothing in the window: an empty scenario, two sites clicked on the map, a
//! force stationed at the first and moved to the second within a window, an event with a
//! source, the move undone and redone with the keys, saved with Ctrl+S, and the saved file read
//! back. Clicks, keys and the toolbar are real input; what egui's text fields make impractical
//! (typing dates and sources) goes through the same commands the forms push.

use deploymap::DeployApp;
use deploymap::data_layers::DataLayer;
use deploymap::model::new_items::{moving, stationed};
use deploymap::model::{
    Dating, Edit, ForceStatus, Place, Provenance, Scenario, Source, state_at, unix_secs,
};
use deploymap::ui::AppCommand;
use deploymap::ui::edit::EditCommand;
use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;
use std::path::PathBuf;

fn ts(text: &str) -> jiff::Timestamp {
    text.parse().unwrap_or_else(|e| panic!("{text}: {e}"))
}

fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("deploymap-edit-{}-{name}", std::process::id()));
    std::fs::remove_dir_all(&dir).ok();
    std::fs::create_dir_all(&dir).unwrap_or_else(|e| panic!("{e}"));
    dir
}

/// The window on an empty scenario, its recovery file kept in `data_dir`.
fn empty_window(data_dir: PathBuf) -> Harness<'static, DeployApp> {
    let layer = DataLayer::unsaved("Empty".into(), Scenario::default());
    let mut harness = Harness::builder()
        .with_size(egui::vec2(1400.0, 860.0))
        .with_theme(egui::Theme::Light)
        .wgpu()
        .build_eframe(move |cc| {
            DeployApp::new(cc, vec![layer], None)
                .with_native_dialogs(false)
                .with_data_dir(data_dir)
        });
    harness.run_steps(4);
    harness
}

/// A press and release of the left button at `pos`, as a mouse does it.
fn click_at(harness: &mut Harness<'static, DeployApp>, pos: egui::Pos2) {
    harness.hover_at(pos);
    harness.run_steps(1);
    harness.drag_at(pos);
    harness.run_steps(1);
    harness.drop_at(pos);
    harness.run_steps(2);
}

fn apply(harness: &mut Harness<'static, DeployApp>, edit: Edit) {
    harness
        .state_mut()
        .push_command(AppCommand::Editing(EditCommand::Apply(edit)));
    harness.run_steps(2);
}

fn reuters() -> Source {
    Source {
        outlet: "Reuters".into(),
        published: Some("2026-01-11".into()),
        url: "https://www.reuters.com/world/middle-east/airlift".into(),
        via: None,
        weak: None,
        id: None,
        strength: None,
    }
}

fn sourced() -> Provenance {
    Provenance {
        sources: vec![reuters()],
        ..Provenance::default()
    }
}

#[test]
fn a_story_built_in_the_window_is_saved_and_reads_back_the_same() {
    let dir = scratch("round-trip");
    let mut harness = empty_window(dir.join("data"));
    assert!(harness.state().scenario().sites.is_empty());

    // 1. Edit mode with its key.
    assert!(!harness.state().edit_mode());
    harness.key_press(Key::F2);
    harness.run_steps(2);
    assert!(harness.state().edit_mode(), "F2 turns edit mode on");

    // 2. Two sites, clicked on the map; each opens its form, closed again.
    let map = harness.state().map_rect();
    let first_at = map.center() - egui::vec2(200.0, 0.0);
    let second_at = map.center() + egui::vec2(200.0, 60.0);
    for (count, at) in [(1, first_at), (2, second_at)] {
        click_at(&mut harness, at);
        assert_eq!(harness.state().scenario().sites.len(), count);
        harness.get_by_label("Close window").click();
        harness.run_steps(2);
    }
    let sites = harness.state().scenario().sites.clone();
    assert!(
        sites[0].position.x() < sites[1].position.x(),
        "the clicks' places"
    );
    assert!(sites[0].position.y() > sites[1].position.y());
    assert!(harness.state().has_unsaved_changes());

    // A force from the toolbar, then its details and its first state.
    harness.get_by_label("Add force…").click();
    harness.run_steps(4);
    assert_eq!(harness.state().scenario().forces.len(), 1);
    harness.get_by_label("Close window").click();
    harness.run_steps(2);
    let mut force = harness.state().scenario().forces[0].clone();
    force.name = "Expeditionary wing".into();
    force.faction = "us".into();
    apply(
        &mut harness,
        Edit::SetForce {
            index: 0,
            force: Box::new(force),
        },
    );
    let at = |index: usize| Place {
        site: Some(index),
        position: sites[index].position,
    };
    apply(
        &mut harness,
        Edit::AddState {
            force: 0,
            state: Box::new(stationed(
                at(0),
                Dating::exact(ts("2026-01-01T00:00:00Z")),
                sourced(),
            )),
        },
    );

    // 3. The move from the first site to the second within a window, one step of undo.
    let window = Dating {
        end: Some(ts("2026-01-12T00:00:00Z")),
        precision: deploymap::model::Precision::Range,
        ..Dating::exact(ts("2026-01-10T00:00:00Z"))
    };
    apply(
        &mut harness,
        Edit::Batch(vec![
            Edit::AddState {
                force: 0,
                state: Box::new(moving(at(0), at(1), window, sourced())),
            },
            Edit::AddState {
                force: 0,
                state: Box::new(stationed(
                    at(1),
                    Dating::exact(ts("2026-01-12T00:00:00Z")),
                    sourced(),
                )),
            },
        ]),
    );
    assert_eq!(harness.state().scenario().forces[0].track.len(), 3);

    // 4. An event clicked on the map with the event tool, then dated and sourced.
    harness.get_by_label("an event").click();
    harness.run_steps(2);
    let event_at = map.center() + egui::vec2(0.0, 150.0);
    click_at(&mut harness, event_at);
    assert_eq!(harness.state().scenario().events.len(), 1);
    harness.get_by_label("Close window").click();
    harness.run_steps(2);
    let mut event = harness.state().scenario().events[0].clone();
    assert!(event.position.is_some(), "placed where the map was clicked");
    event.title = "Airlift to the second base reported".into();
    event.dating = Dating::exact(ts("2026-01-11T00:00:00Z"));
    event.provenance = sourced();
    apply(
        &mut harness,
        Edit::SetEvent {
            index: 0,
            event: Box::new(event.clone()),
        },
    );
    let built = harness.state().scenario().clone();

    // 5. Undo the event and the move with Ctrl+Z, redo them with Ctrl+Shift+Z and Ctrl+Y.
    let mid_move = unix_secs(ts("2026-01-11T00:00:00Z"));
    for _ in 0..3 {
        harness.key_press_modifiers(Modifiers::COMMAND, Key::Z);
        harness.run_steps(2);
    }
    let undone = harness.state().scenario();
    assert_eq!(undone.forces[0].track.len(), 1, "the move is undone");
    assert_eq!(
        state_at(undone, mid_move).forces[0].status,
        ForceStatus::Stationed { site: Some(0) }
    );
    assert!(undone.events.is_empty(), "the event is undone first");
    harness.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::Z);
    harness.run_steps(2);
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Y);
    harness.run_steps(2);
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Y);
    harness.run_steps(2);
    assert_eq!(harness.state().scenario(), &built, "redone exactly");

    // 6. Ctrl+S: nowhere to save yet, so it asks; the path is typed and saved.
    harness.key_press_modifiers(Modifiers::COMMAND, Key::S);
    harness.run_steps(2);
    // Nothing to name it after: the suggestion is scenario.geojson in the working folder.
    let suggested = std::env::current_dir()
        .unwrap_or_else(|e| panic!("{e}"))
        .join("scenario.geojson")
        .display()
        .to_string();
    let path = dir.join("my story.geojson");
    let path_field = |node: &egui_kittest::kittest::AccessKitNode<'_>| {
        node.role() == egui::accesskit::Role::TextInput
            && node.value().is_some_and(|v| v == suggested)
    };
    harness.get_by(path_field).click();
    harness.run_steps(1);
    harness.key_press_modifiers(Modifiers::COMMAND, Key::A);
    harness.run_steps(1);
    harness
        .get_by(path_field)
        .type_text(&path.display().to_string());
    harness.run_steps(2);
    harness.get_by_label("Save").click();
    harness.run_steps(3);
    assert!(path.exists(), "{:?}", harness.state().edit_notice());
    assert!(!harness.state().has_unsaved_changes());
    assert_eq!(harness.state().save_path(), Some(path.as_path()));

    // 7. The saved file, read back: the same states at three times, and the same events.
    let loaded = deploymap::io::load_paths(std::slice::from_ref(&path))
        .unwrap_or_else(|e| panic!("{e}"))
        .scenario;
    for time in [
        "2026-01-05T00:00:00Z",
        "2026-01-11T00:00:00Z",
        "2026-01-20T00:00:00Z",
    ] {
        let t = unix_secs(ts(time));
        assert_eq!(state_at(&loaded, t), state_at(&built, t), "at {time}");
    }
    let before = state_at(&loaded, unix_secs(ts("2026-01-05T00:00:00Z")));
    assert_eq!(
        before.forces[0].status,
        ForceStatus::Stationed { site: Some(0) }
    );
    let during = state_at(&loaded, mid_move);
    assert!(
        matches!(during.forces[0].status, ForceStatus::Moving { progress } if (progress - 0.5).abs() < 1e-9),
        "{:?}",
        during.forces[0].status
    );
    let after = state_at(&loaded, unix_secs(ts("2026-01-20T00:00:00Z")));
    assert_eq!(
        after.forces[0].status,
        ForceStatus::Stationed { site: Some(1) }
    );
    assert_eq!(loaded.events.len(), 1);
    assert_eq!(loaded.events[0].title, event.title);
    assert_eq!(loaded.events[0].provenance.sources, vec![reuters()]);
    assert_eq!(loaded.events[0].dating.start, event.dating.start);
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn the_window_marks_the_same_problems_as_validate() {
    let fixture = PathBuf::from("tests/fixtures/bad/unsourced_overlap.geojson");
    let layer = DataLayer::read(vec![fixture.clone()], &Default::default())
        .unwrap_or_else(|e| panic!("{e}"));
    let dir = scratch("problems");
    let data_dir = dir.join("data");
    let mut harness = Harness::builder()
        .with_size(egui::vec2(1400.0, 860.0))
        .with_theme(egui::Theme::Light)
        .wgpu()
        .build_eframe(move |cc| {
            DeployApp::new(cc, vec![layer], None)
                .with_native_dialogs(false)
                .with_data_dir(data_dir)
        });
    harness.run_steps(4);
    harness.key_press(Key::F2);
    harness.run_steps(2);
    let window: Vec<String> = harness
        .state()
        .edit_problems()
        .iter()
        .map(|(_, message)| message.clone())
        .collect();
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_deploymap"))
        .arg("validate")
        .arg(&fixture)
        .output()
        .unwrap_or_else(|e| panic!("{e}"));
    let printed = String::from_utf8_lossy(&output.stdout);
    let validate: Vec<&str> = printed
        .lines()
        .filter(|line| line.starts_with(&*fixture.display().to_string()))
        .collect();
    assert_eq!(window.len(), 2, "{window:?}");
    assert_eq!(validate.len(), window.len(), "{printed}");
    for (line, message) in validate.iter().zip(&window) {
        assert!(line.ends_with(message.as_str()), "{line} vs {message}");
    }
    assert!(window[0].contains("has no source"), "{}", window[0]);
    assert!(window[1].contains("overlap"), "{}", window[1]);
    // Marked in the toolbar and, for the selected force, in the inspector.
    harness.get_by_label("2 problem(s)");
    harness.state_mut().push_command(AppCommand::Select(Some(
        deploymap::selection::Selection::Force(0),
    )));
    harness.run_steps(2);
    harness.get_by_label(&format!("Problem: {}", window[0]));
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn a_site_dragged_in_edit_mode_moves_and_the_move_undoes() {
    let dir = scratch("drag");
    let mut harness = empty_window(dir.join("data"));
    harness.key_press(Key::F2);
    harness.run_steps(2);
    let map = harness.state().map_rect();
    click_at(&mut harness, map.center());
    harness.get_by_label("Close window").click();
    harness.run_steps(2);
    let placed = harness.state().scenario().sites[0].position;

    // The new site is selected, so the inspector opens and the map narrows; the map keeps the
    // place at its centre, so the site is now drawn at the centre of the narrower map.
    let narrowed = harness.state().map_rect();
    assert!(narrowed.width() < map.width(), "{map:?} → {narrowed:?}");
    let from = narrowed.center();
    let to = from + egui::vec2(120.0, -80.0);
    harness.hover_at(from);
    harness.run_steps(1);
    harness.drag_at(from);
    harness.run_steps(2);
    for step in 1..=6 {
        harness.hover_at(from + (to - from) * (step as f32 / 6.0));
        harness.run_steps(1);
    }
    harness.drop_at(to);
    harness.run_steps(2);
    let app = harness.state();
    assert_eq!(app.scenario().sites.len(), 1, "a drag adds nothing");
    let moved = app.scenario().sites[0].position;
    assert!(
        moved.x() > placed.x() && moved.y() > placed.y(),
        "{placed:?} → {moved:?}"
    );
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    harness.run_steps(2);
    assert_eq!(harness.state().scenario().sites[0].position, placed);
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn the_first_edit_of_the_built_in_scenario_says_it_is_saved_as_a_copy() {
    let dir = scratch("built-in");
    let data_dir = dir.join("data");
    let layer = DataLayer::built_in().unwrap_or_else(|e| panic!("{e}"));
    let mut harness = Harness::builder()
        .with_size(egui::vec2(1400.0, 860.0))
        .with_theme(egui::Theme::Light)
        .wgpu()
        .build_eframe(move |cc| {
            DeployApp::new(cc, vec![layer], None)
                .with_native_dialogs(false)
                .with_data_dir(data_dir)
        });
    harness.run_steps(4);
    let sites = harness.state().scenario().sites.len();
    harness.get_by_label("Edit  (F2)").click();
    harness.run_steps(2);
    assert!(harness.state().edit_mode());
    assert!(
        harness
            .query_by_label("The built-in scenario is read-only")
            .is_none()
    );
    harness
        .state_mut()
        .push_command(AppCommand::Editing(EditCommand::AddForce));
    harness.run_steps(3);
    assert_eq!(harness.state().scenario().sites.len(), sites);
    harness.get_by_label("The built-in scenario is read-only");
    assert_eq!(harness.state().save_path(), None, "Save will ask where");
    harness.get_by_label("Later (Save asks where)").click();
    harness.run_steps(2);
    harness.key_press_modifiers(Modifiers::COMMAND, Key::S);
    harness.run_steps(3);
    harness.get_by_label("Save the scenario as");
    std::fs::remove_dir_all(&dir).ok();
}
