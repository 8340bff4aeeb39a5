//! A scenario as a folder of spreadsheets (`docs/FORMAT.md`, "Spreadsheets"): `sites.csv`,
//! `forces.csv`, `states.csv`, `control.csv`, `events.csv` and `sources.csv`, linked by ids, and
//! `scenario.geojson` holding the header (title, time zone, factions, stories). Reading the
//! folder gives back the scenario that was written.

mod read;
mod table;
mod write;

pub use read::read_csv_folder;
pub use write::{CsvFolderError, write_csv_folder};

use std::path::{Path, PathBuf};

/// The header file of a folder: a scenario file with no features.
pub const HEADER_FILE: &str = "scenario.geojson";

/// The spreadsheets of a folder, each with its columns in order.
pub const TABLES: [(&str, &[&str]); 6] = [
    ("sources.csv", SOURCE_COLUMNS),
    ("sites.csv", SITE_COLUMNS),
    ("control.csv", CONTROL_COLUMNS),
    ("forces.csv", FORCE_COLUMNS),
    ("states.csv", STATE_COLUMNS),
    ("events.csv", EVENT_COLUMNS),
];

const SOURCE_COLUMNS: &[&str] = &[
    "id",
    "listed",
    "outlet",
    "published",
    "url",
    "via",
    "strength",
    "weak",
];
const SITE_COLUMNS: &[&str] = &[
    "id",
    "name",
    "kind",
    "faction",
    "lon",
    "lat",
    "aliases",
    "coordinate_source",
    "coordinate_uncertainty_km",
    "note",
    "extra_json",
];
/// The columns every dated row (control change, state, event) ends with.
#[cfg(test)]
const DATED_COLUMNS: &[&str] = &[
    "start",
    "end",
    "precision",
    "earliest",
    "latest",
    "sources",
    "confidence",
    "confidence_note",
    "conflicting_reports_json",
    "extra_json",
];
const CONTROL_COLUMNS: &[&str] = &[
    "site",
    "faction",
    "status",
    "with",
    "note",
    "start",
    "end",
    "precision",
    "earliest",
    "latest",
    "sources",
    "confidence",
    "confidence_note",
    "conflicting_reports_json",
    "extra_json",
];
const FORCE_COLUMNS: &[&str] = &[
    "id",
    "name",
    "faction",
    "kind",
    "strength",
    "note",
    "sidc",
    "echelon",
    "designation",
    "higher_formation",
    "strength_figure",
    "extra_json",
];
/// The columns of `forces.csv` that hold the unit symbol's code and amplifiers.
const SYMBOL_COLUMNS: &[&str] = &[
    "sidc",
    "echelon",
    "designation",
    "higher_formation",
    "strength_figure",
];
const STATE_COLUMNS: &[&str] = &[
    "force",
    "status",
    "site",
    "lon",
    "lat",
    "from_site",
    "from_lon",
    "from_lat",
    "to_site",
    "to_lon",
    "to_lat",
    "waypoints_json",
    "mode",
    "route_reported",
    "destination",
    "strength",
    "note",
    "start",
    "end",
    "precision",
    "earliest",
    "latest",
    "sources",
    "confidence",
    "confidence_note",
    "conflicting_reports_json",
    "extra_json",
];
const EVENT_COLUMNS: &[&str] = &[
    "id",
    "kind",
    "title",
    "summary",
    "site",
    "lon",
    "lat",
    "place",
    "after",
    "start",
    "end",
    "precision",
    "earliest",
    "latest",
    "sources",
    "confidence",
    "confidence_note",
    "conflicting_reports_json",
    "extra_json",
];

/// Whether `path` is a folder holding spreadsheets of a scenario (at least one of [`TABLES`]
/// with its header row).
pub fn is_csv_folder(path: &Path) -> bool {
    path.is_dir() && has_a_table(path)
}

fn has_a_table(folder: &Path) -> bool {
    TABLES
        .iter()
        .any(|(name, columns)| has_header_row(&folder.join(name), columns))
}

/// Whether `path` is one of a folder's spreadsheets (by its name and its header row) or its
/// header file next to such spreadsheets, so that files given together are read as one folder.
pub fn is_csv_folder_member(path: &Path) -> bool {
    let Some(name) = path.file_name().and_then(|n| n.to_str()) else {
        return false;
    };
    if name == HEADER_FILE {
        return path.is_file() && path.parent().is_some_and(has_a_table);
    }
    TABLES
        .iter()
        .find(|(table, _)| *table == name)
        .is_some_and(|(_, columns)| has_header_row(path, columns))
}

/// Whether the CSV file at `path` starts with the header row of `columns`' first column.
fn has_header_row(path: &Path, columns: &[&str]) -> bool {
    use std::io::{BufRead as _, Read as _};
    let Ok(file) = std::fs::File::open(path) else {
        return false;
    };
    let mut first_line = String::new();
    if std::io::BufReader::new(file.take(64 * 1024))
        .read_line(&mut first_line)
        .is_err()
    {
        return false;
    }
    let first_line = first_line.trim_start_matches('\u{feff}');
    let delimiter = char::from(delimiter_of(first_line));
    first_line.split(delimiter).next().map(str::trim) == columns.first().copied()
}

/// The delimiter of a table from its header row: comma, or the semicolon or tab some
/// spreadsheet programs write instead, whichever the row holds most of.
pub(crate) fn delimiter_of(header_row: &str) -> u8 {
    [b',', b';', b'\t']
        .into_iter()
        .max_by_key(|&d| (header_row.bytes().filter(|&b| b == d).count(), d == b','))
        .unwrap_or(b',')
}

/// The folder a set of spreadsheets given together belongs to.
pub fn folder_of(path: &Path) -> PathBuf {
    if path.is_dir() {
        return path.to_path_buf();
    }
    match path.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent.to_path_buf(),
        _ => PathBuf::from("."),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_delimiter_is_the_one_the_header_row_uses() {
        assert_eq!(delimiter_of("id,listed,outlet"), b',');
        assert_eq!(delimiter_of("id;listed;outlet"), b';');
        assert_eq!(delimiter_of("id\tlisted\toutlet"), b'\t');
        assert_eq!(delimiter_of("id"), b',');
    }

    #[test]
    fn every_dated_table_ends_with_the_dated_columns_and_names_are_unique() {
        for columns in [CONTROL_COLUMNS, STATE_COLUMNS, EVENT_COLUMNS] {
            assert!(columns.ends_with(DATED_COLUMNS), "{columns:?}");
        }
        for (name, columns) in TABLES {
            let mut sorted = columns.to_vec();
            sorted.sort_unstable();
            sorted.dedup();
            assert_eq!(sorted.len(), columns.len(), "{name}");
        }
    }
}
