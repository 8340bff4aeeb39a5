//! Panels and widgets. Each takes a read-only view of what it shows and pushes
//! [`AppCommand`]s; the app applies them at the end of the frame. Nothing here changes the
//! app's state, and nothing here knows the app: the app imports this module, never the other way.

mod command;
pub mod edit;
mod event_list;
mod export_dialog;
mod file_dialog;
mod find_panel;
mod inspector;
mod layers_panel;
mod menu_bar;
mod overlays;
mod range_rings_box;
mod sources;
mod story_card;
mod timeline_panel;
mod windows;

pub use command::{AppCommand, ExportKind, ExportProgress, LoadProgress};
pub use event_list::EventListView;
pub use export_dialog::{ExportDialog, ExportView, export_windows_ui, free_export_path};
pub use file_dialog::{FilePurpose, InAppFileDialog, file_dialog_ui};
pub use find_panel::find_ui;
pub use inspector::InspectorView;
pub use layers_panel::DataLayersView;
pub use menu_bar::{MenuBarView, menu_bar_ui};
pub use overlays::map_overlays_ui;
pub use story_card::{StoryCardView, story_bar_ui, story_card_ui};
pub use timeline_panel::{TimelinePanelView, timeline_panel_ui};
pub use windows::{NumberKeyTarget, NumberKeys, WindowsView, windows_ui};

use crate::map::LayerVisibility;
use crate::model::Scenario;

/// What the side panels show.
pub struct SidePanelsView<'a> {
    /// The opened files and the read in progress.
    pub data_layers: DataLayersView<'a>,
    /// The scenario shown, for the faction switches of the legend.
    pub scenario: &'a Scenario,
    /// Which marks the map draws.
    pub layers: &'a LayerVisibility,
    /// The event list.
    pub event_list: EventListView<'a>,
    /// The inspector.
    pub inspector: InspectorView<'a>,
}

/// The left panel (layers and events) and the right panel (inspector).
pub fn side_panels_ui(
    ui: &mut egui::Ui,
    view: &SidePanelsView<'_>,
    commands: &mut Vec<AppCommand>,
) {
    egui::Panel::left("events")
        .resizable(true)
        .default_size(270.0)
        .show(ui, |ui| {
            layers_panel::data_layers_ui(ui, &view.data_layers, commands);
            layers_panel::layers_ui(ui, view.scenario, view.layers, commands);
            ui.separator();
            event_list::event_list_ui(ui, &view.event_list, commands);
        });
    egui::Panel::right("inspector")
        .resizable(true)
        .default_size(290.0)
        .show(ui, |ui| {
            inspector::inspector_ui(ui, &view.inspector, commands)
        });
}
