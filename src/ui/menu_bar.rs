//! The menu bar: File and Help.

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
            ui.menu_button("Help", |ui| {
                if ui.button("Keyboard and mouse  (F1)").clicked() {
                    commands.push(AppCommand::ShowHelp(true));
                }
            });
            crate::ui::edit::edit_switch_ui(ui, view.edit_mode, commands);
            ui.separator();
            if view.unsaved {
                ui.strong(format!("• {}", view.title));
            } else {
                ui.strong(view.title.as_str());
            }
        });
    });
}
