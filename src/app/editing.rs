//! Edit mode in the window: the edits the forms and the map ask for, applied to the scenario
//! through the undo history, and the forms opened on what was added.

use super::DeployApp;
use crate::data_layers::DataLayer;
use crate::map::MapDrop;
use crate::model::new_items::{new_event, new_force, new_site, stationed};
use crate::model::{
    Dating, Edit, EditHistory, LonLat, Place, Provenance, Scenario, StateKind, edit::fresh_id,
    timestamp_from_unix_secs,
};
use crate::selection::Selection;
use crate::ui::edit::{
    EditCommand, EditForms, EditTool, EventForm, ForceForm, PendingEdit, Prompt, SiteForm,
};
use std::path::PathBuf;
use std::sync::Arc;

/// Edit mode's state.
#[derive(Default)]
pub(super) struct Editing {
    /// Whether edit mode is on.
    pub mode: bool,
    /// What a click on empty map does.
    pub tool: EditTool,
    /// The edits, for undo and redo, and whether they are saved.
    pub history: EditHistory,
    /// The open forms.
    pub forms: EditForms,
    /// A drag waiting for confirmation.
    pub pending: Option<PendingEdit>,
    /// The question being asked.
    pub prompt: Option<Prompt>,
    /// What the last save or edit did.
    pub notice: Option<String>,
    /// Where Save writes without asking: the scenario file the data came from, or where it
    /// was last saved.
    pub save_path: Option<PathBuf>,
    /// Whether the user was told the built-in scenario is read-only.
    pub told_read_only: bool,
    /// Quit once the save under way succeeds.
    pub quit_after_save: bool,
    /// The user agreed to quit (with or without saving): the next close request is let through.
    pub may_close: bool,
    /// Autosave to the recovery file.
    pub recovery: super::recovery::Autosave,
    /// Problems of the scenario as edited, each with the item it concerns.
    pub problems: Vec<(Option<Selection>, String)>,
}

impl DeployApp {
    /// Keeps the recovery file in `dir` instead of the data folder (tests, portable setups).
    /// What is offered for recovery is looked for there again.
    pub fn with_data_dir(mut self, dir: PathBuf) -> Self {
        self.editing.recovery = super::recovery::Autosave::in_dir(dir);
        if matches!(self.editing.prompt, Some(Prompt::Recovery { .. })) {
            self.editing.prompt = None;
        }
        self.offer_recovery();
        self
    }

    /// Whether edit mode is on.
    pub fn edit_mode(&self) -> bool {
        self.editing.mode
    }

    /// Whether the scenario has changes that are not saved.
    pub fn has_unsaved_changes(&self) -> bool {
        self.editing.history.is_dirty()
    }

    /// The question edit mode is asking, if any.
    pub fn edit_prompt(&self) -> Option<&Prompt> {
        self.editing.prompt.as_ref()
    }

    /// Where Save writes without asking.
    pub fn save_path(&self) -> Option<&std::path::Path> {
        self.editing.save_path.as_deref()
    }

    /// What the last save or edit did, or why it failed.
    pub fn edit_notice(&self) -> Option<&str> {
        self.editing.notice.as_deref()
    }

    /// The problems found in the scenario as edited.
    pub fn edit_problems(&self) -> &[(Option<Selection>, String)] {
        &self.editing.problems
    }

    /// What the edit toolbar and windows show.
    pub(super) fn editor_view(&self) -> crate::ui::edit::EditorView<'_> {
        let history = &self.editing.history;
        crate::ui::edit::EditorView {
            scenario: &self.scenario,
            cursor: self.playback.cursor,
            edit_mode: self.editing.mode,
            tool: self.editing.tool,
            undo_label: history.undo_label(),
            redo_label: history.redo_label(),
            dirty: history.is_dirty(),
            save_path: self.editing.save_path.as_deref(),
            pending: self.editing.pending.as_ref(),
            prompt: self.editing.prompt.as_ref(),
            notice: self.editing.notice.as_deref(),
            problems: &self.editing.problems,
        }
    }

    /// Carries out one command of edit mode.
    pub(super) fn apply_editing(&mut self, ctx: &egui::Context, command: EditCommand) {
        match command {
            EditCommand::SetEditMode(on) => {
                self.editing.mode = on;
                if on {
                    self.editing.problems = super::saving::problems_of(&self.scenario);
                    self.leave_story();
                    self.following = None;
                }
            }
            EditCommand::SetTool(tool) => self.editing.tool = tool,
            EditCommand::AddSiteAt(position) => {
                let index = self.scenario.sites.len();
                let id = fresh_id(&self.scenario, "site");
                let name = format!("New site {}", index + 1);
                let site = new_site(id, name, position);
                if self.edit(Edit::InsertSite {
                    index,
                    site: Box::new(site),
                }) {
                    self.open_form(Selection::Site(index));
                }
            }
            EditCommand::AddEventAt(position) => {
                let id = fresh_id(&self.scenario, "event");
                let start = timestamp_from_unix_secs(self.playback.cursor);
                let event = new_event(
                    id.clone(),
                    "New event".into(),
                    Dating::exact(start),
                    None,
                    Some(position),
                );
                if self.edit(Edit::AddEvent(Box::new(event)))
                    && let Some(index) = self.scenario.events.iter().position(|e| e.id == id)
                {
                    self.open_form(Selection::Event(index));
                }
            }
            EditCommand::AddForce => {
                let index = self.scenario.forces.len();
                let id = fresh_id(&self.scenario, "force");
                let faction = self
                    .scenario
                    .factions
                    .first()
                    .map_or_else(String::new, |faction| faction.id.clone());
                let force = new_force(id, format!("New force {}", index + 1), faction);
                if self.edit(Edit::InsertForce {
                    index,
                    force: Box::new(force),
                }) {
                    self.open_form(Selection::Force(index));
                }
            }
            EditCommand::Picked(position) => {
                let forms = &mut self.editing.forms;
                if let Some(form) = forms.site.as_mut() {
                    form.pick(position);
                } else if let Some(form) = forms.event.as_mut() {
                    form.pick(position);
                } else if let Some(form) = forms.force.as_mut() {
                    form.pick(position);
                }
            }
            EditCommand::Apply(edit) => {
                self.edit(edit);
            }
            EditCommand::Dropped(drop) => self.dropped(drop),
            EditCommand::ConfirmPending => {
                if let Some(pending) = self.editing.pending.take() {
                    self.edit(pending.edit);
                }
            }
            EditCommand::CancelPending => self.editing.pending = None,
            EditCommand::Undo => self.undo_or_redo(true),
            EditCommand::Redo => self.undo_or_redo(false),
            EditCommand::OpenForm(selection) => self.open_form(selection),
            EditCommand::CloseForm(selection) => {
                let forms = &mut self.editing.forms;
                match selection {
                    Selection::Site(_) => forms.site = None,
                    Selection::Force(_) => forms.force = None,
                    Selection::Event(_) => forms.event = None,
                }
            }
            EditCommand::Save => self.save(ctx),
            EditCommand::SaveAs => self.ask_where_to_save(),
            EditCommand::SaveTo { path, overwrite } => self.save_to(ctx, path, overwrite),
            EditCommand::CloseSaveAs => {
                self.editing.forms.save_as = None;
                self.editing.quit_after_save = false;
            }
            EditCommand::NewScenario => self.new_scenario(),
            EditCommand::Answer(answer) => self.answer(ctx, answer),
        }
    }

    /// Starts an empty scenario in edit mode, replacing the layers shown.
    pub(super) fn new_scenario(&mut self) {
        if self.editing.history.is_dirty() {
            self.editing.notice =
                Some("Save or undo the changes first: a new scenario would replace them.".into());
            return;
        }
        self.data_layers = vec![DataLayer::unsaved(
            "New scenario".into(),
            Scenario::default(),
        )];
        self.rebuild();
        self.editing.history = EditHistory::default();
        self.editing.save_path = None;
        self.editing.forms = EditForms::default();
        self.editing.mode = true;
        self.editing.told_read_only = true;
    }

    /// Applies `edit` through the history; returns whether it was applied (a refusal is shown).
    pub(super) fn edit(&mut self, edit: Edit) -> bool {
        self.adopt_document();
        let mut scenario = (*self.scenario).clone();
        match self.editing.history.apply(&mut scenario, edit) {
            Ok(()) => {
                self.editing.notice = None;
                self.replace_scenario(scenario);
                self.after_first_edit();
                true
            }
            Err(error) => {
                self.editing.notice = Some(format!("Not changed: {error}"));
                false
            }
        }
    }

    fn undo_or_redo(&mut self, undo: bool) {
        let mut scenario = (*self.scenario).clone();
        let history = &mut self.editing.history;
        let result = if undo {
            history.undo(&mut scenario)
        } else {
            history.redo(&mut scenario)
        };
        match result {
            Ok(true) => {
                self.editing.notice = None;
                self.replace_scenario(scenario);
            }
            Ok(false) => {}
            Err(error) => self.editing.notice = Some(format!("Not changed: {error}")),
        }
    }

    /// Makes the visible data one layer that edits go to: the only visible layer, or the
    /// visible layers joined into a new one that Save will ask a place for.
    fn adopt_document(&mut self) {
        let visible: Vec<usize> = (0..self.data_layers.len())
            .filter(|&i| self.data_layers[i].visible)
            .collect();
        match visible[..] {
            [only] => {
                if self.editing.save_path.is_none() && !self.editing.history.is_dirty() {
                    let layer = &self.data_layers[only];
                    if layer.format == crate::io::Format::Scenario && layer.paths.len() == 1 {
                        self.editing.save_path = layer.paths.first().cloned();
                    }
                }
            }
            _ => {
                let label = if visible.is_empty() {
                    "New scenario".to_string()
                } else {
                    "Edited scenario".to_string()
                };
                let joined = (*self.scenario).clone();
                for &index in visible.iter().rev() {
                    self.data_layers.remove(index);
                }
                self.data_layers.push(DataLayer::unsaved(label, joined));
                self.scenario = crate::data_layers::joined(&self.data_layers);
                self.editing.save_path = None;
            }
        }
    }

    /// After the first edit of the built-in scenario, says that it will be saved as a copy.
    fn after_first_edit(&mut self) {
        let built_in = self
            .data_layers
            .iter()
            .any(|layer| layer.visible && layer.is_built_in() && layer.label == BUILT_IN_LABEL);
        if built_in && !self.editing.told_read_only {
            self.editing.told_read_only = true;
            self.editing.prompt = Some(Prompt::BuiltInReadOnly);
        }
    }

    /// Shows `scenario` (a new allocation, so what is cached per scenario is built again) and
    /// keeps the layer it belongs to, the time range and the open forms in step with it.
    pub(super) fn replace_scenario(&mut self, scenario: Scenario) {
        let scenario = Arc::new(scenario);
        if let Some(layer) = self.data_layers.iter_mut().find(|layer| layer.visible) {
            layer.scenario = Arc::clone(&scenario);
        }
        self.scenario = scenario;
        self.event_starts = self.scenario.event_starts();
        if let Some(range) = self.scenario.time_range() {
            let cursor = self.playback.cursor;
            self.playback.set_range(range);
            self.playback
                .apply(crate::timeline::PlaybackCommand::SetTime(cursor), &[]);
        }
        let valid = match self.selected {
            Some(Selection::Site(i)) => i < self.scenario.sites.len(),
            Some(Selection::Force(i)) => i < self.scenario.forces.len(),
            Some(Selection::Event(i)) => i < self.scenario.events.len(),
            None => true,
        };
        if !valid {
            self.selected = None;
        }
        self.refresh_forms();
        self.editing.problems = super::saving::problems_of(&self.scenario);
    }

    /// Opens the form of a site, force or event, and selects it.
    fn open_form(&mut self, selection: Selection) {
        let scenario = Arc::clone(&self.scenario);
        let forms = &mut self.editing.forms;
        match selection {
            Selection::Site(i) => forms.site = scenario.sites.get(i).map(|s| SiteForm::new(i, s)),
            Selection::Force(i) => {
                forms.force = scenario.forces.get(i).map(|f| ForceForm::new(i, f));
            }
            Selection::Event(i) => {
                forms.event = scenario.events.get(i).map(|e| EventForm::new(i, e));
            }
        }
        self.selected = Some(selection);
    }

    /// Reopens the forms on what they show after an edit, undo or redo, so they never apply an
    /// old draft over a newer scenario. Forms whose item is gone close.
    fn refresh_forms(&mut self) {
        let scenario = Arc::clone(&self.scenario);
        let forms = &mut self.editing.forms;
        if let Some(form) = forms.site.as_ref() {
            forms.site = scenario
                .sites
                .get(form.index)
                .map(|site| SiteForm::new(form.index, site));
        }
        if let Some(form) = forms.force.as_ref() {
            let state = form.state.clone();
            forms.force = scenario.forces.get(form.index).map(|force| {
                let mut new = ForceForm::new(form.index, force);
                new.state = state;
                new
            });
        }
        if let Some(form) = forms.event.as_ref() {
            let id = form.draft.id.clone();
            forms.event = scenario
                .events
                .iter()
                .position(|event| event.id == id)
                .map(|index| EventForm::new(index, &scenario.events[index]));
        }
    }

    /// A site dragged moves at once (undoable); a force dragged at a time asks first, showing
    /// how the state in force then changes.
    fn dropped(&mut self, drop: MapDrop) {
        match drop.what {
            Selection::Site(index) => {
                self.edit(Edit::MoveSite { index, to: drop.at });
            }
            Selection::Force(force) => {
                self.editing.pending = self.force_drop(force, drop);
            }
            Selection::Event(_) => {}
        }
    }

    /// The edit a force dropped on the map asks for: stationed at the site it was dropped on
    /// (or the point) from the current time; the state in force is replaced when it starts at
    /// this very time.
    fn force_drop(&self, force_index: usize, drop: MapDrop) -> Option<PendingEdit> {
        let scenario = &self.scenario;
        let force = scenario.forces.get(force_index)?;
        let place = match drop.onto {
            Some(Selection::Site(site)) => Place {
                site: Some(site),
                position: scenario.sites.get(site)?.position,
            },
            _ => Place {
                site: None,
                position: drop.at,
            },
        };
        let t = self.playback.cursor;
        let start = timestamp_from_unix_secs(t);
        let describe =
            |state: &crate::model::TrackState| crate::ui::edit::describe_state(scenario, state);
        let in_force = force.track.index_at(t);
        let mut changes = vec![format!("{}:", force.name)];
        let in_force_state = in_force.and_then(|i| force.track.get(i).map(|state| (i, state)));
        let edit = match in_force_state
            .as_ref()
            .map(|(i, state)| (*i, state.as_ref()))
        {
            Some((index, state))
                if state.dating.start == start
                    && matches!(state.kind, StateKind::Stationed { .. }) =>
            {
                let mut new = state.clone();
                new.kind = StateKind::Stationed { place };
                changes.push(format!("now:      {}", describe(state)));
                changes.push(format!("becomes:  {}", describe(&new)));
                changes.push("Its sources stay as they are: check that they say so.".into());
                Edit::SetState {
                    force: force_index,
                    index,
                    state: Box::new(new),
                }
            }
            other => {
                let new = stationed(place, Dating::exact(start), Provenance::default());
                if let Some((_, state)) = other {
                    changes.push(format!("in force: {}", describe(state)));
                    changes.push("         (it ends where the new state begins)".into());
                }
                changes.push(format!("new:      {}", describe(&new)));
                changes
                    .push("The new state has no source yet: add one in the force's form.".into());
                Edit::AddState {
                    force: force_index,
                    state: Box::new(new),
                }
            }
        };
        Some(PendingEdit { changes, edit })
    }

    /// A click on empty map in edit mode, with the tool chosen.
    pub(super) fn clicked_in_edit_mode(&self, position: LonLat) -> EditCommand {
        match self.editing.tool {
            EditTool::AddSite => EditCommand::AddSiteAt(position),
            EditTool::AddEvent => EditCommand::AddEventAt(position),
            EditTool::Pick => EditCommand::Picked(position),
        }
    }
}

/// The label of the built-in layer, which [`DataLayer::unsaved`] layers never carry.
const BUILT_IN_LABEL: &str = "Built-in scenario";
