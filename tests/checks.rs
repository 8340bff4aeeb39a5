//! The checks of facts (unsourced items, overlapping states, moves to nowhere, items dated after
//! their sources): `deploymap validate` prints the same list the window gets from
//! `model::check_scenario`, each at its place in the file.

use deploymap::io::load_paths;
use deploymap::model::{CheckKind, CheckedItem, check_scenario};
use std::path::Path;
use std::process::Command;

#[test]
fn validate_and_the_pure_checks_report_an_unsourced_state_and_overlapping_states() {
    let path =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/bad/unsourced_overlap.geojson");
    let output = Command::new(env!("CARGO_BIN_EXE_deploymap"))
        .arg("validate")
        .arg(&path)
        .output()
        .unwrap_or_else(|e| panic!("cannot run deploymap: {e}"));
    assert_eq!(output.status.code(), Some(1), "a warning fails validate");
    let stdout = String::from_utf8_lossy(&output.stdout);
    let printed: Vec<&str> = stdout
        .lines()
        .filter(|line| !line.contains(" problem(s); "))
        .collect();
    let name = path.display().to_string();
    assert_eq!(
        printed,
        [
            format!(
                "{name}:13:11: force \"unit\", track state 1 has no source; expected \"sources\": [{{\"outlet\": ..., \"url\": \"https://...\"}}]"
            ),
            format!(
                "{name}:17:11: force \"unit\", track state 3 starts at 2026-01-14 before track state 2 ends at 2026-01-16; expected states of one force that do not overlap"
            ),
        ]
    );

    // The overlapping state is kept, so the window can show it and saving keeps it.
    let loaded = load_paths(std::slice::from_ref(&path)).unwrap();
    assert_eq!(loaded.scenario.forces[0].track.len(), 3);
    let findings = check_scenario(&loaded.scenario);
    let kinds: Vec<(CheckKind, CheckedItem)> = findings.iter().map(|f| (f.kind, f.item)).collect();
    assert_eq!(
        kinds,
        [
            (
                CheckKind::Unsourced,
                CheckedItem::State { force: 0, state: 0 }
            ),
            (
                CheckKind::OverlappingStates,
                CheckedItem::State { force: 0, state: 2 }
            ),
        ]
    );
    // The same messages, in the same order, as validate prints after each place.
    let messages: Vec<&str> = findings.iter().map(|f| f.message.as_str()).collect();
    let after_place: Vec<&str> = printed
        .iter()
        .map(|line| line.splitn(4, ':').nth(3).unwrap_or_default().trim_start())
        .collect();
    assert_eq!(messages, after_place);
}

#[test]
fn a_state_dated_after_its_sources_and_a_move_to_nowhere_are_reported_where_they_are() {
    let text = r##"{
  "type": "FeatureCollection",
  "deploymap": { "time_zone": "+03:00" },
  "features": [
    { "type": "Feature", "id": "s", "geometry": { "type": "Point", "coordinates": [36.0, 35.0] },
      "properties": { "layer": "site", "name": "S", "kind": "town" } },
    { "type": "Feature", "id": "u", "geometry": null,
      "properties": { "layer": "force", "name": "U", "faction": "a", "kind": "ground", "track": [
        { "status": "stationed", "site": "s", "start": "2026-02-01", "precision": "exact",
          "sources": [{ "outlet": "AFP", "published": "2026-01-20", "url": "https://www.afp.com/x" }] },
        { "status": "moving", "from_site": "s", "to_site": "s", "start": "2026-02-02", "end": "2026-02-03",
          "precision": "exact", "sources": [{ "outlet": "AFP", "published": "2026-02-03", "url": "https://www.afp.com/y" }] },
        { "status": "departed", "start": "2026-02-04", "precision": "exact",
          "sources": [{ "outlet": "AFP", "published": "undated", "url": "https://www.afp.com/z" }] }
      ] } }
  ]
}"##;
    let loaded = deploymap::io::read_text("late.geojson", text).unwrap();
    let problems: Vec<String> = loaded.problems.iter().map(ToString::to_string).collect();
    assert_eq!(problems.len(), 3, "{problems:?}");
    assert!(
        problems[0].starts_with("late.geojson:9:9: "),
        "{problems:?}"
    );
    assert!(
        problems[0].contains(
            "begins 2026-02-01, after its sources were published (the latest on 2026-01-20)"
        ),
        "{problems:?}"
    );
    assert!(
        problems[1].starts_with("late.geojson:11:9: "),
        "{problems:?}"
    );
    assert!(
        problems[1].contains("moves to where it starts"),
        "{problems:?}"
    );
    assert!(
        problems[2].starts_with("late.geojson:13:9: "),
        "{problems:?}"
    );
    assert!(
        problems[2].contains("departs with no destination"),
        "{problems:?}"
    );
}
