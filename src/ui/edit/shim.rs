//! TEMPORARY until the data branch is merged: stand-ins for its writer, date parser and
//! outlet lookup, so this branch compiles. Removed at the merge.

use crate::model::{Dating, Scenario};
use std::path::Path;

pub fn save_scenario(_: &Scenario, path: &Path, _: bool) -> Result<(), String> {
    Err(format!("{}: the writer is not merged yet", path.display()))
}

pub fn scenario_to_json(_: &Scenario) -> String {
    String::new()
}

pub fn write_atomically(path: &Path, bytes: &[u8], _: bool) -> Result<(), String> {
    std::fs::write(path, bytes).map_err(|e| e.to_string())
}

pub fn parse_dating(text: &str) -> Result<Dating, String> {
    crate::io::parse_time(text).map(Dating::exact)
}

pub fn outlet_from_url(_: &str) -> Option<String> {
    None
}
