//! The deploymap scenario format (`docs/FORMAT.md`): GeoJSON FeatureCollections whose features
//! say in `properties.layer` whether they are a site, a force or an event.
//!
//! A file that is not a FeatureCollection at all fails the whole load; a bad feature is reported
//! with its line and column and left out, and the rest loads.

use super::{LoadError, Problem, ReadOptions, TimeText, formats, locate::Locator, scenario_time};
use crate::model::{
    Bookmark, Confidence, ConflictingReport, ControlChange, ControlKind, Dating, Event, EventKind,
    Faction, Force, ForceKind, GeoView, LonLat, Path, Place, Precision, Provenance, Scenario, Site,
    SiteKind, Source, StateKind, Track, TrackState, TravelMode,
};
use jiff::Timestamp;
use serde::Deserialize;
use serde_json::value::RawValue;
use std::collections::HashMap;
use std::path::PathBuf;

/// One input file's name (as the user gave it) and text.
#[derive(Clone, Debug)]
pub struct SourceText {
    /// Shown in messages.
    pub name: String,
    /// The whole file.
    pub text: String,
}

/// A scenario and the problems that did not stop it from loading.
#[derive(Clone, Debug)]
pub struct Loaded {
    /// What loaded.
    pub scenario: Scenario,
    /// What was left out or is doubtful, each with its place in the files.
    pub problems: Vec<Problem>,
}

/// Reads files of any supported format and joins them into one scenario: files in the scenario
/// format are read together (they may refer to each other's sites), every other file on its own.
/// Unreadable files, and files with nothing usable, fail the whole load.
pub fn load_paths(paths: &[PathBuf]) -> Result<Loaded, LoadError> {
    load_paths_with(paths, &ReadOptions::default())
}

/// [`load_paths`] with choices for the other formats.
pub fn load_paths_with(paths: &[PathBuf], options: &ReadOptions) -> Result<Loaded, LoadError> {
    let mut sources = Vec::with_capacity(paths.len());
    let mut problems = Vec::new();
    for path in paths {
        match read_source(path) {
            Ok(source) => sources.push(source),
            Err(problem) => problems.push(problem),
        }
    }
    if !problems.is_empty() {
        return Err(LoadError { problems });
    }
    let mut scenario_files = Vec::new();
    let mut others = Vec::new();
    let mut fatal = Vec::new();
    for source in sources {
        match formats::read_unless_scenario(&source.name, &source.text, others.len(), options) {
            None => scenario_files.push(source),
            Some((_, Ok(loaded))) => others.push(loaded),
            Some((_, Err(error))) => fatal.extend(error.problems),
        }
    }
    let mut joined = if scenario_files.is_empty() {
        Loaded {
            scenario: Scenario::default(),
            problems: Vec::new(),
        }
    } else {
        parse_scenario(&scenario_files)?
    };
    for loaded in others {
        joined.scenario.append(loaded.scenario);
        joined.problems.extend(loaded.problems);
    }
    if !fatal.is_empty() {
        return Err(LoadError { problems: fatal });
    }
    Ok(joined)
}

/// Reads a file as text, saying which file and why when it cannot be read.
pub fn read_source(path: &std::path::Path) -> Result<SourceText, Problem> {
    let name = path.display().to_string();
    let bytes = std::fs::read(path)
        .map_err(|e| whole_file_problem(&name, format!("cannot read the file: {e}")))?;
    String::from_utf8(bytes)
        .map(|text| SourceText { name: name.clone(), text })
        .map_err(|e| {
            whole_file_problem(
                &name,
                format!(
                    "is not UTF-8 text (invalid byte at offset {}); expected GeoJSON, Moving Features JSON or CSV",
                    e.utf8_error().valid_up_to()
                ),
            )
        })
}

/// Reads one file held in memory, whatever its format.
pub fn read_text(name: &str, text: &str) -> Result<Loaded, LoadError> {
    formats::read_unless_scenario(name, text, 0, &ReadOptions::default())
        .map(|(_, result)| result)
        .unwrap_or_else(|| {
            parse_scenario(&[SourceText {
                name: name.to_string(),
                text: text.to_string(),
            }])
        })
}

fn whole_file_problem(file: &str, message: String) -> Problem {
    Problem {
        file: file.to_string(),
        line: 0,
        column: 0,
        message,
    }
}

/// Parses and joins scenario files into one scenario.
pub fn parse_scenario(files: &[SourceText]) -> Result<Loaded, LoadError> {
    if files.is_empty() {
        return Err(LoadError {
            problems: vec![whole_file_problem(
                "(no file)",
                "no scenario file was given".into(),
            )],
        });
    }
    let mut parts = Parts {
        pending: Pending::default(),
        problems: Vec::new(),
        zone: jiff::tz::TimeZone::UTC,
    };
    let named: Vec<(&str, &str)> = files
        .iter()
        .map(|f| (f.name.as_str(), f.text.as_str()))
        .collect();
    parts.zone = scenario_time::header_time_zone(&named, &mut parts.problems);
    let mut fatal = Vec::new();
    for file in files {
        let mut reader = FileReader {
            zone: &parts.zone,
            file: &file.name,
            locator: Locator::new(&file.text),
            problems: &mut parts.problems,
        };
        if let Err(problem) = reader.read_collection(&file.text, &mut parts.pending) {
            fatal.push(problem);
        }
    }
    if !fatal.is_empty() {
        return Err(LoadError { problems: fatal });
    }
    Ok(parts.resolve())
}

/// Where something is in which file.
#[derive(Clone, Debug)]
struct Loc {
    file: String,
    line: usize,
    column: usize,
}

impl Loc {
    fn problem(&self, message: impl Into<String>) -> Problem {
        Problem {
            file: self.file.clone(),
            line: self.line,
            column: self.column,
            message: message.into(),
        }
    }
}

// ---- JSON shapes ---------------------------------------------------------------------------

/// A time written as text, not yet placed in the scenario's zone; see [`TimeText`].
#[derive(Clone, Copy)]
struct TimeJson(TimeText);

impl<'de> Deserialize<'de> for TimeJson {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        TimeText::parse(&text)
            .map(TimeJson)
            .map_err(serde::de::Error::custom)
    }
}

#[derive(Deserialize)]
struct CollectionJson<'a> {
    #[serde(rename = "type")]
    kind: String,
    #[serde(borrow)]
    features: Vec<&'a RawValue>,
    #[serde(default)]
    deploymap: Option<HeaderJson>,
}

#[derive(Deserialize)]
struct HeaderJson {
    #[serde(default)]
    format_version: Option<u64>,
    #[serde(default)]
    title: Option<String>,
    #[serde(default)]
    description: Option<String>,
    #[serde(default)]
    factions: Vec<Faction>,
    #[serde(default)]
    default_view: Option<GeoView>,
    #[serde(default)]
    default_time: Option<TimeJson>,
    #[serde(default)]
    bookmarks: Vec<BookmarkJson>,
    #[serde(default)]
    #[allow(dead_code, reason = "read before the features by scenario_time")]
    time_zone: Option<String>,
}

#[derive(Deserialize)]
struct BookmarkJson {
    title: String,
    time: TimeJson,
    #[serde(default)]
    view: Option<GeoView>,
}

#[derive(Deserialize)]
#[serde(untagged)]
enum IdJson {
    Text(String),
    Number(serde_json::Number),
}

#[derive(Deserialize)]
struct FeatureJson<'a> {
    #[serde(rename = "type")]
    kind: String,
    #[serde(default)]
    id: Option<IdJson>,
    #[serde(default)]
    geometry: Option<GeometryJson>,
    #[serde(borrow, default)]
    properties: Option<&'a RawValue>,
}

/// A GeoJSON geometry, before its type is checked; shared by the readers of GeoJSON formats.
#[derive(Deserialize)]
pub(in crate::io) struct GeometryJson {
    #[serde(rename = "type")]
    pub(in crate::io) kind: String,
    #[serde(default)]
    pub(in crate::io) coordinates: serde_json::Value,
}

#[derive(Deserialize)]
struct LayerJson {
    #[serde(default)]
    layer: Option<String>,
}

#[derive(Deserialize)]
struct DatedJson {
    #[serde(default)]
    start: Option<TimeJson>,
    #[serde(default)]
    end: Option<TimeJson>,
    #[serde(default)]
    precision: Option<Precision>,
    #[serde(default)]
    earliest: Option<TimeJson>,
    #[serde(default)]
    latest: Option<TimeJson>,
    #[serde(default)]
    sources: Vec<Source>,
    #[serde(default)]
    confidence: Confidence,
    #[serde(default)]
    confidence_note: Option<String>,
    #[serde(default)]
    conflicting_reports: Vec<ConflictingReport>,
}

#[derive(Deserialize)]
struct SiteJson<'a> {
    name: String,
    kind: SiteKind,
    #[serde(default)]
    faction: Option<String>,
    #[serde(default)]
    aliases: Vec<String>,
    #[serde(default)]
    coordinate_source: Option<Source>,
    #[serde(default)]
    coordinate_uncertainty_km: Option<f64>,
    #[serde(default)]
    note: Option<String>,
    #[serde(borrow, default)]
    control: Vec<&'a RawValue>,
}

#[derive(Deserialize)]
struct ControlJson {
    faction: String,
    #[serde(default)]
    status: ControlKind,
    #[serde(default)]
    with: Vec<String>,
    #[serde(default)]
    note: Option<String>,
}

#[derive(Deserialize)]
struct ForceJson<'a> {
    name: String,
    faction: String,
    kind: ForceKind,
    #[serde(default)]
    strength: Option<String>,
    #[serde(default)]
    note: Option<String>,
    #[serde(borrow)]
    track: Vec<&'a RawValue>,
}

#[derive(Deserialize, PartialEq)]
#[serde(rename_all = "snake_case")]
enum StatusJson {
    Stationed,
    Moving,
    Departed,
}

#[derive(Deserialize, PartialEq, Default)]
#[serde(rename_all = "snake_case")]
enum PathJson {
    #[default]
    GreatCircle,
    Waypoints,
}

#[derive(Deserialize)]
struct StateJson {
    status: StatusJson,
    #[serde(default)]
    site: Option<String>,
    #[serde(default)]
    position: Option<[f64; 2]>,
    #[serde(default)]
    from_site: Option<String>,
    #[serde(default)]
    from_position: Option<[f64; 2]>,
    #[serde(default)]
    to_site: Option<String>,
    #[serde(default)]
    to_position: Option<[f64; 2]>,
    #[serde(default)]
    path: PathJson,
    #[serde(default)]
    waypoints: Vec<[f64; 2]>,
    #[serde(default)]
    mode: TravelMode,
    #[serde(default)]
    route_reported: bool,
    #[serde(default)]
    destination: Option<String>,
    #[serde(default)]
    strength: Option<String>,
    #[serde(default)]
    note: Option<String>,
}

#[derive(Deserialize)]
struct EventJson {
    title: String,
    summary: String,
    kind: EventKind,
    #[serde(default)]
    site: Option<String>,
    #[serde(default)]
    place: Option<String>,
    #[serde(default)]
    after: Option<String>,
}

// ---- Reading one file ----------------------------------------------------------------------

/// A place before site ids are resolved.
#[derive(Clone, Debug)]
enum PendingPlace {
    Site(String),
    Position(LonLat),
}

#[derive(Debug)]
enum PendingKind {
    Stationed(PendingPlace),
    Moving {
        from: PendingPlace,
        to: PendingPlace,
        waypoints: Vec<LonLat>,
        mode: TravelMode,
        route_reported: bool,
    },
    Departed(Option<String>),
}

struct PendingState {
    kind: PendingKind,
    dating: Dating,
    provenance: Provenance,
    strength: Option<String>,
    note: Option<String>,
    loc: Loc,
}

struct PendingForce {
    force: Force,
    states: Vec<PendingState>,
    loc: Loc,
}

struct PendingEvent {
    event: Event,
    site: Option<String>,
    after: Option<String>,
    loc: Loc,
}

#[derive(Default)]
struct Pending {
    headers: Vec<HeaderJson>,
    sites: Vec<(Site, Loc)>,
    forces: Vec<PendingForce>,
    events: Vec<PendingEvent>,
}

struct Parts {
    pending: Pending,
    problems: Vec<Problem>,
    zone: jiff::tz::TimeZone,
}

struct FileReader<'a, 'p> {
    zone: &'a jiff::tz::TimeZone,
    file: &'a str,
    locator: Locator<'a>,
    problems: &'p mut Vec<Problem>,
}

impl FileReader<'_, '_> {
    fn loc(&self, slice: &str) -> Loc {
        let (line, column) = self.locator.line_column(self.locator.offset_of(slice));
        Loc {
            file: self.file.to_string(),
            line,
            column,
        }
    }

    /// A serde error inside `slice`, located in the whole file.
    fn serde_problem(&self, slice: &str, error: &serde_json::Error, what: &str) -> Problem {
        let (line, column) = if error.line() == 0 {
            self.locator.line_column(self.locator.offset_of(slice))
        } else {
            self.locator.within(slice, error.line(), error.column())
        };
        Problem {
            file: self.file.to_string(),
            line,
            column,
            message: format!("{what}: {}", strip_serde_location(&error.to_string())),
        }
    }

    fn parse<'de, T: Deserialize<'de>>(&mut self, slice: &'de str, what: &str) -> Option<T> {
        match serde_json::from_str(slice) {
            Ok(value) => Some(value),
            Err(e) => {
                let problem = self.serde_problem(slice, &e, what);
                self.problems.push(problem);
                None
            }
        }
    }

    fn read_collection<'t>(&mut self, text: &'t str, pending: &mut Pending) -> Result<(), Problem> {
        if text.trim().is_empty() {
            return Err(whole_file_problem(
                self.file,
                "the file is empty; expected a GeoJSON FeatureCollection".into(),
            ));
        }
        let collection: CollectionJson<'t> = serde_json::from_str(text)
            .map_err(|e| self.serde_problem(text, &e, "expected a GeoJSON FeatureCollection"))?;
        if collection.kind != "FeatureCollection" {
            return Err(self.loc(text).problem(format!(
                "the top-level \"type\" is {:?}; expected \"FeatureCollection\"",
                collection.kind
            )));
        }
        if let Some(header) = collection.deploymap {
            if header.format_version.is_some_and(|version| version > 1) {
                self.problems.push(self.loc(text).problem(
                    "format_version is newer than this program reads (1); some properties may be ignored",
                ));
            }
            pending.headers.push(header);
        }
        for raw in collection.features {
            self.read_feature(raw.get(), pending);
        }
        Ok(())
    }

    fn read_feature(&mut self, slice: &str, pending: &mut Pending) {
        let loc = self.loc(slice);
        let Some(feature) = self.parse::<FeatureJson>(slice, "expected a GeoJSON Feature") else {
            return;
        };
        if feature.kind != "Feature" {
            self.problems.push(loc.problem(format!(
                "\"type\" is {:?}; expected \"Feature\"",
                feature.kind
            )));
            return;
        }
        let Some(properties) = feature.properties.map(RawValue::get) else {
            self.problems.push(
                loc.problem("the feature has no \"properties\"; expected an object with \"layer\""),
            );
            return;
        };
        let id = match feature.id {
            Some(IdJson::Text(text)) if !text.is_empty() => text,
            Some(IdJson::Number(number)) => number.to_string(),
            _ => {
                self.problems
                    .push(loc.problem("the feature has no \"id\"; expected a unique string id"));
                return;
            }
        };
        let position = match feature.geometry.map(|g| point_of(&g)) {
            None => None,
            Some(Ok(position)) => Some(position),
            Some(Err(message)) => {
                self.problems
                    .push(loc.problem(format!("feature {id:?}: {message}")));
                return;
            }
        };
        let Some(layer) = self.parse::<LayerJson>(properties, "expected properties") else {
            return;
        };
        match layer.layer.as_deref() {
            Some("site") => self.read_site(id, position, properties, loc, pending),
            Some("force") => self.read_force(id, properties, loc, pending),
            Some("event") => self.read_event(id, position, properties, loc, pending),
            other => self.problems.push(loc.problem(format!(
                "feature {id:?}: properties.layer is {other:?}; expected \"site\", \"force\" or \"event\""
            ))),
        }
    }

    fn read_site(
        &mut self,
        id: String,
        position: Option<LonLat>,
        properties: &str,
        loc: Loc,
        pending: &mut Pending,
    ) {
        let what = format!("site {id:?}");
        let Some(json) = self.parse::<SiteJson>(properties, &what) else {
            return;
        };
        let Some(position) = position else {
            self.problems.push(loc.problem(format!(
                "{what} has no geometry; expected a Point with [longitude, latitude]"
            )));
            return;
        };
        if let Some(km) = json.coordinate_uncertainty_km
            && !(km.is_finite() && km >= 0.0)
        {
            self.problems.push(loc.problem(format!(
                "{what}: coordinate_uncertainty_km is {km}; expected a distance of 0 or more"
            )));
        }
        let mut control = Vec::new();
        for raw in json.control {
            let slice = raw.get();
            let change_what = format!("{what}, change of control");
            let (Some(change), Some((dating, provenance))) = (
                self.parse::<ControlJson>(slice, &change_what),
                self.dated(slice, &change_what),
            ) else {
                continue;
            };
            control.push(ControlChange {
                faction: change.faction,
                kind: change.status,
                with: change.with,
                dating,
                provenance,
                note: change.note,
            });
        }
        control.sort_by(|a, b| a.dating.band_secs().0.total_cmp(&b.dating.band_secs().0));
        let site = Site {
            id,
            name: json.name,
            kind: json.kind,
            faction: json.faction,
            aliases: json.aliases,
            position,
            coordinate_source: json.coordinate_source,
            coordinate_uncertainty_km: json.coordinate_uncertainty_km,
            note: json.note,
            control,
        };
        pending.sites.push((site, loc));
    }

    fn read_force(&mut self, id: String, properties: &str, loc: Loc, pending: &mut Pending) {
        let what = format!("force {id:?}");
        let Some(json) = self.parse::<ForceJson>(properties, &what) else {
            return;
        };
        let mut states = Vec::new();
        for (index, raw) in json.track.iter().enumerate() {
            let slice = raw.get();
            let state_what = format!("{what}, track state {}", index + 1);
            let (Some(state), Some((dating, provenance))) = (
                self.parse::<StateJson>(slice, &state_what),
                self.dated(slice, &state_what),
            ) else {
                continue;
            };
            let state_loc = self.loc(slice);
            match pending_kind(state.status_fields()) {
                Ok(kind) => states.push(PendingState {
                    kind,
                    dating,
                    provenance,
                    strength: state.strength,
                    note: state.note,
                    loc: state_loc,
                }),
                Err(message) => self
                    .problems
                    .push(state_loc.problem(format!("{state_what}: {message}"))),
            }
        }
        if states.is_empty() {
            self.problems.push(loc.problem(format!(
                "{what} has no usable track state; expected at least one in \"track\""
            )));
            return;
        }
        let force = Force {
            id,
            name: json.name,
            faction: json.faction,
            kind: json.kind,
            strength: json.strength,
            note: json.note,
            track: Track::default(),
            attributes: Vec::new(),
            temporal_properties: Vec::new(),
        };
        pending.forces.push(PendingForce { force, states, loc });
    }

    fn read_event(
        &mut self,
        id: String,
        position: Option<LonLat>,
        properties: &str,
        loc: Loc,
        pending: &mut Pending,
    ) {
        let what = format!("event {id:?}");
        let (Some(json), Some((dating, provenance))) = (
            self.parse::<EventJson>(properties, &what),
            self.dated(properties, &what),
        ) else {
            return;
        };
        let event = Event {
            id,
            title: json.title,
            summary: json.summary,
            kind: json.kind,
            site: None,
            position,
            place: json.place,
            dating,
            provenance,
            attributes: Vec::new(),
        };
        pending.events.push(PendingEvent {
            event,
            site: json.site,
            after: json.after,
            loc,
        });
    }

    /// The dated-item properties of `slice`, reporting what is missing.
    fn dated(&mut self, slice: &str, what: &str) -> Option<(Dating, Provenance)> {
        let json = self.parse::<DatedJson>(slice, what)?;
        let loc = self.loc(slice);
        let Some(TimeJson(start)) = json.start else {
            self.problems.push(loc.problem(format!(
                "{what} has no \"start\"; expected a time like 2026-01-24 or 2026-01-24T12:00:00Z"
            )));
            return None;
        };
        let precision = json.precision.unwrap_or_else(|| {
            self.problems.push(loc.problem(format!(
                "{what} has no \"precision\"; expected exact, approximate, range, month or report_date"
            )));
            Precision::Exact
        });
        let times = match scenario_time::local_times(
            start,
            json.end.map(|t| t.0),
            json.earliest.map(|t| t.0),
            json.latest.map(|t| t.0),
            self.zone,
        ) {
            Ok(times) => times,
            Err(message) => {
                self.problems
                    .push(loc.problem(format!("{what}: {message}")));
                return None;
            }
        };
        let start = times.start;
        let dating = Dating {
            start,
            end: times.end,
            precision,
            earliest: times.earliest,
            latest: times.latest,
            span_end: times.span_end,
            zone: self.zone.clone(),
        };
        if let Some(end) = times.end_reach
            && end < start
        {
            self.problems
                .push(loc.problem(format!("{what}: \"end\" is before \"start\"")));
        }
        if let (Some(earliest), Some(latest)) = (dating.earliest, times.latest_reach)
            && latest < earliest
        {
            self.problems
                .push(loc.problem(format!("{what}: \"latest\" is before \"earliest\"")));
        }
        let has_source = json
            .sources
            .iter()
            .any(|source| !source.outlet.trim().is_empty() && source.url.starts_with("http"));
        if !has_source {
            self.problems.push(loc.problem(format!(
                "{what} has no source; expected \"sources\": [{{\"outlet\": ..., \"url\": \"https://...\"}}]"
            )));
        }
        let provenance = Provenance {
            sources: json.sources,
            confidence: json.confidence,
            confidence_note: json.confidence_note,
            conflicting_reports: json.conflicting_reports,
        };
        Some((dating, provenance))
    }
}

/// The position fields of a state, checked for the status they belong to.
struct StatusFields {
    status: StatusJson,
    place: Option<Result<PendingPlace, String>>,
    from: Option<Result<PendingPlace, String>>,
    to: Option<Result<PendingPlace, String>>,
    waypoints: Result<Vec<LonLat>, String>,
    path: PathJson,
    mode: TravelMode,
    route_reported: bool,
    destination: Option<String>,
}

impl StateJson {
    fn status_fields(&self) -> StatusFields {
        StatusFields {
            status: match self.status {
                StatusJson::Stationed => StatusJson::Stationed,
                StatusJson::Moving => StatusJson::Moving,
                StatusJson::Departed => StatusJson::Departed,
            },
            place: pending_place(self.site.as_deref(), self.position, "site", "position"),
            from: pending_place(
                self.from_site.as_deref(),
                self.from_position,
                "from_site",
                "from_position",
            ),
            to: pending_place(
                self.to_site.as_deref(),
                self.to_position,
                "to_site",
                "to_position",
            ),
            waypoints: self.waypoints.iter().map(|&p| checked_lon_lat(p)).collect(),
            path: match self.path {
                PathJson::GreatCircle => PathJson::GreatCircle,
                PathJson::Waypoints => PathJson::Waypoints,
            },
            mode: self.mode,
            route_reported: self.route_reported,
            destination: self.destination.clone(),
        }
    }
}

fn pending_place(
    site: Option<&str>,
    position: Option<[f64; 2]>,
    site_key: &str,
    position_key: &str,
) -> Option<Result<PendingPlace, String>> {
    match (site, position) {
        (Some(_), Some(_)) => Some(Err(format!(
            "both \"{site_key}\" and \"{position_key}\" are given; expected one of them"
        ))),
        (Some(id), None) => Some(Ok(PendingPlace::Site(id.to_string()))),
        (None, Some(p)) => Some(checked_lon_lat(p).map(PendingPlace::Position)),
        (None, None) => None,
    }
}

fn pending_kind(fields: StatusFields) -> Result<PendingKind, String> {
    let require = |place: Option<Result<PendingPlace, String>>, keys: &str| {
        place.unwrap_or_else(|| Err(format!("expected {keys}")))
    };
    match fields.status {
        StatusJson::Stationed => Ok(PendingKind::Stationed(require(
            fields.place,
            "\"site\" (a site id) or \"position\" ([lon, lat])",
        )?)),
        StatusJson::Moving => {
            let waypoints = fields.waypoints?;
            if fields.path == PathJson::Waypoints && waypoints.is_empty() {
                return Err("\"path\" is \"waypoints\" but \"waypoints\" is empty".into());
            }
            Ok(PendingKind::Moving {
                from: require(fields.from, "\"from_site\" or \"from_position\"")?,
                to: require(fields.to, "\"to_site\" or \"to_position\"")?,
                waypoints,
                mode: fields.mode,
                route_reported: fields.route_reported,
            })
        }
        StatusJson::Departed => Ok(PendingKind::Departed(fields.destination)),
    }
}

fn checked_lon_lat([lon, lat]: [f64; 2]) -> Result<LonLat, String> {
    if !(lon.is_finite() && (-180.0..=180.0).contains(&lon)) {
        return Err(format!(
            "longitude {lon} is out of range; expected -180 to 180"
        ));
    }
    if !(lat.is_finite() && (-90.0..=90.0).contains(&lat)) {
        return Err(format!(
            "latitude {lat} is out of range; expected -90 to 90"
        ));
    }
    Ok(LonLat::new(lon, lat))
}

fn point_of(geometry: &GeometryJson) -> Result<LonLat, String> {
    if geometry.kind != "Point" {
        return Err(format!(
            "geometry type is {:?}; expected \"Point\"",
            geometry.kind
        ));
    }
    let numbers: Option<Vec<f64>> = geometry
        .coordinates
        .as_array()
        .map(|items| items.iter().filter_map(serde_json::Value::as_f64).collect());
    match numbers.as_deref() {
        Some([lon, lat, ..]) => checked_lon_lat([*lon, *lat]),
        _ => Err("coordinates are not [longitude, latitude] numbers".into()),
    }
}

/// serde_json appends " at line L column C"; we print our own, file-relative location.
fn strip_serde_location(message: &str) -> &str {
    message
        .rfind(" at line ")
        .map_or(message, |i| &message[..i])
}

// ---- Joining files -------------------------------------------------------------------------

impl Parts {
    fn resolve(mut self) -> Loaded {
        let Pending {
            headers,
            sites,
            forces,
            events,
        } = std::mem::take(&mut self.pending);
        let mut scenario = Scenario::default();
        self.merge_headers(headers, &mut scenario);

        let mut site_index: HashMap<String, usize> = HashMap::new();
        for (site, loc) in sites {
            if site_index.contains_key(&site.id) {
                self.problems.push(loc.problem(format!(
                    "site id {:?} is used twice; expected unique ids",
                    site.id
                )));
                continue;
            }
            site_index.insert(site.id.clone(), scenario.sites.len());
            scenario.sites.push(site);
        }

        let mut force_ids: HashMap<String, ()> = HashMap::new();
        for pending_force in forces {
            if force_ids
                .insert(pending_force.force.id.clone(), ())
                .is_some()
            {
                self.problems.push(pending_force.loc.problem(format!(
                    "force id {:?} is used twice; expected unique ids",
                    pending_force.force.id
                )));
                continue;
            }
            if let Some(force) = self.resolve_force(pending_force, &scenario.sites, &site_index) {
                scenario.forces.push(force);
            }
        }

        let mut follows: Vec<(String, String, Loc)> = Vec::new();
        for PendingEvent {
            mut event,
            site,
            after,
            loc,
        } in events
        {
            if let Some(anchor) = after {
                follows.push((event.id.clone(), anchor, loc.clone()));
            }
            if let Some(site_id) = site {
                match site_index.get(&site_id) {
                    Some(&index) => event.site = Some(index),
                    None => self.problems.push(loc.problem(format!(
                        "event {:?}: site {site_id:?} does not exist; expected the id of a site",
                        event.id
                    ))),
                }
            }
            scenario.events.push(event);
        }
        scenario.events.sort_by_key(|event| event.dating.start);
        self.order_after(&mut scenario.events, &follows);

        Loaded {
            scenario,
            problems: self.problems,
        }
    }

    /// Moves each event with `"after"` to just behind the event it names, when the two start at
    /// the same instant (the sources give no hour to tell them apart).
    fn order_after(&mut self, events: &mut Vec<Event>, follows: &[(String, String, Loc)]) {
        for (id, anchor, loc) in follows {
            let position = |events: &[Event], id: &str| events.iter().position(|e| e.id == id);
            let (Some(index), Some(anchor_index)) =
                (position(events, id), position(events, anchor))
            else {
                self.problems.push(loc.problem(format!(
                    "event {id:?}: \"after\" names {anchor:?}, which is not an event; expected the id of an event"
                )));
                continue;
            };
            if events[index].dating.start != events[anchor_index].dating.start {
                self.problems.push(loc.problem(format!(
                    "event {id:?}: \"after\" names {anchor:?}, which starts at another time; expected an event starting at the same time"
                )));
                continue;
            }
            if index < anchor_index {
                let event = events.remove(index);
                events.insert(anchor_index, event);
            }
        }
    }

    fn merge_headers(&mut self, headers: Vec<HeaderJson>, scenario: &mut Scenario) {
        scenario.meta.time_zone = self.zone.clone();
        let zone = self.zone.clone();
        let at = |time: TimeJson| time.0.start_in(&zone).ok();
        for header in headers {
            let meta = &mut scenario.meta;
            meta.title = meta.title.take().or(header.title);
            meta.description = meta.description.take().or(header.description);
            meta.default_view = meta.default_view.or(header.default_view);
            meta.default_time = meta.default_time.or(header.default_time.and_then(at));
            meta.bookmarks
                .extend(header.bookmarks.into_iter().filter_map(|b| {
                    Some(Bookmark {
                        title: b.title,
                        time: at(b.time)?,
                        view: b.view,
                    })
                }));
            for faction in header.factions {
                if scenario.faction(&faction.id).is_none() {
                    scenario.factions.push(faction);
                }
            }
        }
    }

    fn resolve_force(
        &mut self,
        pending: PendingForce,
        sites: &[Site],
        site_index: &HashMap<String, usize>,
    ) -> Option<Force> {
        let PendingForce {
            mut force, states, ..
        } = pending;
        let mut previous_end: Option<Timestamp> = None;
        let mut track = Vec::with_capacity(states.len());
        for state in states {
            let what = format!("force {:?}", force.id);
            if let Some(previous) = previous_end
                && state.dating.start < previous
            {
                self.problems.push(state.loc.problem(format!(
                    "{what}: this state starts before the previous one ends; expected states in time order"
                )));
                continue;
            }
            let place = |pending: &PendingPlace| -> Result<Place, String> {
                match pending {
                    PendingPlace::Position(position) => Ok(Place {
                        site: None,
                        position: *position,
                    }),
                    PendingPlace::Site(id) => site_index
                        .get(id)
                        .map(|&index| Place {
                            site: Some(index),
                            position: sites[index].position,
                        })
                        .ok_or_else(|| {
                            format!("site {id:?} does not exist; expected the id of a site")
                        }),
                }
            };
            let kind = match &state.kind {
                PendingKind::Stationed(at) => place(at).map(|place| StateKind::Stationed { place }),
                PendingKind::Moving {
                    from,
                    to,
                    waypoints,
                    mode,
                    route_reported,
                } => match (place(from), place(to), state.dating.end) {
                    (_, _, None) => Err("a moving state needs an \"end\" time".to_string()),
                    (_, _, Some(end)) if end <= state.dating.start => {
                        Err("a moving state needs \"end\" after \"start\"".to_string())
                    }
                    (Err(e), _, _) | (_, Err(e), _) => Err(e),
                    (Ok(from), Ok(to), Some(_)) => {
                        let mut points = vec![from.position];
                        points.extend(waypoints.iter().copied());
                        points.push(to.position);
                        Ok(StateKind::Moving {
                            from,
                            to,
                            path: Path::new(points),
                            mode: *mode,
                            route_reported: *route_reported,
                        })
                    }
                },
                PendingKind::Departed(destination) => Ok(StateKind::Departed {
                    destination: destination.clone(),
                }),
            };
            match kind {
                Ok(kind) => {
                    previous_end = Some(state.dating.end.unwrap_or(state.dating.start));
                    track.push(TrackState::new(
                        kind,
                        state.dating,
                        state.provenance,
                        state.strength,
                        state.note,
                    ));
                }
                Err(message) => self
                    .problems
                    .push(state.loc.problem(format!("{what}: {message}"))),
            }
        }
        force.track = Track::new(track);
        (!force.track.is_empty()).then_some(force)
    }
}
