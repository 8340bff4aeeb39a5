//! The other formats a user may open, detected from the content: GeoJSON with times, kepler.gl
//! trips, OGC Moving Features JSON and CSV. Each becomes forces (tracks) and events of the model,
//! so the map, the `state` command and the exports treat them exactly like a scenario.

mod csv;
mod csv_quotes;
mod geojson_tracks;
mod mf_json;
mod tracks;
mod walk;

use super::geojson::{problem_at, whole_file_problem};
use super::loaded::{IdKind, IdPlace, Loaded, UniqueIds};
use super::locate::Locator;
use super::{LoadError, Problem, ReadOptions};
use crate::model::{Event, Faction, Scenario};
pub(super) use mf_json::MADE_UP_ID_PREFIX;
use serde::Deserialize;
use serde_json::value::RawValue;
use tracks::force_from_track;
pub(super) use tracks::{Fix, Interpolation, RawTrack};

/// What a file holds, as recognised from its content.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    /// The app's own scenario format (`docs/FORMAT.md`).
    Scenario,
    /// GeoJSON with times: timed points, kepler.gl trips, Moving Features trajectories.
    TimedGeoJson,
    /// OGC Moving Features JSON.
    MovingFeatures,
    /// CSV with a header.
    Csv,
    /// Rows of a PostgreSQL/PostGIS query.
    Database,
    /// A scenario as a folder of spreadsheets (`sites.csv`, `states.csv`, …).
    Spreadsheets,
}

impl Format {
    /// A human name.
    pub fn label(self) -> &'static str {
        match self {
            Self::Scenario => "deploymap scenario",
            Self::TimedGeoJson => "GeoJSON with times",
            Self::MovingFeatures => "OGC Moving Features JSON",
            Self::Csv => "CSV",
            Self::Database => "PostgreSQL query",
            Self::Spreadsheets => "deploymap spreadsheets",
        }
    }
}

/// What a reader produced from one file.
#[derive(Default)]
struct Parsed {
    tracks: Vec<RawTrack>,
    events: Vec<Event>,
    /// Where the file gives each event's id (line, column), beside `events`; `None` for an id
    /// the reader made up.
    event_defined_at: Vec<Option<(usize, usize)>>,
    problems: Vec<Problem>,
}

/// The top of a JSON file, enough to tell the formats apart.
#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct TopJson<'a> {
    #[serde(rename = "type", default)]
    kind: Option<String>,
    #[serde(default, borrow)]
    deploymap: Option<&'a RawValue>,
    #[serde(default, borrow)]
    features: Option<Vec<&'a RawValue>>,
    #[serde(default, borrow)]
    temporal_geometry: Option<&'a RawValue>,
}

/// The first feature of a FeatureCollection, enough to tell the formats apart.
#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct FeatureProbe<'a> {
    #[serde(default, borrow)]
    temporal_geometry: Option<&'a RawValue>,
    #[serde(default)]
    properties: Option<LayerProbe>,
}

/// Whether a feature's properties have a `layer` (the scenario format), of any value.
#[derive(Deserialize)]
struct LayerProbe {
    #[serde(default)]
    layer: Option<serde::de::IgnoredAny>,
}

/// Recognises the format of `text`.
pub fn detect(text: &str) -> Format {
    let trimmed = text.trim_start_matches('\u{feff}').trim_start();
    if !(trimmed.starts_with('{') || trimmed.starts_with('[')) {
        return Format::Csv;
    }
    if trimmed.starts_with('[') {
        return array_format(trimmed);
    }
    let Ok(top) = serde_json::from_str::<TopJson>(trimmed) else {
        // Broken JSON is reported by the scenario reader, which locates the error.
        return Format::Scenario;
    };
    json_format(&top)
}

/// A top-level JSON array is a list of MF-JSON temporal geometries or features (as MobilityDB's
/// `asMFJSON` returns them row by row); anything else goes to the scenario reader, which says
/// what it expected.
fn array_format(json: &str) -> Format {
    let first = serde_json::from_str::<Vec<&RawValue>>(json)
        .ok()
        .and_then(|items| items.first().map(|raw| raw.get()))
        .and_then(|raw| serde_json::from_str::<TopJson>(raw).ok());
    match first {
        Some(top) if json_format(&top) == Format::MovingFeatures => Format::MovingFeatures,
        _ => Format::Scenario,
    }
}

fn json_format(top: &TopJson<'_>) -> Format {
    if top.deploymap.is_some() {
        return Format::Scenario;
    }
    if top.temporal_geometry.is_some()
        || top
            .kind
            .as_deref()
            .is_some_and(|k| k.starts_with("MovingFeature") || k == "MovingPoint")
    {
        return Format::MovingFeatures;
    }
    let first = top
        .features
        .as_deref()
        .and_then(<[_]>::first)
        .and_then(|raw| serde_json::from_str::<FeatureProbe>(raw.get()).ok());
    match first {
        Some(probe) if probe.temporal_geometry.is_some() => Format::MovingFeatures,
        Some(probe)
            if probe
                .properties
                .as_ref()
                .and_then(|p| p.layer.as_ref())
                .is_some() =>
        {
            Format::Scenario
        }
        Some(_) => Format::TimedGeoJson,
        None => Format::Scenario,
    }
}

/// Colours given to the layers of files, in turn.
const LAYER_COLORS: [&str; 6] = [
    "#7b3fa0", "#1b8a8a", "#b5651d", "#4a6fa5", "#a0306b", "#5b8c2a",
];

/// Reads a file unless it is in the scenario format (then `None`: scenario files are read
/// together, since they may refer to each other's sites). JSON is read in one pass, feature by
/// feature. `index` picks the layer's colour.
pub fn read_unless_scenario(
    name: &str,
    text: &str,
    index: usize,
    options: &ReadOptions,
) -> Option<(Format, Result<Loaded, LoadError>)> {
    read_document(name, text, index, options, None)
}

/// [`read_unless_scenario`] for a text mapped from a file (see [`crate::io`]'s mapped reader):
/// `release` is told how far the reading has got, and broken JSON is reported here, located,
/// rather than left to the scenario reader (which would read the whole file again).
pub(in crate::io) fn read_document(
    name: &str,
    text: &str,
    index: usize,
    options: &ReadOptions,
    release: Option<&dyn Fn(usize)>,
) -> Option<(Format, Result<Loaded, LoadError>)> {
    let track_by = options
        .track_by
        .as_deref()
        .filter(|name| !name.trim().is_empty());
    let start = text.len() - text.trim_start_matches('\u{feff}').trim_start().len();
    let json = &text[start..];
    let parsed = if json.starts_with('[') {
        // Broken JSON, and arrays of anything else, go to the scenario reader, which locates
        // the error.
        if array_format(json) != Format::MovingFeatures {
            return None;
        }
        let items = serde_json::from_str::<Vec<&RawValue>>(json).ok()?;
        options.progress.set(PARSED_SHARE);
        let locator = Locator::new(text);
        (
            Format::MovingFeatures,
            mf_json::read(&items, &locator, name, &options.progress),
        )
    } else if json.starts_with('{') {
        let pass = walk::Pass {
            text,
            file: name,
            track_by,
            progress: &options.progress,
            release: release.unwrap_or(&|_| {}),
        };
        match walk::read_object(json, &pass) {
            Ok(Some(read)) => read,
            Ok(None) => return None,
            Err(error) if walk::is_cancel(&error) => {
                return Some((
                    Format::TimedGeoJson,
                    Err(LoadError::cancelled(&[name.into()])),
                ));
            }
            Err(error) if release.is_some() => {
                let locator = Locator::new(text);
                let problem =
                    super::geojson::serde_problem(&locator, name, json, &error, "expected JSON");
                return Some((Format::TimedGeoJson, Err(LoadError::new(vec![problem]))));
            }
            // Broken JSON goes to the scenario reader, which locates the error.
            Err(_) => return None,
        }
    } else {
        (
            Format::Csv,
            csv::read(
                text,
                name,
                track_by,
                &options.progress,
                release.unwrap_or(&|_| {}),
            ),
        )
    };
    let (format, parsed) = parsed;
    if options.progress.is_cancelled() {
        return Some((format, Err(LoadError::cancelled(&[name.into()]))));
    }
    Some((format, finish(name, parsed, index)))
}

/// A layer of `tracks` read elsewhere (from a database); `index` picks its colour.
pub(super) fn layer_from_tracks(
    name: &str,
    tracks: Vec<RawTrack>,
    problems: Vec<Problem>,
    index: usize,
) -> Result<Loaded, LoadError> {
    let parsed = Parsed {
        tracks,
        problems,
        ..Parsed::default()
    };
    finish(name, parsed, index)
}

/// The tracks of one MF-JSON text (a feature collection, a feature, a bare temporal geometry
/// or an array of them), named `name` in problems. Tracks with no id of their own get one that
/// starts with [`mf_json::MADE_UP_ID_PREFIX`].
pub(super) fn mf_json_tracks(
    name: &str,
    text: &str,
    progress: &super::ReadProgress,
) -> (Vec<RawTrack>, Vec<Problem>) {
    let locator = Locator::new(text);
    let trimmed = text.trim_start();
    let items: Result<Vec<&RawValue>, _> = if trimmed.starts_with('[') {
        serde_json::from_str(text)
    } else {
        serde_json::from_str::<TopJson>(text).and_then(|top| match top.features {
            Some(features) if top.temporal_geometry.is_none() => Ok(features),
            _ => serde_json::from_str::<&RawValue>(text).map(|raw| vec![raw]),
        })
    };
    match items {
        Ok(items) => {
            let parsed = mf_json::read(&items, &locator, name, progress);
            (parsed.tracks, parsed.problems)
        }
        Err(e) => {
            let (line, column) = (e.line(), e.column());
            (
                Vec::new(),
                vec![Problem {
                    file: name.into(),
                    line,
                    column,
                    message: format!("expected MF-JSON ({e})"),
                }],
            )
        }
    }
}

/// The scenario for what a reader produced, or why nothing could be used.
fn finish(name: &str, parsed: Parsed, index: usize) -> Result<Loaded, LoadError> {
    if parsed.tracks.is_empty() && parsed.events.is_empty() {
        let mut problems = parsed.problems;
        problems.push(whole_file_problem(
            name,
            "nothing with a place and a time could be read",
        ));
        return Err(LoadError::new(problems));
    }
    let (parsed, id_places) = unique_ids(name, parsed);
    let faction_id = format!("file:{name}");
    let file_label = std::path::Path::new(name)
        .file_name()
        .map_or_else(|| name.to_string(), |n| n.to_string_lossy().into_owned());
    let mut scenario = Scenario {
        factions: vec![Faction {
            id: faction_id.clone(),
            name: file_label,
            color: LAYER_COLORS[index % LAYER_COLORS.len()].into(),
            identity: None,
        }],
        forces: parsed
            .tracks
            .into_iter()
            .map(|track| force_from_track(track, &faction_id))
            .collect(),
        events: parsed.events,
        ..Scenario::default()
    };
    scenario.events.sort_by_key(|event| event.dating.start);
    Ok(Loaded {
        scenario,
        problems: parsed.problems,
        id_places,
    })
}

/// Leaves out of `parsed` every track or event whose id the file gives again (a track read
/// twice), with a problem that names both places; gives back where each id is given.
fn unique_ids(file: &str, mut parsed: Parsed) -> (Parsed, Vec<IdPlace>) {
    let mut unique = UniqueIds::default();
    let mut places = Vec::new();
    let mut keep = |kind: IdKind, id: &str, at: Option<(usize, usize)>| {
        let Some((line, column)) = at else {
            return true;
        };
        let place = IdPlace {
            kind,
            id: id.to_string(),
            file: file.to_string(),
            line,
            column,
        };
        let kept = unique.keep(&place);
        if kept {
            places.push(place);
        }
        kept
    };
    parsed
        .tracks
        .retain(|track| keep(IdKind::Force, &track.id, track.defined_at));
    let mut defined_at = std::mem::take(&mut parsed.event_defined_at).into_iter();
    parsed
        .events
        .retain(|event| keep(IdKind::Event, &event.id, defined_at.next().flatten()));
    parsed.problems.append(&mut unique.problems);
    (parsed, places)
}

/// The share of a read that parsing the JSON takes; reading the features takes the rest.
const PARSED_SHARE: f64 = 0.3;
/// How often, in items, a reader reports progress and looks for a cancel.
const PROGRESS_EVERY: usize = 10_000;

/// Reports progress through `items`, and says whether to stop.
fn keep_going(progress: &super::ReadProgress, index: usize, items: usize) -> bool {
    if index.is_multiple_of(PROGRESS_EVERY) {
        progress.set(PARSED_SHARE + (1.0 - PARSED_SHARE) * index as f64 / items.max(1) as f64);
    }
    !progress.is_cancelled()
}

/// A problem with item `index` (counting from 0) of a file, located at the item's text `slice`.
fn item_problem(
    locator: &Locator<'_>,
    file: &str,
    slice: &str,
    what: &str,
    index: usize,
    message: String,
) -> Problem {
    problem_at(
        locator,
        file,
        slice,
        format!("{what} {}: {message}", index + 1),
    )
}

/// An item of a file parsed as `T`; when it does not parse, says what was expected through
/// `problem`, located where serde stopped (at the start of a wrong value), and gives `None`.
fn parse_item<'a, T: Deserialize<'a>>(
    slice: &'a str,
    expected: &str,
    problem: &dyn Fn(String) -> Problem,
    problems: &mut Vec<Problem>,
    locator: &Locator<'_>,
) -> Option<T> {
    serde_json::from_str(slice)
        .map_err(|error| {
            let message = error.to_string();
            let message = message
                .rfind(" at line ")
                .map_or(message.as_str(), |i| &message[..i]);
            let mut located = problem(format!("expected {expected} ({message})"));
            if error.line() > 0 {
                let wrong_value = error.classify() == serde_json::error::Category::Data
                    || message.contains("number out of range");
                (located.line, located.column) = if wrong_value {
                    locator.value_within(slice, error.line(), error.column())
                } else {
                    locator.within(slice, error.line(), error.column())
                };
            }
            problems.push(located);
        })
        .ok()
}

/// A JSON value as plain text: strings without quotes, the rest as JSON.
fn json_text(value: &serde_json::Value) -> String {
    match value {
        serde_json::Value::String(text) => text.clone(),
        other => other.to_string(),
    }
}
