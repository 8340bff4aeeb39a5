//! What each fuzz target does with one input, shared by the fuzz targets (`fuzz_targets/`) and
//! by the stable test that replays every input ever found to crash or hang
//! (`tests/fuzz_regressions.rs`, files under `tests/fixtures/regressions/TARGET/`).
//!
//! Each target feeds the input to one part of the program and checks what must hold of any
//! answer: no panic, and every problem names a place and says what is wrong.

use deploymap::export::{parse_size, parse_view};
use deploymap::io::{
    Format, LoadError, Loaded, PmTilesInfo, SourceText, detect_format, parse_scenario, parse_time,
    read_text,
};
use deploymap::map::{LayerVisibility, build_draw_list};
use deploymap::model::state_at;

/// What a target does with one input.
pub type Target = fn(&[u8]);

/// Every target, by name.
pub const TARGETS: &[(&str, Target)] = &[
    ("read_any", read_any),
    ("read_csv", read_csv),
    ("read_timed_geojson", read_timed_geojson),
    ("read_moving_features", read_moving_features),
    ("read_scenario", read_scenario),
    ("resolve_scenarios", resolve_scenarios),
    ("parse_time", parse_time_target),
    ("size_and_view", size_and_view),
    ("pmtiles_metadata", pmtiles_metadata),
    ("draw_list", draw_list),
];

/// The file name problems are reported against.
const NAME: &str = "fuzz-input";

/// Checks what must hold of any answer of a reader.
fn check_answer(answer: &Result<Loaded, LoadError>) {
    let problems = match answer {
        Ok(loaded) => &loaded.problems,
        Err(error) => {
            assert!(!error.problems.is_empty(), "a failed load names no problem");
            &error.problems
        }
    };
    for problem in problems {
        assert!(!problem.message.is_empty(), "a problem without a message");
        assert!(
            (problem.line == 0) == (problem.column == 0),
            "half a location: {problem}"
        );
    }
}

/// Reads the input as a file whose format is detected, only when it is detected as `format`.
fn read_as(data: &[u8], format: Option<Format>) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    if format.is_some_and(|format| detect_format(text) != format) {
        return;
    }
    check_answer(&read_text(NAME, text));
}

/// Any file, in whatever format it is detected as.
pub fn read_any(data: &[u8]) {
    read_as(data, None);
}

/// The CSV reader.
pub fn read_csv(data: &[u8]) {
    read_as(data, Some(Format::Csv));
}

/// The reader of GeoJSON with times (timed points, kepler.gl trips, trajectories).
pub fn read_timed_geojson(data: &[u8]) {
    read_as(data, Some(Format::TimedGeoJson));
}

/// The OGC Moving Features JSON reader.
pub fn read_moving_features(data: &[u8]) {
    read_as(data, Some(Format::MovingFeatures));
}

/// The scenario-format reader, one file.
pub fn read_scenario(data: &[u8]) {
    read_as(data, Some(Format::Scenario));
}

/// The scenario resolver: up to four scenario files (split at NUL characters) read together,
/// referring to each other's sites and forces.
pub fn resolve_scenarios(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let files: Vec<SourceText> = text
        .split('\0')
        .take(4)
        .enumerate()
        .map(|(index, part)| SourceText {
            name: format!("{NAME}-{index}"),
            text: part.to_string(),
        })
        .collect();
    check_answer(&parse_scenario(&files));
}

/// Times as text: whatever parses prints as RFC 3339 that parses to the same instant.
pub fn parse_time_target(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    if let Ok(time) = parse_time(text) {
        let again = parse_time(&time.to_string());
        assert_eq!(again.ok(), Some(time), "{text:?} does not print back");
    }
}

/// `--size` and `--view`: whatever parses is within the documented ranges.
pub fn size_and_view(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    if let Ok([width, height]) = parse_size(text) {
        assert!((16..=8192).contains(&width) && (16..=8192).contains(&height));
    }
    if let Ok(view) = parse_view(text) {
        assert!((-180.0..=180.0).contains(&view.lon), "{view:?}");
        assert!((-85.0..=85.0).contains(&view.lat), "{view:?}");
        assert!((1.0..=20.0).contains(&view.zoom), "{view:?}");
    }
}

/// The header and metadata of a PMTiles archive.
pub fn pmtiles_metadata(data: &[u8]) {
    if let Ok(info) = PmTilesInfo::from_bytes(data.to_vec()) {
        let _ = (info.attribution(), info.layer_names());
    }
}

/// Whatever loads is drawn: the state at its start, middle and end, and before and after, as
/// the map would draw it.
pub fn draw_list(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let Ok(loaded) = read_text(NAME, text) else {
        return;
    };
    let scenario = &loaded.scenario;
    let (start, end) = scenario.time_range().unwrap_or((0.0, 0.0));
    let view = scenario.fitted_view(1280.0, 800.0);
    let (lon, lat, zoom) = view.map_or((38.7, 35.2, 7.0), |v| (v.lon, v.lat, v.zoom));
    let mut memory = walkers::MapMemory::default();
    memory.center_at(walkers::lon_lat(lon, lat));
    memory.set_zoom(zoom).ok();
    let rect = egui::Rect::from_min_size(egui::Pos2::ZERO, egui::vec2(1280.0, 800.0));
    let projector = walkers::Projector::new(
        rect,
        &walkers::MercatorProjection,
        &memory,
        walkers::lon_lat(lon, lat),
    );
    let layers = LayerVisibility::default();
    for t in [
        start - 86_400.0,
        start,
        (start + end) / 2.0,
        end,
        end + 86_400.0,
    ] {
        let state = state_at(scenario, t);
        let list = build_draw_list(scenario, &state, &layers, &projector, None);
        if let Some(mark) = list.forces.first() {
            list.hit(mark.rect_on_screen.center());
        }
    }
}
