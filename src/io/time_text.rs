//! Times as users write them: RFC 3339, a plain date, or a year and month.

use jiff::{Timestamp, civil::Date, tz::TimeZone};

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
