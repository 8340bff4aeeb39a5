//! The questions edit mode asks: where to save, whether to overwrite, whether to quit with
//! unsaved changes, whether to recover edits left by a crash, and the confirmation of a drag.

use super::{EditCommand, PendingEdit};
use crate::ui::command::AppCommand;
use egui::RichText;
use std::path::PathBuf;

/// A question waiting for an answer.
#[derive(Clone, Debug, PartialEq)]
pub enum Prompt {
    /// The first edit of the built-in scenario: it is read-only, so the edits go to a copy.
    BuiltInReadOnly,
    /// The file changed on disk since it was loaded; Save would replace those changes.
    ChangedOnDisk(PathBuf),
    /// Quitting with unsaved changes.
    Quit,
    /// Edits left by a session that did not end cleanly.
    Recovery {
        /// When they were saved, as text.
        saved_at: String,
        /// What they were edits of.
        origin: String,
        /// How many sites, forces and events they hold, as text.
        contents: String,
    },
}

pub use crate::ui::edit_command::Answer;

/// Where to save, as typed.
#[derive(Clone, Debug, Default)]
pub struct SaveAsForm {
    /// The path typed.
    pub path: String,
    /// Whether the user agreed to replace the file there.
    pub overwrite: bool,
}

fn answer(commands: &mut Vec<AppCommand>, answer: Answer) {
    commands.push(AppCommand::Editing(EditCommand::Answer(answer)));
}

/// Shows the question.
pub fn prompt_ui(ctx: &egui::Context, prompt: &Prompt, commands: &mut Vec<AppCommand>) {
    let title = match prompt {
        Prompt::BuiltInReadOnly => "The built-in scenario is read-only",
        Prompt::ChangedOnDisk(_) => "The file changed on disk",
        Prompt::Quit => "Unsaved changes",
        Prompt::Recovery { .. } => "Recover unsaved edits?",
    };
    egui::Window::new(title)

        .collapsible(false)
        .resizable(false)
        .anchor(egui::Align2::CENTER_CENTER, egui::Vec2::ZERO)
        .show(ctx, |ui| match prompt {
            Prompt::BuiltInReadOnly => {
                ui.label("Your edits are kept, and will be saved as a copy: the built-in scenario itself never changes.");
                ui.horizontal(|ui| {
                    if ui.button("Save a copy…").clicked() {
                        answer(commands, Answer::SaveCopy);
                    }
                    if ui.button("Later (Save asks where)").clicked() {
                        answer(commands, Answer::Later);
                    }
                });
            }
            Prompt::ChangedOnDisk(path) => {
                ui.label(format!(
                    "{} changed on disk since it was loaded. Saving replaces those changes with yours.",
                    path.display()
                ));
                ui.horizontal(|ui| {
                    if ui.button("Replace it").clicked() {
                        answer(commands, Answer::Overwrite);
                    }
                    if ui.button("Save as…").clicked() {
                        answer(commands, Answer::SaveAsInstead);
                    }
                    if ui.button("Cancel").clicked() {
                        answer(commands, Answer::Cancel);
                    }
                });
            }
            Prompt::Quit => {
                ui.label("The scenario has changes that are not saved.");
                ui.horizontal(|ui| {
                    if ui.button("Save and quit").clicked() {
                        answer(commands, Answer::SaveAndQuit);
                    }
                    if ui.button("Quit without saving").clicked() {
                        answer(commands, Answer::QuitWithoutSaving);
                    }
                    if ui.button("Cancel").clicked() {
                        answer(commands, Answer::Cancel);
                    }
                });
            }
            Prompt::Recovery {
                saved_at,
                origin,
                contents,
            } => {
                ui.label(format!(
                    "deploymap did not close cleanly. Edits of {origin} were kept at {saved_at} ({contents})."
                ));
                ui.horizontal(|ui| {
                    if ui.button("Recover them").clicked() {
                        answer(commands, Answer::Recover);
                    }
                    if ui.button("Discard them").clicked() {
                        answer(commands, Answer::DiscardRecovery);
                    }
                    if ui.button("Later").clicked() {
                        answer(commands, Answer::Later);
                    }
                });
            }
        });
}

/// Shows the drag's confirmation: exactly what will change.
pub fn pending_ui(ctx: &egui::Context, pending: &PendingEdit, commands: &mut Vec<AppCommand>) {
    egui::Window::new("Change the track?")
        .collapsible(false)
        .resizable(false)
        .anchor(egui::Align2::CENTER_CENTER, egui::Vec2::ZERO)
        .show(ctx, |ui| {
            for line in &pending.changes {
                ui.label(line);
            }
            ui.horizontal(|ui| {
                if ui.button("Apply").clicked() {
                    commands.push(AppCommand::Editing(EditCommand::ConfirmPending));
                }
                if ui.button("Cancel").clicked() {
                    commands.push(AppCommand::Editing(EditCommand::CancelPending));
                }
            });
        });
}

/// Asks where to save: a path typed, and whether to replace a file already there.
pub fn save_as_ui(ctx: &egui::Context, form: &mut SaveAsForm, commands: &mut Vec<AppCommand>) {
    let mut open = true;
    egui::Window::new("Save the scenario as")
        .open(&mut open)
        .collapsible(false)
        .default_width(460.0)
        .show(ctx, |ui| {
            ui.label("File (the scenario format, GeoJSON):");
            ui.add(
                egui::TextEdit::singleline(&mut form.path)
                    .id_salt("save as path")
                    .desired_width(440.0),
            );
            let path = PathBuf::from(form.path.trim());
            let exists = !form.path.trim().is_empty() && path.exists();
            if exists {
                ui.label(RichText::new("A file is there already.").color(crate::theme::CONFLICT));
                ui.checkbox(&mut form.overwrite, "Replace it");
            }
            let can_save = !form.path.trim().is_empty() && (!exists || form.overwrite);
            ui.horizontal(|ui| {
                if ui
                    .add_enabled(can_save, egui::Button::new("Save"))
                    .clicked()
                {
                    commands.push(AppCommand::Editing(EditCommand::SaveTo {
                        path: path.clone(),
                        overwrite: exists && form.overwrite,
                    }));
                }
                if ui.button("Cancel").clicked() {
                    commands.push(AppCommand::Editing(EditCommand::CloseSaveAs));
                }
            });
        });
    if !open {
        commands.push(AppCommand::Editing(EditCommand::CloseSaveAs));
    }
}
