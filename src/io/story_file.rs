//! Stories in scenario files (`deploymap.stories`, see `docs/FORMAT.md`): read after the rest of
//! the scenario, so that the ids they name can be checked against it. Every problem is located
//! at its chapter (or the field in it) in its file.

use super::{Problem, SourceText, TimeText, locate::Locator};
use crate::model::{Camera, Chapter, GeoView, Scenario, Source, Story, StoryLayer};
use jiff::tz::TimeZone;
use serde::Deserialize;
use serde_json::value::RawValue;

/// How long a chapter plays when it gives no speed, in wall-clock seconds.
pub const DEFAULT_CHAPTER_PLAYBACK_SECS: f64 = 6.0;

#[derive(Deserialize)]
struct FileJson<'a> {
    #[serde(borrow, default)]
    deploymap: Option<HeaderJson<'a>>,
}

#[derive(Deserialize)]
struct HeaderJson<'a> {
    #[serde(borrow, default)]
    stories: Vec<&'a RawValue>,
}

#[derive(Deserialize)]
struct StoryJson<'a> {
    id: String,
    title: String,
    #[serde(borrow)]
    chapters: Vec<&'a RawValue>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ChapterJson {
    title: String,
    #[serde(default)]
    text: String,
    #[serde(default)]
    sources: Vec<Source>,
    start: String,
    end: String,
    #[serde(default)]
    speed_hours_per_sec: Option<f64>,
    camera: CameraJson,
    #[serde(default)]
    layers: Option<Vec<String>>,
    #[serde(default)]
    factions: Option<Vec<String>>,
    #[serde(default)]
    highlight: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct CameraJson {
    #[serde(default)]
    view: Option<GeoView>,
    #[serde(default)]
    fit: Option<Vec<String>>,
    #[serde(default)]
    follow: Option<String>,
    #[serde(default)]
    zoom: Option<f64>,
}

/// Reads the stories of `files` into `scenario.meta.stories`, checking what they name against
/// `scenario`; adds a located problem for each thing wrong. A chapter that cannot be played
/// (bad times, an empty span, no camera) is left out; unknown ids are dropped from it.
pub(super) fn read_stories(
    files: &[SourceText],
    zone: &TimeZone,
    scenario: &mut Scenario,
    problems: &mut Vec<Problem>,
) {
    for file in files {
        // Reading the whole file a second time is only worth it when it has stories.
        if !file.text.contains("\"stories\"") {
            continue;
        }
        let Ok(FileJson {
            deploymap: Some(header),
        }) = serde_json::from_str::<FileJson>(&file.text)
        else {
            continue;
        };
        let mut reader = StoryReader {
            file: &file.name,
            locator: Locator::new(&file.text),
            zone,
            scenario,
            problems,
        };
        let mut stories = Vec::new();
        for raw in header.stories {
            if let Some(story) = reader.story(raw.get()) {
                if scenario_has_story(reader.scenario, &stories, &story.id) {
                    let problem = reader.problem(
                        raw.get(),
                        format!("story id {:?} is used twice; expected unique ids", story.id),
                    );
                    reader.problems.push(problem);
                    continue;
                }
                stories.push(story);
            }
        }
        scenario.meta.stories.extend(stories);
    }
}

fn scenario_has_story(scenario: &Scenario, read: &[Story], id: &str) -> bool {
    scenario.meta.stories.iter().any(|story| story.id == id)
        || read.iter().any(|story| story.id == id)
}

struct StoryReader<'a, 'p> {
    file: &'a str,
    locator: Locator<'a>,
    zone: &'a TimeZone,
    scenario: &'a Scenario,
    problems: &'p mut Vec<Problem>,
}

impl StoryReader<'_, '_> {
    /// A problem at `slice`, or at `"field"` inside it when `field` is found there.
    fn problem_at(&self, slice: &str, field: Option<&str>, message: String) -> Problem {
        let offset_in_slice = field
            .and_then(|field| slice.find(&format!("\"{field}\"")))
            .unwrap_or(0);
        let (line, column) = self
            .locator
            .line_column(self.locator.offset_of(slice) + offset_in_slice);
        Problem {
            file: self.file.to_string(),
            line,
            column,
            message,
        }
    }

    fn problem(&self, slice: &str, message: String) -> Problem {
        self.problem_at(slice, None, message)
    }

    fn serde_problem(&self, slice: &str, error: &serde_json::Error, what: &str) -> Problem {
        let (line, column) = self.locator.within(slice, error.line(), error.column());
        let message = error.to_string();
        let message = message
            .rfind(" at line ")
            .map_or(message.as_str(), |i| &message[..i]);
        Problem {
            file: self.file.to_string(),
            line,
            column,
            message: format!("{what}: {message}"),
        }
    }

    fn story(&mut self, slice: &str) -> Option<Story> {
        let story: StoryJson = match serde_json::from_str(slice) {
            Ok(story) => story,
            Err(error) => {
                let problem = self.serde_problem(
                    slice,
                    &error,
                    "expected a story with \"id\", \"title\" and \"chapters\"",
                );
                self.problems.push(problem);
                return None;
            }
        };
        let what = format!("story {:?}", story.id);
        let chapters: Vec<Chapter> = story
            .chapters
            .iter()
            .enumerate()
            .filter_map(|(index, raw)| {
                self.chapter(raw.get(), &format!("{what}, chapter {}", index + 1))
            })
            .collect();
        if chapters.is_empty() {
            let problem = self.problem_at(
                slice,
                Some("chapters"),
                format!("{what} has no chapter that can be played; expected at least one"),
            );
            self.problems.push(problem);
            return None;
        }
        Some(Story {
            id: story.id,
            title: story.title,
            chapters,
        })
    }

    fn time(&mut self, slice: &str, field: &str, text: &str, what: &str) -> Option<TimeText> {
        match TimeText::parse(text) {
            Ok(time) => Some(time),
            Err(message) => {
                let problem = self.problem_at(slice, Some(field), format!("{what}: {message}"));
                self.problems.push(problem);
                None
            }
        }
    }

    fn chapter(&mut self, slice: &str, what: &str) -> Option<Chapter> {
        let chapter: ChapterJson = match serde_json::from_str(slice) {
            Ok(chapter) => chapter,
            Err(error) => {
                let problem = self.serde_problem(slice, &error, &format!("{what}: expected a chapter with \"title\", \"start\", \"end\" and \"camera\""));
                self.problems.push(problem);
                return None;
            }
        };
        let start = self.time(slice, "start", &chapter.start, what)?;
        let end = self.time(slice, "end", &chapter.end, what)?;
        let start = start.start_in(self.zone).ok()?;
        // A date written as a day or a month reaches the end of it, as elsewhere in the format.
        let end = end
            .unit_end_in(self.zone)
            .or_else(|| end.start_in(self.zone).ok())?;
        if end <= start {
            let problem = self.problem_at(
                slice,
                Some("end"),
                format!("{what}: the span from {start} to {end} is empty; expected an end after the start"),
            );
            self.problems.push(problem);
            return None;
        }
        let span_secs = end.duration_since(start).as_secs_f64();
        let speed_secs_per_sec = match chapter.speed_hours_per_sec {
            Some(hours) if hours.is_finite() && hours > 0.0 => hours * 3_600.0,
            Some(hours) => {
                let problem = self.problem_at(
                    slice,
                    Some("speed_hours_per_sec"),
                    format!("{what}: speed_hours_per_sec is {hours}; expected a positive number"),
                );
                self.problems.push(problem);
                return None;
            }
            None => span_secs / DEFAULT_CHAPTER_PLAYBACK_SECS,
        };
        let camera = self.camera(slice, chapter.camera, what)?;
        let layers = chapter.layers.map(|names| {
            names
                .iter()
                .filter_map(|name| {
                    let layer = StoryLayer::from_name(name);
                    if layer.is_none() {
                        let problem = self.problem_at(slice, Some("layers"), format!(
                            "{what}: layer {name:?} does not exist; expected sites, forces, routes or events"
                        ));
                        self.problems.push(problem);
                    }
                    layer
                })
                .collect()
        });
        let factions = chapter.factions.map(|ids| {
            ids.into_iter()
                .filter(|id| {
                    let known = self.scenario.faction(id).is_some()
                        || self.scenario.forces.iter().any(|force| &force.faction == id);
                    if !known {
                        let problem = self.problem_at(
                            slice,
                            Some("factions"),
                            format!("{what}: faction {id:?} does not exist; expected the id of a faction"),
                        );
                        self.problems.push(problem);
                    }
                    known
                })
                .collect()
        });
        let highlight = self.known_ids(slice, "highlight", chapter.highlight, what);
        Some(Chapter {
            title: chapter.title,
            text: chapter.text,
            sources: chapter.sources,
            start,
            end,
            speed_secs_per_sec,
            camera,
            layers,
            factions,
            highlight,
        })
    }

    /// `ids` without those that name no site, force or event, each reported.
    fn known_ids(&mut self, slice: &str, field: &str, ids: Vec<String>, what: &str) -> Vec<String> {
        ids.into_iter()
            .filter(|id| {
                let known = self.scenario.item_index(id).is_some();
                if !known {
                    let problem = self.problem_at(slice, Some(field), format!(
                        "{what}: {field} names {id:?}, which is not a site, force or event; expected their ids"
                    ));
                    self.problems.push(problem);
                }
                known
            })
            .collect()
    }

    fn camera(&mut self, slice: &str, camera: CameraJson, what: &str) -> Option<Camera> {
        let expected =
            "expected one of \"view\", \"fit\" (a list of ids) or \"follow\" (a force id)";
        match (camera.view, camera.fit, camera.follow) {
            (Some(view), None, None) => {
                if view.is_on_the_world() {
                    Some(Camera::View(view))
                } else {
                    let problem = self.problem_at(slice, Some("view"), format!(
                        "{what}: the view (lon {}, lat {}, zoom {}) is outside the world; expected lon -180 to 180, lat -85 to 85, zoom 0 to 20",
                        view.lon, view.lat, view.zoom
                    ));
                    self.problems.push(problem);
                    None
                }
            }
            (None, Some(ids), None) => {
                let ids = self.known_ids(slice, "fit", ids, what);
                if ids.is_empty() {
                    let problem = self.problem_at(
                        slice,
                        Some("fit"),
                        format!("{what}: the camera fits nothing; expected the ids of sites, forces or events"),
                    );
                    self.problems.push(problem);
                    return None;
                }
                Some(Camera::Fit(ids))
            }
            (None, None, Some(force)) => {
                if !self.scenario.forces.iter().any(|f| f.id == force) {
                    let problem = self.problem_at(
                        slice,
                        Some("follow"),
                        format!("{what}: follow names {force:?}, which is not a force; expected the id of a force"),
                    );
                    self.problems.push(problem);
                    return None;
                }
                let zoom = camera.zoom.unwrap_or(8.0);
                if !(0.0..=20.0).contains(&zoom) {
                    let problem = self.problem_at(
                        slice,
                        Some("zoom"),
                        format!("{what}: zoom {zoom} is outside the world; expected 0 to 20"),
                    );
                    self.problems.push(problem);
                    return None;
                }
                Some(Camera::Follow { force, zoom })
            }
            _ => {
                let problem = self.problem_at(slice, Some("camera"), format!("{what}: {expected}"));
                self.problems.push(problem);
                None
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::io::{SourceText, parse_scenario};
    use jiff::Timestamp;

    const SCENARIO: &str = r#"{
  "type": "FeatureCollection",
  "deploymap": {
    "time_zone": "Asia/Damascus",
    "stories": [
      {
        "id": "tour",
        "title": "A tour",
        "chapters": [
          {
            "title": "One",
            "text": "At the base.",
            "sources": [{ "outlet": "Reuters", "published": "2026-01-23", "url": "https://example.org/a" }],
            "start": "2026-01-20",
            "end": "2026-01-22",
            "camera": { "fit": ["base", "unit"] },
            "highlight": ["unit"]
          },
          {
            "title": "Two",
            "start": "2026-01-22T12:00",
            "end": "2026-01-22T12:00",
            "camera": { "view": { "lon": 36, "lat": 35, "zoom": 7 } }
          },
          {
            "title": "Three",
            "start": "2026-01-22",
            "end": "2026-01-23",
            "camera": { "view": { "lon": 236, "lat": 35, "zoom": 7 } }
          },
          {
            "title": "Four",
            "start": "2026-01-22",
            "end": "2026-01-23",
            "speed_hours_per_sec": 2,
            "camera": { "follow": "unit", "zoom": 9 },
            "highlight": ["nowhere"],
            "factions": ["russia", "martians"],
            "layers": ["forces", "clouds"]
          },
          {
            "title": "Five",
            "start": "2026-01-22",
            "end": "2026-01-23",
            "camera": { "follow": "base" }
          }
        ]
      }
    ]
  },
  "features": [
    { "type": "Feature", "id": "base", "geometry": { "type": "Point", "coordinates": [35.95, 35.41] },
      "properties": { "layer": "site", "name": "Base", "kind": "air_base" } },
    { "type": "Feature", "id": "unit",
      "properties": { "layer": "force", "name": "Unit", "faction": "russia", "kind": "air",
        "track": [ { "status": "stationed", "site": "base", "start": "2026-01-01", "precision": "exact",
                     "sources": [{ "outlet": "Reuters", "published": "2026-01-01", "url": "https://example.org/b" }] } ] } }
  ]
}"#;

    fn load() -> crate::io::Loaded {
        let files = [SourceText {
            name: "tour.geojson".into(),
            text: SCENARIO.into(),
        }];
        match parse_scenario(&files) {
            Ok(loaded) => loaded,
            Err(error) => panic!("{error}"),
        }
    }

    #[test]
    fn stories_are_read_with_their_chapters() {
        let loaded = load();
        let story = &loaded.scenario.meta.stories[0];
        assert_eq!(story.id, "tour");
        let titles: Vec<&str> = story.chapters.iter().map(|c| c.title.as_str()).collect();
        assert_eq!(titles, ["One", "Four"]);
        let one = &story.chapters[0];
        // Local days in Damascus (UTC+3): from the start of the 20th to the end of the 22nd.
        assert_eq!(
            one.start.as_second(),
            "2026-01-19T21:00:00Z"
                .parse::<Timestamp>()
                .map_or(0, |t| t.as_second())
        );
        assert_eq!(one.end_secs() - one.start_secs(), 3.0 * 86_400.0);
        assert!((one.playback_secs() - DEFAULT_CHAPTER_PLAYBACK_SECS).abs() < 1e-9);
        assert_eq!(one.sources[0].outlet, "Reuters");
        assert_eq!(
            one.camera,
            Camera::Fit(vec!["base".to_string(), "unit".to_string()])
        );
        let four = &story.chapters[1];
        assert_eq!(four.speed_secs_per_sec, 7_200.0);
        assert_eq!(four.factions.as_deref(), Some(&["russia".to_string()][..]));
        assert_eq!(four.layers.as_deref(), Some(&[StoryLayer::Forces][..]));
        assert!(four.highlight.is_empty());
    }

    #[test]
    fn validate_locates_unknown_ids_empty_spans_and_views_off_the_world() {
        let loaded = load();
        let messages: Vec<String> = loaded.problems.iter().map(ToString::to_string).collect();
        let find = |needle: &str| {
            loaded
                .problems
                .iter()
                .find(|p| p.message.contains(needle))
                .unwrap_or_else(|| panic!("no problem with {needle:?} in {messages:#?}"))
        };
        let line_of = |needle: &str| {
            SCENARIO
                .lines()
                .position(|line| line.contains(needle))
                .map_or(0, |i| i + 1)
        };
        let empty = find("chapter 2: the span");
        assert!(empty.message.contains("is empty"), "{}", empty.message);
        assert_eq!(empty.line, line_of("\"end\": \"2026-01-22T12:00\""));
        let off = find("chapter 3: the view");
        assert!(off.message.contains("outside the world"));
        assert_eq!(off.line, line_of("\"lon\": 236"));
        let unknown = find("\"nowhere\"");
        assert!(unknown.message.contains("chapter 4"));
        assert_eq!(unknown.line, line_of("\"highlight\": [\"nowhere\"]"));
        assert_eq!(unknown.file, "tour.geojson");
        assert!(unknown.column > 1);
        find("faction \"martians\" does not exist");
        find("layer \"clouds\" does not exist");
        let not_a_force = find("follow names \"base\", which is not a force");
        assert!(not_a_force.message.contains("chapter 5"));
    }
}
