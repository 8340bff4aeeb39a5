//! Reading files: the scenario format, the other formats a user may open (GeoJSON with times,
//! kepler.gl trips, OGC Moving Features JSON, CSV), times as text, and the built-in scenario.
//!
//! Every problem found in a file is a [`Problem`] that names the file, the line and column, and
//! what was expected.

mod builtin;
mod formats;
mod locate;
mod pmtiles_info;
mod scenario_file;
mod scenario_time;
mod time_text;

pub use builtin::{BUILTIN_FILES, builtin_scenario};
pub use formats::{Format, detect as detect_format, read_unless_scenario};
pub use pmtiles_info::{PmTilesInfo, PmTilesInfoError};
pub use scenario_file::{
    Loaded, SourceText, load_paths, load_paths_with, parse_scenario, read_source, read_text,
};
pub use time_text::{TimeText, parse_time, parse_time_in, parse_time_zone};

use std::fmt;

/// Choices for reading files in formats other than the scenario format.
#[derive(Clone, Debug, Default)]
pub struct ReadOptions {
    /// The property (GeoJSON) or column (CSV) whose value joins points into one track, instead
    /// of the feature id or an `id` column.
    pub track_by: Option<String>,
    /// Where a long read reports how far it got, and hears that it should stop.
    pub progress: ReadProgress,
}

/// How far a read has got (shared with the thread that shows it), and whether to stop.
#[derive(Clone, Debug, Default)]
pub struct ReadProgress {
    thousandths: std::sync::Arc<std::sync::atomic::AtomicU32>,
    cancelled: std::sync::Arc<std::sync::atomic::AtomicBool>,
}

impl ReadProgress {
    /// Records that `fraction` (0 to 1) of the work is done.
    pub fn set(&self, fraction: f64) {
        let thousandths = (fraction.clamp(0.0, 1.0) * 1000.0) as u32;
        self.thousandths
            .store(thousandths, std::sync::atomic::Ordering::Relaxed);
    }

    /// The fraction done, 0 to 1.
    pub fn fraction(&self) -> f32 {
        self.thousandths.load(std::sync::atomic::Ordering::Relaxed) as f32 / 1000.0
    }

    /// Asks the read to stop.
    pub fn cancel(&self) {
        self.cancelled
            .store(true, std::sync::atomic::Ordering::Relaxed);
    }

    /// Whether the read should stop.
    pub fn is_cancelled(&self) -> bool {
        self.cancelled.load(std::sync::atomic::Ordering::Relaxed)
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
}
