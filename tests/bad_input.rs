//! Bad input is answered precisely: each case of the reliability campaign, through the real
//! command line.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("deploymap-bad-{}-{name}", std::process::id()));
    std::fs::remove_dir_all(&dir).ok();
    std::fs::create_dir_all(&dir).unwrap_or_else(|e| panic!("{e}"));
    dir
}

fn write(dir: &Path, name: &str, bytes: impl AsRef<[u8]>) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, bytes).unwrap_or_else(|e| panic!("{e}"));
    path
}

fn deploymap(args: &[&str], files: &[&Path]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_deploymap"))
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

const FIXTURES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures");

fn fixture(name: &str) -> Vec<u8> {
    std::fs::read(Path::new(FIXTURES).join(name)).unwrap_or_else(|e| panic!("{name}: {e}"))
}

#[test]
fn a_long_first_line_is_quoted_as_a_short_excerpt() {
    let dir = scratch("long-line");
    // The old answer quoted the whole line twice: output grew with the input.
    let file = write(&dir, "one-line.csv", "x".repeat(4 << 20));
    let output = deploymap(&["validate"], &[&file]);
    let text = said(&output);
    assert_eq!(output.status.code(), Some(1), "{text}");
    assert!(text.len() < 1_000, "{} bytes of output", text.len());
    assert!(text.contains('…'), "{text}");
}

#[test]
fn cr_only_line_endings_are_lines() {
    let dir = scratch("cr");
    let csv = "id,time,lat,lon\ru1,2026-01-10,35.0,36.0\ru1,2026-01-11,35.0,38.0\r";
    let file = write(&dir, "old-mac.csv", csv);
    let output = deploymap(&["validate"], &[&file]);
    let text = said(&output);
    assert!(output.status.success(), "{text}");
    assert!(text.contains("1 forces"), "{text}");
}

#[test]
fn a_utf8_bom_is_accepted_on_a_scenario_file() {
    let dir = scratch("bom");
    let mut bytes = b"\xEF\xBB\xBF".to_vec();
    bytes.extend(fixture("minimal.geojson"));
    let file = write(&dir, "bom.geojson", bytes);
    let output = deploymap(&["validate"], &[&file]);
    let text = said(&output);
    assert!(output.status.success(), "{text}");
    assert!(text.contains("2 sites, 1 forces, 1 events"), "{text}");
}

#[test]
fn an_unclosed_quote_is_reported_where_it_opened_with_the_rows_it_swallowed() {
    let dir = scratch("quote");
    let csv = "id,time,lat,lon,note\n\
               u1,2026-01-10,35.0,36.0,\"opened and never closed\n\
               u1,2026-01-11,35.0,38.0,second\n\
               u1,2026-01-12,35.0,39.0,third\n";
    let file = write(&dir, "quote.csv", csv);
    let output = deploymap(&["validate"], &[&file]);
    let text = said(&output);
    assert_eq!(output.status.code(), Some(1), "{text}");
    let line = text
        .lines()
        .find(|line| line.contains("never closed"))
        .unwrap_or_else(|| panic!("{text}"));
    assert!(line.contains("quote.csv:2:25:"), "{line}");
    assert!(line.contains("2 rows"), "{line}");
}

fn event(id: &str, day: &str) -> String {
    format!(
        r#"    {{ "type": "Feature", "id": "{id}", "geometry": {{ "type": "Point", "coordinates": [37.6, 55.7] }},
      "properties": {{ "layer": "event", "kind": "diplomatic", "title": "Talks", "summary": "Talks.", "start": "{day}", "precision": "exact",
        "sources": [{{ "outlet": "TASS", "published": "{day}", "url": "https://tass.com/" }}] }} }}"#
    )
}

fn scenario_with_events(events: &[String]) -> String {
    format!(
        "{{\n  \"type\": \"FeatureCollection\",\n  \"deploymap\": {{ \"format_version\": 1 }},\n  \"features\": [\n{}\n  ]\n}}\n",
        events.join(",\n")
    )
}

#[test]
fn duplicate_event_ids_are_problems_with_both_locations() {
    let dir = scratch("dup-events");
    let file = write(
        &dir,
        "events.geojson",
        scenario_with_events(&[event("talks", "2026-01-28"), event("talks", "2026-01-29")]),
    );
    let output = deploymap(&["validate"], &[&file]);
    let text = said(&output);
    assert_eq!(output.status.code(), Some(1), "{text}");
    let line = text
        .lines()
        .find(|line| line.contains("talks"))
        .unwrap_or_else(|| panic!("{text}"));
    assert!(line.contains("events.geojson:8:"), "{line}");
    assert!(line.contains("events.geojson:5:"), "{line}");
}

#[test]
fn duplicate_event_ids_across_files_name_both_files() {
    let dir = scratch("dup-across");
    let first = write(
        &dir,
        "a.geojson",
        scenario_with_events(&[event("talks", "2026-01-28")]),
    );
    let second = write(
        &dir,
        "b.geojson",
        scenario_with_events(&[event("talks", "2026-01-29")]),
    );
    let output = deploymap(&["validate"], &[&first, &second]);
    let text = said(&output);
    assert_eq!(output.status.code(), Some(1), "{text}");
    let line = text
        .lines()
        .find(|line| line.contains("talks"))
        .unwrap_or_else(|| panic!("{text}"));
    assert!(
        line.contains("a.geojson:5:") && line.contains("b.geojson:5:"),
        "{line}"
    );
}

#[test]
fn the_same_file_given_twice_is_read_once_and_said_so() {
    let points = Path::new(FIXTURES).join("formats/points.geojson");
    let output = deploymap(&["state", "--at", "2026-01-11"], &[&points, &points]);
    let text = said(&output);
    assert!(output.status.success(), "{text}");
    let state: serde_json::Value =
        serde_json::from_slice(&output.stdout).unwrap_or_else(|e| panic!("{e}: {text}"));
    let convoys = state["features"].as_array().map_or(0, |features| {
        features.iter().filter(|f| f["id"] == "convoy").count()
    });
    assert_eq!(convoys, 1, "{text}");
    assert!(text.contains("given twice"), "{text}");
}

#[test]
fn invalid_utf8_is_located_by_line_and_column() {
    let dir = scratch("utf8");
    let mut bytes = b"id,time,lat,lon\nu1,2026-01-10,35.0,36.0\nu1,2026-01-11,\xC3\xA9".to_vec();
    bytes.push(0xFF);
    let file = write(&dir, "latin.csv", bytes);
    let output = deploymap(&["validate"], &[&file]);
    let text = said(&output);
    assert_eq!(output.status.code(), Some(1), "{text}");
    assert!(text.contains("latin.csv:3:16: is not UTF-8"), "{text}");
}

#[test]
fn utf16_is_read_by_name() {
    let dir = scratch("utf16");
    let text = String::from_utf8(fixture("formats/points.geojson")).unwrap_or_default();
    let mut bytes = vec![0xFF, 0xFE];
    bytes.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
    let file = write(&dir, "points16.geojson", bytes);
    let utf16 = said(&deploymap(&["validate"], &[&file]));
    let utf8 = said(&deploymap(
        &["validate"],
        &[&Path::new(FIXTURES).join("formats/points.geojson")],
    ));
    let summary = |text: &str| text.lines().last().unwrap_or_default().to_string();
    assert_eq!(summary(&utf16), summary(&utf8), "{utf16}");
}

#[test]
fn utf32_is_refused_or_read_by_name_never_as_garbage() {
    let dir = scratch("utf32");
    let text = "id,time,lat,lon\nu1,2026-01-10,35.0,36.0\n";
    let mut bytes = vec![0, 0, 0xFE, 0xFF];
    bytes.extend(text.chars().flat_map(|c| u32::from(c).to_be_bytes()));
    bytes.extend([0, 0x11, 0, 0]); // not a character
    let file = write(&dir, "wide.csv", bytes);
    let output = deploymap(&["validate"], &[&file]);
    let said = said(&output);
    assert_eq!(output.status.code(), Some(1), "{said}");
    assert!(said.contains("wide.csv:3:1: is UTF-32"), "{said}");
}

#[test]
fn a_number_out_of_range_is_located_where_it_is() {
    let dir = scratch("1e999");
    let geojson = "{\"type\":\"FeatureCollection\",\"features\":[\n\
                   {\"type\":\"Feature\",\"id\":\"a\",\"geometry\":{\"type\":\"Point\",\"coordinates\":[36,35]},\"properties\":{\"time\":\"2026-01-10\"}},\n\
                   {\"type\":\"Feature\",\"id\":\"a\",\"geometry\":{\"type\":\"Point\",\n\
                     \"coordinates\":[1e999,35]},\"properties\":{\"time\":\"2026-01-11\"}}\n]}\n";
    let file = write(&dir, "far.geojson", geojson);
    let output = deploymap(&["validate"], &[&file]);
    let text = said(&output);
    assert_eq!(output.status.code(), Some(1), "{text}");
    assert!(text.contains("far.geojson:4:16: feature 2"), "{text}");
}

#[test]
fn a_device_is_refused_at_once() {
    let started = std::time::Instant::now();
    let output = deploymap(&["validate"], &[Path::new("/dev/zero")]);
    let text = said(&output);
    assert_eq!(output.status.code(), Some(1), "{text}");
    assert!(text.contains("/dev/zero: is a character device"), "{text}");
    assert!(started.elapsed() < std::time::Duration::from_secs(30));
}

#[test]
fn an_input_over_the_limit_is_refused_with_what_to_do_instead() {
    let dir = scratch("limit");
    let mut csv = String::from("id,time,lat,lon\n");
    while csv.len() < 3 << 20 {
        csv.push_str("u1,2026-01-10,35.0,36.0\n");
    }
    let file = write(&dir, "big.csv", csv);
    let refused = deploymap(&["validate", "--max-input-mb", "2"], &[&file]);
    let text = said(&refused);
    assert_eq!(refused.status.code(), Some(1), "{text}");
    assert!(
        text.contains("big.csv: is 3.0 MiB, over the input limit of 2 MiB"),
        "{text}"
    );
    assert!(
        text.contains("--max-input-mb") && text.contains("PostgreSQL"),
        "{text}"
    );
    let raised = deploymap(&["validate", "--max-input-mb", "4"], &[&file]);
    assert!(!said(&raised).contains("input limit"), "{}", said(&raised));
}

#[test]
fn a_wrong_value_in_a_scenario_is_located_at_its_start() {
    let dir = scratch("value");
    let text = String::from_utf8(fixture("minimal.geojson"))
        .unwrap_or_default()
        .replacen("\"precision\": \"month\"", "\"precision\": \"weekly\"", 1);
    let at = text
        .find("\"weekly\"")
        .unwrap_or_else(|| panic!("no value"));
    let line = text[..at].matches('\n').count() + 1;
    let column = text[..at]
        .rsplit('\n')
        .next()
        .map_or(0, |l| l.chars().count())
        + 1;
    let file = write(&dir, "weekly.geojson", text);
    let output = deploymap(&["validate"], &[&file]);
    let said = said(&output);
    assert_eq!(output.status.code(), Some(1), "{said}");
    assert!(
        said.contains(&format!("weekly.geojson:{line}:{column}:")),
        "expected {line}:{column}: {said}"
    );
}
