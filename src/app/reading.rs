//! What the app shows to its callers (the window tests, the command line): read-only views of
//! its state, and the few ways in that go through the same commands as the panels.

use super::DeployApp;
use crate::data_layers::DataLayer;
use crate::export::SnapshotSpec;
use crate::io::Problem;
use crate::map::{Furniture, LayerVisibility, MapView};
use crate::model::{DisplayZone, Scenario};
use crate::selection::Selection;
use crate::timeline::{Playback, PlaybackCommand, TimelineView};
use crate::ui::AppCommand;

impl DeployApp {
    /// The scenario shown.
    pub fn scenario(&self) -> &Scenario {
        &self.scenario
    }

    /// The playback state.
    pub fn playback(&self) -> &Playback {
        &self.playback
    }

    /// Whether times are shown in UTC or the scenario's local time.
    pub fn display_zone(&self) -> DisplayZone {
        self.display_zone
    }

    /// The map's view.
    pub fn map_view(&self) -> &MapView {
        &self.map
    }

    /// What is selected.
    pub fn selected(&self) -> Option<Selection> {
        self.selected
    }

    /// Problems of the last load.
    pub fn problems(&self) -> &[Problem] {
        &self.problems
    }

    /// Where the map was drawn in the last frame, in points.
    pub fn map_rect(&self) -> egui::Rect {
        self.map_rect
    }

    /// The data layers.
    pub fn data_layers(&self) -> &[DataLayer] {
        &self.data_layers
    }

    /// Which marks and factions the map draws.
    pub fn layer_visibility(&self) -> &LayerVisibility {
        &self.layers
    }

    /// The span of time the timeline shows.
    pub fn timeline_view(&self) -> TimelineView {
        self.timeline_view
    }

    /// Whether the ruler tool is on.
    pub fn measuring(&self) -> bool {
        self.measuring
    }

    /// Light or dark.
    pub fn theme(&self) -> crate::theme::Theme {
        self.theme
    }

    /// Whether the keyboard help is open.
    pub fn help_shown(&self) -> bool {
        self.show_help
    }

    /// Queues a command, applied with the panels' at the end of the next frame.
    pub fn push_command(&mut self, command: AppCommand) {
        self.queued.push(command);
    }

    /// Changes the playback as a widget would.
    pub fn apply_playback(&mut self, command: PlaybackCommand) {
        self.playback.apply(command, &self.event_starts);
    }

    /// Selects something as a click on the map would.
    pub fn select(&mut self, selection: Option<Selection>) {
        self.selected = selection;
    }

    /// A picture of the map exactly as it is on screen: the same view, size, layers and time.
    pub fn current_view_spec(&self, pixels_per_point: f32, furniture: Furniture) -> SnapshotSpec {
        SnapshotSpec::on_screen(
            self.map_rect.size(),
            pixels_per_point,
            self.map.view(),
            &self.layers,
            furniture,
        )
    }
}
