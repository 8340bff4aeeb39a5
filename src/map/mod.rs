//! The map: walkers' slippy map with the scenario's layers drawn over it.

mod attribution;
mod basemap;
mod clusters;
mod coverage;
mod draw_list;
mod edit_drag;
mod furniture;
mod highlights;
mod labels;
mod layers;
mod marks;
mod online;
mod prefetch;
mod range_rings;
mod ruler;
mod scale_bar;
mod site_rows;
mod view;
mod zoom;

pub use attribution::plain_text_from_html;
pub use basemap::{
    BASEMAP_CREDIT, Basemap, BasemapError, EMBEDDED_ARCHIVE, PlaceNamesRead,
    cached_embedded_archive,
};
pub use clusters::{ClusterMark, MAX_MARKERS};
pub use coverage::{Coverage, coverage_notice, view_bounds};
pub use draw_list::{DrawList, build_draw_list};
pub use edit_drag::MapDrop;
pub use furniture::{
    Furniture, FurnitureLayout, data_credit, factions_present, furniture_layout, legend_texts,
    paint_furniture, time_caption,
};
pub use highlights::paint_story_highlights;
pub use labels::{DropReason, DroppedLabel, LabelLayout, LabelOwner, PlaceName, PlacedLabel};
pub use layers::LayerVisibility;
pub use marks::{ForceMark, RouteMark, SiteMark, paint_event_glyph};
pub use online::{
    ONLINE_PATIENCE_SECS, OSM_ATTRIBUTION, OnlineBasemap, OnlineStatus, tile_cache_dir, user_agent,
};
pub use prefetch::{embedded_basemap, start as prefetch_first_view, tiles_in_view};
pub use range_rings::{RangeRingMark, RangeRings, RingCentre, centre_position};
pub use ruler::{Ruler, RulerMark, RulerPoint, ruler_mark};
pub use view::{FollowRequest, MapOutput, MapView, map_ui};
pub use zoom::{LEVELS_PER_NOTCH, MIN_ZOOM};
