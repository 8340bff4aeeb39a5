//! Pointer gestures on the map in edit mode: a press on a site or force drags it (a ghost
//! follows the pointer and the release reports where it was let go), and a press and release
//! on empty map without moving places something there.

use super::DrawList;
use crate::model::LonLat;
use crate::selection::Selection;
use crate::theme;

/// A site or force dropped on the map in edit mode.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct MapDrop {
    /// What was dragged.
    pub what: Selection,
    /// Where it was let go.
    pub at: LonLat,
    /// What it was let go on, if anything other than itself.
    pub onto: Option<Selection>,
}

/// Pointer travel, in points, below which a press and release is a click, not a drag.
const MIN_DRAG_POINTS: f32 = 4.0;

/// What the left button went down on.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Pressed {
    /// A site or force, which a drag moves.
    Mark(Selection),
    /// The map itself (or an event), which a drag pans.
    Empty,
}

/// What the pointer did this frame.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Gesture {
    /// A site or force let go after a drag.
    pub dropped: Option<MapDrop>,
    /// A press and release without moving on empty map.
    pub tapped_empty_at: Option<LonLat>,
}

/// Follows the left button: remembers what it went down on and where, paints where a dragged
/// mark would go, and reports the drop or the tap on release. `pressed` is the map's memory of
/// the press across frames.
pub(super) fn drag_marks(
    ui: &egui::Ui,
    response: &egui::Response,
    list: &DrawList<'_>,
    pressed: &mut Option<(Pressed, egui::Pos2)>,
    to_lon_lat: impl Fn(egui::Pos2) -> LonLat,
) -> Gesture {
    let (went_down, down, released, press_origin, latest) = ui.input(|input| {
        (
            input.pointer.primary_pressed(),
            input.pointer.primary_down(),
            input.pointer.primary_released(),
            input.pointer.press_origin(),
            input.pointer.latest_pos(),
        )
    });
    // A press and release in one frame (a slow frame) leaves no press origin: the pointer is
    // where it went down.
    let press_origin = press_origin.or(latest);
    // `contains_pointer`: not through a window floating over the map.
    if went_down
        && let Some(origin) = press_origin
        && response.rect.contains(origin)
        && response.contains_pointer()
    {
        let what = match list.hit(origin) {
            Some(hit @ (Selection::Site(_) | Selection::Force(_))) => Pressed::Mark(hit),
            _ => Pressed::Empty,
        };
        *pressed = Some((what, origin));
    }
    // egui moves its press origin to the release point on release: keep our own.
    let Some((what, origin)) = *pressed else {
        return Gesture::default();
    };
    let pointer = latest.unwrap_or(origin);
    let travelled = origin.distance(pointer);
    if down {
        if travelled >= MIN_DRAG_POINTS && matches!(what, Pressed::Mark(_)) {
            let painter = ui.painter().with_clip_rect(response.rect);
            painter.circle_stroke(pointer, 9.0, egui::Stroke::new(2.0, theme::LABEL_TEXT));
            painter.circle_filled(pointer, 3.0, theme::LABEL_TEXT);
            ui.ctx().set_cursor_icon(egui::CursorIcon::Grabbing);
        }
        return Gesture::default();
    }
    *pressed = None;
    if !released {
        return Gesture::default();
    }
    match what {
        Pressed::Mark(mark) if travelled >= MIN_DRAG_POINTS => Gesture {
            dropped: Some(MapDrop {
                what: mark,
                at: to_lon_lat(pointer),
                onto: list.hit(pointer).filter(|hit| *hit != mark),
            }),
            tapped_empty_at: None,
        },
        Pressed::Empty if travelled < MIN_DRAG_POINTS && list.hit(pointer).is_none() => Gesture {
            dropped: None,
            tapped_empty_at: Some(to_lon_lat(pointer)),
        },
        _ => Gesture::default(),
    }
}
