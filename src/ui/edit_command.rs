//! What edit mode asks the app for: the commands its toolbar, forms and questions push, apart
//! from the panels that push them so that the app's command list needs none of them.

use crate::map::MapDrop;
use crate::model::{Edit, LonLat};
use crate::selection::Selection;
use std::path::PathBuf;

/// What a click on empty map does in edit mode.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum EditTool {
    /// Adds a site there.
    #[default]
    AddSite,
    /// Adds an event there, at the current time.
    AddEvent,
    /// Sets the coordinates of the open site or event form.
    Pick,
}

/// What edit mode asks the app for.
#[derive(Clone, Debug)]
pub enum EditCommand {
    /// Turn edit mode on or off.
    SetEditMode(bool),
    /// What a click on empty map does.
    SetTool(EditTool),
    /// Add a site at a place and open its form.
    AddSiteAt(LonLat),
    /// Add an event at a place and the current time, and open its form.
    AddEventAt(LonLat),
    /// Add a force and open its form.
    AddForce,
    /// The map was clicked with the pick tool: the open form takes the place.
    Picked(LonLat),
    /// Apply an edit (undoable).
    Apply(Edit),
    /// A site or force was dragged on the map.
    Dropped(MapDrop),
    /// Apply the edit waiting for confirmation.
    ConfirmPending,
    /// Forget the edit waiting for confirmation.
    CancelPending,
    /// Take back the last edit.
    Undo,
    /// Do again the last edit taken back.
    Redo,
    /// Open the form of a site, force or event.
    OpenForm(Selection),
    /// Close a form without applying it.
    CloseForm(Selection),
    /// Save where the scenario came from, or ask where.
    Save,
    /// Ask where to save.
    SaveAs,
    /// Save to this path; `overwrite` when the user agreed to replace what is there.
    SaveTo {
        /// Where.
        path: PathBuf,
        /// Whether an existing file may be replaced.
        overwrite: bool,
    },
    /// Close the Save as window.
    CloseSaveAs,
    /// Start an empty scenario.
    NewScenario,
    /// Answer the question shown.
    Answer(Answer),
}

/// An answer to a edit mode's question.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Answer {
    /// Save the edits of the built-in scenario as a copy now.
    SaveCopy,
    /// Not now (Save will ask where).
    Later,
    /// Replace the file that changed on disk.
    Overwrite,
    /// Save somewhere else instead.
    SaveAsInstead,
    /// Save, then quit.
    SaveAndQuit,
    /// Quit and lose the unsaved changes.
    QuitWithoutSaving,
    /// Do nothing.
    Cancel,
    /// Take the recovered edits.
    Recover,
    /// Delete the recovered edits.
    DiscardRecovery,
}
