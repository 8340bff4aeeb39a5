//! The deploymap scenario format (`docs/FORMAT.md`): GeoJSON FeatureCollections whose features
//! say in `properties.layer` whether they are a site, a force or an event.
//!
//! A file that is not a FeatureCollection at all fails the whole load; a bad feature is reported
//! with its line and column and left out, and the rest loads. This file holds the JSON shapes and
//! what is read before site ids are resolved; `reader` reads one file, `resolve` joins them.

mod library;
mod reader;
mod resolve;

use super::geojson::{GeometryJson, checked_lon_lat, whole_file_problem};
use super::loaded::{Loaded, SourceText};
use super::{LoadError, Problem, TimeText, locate::Locator, scenario_time};
use crate::model::{
    Confidence, ConflictingReport, ControlKind, Dating, Event, EventKind, Faction, Force,
    ForceKind, GeoView, LonLat, Precision, Provenance, Site, SiteKind, Source, TravelMode,
};
use serde::Deserialize;
use serde_json::value::RawValue;

/// Parses and joins scenario files into one scenario.
pub fn parse_scenario(files: &[SourceText]) -> Result<Loaded, LoadError> {
    let (mut loaded, zone) = parse_scenario_without_stories(files)?;
    super::story_file::read_stories(files, &zone, &mut loaded.scenario, &mut loaded.problems);
    Ok(loaded)
}

/// [`parse_scenario`] without the stories, and the scenario's time zone: for readers that add
/// the items the stories name from elsewhere first.
pub(super) fn parse_scenario_without_stories(
    files: &[SourceText],
) -> Result<(Loaded, jiff::tz::TimeZone), LoadError> {
    if files.is_empty() {
        return Err(LoadError::new(vec![whole_file_problem(
            "(no file)",
            "no scenario file was given",
        )]));
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
    let library = library::header_sources(files, &mut parts.problems);
    let library_ids: std::collections::HashMap<&str, &Source> = library
        .iter()
        .filter_map(|source| Some((source.id.as_deref()?, source)))
        .collect();
    let mut fatal = Vec::new();
    for file in files {
        let mut reader = FileReader {
            zone: &parts.zone,
            library: &library_ids,
            file: &file.name,
            locator: Locator::new(&file.text),
            problems: &mut parts.problems,
        };
        if let Err(problem) = reader.read_collection(&file.text, &mut parts.pending) {
            fatal.push(problem);
        }
    }
    if !fatal.is_empty() {
        return Err(LoadError::new(fatal));
    }
    let zone = parts.zone.clone();
    let mut loaded = parts.resolve();
    loaded.scenario.meta.sources = library;
    Ok((loaded, zone))
}

/// Where something is in which file.
#[derive(Clone, Debug)]
struct Loc {
    file: String,
    line: usize,
    column: usize,
}

impl Loc {
    /// `file:line:column`, for messages that point at a second place.
    fn at(&self) -> String {
        format!("{}:{}:{}", self.file, self.line, self.column)
    }

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
    /// Every other header property (stories are read by `story_file`, the rest kept for saving).
    #[serde(flatten)]
    others: crate::model::Extra,
}

/// The properties every dated item knows (see `docs/FORMAT.md`, Times).
const DATED_KEYS: &[&str] = &[
    "start",
    "end",
    "precision",
    "earliest",
    "latest",
    "sources",
    "confidence",
    "confidence_note",
    "conflicting_reports",
];
const SITE_KEYS: &[&str] = &[
    "layer",
    "name",
    "kind",
    "faction",
    "aliases",
    "coordinate_source",
    "coordinate_uncertainty_km",
    "note",
    "control",
];
const FORCE_KEYS: &[&str] = &[
    "layer", "name", "faction", "kind", "strength", "note", "sidc", "echelon", "track",
];
const EVENT_KEYS: &[&str] = &[
    "layer", "title", "summary", "kind", "site", "place", "after",
];
const CONTROL_KEYS: &[&str] = &["faction", "status", "with", "note"];
const STATE_KEYS: &[&str] = &[
    "status",
    "site",
    "position",
    "from_site",
    "from_position",
    "to_site",
    "to_position",
    "path",
    "waypoints",
    "mode",
    "route_reported",
    "destination",
    "strength",
    "note",
];
/// Header properties read elsewhere than [`HeaderJson`]'s fields.
const HEADER_KEYS_READ_ELSEWHERE: &[&str] = &["stories", "sources"];

/// The properties of the JSON object `slice` that are in none of the `known` lists, kept so that
/// saving writes them back. Nothing when `slice` is not an object (the readers report that).
fn unknown_properties(slice: &str, known: &[&[&str]]) -> crate::model::Extra {
    let Ok(raw) = serde_json::from_str::<std::collections::BTreeMap<String, &RawValue>>(slice)
    else {
        return crate::model::Extra::new();
    };
    raw.into_iter()
        .filter(|(key, _)| !known.iter().any(|keys| keys.contains(&key.as_str())))
        .filter_map(|(key, value)| Some((key, serde_json::from_str(value.get()).ok()?)))
        .collect()
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

#[derive(Deserialize)]
struct LayerJson {
    #[serde(default)]
    layer: Option<String>,
}

#[derive(Deserialize)]
struct DatedJson<'a> {
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
    /// Sources written out, or ids of sources in the header's list.
    #[serde(borrow, default)]
    sources: Vec<&'a RawValue>,
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
    /// APP-6 / MIL-STD-2525 symbol code, either family.
    #[serde(default)]
    sidc: Option<String>,
    /// Echelon word for the symbol when there is no code ("battalion", …).
    #[serde(default)]
    echelon: Option<String>,
    /// Text amplifiers of the symbol: unique designation, higher formation, a short strength.
    #[serde(default)]
    designation: Option<String>,
    #[serde(default)]
    higher_formation: Option<String>,
    #[serde(default)]
    strength_figure: Option<String>,
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
    extra: crate::model::Extra,
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
    /// Each site with its place, and the places of its changes of control (in their order).
    sites: Vec<(Site, Loc, Vec<Loc>)>,
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
    /// The header's sources by id, which items may cite.
    library: &'a std::collections::HashMap<&'a str, &'a Source>,
    file: &'a str,
    locator: Locator<'a>,
    problems: &'p mut Vec<Problem>,
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
            waypoints: self
                .waypoints
                .iter()
                .map(|&p| checked_lon_lat(p[0], p[1]))
                .collect(),
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
        (None, Some(p)) => Some(checked_lon_lat(p[0], p[1]).map(PendingPlace::Position)),
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
