//! The command line, run as a user runs it: the real binary, real files.

use serde_json::Value;
use std::path::Path;
use std::process::{Command, Output};

fn deploymap(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_deploymap"))
        .args(args)
        .output()
        .unwrap_or_else(|e| panic!("cannot run deploymap: {e}"))
}

fn state_at(at: &str) -> Value {
    let output = deploymap(&["state", "--at", at]);
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    serde_json::from_slice(&output.stdout).unwrap_or_else(|e| panic!("state is not JSON: {e}"))
}

fn features(collection: &Value) -> &Vec<Value> {
    collection["features"]
        .as_array()
        .unwrap_or_else(|| panic!("no features"))
}

fn russian_forces_at_site<'a>(collection: &'a Value, site: &str) -> Vec<&'a Value> {
    features(collection)
        .iter()
        .filter(|f| f["properties"]["layer"] == "force" && f["properties"]["faction"] == "russia")
        .filter(|f| f["properties"]["status"] == "stationed" && f["properties"]["site"] == site)
        .collect()
}

#[test]
fn on_20_january_russian_forces_are_at_qamishli_airport() {
    let state = state_at("2026-01-20");
    let at_qamishli = russian_forces_at_site(&state, "qamishli_airport");
    assert!(!at_qamishli.is_empty());
    let coordinates = &at_qamishli[0]["geometry"]["coordinates"];
    assert!((coordinates[0].as_f64().unwrap_or_default() - 41.1914).abs() < 1e-6);
}

#[test]
fn at_noon_on_28_january_no_russian_force_is_left_at_qamishli_and_some_are_at_hmeimim() {
    let state = state_at("2026-01-28T12:00:00Z");
    assert!(russian_forces_at_site(&state, "qamishli_airport").is_empty());
    assert!(!russian_forces_at_site(&state, "hmeimim").is_empty());
    let leaving_qamishli = features(&state)
        .iter()
        .filter(|f| {
            f["properties"]["from"] == "qamishli_airport" && f["properties"]["status"] == "moving"
        })
        .count();
    assert_eq!(leaving_qamishli, 0);
}

#[test]
fn every_site_and_force_has_the_promised_properties() {
    let state = state_at("2026-01-24T12:00:00Z");
    for feature in features(&state) {
        for key in ["id", "name", "layer", "faction", "status"] {
            assert!(
                feature["properties"].get(key).is_some(),
                "{key} missing in {feature}"
            );
        }
    }
}

#[test]
fn us_sites_change_status_on_their_dates() {
    let garrisoned = |at: &str, site: &str| {
        features(&state_at(at))
            .iter()
            .any(|f| f["id"] == site && f["properties"]["status"] == "garrisoned")
    };
    assert!(garrisoned("2026-02-10", "al_tanf"));
    assert!(!garrisoned("2026-02-12", "al_tanf"));
    assert!(garrisoned("2025-05-01", "green_village"));
    assert!(!garrisoned("2025-07-01", "green_village"));
    assert!(garrisoned("2026-02-01", "al_shaddadi"));
    assert!(!garrisoned("2026-02-16", "al_shaddadi"));
}

#[test]
fn a_bad_time_fails_with_a_message_that_says_what_was_expected() {
    let output = deploymap(&["state", "--at", "next tuesday"]);
    assert!(!output.status.success());
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("--at") && stderr.contains("expected a time like"),
        "{stderr}"
    );
}

#[test]
fn events_are_printed_with_dates_places_and_sources() {
    let output = deploymap(&["events"]);
    assert!(output.status.success());
    let events: Value = serde_json::from_slice(&output.stdout).unwrap_or_default();
    let events = events.as_array().unwrap_or_else(|| panic!("not an array"));
    assert!(events.len() > 50);
    for event in events {
        for key in [
            "id",
            "start",
            "end",
            "precision",
            "title",
            "lon",
            "lat",
            "sources",
        ] {
            assert!(event.get(key).is_some(), "{key} missing in {event}");
        }
        assert!(!event["sources"].as_array().is_none_or(Vec::is_empty));
    }
}

#[test]
fn validate_passes_on_the_built_in_data() {
    let data = Path::new(env!("CARGO_MANIFEST_DIR")).join("data");
    let files: Vec<String> = ["scenario", "sites", "forces", "events"]
        .iter()
        .map(|name| data.join(format!("{name}.geojson")).display().to_string())
        .collect();
    let args: Vec<&str> = std::iter::once("validate")
        .chain(files.iter().map(String::as_str))
        .collect();
    let output = deploymap(&args);
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stdout)
    );
}

#[test]
fn validate_fails_on_a_broken_file_naming_file_line_and_column() {
    let bad = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/bad/unknown_site.geojson");
    let output = deploymap(&["validate", &bad.display().to_string()]);
    assert!(!output.status.success());
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(stdout.contains("unknown_site.geojson:"), "{stdout}");
    assert!(stdout.contains("does not exist"), "{stdout}");
}

#[test]
fn a_scenario_file_given_on_the_command_line_is_used_instead_of_the_built_in_one() {
    let minimal = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/minimal.geojson");
    let output = deploymap(&[
        "state",
        "--at",
        "2026-01-24T12:00:00Z",
        &minimal.display().to_string(),
    ]);
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let state: Value = serde_json::from_slice(&output.stdout).unwrap_or_default();
    let force = features(&state)
        .iter()
        .find(|f| f["id"] == "ru_qamishli")
        .cloned()
        .unwrap_or_default();
    assert_eq!(force["properties"]["status"], "moving");
}

fn site_control<'a>(collection: &'a Value, site: &str) -> &'a Value {
    &features(collection)
        .iter()
        .find(|f| f["properties"]["layer"] == "site" && f["id"] == site)
        .unwrap_or_else(|| panic!("no site {site}"))["properties"]["controlled_by"]
}

#[test]
fn a_plain_date_is_midnight_in_the_scenario_zone_and_control_says_who_holds_what() {
    let state = state_at("2026-02-05");
    assert_eq!(state["deploymap_state"]["at"], "2026-02-04T21:00:00Z");
    assert_eq!(
        state["deploymap_state"]["at_local"],
        "2026-02-05T00:00:00+03:00"
    );
    assert_eq!(state["deploymap_state"]["time_zone"], "Asia/Damascus");
    let hasakah = site_control(&state, "hasakah");
    assert_eq!(hasakah["status"], "joint");
    assert_eq!(
        hasakah["factions"],
        serde_json::json!(["sdf", "syrian_government"])
    );
    // 06:30 in Syria on 17 Jan, before the SDF pull-back began: nothing is government-held yet.
    let early = state_at("2026-01-17T03:30:00Z");
    for site in [
        "tabqa",
        "deir_hafer",
        "maskanah",
        "tabqa_dam",
        "freedom_dam",
    ] {
        let control = site_control(&early, site);
        assert_eq!(control["status"], "held", "{site}: {control}");
        assert_eq!(control["factions"], serde_json::json!(["sdf"]), "{site}");
    }
    let midday = state_at("2026-01-17T12:00:00+03:00");
    assert_eq!(site_control(&midday, "tabqa")["status"], "changing_hands");
    assert_eq!(
        site_control(&midday, "tell_baydar")["status"],
        "presence_not_dated"
    );
}

#[test]
fn events_print_instants_with_the_scenario_offset_in_the_data_order() {
    let output = deploymap(&["events"]);
    assert!(output.status.success());
    let events: Vec<Value> =
        serde_json::from_slice(&output.stdout).unwrap_or_else(|e| panic!("not JSON: {e}"));
    let find = |id: &str| {
        events
            .iter()
            .position(|e| e["id"] == id)
            .unwrap_or_else(|| panic!("no event {id}"))
    };
    let extension = &events[find("ev_2026_01_24_ceasefire_extended")];
    assert_eq!(extension["start"], "2026-01-24T23:00:00+03:00");
    assert_eq!(extension["end"], "2026-02-08T23:00:00+03:00");
    assert!(
        find("ev_2026_01_17_sdf_pullback_begins") < find("ev_2026_01_17_deir_hafer_maskanah_jirah")
    );
    assert!(find("ev_2026_01_17_sdf_pullback_begins") < find("ev_2026_01_17_tabqa_dams"));
}
