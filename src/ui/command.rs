//! What the panels ask of the app, and the small read-only summaries they are shown. The panels
//! push [`AppCommand`]s; the app applies them once per frame and is the only place its state
//! changes.

use crate::export::ExportRequest;
use crate::map::LayerVisibility;
use crate::model::{DisplayZone, LonLat};
use crate::selection::Selection;
use crate::timeline::{PlaybackCommand, TimelineView};
use std::path::{Path, PathBuf};

/// What the chosen file is for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FilePurpose {
    /// Data files to open as layers.
    OpenData,
    /// A PMTiles file to use as the basemap.
    OpenBasemap,
}

impl FilePurpose {
    /// The window's title.
    pub(super) fn title(self) -> &'static str {
        match self {
            FilePurpose::OpenData => "Open files",
            FilePurpose::OpenBasemap => "Open basemap",
        }
    }

    /// The file name endings offered, lower case, without the dot.
    pub fn extensions(self) -> &'static [&'static str] {
        match self {
            FilePurpose::OpenData => &["geojson", "json", "csv", "txt"],
            FilePurpose::OpenBasemap => &["pmtiles"],
        }
    }

    /// What the formats are called.
    pub fn filter_name(self) -> &'static str {
        match self {
            FilePurpose::OpenData => "Scenario, GeoJSON, Moving Features JSON or CSV",
            FilePurpose::OpenBasemap => "PMTiles vector basemap",
        }
    }
}

/// Picture or animation.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ExportKind {
    /// One PNG.
    Snapshot,
    /// GIF, APNG or MP4.
    Animation,
    /// The story as GIF, APNG or MP4.
    Story,
}

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
    /// Fly to a chapter of the story and play it.
    GoToChapter(usize),
    /// The next chapter of the story (or, outside it, the chapter to return to).
    NextChapter,
    /// The previous chapter of the story (or, outside it, the chapter to return to).
    PreviousChapter,
    /// Space in a story: pause or resume the chapter, or go on to the next when it is over.
    ToggleStory,
    /// Leave story playback (the user moved the map or the time); the card offers a return.
    LeaveStory,
    /// Keep a force (its index) in the middle of the map while the time plays.
    Follow(usize),
    /// Stop following a force.
    StopFollowing,
    /// Switch the ruler tool on or off; while on, clicks on the map add ruler points.
    SetMeasuring(bool),
    /// Add a point to the ruler.
    AddRulerPoint(crate::map::RulerPoint),
    /// Remove the ruler's points and switch the tool off.
    ClearRuler,
    /// The unit the ruler writes lengths in.
    SetRulerUnit(crate::geodesy::LengthUnit),
    /// Show or hide the keyboard help.
    ShowHelp(bool),
    /// Show or hide the left panel (data, legend and events).
    ShowSidePanel(bool),
    /// Light or dark: the panels, the basemap and the exports.
    SetTheme(crate::theme::Theme),
    /// Draw OpenStreetMap's online tiles over the built-in basemap, or stop.
    SetOnlineBasemap(bool),
    /// Ask for files to open.
    OpenDialog,
    /// A file was chosen in the app's own file dialog.
    FileChosen(FilePurpose, PathBuf),
    /// Close the app's own file dialog.
    CloseFileDialog,
    /// Re-read the files the scenario came from.
    Reload,
    /// Close the problems window.
    DismissProblems,
    /// Show again why the last reload of a data layer failed.
    ShowStaleProblems(usize),
    /// Read files in the background and add them as layers.
    OpenFiles(Vec<PathBuf>),
    /// Stop waiting for a background read.
    CancelLoad,
    /// Open the "Open database…" dialog.
    OpenDatabaseDialog,
    /// Close it without opening anything.
    CloseDatabaseDialog,
    /// Read the rows of a database query in the background and add them as a layer; bound to
    /// the view, it is asked again for the time window and area in view as they change.
    OpenDatabase {
        /// The connection and the SQL.
        query: Box<crate::io::DatabaseQuery>,
        /// Whether the layer follows the view.
        bind_to_view: bool,
    },
    /// The property or column that joins points into tracks in files opened from now on;
    /// `None` for the feature id or id column.
    SetTrackBy(Option<String>),
    /// Show or hide a data layer.
    ToggleLayer(usize),
    /// Remove a data layer.
    RemoveLayer(usize),
    /// Fit the map and the timeline to a data layer.
    ZoomToLayer(usize),
    /// Which kinds of marks and which factions the map draws.
    SetLayerVisibility(LayerVisibility),
    /// The event list has scrolled to this event (the newest one started at the cursor); it
    /// scrolls again when that changes.
    EventListScrolledTo(Option<usize>),
    /// The span of time the timeline shows, after a zoom or a pan.
    SetTimelineView(TimelineView),
    /// Ask for a PMTiles file to use as the basemap.
    OpenBasemapDialog,
    /// Go back to the basemap compiled into the binary.
    UseBuiltInBasemap,
    /// Open the export dialog.
    OpenExportDialog(ExportKind),
    /// Close the export dialog without exporting.
    CloseExportDialog,
    /// Start an export in the background (and close the dialog).
    StartExport(Box<ExportRequest>),
    /// Stop the export running in the background.
    CancelExport,
    /// Close the note on what the last export did.
    DismissExportNotice,
    /// Show times in UTC or in the scenario's local time.
    SetDisplayZone(DisplayZone),
    /// Put a source's link on the clipboard.
    CopyLink(String),
    /// Open a source's link in the browser.
    OpenLink(String),
    /// Edit mode, edits, undo, redo and saving.
    Editing(crate::ui::edit_command::EditCommand),
}

/// How far a background read has come.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct LoadProgress {
    /// How many files are being read.
    pub file_count: usize,
    /// Seconds since the read started.
    pub elapsed_secs: f64,
    /// From 0 to 1.
    pub fraction: f32,
}

/// How far a background export has come.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct ExportProgress<'a> {
    /// The file being written.
    pub path: &'a Path,
    /// Frames written.
    pub done_frames: u32,
    /// Frames to write.
    pub total_frames: u32,
}
