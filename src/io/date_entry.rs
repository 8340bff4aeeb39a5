//! Dates typed as people write them in reports: `2026-01-23`, `23 Jan 2026`, `late Jan 2026`,
//! `2026-01`, `Jan 2026`, `21–27 Jan 2026`, `2026`, `2026-01-23 14:00`. Each gives the date the
//! map uses, how precisely it is known, and the earliest and latest instants it allows, as the
//! scenario format would hold it (the same [`Dating`] reading the saved file gives back).

use super::scenario_time::local_times;
use super::{TimeText, parse_time_zone};
use crate::model::{Dating, Precision};
use jiff::civil::{Date, DateTime, Time};
use jiff::{Timestamp, tz::TimeZone};

/// What the forms that are understood look like, for error messages.
const EXPECTED: &str = "expected a date like 2026-01-23, 23 Jan 2026, late Jan 2026 (or early, mid), 2026-01, Jan 2026, 21–27 Jan 2026, 2026, or 2026-01-23 14:00";

/// A typed date, understood.
#[derive(Clone, Debug, PartialEq)]
pub struct DateEntry {
    /// The instant the map uses: the start of what was written.
    pub start: Timestamp,
    /// How well the date is known.
    pub precision: Precision,
    /// The first instant the text allows.
    pub earliest: Timestamp,
    /// The end of what the text allows (the end of the last day, month or year it names), or
    /// `start` for a time of day.
    pub latest: Timestamp,
    /// The dating to give the item: what reading the scenario file would give for this text.
    pub dating: Dating,
    /// What was understood, to show before it is accepted: "23 Jan 2026 (exact)".
    pub summary: String,
}

/// Why a typed date was not understood; the message says what was expected.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("{0}")]
pub struct DateEntryError(String);

/// The texts a scenario file would hold for the entry: `start`, `latest`, and the precision.
struct Written {
    start: TimeText,
    latest: Option<TimeText>,
    precision: Precision,
    summary: String,
}

/// Understands `text` as a date in `zone` (where a date without an offset is local).
///
/// ```
/// use deploymap::io::parse_date_entry;
/// use deploymap::model::Precision;
///
/// let zone = jiff::tz::TimeZone::UTC;
/// let late = parse_date_entry("late Jan 2026", &zone)?;
/// assert_eq!(late.precision, Precision::Approximate);
/// assert_eq!(late.earliest.to_string(), "2026-01-21T00:00:00Z");
/// assert_eq!(late.latest.to_string(), "2026-02-01T00:00:00Z");
/// assert!(parse_date_entry("next tuesday", &zone).is_err());
/// # Ok::<(), deploymap::io::DateEntryError>(())
/// ```
pub fn parse_date_entry(text: &str, zone: &TimeZone) -> Result<DateEntry, DateEntryError> {
    let written = understand(text)?;
    let failed = |message: String| DateEntryError(format!("{text:?}: {message}"));
    let times = local_times(written.start, None, None, written.latest, zone).map_err(failed)?;
    let reach = |form: TimeText| {
        form.unit_end_in(zone)
            .map_or_else(|| form.start_in(zone), Ok)
    };
    let latest = reach(written.latest.unwrap_or(written.start)).map_err(failed)?;
    let dating = Dating {
        start: times.start,
        end: None,
        precision: written.precision,
        earliest: None,
        latest: times.latest,
        span_end: times.span_end,
        zone: zone.clone(),
    };
    Ok(DateEntry {
        start: times.start,
        precision: written.precision,
        earliest: times.start,
        latest,
        dating,
        summary: format!("{} ({})", written.summary, written.precision.label()),
    })
}

/// [`parse_date_entry`] in a zone given by name (`Asia/Damascus`, `UTC`, `+03:00`).
pub fn parse_date_entry_in(text: &str, zone_name: &str) -> Result<DateEntry, DateEntryError> {
    let zone = parse_time_zone(zone_name).map_err(DateEntryError)?;
    parse_date_entry(text, &zone)
}

fn understand(text: &str) -> Result<Written, DateEntryError> {
    let normal = text
        .trim()
        .replace(['—', '−'], "–")
        .replace(',', " ")
        .to_lowercase();
    let words: Vec<&str> = normal.split_whitespace().collect();
    let joined = words.join(" ");
    let refuse = || DateEntryError(format!("{:?} is not a date; {EXPECTED}", text.trim()));
    if joined.is_empty() {
        return Err(DateEntryError(format!("no date was typed; {EXPECTED}")));
    }
    if joined.len() == 4 && joined.chars().all(|c| c.is_ascii_digit()) {
        let year: i16 = joined.parse().map_err(|_| refuse())?;
        let first = Date::new(year, 1, 1).map_err(|_| refuse())?;
        let last = Date::new(year, 12, 31).map_err(|_| refuse())?;
        return Ok(Written {
            start: TimeText::LocalDay(first),
            latest: Some(TimeText::LocalDay(last)),
            precision: Precision::Range,
            summary: format!("{year}"),
        });
    }
    if let Some(written) = range(&joined)? {
        return Ok(written);
    }
    if let Ok(form) = TimeText::parse(&joined.replacen(' ', "T", 1)) {
        return Ok(from_time_text(form));
    }
    if let Some(written) = part_of_month(&words)? {
        return Ok(written);
    }
    if let [month, year] = words[..]
        && let (Some(month), Ok(year)) = (month_number(month), year.parse::<i16>())
    {
        let first = Date::new(year, month, 1).map_err(|_| refuse())?;
        return Ok(from_time_text(TimeText::LocalMonth(first)));
    }
    // A day written out, perhaps with a time of day after it.
    let (day_words, time) = match words.split_last() {
        Some((last, rest)) if last.contains(':') => (rest, Some(time_of_day(last, text)?)),
        _ => (&words[..], None),
    };
    let day = day_written_out(day_words).ok_or_else(refuse)??;
    Ok(from_time_text(match time {
        Some(time) => TimeText::LocalTime(DateTime::from_parts(day, time)),
        None => TimeText::LocalDay(day),
    }))
}

fn from_time_text(form: TimeText) -> Written {
    let (precision, summary) = match form {
        TimeText::LocalMonth(date) => (Precision::Month, date.strftime("%b %Y").to_string()),
        TimeText::LocalDay(date) => (Precision::Exact, date.strftime("%-d %b %Y").to_string()),
        TimeText::LocalTime(datetime) => (
            Precision::Exact,
            datetime.strftime("%-d %b %Y %H:%M").to_string(),
        ),
        TimeText::Instant(t) => (Precision::Exact, t.to_string()),
    };
    Written {
        start: form,
        latest: None,
        precision,
        summary,
    }
}

/// The month numbered by an English month name or its abbreviation (`jan`, `sept.`).
fn month_number(word: &str) -> Option<i8> {
    const MONTHS: [&str; 12] = [
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
    ];
    let word = word.trim_end_matches('.');
    if word.len() < 3 {
        return None;
    }
    let index = MONTHS
        .iter()
        .position(|name| name.starts_with(word) || (word == "sept" && *name == "september"))?;
    i8::try_from(index + 1).ok()
}

/// `23 jan 2026`, `jan 23 2026` or `2026-01-23`; `None` when the words are not a day at all,
/// an error when they name a day that does not exist.
fn day_written_out(words: &[&str]) -> Option<Result<Date, DateEntryError>> {
    let (day, month, year) = match *words {
        [iso] => {
            return match TimeText::parse(iso) {
                Ok(TimeText::LocalDay(date)) => Some(Ok(date)),
                _ => None,
            };
        }
        [day, month, year] if day.starts_with(|c: char| c.is_ascii_digit()) => (day, month, year),
        [month, day, year] => (day, month, year),
        _ => return None,
    };
    let month = month_number(month)?;
    let day: i8 = day
        .trim_end_matches(['.', 's', 't', 'n', 'd', 'r', 'h'])
        .parse()
        .ok()?;
    let year: i16 = year.parse().ok()?;
    Some(Date::new(year, month, day).map_err(|e| {
        DateEntryError(format!(
            "{day} {} {year} is not a day in the calendar ({e}); {EXPECTED}",
            words.join(" ")
        ))
    }))
}

fn time_of_day(word: &str, text: &str) -> Result<Time, DateEntryError> {
    let padded = if word.len() == 4 {
        format!("0{word}")
    } else {
        word.to_string()
    };
    padded.parse::<Time>().map_err(|e| {
        DateEntryError(format!(
            "{:?}: {word:?} is not a time of day ({e}); expected a time like 14:00",
            text.trim()
        ))
    })
}

/// `early`, `mid` or `late` and a month: the 1st–10th, 11th–20th, or 21st to the month's end.
fn part_of_month(words: &[&str]) -> Result<Option<Written>, DateEntryError> {
    let (part, rest) = match words {
        [first, rest @ ..] if first.starts_with("mid-") => ("mid", {
            let mut rest = rest.to_vec();
            rest.insert(0, &first[4..]);
            rest
        }),
        [first, rest @ ..] => (*first, rest.to_vec()),
        [] => return Ok(None),
    };
    let (first_day, last_day, word) = match part {
        "early" | "beginning" => (1, Some(10), "early"),
        "mid" | "middle" => (11, Some(20), "mid"),
        "late" | "end" => (21, None, "late"),
        _ => return Ok(None),
    };
    let rest: Vec<&str> = rest.into_iter().filter(|w| *w != "of").collect();
    let [month, year] = rest[..] else {
        return Ok(None);
    };
    let (Some(month), Ok(year)) = (month_number(month), year.parse::<i16>()) else {
        return Ok(None);
    };
    let bad = |e: jiff::Error| DateEntryError(format!("{e}; {EXPECTED}"));
    let start = Date::new(year, month, first_day).map_err(bad)?;
    let last = match last_day {
        Some(day) => Date::new(year, month, day).map_err(bad)?,
        None => start.last_of_month(),
    };
    Ok(Some(Written {
        start: TimeText::LocalDay(start),
        latest: Some(TimeText::LocalDay(last)),
        precision: Precision::Approximate,
        summary: format!("{word} {}", start.strftime("%b %Y")),
    }))
}

/// `21–27 jan 2026`, `21-27 jan 2026`, `28 jan – 3 feb 2026`, `2026-01-21 – 2026-01-27`.
fn range(joined: &str) -> Result<Option<Written>, DateEntryError> {
    let split = joined.split_once('–').or_else(|| {
        // A hyphen between two day numbers; ISO dates keep theirs.
        let (left, right) = joined.split_once('-')?;
        let is_day = |s: &str| !s.trim().is_empty() && s.trim().chars().all(|c| c.is_ascii_digit());
        (is_day(left) && left.trim().len() <= 2).then_some((left, right))
    });
    let Some((left, right)) = split.or_else(|| joined.split_once(" - ")) else {
        return Ok(None);
    };
    let right_words: Vec<&str> = right.split_whitespace().collect();
    let left_words: Vec<&str> = left.split_whitespace().collect();
    let expected = || {
        DateEntryError(format!(
            "{joined:?} is not a range of days; expected a range like 21–27 Jan 2026 or 28 Jan – 3 Feb 2026"
        ))
    };
    let last = day_written_out(&right_words).ok_or_else(expected)??;
    let month_word = |date: Date| date.strftime("%b").to_string().to_lowercase();
    let year = last.year().to_string();
    let completed: Vec<String> = match left_words[..] {
        [day] if day.parse::<i8>().is_ok() => vec![day.into(), month_word(last), year],
        [day, month] => vec![day.into(), month.into(), year],
        _ => left_words.iter().map(|w| (*w).to_string()).collect(),
    };
    let completed: Vec<&str> = completed.iter().map(String::as_str).collect();
    let first = day_written_out(&completed).ok_or_else(expected)??;
    if last < first {
        return Err(DateEntryError(format!(
            "{joined:?}: the range ends before it starts; expected the earlier day first"
        )));
    }
    Ok(Some(Written {
        start: TimeText::LocalDay(first),
        latest: Some(TimeText::LocalDay(last)),
        precision: Precision::Range,
        summary: format!(
            "{} – {}",
            first.strftime("%-d %b %Y"),
            last.strftime("%-d %b %Y")
        ),
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn utc(text: &str) -> DateEntry {
        parse_date_entry(text, &TimeZone::UTC).unwrap_or_else(|e| panic!("{text}: {e}"))
    }

    fn ts(text: &str) -> Timestamp {
        text.parse().unwrap()
    }

    #[test]
    fn a_day_is_exact_and_spans_its_local_day() {
        let syria = parse_time_zone("Asia/Damascus").unwrap();
        for text in [
            "2026-01-23",
            "23 Jan 2026",
            "23 January 2026",
            "Jan 23, 2026",
            "23rd Jan 2026",
        ] {
            let entry = parse_date_entry(text, &syria).unwrap_or_else(|e| panic!("{text}: {e}"));
            assert_eq!(entry.precision, Precision::Exact, "{text}");
            assert_eq!(entry.start, ts("2026-01-22T21:00:00Z"), "{text}");
            assert_eq!(entry.earliest, entry.start);
            assert_eq!(entry.latest, ts("2026-01-23T21:00:00Z"), "{text}");
            assert_eq!(entry.dating.span_end, Some(entry.latest));
            assert_eq!(entry.summary, "23 Jan 2026 (exact)");
        }
    }

    #[test]
    fn parts_of_a_month_are_approximate_windows() {
        let late = utc("late Jan 2026");
        assert_eq!(late.precision, Precision::Approximate);
        assert_eq!(late.start, ts("2026-01-21T00:00:00Z"));
        assert_eq!(late.latest, ts("2026-02-01T00:00:00Z"));
        let early = utc("Early February 2026");
        assert_eq!(early.start, ts("2026-02-01T00:00:00Z"));
        assert_eq!(early.latest, ts("2026-02-11T00:00:00Z"));
        let mid = utc("mid-Jan 2026");
        assert_eq!(mid.start, ts("2026-01-11T00:00:00Z"));
        assert_eq!(mid.latest, ts("2026-01-21T00:00:00Z"));
        assert_eq!(mid.dating.latest, Some(ts("2026-01-20T00:00:00Z")));
        assert_eq!(mid.summary, "mid Jan 2026 (approximate)");
    }

    #[test]
    fn months_are_month_precise() {
        for text in ["2026-01", "Jan 2026", "january 2026"] {
            let entry = utc(text);
            assert_eq!(entry.precision, Precision::Month, "{text}");
            assert_eq!(entry.start, ts("2026-01-01T00:00:00Z"));
            assert_eq!(entry.latest, ts("2026-02-01T00:00:00Z"));
        }
    }

    #[test]
    fn ranges_take_an_en_dash_or_a_hyphen() {
        for text in [
            "21–27 Jan 2026",
            "21-27 Jan 2026",
            "21 - 27 Jan 2026",
            "21 – 27 January 2026",
        ] {
            let entry = utc(text);
            assert_eq!(entry.precision, Precision::Range, "{text}");
            assert_eq!(entry.start, ts("2026-01-21T00:00:00Z"), "{text}");
            assert_eq!(entry.latest, ts("2026-01-28T00:00:00Z"), "{text}");
            assert_eq!(entry.summary, "21 Jan 2026 – 27 Jan 2026 (range)");
        }
        let across = utc("28 Jan – 3 Feb 2026");
        assert_eq!(across.start, ts("2026-01-28T00:00:00Z"));
        assert_eq!(across.latest, ts("2026-02-04T00:00:00Z"));
        let iso = utc("2026-01-21 – 2026-01-27");
        assert_eq!(iso.latest, ts("2026-01-28T00:00:00Z"));
    }

    #[test]
    fn a_year_is_a_range_over_the_year() {
        let year = utc("2026");
        assert_eq!(year.precision, Precision::Range);
        assert_eq!(year.start, ts("2026-01-01T00:00:00Z"));
        assert_eq!(year.latest, ts("2027-01-01T00:00:00Z"));
    }

    #[test]
    fn a_time_of_day_is_an_exact_local_instant() {
        let syria = parse_time_zone("+03:00").unwrap();
        for text in ["2026-01-23 14:00", "2026-01-23T14:00", "23 Jan 2026 14:00"] {
            let entry = parse_date_entry(text, &syria).unwrap_or_else(|e| panic!("{text}: {e}"));
            assert_eq!(entry.start, ts("2026-01-23T11:00:00Z"), "{text}");
            assert_eq!(entry.latest, entry.start);
            assert_eq!(entry.dating.span_end, None);
            assert_eq!(entry.precision, Precision::Exact);
        }
        let instant = utc("2026-01-23T14:00:00+02:00");
        assert_eq!(instant.start, ts("2026-01-23T12:00:00Z"));
    }

    #[test]
    fn the_dating_is_what_reading_the_same_text_from_a_file_gives() {
        let zone = parse_time_zone("Asia/Damascus").unwrap();
        let entry = parse_date_entry("late Jan 2026", &zone).unwrap();
        let file_times = local_times(
            TimeText::parse("2026-01-21").unwrap(),
            None,
            None,
            Some(TimeText::parse("2026-01-31").unwrap()),
            &zone,
        )
        .unwrap();
        assert_eq!(entry.dating.start, file_times.start);
        assert_eq!(entry.dating.latest, file_times.latest);
        assert_eq!(entry.dating.span_end, file_times.span_end);
    }

    #[test]
    fn nonsense_says_what_was_expected() {
        for bad in [
            "",
            "next tuesday",
            "32 Jan 2026",
            "Foo 2026",
            "27–21 Jan 2026",
            "2026-13",
            "late 2026",
            "23 Jan 2026 25:00",
        ] {
            let message = parse_date_entry(bad, &TimeZone::UTC)
                .err()
                .unwrap_or_else(|| panic!("{bad:?} was understood"))
                .to_string();
            assert!(message.contains("expected"), "{bad}: {message}");
        }
        let message = parse_date_entry("30 Feb 2026", &TimeZone::UTC)
            .unwrap_err()
            .to_string();
        assert!(message.contains("not a day in the calendar"), "{message}");
    }
}
