//! Whether the basemap covers what the map shows: the decision behind the small notice on the
//! map when the view leaves the archive's bounds, or (on the built-in basemap) its detailed
//! areas at a zoom where the coarse world tiles no longer tell much.

use super::zoom::{project, unproject};
use crate::model::GeoView;

/// Where a basemap has tiles. Boxes are `[west, south, east, north]` in degrees.
#[derive(Clone, Debug, PartialEq)]
pub struct Coverage {
    /// The area the archive's header says its tiles cover.
    pub bounds: [f64; 4],
    /// Areas with tiles deeper than the rest (the built-in basemap's Levant and Moscow); empty
    /// when the archive is as deep everywhere.
    pub detail_bounds: Vec<[f64; 4]>,
    /// The deepest zoom outside the detail areas.
    pub world_max_zoom: f64,
}

/// `[west, south, east, north]` of what a map of `size_points` looking at `view` shows.
pub fn view_bounds(view: GeoView, size_points: egui::Vec2) -> [f64; 4] {
    let (cx, cy) = project(view.lon, view.lat, view.zoom);
    let (half_w, half_h) = (
        f64::from(size_points.x) / 2.0,
        f64::from(size_points.y) / 2.0,
    );
    let (west, north) = unproject(cx - half_w, cy - half_h, view.zoom);
    let (east, south) = unproject(cx + half_w, cy + half_h, view.zoom);
    [west, south, east, north]
}

fn overlap(a: [f64; 4], b: [f64; 4]) -> [f64; 4] {
    [
        a[0].max(b[0]),
        a[1].max(b[1]),
        a[2].min(b[2]),
        a[3].min(b[3]),
    ]
}

fn area(bounds: [f64; 4]) -> f64 {
    (bounds[2] - bounds[0]).max(0.0) * (bounds[3] - bounds[1]).max(0.0)
}

/// The share (0–1) of `view` inside `bounds`, in degrees² (good enough to decide a notice).
fn share_inside(view: [f64; 4], bounds: [f64; 4]) -> f64 {
    let whole = area(view);
    if whole <= 0.0 {
        return 1.0;
    }
    area(overlap(view, bounds)) / whole
}

/// What the map should say about the basemap's coverage of `view`, or `None` when the basemap
/// covers it. Less than half the view inside the archive's bounds: the view is beyond the
/// basemap. Deeper than the world tiles go (two levels of over-zoom allowed) and with no detail
/// area in view: only coarse data is drawn here.
pub fn coverage_notice(
    coverage: &Coverage,
    view: GeoView,
    size_points: egui::Vec2,
) -> Option<String> {
    let shown = view_bounds(view, size_points);
    let inside = share_inside(shown, coverage.bounds);
    let [w, s, e, n] = coverage.bounds;
    if inside <= 0.0 {
        return Some(format!(
            "No basemap here: it covers {w:.1}° to {e:.1}° E, {s:.1}° to {n:.1}° N"
        ));
    }
    if inside < 0.5 {
        return Some(format!(
            "Most of this view is beyond the basemap ({w:.1}° to {e:.1}° E, {s:.1}° to {n:.1}° N)"
        ));
    }
    let beyond_world_tiles = view.zoom > coverage.world_max_zoom + 2.0;
    let detail_in_view = coverage
        .detail_bounds
        .iter()
        .any(|&detail| share_inside(shown, detail) > 0.0);
    if beyond_world_tiles && !coverage.detail_bounds.is_empty() && !detail_in_view {
        return Some(
            "Outside the basemap's detailed areas: only coarse world data is drawn here"
                .to_string(),
        );
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Like the built-in basemap: the world, detailed over the Levant and Moscow.
    fn built_in_like() -> Coverage {
        Coverage {
            bounds: [-180.0, -85.0, 180.0, 85.0],
            detail_bounds: vec![[25.0, 28.0, 50.0, 45.0], [35.0, 53.0, 40.0, 58.0]],
            world_max_zoom: 6.0,
        }
    }

    const SIZE: egui::Vec2 = egui::vec2(1000.0, 600.0);

    fn at(lon: f64, lat: f64, zoom: f64) -> GeoView {
        GeoView { lon, lat, zoom }
    }

    #[test]
    fn the_view_bounds_hold_the_centre_and_shrink_as_the_zoom_grows() {
        let [w, s, e, n] = view_bounds(at(38.0, 35.0, 6.0), SIZE);
        assert!(w < 38.0 && e > 38.0 && s < 35.0 && n > 35.0);
        let [w2, _, e2, _] = view_bounds(at(38.0, 35.0, 7.0), SIZE);
        assert!(((e2 - w2) * 2.0 - (e - w)).abs() < 1e-6);
    }

    #[test]
    fn syria_at_any_zoom_and_the_world_at_a_low_zoom_need_no_notice() {
        let coverage = built_in_like();
        assert_eq!(coverage_notice(&coverage, at(38.0, 35.0, 6.5), SIZE), None);
        assert_eq!(coverage_notice(&coverage, at(38.0, 35.0, 13.0), SIZE), None);
        assert_eq!(coverage_notice(&coverage, at(-40.0, 20.0, 5.0), SIZE), None);
    }

    #[test]
    fn deep_in_the_atlantic_the_built_in_map_says_it_is_coarse_there() {
        let notice = coverage_notice(&built_in_like(), at(-40.0, 20.0, 10.0), SIZE);
        assert!(notice.is_some_and(|text| text.contains("coarse")));
    }

    #[test]
    fn a_regional_archive_says_when_the_view_leaves_it() {
        let coverage = Coverage {
            bounds: [35.5, 32.0, 42.5, 37.5],
            detail_bounds: Vec::new(),
            world_max_zoom: 14.0,
        };
        assert_eq!(coverage_notice(&coverage, at(38.5, 35.0, 8.0), SIZE), None);
        let half_out = coverage_notice(&coverage, at(43.5, 35.0, 8.0), SIZE);
        assert!(half_out.is_some_and(|text| text.contains("Most of this view")));
        let away = coverage_notice(&coverage, at(2.35, 48.85, 8.0), SIZE);
        assert!(away.is_some_and(|text| text.starts_with("No basemap here")));
    }
}
