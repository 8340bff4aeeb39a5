//! One pass over a JSON object document: its top-level members are met in file order, and each
//! feature of `"features"` goes to the reader of its format as soon as it is met, so nothing of
//! the whole document is held (no `serde_json::Value`, no list of features). The reader of a
//! mapped file is told how far the pass has got, and hands the pages behind it back.

use super::{Format, Parsed, geojson_tracks, mf_json};
use crate::io::ReadProgress;
use crate::io::locate::Locator;
use serde::de::{self, DeserializeSeed, IgnoredAny, MapAccess, SeqAccess, Visitor};
use serde_json::value::RawValue;

/// What the top level says about the format, gathered as the pass goes.
#[derive(Default)]
struct TopFacts {
    /// The `"type"` member.
    kind: Option<String>,
    /// A `"deploymap"` member: the scenario format.
    scenario_marker: bool,
    /// A `"temporalGeometry"` member: one moving feature at the top.
    temporal_geometry: bool,
    /// What the first feature looks like.
    first_feature: Option<FirstFeature>,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum FirstFeature {
    /// It has a `temporalGeometry`: Moving Features.
    Moving,
    /// It has `properties.layer`: the scenario format.
    Layered,
    /// It is not an object: the scenario reader says what it expected.
    Unreadable,
    /// Anything else: GeoJSON with times.
    Plain,
}

impl TopFacts {
    fn moving_kind(&self) -> bool {
        self.temporal_geometry
            || self
                .kind
                .as_deref()
                .is_some_and(|k| k.starts_with("MovingFeature") || k == "MovingPoint")
    }

    /// The format, as far as the pass has seen.
    fn format(&self) -> Format {
        if self.scenario_marker {
            return Format::Scenario;
        }
        if self.moving_kind() {
            return Format::MovingFeatures;
        }
        match self.first_feature {
            Some(FirstFeature::Moving) => Format::MovingFeatures,
            Some(FirstFeature::Layered | FirstFeature::Unreadable) | None => Format::Scenario,
            Some(FirstFeature::Plain) => Format::TimedGeoJson,
        }
    }
}

/// Where the features go.
enum Items<'r> {
    /// No feature met yet.
    Undecided,
    GeoJson(geojson_tracks::Reader<'r>),
    Moving(Parsed),
    /// The scenario format: its own reader reads the file.
    Skipped,
}

/// What one pass needs besides the text.
pub(super) struct Pass<'r> {
    /// The whole text, for locating problems and measuring progress.
    pub text: &'r str,
    pub file: &'r str,
    pub track_by: Option<&'r str>,
    pub progress: &'r ReadProgress,
    /// Called with the offset in `text` the pass has got past.
    pub release: &'r dyn Fn(usize),
}

/// Why a pass stopped early.
const CANCELLED: &str = "reading was cancelled";

/// How often, in features, the pass reports progress, hands pages back and looks for a cancel.
const REPORT_EVERY: usize = 4_096;

/// Reads the JSON object `json` (a piece of `pass.text`): `Ok(None)` when it is in the scenario
/// format. A JSON syntax error, or a cancel, is the error.
pub(super) fn read_object(
    json: &str,
    pass: &Pass<'_>,
) -> Result<Option<(Format, Parsed)>, serde_json::Error> {
    let locator = Locator::new(pass.text);
    let (facts, items) = walk(json, pass, &locator, None)?;
    let mut format = facts.format();
    let used = match &items {
        Items::Undecided => None,
        Items::GeoJson(_) => Some(Format::TimedGeoJson),
        Items::Moving(_) => Some(Format::MovingFeatures),
        Items::Skipped => Some(Format::Scenario),
    };
    if format == Format::Scenario {
        return Ok(None);
    }
    let items = if used.is_some() && used != Some(format) {
        // A member that decides the format came after the features (rare): read them again.
        let (again, items) = walk(json, pass, &locator, Some(format))?;
        format = again.format();
        items
    } else {
        items
    };
    let parsed = match items {
        Items::GeoJson(reader) => reader.finish(),
        Items::Moving(parsed) => parsed,
        Items::Skipped => return Ok(None),
        Items::Undecided if format == Format::MovingFeatures => {
            // A feature or a bare temporal geometry at the top.
            let mut parsed = Parsed::default();
            if facts.temporal_geometry || facts.kind.as_deref() == Some("MovingPoint") {
                mf_json::read_item(&mut parsed, json, 0, &locator, pass.file);
            }
            parsed
        }
        Items::Undecided => Parsed::default(),
    };
    pass.progress.set(1.0);
    Ok(Some((format, parsed)))
}

fn walk<'r>(
    json: &str,
    pass: &Pass<'r>,
    locator: &Locator<'r>,
    forced: Option<Format>,
) -> Result<(TopFacts, Items<'r>), serde_json::Error> {
    let mut top = Top {
        pass,
        locator,
        forced,
        facts: TopFacts::default(),
        items: Items::Undecided,
    };
    let mut deserializer = serde_json::Deserializer::from_str(json);
    (&mut top).deserialize(&mut deserializer)?;
    deserializer.end()?;
    Ok((top.facts, top.items))
}

struct Top<'r, 'l> {
    pass: &'l Pass<'r>,
    locator: &'l Locator<'r>,
    forced: Option<Format>,
    facts: TopFacts,
    items: Items<'r>,
}

impl<'de> DeserializeSeed<'de> for &mut Top<'_, '_> {
    type Value = ();

    fn deserialize<D: de::Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        deserializer.deserialize_map(self)
    }
}

impl<'de> Visitor<'de> for &mut Top<'_, '_> {
    type Value = ();

    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("a JSON object")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        while let Some(key) = map.next_key::<std::borrow::Cow<'de, str>>()? {
            match key.as_ref() {
                "type" => self.facts.kind = map.next_value::<Option<String>>()?,
                "deploymap" => {
                    self.facts.scenario_marker = map.next_value::<Option<IgnoredAny>>()?.is_some();
                }
                "temporalGeometry" => {
                    self.facts.temporal_geometry =
                        map.next_value::<Option<IgnoredAny>>()?.is_some();
                }
                "features" => map.next_value_seed(Features { top: &mut *self })?,
                _ => {
                    map.next_value::<IgnoredAny>()?;
                }
            }
        }
        Ok(())
    }
}

struct Features<'a, 'r, 'l> {
    top: &'a mut Top<'r, 'l>,
}

impl<'de> DeserializeSeed<'de> for Features<'_, '_, '_> {
    type Value = ();

    fn deserialize<D: de::Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        // `"features": null` reads as no features, as a missing member does.
        deserializer.deserialize_option(self)
    }
}

impl<'de> Visitor<'de> for Features<'_, '_, '_> {
    type Value = ();

    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("a list of features")
    }

    fn visit_none<E: de::Error>(self) -> Result<(), E> {
        Ok(())
    }

    fn visit_unit<E: de::Error>(self) -> Result<(), E> {
        Ok(())
    }

    fn visit_some<D: de::Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        deserializer.deserialize_seq(self)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        let top = self.top;
        let pass = top.pass;
        let mut index = 0usize;
        while let Some(raw) = seq.next_element::<&'de RawValue>()? {
            let slice = raw.get();
            if index.is_multiple_of(REPORT_EVERY) {
                let offset = top.locator.offset_of(slice);
                pass.progress
                    .set(offset as f64 / pass.text.len().max(1) as f64);
                (pass.release)(offset);
                if pass.progress.is_cancelled() {
                    return Err(de::Error::custom(CANCELLED));
                }
            }
            if matches!(top.items, Items::Undecided) {
                top.items = first_items(top, slice);
            }
            match &mut top.items {
                Items::GeoJson(reader) => reader.feature(slice, index, top.locator),
                Items::Moving(parsed) => {
                    mf_json::read_item(parsed, slice, index, top.locator, pass.file);
                }
                Items::Skipped | Items::Undecided => {}
            }
            index += 1;
        }
        Ok(())
    }
}

/// Decides where the features go, from what the top level said before them and from the first
/// feature, `slice`.
fn first_items<'r>(top: &mut Top<'r, '_>, slice: &str) -> Items<'r> {
    let probe = serde_json::from_str::<super::FeatureProbe>(slice).ok();
    top.facts.first_feature = Some(match &probe {
        Some(probe) if probe.temporal_geometry.is_some() => FirstFeature::Moving,
        Some(probe) if probe.properties.as_ref().is_some_and(|p| p.layer.is_some()) => {
            FirstFeature::Layered
        }
        Some(_) => FirstFeature::Plain,
        None => FirstFeature::Unreadable,
    });
    let format = top.forced.unwrap_or_else(|| top.facts.format());
    match format {
        Format::MovingFeatures => Items::Moving(Parsed::default()),
        Format::TimedGeoJson | Format::Csv | Format::Database | Format::Spreadsheets => {
            Items::GeoJson(geojson_tracks::Reader::new(
                top.pass.file,
                top.pass.track_by,
            ))
        }
        Format::Scenario => Items::Skipped,
    }
}

/// Whether `error` is the pass stopping because it was cancelled.
pub(super) fn is_cancel(error: &serde_json::Error) -> bool {
    error.to_string().starts_with(CANCELLED)
}
