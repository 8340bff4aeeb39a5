//! Panels and widgets. Each takes a read-only view of what it shows and pushes
//! [`AppCommand`]s; the app applies them at the end of the frame. Nothing here changes the
//! app's state, and nothing here knows the app: the app imports this module, never the other way.

mod command;
mod database_dialog;
pub mod edit;
mod edit_command;
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
mod timeline_lanes;
mod timeline_panel;
mod windows;

pub use command::{AppCommand, ExportKind, ExportProgress, FilePurpose, LoadProgress};
pub use database_dialog::{DatabaseDialog, database_dialog_ui};
pub use event_list::EventListView;
pub use export_dialog::{ExportDialog, ExportView, export_windows_ui, free_export_path};
pub use file_dialog::{InAppFileDialog, file_dialog_ui};
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
///
/// The left panel can be resized, dragged shut (a thin handle stays to drag it open) or switched
/// in the View menu; `side_panel_open` is the app's remembered choice, and a change made by
/// dragging is pushed as [`AppCommand::ShowSidePanel`]. Inside it, the data and legend sections
/// sit in their own resizable, scrolling part, so opening one never pushes the event list off
/// screen. The inspector is drawn only while something is selected, so the map gets its width
/// the rest of the time.
pub fn side_panels_ui(
    ui: &mut egui::Ui,
    view: &SidePanelsView<'_>,
    side_panel_open: bool,
    commands: &mut Vec<AppCommand>,
) {
    let mut open = side_panel_open;
    egui::Panel::left("events")
        .resizable(true)
        .default_size(SIDE_PANEL_WIDTH_POINTS)
        .size_range(160.0..=480.0)
        .show_collapsible(ui, &mut open, |ui| {
            let legend_max = (ui.available_height() * 0.6).max(80.0);
            egui::Panel::top("layers and legend")
                .resizable(true)
                .default_size(LEGEND_HEIGHT_POINTS.min(legend_max))
                .size_range(60.0..=legend_max)
                .show(ui, |ui| {
                    egui::ScrollArea::vertical()
                        .auto_shrink([false, false])
                        .show(ui, |ui| {
                            layers_panel::data_layers_ui(ui, &view.data_layers, commands);
                            layers_panel::layers_ui(ui, view.scenario, view.layers, commands);
                        });
                });
            event_list::event_list_ui(ui, &view.event_list, commands);
        });
    if open != side_panel_open {
        commands.push(AppCommand::ShowSidePanel(open));
    }
    if view.inspector.selected.is_some() {
        egui::Panel::right("inspector")
            .resizable(true)
            .default_size(290.0)
            .size_range(200.0..=560.0)
            .show(ui, |ui| {
                inspector::inspector_ui(ui, &view.inspector, commands)
            });
    }
}

/// The left panel's width at first start, in points.
const SIDE_PANEL_WIDTH_POINTS: f32 = 240.0;
/// The height of the data and legend part of the left panel at first start, in points.
const LEGEND_HEIGHT_POINTS: f32 = 230.0;
