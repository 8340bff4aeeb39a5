//! The scenario compiled into the binary, so the app runs with no arguments.

use super::{LoadError, Loaded, SourceText, parse_scenario};

/// The built-in scenario's files: their names in the repository and their text.
pub const BUILTIN_FILES: [(&str, &str); 4] = [
    (
        "data/scenario.geojson",
        include_str!("../../data/scenario.geojson"),
    ),
    (
        "data/sites.geojson",
        include_str!("../../data/sites.geojson"),
    ),
    (
        "data/forces.geojson",
        include_str!("../../data/forces.geojson"),
    ),
    (
        "data/events.geojson",
        include_str!("../../data/events.geojson"),
    ),
];

/// Parses the built-in scenario.
pub fn builtin_scenario() -> Result<Loaded, LoadError> {
    let sources: Vec<SourceText> = BUILTIN_FILES
        .iter()
        .map(|(name, text)| SourceText {
            name: (*name).to_string(),
            text: (*text).to_string(),
        })
        .collect();
    parse_scenario(&sources)
}
