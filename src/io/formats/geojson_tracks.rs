//! Plain GeoJSON with times: Point features with a time property (features sharing an id form a
//! track), kepler.gl trips (LineStrings of [lon, lat, alt, time]) and the OGC Moving Features
//! Trajectory encoding (a LineString with `properties.datetimes`).

use super::tracks::{
    Fix, Interpolation, RawTrack, event_from_fix, time_from_epoch, time_from_json,
};
use super::{Parsed, item_problem, json_text, keep_going, parse_item};
use crate::io::ReadProgress;
use crate::io::geojson::{GeometryJson, lon_lat};
use crate::io::locate::Locator;
use serde::Deserialize;
use serde_json::value::RawValue;
use std::borrow::Cow;
use std::collections::{BTreeMap, HashMap};

/// Property names read as the time of a point, in order of preference.
const TIME_KEYS: [&str; 8] = [
    "time",
    "timestamp",
    "datetime",
    "date",
    "start",
    "begin",
    "event_date",
    "t",
];
/// Property names read as the end of a point's time.
const END_KEYS: [&str; 3] = ["end", "stop", "until"];
/// Property names read as the id that joins points into a track, after the feature's own id.
const ID_KEYS: [&str; 4] = ["id", "track_id", "track", "trip_id"];
/// Property names read as a label.
const NAME_KEYS: [&str; 4] = ["name", "title", "label", "callsign"];

#[derive(Deserialize)]
struct FeatureJson<'a> {
    #[serde(rename = "type")]
    kind: String,
    #[serde(default)]
    id: Option<serde_json::Value>,
    #[serde(default)]
    geometry: Option<GeometryJson>,
    #[serde(default, borrow)]
    properties: Option<HashMap<Cow<'a, str>, &'a RawValue>>,
}

/// Reads the features of a FeatureCollection; `track_by` names the property that joins points
/// into tracks, instead of the feature id.
pub fn read(
    features: &[&RawValue],
    locator: &Locator<'_>,
    file: &str,
    track_by: Option<&str>,
    progress: &ReadProgress,
) -> Parsed {
    let mut parsed = Parsed::default();
    let mut points: BTreeMap<String, RawTrack> = BTreeMap::new();
    let mut anonymous = 0usize;
    for (index, raw) in features.iter().enumerate() {
        if !keep_going(progress, index, features.len()) {
            break;
        }
        let slice = raw.get();
        let problem =
            |message: String| item_problem(locator, file, slice, "feature", index, message);
        let Some(feature) = parse_item::<FeatureJson>(
            slice,
            "a GeoJSON Feature",
            &problem,
            &mut parsed.problems,
            locator,
        ) else {
            continue;
        };
        if feature.kind != "Feature" {
            parsed.problems.push(problem(format!(
                "\"type\" is {:?}; expected \"Feature\"",
                feature.kind
            )));
            continue;
        }
        let properties = feature.properties.unwrap_or_default();
        let value = |keys: &[&str]| {
            keys.iter().find_map(|key| {
                properties
                    .iter()
                    .find(|(name, _)| name.eq_ignore_ascii_case(key))
                    .and_then(|(_, raw)| serde_json::from_str::<serde_json::Value>(raw.get()).ok())
            })
        };
        let id = match track_by {
            Some(property) => value(&[property]),
            None => feature.id.clone().or_else(|| value(&ID_KEYS)),
        }
        .map(|id| json_text(&id))
        .filter(|id| !id.is_empty());
        let name = value(&NAME_KEYS).map(|name| json_text(&name));
        let attributes: Vec<(String, String)> = properties
            .iter()
            .filter(|(key, _)| key.as_ref() != "datetimes")
            .map(|(key, raw)| {
                let value = serde_json::from_str::<serde_json::Value>(raw.get())
                    .map(|v| json_text(&v))
                    .unwrap_or_default();
                (key.to_string(), value)
            })
            .collect();
        let Some(geometry) = feature.geometry else {
            parsed.problems.push(problem(
                "has no geometry; expected a Point or a LineString".into(),
            ));
            continue;
        };
        match geometry.kind.as_str() {
            "Point" => {
                let position = match lon_lat(&geometry.coordinates) {
                    Ok(position) => position,
                    Err(message) => {
                        parsed.problems.push(problem(message));
                        continue;
                    }
                };
                let Some(time_value) = value(&TIME_KEYS) else {
                    parsed.problems.push(problem(format!(
                        "has no time; expected one of the properties {}",
                        TIME_KEYS.join(", ")
                    )));
                    continue;
                };
                let t = match time_from_json(&time_value) {
                    Ok(t) => t,
                    Err(message) => {
                        parsed.problems.push(problem(message));
                        continue;
                    }
                };
                let end = match value(&END_KEYS).map(|v| time_from_json(&v)) {
                    Some(Ok(end)) => Some(end),
                    Some(Err(message)) => {
                        parsed.problems.push(problem(format!("end: {message}")));
                        None
                    }
                    None => None,
                };
                let key = id.clone().unwrap_or_else(|| {
                    anonymous += 1;
                    format!("\u{0}point-{anonymous}")
                });
                let track = points.entry(key.clone()).or_insert_with(|| RawTrack {
                    id: id.clone().unwrap_or_else(|| format!("point-{anonymous}")),
                    name: name.clone().or_else(|| id.clone()).unwrap_or_else(|| format!("Point {anonymous}")),
                    fixes: Vec::new(),
                    interpolation: Interpolation::Linear,
                    end: None,
                    sequence_ends: Vec::new(),
                    attributes: attributes.clone(),
                    temporal_properties: Vec::new(),
                    // Located once per track, where its first point is.
                    defined_at: id.as_ref().map(|_| {
                        let at = problem(String::new());
                        (at.line, at.column)
                    }),
                });
                track.fixes.push(Fix { t, position });
                track.end = end.or(track.end);
            }
            "LineString" => {
                let datetimes = properties
                    .iter()
                    .find(|(key, _)| key.as_ref() == "datetimes")
                    .and_then(|(_, raw)| serde_json::from_str::<Vec<serde_json::Value>>(raw.get()).ok());
                match line_fixes(&geometry.coordinates, datetimes.as_deref()) {
                    Ok(fixes) => {
                        let defined_at = id.as_ref().map(|_| {
                            let at = problem(String::new());
                            (at.line, at.column)
                        });
                        let id = id.clone().unwrap_or_else(|| format!("trip-{}", index + 1));
                        parsed.tracks.push(RawTrack {
                            name: name.clone().unwrap_or_else(|| id.clone()),
                            id,
                            fixes,
                            interpolation: Interpolation::Linear,
                            end: None,
                            sequence_ends: Vec::new(),
                            attributes,
                            temporal_properties: Vec::new(),
                            defined_at,
                        });
                    }
                    Err(message) => parsed.problems.push(problem(message)),
                }
            }
            other => parsed.problems.push(problem(format!(
                "geometry type {other:?} has no times this program can read; expected a Point with a time property or a LineString of [lon, lat, alt, time]"
            ))),
        }
    }
    for (key, track) in points {
        if track.fixes.len() == 1 && track.end.is_none() {
            let fix = track.fixes[0];
            let id = if key.starts_with('\u{0}') {
                track.id.clone()
            } else {
                key
            };
            parsed.events.push(event_from_fix(
                id,
                track.name.clone(),
                fix,
                None,
                track.attributes,
            ));
            parsed.event_defined_at.push(track.defined_at);
        } else {
            parsed.tracks.push(track);
        }
    }
    parsed
}

/// The fixes of a LineString: times from `datetimes` (MF-JSON Trajectory) or from the last of
/// four numbers in each position (kepler.gl trips).
fn line_fixes(
    coordinates: &serde_json::Value,
    datetimes: Option<&[serde_json::Value]>,
) -> Result<Vec<Fix>, String> {
    let positions = coordinates
        .as_array()
        .ok_or("LineString coordinates are not an array")?;
    if positions.len() < 2 {
        return Err("a LineString needs at least two positions".into());
    }
    if let Some(datetimes) = datetimes
        && datetimes.len() != positions.len()
    {
        return Err(format!(
            "properties.datetimes has {} times for {} positions; expected one time per position",
            datetimes.len(),
            positions.len()
        ));
    }
    positions
        .iter()
        .enumerate()
        .map(|(i, position)| {
            let position_at = lon_lat(position).map_err(|e| format!("position {}: {e}", i + 1))?;
            let t = match datetimes {
                Some(datetimes) => time_from_json(&datetimes[i]),
                None => match position.as_array().map(Vec::as_slice) {
                    Some([_, _, _, time]) => time.as_f64().ok_or_else(|| "the time is not a number".to_string()).and_then(time_from_epoch),
                    _ => Err("expected [lon, lat, alt, time] (kepler.gl trips) or properties.datetimes (Moving Features trajectory)".to_string()),
                },
            }
            .map_err(|e| format!("position {}: {e}", i + 1))?;
            Ok(Fix { t, position: position_at })
        })
        .collect()
}
