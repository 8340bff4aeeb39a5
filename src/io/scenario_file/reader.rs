//! Reads one scenario file into what it holds before site ids are resolved, reporting each bad
//! feature with its line and column.

use super::{
    CONTROL_KEYS, CollectionJson, ControlJson, DATED_KEYS, DatedJson, EVENT_KEYS, EventJson,
    FORCE_KEYS, FeatureJson, FileReader, ForceJson, IdJson, LayerJson, Loc, Pending, PendingEvent,
    PendingForce, PendingState, SITE_KEYS, STATE_KEYS, SiteJson, StateJson, TimeJson, pending_kind,
    unknown_properties,
};
use crate::io::geojson::{point_of, problem_at, serde_problem, whole_file_problem};
use crate::io::{Problem, scenario_time};
use crate::model::{
    ControlChange, Dating, Event, Force, LonLat, Precision, Provenance, Site, Source, Track,
};
use serde::Deserialize;
use serde_json::value::RawValue;

impl FileReader<'_, '_> {
    fn loc(&self, slice: &str) -> Loc {
        let at = problem_at(&self.locator, self.file, slice, "");
        Loc {
            file: at.file,
            line: at.line,
            column: at.column,
        }
    }

    /// A serde error inside `slice`, located in the whole file.
    fn serde_problem(&self, slice: &str, error: &serde_json::Error, what: &str) -> Problem {
        serde_problem(&self.locator, self.file, slice, error, what)
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

    pub(super) fn read_collection<'t>(
        &mut self,
        text: &'t str,
        pending: &mut Pending,
    ) -> Result<(), Problem> {
        if text.trim().is_empty() {
            return Err(whole_file_problem(
                self.file,
                "the file is empty; expected a GeoJSON FeatureCollection",
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
            let Some((change, dating, provenance)) =
                self.parse_dated::<ControlJson>(slice, &change_what)
            else {
                continue;
            };
            let change = ControlChange {
                faction: change.faction,
                kind: change.status,
                with: change.with,
                dating,
                provenance,
                note: change.note,
                extra: unknown_properties(slice, &[CONTROL_KEYS, DATED_KEYS]),
            };
            control.push((change, self.loc(slice)));
        }
        control.sort_by(|(a, _), (b, _)| a.dating.band_secs().0.total_cmp(&b.dating.band_secs().0));
        let (control, control_locs): (Vec<ControlChange>, Vec<Loc>) = control.into_iter().unzip();
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
            extra: unknown_properties(properties, &[SITE_KEYS]),
        };
        pending.sites.push((site, loc, control_locs));
    }

    /// A force's symbol code and echelon as attributes; a bad one is reported and left out, so
    /// the symbol comes from the kind.
    fn symbol_attributes(
        &mut self,
        sidc: Option<String>,
        echelon: Option<String>,
        what: &str,
        properties: &str,
    ) -> Vec<(String, String)> {
        // Problems point at the property's key in the file.
        let key_at = |key: &str| {
            let quoted = format!("\"{key}\"");
            &properties[properties.find(&quoted).unwrap_or(0)..]
        };
        let mut attributes = Vec::new();
        if let Some(code) = sidc {
            match crate::symbology::parse_sidc(&code) {
                Ok(_) => attributes.push(("sidc".to_owned(), code)),
                Err(e) => {
                    let loc = self.loc(key_at("sidc"));
                    self.problems.push(loc.problem(format!(
                        "{what}: {e}; the symbol is derived from the kind instead"
                    )));
                }
            }
        }
        if let Some(word) = echelon {
            if crate::symbology::Echelon::from_word(&word).is_some() {
                attributes.push(("echelon".to_owned(), word));
            } else {
                let loc = self.loc(key_at("echelon"));
                self.problems.push(loc.problem(format!(
                    "{what}: echelon {word:?} is not one of team, squad, section, platoon, company, battalion, regiment, brigade, division, corps, army, army group"
                )));
            }
        }
        attributes
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
            let Some((state, dating, provenance)) =
                self.parse_dated::<StateJson>(slice, &state_what)
            else {
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
                    extra: unknown_properties(slice, &[STATE_KEYS, DATED_KEYS]),
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
        let mut attributes = self.symbol_attributes(json.sidc, json.echelon, &what, properties);
        for (key, value) in [
            ("designation", json.designation),
            ("higher_formation", json.higher_formation),
            ("strength_figure", json.strength_figure),
        ] {
            if let Some(value) = value {
                attributes.push((key.to_owned(), value));
            }
        }
        let force = Force {
            id,
            name: json.name,
            faction: json.faction,
            kind: json.kind,
            strength: json.strength,
            note: json.note,
            track: Track::default(),
            attributes,
            temporal_properties: Vec::new(),
            extra: unknown_properties(properties, &[FORCE_KEYS]),
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
        let Some((json, dating, provenance)) = self.parse_dated::<EventJson>(properties, &what)
        else {
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
            extra: unknown_properties(properties, &[EVENT_KEYS, DATED_KEYS]),
        };
        pending.events.push(PendingEvent {
            event,
            site: json.site,
            after: json.after,
            loc,
        });
    }

    /// `slice` parsed as `T` and as a dated item; `None`, with the problems reported, when
    /// either fails.
    fn parse_dated<'de, T: Deserialize<'de>>(
        &mut self,
        slice: &'de str,
        what: &str,
    ) -> Option<(T, Dating, Provenance)> {
        let (Some(json), Some((dating, provenance))) =
            (self.parse::<T>(slice, what), self.dated(slice, what))
        else {
            return None;
        };
        Some((json, dating, provenance))
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
        let sources = self.sources(&json.sources, what);
        // An item without a source is reported by the checks (`model::check_scenario`), with
        // the other problems of facts that do not stop loading.
        let provenance = Provenance {
            sources,
            confidence: json.confidence,
            confidence_note: json.confidence_note,
            conflicting_reports: json.conflicting_reports,
        };
        Some((dating, provenance))
    }

    /// The sources of a dated item: those written out, and copies of those cited by the id of
    /// a source in the header's list. A bad source or an unknown id is reported and left out.
    fn sources(&mut self, raws: &[&RawValue], what: &str) -> Vec<Source> {
        let mut sources = Vec::with_capacity(raws.len());
        for raw in raws {
            let slice = raw.get();
            if slice.starts_with('"') {
                let id: String = serde_json::from_str(slice).unwrap_or_default();
                match self.library.get(id.as_str()) {
                    Some(source) => sources.push((*source).clone()),
                    None => {
                        let problem = self.loc(slice).problem(format!(
                            "{what}: source {id:?} is not in the header's sources; expected the id of a source listed in deploymap.sources, or a source written out"
                        ));
                        self.problems.push(problem);
                    }
                }
                continue;
            }
            if let Some(source) = self.parse::<Source>(
                slice,
                &format!("{what}: expected a source with \"outlet\" and \"url\""),
            ) {
                sources.push(source);
            }
        }
        sources
    }
}
