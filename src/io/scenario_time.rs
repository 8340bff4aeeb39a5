//! Time in scenario files: the header's `time_zone`, and bare dates read as local days and
//! months in it.

use super::{Problem, TimeText, locate::Locator, parse_time_zone};
use jiff::{Timestamp, tz::TimeZone};
use serde::Deserialize;

/// The `time_zone` of the first header that names one, or UTC. A zone that cannot be read is a
/// problem at its place in the file, and UTC is used.
pub(super) fn header_time_zone(files: &[(&str, &str)], problems: &mut Vec<Problem>) -> TimeZone {
    #[derive(Deserialize)]
    struct ZoneJson {
        #[serde(default)]
        time_zone: Option<String>,
    }
    #[derive(Deserialize)]
    struct HeaderOnly {
        #[serde(default)]
        deploymap: Option<ZoneJson>,
    }
    for (name, text) in files {
        let Ok(HeaderOnly {
            deploymap: Some(ZoneJson {
                time_zone: Some(zone_text),
            }),
        }) = serde_json::from_str::<HeaderOnly>(text)
        else {
            continue;
        };
        match parse_time_zone(&zone_text) {
            Ok(zone) => return zone,
            Err(message) => {
                let locator = Locator::new(text);
                let offset = text.find("\"time_zone\"").unwrap_or(0);
                let (line, column) = locator.line_column(offset);
                problems.push(Problem {
                    file: (*name).to_string(),
                    line,
                    column,
                    message: format!("deploymap.time_zone: {message}; using UTC"),
                });
                return TimeZone::UTC;
            }
        }
    }
    TimeZone::UTC
}

/// The written times of a dated item, resolved in `zone`.
pub(super) struct LocalTimes {
    /// `start`.
    pub start: Timestamp,
    /// `end`.
    pub end: Option<Timestamp>,
    /// `earliest`.
    pub earliest: Option<Timestamp>,
    /// `latest`.
    pub latest: Option<Timestamp>,
    /// The end of the last local day or month named by a date written without a time.
    pub span_end: Option<Timestamp>,
    /// The last instant `end` allows: the end of its local day when written as a date.
    pub end_reach: Option<Timestamp>,
    /// The last instant `latest` allows: the end of its local day when written as a date.
    pub latest_reach: Option<Timestamp>,
}

/// Resolves `start`, `end`, `earliest` and `latest` in `zone`. The band of the item reaches the
/// end of the local day (or month) of `latest`, else of `end`, else of `start`, whichever of them
/// are written without a time of day.
pub(super) fn local_times(
    start: TimeText,
    end: Option<TimeText>,
    earliest: Option<TimeText>,
    latest: Option<TimeText>,
    zone: &TimeZone,
) -> Result<LocalTimes, String> {
    let resolve = |text: Option<TimeText>| text.map(|t| t.start_in(zone)).transpose();
    let last_named = latest.or(end).unwrap_or(start);
    let span_end = [Some(start), Some(last_named)]
        .into_iter()
        .flatten()
        .filter_map(|t| t.unit_end_in(zone))
        .max();
    let reach = |text: Option<TimeText>| -> Result<Option<Timestamp>, String> {
        text.map(|t| t.unit_end_in(zone).map_or_else(|| t.start_in(zone), Ok))
            .transpose()
    };
    Ok(LocalTimes {
        end_reach: reach(end)?,
        latest_reach: reach(latest)?,
        start: start.start_in(zone)?,
        end: resolve(end)?,
        earliest: resolve(earliest)?,
        latest: resolve(latest)?,
        span_end,
    })
}
