//! The window's layout on a laptop screen (1280×800), rendered through wgpu: the map gets most
//! of the window, the event list shows at least eight events, and opening a legend section never
//! pushes the list off screen.

use deploymap::DeployApp;
use deploymap::data_layers::DataLayer;
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT as _, Queryable as _};

fn harness_at(width: f32, height: f32) -> Harness<'static, DeployApp> {
    let layer = DataLayer::built_in().unwrap_or_else(|e| panic!("{e}"));
    let mut harness = Harness::builder()
        .with_size(egui::vec2(width, height))
        .with_theme(egui::Theme::Light)
        .wgpu()
        .build_eframe(move |cc| DeployApp::new(cc, vec![layer], None));
    harness.run_steps(4);
    harness
}

/// How many event rows lie whole between the "Events" heading and the bottom of the side
/// panel (the top of the timeline), where the list's scroll area shows them. A row's title may
/// be cut short with "…", so rows are found by the start of their titles and counted once each.
fn visible_event_rows(harness: &Harness<'_, DeployApp>) -> usize {
    // The heading, not the "Events" switch of the legend above it.
    let heading = harness
        .get_all_by_label("Events")
        .map(|node| node.rect())
        .max_by(|a, b| a.top().total_cmp(&b.top()))
        .unwrap_or(egui::Rect::NOTHING);
    let bottom = harness.state().map_rect().bottom();
    let mut row_tops: Vec<i64> = Vec::new();
    for event in &harness.state().scenario().events {
        let prefix: String = event.title.chars().take(10).collect();
        for node in harness.query_all_by_label_contains(&prefix) {
            let rect = node.rect();
            // egui gives a label's text as the node's value.
            let label = node
                .accesskit_node()
                .label()
                .or_else(|| node.accesskit_node().value())
                .unwrap_or_default();
            let is_title = label == event.title
                || label
                    .strip_suffix('…')
                    .is_some_and(|shown| event.title.starts_with(shown.trim_end()));
            if is_title && rect.top() >= heading.bottom() && rect.bottom() <= bottom {
                row_tops.push(rect.top().round() as i64);
            }
        }
    }
    row_tops.sort_unstable();
    row_tops.dedup();
    row_tops.len()
}

fn save(harness: &mut Harness<'_, DeployApp>, name: &str) {
    if let Ok(dir) = std::env::var("DEPLOYMAP_LAYOUT_SHOTS")
        && let Ok(image) = harness.render()
    {
        let _ = image.save(std::path::Path::new(&dir).join(name));
    }
}

#[test]
fn at_1280_by_800_the_map_takes_most_of_the_window_and_eight_events_show() {
    let mut harness = harness_at(1280.0, 800.0);
    // The window settles: nothing asks for frames forever once the basemap is in.
    harness.run();
    save(&mut harness, "layout-1280.png");
    let map = harness.state().map_rect();
    let share = map.area() / (1280.0 * 800.0);
    assert!(
        share >= 0.6,
        "the map has {:.0} % of the window ({map:?})",
        share * 100.0
    );
    let rows = visible_event_rows(&harness);
    assert!(rows >= 8, "only {rows} event rows are visible");
}

#[test]
fn at_1600_by_1000_with_something_selected_the_map_still_has_most_of_the_window() {
    let mut harness = harness_at(1600.0, 1000.0);
    harness
        .state_mut()
        .select(Some(deploymap::selection::Selection::Site(0)));
    harness.run_steps(4);
    save(&mut harness, "layout-1600-selected.png");
    harness.get_by_label("Inspector");
    let share = harness.state().map_rect().area() / (1600.0 * 1000.0);
    assert!(
        share >= 0.5,
        "the map has {:.0} % of the window",
        share * 100.0
    );
    let rows = visible_event_rows(&harness);
    assert!(rows >= 8, "only {rows} event rows are visible");
}

#[test]
fn opening_the_symbols_legend_keeps_the_event_list_on_screen() {
    let mut harness = harness_at(1280.0, 800.0);
    harness.get_by_label("Symbols").click();
    harness.run_steps(4);
    save(&mut harness, "layout-1280-symbols.png");
    // The legend opened: its rows are laid out.
    harness.get_by_label("APP-6 unit symbols");
    let rows = visible_event_rows(&harness);
    assert!(
        rows >= 8,
        "with the legend open only {rows} event rows are visible"
    );
}

#[test]
fn ctrl_d_and_the_view_menu_switch_dark_mode_on_and_off() {
    let mut harness = harness_at(1280.0, 800.0);
    assert_eq!(harness.state().theme(), deploymap::theme::Theme::Light);
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::D);
    harness.run_steps(3);
    assert_eq!(harness.state().theme(), deploymap::theme::Theme::Dark);
    assert_eq!(harness.ctx.theme(), egui::Theme::Dark);
    save(&mut harness, "layout-1280-dark.png");
    harness.get_by_label("View").click();
    harness.run_steps(2);
    harness.get_by_label("Dark mode  (Ctrl+D)").click();
    harness.run_steps(3);
    assert_eq!(harness.state().theme(), deploymap::theme::Theme::Light);
    assert_eq!(harness.ctx.theme(), egui::Theme::Light);
}
