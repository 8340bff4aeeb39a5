//! `deploymap export scenario`: Save as from the command line, run as a user runs it.

use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn deploymap(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_deploymap"))
        .args(args)
        .output()
        .unwrap_or_else(|e| panic!("cannot run deploymap: {e}"))
}

fn scratch(name: &str) -> PathBuf {
    let folder =
        std::env::temp_dir().join(format!("deploymap-cli-save-{}-{name}", std::process::id()));
    std::fs::remove_dir_all(&folder).ok();
    std::fs::create_dir_all(&folder).unwrap_or_else(|e| panic!("{}: {e}", folder.display()));
    folder
}

fn text(path: &Path) -> &str {
    path.to_str()
        .unwrap_or_else(|| panic!("{} is not UTF-8", path.display()))
}

fn stdout_json(output: &Output) -> Value {
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    serde_json::from_slice(&output.stdout).unwrap_or_else(|e| panic!("not JSON: {e}"))
}

#[test]
fn the_built_in_scenario_exported_as_a_file_gives_the_same_state_and_events() {
    let folder = scratch("builtin");
    let out = folder.join("syria.geojson");
    let written = deploymap(&["export", "scenario", "--out", text(&out)]);
    assert!(
        written.status.success(),
        "{}",
        String::from_utf8_lossy(&written.stderr)
    );
    assert!(String::from_utf8_lossy(&written.stdout).contains("wrote"));
    for at in ["2025-06-01", "2026-01-24T12:00:00Z", "2026-02-10"] {
        assert_eq!(
            stdout_json(&deploymap(&["state", "--at", at])),
            stdout_json(&deploymap(&["state", "--at", at, text(&out)])),
            "state at {at}"
        );
    }
    assert_eq!(
        stdout_json(&deploymap(&["events"])),
        stdout_json(&deploymap(&["events", text(&out)]))
    );
    let valid = deploymap(&["validate", text(&out)]);
    assert!(
        valid.status.success(),
        "{}",
        String::from_utf8_lossy(&valid.stdout)
    );

    // A second export refuses to overwrite, and leaves the file as it was; --force replaces it.
    let before = std::fs::read(&out).unwrap();
    std::fs::write(&out, b"not a scenario").unwrap();
    let refused = deploymap(&["export", "scenario", "--out", text(&out)]);
    assert!(!refused.status.success());
    let message = String::from_utf8_lossy(&refused.stderr);
    assert!(message.contains("already exists; use --force"), "{message}");
    assert_eq!(std::fs::read(&out).unwrap(), b"not a scenario");
    let forced = deploymap(&["export", "scenario", "--force", "--out", text(&out)]);
    assert!(forced.status.success());
    assert_eq!(std::fs::read(&out).unwrap(), before);
    std::fs::remove_dir_all(&folder).ok();
}

#[test]
fn a_csv_file_saved_as_a_scenario_keeps_its_tracks_and_the_csv_is_never_written() {
    let folder = scratch("csv");
    let csv = folder.join("tracks.csv");
    std::fs::copy("tests/fixtures/formats/tracks.csv", &csv).unwrap();
    let csv_before = std::fs::read(&csv).unwrap();
    let out = folder.join("tracks.geojson");
    let written = deploymap(&["export", "scenario", "--out", text(&out), text(&csv)]);
    assert!(
        written.status.success(),
        "{}",
        String::from_utf8_lossy(&written.stderr)
    );
    let positions = |state: &Value| -> Vec<(String, Value)> {
        state["features"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|f| f["properties"]["layer"] == "force")
            .map(|f| (f["id"].to_string(), f["geometry"].clone()))
            .collect()
    };
    for at in [
        "2026-01-10T00:00:00Z",
        "2026-01-10T12:00:00Z",
        "2026-01-12T00:00:00Z",
    ] {
        let from_csv = stdout_json(&deploymap(&["state", "--at", at, text(&csv)]));
        let from_file = stdout_json(&deploymap(&["state", "--at", at, text(&out)]));
        assert!(!positions(&from_csv).is_empty(), "{at}");
        assert_eq!(positions(&from_csv), positions(&from_file), "{at}");
    }

    // Not even with --force does the command line write over its input.
    let refused = deploymap(&[
        "export",
        "scenario",
        "--force",
        "--out",
        text(&csv),
        text(&csv),
    ]);
    assert!(!refused.status.success());
    assert!(String::from_utf8_lossy(&refused.stderr).contains("never writes to its inputs"));
    assert_eq!(std::fs::read(&csv).unwrap(), csv_before);
    std::fs::remove_dir_all(&folder).ok();
}

#[test]
fn state_at_a_time_of_the_spreadsheet_folder_equals_the_built_in_state() {
    let folder = scratch("sheets").join("sheets");
    let written = deploymap(&["export", "csv", "--out", text(&folder)]);
    assert!(
        written.status.success(),
        "{}",
        String::from_utf8_lossy(&written.stderr)
    );
    for at in [
        "2025-03-01",
        "2026-01-24T12:00:00Z",
        "2026-02-10T06:00:00+03:00",
    ] {
        assert_eq!(
            stdout_json(&deploymap(&["state", "--at", at])),
            stdout_json(&deploymap(&["state", "--at", at, text(&folder)])),
            "state at {at}"
        );
    }
    assert_eq!(
        stdout_json(&deploymap(&["events"])),
        stdout_json(&deploymap(&["events", text(&folder)]))
    );
    let valid = deploymap(&["validate", text(&folder)]);
    assert!(
        valid.status.success(),
        "{}",
        String::from_utf8_lossy(&valid.stdout)
    );
    let again = deploymap(&["export", "csv", "--out", text(&folder)]);
    assert!(!again.status.success());
    assert!(String::from_utf8_lossy(&again.stderr).contains("use --force"));
    // The folder read as input is never written to, even with --force.
    let into_input = deploymap(&[
        "export",
        "csv",
        "--force",
        "--out",
        text(&folder),
        text(&folder),
    ]);
    assert!(!into_input.status.success());
    std::fs::remove_dir_all(folder.parent().unwrap_or(&folder)).ok();
}
