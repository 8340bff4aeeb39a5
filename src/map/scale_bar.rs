//! The scale bar over the map, true at the view's centre latitude.

use crate::model::GeoView;
use crate::theme;
use egui::{Align2, FontId, Painter, Pos2, Rect, Stroke, pos2};
use walkers::{MercatorProjection, Projection as _, lon_lat};

/// A scale bar of a round length, true at the view's centre latitude.
pub(super) fn paint_scale_bar(painter: &Painter, view: GeoView, left_bottom: Pos2) {
    let points_per_m =
        MercatorProjection.scale_pixel_per_meter(lon_lat(view.lon, view.lat), view.zoom) as f32;
    if !(points_per_m.is_finite() && points_per_m > 0.0) {
        return;
    }
    let km = [
        0.1, 0.2, 0.5, 1.0, 2.0, 5.0, 10.0, 20.0, 50.0, 100.0, 200.0, 500.0, 1000.0,
    ]
    .into_iter()
    .find(|km| km * 1000.0 * points_per_m >= 60.0)
    .unwrap_or(1000.0);
    let width = km * 1000.0 * points_per_m;
    let stroke = Stroke::new(2.0, theme::label_text(painter.ctx()));
    let y = left_bottom.y;
    let bar = Rect::from_min_max(
        pos2(left_bottom.x - 4.0, y - 20.0),
        pos2(left_bottom.x + width + 30.0, y + 4.0),
    );
    painter.rect_filled(bar, 2.0, theme::label_halo(painter.ctx()));
    painter.hline(left_bottom.x..=left_bottom.x + width, y, stroke);
    painter.vline(left_bottom.x, y - 5.0..=y, stroke);
    painter.vline(left_bottom.x + width, y - 5.0..=y, stroke);
    let label = if km < 1.0 {
        format!("{:.0} m", km * 1000.0)
    } else {
        format!("{km:.0} km")
    };
    painter.text(
        pos2(left_bottom.x + width / 2.0, y - 6.0),
        Align2::CENTER_BOTTOM,
        label,
        FontId::proportional(11.0),
        theme::label_text(painter.ctx()),
    );
}
