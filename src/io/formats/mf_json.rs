//! OGC Moving Features JSON (OGC 19-045r3): features with a `temporalGeometry` of type
//! `MovingPoint` (`datetimes`, `coordinates`, `interpolation`), also the older draft with
//! `"type": "MovingFeature"` and a plural `interpolations`, and their `temporalProperties`.

use super::tracks::{Fix, Interpolation, RawTrack, time_from_json};
use super::{Parsed, item_problem, json_text, keep_going, parse_item};
use crate::io::ReadProgress;
use crate::io::geojson::lon_lat;
use crate::io::locate::Locator;
use crate::model::{PropertyValue, TemporalProperty, unix_secs};
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

#[derive(Deserialize)]
struct TemporalGeometryJson {
    #[serde(rename = "type")]
    kind: String,
    #[serde(default)]
    datetimes: Vec<Value>,
    #[serde(default)]
    coordinates: Vec<Value>,
    #[serde(default)]
    interpolation: Option<String>,
    #[serde(default)]
    interpolations: Option<String>,
}

/// Reads moving features, each given as its raw JSON text.
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
        let slice = raw.get();
        let problem =
            |message: String| item_problem(locator, file, slice, "moving feature", index, message);
        let Some(feature) = parse_item::<MovingFeatureJson>(
            slice,
            "a Moving Features JSON feature",
            &problem,
            &mut parsed.problems,
        ) else {
            continue;
        };
        let Some(geometry) = feature.temporal_geometry else {
            parsed.problems.push(problem(
                "has no temporalGeometry; expected a MovingPoint".into(),
            ));
            continue;
        };
        if geometry.kind != "MovingPoint" {
            parsed.problems.push(problem(format!(
                "temporalGeometry type {:?} is not read; expected \"MovingPoint\"",
                geometry.kind
            )));
            continue;
        }
        if geometry.datetimes.len() != geometry.coordinates.len() {
            parsed.problems.push(problem(format!(
                "{} datetimes for {} coordinates; expected one time per position",
                geometry.datetimes.len(),
                geometry.coordinates.len()
            )));
            continue;
        }
        let interpolation_name = geometry
            .interpolation
            .or(geometry.interpolations)
            .unwrap_or_else(|| "Linear".into());
        let interpolation = match interpolation_name.as_str() {
            "Linear" => Interpolation::Linear,
            "Step" | "Discrete" => Interpolation::Step,
            "Quadratic" | "Cubic" => {
                parsed.problems.push(problem(format!(
                    "{interpolation_name} interpolation is drawn as Linear"
                )));
                Interpolation::Linear
            }
            other => {
                parsed.problems.push(problem(format!(
                    "interpolation {other:?} is unknown; expected Discrete, Step, Linear, Quadratic or Cubic; drawn as Linear"
                )));
                Interpolation::Linear
            }
        };
        let fixes: Result<Vec<Fix>, String> = geometry
            .datetimes
            .iter()
            .zip(&geometry.coordinates)
            .enumerate()
            .map(|(i, (time, position))| {
                let t = time_from_json(time).map_err(|e| format!("datetimes[{i}]: {e}"))?;
                let position = lon_lat(position).map_err(|e| format!("coordinates[{i}]: {e}"))?;
                Ok(Fix { t, position })
            })
            .collect();
        let fixes = match fixes {
            Ok(fixes) if !fixes.is_empty() => fixes,
            Ok(_) => {
                parsed
                    .problems
                    .push(problem("the MovingPoint has no positions".into()));
                continue;
            }
            Err(message) => {
                parsed.problems.push(problem(message));
                continue;
            }
        };
        let properties = feature.properties.unwrap_or_default();
        let id = feature
            .id
            .as_ref()
            .map(json_text)
            .unwrap_or_else(|| format!("moving-feature-{}", index + 1));
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
            attributes: properties
                .iter()
                .map(|(k, v)| (k.clone(), json_text(v)))
                .collect(),
            temporal_properties,
        });
    }
    parsed
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
