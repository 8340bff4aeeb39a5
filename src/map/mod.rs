//! The map: walkers' slippy map with the scenario's layers drawn over it.

mod basemap;
mod clusters;
mod draw_list;
mod edit_drag;
mod furniture;
mod highlights;
mod layers;
mod marks;
mod range_rings;
mod view;
mod zoom;

pub use basemap::{BASEMAP_CREDIT, Basemap, BasemapError, EMBEDDED_ARCHIVE};
pub use clusters::{ClusterMark, MAX_MARKERS};
pub use draw_list::{DrawList, build_draw_list};
pub use furniture::{
    Furniture, data_credit, factions_present, legend_texts, paint_furniture, time_caption,
};
pub use highlights::paint_story_highlights;
pub use layers::LayerVisibility;
pub use marks::{ForceMark, RouteMark, SiteMark, paint_event_glyph};
pub use range_rings::{RangeRingMark, RangeRings, RingCentre, centre_position};
pub use view::{MapDrop, MapOutput, MapView, map_ui};
pub use zoom::{LEVELS_PER_NOTCH, MIN_ZOOM};
