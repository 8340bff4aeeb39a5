//! What the window remembers across restarts: the view, time, speed and layers for the same
//! data, the basemap the user chose and the files opened recently.

use super::DeployApp;
use crate::data_layers::DataLayer;
use crate::map::LayerVisibility;
use crate::model::{GeoView, UnixSecs};
use crate::timeline::TimelineView;
use crate::timeline::{LoopMode, PlaybackCommand};
use std::path::PathBuf;

/// The storage key of the basemap the user chose, kept apart from the per-scenario memory.
const BASEMAP_KEY: &str = "basemap_path";
/// The storage key of the recently opened files.
const RECENT_KEY: &str = "recent_files";
/// The storage key of the clock's zone (UTC or the scenario's local time), for every scenario.
const DISPLAY_ZONE_KEY: &str = "display_zone";

/// What is remembered across restarts.
#[derive(Clone, Debug, serde::Serialize, serde::Deserialize)]
struct Remembered {
    /// Which scenario the rest belongs to.
    scenario_key: String,
    view: GeoView,
    time: UnixSecs,
    speed_secs_per_sec: f64,
    loop_mode: LoopMode,
    layers: LayerVisibility,
}

/// Which data the remembered view and time belong to.
fn layers_key(layers: &[DataLayer]) -> String {
    layers
        .iter()
        .map(|layer| {
            if layer.is_built_in() {
                "built-in".to_string()
            } else {
                layer
                    .paths
                    .iter()
                    .map(|p| p.display().to_string())
                    .collect::<Vec<_>>()
                    .join(";")
            }
        })
        .collect::<Vec<_>>()
        .join("|")
}

/// The basemap the user chose last time, if any.
pub(super) fn remembered_basemap(storage: Option<&dyn eframe::Storage>) -> Option<PathBuf> {
    storage.and_then(|storage| eframe::get_value(storage, BASEMAP_KEY))
}

impl DeployApp {
    /// Takes back what was remembered for the same data: view, time, speed, loop and layers,
    /// and the recently opened files.
    pub(super) fn restore(&mut self, storage: Option<&dyn eframe::Storage>) {
        let Some(storage) = storage else {
            return;
        };
        self.recent = eframe::get_value(storage, RECENT_KEY).unwrap_or_default();
        self.display_zone = eframe::get_value(storage, DISPLAY_ZONE_KEY).unwrap_or_default();
        let key = layers_key(&self.data_layers);
        let Some(remembered) = eframe::get_value::<Remembered>(storage, eframe::APP_KEY)
            .filter(|remembered| remembered.scenario_key == key)
        else {
            return;
        };
        self.map.set_view(remembered.view);
        self.playback
            .apply(PlaybackCommand::SetTime(remembered.time), &[]);
        self.playback.apply(
            PlaybackCommand::SetSpeed(remembered.speed_secs_per_sec),
            &[],
        );
        self.playback.loop_mode = remembered.loop_mode;
        self.layers = remembered.layers;
        self.timeline_view = TimelineView::around(self.playback.cursor, self.playback.range);
    }

    /// Writes what [`Self::restore`] reads.
    pub(super) fn remember(&self, storage: &mut dyn eframe::Storage) {
        let remembered = Remembered {
            scenario_key: layers_key(&self.data_layers),
            view: self.map.view(),
            time: self.playback.cursor,
            speed_secs_per_sec: self.playback.speed_secs_per_sec,
            loop_mode: self.playback.loop_mode,
            layers: self.layers.clone(),
        };
        eframe::set_value(storage, eframe::APP_KEY, &remembered);
        eframe::set_value(storage, BASEMAP_KEY, &self.custom_basemap_path());
        eframe::set_value(storage, RECENT_KEY, &self.recent);
        eframe::set_value(storage, DISPLAY_ZONE_KEY, &self.display_zone);
    }
}
