//! The camera's flight between two map views: van Wijk and Nuij's "smooth and efficient zooming
//! and panning" (2003), the path d3's `interpolateZoom` and Mapbox's `flyTo` take. It zooms out
//! on a long flight so that both ends stay in sight, and simply pans on a short one.
//!
//! Pure: positions are Web Mercator world coordinates (the world is the unit square, x east,
//! y south) and the flight is sampled by a fraction of its duration, not by a clock.

use crate::model::GeoView;

/// How much the path prefers zooming out to panning (van Wijk and Nuij's ρ; Mapbox uses 1.42,
/// d3 √2).
pub const RHO: f64 = 1.42;

/// The flight's speed in van Wijk and Nuij's path length per second: about 1.2 screen widths per
/// second, as Mapbox's `flyTo` flies by default.
pub const SPEED_PER_SEC: f64 = 1.2;

/// The shortest flight, in seconds, so that even a tiny move is seen as a move.
pub const MIN_DURATION_SECS: f64 = 0.4;

/// Web Mercator tile size in points at zoom 0, as walkers uses.
const WORLD_POINTS_AT_ZOOM_0: f64 = 256.0;

/// The latitude limit of Web Mercator, degrees.
pub const MAX_LATITUDE_DEG: f64 = 85.051_128_779_806_6;

/// A view in van Wijk and Nuij's terms: the centre in world coordinates and the width of the
/// screen in world units.
#[derive(Clone, Copy, Debug, PartialEq)]
struct WorldView {
    center_x: f64,
    center_y: f64,
    width_world: f64,
}

/// A flight from one view to another for a screen `screen_width_points` wide.
#[derive(Clone, Debug, PartialEq)]
pub struct Flight {
    from: GeoView,
    to: GeoView,
    start: WorldView,
    end: WorldView,
    screen_width_points: f64,
    /// The path's length in van Wijk and Nuij's measure (screen widths, roughly).
    path_length: f64,
    /// Precomputed terms of the path; `None` when both ends have the same centre (pure zoom).
    curve: Option<Curve>,
}

#[derive(Clone, Copy, Debug, PartialEq)]
struct Curve {
    distance_world: f64,
    r0: f64,
}

/// The world coordinates (0..1, y south) of a longitude and latitude in degrees.
pub fn lon_lat_to_world(lon_deg: f64, lat_deg: f64) -> (f64, f64) {
    let lat_rad = lat_deg
        .clamp(-MAX_LATITUDE_DEG, MAX_LATITUDE_DEG)
        .to_radians();
    let x = (lon_deg + 180.0) / 360.0;
    let y = (1.0 - (lat_rad.tan() + 1.0 / lat_rad.cos()).ln() / std::f64::consts::PI) / 2.0;
    (x, y)
}

/// The longitude and latitude in degrees of world coordinates (0..1, y south).
pub fn world_to_lon_lat(x: f64, y: f64) -> (f64, f64) {
    let lon_deg = x * 360.0 - 180.0;
    let lat_deg = (std::f64::consts::PI * (1.0 - 2.0 * y))
        .sinh()
        .atan()
        .to_degrees();
    (lon_deg, lat_deg)
}

impl WorldView {
    fn of(view: GeoView, screen_width_points: f64) -> Self {
        let (center_x, center_y) = lon_lat_to_world(view.lon, view.lat);
        Self {
            center_x,
            center_y,
            width_world: screen_width_points / (WORLD_POINTS_AT_ZOOM_0 * view.zoom.exp2()),
        }
    }

    fn to_geo(self, screen_width_points: f64) -> GeoView {
        let (lon, lat) = world_to_lon_lat(self.center_x, self.center_y);
        GeoView {
            lon,
            lat,
            zoom: (screen_width_points / (WORLD_POINTS_AT_ZOOM_0 * self.width_world)).log2(),
        }
    }
}

impl Flight {
    /// The flight from `from` to `to` seen on a screen `screen_width_points` wide (the path
    /// depends on how much of the world the screen shows).
    pub fn new(from: GeoView, to: GeoView, screen_width_points: f64) -> Self {
        let screen_width_points = if screen_width_points.is_finite() && screen_width_points > 1.0 {
            screen_width_points
        } else {
            1.0
        };
        let start = WorldView::of(from, screen_width_points);
        let end = WorldView::of(to, screen_width_points);
        let dx = end.center_x - start.center_x;
        let dy = end.center_y - start.center_y;
        let distance_squared = dx * dx + dy * dy;
        let (w0, w1) = (start.width_world, end.width_world);
        let rho2 = RHO * RHO;
        let rho4 = rho2 * rho2;
        let (path_length, curve) = if distance_squared < 1e-24 {
            ((w1 / w0).ln().abs() / RHO, None)
        } else {
            let d1 = distance_squared.sqrt();
            let b0 = (w1 * w1 - w0 * w0 + rho4 * distance_squared) / (2.0 * w0 * rho2 * d1);
            let b1 = (w1 * w1 - w0 * w0 - rho4 * distance_squared) / (2.0 * w1 * rho2 * d1);
            let r0 = ((b0 * b0 + 1.0).sqrt() - b0).ln();
            let r1 = ((b1 * b1 + 1.0).sqrt() - b1).ln();
            (
                (r1 - r0) / RHO,
                Some(Curve {
                    distance_world: d1,
                    r0,
                }),
            )
        };
        Self {
            from,
            to,
            start,
            end,
            screen_width_points,
            path_length: if path_length.is_finite() {
                path_length
            } else {
                0.0
            },
            curve,
        }
    }

    /// The path's length in van Wijk and Nuij's measure: grows with the distance flown and the
    /// change of zoom.
    pub fn path_length(&self) -> f64 {
        self.path_length
    }

    /// How long the flight takes, in wall-clock seconds: proportional to the path's length, and
    /// at least [`MIN_DURATION_SECS`] (zero when the two views are the same).
    pub fn duration_secs(&self) -> f64 {
        if self.from == self.to {
            0.0
        } else {
            (self.path_length / SPEED_PER_SEC).max(MIN_DURATION_SECS)
        }
    }

    /// The view at `fraction` (0 = start, 1 = end; clamped) of the flight. Ends exactly at the
    /// two views.
    pub fn view_at(&self, fraction: f64) -> GeoView {
        let fraction = if fraction.is_nan() {
            1.0
        } else {
            fraction.clamp(0.0, 1.0)
        };
        if fraction <= 0.0 {
            return self.from;
        }
        if fraction >= 1.0 {
            return self.to;
        }
        let (w0, s) = (self.start.width_world, fraction * self.path_length);
        let dx = self.end.center_x - self.start.center_x;
        let dy = self.end.center_y - self.start.center_y;
        let world = match self.curve {
            None => WorldView {
                center_x: self.start.center_x + fraction * dx,
                center_y: self.start.center_y + fraction * dy,
                width_world: w0 * (self.end.width_world / w0).powf(fraction),
            },
            Some(Curve { distance_world, r0 }) => {
                let along = w0 / (RHO * RHO * distance_world)
                    * (r0.cosh() * (RHO * s + r0).tanh() - r0.sinh());
                WorldView {
                    center_x: self.start.center_x + along * dx,
                    center_y: self.start.center_y + along * dy,
                    width_world: w0 * r0.cosh() / (RHO * s + r0).cosh(),
                }
            }
        };
        world.to_geo(self.screen_width_points)
    }

    /// The view `elapsed_secs` after the flight began.
    pub fn view_after(&self, elapsed_secs: f64) -> GeoView {
        let duration_secs = self.duration_secs();
        if duration_secs <= 0.0 {
            return self.to;
        }
        self.view_at(ease_in_out(elapsed_secs / duration_secs))
    }

    /// Whether the flight is over `elapsed_secs` after it began.
    pub fn is_done(&self, elapsed_secs: f64) -> bool {
        elapsed_secs >= self.duration_secs()
    }

    /// Where the flight ends.
    pub fn destination(&self) -> GeoView {
        self.to
    }
}

/// A gentle start and stop (cubic in and out), as d3's transitions and Mapbox's flights use.
fn ease_in_out(fraction: f64) -> f64 {
    let t = fraction.clamp(0.0, 1.0);
    if t < 0.5 {
        4.0 * t * t * t
    } else {
        1.0 - (-2.0 * t + 2.0).powi(3) / 2.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SCREEN_POINTS: f64 = 1000.0;

    fn view(lon: f64, lat: f64, zoom: f64) -> GeoView {
        GeoView { lon, lat, zoom }
    }

    fn lowest_zoom(flight: &Flight) -> f64 {
        (0..=100)
            .map(|i| flight.view_at(f64::from(i) / 100.0).zoom)
            .fold(f64::INFINITY, f64::min)
    }

    #[test]
    fn starts_and_ends_exactly_at_the_two_views() {
        let from = view(35.9, 35.4, 8.0);
        let to = view(41.2, 37.0, 9.0);
        let flight = Flight::new(from, to, SCREEN_POINTS);
        assert_eq!(flight.view_at(0.0), from);
        assert_eq!(flight.view_at(1.0), to);
        assert_eq!(flight.view_after(0.0), from);
        assert_eq!(flight.view_after(flight.duration_secs()), to);
        // The formula itself arrives where it should just before the end.
        let almost = flight.view_at(0.999_999);
        assert!((almost.lon - to.lon).abs() < 1e-3, "{almost:?}");
        assert!((almost.lat - to.lat).abs() < 1e-3, "{almost:?}");
        assert!((almost.zoom - to.zoom).abs() < 1e-3, "{almost:?}");
        let barely = flight.view_at(0.000_001);
        assert!((barely.lon - from.lon).abs() < 1e-3, "{barely:?}");
        assert!((barely.zoom - from.zoom).abs() < 1e-3, "{barely:?}");
    }

    #[test]
    fn the_zoom_dips_on_a_long_flight_and_not_on_a_short_one() {
        // Hmeimim to al-Tanf, about 400 km at zoom 9: both ends are not in one screen, so the
        // camera pulls out on the way.
        let long = Flight::new(
            view(35.95, 35.41, 9.0),
            view(38.7, 33.5, 9.0),
            SCREEN_POINTS,
        );
        assert!(
            lowest_zoom(&long) < 9.0 - 0.5,
            "lowest zoom {}",
            lowest_zoom(&long)
        );
        // A few kilometres across Qamishli: no dip below the lower of the two zooms.
        let short = Flight::new(
            view(41.22, 37.05, 9.0),
            view(41.25, 37.03, 9.0),
            SCREEN_POINTS,
        );
        assert!(
            lowest_zoom(&short) > 9.0 - 0.01,
            "lowest zoom {}",
            lowest_zoom(&short)
        );
    }

    #[test]
    fn the_duration_grows_with_the_distance() {
        let from = view(36.0, 35.0, 9.0);
        let durations: Vec<f64> = [1.0, 3.0, 6.0, 10.0]
            .into_iter()
            .map(|east_deg| {
                Flight::new(from, view(36.0 + east_deg, 35.0, 9.0), SCREEN_POINTS).duration_secs()
            })
            .collect();
        for pair in durations.windows(2) {
            assert!(pair[1] > pair[0], "{durations:?}");
        }
        assert_eq!(Flight::new(from, from, SCREEN_POINTS).duration_secs(), 0.0);
    }

    #[test]
    fn the_middle_of_a_flight_is_between_its_ends() {
        let from = view(35.95, 35.41, 8.0);
        let to = view(41.2, 37.0, 8.5);
        let middle = Flight::new(from, to, SCREEN_POINTS).view_at(0.5);
        assert!(middle.lon > from.lon && middle.lon < to.lon, "{middle:?}");
        assert!(middle.lat > from.lat && middle.lat < to.lat, "{middle:?}");
    }

    #[test]
    fn a_pure_zoom_keeps_the_centre() {
        let from = view(38.0, 35.0, 6.0);
        let to = view(38.0, 35.0, 9.0);
        let flight = Flight::new(from, to, SCREEN_POINTS);
        let middle = flight.view_at(0.5);
        assert!((middle.lon - 38.0).abs() < 1e-9 && (middle.lat - 35.0).abs() < 1e-9);
        assert!((middle.zoom - 7.5).abs() < 1e-9, "{middle:?}");
        assert!(flight.duration_secs() > MIN_DURATION_SECS);
    }

    #[test]
    fn world_coordinates_round_trip() {
        let (x, y) = lon_lat_to_world(38.6, 35.3);
        let (lon, lat) = world_to_lon_lat(x, y);
        assert!((lon - 38.6).abs() < 1e-9 && (lat - 35.3).abs() < 1e-9);
        assert_eq!(lon_lat_to_world(0.0, 0.0), (0.5, 0.5));
    }
}
