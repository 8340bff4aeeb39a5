//! The furniture over the window's map: the time shown, a scale bar and the credits.

use crate::map::{Furniture, paint_furniture};
use crate::model::{GeoView, Scenario, StateAt};
use egui::Ui;

/// Paints the window's furniture in the map's rect: `credit` names the basemap (or says why
/// there is none).
pub fn map_overlays_ui(ui: &Ui, scenario: &Scenario, state: &StateAt, view: GeoView, credit: &str) {
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
}
