//! A database layer bound to the view: asked again for the timeline's time window and the map's
//! area once the view has stayed still for a moment, so scrubbing and panning do not send a
//! query a frame; a query still running for a view left behind is cancelled.

use super::DeployApp;
use crate::data_layers::{LoadJob, LoadPurpose};
use crate::io::{DatabaseQuery, ViewBounds};
use std::time::Duration;

/// How long the view must stay the same before the layer is asked again, in seconds.
const SETTLE_SECS: f64 = 0.4;

/// The views seen and asked for.
#[derive(Clone, Copy, Debug, Default)]
pub(super) struct ViewBinding {
    /// The view last seen, and since when (egui's seconds).
    seen: Option<(ViewBounds, f64)>,
    /// The view the layer was last asked for.
    pub fetched: Option<ViewBounds>,
}

/// A longitude brought into -180..=180.
fn wrapped_lon(lon: f64) -> f64 {
    (lon + 180.0).rem_euclid(360.0) - 180.0
}

impl DeployApp {
    /// What the window shows: the timeline's time window and the map's area (Web Mercator at the
    /// map's zoom, 256 points a world at zoom 0), or `None` before the map has been drawn.
    pub fn view_bounds(&self) -> Option<ViewBounds> {
        if !self.map_rect.is_positive() || !self.map_rect.is_finite() {
            return None;
        }
        let view = self.map.view();
        let world_points = 256.0 * 2f64.powf(view.zoom);
        let half_lon = f64::from(self.map_rect.width()) * 180.0 / world_points;
        let half_y = f64::from(self.map_rect.height()) * std::f64::consts::PI / world_points;
        let mercator_y = view.lat.clamp(-85.0, 85.0).to_radians().tan().asinh();
        let lat_of = |y: f64| y.sinh().atan().to_degrees();
        let (west_deg, east_deg) = if half_lon >= 180.0 {
            (-180.0, 180.0)
        } else {
            (
                wrapped_lon(view.lon - half_lon),
                wrapped_lon(view.lon + half_lon),
            )
        };
        Some(ViewBounds {
            from_secs: self.timeline_view.start,
            to_secs: self.timeline_view.end,
            west_deg,
            south_deg: lat_of(mercator_y - half_y),
            east_deg,
            north_deg: lat_of(mercator_y + half_y),
        })
    }

    /// Asks the layer bound to the view again when the view has changed and settled.
    pub(super) fn follow_view_with_bound_layer(&mut self, ctx: &egui::Context) {
        let Some(index) = self
            .data_layers
            .iter()
            .position(|layer| layer.bound_query.is_some())
        else {
            return;
        };
        let Some(bounds) = self.view_bounds() else {
            return;
        };
        if self.view_binding.fetched == Some(bounds) {
            return;
        }
        let now = ctx.input(|input| input.time);
        let since = match self.view_binding.seen {
            Some((seen, since)) if seen == bounds => since,
            _ => {
                self.view_binding.seen = Some((bounds, now));
                // A query for a view left behind is not waited for.
                if self
                    .load_job
                    .as_ref()
                    .is_some_and(|job| job.purpose == LoadPurpose::Reload(index))
                {
                    self.cancel_load();
                }
                ctx.request_repaint_after(Duration::from_secs_f64(SETTLE_SECS));
                return;
            }
        };
        if now - since < SETTLE_SECS || self.load_job.is_some() {
            ctx.request_repaint_after(Duration::from_secs_f64(0.1));
            return;
        }
        let Some(query) = self.data_layers[index].bound_query.clone() else {
            return;
        };
        self.view_binding.fetched = Some(bounds);
        let ctx = ctx.clone();
        self.load_job = Some(LoadJob::start_database(
            DatabaseQuery {
                view: Some(bounds),
                ..query
            },
            self.read_options.clone(),
            index,
            LoadPurpose::Reload(index),
            true,
            move || ctx.request_repaint(),
        ));
    }
}
