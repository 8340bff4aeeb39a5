//! The menu bar: File and Help.

use crate::app::{AppCommand, DeployApp};
use crate::ui::ExportKind;

/// The top bar with the menus and the scenario's title.
pub fn menu_bar_ui(ui: &mut egui::Ui, app: &mut DeployApp, commands: &mut Vec<AppCommand>) {
    egui::Panel::top("menu").show(ui, |ui| {
        egui::MenuBar::new().ui(ui, |ui| {
            ui.menu_button("File", |ui| {
                if ui.button("Open files…  (Ctrl+O)").clicked() {
                    commands.push(AppCommand::OpenDialog);
                }
                ui.menu_button("Open recent", |ui| {
                    if app.recent.is_empty() {
                        ui.weak("Nothing opened yet");
                    }
                    for paths in &app.recent {
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
                let can_reload = app.data_layers.iter().any(|layer| !layer.is_built_in());
                if ui
                    .add_enabled(can_reload, egui::Button::new("Reload  (F5)"))
                    .clicked()
                {
                    commands.push(AppCommand::Reload);
                }
                ui.separator();
                if ui.button("Export snapshot…  (Ctrl+E)").clicked() {
                    commands.push(AppCommand::OpenExportDialog(ExportKind::Snapshot));
                }
                if ui.button("Export animation…").clicked() {
                    commands.push(AppCommand::OpenExportDialog(ExportKind::Animation));
                }
                ui.separator();
                if ui.button("Open basemap (.pmtiles)…").clicked() {
                    commands.push(AppCommand::OpenBasemapDialog);
                }
                let custom_basemap = app.map.basemap.as_ref().is_some_and(|b| !b.is_embedded());
                if ui
                    .add_enabled(
                        custom_basemap,
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
                if app.scenario.meta.bookmarks.is_empty() {
                    ui.label("This scenario has no story moments.");
                }
                for (index, bookmark) in app.scenario.meta.bookmarks.iter().enumerate().take(9) {
                    if ui
                        .button(format!("{}  {}", index + 1, bookmark.title))
                        .clicked()
                    {
                        commands.push(AppCommand::Bookmark(index));
                    }
                }
            });
            ui.menu_button("Help", |ui| {
                if ui.button("Keyboard and mouse  (F1)").clicked() {
                    app.show_help = true;
                }
            });
            ui.separator();
            let title = app.scenario.meta.title.clone().unwrap_or_else(|| {
                app.data_layers
                    .iter()
                    .filter(|layer| layer.visible)
                    .map(|layer| layer.label.clone())
                    .collect::<Vec<_>>()
                    .join(" + ")
            });
            ui.strong(title);
        });
    });
}
