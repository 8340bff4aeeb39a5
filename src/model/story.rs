//! Stories: guided tours through a scenario. A story is an ordered list of chapters; each
//! chapter plays a span of time at a speed, with the camera on a view, fitted to named items, or
//! following a force, and a short text that cites its sources.
//!
//! Items are named by id (as in the files), so stories survive the joining of layers; the
//! `*_positions` and `camera_view` functions resolve them in a scenario.

use super::{GeoView, LonLat, Scenario, Source, StateAt, UnixSecs, unix_secs};
use jiff::Timestamp;

/// A guided tour through the scenario.
#[derive(Clone, Debug, PartialEq)]
pub struct Story {
    /// Id, unique in the scenario (`export story --story ID`).
    pub id: String,
    /// Human title.
    pub title: String,
    /// The chapters in reading order.
    pub chapters: Vec<Chapter>,
}

/// What the map looks at during a chapter.
#[derive(Clone, Debug, PartialEq)]
pub enum Camera {
    /// A fixed view.
    View(GeoView),
    /// A view that fits these items (site, force or event ids) as they stand during the chapter.
    Fit(Vec<String>),
    /// Keep this force (its id) in the middle of the map at this zoom.
    Follow {
        /// The force's id.
        force: String,
        /// Web-Mercator zoom level.
        zoom: f64,
    },
}

/// The kinds of marks a chapter may switch on; the others are switched off while it plays.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum StoryLayer {
    /// Bases, airports and towns.
    Sites,
    /// Unit markers.
    Forces,
    /// Movement paths.
    Routes,
    /// Event rings.
    Events,
}

impl StoryLayer {
    /// The name used in files.
    pub fn name(self) -> &'static str {
        match self {
            Self::Sites => "sites",
            Self::Forces => "forces",
            Self::Routes => "routes",
            Self::Events => "events",
        }
    }

    /// The layer named `name` in a file.
    pub fn from_name(name: &str) -> Option<Self> {
        [Self::Sites, Self::Forces, Self::Routes, Self::Events]
            .into_iter()
            .find(|layer| layer.name() == name)
    }
}

/// One step of a story.
#[derive(Clone, Debug, PartialEq)]
pub struct Chapter {
    /// Shown on the card.
    pub title: String,
    /// A few sentences, each backed by `sources`.
    pub text: String,
    /// Where the text's facts come from.
    pub sources: Vec<Source>,
    /// When the chapter's playback starts.
    pub start: Timestamp,
    /// When it stops; after `start`.
    pub end: Timestamp,
    /// Story seconds per wall-clock second while it plays.
    pub speed_secs_per_sec: f64,
    /// What the map looks at.
    pub camera: Camera,
    /// Which kinds of marks are drawn; `None` leaves the user's choice.
    pub layers: Option<Vec<StoryLayer>>,
    /// Which factions' forces are drawn; `None` leaves the user's choice.
    pub factions: Option<Vec<String>>,
    /// Ids of sites, forces and events drawn highlighted.
    pub highlight: Vec<String>,
}

impl Chapter {
    /// The start as [`UnixSecs`].
    pub fn start_secs(&self) -> UnixSecs {
        unix_secs(self.start)
    }

    /// The end as [`UnixSecs`].
    pub fn end_secs(&self) -> UnixSecs {
        unix_secs(self.end)
    }

    /// How long the chapter plays in wall-clock seconds at its speed.
    pub fn playback_secs(&self) -> f64 {
        (self.end_secs() - self.start_secs()) / self.speed_secs_per_sec.max(1e-9)
    }

    /// The ids the chapter is about: what the camera fits or follows, and what it highlights.
    pub fn item_ids(&self) -> Vec<&str> {
        let mut ids: Vec<&str> = match &self.camera {
            Camera::View(_) => Vec::new(),
            Camera::Fit(ids) => ids.iter().map(String::as_str).collect(),
            Camera::Follow { force, .. } => vec![force.as_str()],
        };
        for id in &self.highlight {
            if !ids.contains(&id.as_str()) {
                ids.push(id);
            }
        }
        ids
    }
}

/// Something a story names by id.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ItemIndex {
    /// Index into the scenario's sites.
    Site(usize),
    /// Index into its forces.
    Force(usize),
    /// Index into its events.
    Event(usize),
}

impl Scenario {
    /// The site, force or event with `id` (sites first, then forces, then events).
    pub fn item_index(&self, id: &str) -> Option<ItemIndex> {
        if let Some(index) = self.site_index(id) {
            return Some(ItemIndex::Site(index));
        }
        if let Some(index) = self.forces.iter().position(|force| force.id == id) {
            return Some(ItemIndex::Force(index));
        }
        self.events
            .iter()
            .position(|event| event.id == id)
            .map(ItemIndex::Event)
    }

    /// The story with `id`, or the first one for `None`.
    pub fn story(&self, id: Option<&str>) -> Option<&Story> {
        match id {
            Some(id) => self.meta.stories.iter().find(|story| story.id == id),
            None => self.meta.stories.first(),
        }
    }

    /// Where the item `id` is drawn in `state`: a site's place, a present force's position, an
    /// event's place. `None` when it is unknown or not on the map then.
    pub fn item_position(&self, id: &str, state: &StateAt) -> Option<LonLat> {
        match self.item_index(id)? {
            ItemIndex::Site(index) => self.sites.get(index).map(|site| site.position),
            ItemIndex::Force(index) => state
                .forces
                .iter()
                .find(|at| at.force == index && at.is_present())
                .map(|at| at.position),
            ItemIndex::Event(index) => self
                .events
                .get(index)
                .and_then(|event| self.event_position(event)),
        }
    }
}

/// The closest zoom a story's fit goes to.
pub const FIT_MAX_ZOOM: f64 = 9.0;

/// The view of `chapter`'s camera for a map `width` × `height` points large with the scenario
/// in `state`: its view, the fit of its items, or its followed force (falling back to `fallback`
/// when nothing it names is on the map).
pub fn camera_view(
    scenario: &Scenario,
    chapter: &Chapter,
    state: &StateAt,
    width: f64,
    height: f64,
    fallback: GeoView,
) -> GeoView {
    match &chapter.camera {
        Camera::View(view) => *view,
        Camera::Fit(ids) => {
            let positions: Vec<LonLat> = ids
                .iter()
                .filter_map(|id| scenario.item_position(id, state))
                .collect();
            // A single place is not shown closer than a city's surroundings.
            GeoView::fitting(&positions, width, height).map_or(fallback, |view| GeoView {
                zoom: view.zoom.min(FIT_MAX_ZOOM),
                ..view
            })
        }
        Camera::Follow { force, zoom } => {
            scenario
                .item_position(force, state)
                .map_or(fallback, |position| GeoView {
                    lon: position.x(),
                    lat: position.y(),
                    zoom: *zoom,
                })
        }
    }
}

impl GeoView {
    /// A view that shows all `positions` in a map `width` × `height` points large with a margin,
    /// or `None` when there are none.
    pub fn fitting(positions: &[LonLat], width: f64, height: f64) -> Option<GeoView> {
        let first = positions.first()?;
        let (mut west, mut south, mut east, mut north) =
            (first.x(), first.y(), first.x(), first.y());
        for p in positions {
            west = west.min(p.x());
            east = east.max(p.x());
            south = south.min(p.y());
            north = north.max(p.y());
        }
        let mercator_y = |lat: f64| lat.clamp(-85.0, 85.0).to_radians().tan().asinh();
        let span_lon = (east - west).max(0.05);
        let span_y = (mercator_y(north) - mercator_y(south)).max(0.001);
        let zoom_x = (width * 360.0 / (256.0 * span_lon)).log2();
        let zoom_y = (height * std::f64::consts::TAU / (256.0 * span_y)).log2();
        let middle_y = (mercator_y(north) + mercator_y(south)) / 2.0;
        Some(GeoView {
            lon: (west + east) / 2.0,
            lat: middle_y.sinh().atan().to_degrees(),
            zoom: (zoom_x.min(zoom_y) - 0.4).clamp(2.0, 14.0),
        })
    }

    /// Whether the view's centre is on the Web Mercator world and its zoom one the map can show.
    pub fn is_on_the_world(&self) -> bool {
        (-180.0..=180.0).contains(&self.lon)
            && (-85.06..=85.06).contains(&self.lat)
            && (0.0..=20.0).contains(&self.zoom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_fit_contains_its_positions() {
        let positions = [LonLat::new(35.95, 35.41), LonLat::new(41.2, 37.0)];
        let view = GeoView::fitting(&positions, 800.0, 600.0).unwrap_or(GeoView::FALLBACK);
        assert!(view.lon > 35.95 && view.lon < 41.2);
        // The whole span fits: at this zoom 800 points cover more than 5.25 degrees.
        let degrees_across = 800.0 * 360.0 / (256.0 * view.zoom.exp2());
        assert!(degrees_across > 41.2 - 35.95, "{view:?}");
        assert!(GeoView::fitting(&[], 800.0, 600.0).is_none());
    }

    #[test]
    fn views_off_the_world_are_told_apart() {
        assert!(GeoView::FALLBACK.is_on_the_world());
        let off = GeoView {
            lon: 200.0,
            lat: 35.0,
            zoom: 6.0,
        };
        assert!(!off.is_on_the_world());
        let too_far_north = GeoView {
            lat: 89.0,
            ..GeoView::FALLBACK
        };
        assert!(!too_far_north.is_on_the_world());
    }
}
