//! What every reader of GeoJSON-based files shares: geometries, checked positions, and where in
//! the file a problem is. The scenario reader and the readers of the other formats both use
//! this module, and never each other.

use super::Problem;
use super::locate::Locator;
use crate::model::LonLat;
use serde::Deserialize;

/// A GeoJSON geometry, before its type is checked.
#[derive(Deserialize)]
pub struct GeometryJson {
    /// `"Point"`, `"LineString"`, …
    #[serde(rename = "type")]
    pub kind: String,
    /// The coordinates, in whatever nesting the type has.
    #[serde(default)]
    pub coordinates: serde_json::Value,
}

/// A longitude and latitude in degrees, checked for range: the one place positions read from
/// any file are validated.
pub fn checked_lon_lat(lon: f64, lat: f64) -> Result<LonLat, String> {
    if !(lon.is_finite() && (-180.0..=180.0).contains(&lon)) {
        return Err(format!(
            "longitude {lon} is out of range; expected -180 to 180"
        ));
    }
    if !(lat.is_finite() && (-90.0..=90.0).contains(&lat)) {
        return Err(format!(
            "latitude {lat} is out of range; expected -90 to 90"
        ));
    }
    Ok(LonLat::new(lon, lat))
}

/// A GeoJSON position, `[lon, lat, ...]`, checked for range.
pub fn lon_lat(coordinates: &serde_json::Value) -> Result<LonLat, String> {
    let numbers: Vec<f64> = coordinates
        .as_array()
        .map(|items| items.iter().filter_map(serde_json::Value::as_f64).collect())
        .unwrap_or_default();
    match numbers[..] {
        [lon, lat, ..] => checked_lon_lat(lon, lat),
        _ => Err("coordinates are not [longitude, latitude] numbers".into()),
    }
}

/// The position of a Point geometry.
pub fn point_of(geometry: &GeometryJson) -> Result<LonLat, String> {
    if geometry.kind != "Point" {
        return Err(format!(
            "geometry type is {:?}; expected \"Point\"",
            geometry.kind
        ));
    }
    lon_lat(&geometry.coordinates)
}

/// A problem with a whole file rather than a place in it.
pub fn whole_file_problem(file: &str, message: impl Into<String>) -> Problem {
    Problem {
        file: file.to_string(),
        line: 0,
        column: 0,
        message: message.into(),
    }
}

/// A problem located at the start of `slice`, a piece of the file `locator` indexes.
pub fn problem_at(
    locator: &Locator<'_>,
    file: &str,
    slice: &str,
    message: impl Into<String>,
) -> Problem {
    let (line, column) = locator.line_column(locator.offset_of(slice));
    Problem {
        file: file.to_string(),
        line,
        column,
        message: message.into(),
    }
}

/// A serde error found while parsing `slice`, located in the whole file.
pub fn serde_problem(
    locator: &Locator<'_>,
    file: &str,
    slice: &str,
    error: &serde_json::Error,
    what: &str,
) -> Problem {
    let (line, column) = if error.line() == 0 {
        locator.line_column(locator.offset_of(slice))
    } else if error.classify() == serde_json::error::Category::Data {
        // A wrong value: point at its start, not just past it.
        locator.value_within(slice, error.line(), error.column())
    } else {
        locator.within(slice, error.line(), error.column())
    };
    Problem {
        file: file.to_string(),
        line,
        column,
        message: format!("{what}: {}", strip_serde_location(&error.to_string())),
    }
}

/// serde_json appends " at line L column C"; we print our own, file-relative location.
fn strip_serde_location(message: &str) -> &str {
    message
        .rfind(" at line ")
        .map_or(message, |i| &message[..i])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_out_of_range_say_which_number_is_wrong() {
        assert!(checked_lon_lat(38.0, 35.0).is_ok());
        let message = checked_lon_lat(200.0, 35.0).unwrap_err();
        assert!(
            message.contains("longitude 200 is out of range"),
            "{message}"
        );
        let message = lon_lat(&serde_json::json!([38.0, 95.0])).unwrap_err();
        assert!(message.contains("latitude 95 is out of range"), "{message}");
        let message = lon_lat(&serde_json::json!(["a", 1])).unwrap_err();
        assert!(message.contains("not [longitude, latitude]"), "{message}");
    }
}
