//! The window: owns the scenario, the playback and the UI state, and applies the commands the
//! panels emit once per frame.

use crate::export::{ExportJob, ExportRequest, SnapshotSpec};
use crate::io::{Loaded, Problem, load_paths};
use crate::map::Furniture;
use crate::map::{Basemap, LayerVisibility, MapView, map_ui};
use crate::model::{GeoView, LonLat, Scenario, UnixSecs, state_at};
use crate::selection::Selection;
use crate::timeline::{LoopMode, Playback, PlaybackCommand};
use crate::ui::{self, ExportDialog, ExportKind, TimelineView};
use std::path::PathBuf;

/// Where the map looks when a scenario has no default view: Syria.
pub const FALLBACK_VIEW: GeoView = GeoView {
    lon: 38.9,
    lat: 35.3,
    zoom: 6.5,
};

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

/// Where the current scenario came from.
#[derive(Clone, Debug, PartialEq)]
pub enum ScenarioOrigin {
    /// Compiled into the binary.
    BuiltIn,
    /// Read from these files.
    Files(Vec<PathBuf>),
}

impl ScenarioOrigin {
    fn key(&self) -> String {
        match self {
            Self::BuiltIn => "built-in".into(),
            Self::Files(paths) => paths
                .iter()
                .map(|p| p.display().to_string())
                .collect::<Vec<_>>()
                .join(";"),
        }
    }
}

/// The deploymap window.
pub struct DeployApp {
    pub(crate) scenario: Scenario,
    pub(crate) origin: ScenarioOrigin,
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
    /// The window on `loaded`, restoring what was remembered for the same scenario. The basemap
    /// is `basemap_path` if given, else the one the user chose last time, else the built-in one.
    pub fn new(
        cc: &eframe::CreationContext<'_>,
        loaded: Loaded,
        origin: ScenarioOrigin,
        basemap_path: Option<PathBuf>,
    ) -> Self {
        ui::theme::apply(&cc.egui_ctx);
        walkers::install_renderer(cc.wgpu_render_state.as_ref());
        let remembered: Option<Remembered> = cc
            .storage
            .and_then(|storage| eframe::get_value(storage, eframe::APP_KEY))
            .filter(|r: &Remembered| r.scenario_key == origin.key());
        let remembered_basemap: Option<PathBuf> = cc
            .storage
            .and_then(|storage| eframe::get_value(storage, BASEMAP_KEY));
        let mut app = Self::from_loaded(loaded, origin, MapView::new(FALLBACK_VIEW, None));
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

    /// The window state for `loaded` on `map`, looking at the scenario's default view, with no
    /// memory of earlier runs.
    pub fn from_loaded(loaded: Loaded, origin: ScenarioOrigin, mut map: MapView) -> Self {
        let Loaded { scenario, problems } = loaded;
        let range = scenario.time_range().unwrap_or((0.0, 86_400.0));
        let playback = Playback::new(scenario.opening_time(), range);
        map.set_view(scenario.meta.default_view.unwrap_or(FALLBACK_VIEW));
        Self {
            event_starts: scenario.event_starts(),
            timeline_view: TimelineView::around(playback.cursor, range),
            map,
            scenario,
            origin,
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
            Ok(path) => format!("Wrote {}", path.display()),
            Err(error) => format!("Export failed: {error}"),
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

    /// The running export, if any.
    pub fn export_job(&self) -> Option<&ExportJob> {
        self.export_job.as_ref()
    }

    /// What the last export did.
    pub fn export_notice(&self) -> Option<&str> {
        self.export_notice.as_deref()
    }

    /// Replaces the scenario, keeping the time and the view when they still fit.
    fn replace_scenario(&mut self, loaded: Loaded, origin: ScenarioOrigin) {
        let keep_time = self.playback.cursor;
        let keep_view = self.map.view();
        let same_origin = origin == self.origin;
        let map = std::mem::replace(&mut self.map, MapView::new(FALLBACK_VIEW, None));
        let mut next = Self::from_loaded(loaded, origin, map);
        next.basemap_error = self.basemap_error.take();
        if same_origin {
            next.playback
                .apply(PlaybackCommand::SetTime(keep_time), &[]);
            next.map.set_view(keep_view);
            next.timeline_view = self.timeline_view;
        }
        next.layers = self.layers.clone();
        next.playback.speed_secs_per_sec = self.playback.speed_secs_per_sec;
        next.playback.loop_mode = self.playback.loop_mode;
        *self = next;
    }

    /// Loads `paths`; on failure keeps the current scenario and shows why.
    pub fn open_files(&mut self, paths: Vec<PathBuf>) {
        match load_paths(&paths) {
            Ok(loaded) => self.replace_scenario(loaded, ScenarioOrigin::Files(paths)),
            Err(error) => {
                self.problems = error.problems;
                self.last_load_failed = true;
            }
        }
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
                    .add_filter("GeoJSON scenario", &["geojson", "json"])
                    .pick_files()
                {
                    self.open_files(paths);
                }
            }
            AppCommand::Reload => {
                if let ScenarioOrigin::Files(paths) = self.origin.clone() {
                    self.open_files(paths);
                }
            }
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
        for command in commands {
            self.apply(&ctx, command);
        }
    }

    fn save(&mut self, storage: &mut dyn eframe::Storage) {
        let remembered = Remembered {
            scenario_key: self.origin.key(),
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
    }
}
