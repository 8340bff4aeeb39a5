//! The menu bar: File, Go to, View and Help, the scenario's title and the story's controls.

use crate::geodesy::LengthUnit;
use crate::model::Bookmark;
use crate::ui::command::{AppCommand, ExportKind};
use crate::ui::edit::EditCommand;
use std::path::PathBuf;

/// What the menu bar shows.
pub struct MenuBarView<'a> {
    /// Files opened before, newest first.
    pub recent: &'a [Vec<PathBuf>],
    /// Whether any layer comes from files that can be read again.
    pub can_reload: bool,
    /// Whether the basemap is a file the user chose rather than the built-in one.
    pub custom_basemap: bool,
    /// The story moments of the scenario.
    pub bookmarks: &'a [Bookmark],
    /// The scenario's title, or the names of the visible layers.
    pub title: String,
    /// Whether the scenario has a story to export.
    pub has_story: bool,
    /// The chapters of the story the window plays.
    pub chapters: &'a [crate::model::Chapter],
    /// Whether the scenario has unsaved changes.
    pub unsaved: bool,
    /// Whether edit mode is on.
    pub edit_mode: bool,
    /// Whether the ruler tool is on.
    pub measuring: bool,
    /// The unit the ruler writes lengths in.
    pub ruler_unit: LengthUnit,
    /// The ruler's length and bearing, once it has a leg.
    pub ruler_readout: Option<String>,
    /// The story's controls at the right end of the bar.
    pub story: crate::ui::StoryCardView<'a>,
    /// Light or dark.
    pub theme: crate::theme::Theme,
    /// Whether the left panel (data, legend and events) is shown.
    pub side_panel_open: bool,
    /// Whether OpenStreetMap's online tiles are drawn.
    pub online_basemap: bool,
}

/// The top bar with the menus and the scenario's title.
pub fn menu_bar_ui(ui: &mut egui::Ui, view: &MenuBarView<'_>, commands: &mut Vec<AppCommand>) {
    egui::Panel::top("menu").show(ui, |ui| {
        egui::MenuBar::new().ui(ui, |ui| {
            ui.menu_button("File", |ui| {
                if ui.button("New scenario").clicked() {
                    commands.push(AppCommand::Editing(EditCommand::NewScenario));
                }
                if ui.button("Open files…  (Ctrl+O)").clicked() {
                    commands.push(AppCommand::OpenDialog);
                }
                ui.menu_button("Open recent", |ui| {
                    if view.recent.is_empty() {
                        ui.weak("Nothing opened yet");
                    }
                    for paths in view.recent {
                        let label = paths
                            .iter()
                            .map(|p| p.display().to_string())
                            .collect::<Vec<_>>()
                            .join(", ");
                        if ui.button(label).clicked() {
                            commands.push(AppCommand::OpenFiles(paths.clone()));
                        }
                    }
                });
                if ui.button("Open database…").clicked() {
                    commands.push(AppCommand::OpenDatabaseDialog);
                }
                if ui
                    .add_enabled(view.can_reload, egui::Button::new("Reload  (F5)"))
                    .clicked()
                {
                    commands.push(AppCommand::Reload);
                }
                ui.separator();
                if ui.button("Save  (Ctrl+S)").clicked() {
                    commands.push(AppCommand::Editing(EditCommand::Save));
                }
                if ui.button("Save as…  (Ctrl+Shift+S)").clicked() {
                    commands.push(AppCommand::Editing(EditCommand::SaveAs));
                }
                ui.separator();
                if ui.button("Export snapshot…  (Ctrl+E)").clicked() {
                    commands.push(AppCommand::OpenExportDialog(ExportKind::Snapshot));
                }
                if ui.button("Export animation…  (Ctrl+Shift+E)").clicked() {
                    commands.push(AppCommand::OpenExportDialog(ExportKind::Animation));
                }
                if ui
                    .add_enabled(view.has_story, egui::Button::new("Export the story…"))
                    .clicked()
                {
                    commands.push(AppCommand::OpenExportDialog(ExportKind::Story));
                }
                ui.separator();
                if ui.button("Open basemap (.pmtiles)…").clicked() {
                    commands.push(AppCommand::OpenBasemapDialog);
                }
                if ui
                    .add_enabled(
                        view.custom_basemap,
                        egui::Button::new("Use the built-in basemap"),
                    )
                    .clicked()
                {
                    commands.push(AppCommand::UseBuiltInBasemap);
                }
                ui.separator();
                if ui.button("Quit").clicked() {
                    ui.ctx().send_viewport_cmd(egui::ViewportCommand::Close);
                }
            });
            ui.menu_button("Go to", |ui| {
                for (index, chapter) in view.chapters.iter().enumerate().take(9) {
                    if ui
                        .button(format!("{}  {}", index + 1, chapter.title))
                        .clicked()
                    {
                        commands.push(AppCommand::GoToChapter(index));
                    }
                }
                if !view.chapters.is_empty() && !view.bookmarks.is_empty() {
                    ui.separator();
                }
                if view.bookmarks.is_empty() && view.chapters.is_empty() {
                    ui.label("This scenario has no story.");
                }
                for (index, bookmark) in view.bookmarks.iter().enumerate().take(9) {
                    // The number keys go to the chapters when there is a story.
                    let label = if view.chapters.is_empty() {
                        format!("{}  {}", index + 1, bookmark.title)
                    } else {
                        bookmark.title.clone()
                    };
                    if ui.button(label).clicked() {
                        commands.push(AppCommand::Bookmark(index));
                    }
                }
            });
            view_menu_ui(ui, view, commands);
            ui.menu_button("Help", |ui| {
                if ui.button("Keyboard and mouse  (F1)").clicked() {
                    commands.push(AppCommand::ShowHelp(true));
                }
            });
            crate::ui::edit::edit_switch_ui(ui, view.edit_mode, commands);
            ui.separator();
            ruler_tools_ui(ui, view, commands);
            ui.separator();
            ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                crate::ui::story_bar_ui(ui, &view.story, commands);
                let title = if view.unsaved {
                    format!("• {}", view.title)
                } else {
                    view.title.clone()
                };
                ui.add(egui::Label::new(egui::RichText::new(title).strong()).truncate());
            });
        });
    });
}

/// The ruler's switch, its unit and what it measures.
fn ruler_tools_ui(ui: &mut egui::Ui, view: &MenuBarView<'_>, commands: &mut Vec<AppCommand>) {
    if ui
        .selectable_label(view.measuring, "Measure (M)")
        .on_hover_text(
            "Click points on the map, or a site or unit to measure from it wherever it is; Esc clears",
        )
        .clicked()
    {
        commands.push(AppCommand::SetMeasuring(!view.measuring));
    }
    if !view.measuring && view.ruler_readout.is_none() {
        return;
    }
    let mut unit = view.ruler_unit;
    egui::ComboBox::from_id_salt("ruler unit")
        .selected_text(unit.symbol())
        .width(50.0)
        .show_ui(ui, |ui| {
            for choice in [
                LengthUnit::Kilometres,
                LengthUnit::NauticalMiles,
                LengthUnit::Miles,
            ] {
                ui.selectable_value(&mut unit, choice, choice.symbol());
            }
        });
    if unit != view.ruler_unit {
        commands.push(AppCommand::SetRulerUnit(unit));
    }
    match &view.ruler_readout {
        Some(readout) => {
            ui.label(format!("Measured: {readout}"));
        }
        None => {
            ui.weak("Click two or more points on the map");
        }
    }
}

/// The View menu: the left panel and dark mode.
fn view_menu_ui(ui: &mut egui::Ui, view: &MenuBarView<'_>, commands: &mut Vec<AppCommand>) {
    ui.menu_button("View", |ui| {
        let mut side_panel = view.side_panel_open;
        if ui
            .checkbox(&mut side_panel, "Data, legend and events panel")
            .on_hover_text("The panel on the left; drag its edge to resize it or shut it")
            .changed()
        {
            commands.push(AppCommand::ShowSidePanel(side_panel));
        }
        let mut dark = view.theme == crate::theme::Theme::Dark;
        if ui
            .checkbox(&mut dark, "Dark mode  (Ctrl+D)")
            .on_hover_text("Dark panels and a dark basemap; exports follow (remembered)")
            .changed()
        {
            commands.push(AppCommand::SetTheme(if dark {
                crate::theme::Theme::Dark
            } else {
                crate::theme::Theme::Light
            }));
        }
        ui.separator();
        let mut online = view.online_basemap;
        if ui
            .checkbox(&mut online, "OpenStreetMap tiles (online)")
            .on_hover_text(
                "Download OpenStreetMap's map for the view (only the tiles in view, kept in \
                 your cache folder). Off: the built-in map, which needs no network. Exports \
                 always use the built-in or your own basemap.",
            )
            .changed()
        {
            commands.push(AppCommand::SetOnlineBasemap(online));
        }
    });
}
