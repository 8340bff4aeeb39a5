//! The window's background work: reading files (opened, or changed on disk) and exporting.

use super::DeployApp;
use crate::data_layers::{DataLayer, LoadJob, LoadPurpose};
use crate::export::ExportJob;
use crate::job::JobOutcome;
use crate::ui::{ExportProgress, LoadProgress};
use std::path::PathBuf;

/// How many recent file sets the File menu offers.
const RECENT_MAX: usize = 8;
/// Seconds between looks at the opened files on disk.
const DISK_CHECK_SECS: f64 = 1.0;
/// Seconds between looks while a changed file is settling (see [`crate::data_layers::SETTLE_SECS`]).
const SETTLING_CHECK_SECS: f64 = 0.1;

impl DeployApp {
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

    /// Starts reading the rows of a database query in the background as a new layer; bound to
    /// the view, only the rows in the time window and area in view (see `view_bound.rs`).
    pub fn open_database(
        &mut self,
        ctx: &egui::Context,
        mut database: crate::io::DatabaseQuery,
        bind_to_view: bool,
    ) {
        if bind_to_view {
            database.view = self.view_bounds();
            self.view_binding.fetched = database.view;
        }
        let ctx = ctx.clone();
        self.load_job = Some(LoadJob::start_database(
            database,
            self.read_options.clone(),
            self.data_layers.len(),
            LoadPurpose::Database,
            bind_to_view,
            move || ctx.request_repaint(),
        ));
    }

    /// How far the background read has come, for the layers panel.
    pub(super) fn load_progress(&self) -> Option<LoadProgress> {
        self.load_job.as_ref().map(|job| LoadProgress {
            file_count: job.paths.len(),
            elapsed_secs: job.started.elapsed().as_secs_f64(),
            fraction: job.progress.fraction(),
        })
    }

    /// Stops waiting for the background read.
    pub(super) fn cancel_load(&mut self) {
        if let Some(job) = self.load_job.take() {
            job.progress.cancel();
        }
    }

    /// Takes the outcome of a finished background read. A failed read keeps what was shown.
    pub(super) fn poll_load(&mut self) {
        let Some(outcome) = self.load_job.as_ref().and_then(LoadJob::poll) else {
            return;
        };
        let Some(job) = self.load_job.take() else {
            return;
        };
        match (outcome, job.purpose) {
            (Ok(layers), purpose @ (LoadPurpose::Open | LoadPurpose::Database)) => {
                self.problems = layers
                    .iter()
                    .flat_map(|layer| layer.problems.clone())
                    .collect();
                self.last_load_failed = false;
                // A query is not a file to open again (and its connection may hold a password).
                if purpose == LoadPurpose::Open {
                    self.recent.retain(|paths| *paths != job.paths);
                    self.recent.insert(0, job.paths);
                    self.recent.truncate(RECENT_MAX);
                }
                let first_new = self.data_layers.len();
                self.data_layers.extend(layers);
                self.rebuild();
                // A layer bound to the view shows what is in view: the view stays.
                if self.data_layers[first_new..]
                    .iter()
                    .all(|layer| layer.bound_query.is_none())
                {
                    self.zoom_to_layer(first_new);
                }
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
                    // The broken version is not read again until the file changes once more,
                    // and the layer says it shows older data until a reload succeeds.
                    layer.mark_read_now();
                    layer.stale_problems = error.problems.clone();
                }
                self.problems = error.problems;
                self.last_load_failed = true;
            }
        }
    }

    /// Reads changed files again, one at a time, in the background.
    pub(super) fn watch_files(&mut self, ctx: &egui::Context) {
        if self.data_layers.iter().all(DataLayer::is_built_in) {
            return;
        }
        let now = ctx.input(|input| input.time);
        if now >= self.next_disk_check {
            for (index, layer) in self.data_layers.iter_mut().enumerate() {
                // Only once the file has stopped changing, so it is not read half-written.
                if layer.changed_and_settled(now) && !self.reload_queue.contains(&index) {
                    self.reload_queue.push(index);
                }
            }
            let settling = self.data_layers.iter().any(DataLayer::is_settling);
            let interval = if settling {
                SETTLING_CHECK_SECS
            } else {
                DISK_CHECK_SECS
            };
            self.next_disk_check = now + interval;
        }
        // Wake up to look again even when nothing else moves on screen.
        ctx.request_repaint_after(std::time::Duration::from_secs_f64(
            (self.next_disk_check - now).max(0.0),
        ));
        if self.load_job.is_some() || self.reload_queue.is_empty() {
            return;
        }
        if self.editing.history.is_dirty() {
            // Reading the file again would drop the edits; Save asks about the change instead.
            self.reload_queue.clear();
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

    /// Starts an export in the background.
    pub(super) fn start_export(
        &mut self,
        ctx: &egui::Context,
        request: crate::export::ExportRequest,
    ) {
        let ctx = ctx.clone();
        self.export_notice = None;
        self.export_job = Some(ExportJob::start(request, move || ctx.request_repaint()));
    }

    /// How far the background export has come, for the export windows.
    pub(super) fn export_progress(&self) -> Option<ExportProgress<'_>> {
        self.export_job.as_ref().map(|job| {
            let (done_frames, total_frames) = job.progress();
            ExportProgress {
                path: job.path(),
                done_frames,
                total_frames,
            }
        })
    }

    /// Stops the background export.
    pub(super) fn cancel_export(&self) {
        if let Some(job) = &self.export_job {
            job.cancel();
        }
    }

    /// Takes the outcome of a finished background export.
    pub(super) fn poll_export(&mut self) {
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
}
