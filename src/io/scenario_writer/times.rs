//! Times written back as the scenario format reads them: a whole local day as `2026-01-24`, a
//! month as `2026-01`, a local time as `2026-01-24T23:00:00`, or an instant with its offset, so
//! that reading the text gives the same instants and the same span of days as the model holds.

use super::super::{TimeText, scenario_time::local_times};
use crate::model::{Dating, Precision};
use jiff::{Timestamp, tz::TimeZone};

/// The texts of a dated item's `start`, `end`, `earliest` and `latest`.
pub(in crate::io) struct DatedTexts {
    pub start: String,
    pub end: Option<String>,
    pub earliest: Option<String>,
    pub latest: Option<String>,
}

/// How `t` can be written so that it reads back as `t` in `zone`, the most readable first:
/// the month and the day first for a month-precise date, the day first otherwise.
fn forms(t: Timestamp, zone: &TimeZone, month_first: bool) -> Vec<TimeText> {
    let zoned = t.to_zoned_datetime(zone.clone());
    let mut forms = Vec::with_capacity(4);
    if zoned.time() == jiff::civil::Time::midnight() {
        let day = TimeText::LocalDay(zoned.date());
        let month = (zoned.day() == 1).then_some(TimeText::LocalMonth(zoned.date()));
        if month_first {
            forms.extend(month);
            forms.push(day);
        } else {
            forms.push(day);
            forms.extend(month);
        }
    }
    forms.push(TimeText::LocalTime(zoned.datetime()));
    forms.push(TimeText::Instant(t));
    forms.retain(|form| form.start_in(zone) == Ok(t));
    forms
}

fn optional_forms(
    t: Option<Timestamp>,
    zone: &TimeZone,
    month_first: bool,
) -> Vec<Option<TimeText>> {
    match t {
        None => vec![None],
        Some(t) => forms(t, zone, month_first).into_iter().map(Some).collect(),
    }
}

/// `text` as written in a file, in `zone`.
pub(super) fn time_text(text: TimeText, zone: &TimeZone) -> String {
    match text {
        TimeText::Instant(t) => t.display_with_offset(zone.to_offset(t)).to_string(),
        TimeText::LocalTime(datetime) => datetime.to_string(),
        TimeText::LocalDay(date) => date.to_string(),
        TimeText::LocalMonth(date) => format!("{:04}-{:02}", date.year(), date.month()),
    }
}

/// An instant written in `zone`: a local date when it is local midnight, else a local time.
pub(super) fn instant_text(t: Timestamp, zone: &TimeZone) -> String {
    forms(t, zone, false)
        .first()
        .map_or_else(|| t.to_string(), |form| time_text(*form, zone))
}

/// The end of a span written in `zone`: the day before as a date when it ends at local midnight
/// (a date as an end reaches the end of that day), else as [`instant_text`].
pub(super) fn span_end_text(end: Timestamp, zone: &TimeZone) -> String {
    let zoned = end.to_zoned_datetime(zone.clone());
    if zoned.time() == jiff::civil::Time::midnight()
        && let Ok(day_before) = zoned.date().yesterday()
        && TimeText::LocalDay(day_before).unit_end_in(zone) == Some(end)
    {
        return day_before.to_string();
    }
    instant_text(end, zone)
}

/// The texts for `dating` in `zone`: the most readable ones that read back as the same
/// instants and the same span of local days or months. When no choice gives the same span (a
/// dating made in another zone or by another reader), the instants are kept and the span is
/// what the texts give.
pub(in crate::io) fn dated_texts(dating: &Dating, zone: &TimeZone) -> DatedTexts {
    let month_first = dating.precision == Precision::Month;
    let starts = forms(dating.start, zone, month_first);
    let ends = optional_forms(dating.end, zone, month_first);
    let latests = optional_forms(dating.latest, zone, month_first);
    let earliest = optional_forms(dating.earliest, zone, month_first)
        .first()
        .copied()
        .flatten();
    let mut chosen = None;
    'search: for &start in &starts {
        for &end in &ends {
            for &latest in &latests {
                let span_end = local_times(start, end, earliest, latest, zone)
                    .ok()
                    .and_then(|times| times.span_end);
                if span_end == dating.span_end {
                    chosen = Some((start, end, latest));
                    break 'search;
                }
            }
        }
    }
    let text = |form: Option<TimeText>| form.map(|form| time_text(form, zone));
    match chosen {
        Some((start, end, latest)) => DatedTexts {
            start: time_text(start, zone),
            end: text(end),
            earliest: text(earliest),
            latest: text(latest),
        },
        None => DatedTexts {
            start: starts
                .first()
                .map_or_else(|| dating.start.to_string(), |form| time_text(*form, zone)),
            end: text(ends.first().copied().flatten()),
            earliest: text(earliest),
            latest: text(latests.first().copied().flatten()),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn syria() -> TimeZone {
        crate::io::parse_time_zone("Asia/Damascus").unwrap()
    }

    #[test]
    fn days_months_and_times_are_written_as_they_read_back() {
        let zone = syria();
        let read = |text: &str| TimeText::parse(text).unwrap().start_in(&zone).unwrap();
        assert_eq!(instant_text(read("2026-01-17"), &zone), "2026-01-17");
        assert_eq!(
            instant_text(read("2026-01-24T23:00"), &zone),
            "2026-01-24T23:00:00"
        );
        let instant: Timestamp = "2026-01-24T20:00:00Z".parse().unwrap();
        assert_eq!(
            time_text(TimeText::Instant(instant), &zone),
            "2026-01-24T23:00:00+03:00"
        );
        assert_eq!(span_end_text(read("2026-01-26"), &zone), "2026-01-25");
    }

    #[test]
    fn a_month_precise_state_is_written_as_its_month() {
        let zone = syria();
        let start = TimeText::parse("2025-08").unwrap();
        let times = local_times(start, None, None, None, &zone).unwrap();
        let dating = Dating {
            start: times.start,
            end: None,
            precision: Precision::Month,
            earliest: None,
            latest: None,
            span_end: times.span_end,
            zone: zone.clone(),
        };
        let texts = dated_texts(&dating, &zone);
        assert_eq!(texts.start, "2025-08");
        // The same first of the month, written to the day: the span is one day, not a month.
        let day = TimeText::parse("2025-08-01").unwrap();
        let times = local_times(day, None, None, None, &zone).unwrap();
        let dating = Dating {
            span_end: times.span_end,
            ..dating
        };
        assert_eq!(dated_texts(&dating, &zone).start, "2025-08-01");
    }
}
