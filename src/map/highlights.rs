//! Rings round the items a story's chapter highlights, for the window and the story export.

use crate::model::{Chapter, GeoView, Scenario, StateAt};
use crate::theme;
use crate::timeline::lon_lat_to_world;
use egui::{Stroke, vec2};

/// Rings round the chapter's highlighted items that are on the map in `state`, painted in the
/// map's rect (the painter's clip rect) seen through `view`.
pub fn paint_story_highlights(
    painter: &egui::Painter,
    scenario: &Scenario,
    state: &StateAt,
    chapter: &Chapter,
    view: GeoView,
) {
    let rect = painter.clip_rect();
    let world_points = 256.0 * view.zoom.exp2();
    let (center_x, center_y) = lon_lat_to_world(view.lon, view.lat);
    for id in &chapter.highlight {
        let Some(position) = scenario.item_position(id, state) else {
            continue;
        };
        let (x, y) = lon_lat_to_world(position.x(), position.y());
        let on_screen = rect.center()
            + vec2(
                ((x - center_x) * world_points) as f32,
                ((y - center_y) * world_points) as f32,
            );
        if rect.contains(on_screen) {
            painter.circle_stroke(on_screen, 16.0, Stroke::new(2.5, theme::SELECTION));
        }
    }
}
