//! The span of time the timeline's axis shows, zoomed and panned by the user (pure).

use crate::model::UnixSecs;

const DAY: f64 = 86_400.0;

/// The span of time the axis shows (zoomed and panned by the user).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct TimelineView {
    /// Left edge.
    pub start: UnixSecs,
    /// Right edge.
    pub end: UnixSecs,
}

impl TimelineView {
    /// Three weeks before `cursor` to six weeks after, within `range` where it allows.
    pub fn around(cursor: UnixSecs, range: (UnixSecs, UnixSecs)) -> Self {
        let span = (63.0 * DAY).min((range.1 - range.0).max(DAY) + 4.0 * DAY);
        let start = (cursor - span / 3.0).max(range.0 - 2.0 * DAY);
        Self {
            start,
            end: start + span,
        }
    }

    /// Pans so that `t` is inside the view.
    pub fn keep_visible(&mut self, t: UnixSecs) {
        let span = self.end - self.start;
        if t < self.start || t > self.end {
            self.start = t - span * 0.2;
            self.end = self.start + span;
        }
    }

    /// Zooms by `factor` (2 shows half the time) keeping `t` where it is on the axis.
    pub fn zoom_around(&mut self, t: UnixSecs, factor: f64) {
        let span = ((self.end - self.start) / factor).clamp(6.0 * 3_600.0, 20.0 * 365.0 * DAY);
        let ratio = (t - self.start) / (self.end - self.start);
        self.start = t - ratio * span;
        self.end = self.start + span;
    }

    /// Moves the span `secs` later (earlier when negative).
    pub fn pan_by(&mut self, secs: f64) {
        self.start += secs;
        self.end += secs;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn zooming_keeps_the_time_under_the_pointer() {
        let mut view = TimelineView {
            start: 0.0,
            end: 100.0 * DAY,
        };
        view.zoom_around(25.0 * DAY, 2.0);
        assert!((view.end - view.start - 50.0 * DAY).abs() < 1e-6);
        let ratio = (25.0 * DAY - view.start) / (view.end - view.start);
        assert!((ratio - 0.25).abs() < 1e-9);
    }
}
