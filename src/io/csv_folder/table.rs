//! One spreadsheet of a folder read into rows, and the cells of a row read with problems that
//! name the file, the row's line, and the column.

use crate::io::geojson::checked_lon_lat;
use crate::io::{LoadError, Problem, ReadOptions};
use crate::model::LonLat;
use std::collections::HashMap;
use std::path::Path as FilePath;

/// One spreadsheet: its rows with their line numbers, and where each column is.
pub(super) struct Table {
    pub(super) file: String,
    columns: HashMap<String, usize>,
    rows: Vec<(usize, csv::StringRecord)>,
}

/// A row of a table, for reading cells and reporting problems at them.
pub(super) struct Row<'a> {
    table: &'a Table,
    pub(super) line: usize,
    record: &'a csv::StringRecord,
}

impl Row<'_> {
    pub(super) fn cell(&self, name: &str) -> &str {
        self.table
            .columns
            .get(name)
            .and_then(|&i| self.record.get(i))
            .map_or("", str::trim)
    }

    pub(super) fn optional(&self, name: &str) -> Option<String> {
        Some(self.cell(name).to_string()).filter(|text| !text.is_empty())
    }

    pub(super) fn problem(&self, name: &str, message: impl std::fmt::Display) -> Problem {
        Problem {
            file: self.table.file.clone(),
            line: self.line,
            column: self.table.columns.get(name).map_or(1, |i| i + 1),
            message: format!("row {}, column {name}: {message}", self.line),
        }
    }

    /// A value of a snake_case enum, such as a kind or a precision.
    pub(super) fn word<T: serde::de::DeserializeOwned>(
        &self,
        name: &str,
        expected: &str,
    ) -> Result<T, Problem> {
        let text = self.cell(name);
        serde_json::from_value(serde_json::Value::String(text.to_string()))
            .map_err(|_| self.problem(name, format!("{text:?} is not known; expected {expected}")))
    }

    pub(super) fn json<T: serde::de::DeserializeOwned + Default>(
        &self,
        name: &str,
    ) -> Result<T, Problem> {
        match self.cell(name) {
            "" => Ok(T::default()),
            text => serde_json::from_str(text)
                .map_err(|e| self.problem(name, format!("not the JSON expected here ({e})"))),
        }
    }

    pub(super) fn point(&self, lon: &str, lat: &str) -> Result<Option<LonLat>, Problem> {
        match (self.cell(lon), self.cell(lat)) {
            ("", "") => Ok(None),
            (x, y) => {
                let x: f64 = x.parse().map_err(|_| {
                    self.problem(lon, format!("{x:?} is not a number; expected degrees"))
                })?;
                let y: f64 = y.parse().map_err(|_| {
                    self.problem(lat, format!("{y:?} is not a number; expected degrees"))
                })?;
                checked_lon_lat(x, y)
                    .map(Some)
                    .map_err(|e| self.problem(lon, e))
            }
        }
    }
}

pub(super) fn rows(table: &Table) -> impl Iterator<Item = Row<'_>> {
    table.rows.iter().map(move |(line, record)| Row {
        table,
        line: *line,
        record,
    })
}

/// Reads the table at `path`; an absent file is an empty table.
pub(super) fn read_table(
    path: &FilePath,
    options: &ReadOptions,
    problems: &mut Vec<Problem>,
) -> Result<Table, LoadError> {
    let file = path.display().to_string();
    let mut table = Table {
        file: file.clone(),
        columns: HashMap::new(),
        rows: Vec::new(),
    };
    if !path.is_file() {
        return Ok(table);
    }
    let source = crate::io::read_source(path, options).map_err(|p| LoadError::new(vec![p]))?;
    let text = source.text.trim_start_matches('\u{feff}');
    let delimiter = super::delimiter_of(text.lines().next().unwrap_or_default());
    let mut reader = csv::ReaderBuilder::new()
        .flexible(true)
        .delimiter(delimiter)
        .from_reader(text.as_bytes());
    match reader.headers() {
        Ok(headers) => {
            table.columns = headers
                .iter()
                .enumerate()
                .map(|(i, name)| (name.trim().to_string(), i))
                .collect();
        }
        Err(e) => {
            return Err(LoadError::new(vec![Problem {
                file,
                line: 1,
                column: 1,
                message: format!("not a CSV header row ({e})"),
            }]));
        }
    }
    for record in reader.records() {
        match record {
            Ok(record) => {
                let line = record.position().map_or(0, |p| p.line() as usize);
                table.rows.push((line, record));
            }
            Err(e) => {
                let line = e.position().map_or(0, |p| p.line() as usize);
                problems.push(Problem {
                    file: file.clone(),
                    line,
                    column: 1,
                    message: format!("row {line}: not a CSV row ({e}); it is left out"),
                });
            }
        }
    }
    Ok(table)
}
