//! Measuring on the ellipsoid: geodesic paths, range rings and coordinate notations
//! (decimal degrees, degrees-minutes-seconds, UTM and MGRS). Pure: no egui, no clock.
//!
//! Distances and bearings use Karney's geodesic algorithms on WGS84 (geo's [`Geodesic`]);
//! UTM and MGRS use the geoconvert crate, a port of GeographicLib.

use crate::model::LonLat;
use geo::{Bearing as _, Destination as _, Distance as _, Geodesic};

/// A unit of length for display.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum LengthUnit {
    #[default]
    Kilometres,
    Miles,
    NauticalMiles,
}

impl LengthUnit {
    /// Metres in one of this unit.
    pub fn metres(self) -> f64 {
        match self {
            Self::Kilometres => 1000.0,
            Self::Miles => 1609.344,
            Self::NauticalMiles => 1852.0,
        }
    }

    /// The abbreviation.
    pub fn symbol(self) -> &'static str {
        match self {
            Self::Kilometres => "km",
            Self::Miles => "mi",
            Self::NauticalMiles => "nmi",
        }
    }

    /// `length_m` in this unit, as text with one decimal under 100.
    pub fn format(self, length_m: f64) -> String {
        let value = length_m / self.metres();
        if value < 100.0 {
            format!("{value:.1} {}", self.symbol())
        } else {
            format!("{value:.0} {}", self.symbol())
        }
    }

    /// The first unit named in `text` ("50, 100 nmi" → nautical miles), else kilometres.
    pub fn first_in(text: &str) -> Self {
        text.split(|c: char| !c.is_ascii_alphabetic())
            .filter(|word| !word.is_empty())
            .find_map(Self::parse)
            .unwrap_or_default()
    }

    /// Reads "km", "mi", "nm"/"nmi".
    pub fn parse(text: &str) -> Option<Self> {
        match text.trim().to_ascii_lowercase().as_str() {
            "km" | "kilometre" | "kilometres" | "kilometer" | "kilometers" => {
                Some(Self::Kilometres)
            }
            "mi" | "mile" | "miles" => Some(Self::Miles),
            "nm" | "nmi" | "nautical mile" | "nautical miles" => Some(Self::NauticalMiles),
            _ => None,
        }
    }
}

/// One leg of a measured path.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Leg {
    /// Geodesic length in metres.
    pub length_m: f64,
    /// Initial bearing, degrees clockwise from true north, 0–360.
    pub initial_bearing_deg: f64,
}

/// A measured path through points.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Measurement {
    /// One per pair of consecutive points.
    pub legs: Vec<Leg>,
    /// Sum of the legs in metres.
    pub total_m: f64,
}

/// The geodesic length of one leg in metres.
pub fn distance_m(from: LonLat, to: LonLat) -> f64 {
    Geodesic.distance(from, to)
}

/// Measures the geodesic path through `points`.
pub fn measure(points: &[LonLat]) -> Measurement {
    let legs: Vec<Leg> = points
        .windows(2)
        .map(|pair| Leg {
            length_m: Geodesic.distance(pair[0], pair[1]),
            initial_bearing_deg: Geodesic.bearing(pair[0], pair[1]).rem_euclid(360.0),
        })
        .collect();
    let total_m = legs.iter().map(|leg| leg.length_m).sum();
    Measurement { legs, total_m }
}

/// Points along the geodesic from `from` to `to`, about every `step_m`, ends included.
pub fn geodesic_points(from: LonLat, to: LonLat, step_m: f64) -> Vec<LonLat> {
    let length_m = Geodesic.distance(from, to);
    let bearing = Geodesic.bearing(from, to);
    let steps = ((length_m / step_m.max(1.0)).ceil() as usize).clamp(1, 1000);
    (0..=steps)
        .map(|i| {
            if i == steps {
                to
            } else {
                Geodesic.destination(from, bearing, length_m * i as f64 / steps as f64)
            }
        })
        .collect()
}

/// A range ring: the points at `radius_m` from `center` along geodesics, `vertices` of them
/// (a closed ring; the first point is not repeated).
pub fn range_ring(center: LonLat, radius_m: f64, vertices: usize) -> Vec<LonLat> {
    let vertices = vertices.max(8);
    (0..vertices)
        .map(|i| Geodesic.destination(center, 360.0 * i as f64 / vertices as f64, radius_m))
        .collect()
}

/// Why ring distances could not be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum RingsError {
    /// A piece is not a positive number.
    #[error("\"{0}\" is not a distance; write numbers and a unit, such as \"50, 100 km\"")]
    Number(String),
    /// An unknown unit.
    #[error("unknown unit \"{0}\"; use km, mi or nmi")]
    Unit(String),
    /// Nothing given.
    #[error("no distances given; write for example \"50, 100 km\"")]
    Empty,
}

/// Reads ring distances such as "50, 100 km", "20 nmi" or "10km, 30 mi" into metres. A unit
/// applies to the numbers before it back to the previous unit; without any, kilometres.
pub fn parse_ring_distances(text: &str) -> Result<Vec<f64>, RingsError> {
    let mut result = Vec::new();
    let mut pending: Vec<f64> = Vec::new();
    let spaced = text.replace([',', ';'], " , ");
    let mut words = Vec::new();
    for word in spaced.split_whitespace() {
        // Split "50km" into "50" and "km".
        let split = word
            .find(|c: char| c.is_ascii_alphabetic())
            .unwrap_or(word.len());
        if split > 0 && split < word.len() {
            words.push(word[..split].to_owned());
            words.push(word[split..].to_owned());
        } else {
            words.push(word.to_owned());
        }
    }
    let mut i = 0;
    while i < words.len() {
        let word = &words[i];
        if word == "," {
            i += 1;
            continue;
        }
        if let Ok(value) = word.parse::<f64>() {
            if !(value.is_finite() && value > 0.0) {
                return Err(RingsError::Number(word.clone()));
            }
            pending.push(value);
        } else if word.chars().all(|c| c.is_ascii_alphabetic()) {
            // "nautical miles" is two words.
            let mut unit_text = word.clone();
            if word.eq_ignore_ascii_case("nautical") && i + 1 < words.len() {
                unit_text = format!("{} {}", word, words[i + 1]);
                i += 1;
            }
            let unit = LengthUnit::parse(&unit_text).ok_or(RingsError::Unit(unit_text))?;
            result.extend(pending.drain(..).map(|v| v * unit.metres()));
        } else {
            return Err(RingsError::Number(word.clone()));
        }
        i += 1;
    }
    result.extend(
        pending
            .drain(..)
            .map(|v| v * LengthUnit::Kilometres.metres()),
    );
    if result.is_empty() {
        return Err(RingsError::Empty);
    }
    Ok(result)
}

/// Decimal degrees, latitude first: "35.41170° N, 35.94500° E".
pub fn format_decimal(position: LonLat) -> String {
    let (lat, lon) = (position.y(), position.x());
    format!(
        "{:.5}° {}, {:.5}° {}",
        lat.abs(),
        if lat >= 0.0 { 'N' } else { 'S' },
        lon.abs(),
        if lon >= 0.0 { 'E' } else { 'W' }
    )
}

fn dms(value: f64) -> String {
    let total_tenths = (value.abs() * 36_000.0).round() as i64;
    let degrees = total_tenths / 36_000;
    let minutes = (total_tenths / 600) % 60;
    let seconds = (total_tenths % 600) as f64 / 10.0;
    format!("{degrees}°{minutes:02}′{seconds:04.1}″")
}

/// Degrees, minutes, seconds: "35°24′42.1″ N, 35°56′42.0″ E".
pub fn format_dms(position: LonLat) -> String {
    let (lat, lon) = (position.y(), position.x());
    format!(
        "{} {}, {} {}",
        dms(lat),
        if lat >= 0.0 { 'N' } else { 'S' },
        dms(lon),
        if lon >= 0.0 { 'E' } else { 'W' }
    )
}

/// Why a coordinate cannot be written or read in MGRS.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum GridError {
    /// Outside latitude −90…90 or longitude −180…180.
    #[error("latitude {lat}, longitude {lon} is not a position on Earth")]
    OutOfRange { lat: f64, lon: f64 },
    /// A text that is no MGRS reference.
    #[error("\"{text}\" is not an MGRS reference: {reason}")]
    Parse { text: String, reason: String },
}

/// The MGRS reference of `position` at 1 m precision (five digits each way), such as
/// "37SBU 88567 23061".
pub fn format_mgrs(position: LonLat) -> Result<String, GridError> {
    let latlon = geoconvert::LatLon::create(position.y(), position.x()).map_err(|_| {
        GridError::OutOfRange {
            lat: position.y(),
            lon: position.x(),
        }
    })?;
    let compact = latlon.to_mgrs(5).to_string();
    Ok(spaced_mgrs(&compact))
}

/// "37SBU8856723061" → "37SBU 88567 23061".
fn spaced_mgrs(compact: &str) -> String {
    let letters_end = compact
        .char_indices()
        .rfind(|(_, c)| c.is_ascii_alphabetic())
        .map(|(i, _)| i + 1)
        .unwrap_or(0);
    let (head, digits) = compact.split_at(letters_end);
    if digits.is_empty() || digits.len() % 2 != 0 {
        return compact.to_owned();
    }
    let (east, north) = digits.split_at(digits.len() / 2);
    format!("{head} {east} {north}")
}

/// Reads an MGRS reference (spaces allowed) into the centre of the square it names.
pub fn parse_mgrs(text: &str) -> Result<LonLat, GridError> {
    let compact: String = text.split_whitespace().collect();
    let mgrs = geoconvert::Mgrs::parse_str(&compact).map_err(|e| GridError::Parse {
        text: text.to_owned(),
        reason: e.to_string(),
    })?;
    let latlon = mgrs.to_latlon();
    Ok(LonLat::new(latlon.longitude(), latlon.latitude()))
}

/// UTM: zone, hemisphere, easting and northing in metres, such as "37N 188567 3923061".
pub fn format_utm(position: LonLat) -> Result<String, GridError> {
    let latlon = geoconvert::LatLon::create(position.y(), position.x()).map_err(|_| {
        GridError::OutOfRange {
            lat: position.y(),
            lon: position.x(),
        }
    })?;
    let utm = latlon.to_utmups();
    Ok(format!(
        "{}{} {:.0} {:.0}",
        utm.zone(),
        if utm.is_north() { 'N' } else { 'S' },
        utm.easting(),
        utm.northing()
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn units_and_formats() {
        assert_eq!(LengthUnit::Kilometres.format(12_345.0), "12.3 km");
        assert_eq!(LengthUnit::NauticalMiles.format(1852.0 * 150.0), "150 nmi");
        assert_eq!(LengthUnit::Miles.format(1609.344), "1.0 mi");
        let p = LonLat::new(35.945, 35.4117);
        assert_eq!(format_decimal(p), "35.41170° N, 35.94500° E");
        assert_eq!(format_dms(p), "35°24′42.1″ N, 35°56′42.0″ E");
        assert_eq!(
            format_dms(LonLat::new(-0.5, -10.25)),
            "10°15′00.0″ S, 0°30′00.0″ W"
        );
    }

    #[test]
    fn ring_distances_read_units_and_say_what_is_wrong() {
        assert_eq!(
            parse_ring_distances("50, 100 km"),
            Ok(vec![50_000.0, 100_000.0])
        );
        assert_eq!(
            parse_ring_distances("10km, 2 nmi"),
            Ok(vec![10_000.0, 3704.0])
        );
        assert_eq!(parse_ring_distances("25"), Ok(vec![25_000.0]));
        assert_eq!(parse_ring_distances("1 nautical mile"), Ok(vec![1852.0]));
        assert_eq!(
            parse_ring_distances("5 parsec"),
            Err(RingsError::Unit("parsec".into()))
        );
        assert_eq!(
            parse_ring_distances("-5 km"),
            Err(RingsError::Number("-5".into()))
        );
        assert_eq!(parse_ring_distances(" "), Err(RingsError::Empty));
    }

    #[test]
    fn measuring_sums_legs_and_gives_bearings() {
        let a = LonLat::new(0.0, 0.0);
        let b = LonLat::new(1.0, 0.0);
        let c = LonLat::new(1.0, 1.0);
        let m = measure(&[a, b, c]);
        assert_eq!(m.legs.len(), 2);
        assert!((m.legs[0].initial_bearing_deg - 90.0).abs() < 1e-6);
        assert!(
            m.legs[1].initial_bearing_deg.abs() < 1e-6
                || (m.legs[1].initial_bearing_deg - 360.0).abs() < 1e-6
        );
        // One degree of longitude on the WGS84 equator: 111 319.49 m.
        assert!(
            (m.legs[0].length_m - 111_319.491).abs() < 0.01,
            "{}",
            m.legs[0].length_m
        );
        assert!((m.total_m - m.legs[0].length_m - m.legs[1].length_m).abs() < 1e-9);
        let points = geodesic_points(a, c, 10_000.0);
        assert!(points.len() > 10);
        assert_eq!(points.last().copied(), Some(c));
    }
}
