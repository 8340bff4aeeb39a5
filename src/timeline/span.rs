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
        .clamped_to(range)
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

    /// This span kept to the data, `range`, and a small margin either side (half a day, or 1 %
    /// of the range if more), so the axis ends where the data ends: no empty months or years past
    /// the last event. A span wider than that shows just the data and its margins; a narrower
    /// one keeps its width and is moved back inside. A non-finite span is left as it is.
    pub fn clamped_to(self, range: (UnixSecs, UnixSecs)) -> Self {
        let (first, last) = range;
        if !(first.is_finite()
            && last.is_finite()
            && self.start.is_finite()
            && self.end.is_finite())
            || last < first
        {
            return self;
        }
        let margin = (DAY / 2.0).max((last - first) * 0.01);
        let (lowest, highest) = (first - margin, last + margin);
        let span = self.end - self.start;
        if span >= highest - lowest {
            return Self {
                start: lowest,
                end: highest,
            };
        }
        let start = self.start.clamp(lowest, highest - span);
        Self {
            start,
            end: start + span,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_span_wider_than_the_data_shows_just_the_data_and_its_margins() {
        let range = (10.0 * DAY, 110.0 * DAY);
        let wide = TimelineView {
            start: 0.0,
            end: 3_650.0 * DAY,
        }
        .clamped_to(range);
        // 1 % of 100 days either side.
        assert_eq!((wide.start, wide.end), (9.0 * DAY, 111.0 * DAY));
    }

    #[test]
    fn a_span_past_the_last_event_is_moved_back_and_keeps_its_width() {
        let range = (10.0 * DAY, 110.0 * DAY);
        let late = TimelineView {
            start: 100.0 * DAY,
            end: 130.0 * DAY,
        }
        .clamped_to(range);
        assert_eq!((late.start, late.end), (81.0 * DAY, 111.0 * DAY));
        let early = TimelineView {
            start: -50.0 * DAY,
            end: -20.0 * DAY,
        }
        .clamped_to(range);
        assert_eq!((early.start, early.end), (9.0 * DAY, 39.0 * DAY));
        let inside = TimelineView {
            start: 40.0 * DAY,
            end: 50.0 * DAY,
        };
        assert_eq!(inside.clamped_to(range), inside);
    }

    #[test]
    fn a_one_instant_range_gets_half_a_day_either_side() {
        let view = TimelineView {
            start: 0.0,
            end: 30.0 * DAY,
        }
        .clamped_to((5.0 * DAY, 5.0 * DAY));
        assert_eq!((view.start, view.end), (4.5 * DAY, 5.5 * DAY));
    }

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
