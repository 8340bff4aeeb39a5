//! Opening other people's data: every format read from small fixtures and a real OGC sample,
//! placed at a time exactly as the map places it, and a corpus of broken inputs that must each
//! give a located message and never panic. And the one loading path: for every fixture in
//! `tests/`, `deploymap validate` prints exactly the problems the window shows, with the same
//! file:line:column.

use deploymap::cli::run_validate;
use deploymap::data_layers::read_layers;
use deploymap::io::{Format, ReadOptions, detect_format, load_paths, load_paths_with, read_text};
use deploymap::model::{ForceStatus, LonLat, Scenario, state_at, unix_secs};
use geo::{Distance as _, Haversine};
use std::path::{Path, PathBuf};

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/formats")
        .join(name)
}

fn load(path: &Path) -> Scenario {
    let loaded = load_paths(&[path.to_path_buf()]).unwrap_or_else(|e| panic!("{e}"));
    assert!(loaded.problems.is_empty(), "{:?}", loaded.problems);
    loaded.scenario
}

fn secs(text: &str) -> f64 {
    unix_secs(deploymap::io::parse_time(text).unwrap_or_else(|e| panic!("{e}")))
}

/// Where the force named `name` is at `at`, as the map places it.
fn position_of(scenario: &Scenario, name: &str, at: &str) -> Option<LonLat> {
    let index = scenario.forces.iter().position(|f| f.name == name)?;
    let state = state_at(scenario, secs(at));
    state
        .forces
        .iter()
        .find(|f| f.force == index && f.status != ForceStatus::Departed)
        .map(|f| f.position)
}

fn near(a: LonLat, b: LonLat, metres: f64) -> bool {
    Haversine.distance(a, b) < metres
}

#[test]
fn timed_geojson_points_join_into_tracks_by_id_and_lone_points_become_events() {
    let path = fixture("points.geojson");
    assert_eq!(
        detect_format(&std::fs::read_to_string(&path).unwrap_or_default()),
        Format::TimedGeoJson
    );
    let scenario = load(&path);
    let mid = position_of(&scenario, "Convoy A", "2026-01-11T00:00:00Z")
        .unwrap_or_else(|| panic!("no convoy"));
    assert!(near(mid, LonLat::new(41.0, 36.03), 5_000.0), "{mid:?}");
    assert_eq!(
        scenario
            .forces
            .iter()
            .find(|f| f.name == "Convoy A")
            .map(|f| f.attributes.len()),
        Some(3)
    );
    // A point with start and end is there between them and gone after.
    assert!(position_of(&scenario, "patrol", "2026-01-11").is_some());
    assert!(position_of(&scenario, "patrol", "2026-01-13").is_none());
    // A lone point with a time in epoch milliseconds is an event on 11 Jan.
    let event = scenario
        .events
        .iter()
        .find(|e| e.title == "Checkpoint seen")
        .unwrap_or_else(|| panic!("no event"));
    assert_eq!(event.dating.start.to_string(), "2026-01-11T00:00:00Z");
}

#[test]
fn kepler_trips_move_along_their_line_by_the_fourth_coordinate() {
    let scenario = load(&fixture("kepler_trips.geojson"));
    let at = position_of(&scenario, "Trip 1", "2026-01-10T12:00:00Z")
        .unwrap_or_else(|| panic!("no trip"));
    assert!(near(at, LonLat::new(36.5, 35.0), 2_000.0), "{at:?}");
    let later = position_of(&scenario, "Trip 1", "2026-01-11T12:00:00Z")
        .unwrap_or_else(|| panic!("no trip"));
    assert!(near(later, LonLat::new(37.0, 35.5), 2_000.0), "{later:?}");
}

#[test]
fn moving_features_trajectories_and_the_old_draft_are_read() {
    let ship = load(&fixture("trajectory.geojson"));
    let at =
        position_of(&ship, "Ship", "2026-01-10T12:00:00Z").unwrap_or_else(|| panic!("no ship"));
    assert!(near(at, LonLat::new(35.5, 35.0), 1_000.0), "{at:?}");
    let draft_text = std::fs::read_to_string(fixture("mf_draft.json")).unwrap_or_default();
    assert_eq!(detect_format(&draft_text), Format::MovingFeatures);
    let draft = load(&fixture("mf_draft.json"));
    // Step interpolation holds the first position until the next fix.
    let held = position_of(&draft, "Draft walker", "2026-01-10T11:00:00Z")
        .unwrap_or_else(|| panic!("no walker"));
    assert_eq!(held, LonLat::new(36.0, 33.0));
}

#[test]
fn csv_rows_become_events_or_tracks_with_their_columns_kept() {
    let events = load(&fixture("acled.csv"));
    assert_eq!(events.events.len(), 2);
    let raqqa = &events.events[0];
    assert_eq!(raqqa.title, "Strategic developments");
    assert!(
        raqqa.summary.contains("Convoys enter Raqqa"),
        "quoted comma kept: {}",
        raqqa.summary
    );
    assert!(
        raqqa
            .attributes
            .iter()
            .any(|(k, v)| k == "actor1" && v == "Military Forces of Syria")
    );
    let tracks = load(&fixture("tracks.csv"));
    let mid =
        position_of(&tracks, "Alpha", "2026-01-10T12:00:00Z").unwrap_or_else(|| panic!("no unit"));
    assert!(near(mid, LonLat::new(37.0, 35.02), 3_000.0), "{mid:?}");
}

#[test]
fn the_ogc_typhoon_sample_is_on_the_segment_between_its_fixes_at_three_oclock() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../shared/conformance/mf-json/201901.en-movingpoint.json");
    let scenario = load(&path);
    let force = &scenario.forces[0];
    let at = position_of(&scenario, &force.name, "2019-01-01T03:00:00Z")
        .unwrap_or_else(|| panic!("not placed"));
    let (a, b) = (LonLat::new(110.7, 6.6), LonLat::new(110.2, 6.3));
    let along = Haversine.distance(a, at) + Haversine.distance(at, b) - Haversine.distance(a, b);
    assert!(along.abs() < 50.0, "off the segment by {along} m: {at:?}");
    assert!(
        (at.x() - 110.45).abs() < 0.01 && (at.y() - 6.45).abs() < 0.01,
        "{at:?}"
    );
    let pressure = force
        .temporal_properties
        .iter()
        .find(|p| p.name == "preasure")
        .unwrap_or_else(|| panic!("no pressure"));
    assert_eq!(
        pressure.value_at(secs("2019-01-01T03:00:00Z")).as_deref(),
        Some("1002.0 hPa")
    );
}

#[test]
fn the_state_command_reads_every_format() {
    for (name, at) in [
        ("points.geojson", "2026-01-11"),
        ("kepler_trips.geojson", "2026-01-11"),
        ("acled.csv", "2026-01-18"),
        ("mf_draft.json", "2026-01-10T06:00:00Z"),
    ] {
        let output = std::process::Command::new(env!("CARGO_BIN_EXE_deploymap"))
            .args(["state", "--at", at])
            .arg(fixture(name))
            .output()
            .unwrap_or_else(|e| panic!("{e}"));
        assert!(
            output.status.success(),
            "{name}: {}",
            String::from_utf8_lossy(&output.stderr)
        );
        let state: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap_or_default();
        assert!(state["features"].is_array(), "{name}");
    }
}

/// Broken inputs: each must give a message naming the file and where, and never panic.
#[test]
fn broken_inputs_give_located_messages() {
    let cases: &[(&str, &str, &str)] = &[
        ("empty.csv", "", "the file is empty"),
        ("no_columns.csv", "a,b,c\n1,2,3\n", "lacks a column"),
        (
            "bad_row.csv",
            "lat,lon,time\n35,36,2026-01-01\nabc,36,2026-01-02\n",
            "row 3: latitude \"abc\"",
        ),
        (
            "short_row.csv",
            "lat,lon,time\n35,36\n",
            "row 2: has 2 fields; expected 3",
        ),
        (
            "bad_time.csv",
            "lat,lon,time\n35,36,yesterday\n",
            "row 2: time",
        ),
        (
            "nan.geojson",
            r#"{"type":"FeatureCollection","features":[{"type":"Feature","geometry":{"type":"Point","coordinates":[999,36]},"properties":{"time":"2026-01-01"}}]}"#,
            "out of range",
        ),
        (
            "no_time.geojson",
            r#"{"type":"FeatureCollection","features":[{"type":"Feature","geometry":{"type":"Point","coordinates":[36,35]},"properties":{"name":"x"}}]}"#,
            "has no time",
        ),
        (
            "mismatch.json",
            r#"{"type":"Feature","temporalGeometry":{"type":"MovingPoint","datetimes":["2026-01-01T00:00:00Z"],"coordinates":[[1,2],[3,4]]}}"#,
            "1 datetimes for 2 coordinates",
        ),
        (
            "trajectory_mismatch.geojson",
            r#"{"type":"FeatureCollection","features":[{"type":"Feature","geometry":{"type":"LineString","coordinates":[[1,2],[3,4]]},"properties":{"datetimes":["2026-01-01T00:00:00Z"]}}]}"#,
            "1 times for 2 positions",
        ),
        (
            "wrong_type.json",
            r#"{"type":"Feature","temporalGeometry":{"type":"MovingPolygon","datetimes":[],"coordinates":[]}}"#,
            "expected \"MovingPoint\"",
        ),
        (
            "truncated.geojson",
            "{\"type\":\"FeatureCollection\",\"features\":[{\"type\":\"Feature\"",
            "expected",
        ),
    ];
    for (name, text, expected) in cases {
        let result = read_text(name, text);
        let problems = match result {
            Ok(loaded) => loaded.problems,
            Err(error) => error.problems,
        };
        let message = problems
            .iter()
            .map(ToString::to_string)
            .collect::<Vec<_>>()
            .join("\n");
        assert!(message.contains(expected), "{name}: {message}");
        assert!(
            problems.iter().all(|p| p.file == *name),
            "{name}: {message}"
        );
    }
}

/// A small xorshift generator, so the fuzzing is repeatable.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

#[test]
fn random_bytes_and_mutated_files_never_panic_any_reader() {
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    let fixtures: Vec<String> = [
        "points.geojson",
        "kepler_trips.geojson",
        "trajectory.geojson",
        "mf_draft.json",
        "acled.csv",
        "tracks.csv",
    ]
    .iter()
    .map(|name| std::fs::read_to_string(fixture(name)).unwrap_or_default())
    .chain(std::iter::once(
        deploymap::io::BUILTIN_FILES[1].1.to_string(),
    ))
    .collect();
    let alphabet = b"{}[]\",:0123456789.-eE \n\ttrue false null ZT\\";
    for round in 0..600 {
        let text = if round % 3 == 0 {
            let bytes: Vec<u8> = (0..rng.below(400))
                .map(|_| (rng.next() & 0xff) as u8)
                .collect();
            String::from_utf8_lossy(&bytes).into_owned()
        } else {
            let mut bytes = fixtures[rng.below(fixtures.len())].clone().into_bytes();
            for _ in 0..1 + rng.below(8) {
                match rng.below(3) {
                    0 if !bytes.is_empty() => {
                        let at = rng.below(bytes.len());
                        bytes[at] = alphabet[rng.below(alphabet.len())];
                    }
                    1 if !bytes.is_empty() => {
                        let at = rng.below(bytes.len());
                        bytes.truncate(at);
                    }
                    _ => {
                        let at = rng.below(bytes.len() + 1);
                        bytes.insert(at, alphabet[rng.below(alphabet.len())]);
                    }
                }
            }
            String::from_utf8_lossy(&bytes).into_owned()
        };
        match read_text("fuzz", &text) {
            Ok(loaded) => {
                // Whatever loaded can be evaluated and drawn from.
                let _ = state_at(&loaded.scenario, secs("2026-01-15"));
            }
            Err(error) => assert!(error.problems.iter().all(|p| p.file == "fuzz")),
        }
    }
}

#[test]
fn deeply_nested_and_very_long_inputs_are_refused_without_panicking() {
    let deep = format!("{}{}", "[".repeat(50_000), "]".repeat(50_000));
    assert!(read_text("deep.json", &deep).is_err());
    let long_line = format!("lat,lon,time\n35,36,{}\n", "9".repeat(1_000_000));
    let result = read_text("long.csv", &long_line);
    assert!(result.is_err() || result.is_ok_and(|l| !l.problems.is_empty()));
}

#[test]
fn points_can_be_joined_into_tracks_by_a_chosen_property_or_column() {
    let options = ReadOptions {
        track_by: Some("unit".into()),
        ..ReadOptions::default()
    };
    let loaded =
        load_paths_with(&[fixture("tracks.csv")], &options).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(loaded.scenario.forces.len(), 1);
    assert_eq!(loaded.scenario.forces[0].id, "Alpha");
    let geojson = ReadOptions {
        track_by: Some("name".into()),
        ..ReadOptions::default()
    };
    let loaded =
        load_paths_with(&[fixture("points.geojson")], &geojson).unwrap_or_else(|e| panic!("{e}"));
    assert!(
        loaded
            .scenario
            .forces
            .iter()
            .any(|f| f.id == "Convoy A" && f.track.len() == 2)
    );
    let missing = ReadOptions {
        track_by: Some("callsign".into()),
        ..ReadOptions::default()
    };
    let message = load_paths_with(&[fixture("acled.csv")], &missing)
        .err()
        .map(|e| e.to_string())
        .unwrap_or_default();
    assert!(
        message.contains("acled.csv:1:1") && message.contains("no column \"callsign\""),
        "{message}"
    );
    // The command line takes it for every command.
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_deploymap"))
        .args([
            "state",
            "--at",
            "2026-01-10T12:00:00Z",
            "--track-by",
            "unit",
        ])
        .arg(fixture("tracks.csv"))
        .output()
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(String::from_utf8_lossy(&output.stdout).contains("\"id\": \"Alpha\""));
}

#[test]
fn a_read_reports_its_progress_and_stops_when_cancelled() {
    let text = std::fs::read_to_string(fixture("points.geojson")).unwrap_or_default();
    let options = ReadOptions::default();
    let read = deploymap::io::read_unless_scenario("points.geojson", &text, 0, &options);
    assert!(matches!(read, Some((Format::TimedGeoJson, Ok(_)))));
    assert!(
        options.progress.fraction() >= 0.3,
        "{}",
        options.progress.fraction()
    );
    let cancelled = ReadOptions::default();
    cancelled.progress.cancel();
    let read = deploymap::io::read_unless_scenario("points.geojson", &text, 0, &cancelled);
    let message = match read {
        Some((_, Err(error))) => error.to_string(),
        _ => String::new(),
    };
    assert!(
        message.contains("points.geojson: reading was cancelled"),
        "{message}"
    );
}

// ---- One loading path: `deploymap validate` and the window report the same problems ---------

/// Every file under `tests/fixtures`.
fn fixtures() -> Vec<PathBuf> {
    let mut files = Vec::new();
    let mut folders = vec![Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")];
    while let Some(folder) = folders.pop() {
        for entry in std::fs::read_dir(&folder).unwrap_or_else(|e| panic!("{e}")) {
            let path = entry.unwrap_or_else(|e| panic!("{e}")).path();
            if path.is_dir() {
                folders.push(path);
            } else {
                files.push(path);
            }
        }
    }
    files.sort();
    files
}

/// The problems `deploymap validate` prints (without its summary line).
fn validate_problems(paths: &[PathBuf]) -> Vec<String> {
    let mut out = Vec::new();
    run_validate(paths, &ReadOptions::default(), &mut out).unwrap_or_else(|e| panic!("{e}"));
    String::from_utf8_lossy(&out)
        .lines()
        .filter(|line| !line.contains(" problem(s); "))
        .map(str::to_string)
        .collect()
}

/// The problems the window lists after opening `paths` (the layers' problems, or why none
/// could be opened).
fn window_problems(paths: &[PathBuf]) -> Vec<String> {
    match read_layers(paths.to_vec(), &ReadOptions::default()) {
        Ok(layers) => layers
            .iter()
            .flat_map(|layer| layer.problems.iter().map(ToString::to_string))
            .collect(),
        Err(error) => error.problems.iter().map(ToString::to_string).collect(),
    }
}

#[test]
fn validate_and_the_window_report_the_same_problems_for_every_fixture() {
    let fixtures = fixtures();
    assert!(fixtures.len() >= 9, "{fixtures:?}");
    let mut located = 0;
    for path in &fixtures {
        let paths = std::slice::from_ref(path);
        let from_validate = validate_problems(paths);
        assert_eq!(from_validate, window_problems(paths), "{}", path.display());
        located += from_validate
            .iter()
            .filter(|line| {
                line.split(':')
                    .nth(1)
                    .is_some_and(|l| l.parse::<usize>().is_ok())
            })
            .count();
    }
    // The bad fixtures have problems at lines, so the comparison above compares something.
    assert!(located >= 6, "only {located} located problems");
    // And all of them at once, as one command line and one open.
    assert_eq!(validate_problems(&fixtures), window_problems(&fixtures));
}

#[test]
fn a_bad_csv_row_is_reported_at_the_line_it_starts_on() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/bad/bad_rows.csv");
    let problems = validate_problems(std::slice::from_ref(&path));
    let at = |line: usize| {
        problems
            .iter()
            .find(|p| p.contains(&format!("bad_rows.csv:{line}:1: row {line}:")))
            .unwrap_or_else(|| panic!("nothing at line {line}: {problems:?}"))
    };
    assert!(at(3).contains("latitude 95 is out of range"));
    assert!(at(4).contains("time"));
    assert!(at(5).contains("fields"));
    assert!(at(6).contains("longitude \"east\" is not a number"));
    assert_eq!(problems.len(), 4, "{problems:?}");
}
