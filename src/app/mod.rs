//! The window: owns the scenario, the playback and the UI state, shows the panels a read-only
//! view of it, and applies the commands they push once per frame ([`DeployApp::apply`], in
//! `apply.rs`, is the only place this state changes).
//!
//! - `apply.rs`: the commands.
//! - `dialogs.rs`: asking for files, with the desktop's dialog or the app's own.
//! - `editing.rs`, `saving.rs`, `recovery.rs`: edit mode, Save and the recovery file.
//! - `jobs.rs`: reading and exporting in the background.
//! - `input.rs`: keys and dropped files.
//! - `persistence.rs`: what is remembered across restarts.
//! - `story.rs`: playing the story and following a force.
//! - `view_bound.rs`: a database layer asked again for what is in view.

mod apply;
mod dialogs;
mod editing;
mod input;
mod jobs;
mod persistence;
mod reading;
pub mod recovery;
mod saving;
mod story;
mod view_bound;

pub use apply::{FIT_HEIGHT_POINTS, FIT_WIDTH_POINTS};

use crate::data_layers::{DataLayer, LoadJob, joined};
use crate::export::ExportJob;
use crate::io::{Problem, ReadOptions};
use crate::map::{FollowRequest, LayerVisibility, MapView, RulerPoint, map_ui};
use crate::model::{DisplayZone, GeoView, Scenario, UnixSecs, state_at};
use crate::selection::Selection;
use crate::timeline::{Playback, StoryPlayback, TimelineView};
use crate::ui::{
    self, AppCommand, DataLayersView, EventListView, ExportDialog, ExportView, InAppFileDialog,
    InspectorView, MenuBarView, SidePanelsView, TimelinePanelView, WindowsView,
};
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// The deploymap window.
pub struct DeployApp {
    /// The visible data layers joined; what everything draws from.
    scenario: Arc<Scenario>,
    /// The layers of data, in the order they were opened.
    data_layers: Vec<DataLayer>,
    /// A read running in the background.
    load_job: Option<LoadJob>,
    /// File layers waiting to be read again (F5, or changed on disk).
    reload_queue: Vec<usize>,
    /// When (in egui's seconds) to look at the files on disk next.
    next_disk_check: f64,
    /// Files opened before, newest first.
    recent: Vec<Vec<PathBuf>>,
    /// How files in other formats are read (which property joins points into tracks).
    pub read_options: ReadOptions,
    event_starts: Vec<UnixSecs>,
    playback: Playback,
    map: MapView,
    timeline_view: TimelineView,
    layers: LayerVisibility,
    selected: Option<Selection>,
    /// Problems of the last load, shown until dismissed.
    problems: Vec<Problem>,
    /// Whether the last load failed, so `problems` describe data that is not shown.
    last_load_failed: bool,
    show_help: bool,
    /// The event the list last scrolled to; the list scrolls again when the time moves past
    /// another event.
    event_list_anchor: Option<usize>,
    /// Why there is no basemap, when there is none.
    basemap_error: Option<String>,
    /// The export dialog, while open.
    export_dialog: Option<ExportDialog>,
    /// The last export dialog closed, whose settings the next one starts from.
    last_export_dialog: Option<ExportDialog>,
    /// The app's own file dialog, while open.
    file_dialog: Option<InAppFileDialog>,
    /// The "Open database…" dialog, while open.
    database_dialog: Option<ui::DatabaseDialog>,
    /// The views seen and fetched for a database layer bound to the view.
    view_binding: view_bound::ViewBinding,
    /// The folder of the last file chosen, where the next file dialog opens.
    last_folder: Option<PathBuf>,
    /// Whether to try the desktop's file dialog first.
    native_dialogs: bool,
    /// The export running in the background.
    export_job: Option<ExportJob>,
    /// What the last export did, until dismissed.
    export_notice: Option<String>,
    /// Whether times are shown in UTC or the scenario's local time (remembered).
    display_zone: DisplayZone,
    /// What happened to the last source link copied or opened.
    link_notice: Option<String>,
    /// Where the map was drawn last frame, in points: measured while drawing, not app state
    /// that a command could change.
    map_rect: egui::Rect,
    /// The story being played, if it is.
    story: Option<StoryPlayback>,
    /// The chapter to return to after leaving the story.
    story_resume: Option<usize>,
    /// Whether Space starts the story: in a fresh window with a story, until the story is left
    /// or the time is moved, so that Space alone plays the story from the first chapter.
    space_starts_story: bool,
    /// The layers the user chose, kept while a chapter shows its own.
    user_layers: Option<LayerVisibility>,
    /// The force the user follows (outside the story).
    following: Option<usize>,
    /// Edit mode, the undo history and saving.
    editing: editing::Editing,
    /// The window title last set, so it is sent only when it changes.
    shown_title: String,
    /// Commands pushed from outside the panels (tests, the command line), applied with the
    /// panels' at the end of the next frame.
    queued: Vec<AppCommand>,
    /// Whether clicks on the map add ruler points instead of selecting.
    measuring: bool,
    /// Where the pointer was on the map last frame, for the ruler's leg to the pointer.
    pointer_on_map: Option<crate::model::LonLat>,
    /// Light or dark (remembered); exports from the window follow it.
    theme: crate::theme::Theme,
    /// Whether the left panel (data, legend and events) is shown (remembered).
    side_panel_open: bool,
    /// Whether OpenStreetMap's online tiles are drawn over the basemap (remembered; off at
    /// first).
    online_basemap: bool,
}

impl DeployApp {
    /// The window on `layers`, restoring what was remembered for the same data. The basemap is
    /// `basemap_path` if given, else the one the user chose last time, else the built-in one.
    pub fn new(
        cc: &eframe::CreationContext<'_>,
        layers: Vec<DataLayer>,
        basemap_path: Option<PathBuf>,
    ) -> Self {
        crate::startup_trace::mark("window and renderer ready");
        crate::theme::apply(&cc.egui_ctx);
        walkers::install_renderer(cc.wgpu_render_state.as_ref());
        let mut app = Self::from_layers(layers, MapView::new(GeoView::FALLBACK, None));
        app.theme = persistence::remembered_theme(cc.storage);
        cc.egui_ctx.set_theme(app.theme.egui());
        app.open_basemap_at_start(&cc.egui_ctx, cc.storage, basemap_path);
        crate::startup_trace::mark("basemap opened");
        app.restore(cc.storage);
        app.offer_recovery();
        if app.online_basemap {
            app.set_online_basemap(&cc.egui_ctx, true);
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
        map.set_view(scenario.opening_view(FIT_WIDTH_POINTS, FIT_HEIGHT_POINTS));
        let space_starts_story = !scenario.meta.stories.is_empty();
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
            problems,
            last_load_failed: false,
            show_help: false,
            basemap_error: None,
            event_list_anchor: None,
            export_dialog: None,
            last_export_dialog: None,
            file_dialog: None,
            database_dialog: None,
            view_binding: view_bound::ViewBinding::default(),
            last_folder: None,
            native_dialogs: true,
            export_job: None,
            export_notice: None,
            display_zone: DisplayZone::default(),
            link_notice: None,
            map_rect: egui::Rect::NOTHING,
            story: None,
            story_resume: None,
            space_starts_story,
            user_layers: None,
            following: None,
            editing: editing::Editing::default(),
            shown_title: String::new(),
            queued: Vec::new(),
            measuring: false,
            pointer_on_map: None,
            theme: crate::theme::Theme::default(),
            side_panel_open: true,
            online_basemap: false,
        }
    }

    /// The basemap file the user chose, or `None` for the built-in basemap.
    fn custom_basemap_path(&self) -> Option<&Path> {
        self.map
            .basemap
            .as_ref()
            .filter(|basemap| !basemap.is_embedded())
            .map(|basemap| basemap.path())
    }

    /// The credit painted on the map: the basemap's (and OpenStreetMap's while its tiles are
    /// drawn), or why there is none.
    fn basemap_credit(&self) -> String {
        let credit = match (&self.map.basemap, &self.basemap_error) {
            (Some(basemap), _) => basemap.credit().to_string(),
            (None, Some(error)) => format!("No basemap ({error})"),
            (None, None) => "No basemap".to_string(),
        };
        if self.map.online.is_some() {
            format!("{} · {credit}", crate::map::OSM_ATTRIBUTION)
        } else {
            credit
        }
    }

    /// The ruler point of a click on the map: the site or unit clicked, else the place.
    fn ruler_point(
        &self,
        clicked: Option<Selection>,
        clicked_lon_lat: Option<crate::model::LonLat>,
    ) -> Option<RulerPoint> {
        match clicked {
            Some(Selection::Site(i)) => self
                .scenario
                .sites
                .get(i)
                .map(|site| RulerPoint::Site(site.id.clone())),
            Some(Selection::Force(i)) => self
                .scenario
                .forces
                .get(i)
                .map(|force| RulerPoint::Force(force.id.clone())),
            _ => clicked_lon_lat.map(RulerPoint::place),
        }
    }

    /// What the map says about its basemap: that online tiles are not arriving, or that the
    /// view is beyond the basemap's coverage.
    fn basemap_notice(&self, ctx: &egui::Context, view: GeoView) -> Option<String> {
        if let Some(online) = &self.map.online {
            let status = online.status();
            match status {
                crate::map::OnlineStatus::Arriving => return None,
                crate::map::OnlineStatus::Waiting => {
                    // Look again, so the notice shows when the patience runs out.
                    ctx.request_repaint_after(std::time::Duration::from_secs(1));
                }
                crate::map::OnlineStatus::NotArriving => {}
            }
            if let Some(notice) = status.notice() {
                return Some(notice.to_string());
            }
        }
        self.map.basemap.as_ref().and_then(|basemap| {
            crate::map::coverage_notice(basemap.coverage(), view, self.map_rect.size())
        })
    }

    /// The scenario's title, or the names of the visible layers.
    fn title(&self) -> String {
        self.scenario.meta.title.clone().unwrap_or_else(|| {
            self.data_layers
                .iter()
                .filter(|layer| layer.visible)
                .map(|layer| layer.label.clone())
                .collect::<Vec<_>>()
                .join(" + ")
        })
    }

    fn menu_bar_view(&self, state: &crate::model::StateAt) -> MenuBarView<'_> {
        MenuBarView {
            measuring: self.measuring,
            ruler_unit: self.layers.ruler.unit,
            ruler_readout: self.layers.ruler.readout(&self.scenario, state),
            recent: &self.recent,
            can_reload: self.data_layers.iter().any(|layer| !layer.is_built_in()),
            custom_basemap: self.custom_basemap_path().is_some(),
            bookmarks: &self.scenario.meta.bookmarks,
            has_story: !self.scenario.meta.stories.is_empty(),
            chapters: self.story_chapters(),
            title: self.title(),
            unsaved: self.editing.history.is_dirty(),
            edit_mode: self.editing.mode,
            story: self.story_card_view(),
            theme: self.theme,
            side_panel_open: self.side_panel_open,
            online_basemap: self.online_basemap,
        }
    }

    fn export_view(&self) -> ExportView<'_> {
        ExportView {
            scenario: &self.scenario,
            cursor: self.playback.cursor,
            map_size_points: self.map_rect.size(),
            map_view: self.map.view(),
            layers: &self.layers,
            basemap_path: self.custom_basemap_path(),
            theme: self.theme,
            running: self.export_progress(),
            notice: self.export_notice.as_deref(),
        }
    }

    /// The panels and windows of one frame, each given a read-only view; returns what they ask
    /// for.
    fn panels_ui(&mut self, ui: &mut egui::Ui, ctx: &egui::Context) -> Vec<AppCommand> {
        let mut commands = std::mem::take(&mut self.queued);
        self.read_keyboard(ctx, &mut commands);
        Self::read_dropped_files(ctx, &mut commands);
        // The one state at the current time this frame: every panel and the map draw from it.
        let state = state_at(&self.scenario, self.playback.cursor);
        ui::menu_bar_ui(ui, &self.menu_bar_view(&state), &mut commands);
        ui::edit::edit_toolbar_ui(ui, &self.editor_view(), &mut commands);
        let timeline = TimelinePanelView {
            scenario: &self.scenario,
            state: &state,
            playback: &self.playback,
            selected: self.selected,
            span: self.timeline_view,
            display_zone: self.display_zone,
            problems: if self.editing.mode {
                &self.editing.problems
            } else {
                &[]
            },
        };
        ui::timeline_panel_ui(ui, &timeline, &mut commands);
        let side = SidePanelsView {
            data_layers: DataLayersView {
                data_layers: &self.data_layers,
                load: self.load_progress(),
                track_by: self.read_options.track_by.as_deref(),
            },
            scenario: &self.scenario,
            layers: &self.layers,
            event_list: EventListView {
                scenario: &self.scenario,
                state: &state,
                selected: self.selected,
                scrolled_to: self.event_list_anchor,
                display_zone: self.display_zone,
            },
            inspector: InspectorView {
                scenario: &self.scenario,
                state: &state,
                selected: self.selected,
                layers: &self.layers,
                display_zone: self.display_zone,
                link_notice: self.link_notice.as_deref(),
                edit_mode: self.editing.mode,
                problems: &self.editing.problems,
            },
        };
        ui::side_panels_ui(ui, &side, self.side_panel_open, &mut commands);
        let credit = self.basemap_credit();
        let followed = self.followed_force();
        let guided = self.story.is_some() || followed.is_some();
        let editing = self.editing.mode;
        self.map.editing = editing;
        egui::CentralPanel::no_frame().show(ui, |ui| {
            self.map_rect = ui.available_rect_before_wrap();
            // The map's labels keep clear of the furniture painted over it.
            self.map.keep_clear = crate::map::furniture_layout(
                ui.painter(),
                self.map_rect,
                &crate::map::Furniture::window(),
                &self.scenario,
                &state,
                &credit,
            )
            .rects();
            let view_before = self.map.view();
            // While measuring, the last leg runs on to the pointer.
            let with_pointer_leg = self
                .pointer_on_map
                .filter(|_| self.measuring && !self.layers.ruler.points.is_empty())
                .map(|pointer| {
                    let mut layers = self.layers.clone();
                    layers.ruler.points.push(RulerPoint::place(pointer));
                    layers
                });
            let output = map_ui(
                ui,
                &mut self.map,
                &self.scenario,
                &state,
                with_pointer_leg.as_ref().unwrap_or(&self.layers),
                self.selected,
                self.following,
            );
            if self.measuring && self.pointer_on_map != output.pointer_lon_lat {
                // The leg to the pointer was drawn to last frame's pointer: draw it again.
                ui.ctx().request_repaint();
            }
            self.pointer_on_map = output.pointer_lon_lat;
            if self.measuring {
                if output.pointer_lon_lat.is_some() {
                    ui.ctx().set_cursor_icon(egui::CursorIcon::Crosshair);
                }
                if let Some(point) = output
                    .clicked
                    .and_then(|clicked| self.ruler_point(clicked, output.clicked_lon_lat))
                {
                    commands.push(AppCommand::AddRulerPoint(point));
                }
            } else if let Some(clicked) = output.clicked {
                commands.push(AppCommand::Select(clicked));
            }
            if let Some(at) = output.tapped_empty_at {
                commands.push(AppCommand::Editing(self.clicked_in_edit_mode(at)));
            }
            if let Some(drop) = output.dropped {
                commands.push(AppCommand::Editing(ui::edit::EditCommand::Dropped(drop)));
            }
            match output.follow {
                Some(FollowRequest::Follow(force)) => commands.push(AppCommand::Follow(force)),
                Some(FollowRequest::Unfollow) => commands.push(AppCommand::StopFollowing),
                None => {}
            }
            let view = self.map.view();
            if guided && view != view_before {
                // The user panned or zoomed: the story and the following give the map back.
                commands.push(AppCommand::LeaveStory);
                commands.push(AppCommand::StopFollowing);
            } else if let Some(at) = followed.and_then(|force| {
                state
                    .forces
                    .iter()
                    .find(|at| at.force == force && at.is_present())
            }) && (at.position.x() - view.lon).abs() + (at.position.y() - view.lat).abs()
                > 1e-9
            {
                commands.push(AppCommand::CenterOn(at.position));
            }
            let notice = self.basemap_notice(ctx, view);
            ui::map_overlays_ui(
                ui,
                &self.scenario,
                &state,
                view,
                (&credit, notice.as_deref()),
            );
        });
        let story_chapter = self
            .story
            .as_ref()
            .and_then(|story| self.story_chapters().get(story.chapter));
        if let Some(chapter) = story_chapter {
            let painter =
                egui::Painter::new(ctx.clone(), egui::LayerId::background(), self.map_rect);
            crate::map::paint_story_highlights(
                &painter,
                &self.scenario,
                &state,
                chapter,
                self.map.view(),
            );
        }
        ui::story_card_ui(ctx, self.map_rect, &self.story_card_view(), &mut commands);
        let windows = WindowsView {
            problems: &self.problems,
            last_load_failed: self.last_load_failed,
            show_help: self.show_help,
            number_keys: self.number_keys(),
        };
        ui::windows_ui(ctx, &windows, &mut commands);
        ui::find_ui(
            ctx,
            &self.scenario,
            &state,
            self.map.basemap.as_ref(),
            &mut commands,
        );
        // The dialog's form is its own state: lent to it while it draws, closed by a command.
        let mut dialog = self.export_dialog.take();
        ui::export_windows_ui(ctx, &self.export_view(), dialog.as_mut(), &mut commands);
        self.export_dialog = dialog;
        if let Some(file_dialog) = self.file_dialog.as_mut() {
            ui::file_dialog_ui(ctx, file_dialog, &mut commands);
        }
        let mut forms = std::mem::take(&mut self.editing.forms);
        ui::edit::edit_windows_ui(ctx, &self.editor_view(), &mut forms, &mut commands);
        self.editing.forms = forms;
        if let Some(database_dialog) = self.database_dialog.as_mut() {
            ui::database_dialog_ui(ctx, database_dialog, &mut commands);
        }
        commands
    }
}

impl eframe::App for DeployApp {
    fn logic(&mut self, ctx: &egui::Context, _frame: &mut eframe::Frame) {
        self.may_close(ctx);
        self.autosave(ctx);
        let title = self.window_title();
        if title != self.shown_title {
            ctx.send_viewport_cmd(egui::ViewportCommand::Title(title.clone()));
            self.shown_title = title;
        }
        self.watch_files(ctx);
        let frame_secs = f64::from(ctx.input(|input| input.stable_dt));
        if self.playback.advance(frame_secs) {
            self.timeline_view.keep_visible(self.playback.cursor);
        }
        // Flights are drawn at the display's frame rate.
        if self.advance_story(frame_secs) || self.playback.playing {
            ctx.request_repaint();
        }
    }

    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        static FIRST_FRAME: std::sync::atomic::AtomicBool =
            std::sync::atomic::AtomicBool::new(false);
        crate::startup_trace::mark_once(&FIRST_FRAME, "first frame");
        let ctx = ui.ctx().clone();
        let commands = self.panels_ui(ui, &ctx);
        self.poll_export();
        self.poll_load();
        if !commands.is_empty() {
            // What the commands changed is drawn in the next frame, not at the next input.
            ctx.request_repaint();
        }
        for command in commands {
            self.apply(&ctx, command);
        }
        self.follow_view_with_bound_layer(&ctx);
    }

    fn save(&mut self, storage: &mut dyn eframe::Storage) {
        self.remember(storage);
    }

    fn on_exit(&mut self) {
        // A clean exit asked about unsaved changes first; the recovery file is for crashes.
        if !self.editing.history.is_dirty() || self.editing.may_close {
            self.editing.recovery.remove_own();
        }
    }
}
