//! Turning timed positions from any format into forces and events of the model.

use crate::model::{
    Dating, Event, EventKind, Force, ForceKind, LonLat, Precision, Provenance, TemporalProperty,
    Track,
};
use jiff::Timestamp;

pub use crate::model::Interpolation;

/// One timed position.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Fix {
    /// When.
    pub t: Timestamp,
    /// Where.
    pub position: LonLat,
}

/// A track read from a file, before it becomes a force.
#[derive(Clone, Debug)]
pub struct RawTrack {
    /// Id (unique within the file).
    pub id: String,
    /// Label.
    pub name: String,
    /// Fixes in any order.
    pub fixes: Vec<Fix>,
    /// How to draw between fixes.
    pub interpolation: Interpolation,
    /// When the thing ends, if the file says (a single fix with an end time).
    pub end: Option<Timestamp>,
    /// The last instants of sequences after which the unit is absent until its next fix (MEOS
    /// sequence sets); sorted.
    pub sequence_ends: Vec<Timestamp>,
    /// Other properties.
    pub attributes: Vec<(String, String)>,
    /// Time-varying values.
    pub temporal_properties: Vec<TemporalProperty>,
    /// Where the file first gives the track's id (line, column), to report the id given twice;
    /// `None` when the id is made up by the reader or the track comes from a database.
    pub defined_at: Option<(usize, usize)>,
}

fn exact(start: Timestamp, end: Option<Timestamp>) -> Dating {
    Dating {
        start,
        end,
        precision: Precision::Exact,
        earliest: None,
        latest: None,
        span_end: None,
        zone: jiff::tz::TimeZone::UTC,
    }
}

impl RawTrack {
    /// A track with no fixes yet.
    pub fn new(id: String, interpolation: Interpolation) -> Self {
        Self {
            name: id.clone(),
            id,
            fixes: Vec::new(),
            interpolation,
            end: None,
            sequence_ends: Vec::new(),
            attributes: Vec::new(),
            temporal_properties: Vec::new(),
            defined_at: None,
        }
    }
}

/// The force for a track of `faction`: sorted by time, repeated instants dropped, kept as
/// compact fixes. Between the end of a sequence and the next fix the force is departed, so it is
/// not drawn in the gap.
pub fn force_from_track(mut raw: RawTrack, faction: &str) -> Force {
    if !raw.fixes.is_sorted_by_key(|fix| fix.t) {
        raw.fixes.sort_by_key(|fix| fix.t);
    }
    let track = Track::from_fixes(
        raw.fixes.iter().map(|fix| (fix.t, fix.position)),
        raw.interpolation,
        &raw.sequence_ends,
        raw.end,
    );
    Force {
        id: raw.id,
        name: raw.name,
        faction: faction.to_string(),
        // The file says nothing of the unit's make-up: a neutral badge, not "mixed".
        kind: ForceKind::Unspecified,
        strength: None,
        note: None,
        track,
        attributes: raw.attributes,
        temporal_properties: raw.temporal_properties,
        extra: Default::default(),
    }
}

/// A point observation with no track: an event at its time and place.
pub fn event_from_fix(
    id: String,
    title: String,
    fix: Fix,
    end: Option<Timestamp>,
    attributes: Vec<(String, String)>,
) -> Event {
    let summary = attributes
        .iter()
        .find(|(key, _)| {
            matches!(
                key.to_ascii_lowercase().as_str(),
                "notes" | "description" | "summary"
            )
        })
        .map(|(_, value)| value.clone())
        .unwrap_or_default();
    Event {
        id,
        title,
        summary,
        kind: EventKind::Other,
        site: None,
        position: Some(fix.position),
        place: None,
        dating: exact(fix.t, end),
        provenance: Provenance::default(),
        attributes,
        extra: Default::default(),
    }
}

/// A time given as text or as epoch seconds or milliseconds.
pub fn time_from_json(value: &serde_json::Value) -> Result<Timestamp, String> {
    match value {
        serde_json::Value::String(text) => parse_loose_time(text),
        serde_json::Value::Number(number) => number
            .as_f64()
            .ok_or_else(|| "the time is not a number".to_string())
            .and_then(time_from_epoch),
        other => Err(format!(
            "{} is not a time; expected text like 2026-01-24T12:00:00Z or epoch seconds",
            crate::io::excerpt(&other.to_string())
        )),
    }
}

/// Epoch seconds, or milliseconds when the number is too large to be seconds.
pub fn time_from_epoch(number: f64) -> Result<Timestamp, String> {
    if !number.is_finite() {
        return Err("the time is not a finite number".into());
    }
    let millis = if number.abs() >= 1e11 {
        number
    } else {
        number * 1000.0
    };
    Timestamp::from_millisecond(millis.round() as i64)
        .map_err(|e| format!("{number} is not a time: {e}"))
}

/// RFC 3339, a date, a month, or a date and time with a space and no zone (read as UTC).
pub fn parse_loose_time(text: &str) -> Result<Timestamp, String> {
    let trimmed = text.trim();
    if let Ok(t) = super::super::parse_time(trimmed) {
        return Ok(t);
    }
    let civil = trimmed.replacen(' ', "T", 1);
    if let Ok(datetime) = civil.trim_end_matches('Z').parse::<jiff::civil::DateTime>()
        && let Ok(zoned) = datetime.to_zoned_datetime(jiff::tz::TimeZone::UTC)
    {
        return Ok(zoned.timestamp());
    }
    if let Ok(number) = trimmed.parse::<f64>() {
        return time_from_epoch(number);
    }
    super::super::parse_time(trimmed)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::StateKind;

    #[test]
    fn epoch_seconds_and_milliseconds_and_loose_text_all_read() {
        let expected: Timestamp = "2019-01-01T00:00:00Z".parse().unwrap();
        assert_eq!(time_from_epoch(1_546_300_800.0), Ok(expected));
        assert_eq!(time_from_epoch(1_546_300_800_000.0), Ok(expected));
        assert_eq!(parse_loose_time("2019-01-01 00:00:00"), Ok(expected));
        assert_eq!(parse_loose_time("2019-01-01T00:00:00"), Ok(expected));
        assert_eq!(parse_loose_time("1546300800"), Ok(expected));
        assert!(parse_loose_time("soon").is_err());
        assert!(time_from_epoch(f64::NAN).is_err());
        assert!(time_from_epoch(1e300).is_err());
    }

    #[test]
    fn a_linear_track_moves_between_fixes_and_a_step_track_holds() {
        let t = |s: &str| s.parse::<Timestamp>().unwrap();
        let raw = RawTrack {
            id: "a".into(),
            name: "a".into(),
            fixes: vec![
                Fix {
                    t: t("2019-01-01T06:00:00Z"),
                    position: LonLat::new(110.2, 6.3),
                },
                Fix {
                    t: t("2019-01-01T00:00:00Z"),
                    position: LonLat::new(110.7, 6.6),
                },
            ],
            interpolation: Interpolation::Linear,
            end: None,
            sequence_ends: vec![],
            attributes: vec![],
            temporal_properties: vec![],
            defined_at: None,
        };
        let force = force_from_track(raw.clone(), "f");
        assert_eq!(force.track.len(), 2);
        assert!(matches!(
            force.track.get(0).unwrap().kind,
            StateKind::Moving { .. }
        ));
        let step = force_from_track(
            RawTrack {
                interpolation: Interpolation::Step,
                ..raw
            },
            "f",
        );
        assert!(matches!(
            step.track.get(0).unwrap().kind,
            StateKind::Stationed { .. }
        ));
    }
}
