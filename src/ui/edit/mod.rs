//! Edit mode: the toolbar, the forms for sites, forces and events, and the questions the app
//! asks before it saves, overwrites or quits. Like every panel, these get a read-only view and
//! push commands; the forms' drafts are their own state, lent to them while they draw.

mod event_form;
mod fields;
mod force_form;
mod prompts;
mod site_form;

pub use event_form::EventForm;
pub use force_form::{ForceForm, describe_state};
pub use prompts::{Prompt, SaveAsForm};
pub use site_form::SiteForm;

use crate::model::{Edit, Scenario, UnixSecs};
use crate::selection::Selection;
use crate::ui::command::AppCommand;
pub use crate::ui::edit_command::{EditCommand, EditTool};

/// Where the forms open: over the map, clear of the toolbar and the side panels.
const FORM_POSITION: egui::Pos2 = egui::pos2(560.0, 110.0);

/// An edit waiting for the user to confirm it, with what exactly it changes.
#[derive(Clone, Debug, PartialEq)]
pub struct PendingEdit {
    /// The lines shown: what is there now and what it becomes.
    pub changes: Vec<String>,
    /// What is applied on confirmation.
    pub edit: Edit,
}

/// The forms open, lent to the UI while it draws.
#[derive(Clone, Debug, Default)]
pub struct EditForms {
    /// The site being edited.
    pub site: Option<SiteForm>,
    /// The force being edited.
    pub force: Option<ForceForm>,
    /// The event being edited.
    pub event: Option<EventForm>,
    /// Where to save, while asking.
    pub save_as: Option<SaveAsForm>,
}

/// What the edit windows show.
pub struct EditorView<'a> {
    /// The scenario being edited.
    pub scenario: &'a Scenario,
    /// The current time, for new states and events.
    pub cursor: UnixSecs,
    /// Whether edit mode is on.
    pub edit_mode: bool,
    /// What a click on empty map does.
    pub tool: EditTool,
    /// What Undo would take back.
    pub undo_label: Option<&'static str>,
    /// What Redo would do again.
    pub redo_label: Option<&'static str>,
    /// Whether there are unsaved changes.
    pub dirty: bool,
    /// Where Save writes, if it knows.
    pub save_path: Option<&'a std::path::Path>,
    /// The edit waiting for confirmation.
    pub pending: Option<&'a PendingEdit>,
    /// The question being asked.
    pub prompt: Option<&'a Prompt>,
    /// What the last save or edit did, or why it failed.
    pub notice: Option<&'a str>,
    /// Problems found in the scenario, each naming the item it concerns.
    pub problems: &'a [(Option<Selection>, String)],
}

/// The switch for edit mode, in the menu bar.
pub fn edit_switch_ui(ui: &mut egui::Ui, edit_mode: bool, commands: &mut Vec<AppCommand>) {
    let mut on = edit_mode;
    if ui
        .toggle_value(&mut on, "Edit  (F2)")
        .on_hover_text("Add and move sites, forces and events")
        .changed()
    {
        commands.push(AppCommand::Editing(EditCommand::SetEditMode(on)));
    }
}

/// The edit toolbar, below the menu bar in edit mode: the click tool, undo and redo.
pub fn edit_toolbar_ui(ui: &mut egui::Ui, view: &EditorView<'_>, commands: &mut Vec<AppCommand>) {
    let push =
        |commands: &mut Vec<AppCommand>, command| commands.push(AppCommand::Editing(command));
    if !view.edit_mode {
        return;
    }
    egui::Panel::top("edit toolbar").show(ui, |ui| {
        ui.horizontal(|ui| {
            ui.label("Click on the map adds:");
            for (tool, label) in [
                (EditTool::AddSite, "a site"),
                (EditTool::AddEvent, "an event"),
                (EditTool::Pick, "coordinates for the form"),
            ] {
                if ui.selectable_label(view.tool == tool, label).clicked() {
                    push(commands, EditCommand::SetTool(tool));
                }
            }
            ui.separator();
            if ui.button("Add force…").clicked() {
                push(commands, EditCommand::AddForce);
            }
            ui.separator();
            let undo = view
                .undo_label
                .map_or("Undo".to_string(), |l| format!("Undo {l}"));
            if ui
                .add_enabled(view.undo_label.is_some(), egui::Button::new(undo))
                .on_hover_text("Ctrl+Z")
                .clicked()
            {
                push(commands, EditCommand::Undo);
            }
            let redo = view
                .redo_label
                .map_or("Redo".to_string(), |l| format!("Redo {l}"));
            if ui
                .add_enabled(view.redo_label.is_some(), egui::Button::new(redo))
                .on_hover_text("Ctrl+Shift+Z or Ctrl+Y")
                .clicked()
            {
                push(commands, EditCommand::Redo);
            }
            ui.separator();
            if view.dirty {
                ui.colored_label(crate::theme::LOW_CONFIDENCE, "• unsaved");
            }
            if !view.problems.is_empty() {
                ui.colored_label(
                    crate::theme::CONFLICT,
                    format!("{} problem(s)", view.problems.len()),
                )
                .on_hover_text(
                    view.problems
                        .iter()
                        .map(|(_, text)| text.as_str())
                        .collect::<Vec<_>>()
                        .join("\n"),
                );
            }
            if let Some(notice) = view.notice {
                ui.weak(notice);
            }
        });
    });
}

/// Above the inspector's details: the problems found in the selected item, and in edit mode a
/// button to edit it.
pub fn inspector_edit_ui(
    ui: &mut egui::Ui,
    selection: Selection,
    edit_mode: bool,
    problems: &[(Option<Selection>, String)],
    commands: &mut Vec<AppCommand>,
) {
    for (_, problem) in problems.iter().filter(|(item, _)| *item == Some(selection)) {
        ui.colored_label(crate::theme::CONFLICT, format!("Problem: {problem}"));
    }
    if edit_mode {
        let what = match selection {
            Selection::Site(_) => "Edit this site…",
            Selection::Force(_) => "Edit this force and its track…",
            Selection::Event(_) => "Edit this event…",
        };
        if ui.button(what).clicked() {
            commands.push(AppCommand::Editing(EditCommand::OpenForm(selection)));
        }
    }
}

/// The forms, the confirmation of a drag and the questions, as floating windows.
pub fn edit_windows_ui(
    ctx: &egui::Context,
    view: &EditorView<'_>,
    forms: &mut EditForms,
    commands: &mut Vec<AppCommand>,
) {
    if let Some(form) = forms.site.as_mut() {
        site_form::site_form_ui(ctx, view, form, commands);
    }
    if let Some(form) = forms.force.as_mut() {
        force_form::force_form_ui(ctx, view, form, commands);
    }
    if let Some(form) = forms.event.as_mut() {
        event_form::event_form_ui(ctx, view, form, commands);
    }
    if let Some(form) = forms.save_as.as_mut() {
        prompts::save_as_ui(ctx, form, commands);
    }
    if let Some(pending) = view.pending {
        prompts::pending_ui(ctx, pending, commands);
    }
    if let Some(prompt) = view.prompt {
        prompts::prompt_ui(ctx, prompt, commands);
    }
}

pub use prompts::Answer;
