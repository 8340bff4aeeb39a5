//! What the "Go to" box understands: the times the files use, a date and time with a space, a
//! day with a month name, a day-first numeric date, and a step from the current time.

use crate::io::parse_time_in;
use crate::model::{UnixSecs, unix_secs};
use jiff::civil::{Date, DateTime};
use jiff::tz::TimeZone;

/// Examples shown when the text is not understood.
pub const GO_TO_EXAMPLES: &str = "25 Jan 2026, 2026-01-25 14:00, 25/01/2026 or +3d";

/// Where the "Go to" box sends the time, and a note on how the text was read when it could be
/// read more than one way.
#[derive(Clone, Debug, PartialEq)]
pub struct GoTo {
    /// The time, in Unix seconds (UTC).
    pub t: UnixSecs,
    /// For example that `03/04/2026` was read day first.
    pub note: Option<String>,
}

/// Reads `text` as a time; a relative step (`+3d`, `-12h`, `+2w`, `+30m`) is from `cursor`.
/// Times without an offset are in `zone`. The error gives examples.
pub fn parse_go_to(text: &str, cursor: UnixSecs, zone: &TimeZone) -> Result<GoTo, String> {
    let text = text.trim();
    let plain = |t| GoTo { t, note: None };
    if let Some(step_secs) = relative_secs(text) {
        return Ok(plain(cursor + step_secs));
    }
    if let Ok(t) = parse_time_in(text, zone) {
        return Ok(plain(unix_secs(t)));
    }
    if let Some(t) = date_space_time(text, zone) {
        return Ok(plain(t));
    }
    if let Some(t) = day_month_name_year(text, zone) {
        return Ok(plain(t));
    }
    if let Some((t, ambiguous)) = day_first_numeric(text, zone) {
        let note = ambiguous.then(|| "read as day/month/year".to_string());
        return Ok(GoTo { t, note });
    }
    Err(format!(
        "{text:?} is not a time; try for example {GO_TO_EXAMPLES}"
    ))
}

/// `+3d`, `-12h`, `+2w`, `+30m`: one number and one unit, in seconds.
fn relative_secs(text: &str) -> Option<f64> {
    let sign = match text.chars().next()? {
        '+' => 1.0,
        '-' => -1.0,
        _ => return None,
    };
    let body = text[1..].trim();
    let unit_at = body.find(|c: char| c.is_ascii_alphabetic())?;
    let amount: f64 = body[..unit_at].trim().parse().ok()?;
    let unit_secs = match body[unit_at..].trim().to_ascii_lowercase().as_str() {
        "m" | "min" | "mins" | "minute" | "minutes" => 60.0,
        "h" | "hour" | "hours" => 3_600.0,
        "d" | "day" | "days" => 86_400.0,
        "w" | "week" | "weeks" => 7.0 * 86_400.0,
        _ => return None,
    };
    amount.is_finite().then_some(sign * amount * unit_secs)
}

fn zoned_secs(datetime: DateTime, zone: &TimeZone) -> Option<UnixSecs> {
    zone.to_timestamp(datetime).ok().map(unix_secs)
}

/// `HH:MM` or `HH:MM:SS`, or nothing for midnight.
fn time_of_day(text: &str) -> Option<jiff::civil::Time> {
    let text = text.trim();
    if text.is_empty() {
        return Some(jiff::civil::Time::midnight());
    }
    let parts: Vec<&str> = text.split(':').collect();
    let number = |i: usize| parts.get(i).and_then(|p| p.trim().parse::<i8>().ok());
    let (hour, minute, second) = match parts.len() {
        2 => (number(0)?, number(1)?, 0),
        3 => (number(0)?, number(1)?, number(2)?),
        _ => return None,
    };
    jiff::civil::Time::new(hour, minute, second, 0).ok()
}

/// `2026-01-25 14:00`.
fn date_space_time(text: &str, zone: &TimeZone) -> Option<UnixSecs> {
    let (date, time) = text.split_once(' ')?;
    let date: Date = date.trim().parse().ok()?;
    zoned_secs(date.to_datetime(time_of_day(time)?), zone)
}

const MONTHS: [&str; 12] = [
    "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
];

fn month_number(name: &str) -> Option<i8> {
    let name = name.trim_end_matches('.').to_ascii_lowercase();
    if name.len() < 3 {
        return None;
    }
    MONTHS
        .iter()
        .position(|month| name.starts_with(month))
        .and_then(|i| i8::try_from(i + 1).ok())
}

/// `25 Jan 2026`, `25 January 2026 14:00`, `Jan 25 2026`, `January 25, 2026`.
fn day_month_name_year(text: &str, zone: &TimeZone) -> Option<UnixSecs> {
    let cleaned = text.replace(',', " ");
    let words: Vec<&str> = cleaned.split_whitespace().collect();
    if words.len() < 3 {
        return None;
    }
    let (day, month) = match (words[0].parse::<i8>(), words[1].parse::<i8>()) {
        (Ok(day), _) => (day, month_number(words[1])?),
        (_, Ok(day)) => (day, month_number(words[0])?),
        _ => return None,
    };
    let year: i16 = words[2].parse().ok()?;
    let time = time_of_day(&words[3..].join(" "))?;
    let date = Date::new(year, month, day).ok()?;
    zoned_secs(date.to_datetime(time), zone)
}

/// `25/01/2026`, `25.01.2026`, optionally with a time: day first, as written outside the US.
/// Also says whether the text could have been read month first.
fn day_first_numeric(text: &str, zone: &TimeZone) -> Option<(UnixSecs, bool)> {
    let (date, time) = text.split_once(' ').unwrap_or((text, ""));
    let parts: Vec<&str> = date.split(['/', '.']).collect();
    let [day, month, year] = parts.as_slice() else {
        return None;
    };
    let (day, month): (i8, i8) = (day.parse().ok()?, month.parse().ok()?);
    let year: i16 = year.parse().ok()?;
    let date = Date::new(year, month, day).ok()?;
    let t = zoned_secs(date.to_datetime(time_of_day(time)?), zone)?;
    Some((t, day <= 12 && day != month))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn secs(text: &str) -> UnixSecs {
        unix_secs(crate::io::parse_time(text).unwrap_or_else(|e| panic!("{e}")))
    }

    #[test]
    fn the_forms_users_type_are_understood() {
        let cursor = secs("2026-01-20T12:00:00Z");
        let at = |text: &str| {
            parse_go_to(text, cursor, &TimeZone::UTC).unwrap_or_else(|e| panic!("{e}"))
        };
        assert_eq!(at("25 Jan 2026").t, secs("2026-01-25"));
        assert_eq!(at("25 January 2026 14:00").t, secs("2026-01-25T14:00:00Z"));
        assert_eq!(at("Jan 25, 2026").t, secs("2026-01-25"));
        assert_eq!(at("2026-01-25 14:00").t, secs("2026-01-25T14:00:00Z"));
        assert_eq!(at("2026-01-25T14:00:00Z").t, secs("2026-01-25T14:00:00Z"));
        assert_eq!(at("+3d").t, secs("2026-01-23T12:00:00Z"));
        assert_eq!(at("-12h").t, secs("2026-01-20T00:00:00Z"));
        let day_first = at("25/01/2026");
        assert_eq!(day_first.t, secs("2026-01-25"));
        assert_eq!(day_first.note, None, "25 cannot be a month");
        let ambiguous = at("03/04/2026");
        assert_eq!(ambiguous.t, secs("2026-04-03"));
        assert_eq!(ambiguous.note.as_deref(), Some("read as day/month/year"));
    }

    #[test]
    fn times_without_an_offset_are_in_the_clock_s_zone() {
        let syria = TimeZone::fixed(jiff::tz::offset(3));
        let at = |text: &str| parse_go_to(text, 0.0, &syria).map(|go_to| go_to.t);
        assert_eq!(at("25 Jan 2026"), Ok(secs("2026-01-24T21:00:00Z")));
        assert_eq!(at("2026-01-25 14:00"), Ok(secs("2026-01-25T11:00:00Z")));
        assert_eq!(at("25/01/2026"), Ok(secs("2026-01-24T21:00:00Z")));
    }

    #[test]
    fn nonsense_gets_examples() {
        for bad in [
            "",
            "tomorrow",
            "32 Jan 2026",
            "31/02/2026",
            "+3 fortnights",
            "25 Foo 2026",
        ] {
            let error = parse_go_to(bad, 0.0, &TimeZone::UTC)
                .err()
                .unwrap_or_default();
            assert!(error.contains("25 Jan 2026"), "{bad}: {error}");
        }
    }
}
