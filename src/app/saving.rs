//! Saving the edited scenario: Save where it came from (asking when that file changed on disk,
//! and asking for a place when it came from the built-in scenario, another format or several
//! files), Save as, the questions' answers, and quitting with unsaved changes.

use super::DeployApp;
use crate::model::Scenario;
use crate::selection::Selection;
use crate::ui::edit::{Answer, Prompt, SaveAsForm};
use std::path::{Path, PathBuf};

/// The problems of `scenario`, each with the item it concerns, as the inspector and the
/// timeline mark them.
pub(super) fn problems_of(scenario: &Scenario) -> Vec<(Option<Selection>, String)> {
    use crate::model::CheckedItem;
    crate::model::check_scenario(scenario)
        .into_iter()
        .map(|finding| {
            let item = match finding.item {
                CheckedItem::ControlChange { site, .. } => Selection::Site(site),
                CheckedItem::State { force, .. } => Selection::Force(force),
                CheckedItem::Event(index) => Selection::Event(index),
            };
            (Some(item), finding.message)
        })
        .collect()
}

/// A file name for the scenario saved beside `origin` (a file of another format, or none).
fn suggested_path(origin: Option<&Path>, title: Option<&str>) -> PathBuf {
    let folder = origin
        .and_then(Path::parent)
        .map(Path::to_path_buf)
        .or_else(|| std::env::current_dir().ok())
        .unwrap_or_default();
    let stem = origin
        .and_then(Path::file_stem)
        .map(|stem| stem.to_string_lossy().into_owned())
        .or_else(|| {
            title.map(|title| {
                title
                    .chars()
                    .map(|c| {
                        if c.is_alphanumeric() {
                            c.to_ascii_lowercase()
                        } else {
                            '-'
                        }
                    })
                    .collect()
            })
        })
        .unwrap_or_else(|| "scenario".to_string());
    match origin {
        Some(_) => folder.join(format!("{stem}.scenario.geojson")),
        None => folder.join(format!("{stem}.geojson")),
    }
}

impl DeployApp {
    /// Save: where the scenario came from when it is a scenario file (asking first if it
    /// changed on disk), else asks where.
    pub(super) fn save(&mut self, ctx: &egui::Context) {
        let Some(path) = self.editing.save_path.clone() else {
            self.ask_where_to_save();
            return;
        };
        let changed = self
            .data_layers
            .iter()
            .find(|layer| layer.visible)
            .is_some_and(|layer| layer.paths == [path.clone()] && layer.changed_on_disk());
        if changed {
            self.editing.prompt = Some(Prompt::ChangedOnDisk(path));
            return;
        }
        self.save_to(ctx, path, true);
    }

    /// Opens the Save as window, with a name beside the data's own file.
    pub(super) fn ask_where_to_save(&mut self) {
        let origin = self
            .data_layers
            .iter()
            .find(|layer| layer.visible)
            .and_then(|layer| layer.paths.first().cloned());
        let path = self.editing.save_path.clone().unwrap_or_else(|| {
            suggested_path(origin.as_deref(), self.scenario.meta.title.as_deref())
        });
        self.editing.forms.save_as = Some(SaveAsForm {
            path: path.display().to_string(),
            overwrite: false,
        });
    }

    /// Writes the scenario to `path` (atomically; an existing file only with `overwrite`).
    pub(super) fn save_to(&mut self, ctx: &egui::Context, path: PathBuf, overwrite: bool) {
        match crate::io::save_scenario(&self.scenario, &path, overwrite) {
            Ok(()) => {
                self.editing.forms.save_as = None;
                self.editing.history.mark_saved();
                self.editing.save_path = Some(path.clone());
                if let Some(layer) = self.data_layers.iter_mut().find(|layer| layer.visible) {
                    layer.saved_as(path.clone());
                }
                self.editing.recovery.remove_own();
                self.editing.notice = Some(format!("Saved {}", path.display()));
                if self.editing.quit_after_save {
                    self.editing.may_close = true;
                    ctx.send_viewport_cmd(egui::ViewportCommand::Close);
                }
            }
            Err(error) => {
                self.editing.quit_after_save = false;
                self.editing.notice = Some(format!("Not saved: {error}"));
                if let Some(form) = self.editing.forms.save_as.as_mut() {
                    form.overwrite = false;
                }
            }
        }
    }

    /// Carries out the answer to the question shown.
    pub(super) fn answer(&mut self, ctx: &egui::Context, answer: Answer) {
        let prompt = self.editing.prompt.take();
        match (prompt, answer) {
            (Some(Prompt::BuiltInReadOnly), Answer::SaveCopy)
            | (Some(Prompt::ChangedOnDisk(_)), Answer::SaveAsInstead) => self.ask_where_to_save(),
            (Some(Prompt::ChangedOnDisk(path)), Answer::Overwrite) => self.save_to(ctx, path, true),
            (Some(Prompt::Quit), Answer::SaveAndQuit) => {
                self.editing.quit_after_save = true;
                self.save(ctx);
            }
            (Some(Prompt::Quit), Answer::QuitWithoutSaving) => {
                self.editing.recovery.remove_own();
                self.editing.may_close = true;
                ctx.send_viewport_cmd(egui::ViewportCommand::Close);
            }
            (Some(Prompt::Recovery { .. }), Answer::Recover) => self.recover(),
            (Some(Prompt::Recovery { .. }), Answer::DiscardRecovery) => {
                self.editing.recovery.discard_offer();
            }
            // Later, Cancel, or an answer to a question no longer asked.
            _ => {}
        }
    }

    /// Asks before the window closes with unsaved changes; returns whether it may close now.
    pub(super) fn may_close(&mut self, ctx: &egui::Context) -> bool {
        let close_requested = ctx.input(|input| input.viewport().close_requested());
        if !close_requested || self.editing.may_close || !self.editing.history.is_dirty() {
            if close_requested {
                self.editing.recovery.remove_own();
            }
            return true;
        }
        ctx.send_viewport_cmd(egui::ViewportCommand::CancelClose);
        self.editing.prompt = Some(Prompt::Quit);
        false
    }

    /// The window's title: "• " first when there are unsaved changes.
    pub(super) fn window_title(&self) -> String {
        let name = self
            .editing
            .save_path
            .as_ref()
            .and_then(|path| path.file_name())
            .map(|name| name.to_string_lossy().into_owned())
            .unwrap_or_else(|| self.title());
        let mark = if self.editing.history.is_dirty() {
            "• "
        } else {
            ""
        };
        if name.is_empty() {
            format!("{mark}deploymap")
        } else {
            format!("{mark}deploymap — {name}")
        }
    }
}

impl DeployApp {
    /// Writes the recovery file every few seconds while there are unsaved changes.
    pub(super) fn autosave(&mut self, ctx: &egui::Context) {
        if !self.editing.history.is_dirty() {
            return;
        }
        let now = ctx.input(|input| input.time);
        let version = self.editing.history.version();
        let layer = self.data_layers.iter().find(|layer| layer.visible);
        let origin = layer.map(|layer| layer.paths.clone()).unwrap_or_default();
        let label = layer.map_or_else(|| self.title(), |layer| layer.label.clone());
        let scenario = std::sync::Arc::clone(&self.scenario);
        let save_path = self.editing.save_path.clone();
        self.editing.recovery.tick(now, version, || {
            super::recovery::recovery_contents(&scenario, origin, label, save_path)
        });
        if let Some(error) = self.editing.recovery.error.take() {
            self.editing.notice = Some(error);
        }
        ctx.request_repaint_after(std::time::Duration::from_secs_f64(
            super::recovery::AUTOSAVE_SECS,
        ));
    }

    /// At start: asks about edits a crash left, and says so on the terminal too.
    pub(super) fn offer_recovery(&mut self) {
        let Some((path, file)) = self.editing.recovery.find_offer() else {
            return;
        };
        let contents = match file.scenario(&path) {
            Ok(scenario) => format!(
                "{} sites, {} forces, {} events",
                scenario.sites.len(),
                scenario.forces.len(),
                scenario.events.len()
            ),
            Err(error) => format!("unreadable: {error}"),
        };
        eprintln!(
            "deploymap: unsaved edits of {} from {} were kept in {}; the window offers to recover them",
            file.origin_text(),
            file.saved_at,
            path.display()
        );
        self.editing.prompt = Some(Prompt::Recovery {
            saved_at: file.saved_at.clone(),
            origin: file.origin_text(),
            contents,
        });
    }

    /// Takes the edits offered after a crash: they replace the data shown, unsaved, and Save
    /// writes them where the crashed window would have.
    pub fn recover(&mut self) {
        let Some(path) = self.editing.recovery.claim_offer() else {
            self.editing.notice = Some("The recovery file is gone.".into());
            return;
        };
        let read = super::recovery::RecoveryFile::read(&path)
            .and_then(|file| file.scenario(&path).map(|scenario| (file, scenario)));
        match read {
            Ok((file, scenario)) => {
                self.data_layers = vec![crate::data_layers::DataLayer::unsaved(
                    format!("Recovered: {}", file.origin_text()),
                    scenario,
                )];
                self.rebuild();
                self.editing.history = crate::model::EditHistory::default();
                self.editing.history.mark_unsaved();
                self.editing.save_path = file.save_path.clone();
                self.editing.told_read_only = true;
                self.editing.mode = true;
                self.editing.notice =
                    Some(format!("Recovered the edits of {}", file.origin_text()));
                self.editing.problems = problems_of(&self.scenario);
            }
            Err(error) => self.editing.notice = Some(format!("Not recovered: {error}")),
        }
    }

    /// At start (`--recover`): takes the edits a crash left without asking.
    pub fn recover_at_start(&mut self) {
        if matches!(self.editing.prompt, Some(Prompt::Recovery { .. })) {
            self.editing.prompt = None;
            self.recover();
        }
    }

    /// Starts an empty scenario in edit mode (`--new`).
    pub fn start_new_scenario(&mut self) {
        self.new_scenario();
    }
}
