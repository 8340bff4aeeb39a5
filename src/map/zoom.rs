//! Zooming the map with the wheel, Ctrl+wheel, a pinch or a double click: about the pointer,
//! in steps that are the same size in and out, and never deeper than the basemap can show.
//!
//! walkers' own zoom turns egui's zoom factor `f` into `(f - 1) × 2` levels, so one notch in
//! (`f ≈ 1.22`) and one notch out (`f ≈ 0.82`) differ and zooming in then out leaves the map
//! deeper than it was. Here every input becomes a number of levels that changes sign, not size,
//! with direction.

use crate::model::GeoView;

/// Levels of zoom one wheel notch (egui's 40-point line) changes.
pub const LEVELS_PER_NOTCH: f64 = 0.5;
/// Points of wheel scroll in one notch (egui's `line_scroll_speed` on native).
const POINTS_PER_NOTCH: f64 = 40.0;
/// egui's `scroll_zoom_speed`: Ctrl+wheel gives a zoom factor of `exp(points / 200)`.
const CTRL_POINTS_PER_LN: f64 = 200.0;
/// The shallowest zoom: the whole world in about one window.
pub const MIN_ZOOM: f64 = 2.0;

/// Levels of zoom for a scroll of `scroll_points` (positive up: zoom in).
pub fn levels_for_scroll(scroll_points: f64) -> f64 {
    scroll_points / POINTS_PER_NOTCH * LEVELS_PER_NOTCH
}

/// Levels of zoom for a multiplicative zoom factor from Ctrl+wheel or a pinch: the logarithm,
/// so a factor and its inverse cancel.
pub fn levels_for_factor(factor: f64) -> f64 {
    if !(factor.is_finite() && factor > 0.0) {
        return 0.0;
    }
    factor.ln() * CTRL_POINTS_PER_LN / POINTS_PER_NOTCH * LEVELS_PER_NOTCH
}

/// Web-Mercator position of `(lon, lat)` in points of a world `256 × 2^zoom` wide.
pub(super) fn project(lon: f64, lat: f64, zoom: f64) -> (f64, f64) {
    let world = 256.0 * 2f64.powf(zoom);
    let lat = lat.clamp(-85.051_128, 85.051_128).to_radians();
    let x = (lon + 180.0) / 360.0 * world;
    let y = (1.0 - (lat.tan() + 1.0 / lat.cos()).ln() / std::f64::consts::PI) / 2.0 * world;
    (x, y)
}

/// The inverse of [`project`].
pub(super) fn unproject(x: f64, y: f64, zoom: f64) -> (f64, f64) {
    let world = 256.0 * 2f64.powf(zoom);
    let lon = x / world * 360.0 - 180.0;
    let lat = (std::f64::consts::PI * (1.0 - 2.0 * y / world))
        .sinh()
        .atan()
        .to_degrees();
    (lon, lat)
}

/// `view` zoomed by `levels`, within `min_zoom..=max_zoom`, keeping the place `offset_points`
/// from the centre (the pointer) where it is on screen.
pub fn zoom_about(
    view: GeoView,
    offset_points: egui::Vec2,
    levels: f64,
    min_zoom: f64,
    max_zoom: f64,
) -> GeoView {
    let zoom = (view.zoom + levels).clamp(min_zoom, max_zoom.max(min_zoom));
    let (dx, dy) = (f64::from(offset_points.x), f64::from(offset_points.y));
    let (cx, cy) = project(view.lon, view.lat, view.zoom);
    let (lon, lat) = unproject(cx + dx, cy + dy, view.zoom);
    let (px, py) = project(lon, lat, zoom);
    let (lon, lat) = unproject(px - dx, py - dy, zoom);
    GeoView { lon, lat, zoom }
}

#[cfg(test)]
mod tests {
    use super::*;

    const VIEW: GeoView = GeoView {
        lon: 38.9,
        lat: 35.3,
        zoom: 6.5,
    };

    #[test]
    fn a_notch_in_and_a_notch_out_cancel_for_the_wheel_and_for_ctrl_wheel() {
        assert!((levels_for_scroll(40.0) + levels_for_scroll(-40.0)).abs() < 1e-12);
        let notch = (40.0f64 / 200.0).exp();
        let inward = levels_for_factor(notch);
        assert!((inward - LEVELS_PER_NOTCH).abs() < 1e-9, "{inward}");
        assert!((inward + levels_for_factor(1.0 / notch)).abs() < 1e-12);
        assert_eq!(levels_for_factor(0.0), 0.0);
        assert_eq!(levels_for_factor(f64::NAN), 0.0);
    }

    #[test]
    fn zooming_in_and_back_out_about_the_pointer_returns_to_the_same_view() {
        let offset = egui::vec2(180.0, -95.0);
        let mut view = VIEW;
        for _ in 0..7 {
            view = zoom_about(view, offset, levels_for_scroll(40.0), MIN_ZOOM, 14.0);
        }
        assert!((view.zoom - 10.0).abs() < 1e-9);
        for _ in 0..7 {
            view = zoom_about(view, offset, levels_for_scroll(-40.0), MIN_ZOOM, 14.0);
        }
        assert!((view.zoom - VIEW.zoom).abs() < 1e-9);
        assert!((view.lon - VIEW.lon).abs() < 1e-9 && (view.lat - VIEW.lat).abs() < 1e-9);
    }

    #[test]
    fn the_place_under_the_pointer_stays_under_it() {
        let offset = egui::vec2(-120.0, 60.0);
        let under = |view: GeoView| {
            let (x, y) = project(view.lon, view.lat, view.zoom);
            unproject(x - 120.0, y + 60.0, view.zoom)
        };
        let zoomed = zoom_about(VIEW, offset, 1.7, MIN_ZOOM, 14.0);
        let (a, b) = (under(VIEW), under(zoomed));
        assert!((a.0 - b.0).abs() < 1e-9 && (a.1 - b.1).abs() < 1e-9);
        assert!((zoomed.zoom - 8.2).abs() < 1e-9);
    }

    #[test]
    fn the_zoom_stops_at_the_limits() {
        let deep = zoom_about(VIEW, egui::Vec2::ZERO, 30.0, MIN_ZOOM, 14.0);
        assert_eq!(deep.zoom, 14.0);
        let wide = zoom_about(VIEW, egui::Vec2::ZERO, -30.0, MIN_ZOOM, 14.0);
        assert_eq!(wide.zoom, MIN_ZOOM);
    }
}
