//! Reading files: the scenario format, the other formats a user may open (GeoJSON with times,
//! kepler.gl trips, OGC Moving Features JSON, CSV), times as text, and the built-in scenario.
//!
//! Every problem found in a file is a [`Problem`] that names the file, the line and column, and
//! what was expected.

mod atomic_file;
mod basemap_places;
mod builtin;
mod csv_folder;
mod date_entry;
mod formats;
mod geojson;
mod input_file;
mod load;
mod loaded;
pub(crate) mod locate;
mod mapped;
mod pmtiles_info;
mod postgres;
mod scenario_file;
mod scenario_time;
mod scenario_writer;
mod story_file;
mod time_text;

pub use atomic_file::{SaveError, write_atomically};
pub use basemap_places::{PlaceNames, place_names};
pub use builtin::{BUILTIN_FILES, builtin_scenario};
pub use csv_folder::{CsvFolderError, read_csv_folder, write_csv_folder};
pub use date_entry::{DateEntry, DateEntryError, parse_date_entry, parse_date_entry_in};
pub use formats::{Format, detect as detect_format, read_unless_scenario};
pub use input_file::{
    DEFAULT_MAX_INPUT_BYTES, EXCERPT_CHARS, InputError, decode, distinct_paths, excerpt, read_input,
};
pub use load::{LoadedGroup, load_groups, load_paths, load_paths_with, read_source, read_text};
pub use loaded::{IdKind, IdPlace, Loaded, SourceText, UniqueIds};
pub use pmtiles_info::{PmTilesArchive, PmTilesInfo, PmTilesInfoError};
pub use postgres::{
    DatabaseQuery, Fetched, QueryShape, ViewBounds, load_query, points_sql, query_shape, redacted,
    split_password, with_password,
};
pub use scenario_file::parse_scenario;
pub use scenario_writer::{save_scenario, scenario_to_json};
pub use time_text::{TimeText, parse_time, parse_time_in, parse_time_zone};

/// How far a read has got (shared with the thread that shows it), and whether to stop: the
/// progress of a background job.
pub use crate::job::Progress as ReadProgress;

use std::fmt;

/// Choices for reading files in formats other than the scenario format.
#[derive(Clone, Debug, Default)]
pub struct ReadOptions {
    /// The property (GeoJSON) or column (CSV) whose value joins points into one track, instead
    /// of the feature id or an `id` column.
    pub track_by: Option<String>,
    /// Where a long read reports how far it got, and hears that it should stop.
    pub progress: ReadProgress,
    /// A database query whose rows are read as one more layer.
    pub database: Option<DatabaseQuery>,
    /// The largest file read, in bytes; [`DEFAULT_MAX_INPUT_BYTES`] when `None`.
    pub max_input_bytes: Option<u64>,
}

impl ReadOptions {
    /// The largest file read, in bytes.
    pub fn max_input_bytes(&self) -> u64 {
        self.max_input_bytes.unwrap_or(DEFAULT_MAX_INPUT_BYTES)
    }
}

/// Something wrong with an input file, and where.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Problem {
    /// The file, as the user named it.
    pub file: String,
    /// 1-based line, 0 when the whole file is meant.
    pub line: usize,
    /// 1-based column, 0 when the whole file is meant.
    pub column: usize,
    /// What was wrong and what was expected.
    pub message: String,
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.line == 0 {
            write!(f, "{}: {}", self.file, self.message)
        } else {
            write!(
                f,
                "{}:{}:{}: {}",
                self.file, self.line, self.column, self.message
            )
        }
    }
}

/// Why a set of files could not be loaded at all.
#[derive(Debug, thiserror::Error)]
#[error("{}", problems.iter().map(ToString::to_string).collect::<Vec<_>>().join("\n"))]
pub struct LoadError {
    /// Every fatal problem found.
    pub problems: Vec<Problem>,
    /// Whether the read stopped because it was asked to, rather than because of the files.
    pub cancelled: bool,
}

impl LoadError {
    /// A load that failed because of `problems`.
    pub fn new(problems: Vec<Problem>) -> Self {
        Self {
            problems,
            cancelled: false,
        }
    }

    /// A load of `paths` that stopped because it was cancelled.
    pub fn cancelled(paths: &[std::path::PathBuf]) -> Self {
        let file = paths
            .first()
            .map(|path| path.display().to_string())
            .unwrap_or_default();
        Self {
            problems: vec![geojson::whole_file_problem(&file, "reading was cancelled")],
            cancelled: true,
        }
    }
}
