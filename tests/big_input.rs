//! Files large enough to be read mapped and in one pass (over 8 MiB): they give exactly what the
//! whole-text reader gives for the same text (forces, their places at any time, events,
//! problems with their line:column), a broken one is located, and a read can be cancelled.

#[path = "../benches/support/big_geojson.rs"]
mod big_geojson;

use deploymap::io::{Problem, ReadOptions, load_paths_with, read_text};
use deploymap::model::{Scenario, state_at};
use std::path::{Path, PathBuf};

/// Points enough for a file over the 8 MiB from which files are mapped.
const POINTS: usize = 80_000;

fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("deploymap-big-{}-{name}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap_or_else(|e| panic!("{e}"));
    dir
}

fn big_geojson_text() -> String {
    let mut bytes = Vec::new();
    big_geojson::write_big_geojson(&mut bytes, POINTS).unwrap_or_else(|e| panic!("{e}"));
    String::from_utf8(bytes).unwrap_or_else(|e| panic!("{e}"))
}

/// The same scenario: the same forces with the same number of states, at the same places at
/// several times, and the same events.
fn assert_same(mapped: &Scenario, whole: &Scenario) {
    assert_eq!(mapped.forces.len(), whole.forces.len());
    assert_eq!(mapped.events.len(), whole.events.len());
    for (a, b) in mapped.forces.iter().zip(&whole.forces) {
        assert_eq!((&a.id, a.track.len()), (&b.id, b.track.len()));
    }
    let (start, end) = whole.time_range().unwrap_or_else(|| panic!("undated"));
    assert_eq!(mapped.time_range(), Some((start, end)));
    for step in 0..=10 {
        let t = start + (end - start) * f64::from(step) / 10.0;
        let (a, b) = (state_at(mapped, t), state_at(whole, t));
        assert_eq!(a.forces, b.forces, "at {t}");
    }
}

fn without_file(problems: &[Problem]) -> Vec<(usize, usize, String)> {
    problems
        .iter()
        .map(|p| (p.line, p.column, p.message.clone()))
        .collect()
}

#[test]
fn a_big_geojson_file_reads_as_its_text_does_with_problems_in_the_same_places() {
    let dir = scratch("same");
    let mut text = big_geojson_text();
    // Two bad features far into the file: a time that is not one, and a latitude out of range.
    let bad_time = text
        .match_indices("\"time\":")
        .nth(POINTS / 2)
        .map(|(at, _)| at)
        .unwrap_or_else(|| panic!("no time"));
    text.replace_range(bad_time..bad_time + 7, "\"time\":\"soon\",\"x\":");
    let bad_lat = text
        .match_indices("\"coordinates\":[")
        .nth(POINTS * 3 / 4)
        .and_then(|(at, _)| text[at..].find(',').map(|comma| at + comma + 1))
        .unwrap_or_else(|| panic!("no latitude"));
    // 3x.xxxx becomes 9x.xxxx, over 90.
    text.replace_range(bad_lat..bad_lat + 1, "9");
    let path = dir.join("big.geojson");
    std::fs::write(&path, &text).unwrap_or_else(|e| panic!("{e}"));
    assert!(
        text.len() > 8 << 20,
        "{} bytes is too small to be mapped",
        text.len()
    );

    let mapped = load_paths_with(std::slice::from_ref(&path), &ReadOptions::default())
        .unwrap_or_else(|e| panic!("{e}"));
    let whole = read_text(&path.display().to_string(), &text).unwrap_or_else(|e| panic!("{e}"));
    assert_same(&mapped.scenario, &whole.scenario);
    assert_eq!(mapped.scenario.forces.len(), 1_000);
    assert_eq!(
        without_file(&mapped.problems),
        without_file(&whole.problems)
    );
    assert_eq!(mapped.problems.len(), 2, "{:?}", mapped.problems);
    assert!(
        mapped.problems[0].message.contains("soon"),
        "{:?}",
        mapped.problems
    );
    assert!(
        mapped.problems[1].message.contains("latitude 9"),
        "{:?}",
        mapped.problems
    );
    // Located in the file: the line of the feature, from the first column.
    let line_of = |at: usize| text[..at].matches('\n').count() + 1;
    assert_eq!(
        (mapped.problems[0].line, mapped.problems[0].column),
        (line_of(bad_time), 1)
    );
    assert_eq!(mapped.problems[1].line, line_of(bad_lat));
    let _ = std::fs::remove_dir_all(dir);
}

#[test]
fn a_big_broken_file_is_located_without_reading_it_whole() {
    let dir = scratch("broken");
    let mut text = big_geojson_text();
    let cut = text.len() * 2 / 3;
    let line = text[..cut].matches('\n').count() + 1;
    let line_start = text[..cut].rfind('\n').map_or(0, |at| at + 1);
    text.insert(cut, '}');
    let path = dir.join("broken.geojson");
    std::fs::write(&path, &text).unwrap_or_else(|e| panic!("{e}"));
    let error = load_paths_with(&[path], &ReadOptions::default())
        .err()
        .unwrap_or_else(|| panic!("a broken file loaded"));
    assert_eq!(error.problems.len(), 1, "{error}");
    let problem = &error.problems[0];
    assert_eq!(problem.line, line, "{error}");
    assert!(problem.column >= cut - line_start, "{error}");
    let _ = std::fs::remove_dir_all(dir);
}

#[test]
fn a_big_csv_file_reads_as_its_text_does() {
    let dir = scratch("csv");
    let mut text = String::from("id,time,lat,lon,name\n");
    for i in 0..240_000usize {
        let track = i % 500;
        text.push_str(&format!(
            "u{track},{},{:.4},{:.4},Unit {track}\n",
            1_767_225_600 + (i / 500) * 3_600,
            33.0 + (track / 25) as f64 * 0.1 + (i as f64 * 0.01).sin() * 0.05,
            36.0 + (track % 25) as f64 * 0.1,
        ));
    }
    let path = dir.join("big.csv");
    std::fs::write(&path, &text).unwrap_or_else(|e| panic!("{e}"));
    assert!(
        text.len() > 8 << 20,
        "{} bytes is too small to be mapped",
        text.len()
    );
    let mapped = load_paths_with(std::slice::from_ref(&path), &ReadOptions::default())
        .unwrap_or_else(|e| panic!("{e}"));
    let whole = read_text(&path.display().to_string(), &text).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(mapped.scenario.forces.len(), 500);
    assert_same(&mapped.scenario, &whole.scenario);
    let _ = std::fs::remove_dir_all(dir);
}

#[test]
fn a_cancelled_big_read_says_so() {
    let dir = scratch("cancel");
    let path = dir.join("big.geojson");
    std::fs::write(&path, big_geojson_text()).unwrap_or_else(|e| panic!("{e}"));
    let options = ReadOptions::default();
    options.progress.cancel();
    let error = load_paths_with(&[path], &options)
        .err()
        .unwrap_or_else(|| panic!("a cancelled read loaded"));
    assert!(error.cancelled, "{error}");
    let _ = std::fs::remove_dir_all(Path::new(&dir));
}
