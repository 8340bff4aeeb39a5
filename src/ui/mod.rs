//! Panels and widgets. They read the app's state and push [`crate::app::AppCommand`]s; the app
//! applies them at the end of the frame.

mod event_list;
mod export_dialog;
mod inspector;
mod layers_panel;
mod menu_bar;
mod overlays;
pub mod theme;
mod timeline_panel;
mod windows;

pub use export_dialog::{ExportDialog, ExportKind, export_windows_ui};
pub use menu_bar::menu_bar_ui;
pub use overlays::map_overlays_ui;
pub use timeline_panel::{TimelineView, timeline_panel_ui};
pub use windows::windows_ui;

use crate::app::{AppCommand, DeployApp};

/// The left panel (layers and events) and the right panel (inspector).
pub fn side_panels_ui(ui: &mut egui::Ui, app: &mut DeployApp, commands: &mut Vec<AppCommand>) {
    egui::Panel::left("events")
        .resizable(true)
        .default_size(270.0)
        .show(ui, |ui| {
            layers_panel::data_layers_ui(ui, app, commands);
            layers_panel::layers_ui(ui, app);
            ui.separator();
            event_list::event_list_ui(ui, app, commands);
        });
    egui::Panel::right("inspector")
        .resizable(true)
        .default_size(290.0)
        .show(ui, |ui| inspector::inspector_ui(ui, app, commands));
}
