//! Writing a scenario as a folder of spreadsheets: every file built in memory first, then each
//! written atomically; nothing is written when any would replace a file and that was not asked.

use super::{HEADER_FILE, TABLES};
use crate::io::atomic_file::{SaveError, write_atomically};
use crate::io::scenario_writer::times::dated_texts;
use crate::model::{
    Confidence, Dating, Place, Provenance, Scenario, Source, StateKind, TravelMode,
};
use std::collections::HashMap;
use std::path::{Path, PathBuf};

/// Why a folder of spreadsheets could not be written.
#[derive(Debug, thiserror::Error)]
pub enum CsvFolderError {
    /// A file of the folder exists and overwriting was not asked for.
    #[error("{} already exists; expected a new folder, or permission to overwrite its files", .0.display())]
    Exists(PathBuf),
    /// The folder could not be made.
    #[error("could not make the folder {}: {cause}", path.display())]
    Folder {
        /// The folder.
        path: PathBuf,
        /// What the system said.
        #[source]
        cause: std::io::Error,
    },
    /// A file could not be written.
    #[error(transparent)]
    Save(#[from] SaveError),
    /// A table could not be made (this is a bug; the message says where).
    #[error("could not write a table: {0}")]
    Table(#[from] csv::Error),
}

/// Writes `scenario` into `folder` (made if missing) as `scenario.geojson` and the spreadsheets
/// of [`TABLES`]; returns the files written. Without `overwrite`, nothing is written when any of
/// them exists.
pub fn write_csv_folder(
    scenario: &Scenario,
    folder: &Path,
    overwrite: bool,
) -> Result<Vec<PathBuf>, CsvFolderError> {
    let mut names: Vec<&str> = TABLES.iter().map(|(name, _)| *name).collect();
    names.push(HEADER_FILE);
    if !overwrite && let Some(existing) = names.iter().map(|n| folder.join(n)).find(|p| p.exists())
    {
        return Err(CsvFolderError::Exists(existing));
    }
    let tables = Tables::new(scenario).build()?;
    let mut header = Scenario {
        meta: scenario.meta.clone(),
        factions: scenario.factions.clone(),
        ..Scenario::default()
    };
    // Listed sources are in sources.csv.
    header.meta.sources.clear();
    std::fs::create_dir_all(folder).map_err(|cause| CsvFolderError::Folder {
        path: folder.to_path_buf(),
        cause,
    })?;
    let mut written = Vec::new();
    for ((name, _), bytes) in TABLES.iter().zip(tables) {
        let path = folder.join(name);
        write_atomically(&path, &bytes, overwrite)?;
        written.push(path);
    }
    let path = folder.join(HEADER_FILE);
    let header_text = crate::io::scenario_to_json(&header);
    write_atomically(&path, header_text.as_bytes(), overwrite)?;
    written.push(path);
    Ok(written)
}

/// Source rows and the id each source has in them.
struct Tables<'a> {
    scenario: &'a Scenario,
    source_ids: HashMap<String, String>,
    source_rows: Vec<Vec<String>>,
    /// The ids in `source_rows`.
    used_ids: std::collections::HashSet<String>,
}

fn number(value: f64) -> String {
    value.to_string()
}

fn text(value: Option<&String>) -> String {
    value.cloned().unwrap_or_default()
}

fn json_text<T: serde::Serialize>(value: &T, is_empty: bool) -> String {
    if is_empty {
        String::new()
    } else {
        serde_json::to_string(value).unwrap_or_default()
    }
}

impl<'a> Tables<'a> {
    fn new(scenario: &'a Scenario) -> Self {
        let mut tables = Self {
            scenario,
            source_ids: HashMap::new(),
            source_rows: Vec::new(),
            used_ids: std::collections::HashSet::new(),
        };
        for source in &scenario.meta.sources {
            tables.source_id(source, "yes");
        }
        tables
    }

    /// The id `source` has in sources.csv, adding its row the first time.
    fn source_id(&mut self, source: &Source, listed: &str) -> String {
        let key = serde_json::to_string(source).unwrap_or_default();
        if let Some(id) = self.source_ids.get(&key) {
            return id.clone();
        }
        let (id, listed) = match &source.id {
            Some(own) if !self.used_ids.contains(own) => (own.clone(), listed),
            _ => {
                let mut n = self.source_rows.len() + 1;
                while self.used_ids.contains(&format!("src{n}")) {
                    n += 1;
                }
                (format!("src{n}"), "")
            }
        };
        self.used_ids.insert(id.clone());
        let listed = if listed.is_empty() && source.id.as_deref() == Some(id.as_str()) {
            "own"
        } else {
            listed
        };
        self.source_rows.push(vec![
            id.clone(),
            listed.to_string(),
            source.outlet.clone(),
            text(source.published.as_ref()),
            source.url.clone(),
            text(source.via.as_ref()),
            source
                .strength
                .map(|s| s.label().to_string())
                .unwrap_or_default(),
            text(source.weak.as_ref()),
        ]);
        self.source_ids.insert(key, id.clone());
        id
    }

    fn site_id(&self, index: Option<usize>) -> String {
        index
            .and_then(|i| self.scenario.sites.get(i))
            .map(|site| site.id.clone())
            .unwrap_or_default()
    }

    /// The dated columns (start … extra_json) of a control change, state or event.
    fn dated(&mut self, dating: &Dating, provenance: &Provenance, extra: String) -> Vec<String> {
        let texts = dated_texts(dating, &self.scenario.meta.time_zone);
        let sources: Vec<String> = provenance
            .sources
            .iter()
            .map(|source| self.source_id(source, ""))
            .collect();
        let confidence = match provenance.confidence {
            Confidence::Medium => String::new(),
            other => json_text(&other, false).trim_matches('"').to_string(),
        };
        vec![
            texts.start,
            texts.end.unwrap_or_default(),
            json_text(&dating.precision, false)
                .trim_matches('"')
                .to_string(),
            texts.earliest.unwrap_or_default(),
            texts.latest.unwrap_or_default(),
            sources.join("; "),
            confidence,
            text(provenance.confidence_note.as_ref()),
            json_text(
                &provenance.conflicting_reports,
                provenance.conflicting_reports.is_empty(),
            ),
            extra,
        ]
    }

    fn place(&self, place: &Place) -> [String; 3] {
        match place.site {
            Some(_) => [self.site_id(place.site), String::new(), String::new()],
            None => [
                String::new(),
                number(place.position.x()),
                number(place.position.y()),
            ],
        }
    }

    /// The bytes of every table, in the order of [`TABLES`].
    fn build(mut self) -> Result<Vec<Vec<u8>>, csv::Error> {
        let scenario = self.scenario;
        let mut sites = Vec::new();
        let mut control = Vec::new();
        for site in &scenario.sites {
            let coordinate_source = site
                .coordinate_source
                .as_ref()
                .map(|source| self.source_id(source, ""))
                .unwrap_or_default();
            sites.push(vec![
                site.id.clone(),
                site.name.clone(),
                json_text(&site.kind, false).trim_matches('"').to_string(),
                text(site.faction.as_ref()),
                number(site.position.x()),
                number(site.position.y()),
                site.aliases.join("; "),
                coordinate_source,
                site.coordinate_uncertainty_km
                    .map(number)
                    .unwrap_or_default(),
                text(site.note.as_ref()),
                json_text(&site.extra, site.extra.is_empty()),
            ]);
            for change in &site.control {
                let mut row = vec![
                    site.id.clone(),
                    change.faction.clone(),
                    json_text(&change.kind, false).trim_matches('"').to_string(),
                    change.with.join("; "),
                    text(change.note.as_ref()),
                ];
                let extra = json_text(&change.extra, change.extra.is_empty());
                row.extend(self.dated(&change.dating, &change.provenance, extra));
                control.push(row);
            }
        }
        let mut forces = Vec::new();
        let mut states = Vec::new();
        for force in &scenario.forces {
            let attribute = |key: &str| {
                force
                    .attributes
                    .iter()
                    .find(|(k, _)| k == key)
                    .map(|(_, v)| v.clone())
                    .unwrap_or_default()
            };
            // Attributes of other formats go with the unknown properties, as text.
            let mut extra = force.extra.clone();
            for (key, value) in &force.attributes {
                if !super::SYMBOL_COLUMNS.contains(&key.as_str()) && !extra.contains_key(key) {
                    extra.insert(key.clone(), value.clone().into());
                }
            }
            let mut row = vec![
                force.id.clone(),
                force.name.clone(),
                force.faction.clone(),
                json_text(&force.kind, false).trim_matches('"').to_string(),
                text(force.strength.as_ref()),
                text(force.note.as_ref()),
            ];
            row.extend(super::SYMBOL_COLUMNS.iter().map(|key| attribute(key)));
            row.push(json_text(&extra, extra.is_empty()));
            forces.push(row);
            for state in force.track.iter() {
                let mut row = vec![force.id.clone(), state.kind.label().to_string()];
                let empty = || [String::new(), String::new(), String::new()];
                let (at, from, to, waypoints, mode, reported, destination) = match &state.kind {
                    StateKind::Stationed { place } => (
                        self.place(place),
                        empty(),
                        empty(),
                        String::new(),
                        TravelMode::Unknown,
                        false,
                        None,
                    ),
                    StateKind::Moving {
                        from,
                        to,
                        path,
                        mode,
                        route_reported,
                    } => {
                        let points = path.points();
                        let inner: Vec<[f64; 2]> = points[1..points.len().saturating_sub(1).max(1)]
                            .iter()
                            .map(|p| [p.x(), p.y()])
                            .collect();
                        (
                            empty(),
                            self.place(from),
                            self.place(to),
                            json_text(&inner, inner.is_empty()),
                            *mode,
                            *route_reported,
                            None,
                        )
                    }
                    StateKind::Departed { destination } => (
                        empty(),
                        empty(),
                        empty(),
                        String::new(),
                        TravelMode::Unknown,
                        false,
                        destination.clone(),
                    ),
                };
                row.extend(at);
                row.extend(from);
                row.extend(to);
                row.push(waypoints);
                row.push(match mode {
                    TravelMode::Unknown => String::new(),
                    other => json_text(&other, false).trim_matches('"').to_string(),
                });
                row.push(if reported {
                    "yes".into()
                } else {
                    String::new()
                });
                row.push(destination.unwrap_or_default());
                row.push(state.strength().unwrap_or_default().to_string());
                row.push(state.note().unwrap_or_default().to_string());
                let extra = state
                    .extra()
                    .map(|extra| json_text(extra, false))
                    .unwrap_or_default();
                row.extend(self.dated(&state.dating, state.provenance(), extra));
                states.push(row);
            }
        }
        let mut ordered: Vec<&crate::model::Event> = scenario.events.iter().collect();
        ordered.sort_by_key(|event| event.dating.start);
        let mut events = Vec::new();
        for (i, event) in ordered.iter().enumerate() {
            let after = i
                .checked_sub(1)
                .map(|j| ordered[j])
                .filter(|before| before.dating.start == event.dating.start)
                .map(|before| before.id.clone())
                .unwrap_or_default();
            let mut extra = event.extra.clone();
            for (key, value) in &event.attributes {
                if !extra.contains_key(key) {
                    extra.insert(key.clone(), value.clone().into());
                }
            }
            let mut row = vec![
                event.id.clone(),
                json_text(&event.kind, false).trim_matches('"').to_string(),
                event.title.clone(),
                event.summary.clone(),
                self.site_id(event.site),
                event.position.map(|p| number(p.x())).unwrap_or_default(),
                event.position.map(|p| number(p.y())).unwrap_or_default(),
                text(event.place.as_ref()),
                after,
            ];
            row.extend(self.dated(
                &event.dating,
                &event.provenance,
                json_text(&extra, extra.is_empty()),
            ));
            events.push(row);
        }
        let tables = [self.source_rows, sites, control, forces, states, events];
        TABLES
            .iter()
            .zip(tables)
            .map(|((_, columns), rows)| table_bytes(columns, &rows))
            .collect()
    }
}

fn table_bytes(columns: &[&str], rows: &[Vec<String>]) -> Result<Vec<u8>, csv::Error> {
    let mut writer = csv::Writer::from_writer(Vec::new());
    writer.write_record(columns)?;
    for row in rows {
        writer.write_record(row)?;
    }
    writer
        .into_inner()
        .map_err(|error| csv::Error::from(error.into_error()))
}
