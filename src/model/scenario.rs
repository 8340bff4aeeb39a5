//! A whole scenario: its header and all its sites, forces and events.

use super::{Event, Force, Site, UnixSecs, unix_secs};
use jiff::Timestamp;

/// A side, with the colour its forces are drawn in.
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Faction {
    /// Id used by forces and sites.
    pub id: String,
    /// Human name.
    pub name: String,
    /// `#rrggbb`.
    pub color: String,
    /// The standard identity the scenario's author gives the side (friend, hostile, …);
    /// `None` leaves it unknown. The viewer may choose another in the window.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub identity: Option<super::StandardIdentity>,
}

impl Faction {
    /// The colour as RGB bytes; grey when `color` is not `#rrggbb`.
    pub fn rgb(&self) -> [u8; 3] {
        parse_hex_rgb(&self.color).unwrap_or([128, 128, 128])
    }
}

/// Parses `#rrggbb`.
pub fn parse_hex_rgb(text: &str) -> Option<[u8; 3]> {
    let hex = text.strip_prefix('#')?;
    if hex.len() != 6 || !hex.is_ascii() {
        return None;
    }
    let byte = |i: usize| u8::from_str_radix(&hex[i..i + 2], 16).ok();
    Some([byte(0)?, byte(2)?, byte(4)?])
}

/// A map view: centre and walkers zoom level.
#[derive(Clone, Copy, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct GeoView {
    /// Longitude of the centre, degrees.
    pub lon: f64,
    /// Latitude of the centre, degrees.
    pub lat: f64,
    /// Web-Mercator zoom level (256-pixel world at 0).
    pub zoom: f64,
}

impl GeoView {
    /// Where the map looks when a scenario has no view of its own and nothing placed: Syria.
    pub const FALLBACK: GeoView = GeoView {
        lon: 38.9,
        lat: 35.3,
        zoom: 6.5,
    };
}

/// A named moment of the story, reached with a number key.
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Bookmark {
    /// What it shows.
    pub title: String,
    /// When.
    pub time: Timestamp,
    /// Where, if the view should move.
    #[serde(default)]
    pub view: Option<GeoView>,
}

/// The header of a scenario.
#[derive(Clone, Debug, PartialEq)]
pub struct ScenarioMeta {
    /// Title.
    pub title: Option<String>,
    /// A sentence or two.
    pub description: Option<String>,
    /// The view the app opens on.
    pub default_view: Option<GeoView>,
    /// The time the app opens on.
    pub default_time: Option<Timestamp>,
    /// Story moments for the number keys.
    pub bookmarks: Vec<Bookmark>,
    /// Guided tours, in the order the files give them.
    pub stories: Vec<super::Story>,
    /// The zone the scenario's dates are written in (UTC when it names none).
    pub time_zone: jiff::tz::TimeZone,
    /// Sources listed once in the header, each with an id, which items may cite by id. Items
    /// hold copies (with the id), so nothing else needs this list to show a source.
    pub sources: Vec<super::Source>,
    /// Header properties this program does not know, kept so that saving writes them back.
    pub extra: super::Extra,
}

impl Default for ScenarioMeta {
    fn default() -> Self {
        Self {
            title: None,
            description: None,
            default_view: None,
            default_time: None,
            bookmarks: Vec::new(),
            stories: Vec::new(),
            time_zone: jiff::tz::TimeZone::UTC,
            sources: Vec::new(),
            extra: super::Extra::new(),
        }
    }
}

/// Everything the map shows. Sites, forces and events refer to each other by index.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Scenario {
    /// The header.
    pub meta: ScenarioMeta,
    /// Declared factions.
    pub factions: Vec<Faction>,
    /// Places.
    pub sites: Vec<Site>,
    /// Units with tracks.
    pub forces: Vec<Force>,
    /// Events sorted by start.
    pub events: Vec<Event>,
}

impl Scenario {
    /// The faction with `id`, if declared.
    pub fn faction(&self, id: &str) -> Option<&Faction> {
        self.factions.iter().find(|faction| faction.id == id)
    }

    /// The faction's display name, or its id when undeclared.
    pub fn faction_name<'a>(&'a self, id: &'a str) -> &'a str {
        self.faction(id).map_or(id, |faction| faction.name.as_str())
    }

    /// The index of the site with `id`.
    pub fn site_index(&self, id: &str) -> Option<usize> {
        self.sites.iter().position(|site| site.id == id)
    }

    /// The span from the first to the last dated thing, or `None` for an undated scenario.
    pub fn time_range(&self) -> Option<(UnixSecs, UnixSecs)> {
        let event_times = self.events.iter().flat_map(|event| {
            let (start, end) = event.dating.band_secs();
            [start, end]
        });
        let state_times = self.forces.iter().flat_map(|force| {
            force
                .track
                .time_bounds()
                .into_iter()
                .flat_map(|(start, end)| [start, end])
        });
        let control_times = self
            .sites
            .iter()
            .flat_map(|site| site.control.iter().map(|change| change.dating.start_secs()));
        event_times
            .chain(state_times)
            .chain(control_times)
            .fold(None, |range, t| match range {
                None => Some((t, t)),
                Some((lo, hi)) => Some((f64::min(lo, t), f64::max(hi, t))),
            })
    }

    /// The time the app opens on: the header's, or the start of the scenario.
    pub fn opening_time(&self) -> UnixSecs {
        if let Some(t) = self.meta.default_time {
            return unix_secs(t);
        }
        self.time_range().map_or(0.0, |(start, _)| start)
    }

    /// Starts of all events, sorted, for stepping from event to event.
    pub fn event_starts(&self) -> Vec<UnixSecs> {
        let mut starts: Vec<UnixSecs> = self
            .events
            .iter()
            .map(|event| event.dating.start_secs())
            .collect();
        starts.sort_by(f64::total_cmp);
        starts.dedup();
        starts
    }

    /// The scenario's own view for a map `width` × `height` points large: its default view,
    /// else one that fits everything placed, else `None` when nothing has a place.
    pub fn own_view(&self, width: f64, height: f64) -> Option<GeoView> {
        self.meta
            .default_view
            .or_else(|| self.fitted_view(width, height))
    }

    /// Where a map `width` × `height` points large opens on this scenario: its
    /// [own view](Self::own_view), else [`GeoView::FALLBACK`].
    pub fn opening_view(&self, width: f64, height: f64) -> GeoView {
        self.own_view(width, height).unwrap_or(GeoView::FALLBACK)
    }

    /// A view that shows everything placed in the scenario in a map `width` × `height` points
    /// large, or `None` when nothing has a place.
    pub fn fitted_view(&self, width: f64, height: f64) -> Option<GeoView> {
        let track_positions = self.forces.iter().flat_map(|force| force.track.positions());
        let positions: Vec<super::LonLat> = self
            .sites
            .iter()
            .map(|site| site.position)
            .chain(track_positions)
            .chain(
                self.events
                    .iter()
                    .filter_map(|event| self.event_position(event)),
            )
            .collect();
        GeoView::fitting(&positions, width, height)
    }

    /// Adds everything of `other` (from another file), keeping its references to its own sites.
    pub fn append(&mut self, other: Scenario) {
        let offset = self.sites.len();
        let shift = |site: &mut Option<usize>| {
            if let Some(index) = site {
                *index += offset;
            }
        };
        for mut force in other.forces {
            force.track.shift_sites(offset);
            self.forces.push(force);
        }
        for mut event in other.events {
            shift(&mut event.site);
            self.events.push(event);
        }
        self.events.sort_by_key(|event| event.dating.start);
        self.sites.extend(other.sites);
        for faction in other.factions {
            if self.faction(&faction.id).is_none() {
                self.factions.push(faction);
            }
        }
        let meta = &mut self.meta;
        meta.title = meta.title.take().or(other.meta.title);
        meta.description = meta.description.take().or(other.meta.description);
        meta.default_view = meta.default_view.or(other.meta.default_view);
        meta.default_time = meta.default_time.or(other.meta.default_time);
        meta.bookmarks.extend(other.meta.bookmarks);
        meta.stories.extend(other.meta.stories);
        for source in other.meta.sources {
            if !meta.sources.iter().any(|known| known.id == source.id) {
                meta.sources.push(source);
            }
        }
        for (key, value) in other.meta.extra {
            meta.extra.entry(key).or_insert(value);
        }
    }

    /// Where an event is drawn: its own point or its site's.
    pub fn event_position(&self, event: &Event) -> Option<super::LonLat> {
        event.position.or_else(|| {
            event
                .site
                .and_then(|i| self.sites.get(i))
                .map(|s| s.position)
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_fitted_view_holds_everything_placed() {
        let mut scenario = Scenario::default();
        assert!(scenario.fitted_view(800.0, 600.0).is_none());
        for (lon, lat) in [(36.0, 33.0), (42.0, 37.0)] {
            scenario.sites.push(crate::model::Site {
                id: format!("{lon}"),
                name: String::new(),
                kind: crate::model::SiteKind::Town,
                faction: None,
                aliases: vec![],
                position: crate::model::LonLat::new(lon, lat),
                coordinate_source: None,
                coordinate_uncertainty_km: None,
                note: None,
                control: vec![],
                extra: Default::default(),
            });
        }
        let view = scenario.fitted_view(800.0, 600.0).unwrap();
        assert!((view.lon - 39.0).abs() < 1e-9);
        assert!(view.lat > 34.9 && view.lat < 35.1, "{}", view.lat);
        // 6 degrees across 800 points: 2^zoom * 256 / 360 * 6 <= 800.
        assert!(2f64.powf(view.zoom) * 256.0 / 360.0 * 6.0 <= 800.0);
        assert!(view.zoom > 6.0, "{}", view.zoom);
    }

    #[test]
    fn hex_colours_parse_and_bad_ones_do_not() {
        assert_eq!(parse_hex_rgb("#c8342b"), Some([0xc8, 0x34, 0x2b]));
        assert_eq!(parse_hex_rgb("c8342b"), None);
        assert_eq!(parse_hex_rgb("#c8342"), None);
        assert_eq!(parse_hex_rgb("#zz342b"), None);
        assert_eq!(parse_hex_rgb("#ééé"), None);
    }
}
