//! Times as users write them: RFC 3339, a plain date, or a year and month.

use jiff::{
    Timestamp,
    civil::{Date, DateTime},
    tz::TimeZone,
};

/// Parses `2026-01-24T12:00:00Z` (any RFC 3339 offset), `2026-01-24` (00:00 UTC) or `2026-01`
/// (00:00 UTC on the first). The error says what was expected.
///
/// ```
/// use deploymap::io::parse_time;
///
/// let midnight = parse_time("2026-01-24").map(|t| t.to_string());
/// assert_eq!(midnight, Ok("2026-01-24T00:00:00Z".to_string()));
/// let syria_time = parse_time("2026-01-24T23:00:00+03:00").map(|t| t.to_string());
/// assert_eq!(syria_time, Ok("2026-01-24T20:00:00Z".to_string()));
/// assert!(parse_time("next tuesday").is_err());
/// ```
pub fn parse_time(text: &str) -> Result<Timestamp, String> {
    let text = text.trim();
    let expected = "expected a time like 2026-01-24T12:00:00Z, a date like 2026-01-24, or a month like 2026-01";
    if text.contains('T') || text.contains('t') {
        return text
            .parse::<Timestamp>()
            .map_err(|e| format!("{text:?} is not an RFC 3339 time ({e}); {expected}"));
    }
    let date_text = match text.len() {
        7 => format!("{text}-01"),
        10 => text.to_string(),
        _ => {
            return Err(format!(
                "{:?} is not a time; {expected}",
                super::excerpt(text)
            ));
        }
    };
    date_text
        .parse::<Date>()
        .and_then(|date| date.to_zoned_datetime(TimeZone::UTC))
        .map(|zoned| zoned.timestamp())
        .map_err(|e| format!("{text:?} is not a valid date ({e}); {expected}"))
}

/// How much of a time a scenario file wrote: an instant with an offset, a local date-time, a
/// local date, or a local month.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum TimeText {
    /// RFC 3339 with an offset or `Z`: the same instant in every zone.
    Instant(Timestamp),
    /// A date and time of day with no offset: local time in the scenario's zone.
    LocalTime(DateTime),
    /// A date with no time of day: the whole local day.
    LocalDay(Date),
    /// A year and month: the whole local month.
    LocalMonth(Date),
}

impl TimeText {
    /// Reads RFC 3339 (`2026-01-24T23:00:00+03:00`), a local date-time (`2026-01-24T23:00`), a
    /// local date (`2026-01-24`) or a local month (`2026-01`). The error says what was expected.
    pub fn parse(text: &str) -> Result<Self, String> {
        let text = text.trim();
        let expected = "expected a time like 2026-01-24T12:00:00Z, a date like 2026-01-24, or a month like 2026-01";
        if text.contains('T') || text.contains('t') {
            if let Ok(instant) = text.parse::<Timestamp>() {
                return Ok(Self::Instant(instant));
            }
            return text
                .parse::<DateTime>()
                .map(Self::LocalTime)
                .map_err(|e| format!("{text:?} is not an RFC 3339 time ({e}); {expected}"));
        }
        let (date_text, is_month) = match text.len() {
            7 => (format!("{text}-01"), true),
            10 => (text.to_string(), false),
            _ => return Err(format!("{text:?} is not a time; {expected}")),
        };
        let date = date_text
            .parse::<Date>()
            .map_err(|e| format!("{text:?} is not a valid date ({e}); {expected}"))?;
        Ok(if is_month {
            Self::LocalMonth(date)
        } else {
            Self::LocalDay(date)
        })
    }

    /// The instant it names in `zone`: the start of the local day or month for a date or month.
    pub fn start_in(self, zone: &TimeZone) -> Result<Timestamp, String> {
        let civil = match self {
            Self::Instant(instant) => return Ok(instant),
            Self::LocalTime(datetime) => datetime,
            Self::LocalDay(date) | Self::LocalMonth(date) => {
                date.to_datetime(jiff::civil::Time::midnight())
            }
        };
        civil
            .to_zoned_datetime(zone.clone())
            .map(|zoned| zoned.timestamp())
            .map_err(|e| format!("{civil} does not exist in the time zone ({e})"))
    }

    /// The end of the local day or month it names in `zone`; `None` for a time of day.
    pub fn unit_end_in(self, zone: &TimeZone) -> Option<Timestamp> {
        let next = match self {
            Self::Instant(_) | Self::LocalTime(_) => return None,
            Self::LocalDay(date) => date.tomorrow().ok()?,
            Self::LocalMonth(date) => date
                .first_of_month()
                .checked_add(jiff::Span::new().months(1))
                .ok()?,
        };
        Self::LocalDay(next).start_in(zone).ok()
    }
}

/// Parses a scenario's `time_zone`: an IANA name (`Asia/Damascus`), `UTC`, or a fixed offset
/// (`+03:00`, `UTC+3`). The error says what was expected.
///
/// ```
/// use deploymap::io::parse_time_zone;
///
/// assert!(parse_time_zone("Asia/Damascus").is_ok());
/// let plus_three = parse_time_zone("+03:00").map(|zone| zone.to_fixed_offset().is_ok());
/// assert_eq!(plus_three, Ok(true));
/// assert!(parse_time_zone("Mars/Olympus").is_err());
/// ```
pub fn parse_time_zone(text: &str) -> Result<TimeZone, String> {
    let text = text.trim();
    let expected = "expected an IANA name like Asia/Damascus, UTC, or an offset like +03:00";
    let offset_text = text
        .strip_prefix("UTC")
        .or_else(|| text.strip_prefix("GMT"))
        .unwrap_or(text);
    if offset_text.is_empty() {
        return Ok(TimeZone::UTC);
    }
    if let Some(sign) = offset_text
        .chars()
        .next()
        .filter(|c| *c == '+' || *c == '-')
    {
        let digits = &offset_text[1..];
        let (hours, minutes) = match digits.split_once(':') {
            Some((h, m)) => (h, m),
            None if digits.len() == 4 => digits.split_at(2),
            None => (digits, "0"),
        };
        let (Ok(hours), Ok(minutes)) = (hours.parse::<i32>(), minutes.parse::<i32>()) else {
            return Err(format!("{text:?} is not a time zone; {expected}"));
        };
        if hours > 14 || minutes > 59 {
            return Err(format!("{text:?} is not a valid offset; {expected}"));
        }
        let seconds = (hours * 3600 + minutes * 60) * if sign == '-' { -1 } else { 1 };
        return jiff::tz::Offset::from_seconds(seconds)
            .map(TimeZone::fixed)
            .map_err(|e| format!("{text:?} is not a valid offset ({e}); {expected}"));
    }
    TimeZone::get(text).map_err(|e| format!("{text:?} is not a known time zone ({e}); {expected}"))
}

/// Parses a time given on the command line or in a dialog: RFC 3339 with any offset is that
/// instant; a date, a month, or a date-time without an offset is local time in `zone` (so a plain
/// date is midnight there).
///
/// ```
/// use deploymap::io::{parse_time_in, parse_time_zone};
///
/// let syria = parse_time_zone("+03:00").unwrap_or(jiff::tz::TimeZone::UTC);
/// let midnight = parse_time_in("2026-01-24", &syria).map(|t| t.to_string());
/// assert_eq!(midnight, Ok("2026-01-23T21:00:00Z".to_string()));
/// ```
pub fn parse_time_in(text: &str, zone: &TimeZone) -> Result<Timestamp, String> {
    TimeText::parse(text)?.start_in(zone)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_dates_are_midnight_utc() {
        assert_eq!(
            parse_time("2026-01-20"),
            Ok("2026-01-20T00:00:00Z".parse().unwrap_or(Timestamp::MIN))
        );
        assert_eq!(
            parse_time("2025-05"),
            Ok("2025-05-01T00:00:00Z".parse().unwrap_or(Timestamp::MIN))
        );
    }

    #[test]
    fn offsets_are_converted_to_utc() {
        assert_eq!(
            parse_time("2026-01-24T23:00:00+03:00"),
            Ok("2026-01-24T20:00:00Z".parse().unwrap_or(Timestamp::MIN))
        );
    }

    #[test]
    fn bare_dates_are_local_and_span_their_local_day_or_month() {
        let syria = parse_time_zone("Asia/Damascus").unwrap_or(TimeZone::UTC);
        let day = TimeText::parse("2026-01-17").unwrap_or(TimeText::Instant(Timestamp::MIN));
        assert_eq!(
            day.start_in(&syria).map(|t| t.to_string()),
            Ok("2026-01-16T21:00:00Z".to_string())
        );
        assert_eq!(
            day.unit_end_in(&syria).map(|t| t.to_string()),
            Some("2026-01-17T21:00:00Z".to_string())
        );
        let month = TimeText::parse("2025-08").unwrap_or(TimeText::Instant(Timestamp::MIN));
        assert_eq!(
            month.unit_end_in(&syria).map(|t| t.to_string()),
            Some("2025-08-31T21:00:00Z".to_string())
        );
        let local =
            TimeText::parse("2026-01-24T23:00").unwrap_or(TimeText::Instant(Timestamp::MIN));
        assert_eq!(
            local.start_in(&syria).map(|t| t.to_string()),
            Ok("2026-01-24T20:00:00Z".to_string())
        );
        assert_eq!(local.unit_end_in(&syria), None);
    }

    #[test]
    fn zones_are_names_or_offsets_and_nonsense_is_refused() {
        let fixed =
            parse_time_zone("+03:00").and_then(|z| z.to_fixed_offset().map_err(|e| e.to_string()));
        assert_eq!(fixed.map(|o| o.seconds()), Ok(3 * 3600));
        assert_eq!(
            parse_time_zone("UTC-05:30").map(|z| crate::model::zone_label(&z)),
            Ok("UTC-05:30".to_string())
        );
        assert_eq!(
            parse_time_zone("Asia/Damascus").map(|z| crate::model::zone_label(&z)),
            Ok("Asia/Damascus".to_string())
        );
        for bad in ["Mars/Olympus", "+25:00", "+ab"] {
            let message = parse_time_zone(bad).err().unwrap_or_default();
            assert!(
                message.contains("expected an IANA name"),
                "{bad}: {message}"
            );
        }
    }

    #[test]
    fn nonsense_says_what_was_expected() {
        for bad in [
            "",
            "yesterday",
            "2026-13-01",
            "2026-02-30",
            "2026-01-24T25:00:00Z",
            "20260124",
        ] {
            let message = parse_time(bad).err().unwrap_or_default();
            assert!(message.contains("expected a time like"), "{bad}: {message}");
        }
    }
}
