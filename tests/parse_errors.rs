//! Bad input is normal input: every broken file gives a located message and nothing panics.

use deploymap::io::{SourceText, load_paths, parse_scenario};
use std::path::Path;

fn source(text: &str) -> Vec<SourceText> {
    vec![SourceText {
        name: "test.geojson".into(),
        text: text.into(),
    }]
}

/// All messages for `text`, fatal or not, one per line.
fn messages(text: &str) -> String {
    match parse_scenario(&source(text)) {
        Ok(loaded) => loaded
            .problems
            .iter()
            .map(ToString::to_string)
            .collect::<Vec<_>>()
            .join("\n"),
        Err(error) => error.to_string(),
    }
}

const SITE: &str = r#"{ "type": "Feature", "id": "s", "geometry": { "type": "Point", "coordinates": [35.9, 35.4] },
      "properties": { "layer": "site", "name": "S", "kind": "air_base" } }"#;

fn with_force(track: &str) -> String {
    format!(
        r#"{{ "type": "FeatureCollection", "features": [
    {SITE},
    {{ "type": "Feature", "id": "f", "geometry": null,
      "properties": {{ "layer": "force", "name": "F", "faction": "x", "kind": "air", "track": [
{track}
      ] }} }}
] }}"#
    )
}

const SRC: &str = r#""sources": [{ "outlet": "O", "url": "https://example.org" }]"#;

#[test]
fn a_truncated_file_names_the_line_and_column() {
    let text =
        "{\n  \"type\": \"FeatureCollection\",\n  \"features\": [\n    { \"type\": \"Feature\"";
    let message = messages(text);
    assert!(message.starts_with("test.geojson:4:"), "{message}");
    assert!(
        message.contains("expected a GeoJSON FeatureCollection"),
        "{message}"
    );
}

#[test]
fn an_empty_file_says_so() {
    assert!(messages("").contains("the file is empty"));
    assert!(messages("   \n").contains("the file is empty"));
}

#[test]
fn a_feature_is_not_a_feature_collection() {
    let message = messages(r#"{ "type": "Feature", "features": [] }"#);
    assert!(
        message.contains("expected \"FeatureCollection\""),
        "{message}"
    );
}

#[test]
fn wrong_types_are_reported_at_the_feature() {
    let text = "{ \"type\": \"FeatureCollection\", \"features\": [\n  { \"type\": \"Feature\", \"id\": \"s\", \"geometry\": null,\n    \"properties\": { \"layer\": \"site\", \"name\": 12, \"kind\": \"air_base\" } }\n] }";
    let message = messages(text);
    assert!(message.contains("test.geojson:3:"), "{message}");
    assert!(message.contains("site \"s\""), "{message}");
    assert!(message.contains("expected a string"), "{message}");
}

#[test]
fn an_unknown_kind_lists_the_kinds_expected() {
    let text = SITE.replace("air_base", "spaceport");
    let message = messages(&format!(
        r#"{{ "type": "FeatureCollection", "features": [{text}] }}"#
    ));
    assert!(message.contains("unknown variant `spaceport`"), "{message}");
    assert!(message.contains("air_base"), "{message}");
}

#[test]
fn a_missing_layer_says_which_layers_exist() {
    let message = messages(
        r#"{ "type": "FeatureCollection", "features": [ { "type": "Feature", "id": "a", "geometry": null, "properties": {} } ] }"#,
    );
    assert!(
        message.contains("expected \"site\", \"force\" or \"event\""),
        "{message}"
    );
}

#[test]
fn out_of_range_coordinates_are_rejected() {
    let text = SITE.replace("[35.9, 35.4]", "[35.9, 135.4]");
    let message = messages(&format!(
        r#"{{ "type": "FeatureCollection", "features": [{text}] }}"#
    ));
    assert!(
        message.contains("latitude 135.4 is out of range"),
        "{message}"
    );
}

#[test]
fn a_time_that_does_not_parse_says_what_was_expected() {
    let message = messages(&with_force(&format!(
        r#"{{ "status": "stationed", "site": "s", "start": "2026-13-45", "precision": "exact", {SRC} }}"#
    )));
    assert!(message.contains("track state 1"), "{message}");
    assert!(message.contains("expected a time like"), "{message}");
    // The state is on line 6 of the file.
    assert!(message.contains("test.geojson:6:"), "{message}");
}

#[test]
fn a_move_without_an_end_and_states_out_of_order_are_reported_and_the_rest_loads() {
    let track = format!(
        r#"{{ "status": "stationed", "site": "s", "start": "2026-01-10", "precision": "exact", {SRC} }},
{{ "status": "moving", "from_site": "s", "to_site": "s", "start": "2026-01-12", "precision": "exact", {SRC} }},
{{ "status": "stationed", "site": "s", "start": "2026-01-05", "precision": "exact", {SRC} }}"#
    );
    let loaded = parse_scenario(&source(&with_force(&track))).unwrap_or_else(|e| panic!("{e}"));
    let text: Vec<String> = loaded.problems.iter().map(ToString::to_string).collect();
    assert!(
        text.iter()
            .any(|m| m.contains("test.geojson:7:") && m.contains("needs an \"end\"")),
        "{text:?}"
    );
    assert!(
        text.iter()
            .any(|m| m.contains("test.geojson:8:") && m.contains("time order")),
        "{text:?}"
    );
    assert_eq!(loaded.scenario.forces[0].track.len(), 1);
}

#[test]
fn a_fact_without_a_source_is_reported() {
    let message = messages(&with_force(
        r#"{ "status": "stationed", "site": "s", "start": "2026-01-10", "precision": "exact" }"#,
    ));
    assert!(message.contains("has no source"), "{message}");
}

#[test]
fn an_unknown_site_is_reported_where_it_is_used() {
    let path =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/bad/unknown_site.geojson");
    let loaded = load_paths(&[path]).unwrap_or_else(|e| panic!("{e}"));
    let message = loaded
        .problems
        .iter()
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join("\n");
    assert!(message.contains("unknown_site.geojson:9:"), "{message}");
    assert!(
        message.contains("site \"nowhere\" does not exist"),
        "{message}"
    );
}

#[test]
fn duplicate_ids_are_reported() {
    let message = messages(&format!(
        r#"{{ "type": "FeatureCollection", "features": [{SITE}, {SITE}] }}"#
    ));
    assert!(message.contains("used twice"), "{message}");
}

#[test]
fn deep_nesting_binary_garbage_and_missing_files_do_not_panic() {
    let deep = format!("{}{}", "[".repeat(100_000), "]".repeat(100_000));
    assert!(messages(&deep).contains("test.geojson:1:"));
    let dir = std::env::temp_dir().join(format!("deploymap-garbage-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap_or_else(|e| panic!("{e}"));
    let garbage = dir.join("garbage.geojson");
    // Bytes that are neither UTF-8 nor begin with a BOM of another encoding.
    std::fs::write(&garbage, [0x7b, 0x0a, 0xc3, 0x28, 0x9c, 0x13])
        .unwrap_or_else(|e| panic!("{e}"));
    let error = load_paths(&[garbage])
        .err()
        .map(|e| e.to_string())
        .unwrap_or_default();
    assert!(
        error.contains("garbage.geojson:2:1:") && error.contains("UTF-8"),
        "{error}"
    );
    let error = load_paths(&[dir.join("missing.geojson")])
        .err()
        .map(|e| e.to_string())
        .unwrap_or_default();
    assert!(
        error.contains("missing.geojson: cannot read the file"),
        "{error}"
    );
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn the_example_in_the_format_documentation_loads_cleanly() {
    let format =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/FORMAT.md"))
            .unwrap_or_else(|e| panic!("{e}"));
    let example = format
        .split("## A complete small example")
        .nth(1)
        .and_then(|rest| rest.split("```json").nth(1))
        .and_then(|rest| rest.split("```").next())
        .unwrap_or_else(|| panic!("no example in FORMAT.md"));
    let loaded = parse_scenario(&source(example)).unwrap_or_else(|e| panic!("{e}"));
    assert!(loaded.problems.is_empty(), "{:?}", loaded.problems);
    assert_eq!(loaded.scenario.sites.len(), 2);
    assert_eq!(loaded.scenario.forces[0].track.len(), 3);
    assert_eq!(loaded.scenario.events.len(), 1);
}
