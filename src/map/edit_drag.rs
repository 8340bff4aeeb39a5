//! Dragging sites and forces on the map in edit mode: the press picks what is under the
//! pointer, a ghost follows the pointer, and the release reports where it was let go.

use super::DrawList;
use super::view::MapDrop;
use crate::model::LonLat;
use crate::selection::Selection;
use crate::theme;

/// Pointer travel, in points, below which a press and release is a click, not a drag.
const MIN_DRAG_POINTS: f32 = 4.0;

/// Follows a drag of a site or force: starts it on a press over one, paints where it would go,
/// and returns the drop on release. `drag` is the map's memory of the drag across frames.
pub(super) fn drag_marks(
    ui: &egui::Ui,
    response: &egui::Response,
    list: &DrawList<'_>,
    drag: &mut Option<Selection>,
    to_lon_lat: impl Fn(egui::Pos2) -> LonLat,
) -> Option<MapDrop> {
    let (pressed, down, released, press_origin, latest) = ui.input(|input| {
        (
            input.pointer.primary_pressed(),
            input.pointer.primary_down(),
            input.pointer.primary_released(),
            input.pointer.press_origin(),
            input.pointer.latest_pos(),
        )
    });
    if pressed
        && let Some(origin) = press_origin
        && response.rect.contains(origin)
    {
        *drag = list
            .hit(origin)
            .filter(|hit| matches!(hit, Selection::Site(_) | Selection::Force(_)));
    }
    let what = (*drag)?;
    let pointer = latest?;
    let travelled = press_origin.map_or(0.0, |origin| origin.distance(pointer));
    if down {
        if travelled >= MIN_DRAG_POINTS {
            let painter = ui.painter().with_clip_rect(response.rect);
            painter.circle_stroke(pointer, 9.0, egui::Stroke::new(2.0, theme::LABEL_TEXT));
            painter.circle_filled(pointer, 3.0, theme::LABEL_TEXT);
            ui.ctx().set_cursor_icon(egui::CursorIcon::Grabbing);
        }
        return None;
    }
    *drag = None;
    if !released || travelled < MIN_DRAG_POINTS {
        return None;
    }
    let onto = list.hit(pointer).filter(|hit| *hit != what);
    Some(MapDrop {
        what,
        at: to_lon_lat(pointer),
        onto,
    })
}
