//! The furniture over the window's map: the time shown, a scale bar, the credits and, when the
//! view leaves the basemap's coverage, a notice saying so.

use crate::map::{Furniture, paint_furniture};
use crate::model::{GeoView, Scenario, StateAt};
use egui::Ui;

/// Paints the window's furniture in the map's rect: `credit` names the basemap (or says why
/// there is none); `notice` says where the basemap does not cover the view.
pub fn map_overlays_ui(
    ui: &Ui,
    scenario: &Scenario,
    state: &StateAt,
    view: GeoView,
    (credit, notice): (&str, Option<&str>),
) {
    let rect = ui.min_rect().intersect(ui.clip_rect());
    let painter = ui.painter().with_clip_rect(rect);
    paint_furniture(
        &painter,
        rect,
        &Furniture::window(),
        scenario,
        state,
        view,
        credit,
    );
    if let Some(notice) = notice {
        let galley = painter.layout_no_wrap(
            notice.to_string(),
            egui::FontId::proportional(12.0),
            ui.visuals().warn_fg_color,
        );
        // Top centre: clear of the time (top left), the coordinates, scale and credits (bottom).
        let notice_rect = egui::Align2::CENTER_TOP
            .anchor_size(rect.center_top() + egui::vec2(0.0, 60.0), galley.size())
            .expand(5.0);
        painter.rect_filled(
            notice_rect,
            4.0,
            ui.visuals().window_fill.gamma_multiply(0.92),
        );
        painter.galley(
            notice_rect.min + egui::vec2(5.0, 5.0),
            galley,
            ui.visuals().warn_fg_color,
        );
    }
}
