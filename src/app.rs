//! The window: owns the scenario, the playback and the UI state, and applies the commands the
//! panels emit once per frame.

use crate::data_layers::{DataLayer, LoadJob, LoadPurpose, joined};
use crate::export::{ExportJob, ExportRequest, SnapshotSpec};
use crate::io::{Problem, ReadOptions};
use crate::job::JobOutcome;
use crate::map::Furniture;
use crate::map::{Basemap, LayerVisibility, MapView, map_ui};
use crate::model::{GeoView, LonLat, Scenario, UnixSecs, state_at};
use crate::selection::Selection;
use crate::timeline::{LoopMode, Playback, PlaybackCommand};
use crate::ui::{self, ExportDialog, ExportKind, TimelineView};
use std::path::PathBuf;
use std::sync::Arc;

/// Where the map looks when a scenario has no default view: Syria.
pub const FALLBACK_VIEW: GeoView = GeoView {
    lon: 38.9,
    lat: 35.3,
    zoom: 6.5,
};

/// The map size a scenario without a view of its own is fitted to, in points.
pub const FIT_WIDTH_POINTS: f64 = 700.0;
/// See [`FIT_WIDTH_POINTS`].
pub const FIT_HEIGHT_POINTS: f64 = 550.0;

/// A change the UI asks for; applied at the end of the frame.
#[derive(Clone, Debug)]
pub enum AppCommand {
    /// Change the playback.
    Playback(PlaybackCommand),
    /// Select something, or clear the selection.
    Select(Option<Selection>),
    /// Select an event, move the time to it and the map to its place.
    FocusEvent(usize),
    /// Centre the map on a place.
    CenterOn(LonLat),
    /// Go to a story moment of the scenario header.
    Bookmark(usize),
    /// Ask for files to open.
    OpenDialog,
    /// Re-read the files the scenario came from.
    Reload,
    /// Close the problems window.
    DismissProblems,
    /// Read files in the background and add them as layers.
    OpenFiles(Vec<PathBuf>),
    /// Stop waiting for a background read.
    CancelLoad,
    /// Show or hide a data layer.
    ToggleLayer(usize),
    /// Remove a data layer.
    RemoveLayer(usize),
    /// Fit the map and the timeline to a data layer.
    ZoomToLayer(usize),
    /// Ask for a PMTiles file to use as the basemap.
    OpenBasemapDialog,
    /// Go back to the basemap compiled into the binary.
    UseBuiltInBasemap,
    /// Open the export dialog.
    OpenExportDialog(ExportKind),
    /// Start an export in the background.
    StartExport(Box<ExportRequest>),
}

/// The storage key of the basemap the user chose, kept apart from the per-scenario memory.
const BASEMAP_KEY: &str = "basemap_path";
/// The storage key of the recently opened files.
const RECENT_KEY: &str = "recent_files";
/// How many recent file sets the File menu offers.
const RECENT_MAX: usize = 8;
/// Seconds between looks at the opened files on disk.
const DISK_CHECK_SECS: f64 = 1.0;

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

/// The deploymap window.
pub struct DeployApp {
    /// The visible data layers joined; what everything draws from.
    pub(crate) scenario: Arc<Scenario>,
    /// The layers of data, in the order they were opened.
    pub(crate) data_layers: Vec<DataLayer>,
    /// A read running in the background.
    pub(crate) load_job: Option<LoadJob>,
    /// File layers waiting to be read again (F5, or changed on disk).
    reload_queue: Vec<usize>,
    /// When (in egui's seconds) to look at the files on disk next.
    next_disk_check: f64,
    /// Files opened before, newest first.
    pub(crate) recent: Vec<Vec<PathBuf>>,
    /// How files in other formats are read (which property joins points into tracks).
    pub read_options: ReadOptions,
    pub(crate) event_starts: Vec<UnixSecs>,
    pub(crate) playback: Playback,
    pub(crate) map: MapView,
    pub(crate) timeline_view: TimelineView,
    pub(crate) layers: LayerVisibility,
    pub(crate) selected: Option<Selection>,
    pub(crate) hovered: Option<Selection>,
    /// Problems of the last load, shown until dismissed.
    pub(crate) problems: Vec<Problem>,
    /// Whether the last load failed, so `problems` describe data that is not shown.
    pub(crate) last_load_failed: bool,
    pub(crate) goto_text: String,
    pub(crate) goto_error: Option<String>,
    pub(crate) show_help: bool,
    /// The event the list last scrolled to; the list scrolls again when the time moves past
    /// another event.
    pub(crate) event_list_anchor: Option<usize>,
    /// Why there is no basemap, when there is none.
    pub(crate) basemap_error: Option<String>,
    /// The export dialog, while open.
    pub(crate) export_dialog: Option<ExportDialog>,
    /// The export running in the background.
    pub(crate) export_job: Option<ExportJob>,
    /// What the last export did, until dismissed.
    pub(crate) export_notice: Option<String>,
    /// Where the map was drawn last frame, in points.
    map_rect: egui::Rect,
    commands: Vec<AppCommand>,
}

impl DeployApp {
    /// The window on `layers`, restoring what was remembered for the same data. The basemap is
    /// `basemap_path` if given, else the one the user chose last time, else the built-in one.
    pub fn new(
        cc: &eframe::CreationContext<'_>,
        layers: Vec<DataLayer>,
        basemap_path: Option<PathBuf>,
    ) -> Self {
        ui::theme::apply(&cc.egui_ctx);
        walkers::install_renderer(cc.wgpu_render_state.as_ref());
        let key = layers_key(&layers);
        let remembered: Option<Remembered> = cc
            .storage
            .and_then(|storage| eframe::get_value(storage, eframe::APP_KEY))
            .filter(|r: &Remembered| r.scenario_key == key);
        let remembered_basemap: Option<PathBuf> = cc
            .storage
            .and_then(|storage| eframe::get_value(storage, BASEMAP_KEY));
        let mut app = Self::from_layers(layers, MapView::new(FALLBACK_VIEW, None));
        app.recent = cc
            .storage
            .and_then(|storage| eframe::get_value(storage, RECENT_KEY))
            .unwrap_or_default();
        app.set_basemap(&cc.egui_ctx, basemap_path.or(remembered_basemap));
        if let Some(remembered) = remembered {
            app.map.set_view(remembered.view);
            app.playback
                .apply(PlaybackCommand::SetTime(remembered.time), &[]);
            app.playback.apply(
                PlaybackCommand::SetSpeed(remembered.speed_secs_per_sec),
                &[],
            );
            app.playback.loop_mode = remembered.loop_mode;
            app.layers = remembered.layers;
            app.timeline_view = TimelineView::around(app.playback.cursor, app.playback.range);
        }
        app
    }

    /// The window state for `data_layers` on `map`, looking at the data's own view (or one that
    /// fits it), with no memory of earlier runs.
    pub fn from_layers(data_layers: Vec<DataLayer>, mut map: MapView) -> Self {
        let scenario = joined(&data_layers);
        let problems: Vec<Problem> = data_layers
            .iter()
            .flat_map(|layer| layer.problems.clone())
            .collect();
        let range = scenario.time_range().unwrap_or((0.0, 86_400.0));
        let playback = Playback::new(scenario.opening_time(), range);
        map.set_view(
            scenario
                .meta
                .default_view
                .or_else(|| scenario.fitted_view(FIT_WIDTH_POINTS, FIT_HEIGHT_POINTS))
                .unwrap_or(FALLBACK_VIEW),
        );
        Self {
            event_starts: scenario.event_starts(),
            timeline_view: TimelineView::around(playback.cursor, range),
            map,
            scenario,
            data_layers,
            load_job: None,
            reload_queue: Vec::new(),
            next_disk_check: 0.0,
            recent: Vec::new(),
            read_options: ReadOptions::default(),
            playback,
            layers: LayerVisibility::default(),
            selected: None,
            hovered: None,
            problems,
            last_load_failed: false,
            goto_text: String::new(),
            goto_error: None,
            show_help: false,
            basemap_error: None,
            event_list_anchor: None,
            export_dialog: None,
            export_job: None,
            export_notice: None,
            map_rect: egui::Rect::NOTHING,
            commands: Vec::new(),
        }
    }

    /// The scenario shown.
    pub fn scenario(&self) -> &Scenario {
        &self.scenario
    }

    /// The playback state.
    pub fn playback(&self) -> &Playback {
        &self.playback
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

    /// Changes the playback as a widget would.
    pub fn apply_playback(&mut self, command: PlaybackCommand) {
        self.playback.apply(command, &self.event_starts);
    }

    /// Uses the PMTiles file at `path`, or the built-in basemap for `None`. A file that cannot be
    /// used is reported, and the built-in basemap is used instead.
    fn set_basemap(&mut self, ctx: &egui::Context, path: Option<PathBuf>) {
        if let Some(path) = path {
            match Basemap::open(&path, ctx) {
                Ok(basemap) => {
                    self.map.basemap = Some(basemap);
                    self.basemap_error = None;
                    return;
                }
                Err(e) => {
                    self.problems.push(Problem {
                        file: path.display().to_string(),
                        line: 0,
                        column: 0,
                        message: format!(
                            "cannot be used as the basemap ({e}); the built-in basemap is shown"
                        ),
                    });
                    self.last_load_failed = true;
                }
            }
        }
        match Basemap::embedded(ctx) {
            Ok(basemap) => {
                self.map.basemap = Some(basemap);
                self.basemap_error = None;
            }
            Err(e) => {
                self.map.basemap = None;
                self.basemap_error = Some(e.to_string());
            }
        }
    }

    /// Takes the outcome of a finished background export.
    fn poll_export(&mut self) {
        let Some(outcome) = self.export_job.as_ref().and_then(ExportJob::poll) else {
            return;
        };
        self.export_job = None;
        self.export_notice = Some(match outcome {
            JobOutcome::Done(path) => format!("Wrote {}", path.display()),
            JobOutcome::Failed(error) => format!("Export failed: {error}"),
            JobOutcome::Cancelled => "Export cancelled; nothing was written".to_string(),
            JobOutcome::Vanished => "Export failed: it stopped unexpectedly".to_string(),
        });
    }

    /// A picture of the map exactly as it is on screen: the same view, size, layers and time.
    pub fn current_view_spec(&self, pixels_per_point: f32, furniture: Furniture) -> SnapshotSpec {
        let size = self.map_rect.size() * pixels_per_point;
        SnapshotSpec {
            view: self.map.view(),
            size_px: [
                size.x.round().max(1.0) as u32,
                size.y.round().max(1.0) as u32,
            ],
            pixels_per_point,
            layers: self.layers.clone(),
            furniture,
        }
    }

    /// The data layers.
    pub fn data_layers(&self) -> &[DataLayer] {
        &self.data_layers
    }

    /// Joins the visible layers again after a change, keeping the view, and the time where the
    /// data still covers it.
    fn rebuild(&mut self) {
        self.scenario = joined(&self.data_layers);
        self.event_starts = self.scenario.event_starts();
        self.selected = None;
        self.hovered = None;
        self.event_list_anchor = None;
        let range = self.scenario.time_range().unwrap_or((0.0, 86_400.0));
        self.playback.set_range(range);
    }

    /// Starts reading `paths` in the background as new layers.
    pub fn open_files(&mut self, ctx: &egui::Context, paths: Vec<PathBuf>) {
        if paths.is_empty() {
            return;
        }
        let ctx = ctx.clone();
        self.load_job = Some(LoadJob::start(
            paths,
            self.read_options.clone(),
            LoadPurpose::Open,
            move || ctx.request_repaint(),
        ));
    }

    /// Takes the outcome of a finished background read. A failed read keeps what was shown.
    fn poll_load(&mut self) {
        let Some(outcome) = self.load_job.as_ref().and_then(LoadJob::poll) else {
            return;
        };
        let Some(job) = self.load_job.take() else {
            return;
        };
        match (outcome, job.purpose) {
            (Ok(layers), LoadPurpose::Open) => {
                self.problems = layers
                    .iter()
                    .flat_map(|layer| layer.problems.clone())
                    .collect();
                self.last_load_failed = false;
                self.recent.retain(|paths| *paths != job.paths);
                self.recent.insert(0, job.paths);
                self.recent.truncate(RECENT_MAX);
                let first_new = self.data_layers.len();
                self.data_layers.extend(layers);
                self.rebuild();
                self.zoom_to_layer(first_new);
            }
            (Ok(mut layers), LoadPurpose::Reload(index)) => {
                if let (Some(layer), Some(slot)) = (layers.pop(), self.data_layers.get_mut(index)) {
                    self.problems = layer.problems.clone();
                    self.last_load_failed = false;
                    let visible = slot.visible;
                    *slot = layer;
                    slot.visible = visible;
                    self.rebuild();
                }
            }
            (Err(error), purpose) => {
                if let LoadPurpose::Reload(index) = purpose
                    && let Some(layer) = self.data_layers.get_mut(index)
                {
                    // The broken version is not read again until the file changes once more.
                    layer.mark_read_now();
                }
                self.problems = error.problems;
                self.last_load_failed = true;
            }
        }
    }

    /// Fits the map and the timeline to the layer at `index`.
    fn zoom_to_layer(&mut self, index: usize) {
        let Some(layer) = self.data_layers.get(index) else {
            return;
        };
        let scenario = &layer.scenario;
        if let Some(view) = scenario
            .meta
            .default_view
            .or_else(|| scenario.fitted_view(FIT_WIDTH_POINTS, FIT_HEIGHT_POINTS))
        {
            self.map.set_view(view);
        }
        if let Some(range) = scenario.time_range() {
            let cursor = scenario
                .meta
                .default_time
                .map_or(range.0, crate::model::unix_secs);
            self.playback.apply(PlaybackCommand::SetTime(cursor), &[]);
            self.timeline_view = TimelineView::around(self.playback.cursor, range);
        }
    }

    /// Reads changed files again, one at a time, in the background.
    fn watch_files(&mut self, ctx: &egui::Context) {
        if self.data_layers.iter().all(DataLayer::is_built_in) {
            return;
        }
        // Wake up to look even when nothing else moves on screen.
        ctx.request_repaint_after(std::time::Duration::from_secs_f64(DISK_CHECK_SECS));
        let now = ctx.input(|input| input.time);
        if now >= self.next_disk_check {
            self.next_disk_check = now + DISK_CHECK_SECS;
            for (index, layer) in self.data_layers.iter().enumerate() {
                if layer.changed_on_disk() && !self.reload_queue.contains(&index) {
                    self.reload_queue.push(index);
                }
            }
        }
        if self.load_job.is_some() || self.reload_queue.is_empty() {
            return;
        }
        let index = self.reload_queue.remove(0);
        let Some((paths, options)) = self
            .data_layers
            .get(index)
            .map(|layer| (layer.paths.clone(), layer.read_options().clone()))
        else {
            return;
        };
        if paths.is_empty() {
            return;
        }
        let wake = ctx.clone();
        self.load_job = Some(LoadJob::start(
            paths,
            options,
            LoadPurpose::Reload(index),
            move || wake.request_repaint(),
        ));
    }

    fn apply(&mut self, ctx: &egui::Context, command: AppCommand) {
        match command {
            AppCommand::Playback(command) => {
                self.playback.apply(command, &self.event_starts);
                self.timeline_view.keep_visible(self.playback.cursor);
            }
            AppCommand::Select(selection) => self.selected = selection,
            AppCommand::FocusEvent(index) => {
                let Some(event) = self.scenario.events.get(index) else {
                    return;
                };
                self.selected = Some(Selection::Event(index));
                self.playback.apply(PlaybackCommand::Pause, &[]);
                self.playback
                    .apply(PlaybackCommand::SetTime(event.dating.start_secs()), &[]);
                if let Some(position) = self.scenario.event_position(event) {
                    self.map.center_on(position);
                }
                self.timeline_view.keep_visible(self.playback.cursor);
            }
            AppCommand::CenterOn(position) => self.map.center_on(position),
            AppCommand::Bookmark(index) => {
                let Some(bookmark) = self.scenario.meta.bookmarks.get(index).cloned() else {
                    return;
                };
                self.playback.apply(
                    PlaybackCommand::SetTime(crate::model::unix_secs(bookmark.time)),
                    &[],
                );
                if let Some(view) = bookmark.view {
                    self.map.set_view(view);
                }
                self.timeline_view.keep_visible(self.playback.cursor);
            }
            AppCommand::OpenDialog => {
                if let Some(paths) = rfd::FileDialog::new()
                    .add_filter(
                        "Scenario, GeoJSON, Moving Features JSON or CSV",
                        &["geojson", "json", "csv", "txt"],
                    )
                    .pick_files()
                {
                    self.open_files(ctx, paths);
                }
            }
            AppCommand::OpenFiles(paths) => self.open_files(ctx, paths),
            AppCommand::Reload => {
                self.reload_queue = (0..self.data_layers.len())
                    .filter(|&i| !self.data_layers[i].is_built_in())
                    .collect();
            }
            AppCommand::CancelLoad => {
                if let Some(job) = self.load_job.take() {
                    job.progress.cancel();
                }
            }
            AppCommand::ToggleLayer(index) => {
                if let Some(layer) = self.data_layers.get_mut(index) {
                    layer.visible = !layer.visible;
                    self.rebuild();
                }
            }
            AppCommand::RemoveLayer(index) => {
                if index < self.data_layers.len() {
                    self.data_layers.remove(index);
                    self.reload_queue.clear();
                    self.rebuild();
                }
            }
            AppCommand::ZoomToLayer(index) => self.zoom_to_layer(index),
            AppCommand::DismissProblems => {
                self.problems.clear();
                self.last_load_failed = false;
            }
            AppCommand::OpenBasemapDialog => {
                if let Some(path) = rfd::FileDialog::new()
                    .add_filter("PMTiles vector basemap", &["pmtiles"])
                    .pick_file()
                {
                    self.set_basemap(ctx, Some(path));
                }
            }
            AppCommand::UseBuiltInBasemap => self.set_basemap(ctx, None),
            AppCommand::OpenExportDialog(kind) => {
                self.export_dialog = Some(ExportDialog::new(kind, self));
            }
            AppCommand::StartExport(request) => {
                let ctx = ctx.clone();
                self.export_notice = None;
                self.export_job = Some(ExportJob::start(*request, move || ctx.request_repaint()));
            }
        }
        ctx.request_repaint();
    }

    fn read_keyboard(&mut self, ctx: &egui::Context) {
        if ctx.egui_wants_keyboard_input() {
            return;
        }
        use egui::Key;
        let keys = [
            (
                Key::Space,
                AppCommand::Playback(PlaybackCommand::TogglePlay),
            ),
            (
                Key::ArrowRight,
                AppCommand::Playback(PlaybackCommand::NextEvent),
            ),
            (
                Key::ArrowLeft,
                AppCommand::Playback(PlaybackCommand::PreviousEvent),
            ),
            (Key::Home, AppCommand::Playback(PlaybackCommand::Home)),
            (Key::End, AppCommand::Playback(PlaybackCommand::End)),
            (Key::Escape, AppCommand::Select(None)),
        ];
        let digits = [
            Key::Num1,
            Key::Num2,
            Key::Num3,
            Key::Num4,
            Key::Num5,
            Key::Num6,
            Key::Num7,
            Key::Num8,
            Key::Num9,
        ];
        ctx.input(|input| {
            for (key, command) in keys {
                if input.key_pressed(key) {
                    self.commands.push(command);
                }
            }
            for (index, key) in digits.into_iter().enumerate() {
                if input.key_pressed(key) {
                    self.commands.push(AppCommand::Bookmark(index));
                }
            }
            if input.key_pressed(Key::F1) {
                self.show_help = !self.show_help;
            }
            if input.modifiers.command && input.key_pressed(Key::O) {
                self.commands.push(AppCommand::OpenDialog);
            }
            if input.modifiers.command && input.key_pressed(Key::E) {
                self.commands
                    .push(AppCommand::OpenExportDialog(ExportKind::Snapshot));
            }
            if input.key_pressed(Key::F5) {
                self.commands.push(AppCommand::Reload);
            }
        });
    }
}

impl eframe::App for DeployApp {
    fn logic(&mut self, ctx: &egui::Context, _frame: &mut eframe::Frame) {
        self.watch_files(ctx);
        let frame_secs = f64::from(ctx.input(|input| input.stable_dt));
        if self.playback.advance(frame_secs) {
            self.timeline_view.keep_visible(self.playback.cursor);
        }
        if self.playback.playing {
            ctx.request_repaint();
        }
    }

    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        let ctx = ui.ctx().clone();
        self.read_keyboard(&ctx);
        let dropped: Vec<PathBuf> = ctx.input(|input| {
            input
                .raw
                .dropped_files
                .iter()
                .map(|file| file.path().to_path_buf())
                .collect()
        });
        if !dropped.is_empty() {
            self.commands.push(AppCommand::OpenFiles(dropped));
        }
        let mut commands = std::mem::take(&mut self.commands);
        ui::menu_bar_ui(ui, self, &mut commands);
        ui::timeline_panel_ui(ui, self, &mut commands);
        ui::side_panels_ui(ui, self, &mut commands);
        let state = state_at(&self.scenario, self.playback.cursor);
        egui::CentralPanel::no_frame().show(ui, |ui| {
            self.map_rect = ui.available_rect_before_wrap();
            let output = map_ui(
                ui,
                &mut self.map,
                &self.scenario,
                &state,
                &self.layers,
                self.selected,
            );
            self.hovered = output.hovered;
            if let Some(clicked) = output.clicked {
                commands.push(AppCommand::Select(clicked));
            }
            ui::map_overlays_ui(ui, self, &state);
        });
        ui::windows_ui(&ctx, self, &mut commands);
        ui::export_windows_ui(&ctx, self, &mut commands);
        self.poll_export();
        self.poll_load();
        for command in commands {
            self.apply(&ctx, command);
        }
    }

    fn save(&mut self, storage: &mut dyn eframe::Storage) {
        let remembered = Remembered {
            scenario_key: layers_key(&self.data_layers),
            view: self.map.view(),
            time: self.playback.cursor,
            speed_secs_per_sec: self.playback.speed_secs_per_sec,
            loop_mode: self.playback.loop_mode,
            layers: self.layers.clone(),
        };
        eframe::set_value(storage, eframe::APP_KEY, &remembered);
        let basemap_path = self
            .map
            .basemap
            .as_ref()
            .filter(|basemap| !basemap.is_embedded())
            .map(|basemap| basemap.path().to_path_buf());
        eframe::set_value(storage, BASEMAP_KEY, &basemap_path);
        eframe::set_value(storage, RECENT_KEY, &self.recent);
    }
}
