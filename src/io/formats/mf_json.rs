//! OGC Moving Features JSON (OGC 19-045r3) and what MobilityDB/MEOS write (`asMFJSON`).
//!
//! Features with a `temporalGeometry` of type `MovingPoint` (`datetimes`, `coordinates`,
//! `interpolation`), the older draft with `"type": "MovingFeature"`, and bare temporal geometries
//! (a MovingPoint at the top level, or a JSON array of them) as `asMFJSON` returns them. MEOS's
//! forms are read as it writes them: `interpolation(s)` as a string or a one-element array,
//! `sequences` (the unit is absent between them), Step, Discrete and instants (`"None"`), and a
//! nested `bbox`, `period` and `lower_inc`/`upper_inc`, which are not needed and ignored.

use super::tracks::{Fix, Interpolation, RawTrack, time_from_json};
use super::{Parsed, item_problem, json_text, keep_going};
use crate::io::ReadProgress;
use crate::io::geojson::lon_lat;
use crate::io::locate::Locator;
use crate::model::{PropertyValue, TemporalProperty, unix_secs};
use jiff::Timestamp;
use serde::Deserialize;
use serde_json::Value;
use serde_json::value::RawValue;

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct MovingFeatureJson {
    #[serde(default)]
    id: Option<Value>,
    #[serde(default)]
    properties: Option<serde_json::Map<String, Value>>,
    #[serde(default)]
    temporal_geometry: Option<TemporalGeometryJson>,
    #[serde(default)]
    temporal_properties: Vec<serde_json::Map<String, Value>>,
}

/// A temporal geometry. Unknown members (`bbox`, `period`, `lower_inc`, `upper_inc`) are skipped.
#[derive(Deserialize)]
struct TemporalGeometryJson {
    #[serde(rename = "type")]
    kind: String,
    #[serde(default)]
    datetimes: Option<Value>,
    #[serde(default)]
    coordinates: Option<Value>,
    #[serde(default)]
    interpolation: Option<Value>,
    #[serde(default)]
    interpolations: Option<Value>,
    #[serde(default)]
    sequences: Option<Vec<SequenceJson>>,
    #[serde(default)]
    crs: Option<Value>,
}

/// One sequence of a MEOS sequence set.
#[derive(Deserialize)]
struct SequenceJson {
    datetimes: Value,
    coordinates: Value,
}

/// Just the type of an item, to tell a bare temporal geometry from a feature.
#[derive(Deserialize)]
struct KindProbe {
    #[serde(rename = "type", default)]
    kind: Option<String>,
}

/// Reads moving features or bare temporal geometries, each given as its raw JSON text.
pub fn read(
    features: &[&RawValue],
    locator: &Locator<'_>,
    file: &str,
    progress: &ReadProgress,
) -> Parsed {
    let mut parsed = Parsed::default();
    for (index, raw) in features.iter().enumerate() {
        if !keep_going(progress, index, features.len()) {
            break;
        }
        read_item(&mut parsed, raw.get(), index, locator, file);
    }
    parsed
}

/// Reads item `index` (from 0), a moving feature or a bare temporal geometry whose JSON text is
/// `slice`, into `parsed`.
pub fn read_item(
    parsed: &mut Parsed,
    slice: &str,
    index: usize,
    locator: &Locator<'_>,
    file: &str,
) {
    let problem =
        |message: String| item_problem(locator, file, slice, "moving feature", index, message);
    // A serde error is located where serde found it, not at the start of the item.
    let serde_problem = |e: serde_json::Error, expected: &str| {
        let (line, column) = locator.within(slice, e.line(), e.column());
        crate::io::Problem {
            file: file.to_string(),
            line,
            column,
            message: format!(
                "moving feature {}: expected {expected} ({})",
                index + 1,
                without_position(&e)
            ),
        }
    };
    let bare = serde_json::from_str::<KindProbe>(slice)
        .ok()
        .and_then(|probe| probe.kind)
        .is_some_and(|kind| kind.starts_with("Moving") && !kind.starts_with("MovingFeature"));
    let feature = if bare {
        match serde_json::from_str::<TemporalGeometryJson>(slice) {
            Ok(geometry) => MovingFeatureJson {
                id: None,
                properties: None,
                temporal_geometry: Some(geometry),
                temporal_properties: Vec::new(),
            },
            Err(e) => {
                parsed
                    .problems
                    .push(serde_problem(e, "a MF-JSON temporal geometry"));
                return;
            }
        }
    } else {
        match serde_json::from_str::<MovingFeatureJson>(slice) {
            Ok(feature) => feature,
            Err(e) => {
                parsed
                    .problems
                    .push(serde_problem(e, "a Moving Features JSON feature"));
                return;
            }
        }
    };
    let Some(geometry) = feature.temporal_geometry else {
        parsed.problems.push(problem(
            "has no temporalGeometry; expected a MovingPoint".into(),
        ));
        return;
    };
    if geometry.kind != "MovingPoint" {
        parsed.problems.push(problem(format!(
            "temporalGeometry type {:?} is not read; expected \"MovingPoint\"",
            geometry.kind
        )));
        return;
    }
    if let Some(note) = geometry.crs.as_ref().and_then(crs_note) {
        parsed.problems.push(problem(note));
    }
    let interpolation = match interpolation_of(&geometry) {
        Ok((interpolation, note)) => {
            if let Some(note) = note {
                parsed.problems.push(problem(note));
            }
            interpolation
        }
        Err(message) => {
            parsed.problems.push(problem(message));
            return;
        }
    };
    let (fixes, sequence_ends) = match geometry_fixes(&geometry) {
        Ok(read) if !read.0.is_empty() => read,
        Ok(_) => {
            parsed
                .problems
                .push(problem("the MovingPoint has no positions".into()));
            return;
        }
        Err(message) => {
            parsed.problems.push(problem(message));
            return;
        }
    };
    let properties = feature.properties.unwrap_or_default();
    let defined_at = feature.id.as_ref().map(|_| {
        let at = problem(String::new());
        (at.line, at.column)
    });
    let id = feature
        .id
        .as_ref()
        .map(json_text)
        .unwrap_or_else(|| format!("{MADE_UP_ID_PREFIX}{}", index + 1));
    let name = ["name", "title", "label"]
        .iter()
        .find_map(|key| properties.get(*key))
        .map(json_text)
        .unwrap_or_else(|| id.clone());
    let mut temporal_properties = Vec::new();
    for group in &feature.temporal_properties {
        match temporal_property_group(group) {
            Ok(mut properties) => temporal_properties.append(&mut properties),
            Err(message) => parsed
                .problems
                .push(problem(format!("temporalProperties: {message}"))),
        }
    }
    parsed.tracks.push(RawTrack {
        id,
        name,
        fixes,
        interpolation,
        end: None,
        sequence_ends,
        attributes: properties
            .iter()
            .map(|(k, v)| (k.clone(), json_text(v)))
            .collect(),
        temporal_properties,
        defined_at,
    });
}

/// A serde error's text without the position inside the item it appends, which would not be the
/// position in the file.
fn without_position(error: &serde_json::Error) -> String {
    let text = error.to_string();
    match text.rsplit_once(" at line ") {
        Some((message, _)) => message.to_string(),
        None => text,
    }
}

/// The start of the id given to a feature or bare geometry that has none.
pub const MADE_UP_ID_PREFIX: &str = "moving-feature-";

/// A note when the coordinates are not said to be WGS 84 longitude and latitude.
fn crs_note(crs: &Value) -> Option<String> {
    let name = crs
        .pointer("/properties/name")
        .and_then(Value::as_str)
        .unwrap_or_default();
    let wgs84 = ["EPSG:4326", "CRS84", "OGC:1.3:CRS84", "OGC::CRS84", "4326"]
        .iter()
        .any(|known| name.to_ascii_uppercase().ends_with(known));
    (!wgs84).then(|| {
        format!(
            "crs {name:?} is not transformed; its coordinates are read as WGS 84 longitude and \
             latitude (write it with SRID 4326, e.g. asMFJSON(transform(trip, 4326)))"
        )
    })
}

/// The interpolation, from `interpolation` or `interpolations`, each a string or a
/// one-element array; and a note when it is drawn otherwise than written.
fn interpolation_of(
    geometry: &TemporalGeometryJson,
) -> Result<(Interpolation, Option<String>), String> {
    let value = geometry
        .interpolation
        .as_ref()
        .or(geometry.interpolations.as_ref());
    let name = match value {
        None | Some(Value::Null) => "Linear",
        Some(Value::String(name)) => name.as_str(),
        Some(Value::Array(items)) => match &items[..] {
            [Value::String(name)] => name.as_str(),
            [] => "Linear",
            _ => {
                return Err(format!(
                    "interpolation {} has more than one name; expected one of Discrete, Step, \
                     Linear, as a string or a one-element array",
                    Value::Array(items.clone())
                ));
            }
        },
        Some(other) => {
            return Err(format!(
                "interpolation {other} is not a name; expected \"Linear\" or [\"Linear\"]"
            ));
        }
    };
    Ok(match name {
        "Linear" => (Interpolation::Linear, None),
        // An instant (MEOS writes "None") and a step hold their position; Discrete instants are
        // shown held until the next one, since a unit seen only at instants would never show.
        "Step" | "Discrete" | "None" => (Interpolation::Step, None),
        "Quadratic" | "Cubic" => (
            Interpolation::Linear,
            Some(format!("{name} interpolation is drawn as Linear")),
        ),
        other => (
            Interpolation::Linear,
            Some(format!(
                "interpolation {other:?} is unknown; expected Discrete, Step, Linear, Quadratic \
                 or Cubic; drawn as Linear"
            )),
        ),
    })
}

/// The fixes of a temporal geometry, and the instants at which each sequence but the last ends
/// (the unit is absent from each until the next sequence starts).
fn geometry_fixes(geometry: &TemporalGeometryJson) -> Result<(Vec<Fix>, Vec<Timestamp>), String> {
    match &geometry.sequences {
        Some(sequences) => {
            let mut fixes = Vec::new();
            let mut ends = Vec::new();
            for (s, sequence) in sequences.iter().enumerate() {
                let mut read = fixes_of(&sequence.datetimes, &sequence.coordinates)
                    .map_err(|e| format!("sequences[{s}]: {e}"))?;
                read.sort_by_key(|fix| fix.t);
                if let (Some(previous_end), Some(first)) = (fixes.last(), read.first()) {
                    let previous_end: &Fix = previous_end;
                    if first.t > previous_end.t {
                        ends.push(previous_end.t);
                    } else {
                        return Err(format!(
                            "sequences[{s}] starts at {} before the previous one ends; expected \
                             sequences in time order",
                            first.t
                        ));
                    }
                }
                fixes.append(&mut read);
            }
            Ok((fixes, ends))
        }
        None => {
            let (Some(datetimes), Some(coordinates)) = (&geometry.datetimes, &geometry.coordinates)
            else {
                return Err(
                    "expected \"datetimes\" and \"coordinates\", or \"sequences\" of them".into(),
                );
            };
            Ok((fixes_of(datetimes, coordinates)?, Vec::new()))
        }
    }
}

/// Pairs `datetimes` with `coordinates`; each may be a list, or a single time and position (an
/// instant).
fn fixes_of(datetimes: &Value, coordinates: &Value) -> Result<Vec<Fix>, String> {
    let times = match datetimes {
        Value::Array(items) => items.as_slice(),
        single => std::slice::from_ref(single),
    };
    let single_position = coordinates
        .as_array()
        .and_then(|items| items.first())
        .is_some_and(Value::is_number);
    let positions = match coordinates {
        Value::Array(items) if !single_position => items.as_slice(),
        single => std::slice::from_ref(single),
    };
    if times.len() != positions.len() {
        return Err(format!(
            "{} datetimes for {} coordinates; expected one time per position",
            times.len(),
            positions.len()
        ));
    }
    times
        .iter()
        .zip(positions)
        .enumerate()
        .map(|(i, (time, position))| {
            let t = time_from_json(time).map_err(|e| format!("datetimes[{i}]: {e}"))?;
            let position = lon_lat(position).map_err(|e| format!("coordinates[{i}]: {e}"))?;
            Ok(Fix { t, position })
        })
        .collect()
}

/// One `temporalProperties` entry: shared `datetimes` and one or more named value series.
fn temporal_property_group(
    group: &serde_json::Map<String, Value>,
) -> Result<Vec<TemporalProperty>, String> {
    let times: Vec<f64> = group
        .get("datetimes")
        .and_then(Value::as_array)
        .ok_or("expected \"datetimes\"")?
        .iter()
        .map(|time| time_from_json(time).map(unix_secs))
        .collect::<Result<_, _>>()?;
    let mut out = Vec::new();
    for (name, series) in group
        .iter()
        .filter(|(name, _)| name.as_str() != "datetimes")
    {
        let values = series
            .get("values")
            .and_then(Value::as_array)
            .ok_or_else(|| format!("{name}: expected \"values\""))?;
        if values.len() != times.len() {
            return Err(format!(
                "{name}: {} values for {} datetimes",
                values.len(),
                times.len()
            ));
        }
        out.push(TemporalProperty {
            name: name.clone(),
            unit: series.get("form").map(json_text),
            times: times.clone(),
            values: values
                .iter()
                .map(|v| {
                    v.as_f64()
                        .map_or_else(|| PropertyValue::Text(json_text(v)), PropertyValue::Number)
                })
                .collect(),
            linear: series
                .get("interpolation")
                .and_then(Value::as_str)
                .is_none_or(|i| i == "Linear"),
        });
    }
    Ok(out)
}
