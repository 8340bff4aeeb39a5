//! Plain GeoJSON with times: Point features with a time property (features sharing an id form a
//! track), kepler.gl trips (LineStrings of [lon, lat, alt, time]) and the OGC Moving Features
//! Trajectory encoding (a LineString with `properties.datetimes`).

use super::tracks::{
    Fix, Interpolation, RawTrack, event_from_fix, parse_loose_time, time_from_epoch, time_from_json,
};
use super::{Parsed, item_problem, json_text, parse_item};
use crate::io::geojson::{checked_lon_lat, lon_lat};
use crate::io::locate::Locator;
use serde::Deserialize;
use serde_json::value::RawValue;
use std::borrow::Cow;
use std::collections::BTreeMap;

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

/// Text from the file, borrowed when it holds no escapes.
struct Text<'a>(Cow<'a, str>);

impl<'de: 'a, 'a> Deserialize<'de> for Text<'a> {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct TextVisitor;
        impl<'de> serde::de::Visitor<'de> for TextVisitor {
            type Value = Text<'de>;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("a string")
            }
            fn visit_borrowed_str<E>(self, text: &'de str) -> Result<Self::Value, E> {
                Ok(Text(Cow::Borrowed(text)))
            }
            fn visit_str<E>(self, text: &str) -> Result<Self::Value, E> {
                Ok(Text(Cow::Owned(text.to_string())))
            }
        }
        deserializer.deserialize_str(TextVisitor)
    }
}

/// A feature's properties in file order, their values left as JSON text until one is needed.
struct Properties<'a>(Vec<(Text<'a>, &'a RawValue)>);

impl<'de: 'a, 'a> Deserialize<'de> for Properties<'a> {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct PropertiesVisitor;
        impl<'de> serde::de::Visitor<'de> for PropertiesVisitor {
            type Value = Properties<'de>;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("a map")
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(
                self,
                mut map: A,
            ) -> Result<Self::Value, A::Error> {
                let mut entries = Vec::with_capacity(map.size_hint().unwrap_or(4));
                while let Some(entry) = map.next_entry::<Text<'de>, &'de RawValue>()? {
                    entries.push(entry);
                }
                Ok(Properties(entries))
            }
        }
        deserializer.deserialize_map(PropertiesVisitor)
    }
}

/// The first two numbers of a position, `[lon, lat, ...]`.
struct PointCoordinates(f64, f64);

impl<'de> Deserialize<'de> for PointCoordinates {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct PositionVisitor;
        impl<'de> serde::de::Visitor<'de> for PositionVisitor {
            type Value = PointCoordinates;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("[longitude, latitude]")
            }
            fn visit_seq<A: serde::de::SeqAccess<'de>>(
                self,
                mut seq: A,
            ) -> Result<Self::Value, A::Error> {
                let missing = || serde::de::Error::custom("fewer than two numbers");
                let lon = seq.next_element::<f64>()?.ok_or_else(missing)?;
                let lat = seq.next_element::<f64>()?.ok_or_else(missing)?;
                while seq.next_element::<serde::de::IgnoredAny>()?.is_some() {}
                Ok(PointCoordinates(lon, lat))
            }
        }
        deserializer.deserialize_seq(PositionVisitor)
    }
}

/// A GeoJSON geometry with its coordinates left as JSON text.
#[derive(Deserialize)]
struct GeometryJson<'a> {
    #[serde(rename = "type", borrow)]
    kind: Text<'a>,
    #[serde(default, borrow)]
    coordinates: Option<&'a RawValue>,
}

#[derive(Deserialize)]
struct FeatureJson<'a> {
    #[serde(rename = "type", borrow)]
    kind: Text<'a>,
    #[serde(default, borrow)]
    id: Option<&'a RawValue>,
    #[serde(default, borrow)]
    geometry: Option<GeometryJson<'a>>,
    #[serde(default, borrow)]
    properties: Option<Properties<'a>>,
}

/// A JSON value as plain text: strings without quotes (borrowed when they hold no escapes), the
/// rest as JSON.
fn raw_text(raw: &RawValue) -> Cow<'_, str> {
    let json = raw.get();
    if json.starts_with('"') {
        if let Ok(text) = serde_json::from_str::<&str>(json) {
            return Cow::Borrowed(text);
        }
        return Cow::Owned(serde_json::from_str::<String>(json).unwrap_or_default());
    }
    Cow::Owned(
        serde_json::from_str::<serde_json::Value>(json)
            .map(|value| json_text(&value))
            .unwrap_or_default(),
    )
}

/// A time given as text or epoch seconds or milliseconds, read from its JSON text.
fn time_from_raw(raw: &RawValue) -> Result<jiff::Timestamp, String> {
    let json = raw.get();
    if json.starts_with('"') {
        return parse_loose_time(&raw_text(raw));
    }
    if let Ok(number) = json.parse::<f64>() {
        return time_from_epoch(number);
    }
    let value = serde_json::from_str::<serde_json::Value>(json).unwrap_or_default();
    time_from_json(&value)
}

/// Reads the features of a FeatureCollection one at a time; `track_by` names the property that
/// joins points into tracks, instead of the feature id. Points with the same id gather into one
/// track; only the first point's properties are kept, for the inspector.
pub struct Reader<'r> {
    file: &'r str,
    track_by: Option<&'r str>,
    parsed: Parsed,
    points: BTreeMap<String, RawTrack>,
    anonymous: usize,
}

impl<'r> Reader<'r> {
    /// A reader of the features of `file`.
    pub fn new(file: &'r str, track_by: Option<&'r str>) -> Self {
        Self {
            file,
            track_by,
            parsed: Parsed::default(),
            points: BTreeMap::new(),
            anonymous: 0,
        }
    }

    /// Reads feature `index` (from 0), whose JSON text is `slice`, a piece of the text `locator`
    /// indexes.
    pub fn feature(&mut self, slice: &str, index: usize, locator: &Locator<'_>) {
        let file = self.file;
        let problem =
            |message: String| item_problem(locator, file, slice, "feature", index, message);
        let Some(feature) = parse_item::<FeatureJson>(
            slice,
            "a GeoJSON Feature",
            &problem,
            &mut self.parsed.problems,
            locator,
        ) else {
            return;
        };
        if feature.kind.0 != "Feature" {
            self.parsed.problems.push(problem(format!(
                "\"type\" is {:?}; expected \"Feature\"",
                feature.kind.0
            )));
            return;
        }
        let properties = feature.properties.map(|p| p.0).unwrap_or_default();
        let value = |keys: &[&str]| {
            keys.iter().find_map(|key| {
                properties
                    .iter()
                    .find(|(name, _)| name.0.eq_ignore_ascii_case(key))
                    .map(|(_, raw)| *raw)
            })
        };
        let id = match self.track_by {
            Some(property) => value(&[property]),
            None => feature.id.or_else(|| value(&ID_KEYS)),
        }
        .map(raw_text)
        .filter(|id| !id.is_empty());
        let name = || value(&NAME_KEYS).map(|name| raw_text(name).into_owned());
        let attributes = || -> Vec<(String, String)> {
            properties
                .iter()
                .filter(|(key, _)| key.0 != "datetimes")
                .map(|(key, raw)| (key.0.to_string(), raw_text(raw).into_owned()))
                .collect()
        };
        let Some(geometry) = feature.geometry else {
            self.parsed.problems.push(problem(
                "has no geometry; expected a Point or a LineString".into(),
            ));
            return;
        };
        match geometry.kind.0.as_ref() {
            "Point" => {
                // Plain numbers are read at once; anything else as the other formats read it,
                // for the same message at the same place.
                let fast = geometry
                    .coordinates
                    .and_then(|raw| serde_json::from_str::<PointCoordinates>(raw.get()).ok());
                let position = match fast {
                    Some(PointCoordinates(lon, lat)) => checked_lon_lat(lon, lat),
                    None => {
                        let coordinates = match coordinates_json(
                            geometry.coordinates,
                            &problem,
                            &mut self.parsed.problems,
                            locator,
                        ) {
                            Some(value) => value,
                            None => return,
                        };
                        lon_lat(&coordinates)
                    }
                };
                let position = match position {
                    Ok(position) => position,
                    Err(message) => {
                        self.parsed.problems.push(problem(message));
                        return;
                    }
                };
                let Some(time_value) = value(&TIME_KEYS) else {
                    self.parsed.problems.push(problem(format!(
                        "has no time; expected one of the properties {}",
                        TIME_KEYS.join(", ")
                    )));
                    return;
                };
                let t = match time_from_raw(time_value) {
                    Ok(t) => t,
                    Err(message) => {
                        self.parsed.problems.push(problem(message));
                        return;
                    }
                };
                let end = match value(&END_KEYS).map(time_from_raw) {
                    Some(Ok(end)) => Some(end),
                    Some(Err(message)) => {
                        self.parsed.problems.push(problem(format!("end: {message}")));
                        None
                    }
                    None => None,
                };
                let track = match id.as_deref().and_then(|id| self.points.get_mut(id)) {
                    Some(track) => track,
                    None => {
                        let key = match &id {
                            Some(id) => id.to_string(),
                            None => {
                                self.anonymous += 1;
                                format!("\u{0}point-{}", self.anonymous)
                            }
                        };
                        let anonymous = self.anonymous;
                        let id = id.as_ref().map(|id| id.to_string());
                        // Located once per track, where its first point is.
                        let defined_at = id.as_ref().map(|_| {
                            let at = problem(String::new());
                            (at.line, at.column)
                        });
                        self.points.entry(key).or_insert_with(|| RawTrack {
                            id: id.clone().unwrap_or_else(|| format!("point-{anonymous}")),
                            name: name().or_else(|| id.clone()).unwrap_or_else(|| format!("Point {anonymous}")),
                            fixes: Vec::new(),
                            interpolation: Interpolation::Linear,
                            end: None,
                            sequence_ends: Vec::new(),
                            attributes: attributes(),
                            temporal_properties: Vec::new(),
                            defined_at,
                        })
                    }
                };
                track.fixes.push(Fix { t, position });
                track.end = end.or(track.end);
            }
            "LineString" => {
                let datetimes = properties
                    .iter()
                    .find(|(key, _)| key.0 == "datetimes")
                    .and_then(|(_, raw)| serde_json::from_str::<Vec<serde_json::Value>>(raw.get()).ok());
                let coordinates = match coordinates_json(
                    geometry.coordinates,
                    &problem,
                    &mut self.parsed.problems,
                    locator,
                ) {
                    Some(value) => value,
                    None => return,
                };
                match line_fixes(&coordinates, datetimes.as_deref()) {
                    Ok(fixes) => {
                        let defined_at = id.as_ref().map(|_| {
                            let at = problem(String::new());
                            (at.line, at.column)
                        });
                        let id = id.map_or_else(|| format!("trip-{}", index + 1), Cow::into_owned);
                        self.parsed.tracks.push(RawTrack {
                            name: name().unwrap_or_else(|| id.clone()),
                            id,
                            fixes,
                            interpolation: Interpolation::Linear,
                            end: None,
                            sequence_ends: Vec::new(),
                            attributes: attributes(),
                            temporal_properties: Vec::new(),
                            defined_at,
                        });
                    }
                    Err(message) => self.parsed.problems.push(problem(message)),
                }
            }
            other => self.parsed.problems.push(problem(format!(
                "geometry type {other:?} has no times this program can read; expected a Point with a time property or a LineString of [lon, lat, alt, time]"
            ))),
        }
    }

    /// What the features held: tracks of points that share an id, and single points as events.
    pub fn finish(self) -> Parsed {
        let mut parsed = self.parsed;
        for (key, track) in self.points {
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
}

/// A geometry's coordinates as JSON (`null` when it has none), or `None` with a located problem
/// when they are not JSON.
fn coordinates_json(
    coordinates: Option<&RawValue>,
    problem: &dyn Fn(String) -> crate::io::Problem,
    problems: &mut Vec<crate::io::Problem>,
    locator: &Locator<'_>,
) -> Option<serde_json::Value> {
    match coordinates {
        Some(raw) => parse_item(raw.get(), "a GeoJSON Feature", problem, problems, locator),
        None => Some(serde_json::Value::Null),
    }
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
