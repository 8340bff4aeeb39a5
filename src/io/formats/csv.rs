//! CSV with a header: latitude and longitude columns and a time or date column, an optional id
//! column joining rows into tracks, and any other columns kept for the inspector (the shape of
//! conflict-event exports such as ACLED's).

use super::tracks::{Fix, Interpolation, RawTrack, event_from_fix, parse_loose_time};
use super::{Parsed, keep_going};
use crate::io::ReadProgress;
use crate::model::LonLat;
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

/// Splits CSV text into rows of fields, with the 1-based line each row starts on. Quotes may
/// hold separators, doubled quotes and line breaks.
fn rows(text: &str, separator: char) -> Vec<(usize, Vec<String>)> {
    let mut rows = Vec::new();
    let mut field = String::new();
    let mut fields = Vec::new();
    let (mut line, mut row_line) = (1, 1);
    let mut quoted = false;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '"' if quoted && chars.peek() == Some(&'"') => {
                field.push('"');
                chars.next();
            }
            '"' => quoted = !quoted,
            c if c == separator && !quoted => fields.push(std::mem::take(&mut field)),
            '\r' if !quoted => {}
            '\n' if !quoted => {
                fields.push(std::mem::take(&mut field));
                rows.push((row_line, std::mem::take(&mut fields)));
                line += 1;
                row_line = line;
            }
            c => {
                if c == '\n' {
                    line += 1;
                }
                field.push(c);
            }
        }
    }
    if !field.is_empty() || !fields.is_empty() {
        fields.push(field);
        rows.push((row_line, fields));
    }
    rows.retain(|(_, fields)| fields.iter().any(|f| !f.trim().is_empty()));
    rows
}

/// Reads CSV text; `track_by` names the column that joins rows into tracks, instead of `id`.
pub fn read(text: &str, file: &str, track_by: Option<&str>, progress: &ReadProgress) -> Parsed {
    let mut parsed = Parsed::default();
    let header_line = text.lines().next().unwrap_or_default();
    let separator = [',', ';', '\t']
        .into_iter()
        .max_by_key(|sep| header_line.matches(*sep).count())
        .unwrap_or(',');
    let all_rows = rows(text, separator);
    let row_count = all_rows.len();
    let mut all = all_rows.into_iter();
    let problem = |line: usize, message: String| crate::io::Problem {
        file: file.to_string(),
        line,
        column: 1,
        message,
    };
    let Some((_, header)) = all.next() else {
        parsed.problems.push(problem(
            1,
            "the file is empty; expected a CSV header with latitude, longitude and time columns"
                .into(),
        ));
        return parsed;
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
                "the header {header:?} lacks a column; expected latitude (or lat, y), longitude (or lon, lng, x) and a time (time, timestamp, datetime, event_date or date)"
            ),
        ));
        return parsed;
    };
    let id = match track_by {
        Some(name) => {
            match column(&[name]) {
                Some(index) => Some(index),
                None => {
                    parsed.problems.push(problem(
                    1,
                    format!("the header {header:?} has no column {name:?} to join rows into tracks by"),
                ));
                    return parsed;
                }
            }
        }
        None => column(&ID_KEYS),
    };
    let end = column(&END_KEYS);
    let title_columns: Vec<usize> = TITLE_KEYS.iter().filter_map(|key| column(&[key])).collect();
    let other_columns: Vec<usize> = (0..header.len())
        .filter(|i| ![Some(lat), Some(lon), Some(time), id, end].contains(&Some(*i)))
        .collect();
    let mut tracks: BTreeMap<String, RawTrack> = BTreeMap::new();
    for (row_number, (line, fields)) in all.enumerate() {
        if !keep_going(progress, row_number, row_count) {
            break;
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
        let number = |index: usize, what: &str, range: std::ops::RangeInclusive<f64>| {
            fields[index]
                .trim()
                .parse::<f64>()
                .ok()
                .filter(|v| range.contains(v))
                .ok_or_else(|| {
                    format!(
                        "{what} {:?} is not a number from {} to {}",
                        fields[index],
                        range.start(),
                        range.end()
                    )
                })
        };
        let position = match (
            number(lon, "longitude", -180.0..=180.0),
            number(lat, "latitude", -90.0..=90.0),
        ) {
            (Ok(lon), Ok(lat)) => LonLat::new(lon, lat),
            (Err(e), _) | (_, Err(e)) => {
                parsed.problems.push(row_problem(e));
                continue;
            }
        };
        let t = match parse_loose_time(&fields[time]) {
            Ok(t) => t,
            Err(e) => {
                parsed
                    .problems
                    .push(row_problem(format!("{}: {e}", header[time])));
                continue;
            }
        };
        let end_time = end.and_then(|i| parse_loose_time(&fields[i]).ok());
        let attributes: Vec<(String, String)> = header
            .iter()
            .zip(&fields)
            .filter(|(_, value)| !value.trim().is_empty())
            .map(|(key, value)| (key.clone(), value.clone()))
            .collect();
        let fix = Fix { t, position };
        match id
            .map(|i| fields[i].trim().to_string())
            .filter(|id| !id.is_empty())
        {
            Some(track_id) => {
                let track = tracks.entry(track_id.clone()).or_insert_with(|| RawTrack {
                    name: title_columns
                        .iter()
                        .find_map(|&i| Some(fields[i].trim()).filter(|f| !f.is_empty()))
                        .map_or_else(|| track_id.clone(), str::to_string),
                    id: track_id,
                    fixes: Vec::new(),
                    interpolation: Interpolation::Linear,
                    end: None,
                    attributes: attributes.clone(),
                    temporal_properties: Vec::new(),
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
                    attributes,
                ));
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
        let parsed = rows(text, ',');
        assert_eq!(
            parsed[1],
            (2, vec!["x, y".to_string(), "say \"hi\"".to_string()])
        );
        assert_eq!(
            parsed[2],
            (3, vec!["two\nlines".to_string(), "z".to_string()])
        );
    }
}
