//! The furniture over the window's map: the time shown, a scale bar and the credits.

use crate::app::DeployApp;
use crate::map::{Furniture, paint_furniture};
use crate::model::StateAt;
use egui::Ui;

/// Paints the window's furniture in the map's rect.
pub fn map_overlays_ui(ui: &Ui, app: &DeployApp, state: &StateAt) {
    let rect = ui.min_rect().intersect(ui.clip_rect());
    let painter = ui.painter().with_clip_rect(rect);
    let credit = match (&app.map.basemap, &app.basemap_error) {
        (Some(basemap), _) => basemap.credit().to_string(),
        (None, Some(error)) => format!("No basemap ({error})"),
        (None, None) => "No basemap".to_string(),
    };
    paint_furniture(
        &painter,
        rect,
        &Furniture::window(),
        &app.scenario,
        state,
        app.map.view(),
        &credit,
    );
}
