//! CSV with a header: latitude and longitude columns and a time or date column, an optional id
//! column joining rows into tracks, and any other columns kept for the inspector (the shape of
//! conflict-event exports such as ACLED's).

use super::Parsed;
use super::csv_quotes::unclosed_quote;
use super::tracks::{Fix, Interpolation, RawTrack, event_from_fix, parse_loose_time};
use crate::io::ReadProgress;
use crate::io::excerpt;
use crate::io::geojson::checked_lon_lat;
use std::collections::BTreeMap;

const LAT_KEYS: [&str; 3] = ["latitude", "lat", "y"];
const LON_KEYS: [&str; 5] = ["longitude", "lon", "lng", "long", "x"];
const TIME_KEYS: [&str; 6] = [
    "time",
    "timestamp",
    "datetime",
    "event_date",
    "date",
    "start",
];
const END_KEYS: [&str; 2] = ["end", "stop"];
const ID_KEYS: [&str; 4] = ["id", "track_id", "track", "trip_id"];
/// Columns that can title a row, best first; each row takes the first that is not empty.
const TITLE_KEYS: [&str; 14] = [
    "title",
    "name",
    "unit",
    "event_type",
    "event",
    "sub_event_type",
    "type",
    "kind",
    "category",
    "summary",
    "description",
    "notes",
    "location",
    "place",
];

/// The longest title taken from a free-text column, in characters.
const TITLE_MAX_CHARS: usize = 80;

/// A row's title: the first non-empty `title_columns` field, else the first field of another
/// column that holds words rather than numbers, shortened to [`TITLE_MAX_CHARS`].
fn row_title(
    fields: &[String],
    title_columns: &[usize],
    other_columns: &[usize],
) -> Option<String> {
    let words = |i: &usize| {
        fields
            .get(*i)
            .map(|field| field.trim())
            .filter(|field| !field.is_empty())
    };
    let text = title_columns.iter().find_map(words).or_else(|| {
        other_columns
            .iter()
            .filter_map(words)
            .find(|field| field.parse::<f64>().is_err() && field.chars().any(char::is_alphabetic))
    })?;
    Some(match text.char_indices().nth(TITLE_MAX_CHARS) {
        Some((cut, _)) => format!("{}…", text[..cut].trim_end()),
        None => text.to_string(),
    })
}

/// A row's 1-based starting line, byte offset and fields.
type Row = (usize, usize, Vec<String>);

/// Reads the rows of CSV text one at a time with the `csv` crate, each with the 1-based line and
/// the byte offset it starts at. Quotes may hold separators, doubled quotes and line breaks;
/// blank rows are skipped. An error says on which line the text stopped being CSV.
fn rows(text: &str, separator: u8) -> impl Iterator<Item = Result<Row, (usize, String)>> + '_ {
    let reader = ::csv::ReaderBuilder::new()
        .delimiter(separator)
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    reader
        .into_records()
        .map(|record| {
            let record = record.map_err(|error| {
                let line = error.position().map_or(1, |at| at.line() as usize);
                (line, format!("is not CSV: {error}"))
            })?;
            let (line, offset) = record
                .position()
                .map_or((1, 0), |at| (at.line() as usize, at.byte() as usize));
            let fields: Vec<String> = record.iter().map(str::to_string).collect();
            Ok((line, offset, fields))
        })
        .filter(|row| {
            row.as_ref().map_or(true, |(_, _, fields)| {
                fields.iter().any(|field| !field.trim().is_empty())
            })
        })
}

/// The separator the header line uses most: comma, semicolon or tab.
fn sniff_separator(text: &str) -> u8 {
    let header_line = text.split(['\n', '\r']).next().unwrap_or_default();
    [b',', b';', b'\t']
        .into_iter()
        .max_by_key(|&separator| header_line.matches(char::from(separator)).count())
        .unwrap_or(b',')
}

/// How often, in rows, a read reports progress, hands pages back and looks for a cancel.
const REPORT_EVERY: usize = 4_096;

/// Reads CSV text row by row; `track_by` names the column that joins rows into tracks, instead
/// of `id`. `release` is told how far the reading has got (a mapped file hands back the pages
/// behind it).
pub fn read(
    text: &str,
    file: &str,
    track_by: Option<&str>,
    progress: &ReadProgress,
    release: &dyn Fn(usize),
) -> Parsed {
    let mut parsed = Parsed::default();
    let problem = |line: usize, message: String| crate::io::Problem {
        file: file.to_string(),
        line,
        column: 1,
        message,
    };
    let separator = sniff_separator(text);
    if let Some((opened_at, rows_after)) = unclosed_quote(text, separator) {
        let (line, column) = crate::io::locate::Locator::new(text).line_column(opened_at);
        parsed.problems.push(crate::io::Problem {
            file: file.to_string(),
            line,
            column,
            message: format!(
                "a quote opens a field here and is never closed, so it swallows the {rows_after} \
                 rows after it; expected a closing quote (a quote inside a field is doubled: \"\")"
            ),
        });
        return parsed;
    }
    let mut all = rows(text, separator);
    let header = match all.next() {
        Some(Ok((_, _, header))) => header,
        Some(Err((line, message))) => {
            parsed.problems.push(problem(line, message));
            return parsed;
        }
        None => {
            parsed.problems.push(problem(
                1,
                "the file is empty; expected a CSV header with latitude, longitude and time \
                 columns"
                    .into(),
            ));
            return parsed;
        }
    };
    let header: Vec<String> = header
        .iter()
        .map(|h| h.trim().trim_start_matches('\u{feff}').to_string())
        .collect();
    let column = |keys: &[&str]| {
        keys.iter()
            .find_map(|key| header.iter().position(|h| h.eq_ignore_ascii_case(key)))
    };
    let (Some(lat), Some(lon), Some(time)) =
        (column(&LAT_KEYS), column(&LON_KEYS), column(&TIME_KEYS))
    else {
        parsed.problems.push(problem(
            1,
            format!(
                "the header {:?} lacks a column; expected latitude (or lat, y), longitude (or lon, lng, x) and a time (time, timestamp, datetime, event_date or date)",
                excerpt(&header.join(&char::from(separator).to_string()))
            ),
        ));
        return parsed;
    };
    let id = match track_by {
        Some(name) => match column(&[name]) {
            Some(index) => Some(index),
            None => {
                parsed.problems.push(problem(
                    1,
                    format!(
                        "the header {:?} has no column {:?} to join rows into tracks by",
                        excerpt(&header.join(&char::from(separator).to_string())),
                        excerpt(name)
                    ),
                ));
                return parsed;
            }
        },
        None => column(&ID_KEYS),
    };
    let end = column(&END_KEYS);
    let title_columns: Vec<usize> = TITLE_KEYS.iter().filter_map(|key| column(&[key])).collect();
    let other_columns: Vec<usize> = (0..header.len())
        .filter(|i| ![Some(lat), Some(lon), Some(time), id, end].contains(&Some(*i)))
        .collect();
    let mut tracks: BTreeMap<String, RawTrack> = BTreeMap::new();
    for (row_number, row) in all.enumerate() {
        let (line, offset, fields) = match row {
            Ok(row) => row,
            Err((line, message)) => {
                // Text that stops being CSV is not read at all, rather than in part.
                return Parsed {
                    problems: vec![problem(line, message)],
                    ..Parsed::default()
                };
            }
        };
        if row_number.is_multiple_of(REPORT_EVERY) {
            progress.set(offset as f64 / text.len().max(1) as f64);
            release(offset);
            if progress.is_cancelled() {
                break;
            }
        }
        let row = row_number + 2;
        let row_problem = |message: String| problem(line, format!("row {row}: {message}"));
        if fields.len() != header.len() {
            parsed.problems.push(row_problem(format!(
                "has {} fields; expected {} as in the header",
                fields.len(),
                header.len()
            )));
            continue;
        }
        let number = |index: usize, what: &str| {
            fields[index]
                .trim()
                .parse::<f64>()
                .map_err(|_| format!("{what} {:?} is not a number", excerpt(&fields[index])))
        };
        let position = match number(lon, "longitude")
            .and_then(|lon| Ok((lon, number(lat, "latitude")?)))
            .and_then(|(lon, lat)| checked_lon_lat(lon, lat))
        {
            Ok(position) => position,
            Err(e) => {
                parsed.problems.push(row_problem(e));
                continue;
            }
        };
        let t = match parse_loose_time(&fields[time]) {
            Ok(t) => t,
            Err(e) => {
                parsed
                    .problems
                    .push(row_problem(format!("{}: {e}", excerpt(&header[time]))));
                continue;
            }
        };
        let end_time = end.and_then(|i| parse_loose_time(&fields[i]).ok());
        let attributes = || -> Vec<(String, String)> {
            header
                .iter()
                .zip(&fields)
                .filter(|(_, value)| !value.trim().is_empty())
                .map(|(key, value)| (key.clone(), value.clone()))
                .collect()
        };
        let fix = Fix { t, position };
        match id
            .map(|i| fields[i].trim().to_string())
            .filter(|id| !id.is_empty())
        {
            Some(track_id) if tracks.contains_key(&track_id) => {
                if let Some(track) = tracks.get_mut(&track_id) {
                    track.fixes.push(fix);
                    track.end = end_time.or(track.end);
                }
            }
            Some(track_id) => {
                let defined_at = Some((line, 1));
                let track = tracks.entry(track_id.clone()).or_insert_with(|| RawTrack {
                    name: title_columns
                        .iter()
                        .find_map(|&i| Some(fields[i].trim()).filter(|f| !f.is_empty()))
                        .map_or_else(|| track_id.clone(), str::to_string),
                    id: track_id,
                    fixes: Vec::new(),
                    interpolation: Interpolation::Linear,
                    end: None,
                    sequence_ends: Vec::new(),
                    attributes: attributes(),
                    temporal_properties: Vec::new(),
                    defined_at,
                });
                track.fixes.push(fix);
                track.end = end_time.or(track.end);
            }
            None => {
                let title_text = row_title(&fields, &title_columns, &other_columns)
                    .unwrap_or_else(|| format!("Event of {}", fields[time].trim()));
                parsed.events.push(event_from_fix(
                    format!("row-{row}"),
                    title_text,
                    fix,
                    end_time,
                    attributes(),
                ));
                // The id is made up: never a duplicate of the user's.
                parsed.event_defined_at.push(None);
            }
        }
    }
    parsed.tracks.extend(tracks.into_values());
    parsed
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_row_is_titled_by_its_best_column_never_by_its_number() {
        let fields: Vec<String> = ["", "Battles", "35.1", "Shelling near the dam"]
            .map(String::from)
            .to_vec();
        // title (empty), event_type, then notes
        assert_eq!(row_title(&fields, &[0, 1, 3], &[2]), Some("Battles".into()));
        assert_eq!(
            row_title(&fields, &[0], &[2, 3]),
            Some("Shelling near the dam".into())
        );
        assert_eq!(row_title(&fields, &[0], &[2]), None);
        let long = vec!["word ".repeat(40)];
        let title = row_title(&long, &[0], &[]).unwrap_or_default();
        assert!(title.ends_with('…') && title.chars().count() <= TITLE_MAX_CHARS + 1);
    }

    #[test]
    fn quoted_fields_keep_separators_quotes_and_line_breaks() {
        let text = "a,b\n\"x, y\",\"say \"\"hi\"\"\"\n\"two\nlines\",z\n";
        let parsed: Vec<Row> = rows(text, b',')
            .collect::<Result<_, _>>()
            .unwrap_or_else(|e| panic!("{e:?}"));
        assert_eq!(
            parsed[1],
            (2, 4, vec!["x, y".to_string(), "say \"hi\"".to_string()])
        );
        assert_eq!(
            parsed[2],
            (3, 24, vec!["two\nlines".to_string(), "z".to_string()])
        );
    }

    #[test]
    fn the_separator_is_the_one_the_header_uses_most() {
        assert_eq!(sniff_separator("lat;lon;time\n1,5;2;x"), b';');
        assert_eq!(sniff_separator("lat\tlon\ttime"), b'\t');
        assert_eq!(sniff_separator("lat,lon,time"), b',');
        let rows: Vec<Row> = rows("a;b\n1;\"x;y\"\n", b';')
            .collect::<Result<_, _>>()
            .unwrap_or_default();
        assert_eq!(rows[1], (2, 4, vec!["1".to_string(), "x;y".to_string()]));
    }
}
