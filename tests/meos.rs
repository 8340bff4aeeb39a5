//! MF-JSON as MobilityDB/MEOS writes it: the fixtures in tests/fixtures/meos/ were written by
//! PyMEOS (tools/meos/make_fixtures.py); these tests need no Python.

use deploymap::cli::run_state;
use deploymap::io::{Format, ReadOptions, detect_format, load_paths_with, read_unless_scenario};
use deploymap::model::{ForceStatus, LonLat, Scenario, state_at, unix_secs};
use std::path::PathBuf;

fn fixture(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/meos")
        .join(name)
}

fn load(name: &str) -> deploymap::io::Loaded {
    load_paths_with(&[fixture(name)], &ReadOptions::default())
        .unwrap_or_else(|e| panic!("{name}: {e}"))
}

fn secs(text: &str) -> f64 {
    unix_secs(text.parse().unwrap_or_else(|e| panic!("{text}: {e}")))
}

/// The status and position of force `id` at `time`, if it has a state then.
fn at(scenario: &Scenario, id: &str, time: &str) -> Option<(ForceStatus, LonLat)> {
    let index = scenario.forces.iter().position(|f| f.id == id)?;
    state_at(scenario, secs(time))
        .forces
        .into_iter()
        .find(|at| at.force == index)
        .map(|at| (at.status, at.position))
}

fn close(a: LonLat, lon: f64, lat: f64) -> bool {
    (a.x() - lon).abs() < 1e-9 && (a.y() - lat).abs() < 1e-9
}

#[test]
fn a_meos_sequence_in_a_feature_moves_linearly() {
    let loaded = load("sequence.json");
    assert!(loaded.problems.is_empty(), "{:?}", loaded.problems);
    let scenario = &loaded.scenario;
    assert_eq!(scenario.forces.len(), 1);
    assert_eq!(scenario.forces[0].name, "Convoy 1");
    // Start and end exactly; halfway in time lies between the first two fixes.
    let Some((ForceStatus::Moving { progress }, position)) =
        at(scenario, "convoy-1", "2025-01-01T03:00:00Z")
    else {
        panic!("moving at 03:00 expected");
    };
    assert!((progress - 0.5).abs() < 1e-9);
    assert!(position.x() > 30.45 && position.x() < 30.55, "{position:?}");
    let Some((_, start)) = at(scenario, "convoy-1", "2025-01-01T00:00:00Z") else {
        panic!("placed at 00:00 expected");
    };
    assert!(close(start, 30.0, 40.0), "{start:?}");
}

#[test]
fn a_sequence_set_leaves_the_unit_absent_in_its_gap() {
    let loaded = load("sequence-set-gap.json");
    // The "crs" of EPSG:4326 is understood, the nested bbox and period are skipped.
    assert!(loaded.problems.is_empty(), "{:?}", loaded.problems);
    let scenario = &loaded.scenario;
    let id = scenario.forces[0].id.clone();
    assert!(matches!(
        at(scenario, &id, "2025-01-01T03:00:00Z"),
        Some((ForceStatus::Moving { .. }, _))
    ));
    for inside_the_gap in [
        "2025-01-01T06:00:00Z",
        "2025-01-01T09:00:00Z",
        "2025-01-01T11:59:59Z",
    ] {
        assert!(
            matches!(
                at(scenario, &id, inside_the_gap),
                Some((ForceStatus::Departed, _))
            ),
            "{inside_the_gap}: {:?}",
            at(scenario, &id, inside_the_gap)
        );
    }
    let Some((ForceStatus::Moving { .. }, position)) = at(scenario, &id, "2025-01-01T15:00:00Z")
    else {
        panic!("moving again at 15:00 expected");
    };
    assert!(position.x() > 32.45 && position.x() < 32.55, "{position:?}");
    // Not interpolated across the gap: no movement spans it (the timeline draws movements only).
    assert!(scenario.forces[0].track.iter().all(|state| {
        !matches!(state.kind, deploymap::model::StateKind::Moving { .. })
            || state.dating.end_secs() <= secs("2025-01-01T06:00:00Z")
            || state.dating.start_secs() >= secs("2025-01-01T12:00:00Z")
    }));
}

#[test]
fn the_state_command_places_no_unit_inside_a_gap() {
    let run = |time: &str| {
        let mut out = Vec::new();
        let mut err = Vec::new();
        run_state(
            time,
            &[fixture("sequence-set-gap.json")],
            &ReadOptions::default(),
            &mut out,
            &mut err,
        )
        .unwrap_or_else(|e| panic!("{e}"));
        let json: serde_json::Value =
            serde_json::from_slice(&out).unwrap_or_else(|e| panic!("{e}"));
        json["features"][0].clone()
    };
    let in_gap = run("2025-01-01T09:00:00Z");
    assert!(in_gap["geometry"].is_null(), "{in_gap}");
    assert_eq!(in_gap["properties"]["status"], "departed", "{in_gap}");
    let after = run("2025-01-01T12:00:00Z");
    assert_eq!(
        after["geometry"]["coordinates"],
        serde_json::json!([32.0, 41.0])
    );
}

#[test]
fn a_step_sequence_holds_each_position() {
    let loaded = load("step-sequence.json");
    assert!(loaded.problems.is_empty(), "{:?}", loaded.problems);
    let scenario = &loaded.scenario;
    let id = scenario.forces[0].id.clone();
    let Some((ForceStatus::Stationed { .. }, held)) = at(scenario, &id, "2025-01-01T05:59:00Z")
    else {
        panic!("stationed expected");
    };
    assert!(close(held, 30.0, 40.0), "{held:?}");
    let Some((_, next)) = at(scenario, &id, "2025-01-01T06:00:00Z") else {
        panic!("placed expected");
    };
    assert!(close(next, 31.0, 40.5), "{next:?}");
}

#[test]
fn bare_temporal_geometries_load_alone_or_in_an_array() {
    let single = load("bare-sequence.json");
    assert_eq!(single.scenario.forces.len(), 1);
    let array = load("bare-array.json");
    assert!(array.problems.is_empty(), "{:?}", array.problems);
    let scenario = &array.scenario;
    assert_eq!(
        scenario.forces.len(),
        3,
        "an instant, a discrete sequence, a sequence set"
    );
    let ids: Vec<String> = scenario.forces.iter().map(|f| f.id.clone()).collect();
    // The instant holds its one position from its time on.
    let Some((_, instant)) = at(scenario, &ids[0], "2025-01-02T01:00:00Z") else {
        panic!("instant placed expected");
    };
    assert!(close(instant, 35.0, 35.0), "{instant:?}");
    // Discrete instants are held until the next one.
    let Some((ForceStatus::Stationed { .. }, discrete)) =
        at(scenario, &ids[1], "2025-01-02T03:00:00Z")
    else {
        panic!("discrete held expected");
    };
    assert!(close(discrete, 36.0, 36.0), "{discrete:?}");
    assert!(matches!(
        at(scenario, &ids[2], "2025-01-02T03:00:00Z"),
        Some((ForceStatus::Moving { .. }, _))
    ));
    let text = std::fs::read_to_string(fixture("bare-array.json")).unwrap_or_default();
    assert_eq!(detect_format(&text), Format::MovingFeatures);
}

fn read_text(text: &str) -> Result<deploymap::io::Loaded, deploymap::io::LoadError> {
    let (format, result) = read_unless_scenario("test.json", text, 0, &ReadOptions::default())
        .unwrap_or_else(|| panic!("taken for a scenario: {text}"));
    assert_eq!(format, Format::MovingFeatures);
    result
}

#[test]
fn interpolation_may_be_a_one_element_array_under_either_name() {
    let text = |key: &str, value: &str| {
        format!(
            r#"{{"type": "MovingPoint", "{key}": {value},
                "coordinates": [[30, 40], [31, 40]],
                "datetimes": ["2025-01-01T00:00:00Z", "2025-01-01T02:00:00Z"]}}"#
        )
    };
    for (key, value, moving) in [
        ("interpolations", r#"["Linear"]"#, true),
        ("interpolation", r#"["Linear"]"#, true),
        ("interpolations", r#""Step""#, false),
        ("interpolation", r#"["Step"]"#, false),
    ] {
        let loaded = read_text(&text(key, value)).unwrap_or_else(|e| panic!("{e}"));
        assert!(loaded.problems.is_empty(), "{:?}", loaded.problems);
        let status = at(&loaded.scenario, "moving-feature-1", "2025-01-01T01:00:00Z")
            .map(|(status, _)| status);
        assert_eq!(
            matches!(status, Some(ForceStatus::Moving { .. })),
            moving,
            "{key}: {value} gave {status:?}"
        );
    }
    let two = read_text(&text("interpolations", r#"["Linear", "Step"]"#));
    let message = two.err().map(|e| e.to_string()).unwrap_or_default();
    assert!(message.contains("more than one name"), "{message}");
}

#[test]
fn serde_errors_carry_their_real_line_and_column() {
    // "sequences" must be a list; serde stops at the end of the string, line 4, column 22.
    let text = "[\n  {\"type\": \"MovingPoint\",\n   \"interpolation\": \"Linear\",\n   \"sequences\": \"oops\"}\n]\n";
    let error = read_text(text).err().unwrap_or_else(|| panic!("accepted"));
    let problem = &error.problems[0];
    assert_eq!((problem.line, problem.column), (4, 22), "{problem}");
    assert!(problem.message.contains("invalid type"), "{problem}");
    assert!(!problem.message.contains("line 3"), "{problem}");
}

#[test]
fn a_crs_other_than_wgs84_is_tolerated_and_said() {
    let text = r#"{"type": "MovingPoint",
        "crs": {"type": "Name", "properties": {"name": "EPSG:3857"}},
        "coordinates": [[30, 40]], "datetimes": ["2025-01-01T00:00:00Z"], "interpolation": "None"}"#;
    let loaded = read_text(text).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(loaded.scenario.forces.len(), 1);
    assert!(
        loaded
            .problems
            .iter()
            .any(|p| p.message.contains("EPSG:3857")),
        "{:?}",
        loaded.problems
    );
}
