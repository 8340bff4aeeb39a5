//! [`DeployApp::apply`]: the one place the window's state changes, one command at a time.

use super::DeployApp;
use crate::data_layers::joined;
use crate::io::Problem;
use crate::map::Basemap;
use crate::selection::Selection;
use crate::timeline::PlaybackCommand;
use crate::timeline::TimelineView;
use crate::ui::{AppCommand, ExportDialog, FilePurpose};
use std::path::{Path, PathBuf};

/// The map size a scenario without a view of its own is fitted to, in points.
pub const FIT_WIDTH_POINTS: f64 = 700.0;
/// See [`FIT_WIDTH_POINTS`].
pub const FIT_HEIGHT_POINTS: f64 = 550.0;

impl DeployApp {
    /// Carries out one command of the panels, the keyboard or the drop of files.
    pub(super) fn apply(&mut self, ctx: &egui::Context, command: AppCommand) {
        match command {
            AppCommand::Playback(PlaybackCommand::TogglePlay) if self.story.is_some() => {
                self.toggle_story();
            }
            AppCommand::Playback(command) => {
                // Moving the time leaves the story; changing the speed or the loop does not.
                if !matches!(
                    command,
                    PlaybackCommand::SetSpeed(_) | PlaybackCommand::SetLoop(_)
                ) {
                    self.leave_story();
                }
                self.playback.apply(command, &self.event_starts);
                self.timeline_view.keep_visible(self.playback.cursor);
            }
            AppCommand::GoToChapter(index) => self.go_to_chapter(index),
            AppCommand::NextChapter => self.next_chapter(),
            AppCommand::PreviousChapter => self.previous_chapter(),
            AppCommand::ToggleStory => self.toggle_story(),
            AppCommand::LeaveStory => self.leave_story(),
            AppCommand::Follow(force) => {
                self.leave_story();
                if force < self.scenario.forces.len() {
                    self.following = Some(force);
                }
            }
            AppCommand::StopFollowing => self.following = None,
            AppCommand::Select(selection) => self.selected = selection,
            AppCommand::FocusEvent(index) => {
                self.leave_story();
                self.following = None;
                let scenario = std::sync::Arc::clone(&self.scenario);
                let Some(event) = scenario.events.get(index) else {
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
                self.leave_story();
                self.playback.apply(
                    PlaybackCommand::SetTime(crate::model::unix_secs(bookmark.time)),
                    &[],
                );
                if let Some(view) = bookmark.view {
                    self.map.set_view(view);
                }
                self.timeline_view.keep_visible(self.playback.cursor);
            }
            AppCommand::ShowHelp(show) => self.show_help = show,
            AppCommand::SetMeasuring(on) => self.measuring = on,
            AppCommand::AddRulerPoint(point) => {
                self.layers.ruler.points.push(point);
                self.keep_ruler_after_story();
            }
            AppCommand::ClearRuler => {
                self.layers.ruler.points.clear();
                self.measuring = false;
                self.keep_ruler_after_story();
            }
            AppCommand::SetRulerUnit(unit) => {
                self.layers.ruler.unit = unit;
                self.keep_ruler_after_story();
            }
            AppCommand::ShowSidePanel(show) => self.side_panel_open = show,
            AppCommand::SetTheme(theme) => self.set_theme(ctx, theme),
            AppCommand::SetOnlineBasemap(on) => self.set_online_basemap(ctx, on),
            AppCommand::OpenDialog => self.ask_for_files(ctx, FilePurpose::OpenData),
            AppCommand::FileChosen(purpose, path) => {
                self.file_dialog = None;
                self.files_chosen(ctx, purpose, vec![path]);
            }
            AppCommand::CloseFileDialog => self.file_dialog = None,
            AppCommand::OpenDatabaseDialog => {
                self.database_dialog = Some(self.database_dialog.take().unwrap_or_default());
            }
            AppCommand::CloseDatabaseDialog => self.database_dialog = None,
            AppCommand::OpenDatabase {
                query,
                bind_to_view,
            } => {
                self.database_dialog = None;
                self.open_database(ctx, *query, bind_to_view);
            }
            AppCommand::OpenFiles(paths) => self.open_files(ctx, paths),
            AppCommand::Reload => {
                self.reload_queue = (0..self.data_layers.len())
                    .filter(|&i| !self.data_layers[i].is_built_in())
                    .collect();
            }
            AppCommand::CancelLoad => self.cancel_load(),
            AppCommand::SetTrackBy(property) => self.read_options.track_by = property,
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
            AppCommand::SetLayerVisibility(layers) => {
                // The user's choice wins over the chapter's from now on.
                self.user_layers = None;
                self.layers = layers;
            }
            AppCommand::EventListScrolledTo(index) => self.event_list_anchor = index,
            AppCommand::SetTimelineView(span) => self.timeline_view = span,
            AppCommand::ShowStaleProblems(index) => {
                if let Some(layer) = self.data_layers.get(index) {
                    self.problems = layer.stale_problems.clone();
                    self.last_load_failed = true;
                }
            }
            AppCommand::DismissProblems => {
                self.problems.clear();
                self.last_load_failed = false;
            }
            AppCommand::OpenBasemapDialog => self.ask_for_files(ctx, FilePurpose::OpenBasemap),
            AppCommand::UseBuiltInBasemap => self.set_basemap(ctx, None),
            AppCommand::OpenExportDialog(kind) => {
                self.export_dialog = Some(ExportDialog::new(
                    kind,
                    self.playback.range,
                    self.timeline_view,
                    self.playback.cursor,
                    self.last_export_dialog.as_ref(),
                ));
            }
            AppCommand::CloseExportDialog => {
                self.last_export_dialog =
                    self.export_dialog.take().or(self.last_export_dialog.take());
            }
            AppCommand::StartExport(request) => {
                // Remembered for the next export: size, title, what is shown, folder.
                self.last_export_dialog =
                    self.export_dialog.take().or(self.last_export_dialog.take());
                self.start_export(ctx, *request);
            }
            AppCommand::CancelExport => self.cancel_export(),
            AppCommand::DismissExportNotice => self.export_notice = None,
            AppCommand::SetDisplayZone(zone) => self.display_zone = zone,
            AppCommand::CopyLink(url) => {
                ctx.copy_text(url.clone());
                self.link_notice = Some(format!("Link copied: {url}"));
            }
            AppCommand::Editing(command) => self.apply_editing(ctx, command),
            AppCommand::OpenLink(url) => {
                self.link_notice = match webbrowser::open(&url) {
                    Ok(()) => None,
                    Err(error) => {
                        ctx.copy_text(url.clone());
                        Some(format!(
                            "No browser answered ({error}). The link is on the clipboard: {url}"
                        ))
                    }
                };
            }
        }
        ctx.request_repaint();
    }

    /// Switches the panels and the basemap to `theme`; the basemap is opened again in the
    /// theme's style (the same file, or the built-in one).
    pub(super) fn set_theme(&mut self, ctx: &egui::Context, theme: crate::theme::Theme) {
        if theme == self.theme {
            return;
        }
        self.theme = theme;
        ctx.set_theme(theme.egui());
        let path = self.custom_basemap_path().map(Path::to_path_buf);
        self.set_basemap(ctx, path);
    }

    /// Turns OpenStreetMap's online tiles on (over the built-in basemap) or off.
    pub(super) fn set_online_basemap(&mut self, ctx: &egui::Context, on: bool) {
        self.online_basemap = on;
        self.map.online = on.then(|| crate::map::OnlineBasemap::openstreetmap(ctx));
    }

    /// Uses the PMTiles file at `path`, or the built-in basemap for `None`. A file that cannot be
    /// used is reported, and the built-in basemap is used instead.
    pub(super) fn set_basemap(&mut self, ctx: &egui::Context, path: Option<PathBuf>) {
        if let Some(path) = path {
            match Basemap::open(&path, ctx, self.theme) {
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
        match crate::map::embedded_basemap(ctx, self.theme) {
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

    /// Joins the visible layers again after a change, keeping the view, and the time where the
    /// data still covers it.
    pub(super) fn rebuild(&mut self) {
        // The steps of undo were made on the scenario before; it is replaced.
        self.editing.history.forget_steps();
        self.editing.forms = Default::default();
        self.leave_story();
        self.story_resume = None;
        self.following = None;
        self.scenario = joined(&self.data_layers);
        if self.editing.mode {
            self.editing.problems = super::saving::problems_of(&self.scenario);
        }
        self.event_starts = self.scenario.event_starts();
        self.selected = None;
        self.event_list_anchor = None;
        let range = self.scenario.time_range().unwrap_or((0.0, 86_400.0));
        self.playback.set_range(range);
    }

    /// Fits the map and the timeline to the layer at `index`.
    pub(super) fn zoom_to_layer(&mut self, index: usize) {
        let Some(layer) = self.data_layers.get(index) else {
            return;
        };
        let scenario = &layer.scenario;
        if let Some(view) = scenario.own_view(FIT_WIDTH_POINTS, FIT_HEIGHT_POINTS) {
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
}

impl DeployApp {
    /// During a story the map shows the chapter's layers; the ruler measured meanwhile stays
    /// when the story gives the user's layers back.
    fn keep_ruler_after_story(&mut self) {
        if let Some(user) = self.user_layers.as_mut() {
            user.ruler = self.layers.ruler.clone();
        }
    }
}
