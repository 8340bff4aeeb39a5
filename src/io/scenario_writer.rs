//! Writing a scenario in the scenario format (`docs/FORMAT.md`): one pretty-printed GeoJSON
//! FeatureCollection with the header, sites and forces in the scenario's order and events in time
//! order (ties named with `after`),
//! with the properties this program does not know written back as they were read. Reading the
//! file gives back the same scenario.

mod json_out;
pub(super) mod times;

use super::atomic_file::{SaveError, write_atomically};
use crate::model::{
    Camera, Chapter, ConflictingReport, ControlChange, ControlKind, Dating, Event, Force, GeoView,
    Place, Provenance, Scenario, Site, Source, StateKind, Story, TrackState, TravelMode,
    zone_label,
};
use jiff::tz::TimeZone;
use json_out::Json;
use std::path::Path;
use times::{dated_texts, instant_text, span_end_text};

/// The format version written in the header.
const FORMAT_VERSION: u64 = 1;

/// `scenario` as the text of one scenario file.
pub fn scenario_to_json(scenario: &Scenario) -> String {
    let writer = Writer {
        scenario,
        zone: &scenario.meta.time_zone,
    };
    writer.collection().to_pretty()
}

/// Saves `scenario` to `path` in the scenario format, atomically (a temporary file in the same
/// folder, synced, then renamed). An existing file is replaced only when `overwrite` is true.
pub fn save_scenario(scenario: &Scenario, path: &Path, overwrite: bool) -> Result<(), SaveError> {
    write_atomically(path, scenario_to_json(scenario).as_bytes(), overwrite)
}

struct Writer<'a> {
    scenario: &'a Scenario,
    zone: &'a TimeZone,
}

/// A value serde can always turn into JSON (plain enums and structs of plain fields).
fn serialized(value: impl serde::Serialize) -> Json {
    serde_json::to_value(value).map_or(Json::Plain(serde_json::Value::Null), Json::from)
}

fn point(lon: f64, lat: f64) -> Json {
    Json::List(vec![Json::from(lon), Json::from(lat)])
}

impl Writer<'_> {
    fn collection(&self) -> Json {
        let mut collection = Json::object();
        collection.put("type", "FeatureCollection");
        collection.put("deploymap", self.header());
        // Sites and forces in the scenario's order (as read, new ones last), so a saved file
        // diffs against the one it was read from; site references are by id.
        let mut features = Vec::new();
        features.extend(self.scenario.sites.iter().map(|site| self.site(site)));
        features.extend(self.scenario.forces.iter().map(|force| self.force(force)));
        features.extend(self.events());
        collection.put("features", Json::List(features));
        collection
    }

    fn header(&self) -> Json {
        let meta = &self.scenario.meta;
        let mut header = Json::object();
        header.put("format_version", FORMAT_VERSION);
        header.put_some("title", meta.title.as_ref());
        let zone_name = zone_label(self.zone);
        // A zone without a name to write (one from a system file) is left out: UTC then.
        if super::parse_time_zone(&zone_name).is_ok_and(|zone| zone_label(&zone) == zone_name) {
            header.put("time_zone", zone_name);
        }
        header.put_some("description", meta.description.as_ref());
        header.put_list(
            "factions",
            self.scenario.factions.iter().map(|faction| {
                let mut json = Json::object();
                json.put("id", &faction.id);
                json.put("name", &faction.name);
                json.put("color", &faction.color);
                json
            }),
        );
        header.put_some("default_view", meta.default_view.map(view));
        header.put_some(
            "default_time",
            meta.default_time.map(|t| instant_text(t, self.zone)),
        );
        header.put_list(
            "bookmarks",
            meta.bookmarks.iter().map(|bookmark| {
                let mut json = Json::object();
                json.put("title", &bookmark.title);
                json.put("time", instant_text(bookmark.time, self.zone));
                json.put_some("view", bookmark.view.map(view));
                json
            }),
        );
        header.put_list("sources", meta.sources.iter().map(source));
        header.put_list(
            "stories",
            meta.stories.iter().map(|story| self.story(story)),
        );
        header.put_extra(&meta.extra);
        header
    }

    fn story(&self, story: &Story) -> Json {
        let mut json = Json::object();
        json.put("id", &story.id);
        json.put("title", &story.title);
        let chapters: Vec<Json> = story.chapters.iter().map(|c| self.chapter(c)).collect();
        json.put("chapters", chapters);
        json
    }

    fn chapter(&self, chapter: &Chapter) -> Json {
        let mut json = Json::object();
        json.put("title", &chapter.title);
        if !chapter.text.is_empty() {
            json.put("text", &chapter.text);
        }
        json.put_list("sources", chapter.sources.iter().map(source));
        json.put("start", instant_text(chapter.start, self.zone));
        json.put("end", span_end_text(chapter.end, self.zone));
        let span_secs = chapter.end.duration_since(chapter.start).as_secs_f64();
        let default_speed = span_secs / super::story_file::DEFAULT_CHAPTER_PLAYBACK_SECS;
        if chapter.speed_secs_per_sec != default_speed {
            json.put("speed_hours_per_sec", chapter.speed_secs_per_sec / 3_600.0);
        }
        let mut camera = Json::object();
        match &chapter.camera {
            Camera::View(geo_view) => camera.put("view", view(*geo_view)),
            Camera::Fit(ids) => camera.put_list("fit", ids.iter()),
            Camera::Follow { force, zoom } => {
                camera.put("follow", force);
                camera.put("zoom", *zoom);
            }
        }
        json.put("camera", camera);
        if let Some(layers) = &chapter.layers {
            json.put(
                "layers",
                Json::List(layers.iter().map(|l| l.name().into()).collect()),
            );
        }
        if let Some(factions) = &chapter.factions {
            json.put(
                "factions",
                Json::List(factions.iter().map(Json::from).collect()),
            );
        }
        json.put_list("highlight", chapter.highlight.iter());
        json
    }

    fn site_id(&self, index: Option<usize>) -> Option<&str> {
        index
            .and_then(|i| self.scenario.sites.get(i))
            .map(|site| site.id.as_str())
    }

    fn site(&self, site: &Site) -> Json {
        let mut properties = Json::object();
        properties.put("layer", "site");
        properties.put("name", &site.name);
        properties.put("kind", serialized(site.kind));
        properties.put_some("faction", site.faction.as_ref());
        properties.put_list("aliases", site.aliases.iter());
        properties.put_some(
            "coordinate_source",
            site.coordinate_source.as_ref().map(source),
        );
        properties.put_some("coordinate_uncertainty_km", site.coordinate_uncertainty_km);
        properties.put_some("note", site.note.as_ref());
        properties.put_list(
            "control",
            site.control
                .iter()
                .map(|change| self.control_change(change)),
        );
        properties.put_extra(&site.extra);
        feature(
            &site.id,
            Some(point(site.position.x(), site.position.y())),
            properties,
        )
    }

    fn control_change(&self, change: &ControlChange) -> Json {
        let mut json = Json::object();
        json.put("faction", &change.faction);
        if change.kind != ControlKind::Held {
            json.put("status", serialized(change.kind));
        }
        json.put_list("with", change.with.iter());
        json.put_some("note", change.note.as_ref());
        self.put_dated(&mut json, &change.dating, &change.provenance);
        json.put_extra(&change.extra);
        json
    }

    fn force(&self, force: &Force) -> Json {
        let mut properties = Json::object();
        properties.put("layer", "force");
        properties.put("name", &force.name);
        properties.put("faction", &force.faction);
        properties.put("kind", serialized(force.kind));
        properties.put_some("strength", force.strength.as_ref());
        properties.put_some("note", force.note.as_ref());
        // sidc and echelon, and the attributes of files in other formats, as text.
        for (key, value) in &force.attributes {
            if !properties.has(key) && !force.extra.contains_key(key) && key != "track" {
                properties.put(key, value);
            }
        }
        let track: Vec<Json> = force.track.iter().map(|state| self.state(&state)).collect();
        properties.put("track", track);
        properties.put_extra(&force.extra);
        feature(&force.id, None, properties)
    }

    fn place(&self, json: &mut Json, site_key: &str, position_key: &str, place: &Place) {
        match self.site_id(place.site) {
            Some(id) => json.put(site_key, id),
            None => json.put(position_key, point(place.position.x(), place.position.y())),
        }
    }

    fn state(&self, state: &TrackState) -> Json {
        let mut json = Json::object();
        json.put("status", state.kind.label());
        match &state.kind {
            StateKind::Stationed { place } => self.place(&mut json, "site", "position", place),
            StateKind::Moving {
                from,
                to,
                path,
                mode,
                route_reported,
            } => {
                self.place(&mut json, "from_site", "from_position", from);
                self.place(&mut json, "to_site", "to_position", to);
                let points = path.points();
                if points.len() > 2 {
                    json.put("path", "waypoints");
                    let inner = &points[1..points.len() - 1];
                    json.put_list("waypoints", inner.iter().map(|p| point(p.x(), p.y())));
                }
                if *mode != TravelMode::Unknown {
                    json.put("mode", serialized(*mode));
                }
                if *route_reported {
                    json.put("route_reported", true);
                }
            }
            StateKind::Departed { destination } => {
                json.put_some("destination", destination.as_ref());
            }
        }
        json.put_some("strength", state.strength());
        json.put_some("note", state.note());
        self.put_dated(&mut json, &state.dating, state.provenance());
        if let Some(extra) = state.extra() {
            json.put_extra(extra);
        }
        json
    }

    /// The events in time order, each naming the one before it with `after` when both start
    /// at the same instant, so the order survives reading.
    fn events(&self) -> Vec<Json> {
        let mut events: Vec<&Event> = self.scenario.events.iter().collect();
        events.sort_by_key(|event| event.dating.start);
        let mut features = Vec::with_capacity(events.len());
        for (i, event) in events.iter().enumerate() {
            let before = i
                .checked_sub(1)
                .map(|j| events[j])
                .filter(|before| before.dating.start == event.dating.start);
            features.push(self.event(event, before.map(|b| b.id.as_str())));
        }
        features
    }

    fn event(&self, event: &Event, after: Option<&str>) -> Json {
        let mut properties = Json::object();
        properties.put("layer", "event");
        properties.put("kind", serialized(event.kind));
        properties.put("title", &event.title);
        properties.put("summary", &event.summary);
        properties.put_some("site", self.site_id(event.site));
        properties.put_some("place", event.place.as_ref());
        properties.put_some("after", after);
        self.put_dated(&mut properties, &event.dating, &event.provenance);
        for (key, value) in &event.attributes {
            if !properties.has(key) && !event.extra.contains_key(key) {
                properties.put(key, value);
            }
        }
        properties.put_extra(&event.extra);
        let geometry = event.position.map(|p| point(p.x(), p.y()));
        feature(&event.id, geometry, properties)
    }

    fn put_dated(&self, json: &mut Json, dating: &Dating, provenance: &Provenance) {
        let texts = dated_texts(dating, self.zone);
        json.put("start", texts.start);
        json.put_some("end", texts.end);
        json.put("precision", serialized(dating.precision));
        json.put_some("earliest", texts.earliest);
        json.put_some("latest", texts.latest);
        let sources = provenance.sources.iter().map(|s| self.cited_source(s));
        json.put("sources", Json::List(sources.collect()));
        if provenance.confidence != crate::model::Confidence::Medium {
            json.put("confidence", serialized(provenance.confidence));
        }
        json.put_some("confidence_note", provenance.confidence_note.as_ref());
        json.put_list(
            "conflicting_reports",
            provenance
                .conflicting_reports
                .iter()
                .map(conflicting_report),
        );
    }
}

impl Writer<'_> {
    /// A source as an item cites it: by id when the header lists that very source, else
    /// written out.
    fn cited_source(&self, cited: &Source) -> Json {
        let listed = cited.id.as_ref().filter(|_| {
            self.scenario
                .meta
                .sources
                .iter()
                .any(|listed| listed == cited)
        });
        match listed {
            Some(id) => Json::from(id),
            None => source(cited),
        }
    }
}

fn feature(id: &str, geometry: Option<Json>, properties: Json) -> Json {
    let mut json = Json::object();
    json.put("type", "Feature");
    json.put("id", id);
    match geometry {
        Some(coordinates) => {
            let mut point = Json::object();
            point.put("type", "Point");
            point.put("coordinates", coordinates);
            json.put("geometry", point);
        }
        None => json.put("geometry", Json::Plain(serde_json::Value::Null)),
    }
    json.put("properties", properties);
    json
}

fn view(view: GeoView) -> Json {
    let mut json = Json::object();
    json.put("lon", view.lon);
    json.put("lat", view.lat);
    json.put("zoom", view.zoom);
    json
}

fn source(source: &Source) -> Json {
    let mut json = Json::object();
    json.put_some("id", source.id.as_ref());
    json.put("outlet", &source.outlet);
    json.put_some("published", source.published.as_ref());
    json.put("url", &source.url);
    json.put_some("via", source.via.as_ref());
    json.put_some("strength", source.strength.map(|s| s.label()));
    json.put_some("weak", source.weak.as_ref());
    json
}

fn conflicting_report(report: &ConflictingReport) -> Json {
    let mut json = Json::object();
    json.put("claim", &report.claim);
    json.put(
        "sources",
        Json::List(report.sources.iter().map(source).collect()),
    );
    json
}
