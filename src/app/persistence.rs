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
/// The storage key of light or dark.
const THEME_KEY: &str = "theme";
/// The storage key of whether the left panel is shown.
const SIDE_PANEL_KEY: &str = "side_panel_open";
/// The storage key of whether OpenStreetMap's online tiles are drawn.
const ONLINE_BASEMAP_KEY: &str = "online_basemap";

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

/// The basemap the user chose last time, if any. It is stored as an `Option` (none for the
/// built-in one), so it is read back as one: read as a bare path, a stored `Some(…)` did not
/// parse and the choice was lost at every start.
pub(super) fn remembered_basemap(storage: Option<&dyn eframe::Storage>) -> Option<PathBuf> {
    storage
        .and_then(|storage| eframe::get_value::<Option<PathBuf>>(storage, BASEMAP_KEY))
        .flatten()
}

/// Light or dark, as the user left it (light at first).
pub(super) fn remembered_theme(storage: Option<&dyn eframe::Storage>) -> crate::theme::Theme {
    storage
        .and_then(|storage| eframe::get_value(storage, THEME_KEY))
        .unwrap_or_default()
}

impl DeployApp {
    /// Opens the basemap at start: `given` (from the command line) if any, else the one used
    /// last time, else the built-in one. When last time's file cannot be used any more, the
    /// problems window says so and why, and the built-in basemap is shown.
    pub(super) fn open_basemap_at_start(
        &mut self,
        ctx: &egui::Context,
        storage: Option<&dyn eframe::Storage>,
        given: Option<PathBuf>,
    ) {
        let remembered = remembered_basemap(storage);
        let from_last_time = given.is_none() && remembered.is_some();
        self.set_basemap(ctx, given.or(remembered));
        if from_last_time
            && self.custom_basemap_path().is_none()
            && let Some(problem) = self.problems.last_mut()
        {
            problem.message = format!("was the basemap last time, but now {}", problem.message);
        }
    }

    /// Takes back what was remembered for the same data: view, time, speed, loop and layers,
    /// and the recently opened files.
    pub(super) fn restore(&mut self, storage: Option<&dyn eframe::Storage>) {
        let Some(storage) = storage else {
            return;
        };
        self.recent = eframe::get_value(storage, RECENT_KEY).unwrap_or_default();
        self.display_zone = eframe::get_value(storage, DISPLAY_ZONE_KEY).unwrap_or_default();
        self.theme = remembered_theme(Some(storage));
        self.side_panel_open = eframe::get_value(storage, SIDE_PANEL_KEY).unwrap_or(true);
        self.online_basemap = eframe::get_value(storage, ONLINE_BASEMAP_KEY).unwrap_or(false);
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
            layers: self.user_layer_visibility().clone(),
        };
        eframe::set_value(storage, eframe::APP_KEY, &remembered);
        eframe::set_value(storage, BASEMAP_KEY, &self.custom_basemap_path());
        eframe::set_value(storage, RECENT_KEY, &self.recent);
        eframe::set_value(storage, DISPLAY_ZONE_KEY, &self.display_zone);
        eframe::set_value(storage, THEME_KEY, &self.theme);
        eframe::set_value(storage, SIDE_PANEL_KEY, &self.side_panel_open);
        eframe::set_value(storage, ONLINE_BASEMAP_KEY, &self.online_basemap);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    /// eframe's storage in memory, as RON strings like the real one.
    #[derive(Default)]
    struct MemoryStorage(HashMap<String, String>);

    impl eframe::Storage for MemoryStorage {
        fn get_string(&self, key: &str) -> Option<String> {
            self.0.get(key).cloned()
        }
        fn set_string(&mut self, key: &str, value: String) {
            self.0.insert(key.to_string(), value);
        }
        fn remove_string(&mut self, key: &str) {
            self.0.remove(key);
        }
        fn flush(&mut self) {}
    }

    fn app() -> DeployApp {
        let layer = DataLayer::built_in().unwrap_or_else(|e| panic!("{e}"));
        DeployApp::from_layers(
            vec![layer],
            crate::map::MapView::new(GeoView::FALLBACK, None),
        )
    }

    #[test]
    fn a_basemap_chosen_last_time_is_opened_at_the_next_start() {
        let ctx = egui::Context::default();
        let basemap = crate::map::cached_embedded_archive().unwrap_or_else(|e| panic!("{e}"));
        let mut first = app();
        first.set_basemap(&ctx, Some(basemap.clone()));
        assert_eq!(first.custom_basemap_path(), Some(basemap.as_path()));
        let mut storage = MemoryStorage::default();
        first.remember(&mut storage);

        let mut next = app();
        next.open_basemap_at_start(&ctx, Some(&storage), None);
        assert_eq!(next.custom_basemap_path(), Some(basemap.as_path()));
        assert!(next.problems.is_empty(), "{:?}", next.problems);
    }

    #[test]
    fn a_remembered_basemap_that_is_gone_is_explained_and_the_built_in_one_shown() {
        let ctx = egui::Context::default();
        let gone = std::env::temp_dir().join("deploymap-no-such-basemap.pmtiles");
        let mut storage = MemoryStorage::default();
        eframe::set_value(&mut storage, BASEMAP_KEY, &Some(gone.clone()));
        let mut app = app();
        app.open_basemap_at_start(&ctx, Some(&storage), None);
        assert_eq!(app.custom_basemap_path(), None);
        assert!(app.map.basemap.as_ref().is_some_and(|b| b.is_embedded()));
        let problem = app
            .problems
            .last()
            .unwrap_or_else(|| panic!("no problem shown"));
        assert_eq!(problem.file, gone.display().to_string());
        assert!(
            problem
                .message
                .starts_with("was the basemap last time, but now cannot be used"),
            "{}",
            problem.message
        );
    }

    #[test]
    fn the_theme_and_the_side_panel_are_remembered() {
        let mut first = app();
        first.theme = crate::theme::Theme::Dark;
        first.side_panel_open = false;
        let mut storage = MemoryStorage::default();
        first.remember(&mut storage);
        let mut next = app();
        next.restore(Some(&storage));
        assert_eq!(next.theme, crate::theme::Theme::Dark);
        assert!(!next.side_panel_open);
        assert_eq!(remembered_theme(Some(&storage)), crate::theme::Theme::Dark);
    }
}
