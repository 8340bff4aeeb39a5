//! Reading a folder of spreadsheets back into a scenario. Each problem names the file, the row's
//! line and the column (its number, and its name in the message); a bad row is left out and the
//! rest loads.

use super::table::{Row, Table, read_table, rows};
use super::{HEADER_FILE, TABLES};
use crate::io::geojson::checked_lon_lat;
use crate::io::scenario_time::local_times;
use crate::io::{LoadError, Loaded, Problem, ReadOptions, TimeText};
use crate::model::{
    CheckedItem, Confidence, ControlChange, Dating, Event, Extra, Force, Path, Place, Provenance,
    Scenario, Site, Source, StateKind, Track, TrackState, check_scenario,
};
use jiff::tz::TimeZone;
use std::collections::HashMap;
use std::path::Path as FilePath;

/// Reads the spreadsheets in `folder` (and its `scenario.geojson`) into one scenario.
pub fn read_csv_folder(folder: &FilePath, options: &ReadOptions) -> Result<Loaded, LoadError> {
    let header_path = folder.join(HEADER_FILE);
    let header = if header_path.is_file() {
        vec![crate::io::read_source(&header_path, options).map_err(|p| LoadError::new(vec![p]))?]
    } else {
        Vec::new()
    };
    let (mut loaded, zone) = if header.is_empty() {
        (Loaded::default(), TimeZone::UTC)
    } else {
        crate::io::scenario_file::parse_scenario_without_stories(&header)?
    };
    let mut tables = Vec::new();
    for (name, _) in TABLES {
        tables.push(read_table(
            &folder.join(name),
            options,
            &mut loaded.problems,
        )?);
    }
    let mut reader = FolderReader {
        zone,
        problems: loaded.problems,
        sources: HashMap::new(),
        site_ids: HashMap::new(),
    };
    let [sources, sites, control, forces, states, events] = &tables[..] else {
        return Err(LoadError::new(reader.problems));
    };
    let scenario = &mut loaded.scenario;
    reader.read_sources(sources, scenario);
    let mut locs = Locs::default();
    reader.read_sites(sites, control, scenario, &mut locs);
    reader.read_forces(forces, states, scenario, &mut locs);
    reader.read_events(events, scenario, &mut locs);
    crate::io::story_file::read_stories(&header, &reader.zone, scenario, &mut reader.problems);
    for finding in check_scenario(scenario) {
        let at = match finding.item {
            CheckedItem::ControlChange { site, change } => {
                locs.control.get(site).and_then(|l| l.get(change))
            }
            CheckedItem::State { force, state } => {
                locs.states.get(force).and_then(|l| l.get(state))
            }
            CheckedItem::Event(index) => scenario
                .events
                .get(index)
                .and_then(|e| locs.events.get(&e.id)),
        };
        if let Some((file, line)) = at {
            reader.problems.push(Problem {
                file: file.clone(),
                line: *line,
                column: 1,
                message: finding.message,
            });
        }
    }
    loaded.problems = reader.problems;
    Ok(loaded)
}

/// Where the rows of checked items are, to report the checks there.
#[derive(Default)]
struct Locs {
    control: Vec<Vec<(String, usize)>>,
    states: Vec<Vec<(String, usize)>>,
    events: HashMap<String, (String, usize)>,
}

/// A force as read, its states so far, and the file and line of each.
type PendingTrack = (Force, Vec<TrackState>, Vec<(String, usize)>);

struct FolderReader {
    zone: TimeZone,
    problems: Vec<Problem>,
    sources: HashMap<String, Source>,
    /// Index of each site by id, so rows find theirs without a search.
    site_ids: HashMap<String, usize>,
}

impl FolderReader {
    fn read_sources(&mut self, table: &Table, scenario: &mut Scenario) {
        for row in rows(table) {
            let id = row.cell("id").to_string();
            let listed = row.cell("listed");
            let strength = match row.cell("strength") {
                "" => None,
                _ => match row.word("strength", "confirmed, reported, claimed or weak") {
                    Ok(strength) => Some(strength),
                    Err(problem) => {
                        self.problems.push(problem);
                        continue;
                    }
                },
            };
            if id.is_empty() || self.sources.contains_key(&id) {
                self.problems
                    .push(row.problem("id", "expected an id used by no other source"));
                continue;
            }
            let source = Source {
                id: (listed == "yes" || listed == "own").then(|| id.clone()),
                outlet: row.cell("outlet").to_string(),
                published: row.optional("published"),
                url: row.cell("url").to_string(),
                via: row.optional("via"),
                weak: row.optional("weak"),
                strength,
            };
            if listed == "yes" {
                scenario.meta.sources.push(source.clone());
            }
            self.sources.insert(id, source);
        }
    }

    fn source(&mut self, row: &Row, column: &str, id: &str) -> Option<Source> {
        let found = self.sources.get(id).cloned();
        if found.is_none() {
            self.problems.push(row.problem(
                column,
                format!("source {id:?} is not in sources.csv; expected the id of a source there"),
            ));
        }
        found
    }

    /// The dated columns of a row.
    fn dated(&mut self, row: &Row) -> Result<(Dating, Provenance, Extra), Problem> {
        let time = |name: &str| -> Result<Option<TimeText>, Problem> {
            match row.cell(name) {
                "" => Ok(None),
                text => TimeText::parse(text)
                    .map(Some)
                    .map_err(|e| row.problem(name, e)),
            }
        };
        let start = time("start")?
            .ok_or_else(|| row.problem("start", "empty; expected a time like 2026-01-24"))?;
        let (end, earliest, latest) = (time("end")?, time("earliest")?, time("latest")?);
        let precision = row.word(
            "precision",
            "exact, approximate, range, month or report_date",
        )?;
        let times = local_times(start, end, earliest, latest, &self.zone)
            .map_err(|e| row.problem("start", e))?;
        let dating = Dating {
            start: times.start,
            end: times.end,
            precision,
            earliest: times.earliest,
            latest: times.latest,
            span_end: times.span_end,
            zone: self.zone.clone(),
        };
        let ids: Vec<&str> = row
            .cell("sources")
            .split(';')
            .map(str::trim)
            .filter(|id| !id.is_empty())
            .collect();
        let sources = ids
            .iter()
            .filter_map(|id| self.source(row, "sources", id))
            .collect();
        let confidence = match row.cell("confidence") {
            "" => Confidence::Medium,
            _ => row.word("confidence", "high, medium or low")?,
        };
        let provenance = Provenance {
            sources,
            confidence,
            confidence_note: row.optional("confidence_note"),
            conflicting_reports: row.json("conflicting_reports_json")?,
        };
        Ok((dating, provenance, row.json("extra_json")?))
    }

    fn read_sites(
        &mut self,
        sites: &Table,
        control: &Table,
        scenario: &mut Scenario,
        locs: &mut Locs,
    ) {
        for row in rows(sites) {
            let site = (|| -> Result<Site, Problem> {
                let position = row.point("lon", "lat")?.ok_or_else(|| {
                    row.problem("lon", "empty; expected a longitude and a latitude")
                })?;
                let coordinate_source = match row.cell("coordinate_source") {
                    "" => None,
                    id => Some(self.sources.get(id).cloned().ok_or_else(|| {
                        row.problem("coordinate_source", format!("source {id:?} is not in sources.csv; expected the id of a source there"))
                    })?),
                };
                let uncertainty = match row.cell("coordinate_uncertainty_km") {
                    "" => None,
                    text => Some(text.parse::<f64>().map_err(|_| {
                        row.problem("coordinate_uncertainty_km", "expected a distance in km")
                    })?),
                };
                Ok(Site {
                    id: row.cell("id").to_string(),
                    name: row.cell("name").to_string(),
                    kind: row.word("kind", "a site kind such as air_base, town or other")?,
                    faction: row.optional("faction"),
                    aliases: row
                        .cell("aliases")
                        .split(';')
                        .map(str::trim)
                        .filter(|a| !a.is_empty())
                        .map(String::from)
                        .collect(),
                    position,
                    coordinate_source,
                    coordinate_uncertainty_km: uncertainty,
                    note: row.optional("note"),
                    control: Vec::new(),
                    extra: row.json("extra_json")?,
                })
            })();
            match site {
                Ok(site) if site.id.is_empty() || self.site_ids.contains_key(&site.id) => {
                    self.problems
                        .push(row.problem("id", "expected an id used by no other site"));
                }
                Ok(site) => {
                    self.site_ids.insert(site.id.clone(), scenario.sites.len());
                    scenario.sites.push(site);
                }
                Err(problem) => self.problems.push(problem),
            }
        }
        let mut changes: Vec<Vec<(ControlChange, (String, usize))>> =
            vec![Vec::new(); scenario.sites.len()];
        for row in rows(control) {
            let Some(&site) = self.site_ids.get(row.cell("site")) else {
                self.problems
                    .push(row.problem("site", "expected the id of a site in sites.csv"));
                continue;
            };
            let change = self.dated(&row).and_then(|(dating, provenance, extra)| {
                Ok(ControlChange {
                    faction: row.cell("faction").to_string(),
                    kind: match row.cell("status") {
                        "" => Default::default(),
                        _ => row.word("status", "held, joint or disputed")?,
                    },
                    with: row
                        .cell("with")
                        .split(';')
                        .map(str::trim)
                        .filter(|w| !w.is_empty())
                        .map(String::from)
                        .collect(),
                    dating,
                    provenance,
                    note: row.optional("note"),
                    extra,
                })
            });
            match change {
                Ok(change) => changes[site].push((change, (control.file.clone(), row.line))),
                Err(problem) => self.problems.push(problem),
            }
        }
        for (site, mut list) in scenario.sites.iter_mut().zip(changes) {
            list.sort_by(|(a, _), (b, _)| {
                a.dating.band_secs().0.total_cmp(&b.dating.band_secs().0)
            });
            let (control, at): (Vec<_>, Vec<_>) = list.into_iter().unzip();
            site.control = control;
            locs.control.push(at);
        }
    }

    fn place(
        &self,
        row: &Row,
        site: &str,
        lon: &str,
        lat: &str,
        scenario: &Scenario,
    ) -> Result<Option<Place>, Problem> {
        if let Some(index) = Some(row.cell(site))
            .filter(|id| !id.is_empty())
            .map(|id| {
                self.site_ids.get(id).copied().ok_or_else(|| {
                    row.problem(
                        site,
                        format!(
                            "site {id:?} does not exist; expected the id of a site in sites.csv"
                        ),
                    )
                })
            })
            .transpose()?
        {
            return Ok(Some(Place {
                site: Some(index),
                position: scenario.sites[index].position,
            }));
        }
        Ok(row.point(lon, lat)?.map(|position| Place {
            site: None,
            position,
        }))
    }

    fn read_forces(
        &mut self,
        forces: &Table,
        states: &Table,
        scenario: &mut Scenario,
        locs: &mut Locs,
    ) {
        let mut tracks: Vec<PendingTrack> = Vec::new();
        let mut force_ids: HashMap<String, usize> = HashMap::new();
        for row in rows(forces) {
            let force = (|| -> Result<Force, Problem> {
                let mut attributes = Vec::new();
                for &key in super::SYMBOL_COLUMNS {
                    if let Some(value) = row.optional(key) {
                        attributes.push((key.to_string(), value));
                    }
                }
                Ok(Force {
                    id: row.cell("id").to_string(),
                    name: row.cell("name").to_string(),
                    faction: row.cell("faction").to_string(),
                    kind: row.word("kind", "air, naval, ground, special_forces, police, logistics, mixed or unspecified")?,
                    strength: row.optional("strength"),
                    note: row.optional("note"),
                    track: Track::default(),
                    attributes,
                    temporal_properties: Vec::new(),
                    extra: row.json("extra_json")?,
                })
            })();
            match force {
                Ok(force) if force.id.is_empty() || force_ids.contains_key(&force.id) => {
                    self.problems
                        .push(row.problem("id", "expected an id used by no other force"));
                }
                Ok(force) => {
                    force_ids.insert(force.id.clone(), tracks.len());
                    tracks.push((force, Vec::new(), Vec::new()));
                }
                Err(problem) => self.problems.push(problem),
            }
        }
        for row in rows(states) {
            let Some(&index) = force_ids.get(row.cell("force")) else {
                self.problems
                    .push(row.problem("force", "expected the id of a force in forces.csv"));
                continue;
            };
            match self.state(&row, scenario) {
                Ok(state) => {
                    let (_, track, at) = &mut tracks[index];
                    if track
                        .last()
                        .is_some_and(|last| state.dating.start < last.dating.start)
                    {
                        self.problems.push(row.problem("start", "this state starts before the previous one of its force starts; expected states in time order"));
                        continue;
                    }
                    track.push(state);
                    at.push((states.file.clone(), row.line));
                }
                Err(problem) => self.problems.push(problem),
            }
        }
        for (mut force, track, at) in tracks {
            if track.is_empty() {
                self.problems.push(Problem {
                    file: forces.file.clone(),
                    line: 0,
                    column: 0,
                    message: format!(
                        "force {:?} has no usable state in states.csv; it is left out",
                        force.id
                    ),
                });
                continue;
            }
            force.track = Track::new(track);
            scenario.forces.push(force);
            locs.states.push(at);
        }
    }

    fn state(&mut self, row: &Row, scenario: &Scenario) -> Result<TrackState, Problem> {
        let (dating, provenance, extra) = self.dated(row)?;
        let need = |place: Option<Place>, site: &str| {
            place.ok_or_else(|| row.problem(site, "empty; expected a site id, or lon and lat"))
        };
        let kind = match row.cell("status") {
            "stationed" => StateKind::Stationed {
                place: need(self.place(row, "site", "lon", "lat", scenario)?, "site")?,
            },
            "moving" => {
                let from = need(
                    self.place(row, "from_site", "from_lon", "from_lat", scenario)?,
                    "from_site",
                )?;
                let to = need(
                    self.place(row, "to_site", "to_lon", "to_lat", scenario)?,
                    "to_site",
                )?;
                if dating.end.is_none_or(|end| end <= dating.start) {
                    return Err(row.problem("end", "a moving state needs an end after its start"));
                }
                let waypoints: Vec<[f64; 2]> = row.json("waypoints_json")?;
                let mut points = vec![from.position];
                for [lon, lat] in waypoints {
                    points.push(
                        checked_lon_lat(lon, lat).map_err(|e| row.problem("waypoints_json", e))?,
                    );
                }
                points.push(to.position);
                StateKind::Moving {
                    from,
                    to,
                    path: Path::new(points),
                    mode: match row.cell("mode") {
                        "" => Default::default(),
                        _ => row.word("mode", "air, road, sea or unknown")?,
                    },
                    route_reported: row.cell("route_reported") == "yes",
                }
            }
            "departed" => StateKind::Departed {
                destination: row.optional("destination"),
            },
            other => {
                return Err(row.problem(
                    "status",
                    format!("{other:?} is not a status; expected stationed, moving or departed"),
                ));
            }
        };
        Ok(TrackState::new(
            kind,
            dating,
            provenance,
            row.optional("strength"),
            row.optional("note"),
        )
        .with_extra(extra))
    }

    fn read_events(&mut self, table: &Table, scenario: &mut Scenario, locs: &mut Locs) {
        let mut follows = Vec::new();
        for row in rows(table) {
            let event = (|| -> Result<Event, Problem> {
                let (dating, provenance, extra) = self.dated(&row)?;
                let site = match row.cell("site") {
                    "" => None,
                    id => Some(self.site_ids.get(id).copied().ok_or_else(|| {
                        row.problem(
                            "site",
                            format!(
                                "site {id:?} does not exist; expected the id of a site in sites.csv"
                            ),
                        )
                    })?),
                };
                Ok(Event {
                    id: row.cell("id").to_string(),
                    title: row.cell("title").to_string(),
                    summary: row.cell("summary").to_string(),
                    kind: row.word("kind", "military, withdrawal, control_change, ceasefire, diplomatic, humanitarian, security or other")?,
                    site,
                    position: row.point("lon", "lat")?,
                    place: row.optional("place"),
                    dating,
                    provenance,
                    attributes: Vec::new(),
                    extra,
                })
            })();
            match event {
                Ok(event) if event.id.is_empty() || locs.events.contains_key(&event.id) => {
                    self.problems
                        .push(row.problem("id", "expected an id used by no other event"));
                }
                Ok(event) => {
                    if let Some(anchor) = row.optional("after") {
                        follows.push((event.id.clone(), anchor));
                    }
                    locs.events
                        .insert(event.id.clone(), (table.file.clone(), row.line));
                    scenario.events.push(event);
                }
                Err(problem) => self.problems.push(problem),
            }
        }
        let events = &mut scenario.events;
        events.sort_by_key(|event| event.dating.start);
        // An event "after" another of the same instant goes just behind it.
        for (id, anchor) in follows {
            let position = |events: &[Event], id: &str| events.iter().position(|e| e.id == id);
            if let (Some(index), Some(anchor_index)) =
                (position(events, &id), position(events, &anchor))
                && events[index].dating.start == events[anchor_index].dating.start
                && index < anchor_index
            {
                let event = events.remove(index);
                events.insert(anchor_index, event);
            }
        }
    }
}
