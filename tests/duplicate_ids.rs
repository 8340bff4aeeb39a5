//! Ids given twice, in every format the program reads: within one file and across the files
//! given together, each is a problem that names both places, and the second is left out. The
//! same file given twice, under any spelling of its path, is read once. Checked through the
//! command line (`validate`, `state`) and the window's reader (`read_layers`), which share the
//! one loading path.

use deploymap::data_layers::read_layers;
use deploymap::io::ReadOptions;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("deploymap-dup-{}-{name}", std::process::id()));
    std::fs::remove_dir_all(&dir).ok();
    std::fs::create_dir_all(&dir).unwrap_or_else(|e| panic!("{e}"));
    dir
}

fn write(dir: &Path, name: &str, text: &str) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, text).unwrap_or_else(|e| panic!("{e}"));
    path
}

fn deploymap(args: &[&str], files: &[&Path], dir: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_deploymap"))
        .current_dir(dir)
        .args(args)
        .args(files)
        .output()
        .unwrap_or_else(|e| panic!("cannot run deploymap: {e}"))
}

/// Everything the program printed.
fn said(output: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    )
}

/// The one line of `text` about `id` given twice; panics unless there is exactly one.
fn twice_line<'a>(text: &'a str, id: &str) -> &'a str {
    let needle = format!("id \"{id}\" is used twice");
    let lines: Vec<&str> = text.lines().filter(|line| line.contains(&needle)).collect();
    assert_eq!(lines.len(), 1, "{text}");
    lines[0]
}

/// How many features `state` prints with `id`.
fn features_with_id(output: &Output, id: &str) -> usize {
    let state: serde_json::Value =
        serde_json::from_slice(&output.stdout).unwrap_or_else(|e| panic!("{e}: {}", said(output)));
    state["features"].as_array().map_or(0, |features| {
        features.iter().filter(|f| f["id"] == id).count()
    })
}

const CSV_A: &str = "id,time,lat,lon\n\
convoy,2026-01-10T00:00:00Z,35.0,36.0\n\
convoy,2026-01-12T00:00:00Z,35.0,38.0\n";

const CSV_B: &str = "id,time,lat,lon\n\
other,2026-01-10T00:00:00Z,34.0,36.0\n\
other,2026-01-12T00:00:00Z,34.5,36.0\n\
convoy,2026-01-10T00:00:00Z,34.0,37.0\n\
convoy,2026-01-12T00:00:00Z,34.0,38.0\n";

#[test]
fn a_track_id_in_two_csv_files_is_a_problem_naming_both_and_loads_once() {
    let dir = scratch("csv");
    let a = write(&dir, "a.csv", CSV_A);
    let b = write(&dir, "b.csv", CSV_B);
    let output = deploymap(&["validate"], &[&a, &b], &dir);
    let text = said(&output);
    assert_eq!(output.status.code(), Some(1), "{text}");
    let line = twice_line(&text, "convoy");
    // Where the second file gives it (row 4), and where the first did (row 2).
    assert!(line.contains("b.csv:4:1:"), "{line}");
    assert!(line.contains("a.csv:2:1"), "{line}");
    assert!(text.contains("1 problem(s); 0 sites, 2 forces"), "{text}");

    let output = deploymap(&["state", "--at", "2026-01-11"], &[&a, &b], &dir);
    assert!(output.status.success(), "{}", said(&output));
    assert_eq!(features_with_id(&output, "convoy"), 1, "{}", said(&output));
    assert_eq!(features_with_id(&output, "other"), 1, "{}", said(&output));
}

#[test]
fn a_force_id_of_a_scenario_file_given_again_by_a_csv_file_keeps_the_scenarios() {
    let dir = scratch("scenario-csv");
    let scenario = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/minimal.geojson");
    // The fixture's force, given at line 10.
    let force = "ru_qamishli";
    let csv = write(
        &dir,
        "tracks.csv",
        &format!(
            "id,time,lat,lon\n{force},2026-01-10T00:00:00Z,35.0,36.0\n{force},2026-01-12T00:00:00Z,35.0,38.0\n"
        ),
    );
    // The CSV first on the command line: the scenario files are still read first, and win.
    let output = deploymap(&["validate"], &[&csv, &scenario], &dir);
    let text = said(&output);
    assert_eq!(output.status.code(), Some(1), "{text}");
    let line = twice_line(&text, force);
    assert!(line.contains("tracks.csv:2:1:"), "{line}");
    assert!(line.contains("minimal.geojson:10:"), "{line}");
}

/// A FeatureCollection of two MF-JSON moving features, both with `id`.
fn mf_json_two_features(first: &str, second: &str) -> String {
    let feature = |id: &str, lat: f64| {
        format!(
            r#"    {{ "type": "Feature", "id": "{id}", "properties": {{ "name": "Walker" }},
      "temporalGeometry": {{ "type": "MovingPoint",
        "datetimes": ["2026-01-10T00:00:00Z", "2026-01-10T12:00:00Z"],
        "coordinates": [[36.0, {lat}], [36.5, {lat}]], "interpolation": "Linear" }} }}"#
        )
    };
    format!(
        "{{\n  \"type\": \"FeatureCollection\",\n  \"features\": [\n{},\n{}\n  ]\n}}\n",
        feature(first, 33.0),
        feature(second, 34.0)
    )
}

#[test]
fn an_mf_json_feature_id_given_twice_in_one_file_is_a_problem_with_both_lines() {
    let dir = scratch("mf-json");
    let file = write(&dir, "walkers.json", &mf_json_two_features("w1", "w1"));
    let output = deploymap(&["validate"], &[&file], &dir);
    let text = said(&output);
    assert_eq!(output.status.code(), Some(1), "{text}");
    let line = twice_line(&text, "w1");
    assert!(line.contains("walkers.json:8:5:"), "{line}");
    assert!(line.contains("walkers.json:4:5"), "{line}");
    assert!(text.contains("1 forces"), "{text}");

    let output = deploymap(&["state", "--at", "2026-01-10T06:00:00Z"], &[&file], &dir);
    assert_eq!(features_with_id(&output, "w1"), 1, "{}", said(&output));
}

#[test]
fn an_mf_json_id_and_a_timed_geojson_id_across_files_are_a_problem() {
    let dir = scratch("mf-geojson");
    let mf = write(&dir, "walkers.json", &mf_json_two_features("w1", "w2"));
    let trips = write(
        &dir,
        "trips.geojson",
        r#"{
  "type": "FeatureCollection",
  "features": [
    { "type": "Feature", "id": "w2", "properties": { "name": "Trip" },
      "geometry": { "type": "LineString", "coordinates": [
        [36.0, 35.0, 0, 1768003200], [37.0, 35.0, 0, 1768089600] ] } },
    { "type": "Feature", "id": "t9", "properties": { "name": "Trip 9" },
      "geometry": { "type": "LineString", "coordinates": [
        [36.0, 35.5, 0, 1768003200], [37.0, 35.5, 0, 1768089600] ] } },
    { "type": "Feature", "id": "t9", "properties": { "name": "Trip 9 again" },
      "geometry": { "type": "LineString", "coordinates": [
        [36.0, 36.0, 0, 1768003200], [37.0, 36.0, 0, 1768089600] ] } }
  ]
}
"#,
    );
    let output = deploymap(&["validate"], &[&mf, &trips], &dir);
    let text = said(&output);
    assert_eq!(output.status.code(), Some(1), "{text}");
    // Within the GeoJSON file: two trips with one id.
    let line = twice_line(&text, "t9");
    assert!(line.contains("trips.geojson:10:5:"), "{line}");
    assert!(line.contains("trips.geojson:7:5"), "{line}");
    // Across the files: the trip has the id of a moving feature read before it.
    let line = twice_line(&text, "w2");
    assert!(line.contains("trips.geojson:4:5:"), "{line}");
    assert!(line.contains("walkers.json:8:5"), "{line}");
    assert!(text.contains("2 problem(s); 0 sites, 3 forces"), "{text}");
}

#[test]
fn the_same_points_file_under_other_spellings_is_read_once_and_said_once() {
    let dir = scratch("spellings");
    let points =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/formats/points.geojson");
    let here = write(
        &dir,
        "points.geojson",
        &std::fs::read_to_string(&points).unwrap_or_else(|e| panic!("{e}")),
    );
    let link = dir.join("link.geojson");
    std::os::unix::fs::symlink(&here, &link).unwrap_or_else(|e| panic!("{e}"));
    let hard = dir.join("hard.geojson");
    std::fs::hard_link(&here, &hard).unwrap_or_else(|e| panic!("{e}"));
    let spellings = [
        Path::new("points.geojson"),
        Path::new("./points.geojson"),
        link.as_path(),
        hard.as_path(),
    ];
    let output = deploymap(&["state", "--at", "2026-01-11"], &spellings, &dir);
    let text = said(&output);
    assert!(output.status.success(), "{text}");
    assert_eq!(features_with_id(&output, "convoy"), 1, "{text}");
    // Each extra spelling is said once, and no id is reported as given twice.
    assert_eq!(
        text.matches("given twice; it is read once").count(),
        3,
        "{text}"
    );
    assert!(!text.contains("is used twice"), "{text}");
}

#[test]
fn the_windows_reader_reports_the_same_duplicates_and_loads_each_id_once() {
    let dir = scratch("window");
    let a = write(&dir, "a.csv", CSV_A);
    let b = write(&dir, "b.csv", CSV_B);
    let layers = read_layers(vec![a.clone(), b, a], &ReadOptions::default())
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(layers.len(), 2);
    let problems: Vec<String> = layers
        .iter()
        .flat_map(|layer| layer.problems.iter().map(ToString::to_string))
        .collect();
    let all = problems.join("\n");
    let line = twice_line(&all, "convoy");
    assert!(
        line.contains("b.csv:4:1:") && line.contains("a.csv:2:1"),
        "{line}"
    );
    assert_eq!(
        all.matches("given twice; it is read once").count(),
        1,
        "{all}"
    );
    let convoys = layers
        .iter()
        .flat_map(|layer| layer.scenario.forces.iter())
        .filter(|force| force.id == "convoy")
        .count();
    assert_eq!(convoys, 1, "{all}");
}
