//! Text drawn over the map: the date shown, a scale bar and the data credits.

use crate::app::DeployApp;
use crate::model::timestamp_from_unix_secs;
use crate::ui::theme;
use egui::{Align2, FontId, Stroke, Ui, pos2, vec2};
use walkers::{MercatorProjection, Projection as _, lon_lat};

/// Credit for the scenario's facts, which each carry their own sources.
pub const SCENARIO_CREDIT: &str = "Events: sources in the inspector";

/// Paints the overlays in the map's rect.
pub fn map_overlays_ui(ui: &Ui, app: &DeployApp) {
    let rect = ui.min_rect().intersect(ui.clip_rect());
    let painter = ui.painter().with_clip_rect(rect);
    let date = timestamp_from_unix_secs(app.playback.cursor)
        .strftime("%d %b %Y, %H:%M UTC")
        .to_string();
    let galley = painter.layout_no_wrap(date, FontId::proportional(20.0), theme::LABEL_TEXT);
    let box_rect = Align2::LEFT_TOP
        .anchor_size(rect.left_top() + vec2(10.0, 10.0), galley.size())
        .expand(6.0);
    painter.rect_filled(box_rect, 4.0, theme::LABEL_HALO);
    painter.galley(box_rect.min + vec2(6.0, 6.0), galley, theme::LABEL_TEXT);

    let credit_text = match (&app.map.basemap, &app.basemap_error) {
        (Some(basemap), _) => format!("{} · {SCENARIO_CREDIT}", basemap.credit()),
        (None, Some(error)) => format!("No basemap ({error}) · {SCENARIO_CREDIT}"),
        (None, None) => SCENARIO_CREDIT.to_string(),
    };
    let credit = painter.layout(
        credit_text,
        FontId::proportional(10.0),
        theme::LABEL_TEXT,
        (rect.width() - 160.0).max(120.0),
    );
    let credit_rect = Align2::RIGHT_BOTTOM
        .anchor_size(rect.right_bottom() - vec2(4.0, 4.0), credit.size())
        .expand(2.0);
    painter.rect_filled(credit_rect, 2.0, theme::LABEL_HALO);
    painter.galley(credit_rect.min + vec2(2.0, 2.0), credit, theme::LABEL_TEXT);

    scale_bar(
        &painter,
        app,
        pos2(rect.left() + 12.0, rect.bottom() - 14.0),
    );
}

/// A scale bar of a round length, true at the map's centre latitude.
fn scale_bar(painter: &egui::Painter, app: &DeployApp, left_bottom: egui::Pos2) {
    let view = app.map.view();
    let points_per_m =
        MercatorProjection.scale_pixel_per_meter(lon_lat(view.lon, view.lat), view.zoom) as f32;
    if !(points_per_m.is_finite() && points_per_m > 0.0) {
        return;
    }
    let km = [1.0, 2.0, 5.0, 10.0, 20.0, 50.0, 100.0, 200.0, 500.0, 1000.0]
        .into_iter()
        .find(|km| km * 1000.0 * points_per_m >= 60.0)
        .unwrap_or(1000.0);
    let width = km * 1000.0 * points_per_m;
    let stroke = Stroke::new(2.0, theme::LABEL_TEXT);
    let y = left_bottom.y;
    let bar = egui::Rect::from_min_max(
        pos2(left_bottom.x - 4.0, y - 20.0),
        pos2(left_bottom.x + width + 30.0, y + 4.0),
    );
    painter.rect_filled(bar, 2.0, theme::LABEL_HALO);
    painter.hline(left_bottom.x..=left_bottom.x + width, y, stroke);
    painter.vline(left_bottom.x, y - 5.0..=y, stroke);
    painter.vline(left_bottom.x + width, y - 5.0..=y, stroke);
    painter.text(
        pos2(left_bottom.x + width / 2.0, y - 6.0),
        Align2::CENTER_BOTTOM,
        format!("{km:.0} km"),
        FontId::proportional(11.0),
        theme::LABEL_TEXT,
    );
}
