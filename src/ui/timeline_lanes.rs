//! Painting the timeline's lanes: event bars with their titles where they fit and movement
//! windows, packed into lanes; and the axis that maps time to x and back.

use crate::model::{Confidence, Scenario, StateKind, UnixSecs};
use crate::selection::Selection;
use crate::theme;
use crate::timeline::TimelineView;
use egui::{Align2, Color32, FontId, Pos2, Rect, Shape, Stroke, pos2, vec2};

/// Height of a movement lane, in points.
pub(super) const LANE_HEIGHT: f32 = 11.0;
/// Event lanes are taller than movement lanes: they carry the event's title where it fits.
pub(super) const EVENT_LANE_HEIGHT: f32 = 14.0;
/// Lanes of event bars.
pub(super) const EVENT_LANES: usize = 5;
/// The size of the titles written in event bars.
const BAR_TITLE_SIZE: f32 = 10.0;
/// The least room, in points, worth writing a title into.
const MIN_TITLE_ROOM: f32 = 28.0;
/// Lanes of movement windows.
pub(super) const MOVE_LANES: usize = 3;

/// Maps time to x on screen and back.
pub(super) struct Axis {
    pub(super) rect: Rect,
    pub(super) view: TimelineView,
}

impl Axis {
    pub(super) fn x(&self, t: UnixSecs) -> f32 {
        let ratio = (t - self.view.start) / (self.view.end - self.view.start);
        self.rect.left() + (ratio as f32) * self.rect.width()
    }

    pub(super) fn t(&self, x: f32) -> UnixSecs {
        let ratio = f64::from((x - self.rect.left()) / self.rect.width());
        self.view.start + ratio * (self.view.end - self.view.start)
    }
}

/// The room, in points, to the right of each span's left edge before the next span in the same
/// lane (or `right_edge`): where its title can be written. Spans with no lane get none.
fn title_room(spans: &[(f32, f32)], lanes: &[Option<usize>], right_edge: f32) -> Vec<f32> {
    spans
        .iter()
        .zip(lanes)
        .enumerate()
        .map(|(index, (&(left, _), lane))| {
            let Some(lane) = lane else {
                return 0.0;
            };
            let next_left = spans
                .iter()
                .zip(lanes)
                .enumerate()
                .filter(|&(other, (&(other_left, _), other_lane))| {
                    other != index && *other_lane == Some(*lane) && other_left > left
                })
                .map(|(_, (&(other_left, _), _))| other_left)
                .fold(right_edge, f32::min);
            (next_left - left - 3.0).max(0.0)
        })
        .collect()
}

/// Greedy lane packing: each span goes into the first lane where it fits, or is dropped.
fn pack_lanes(spans: &[(f32, f32)], lanes: usize) -> Vec<Option<usize>> {
    let mut lane_ends = vec![f32::NEG_INFINITY; lanes];
    spans
        .iter()
        .map(|&(left, right)| {
            let lane = lane_ends.iter().position(|&end| end + 2.0 <= left)?;
            lane_ends[lane] = right.max(left + 4.0);
            Some(lane)
        })
        .collect()
}

/// Paints each event as a tick at its start and a band over its uncertain span; returns hit boxes.
pub(super) fn paint_events(
    painter: &egui::Painter,
    axis: &Axis,
    scenario: &Scenario,
    top: f32,
    (selected, text_color, background): (Option<Selection>, Color32, Color32),
) -> Vec<(Rect, usize)> {
    let spans: Vec<(f32, f32)> = scenario
        .events
        .iter()
        .map(|event| {
            let (start, end) = event.dating.band_secs();
            (axis.x(start), axis.x(end))
        })
        .collect();
    let lanes = pack_lanes(&spans, EVENT_LANES);
    let rooms = title_room(&spans, &lanes, axis.rect.right());
    let mut hits = Vec::new();
    for (index, (event, lane)) in scenario.events.iter().zip(lanes).enumerate() {
        let (left, right) = spans[index];
        if right < axis.rect.left() || left > axis.rect.right() {
            continue;
        }
        let lane = lane.unwrap_or(EVENT_LANES - 1);
        let y = top + lane as f32 * EVENT_LANE_HEIGHT;
        let band = Rect::from_min_max(
            pos2(left, y + 1.0),
            pos2(right.max(left + 3.0), y + EVENT_LANE_HEIGHT - 1.0),
        );
        let color = theme::event_color(event.kind);
        let fill = if event.dating.precision.is_uncertain() {
            0.25
        } else {
            0.55
        };
        painter.rect_filled(band, 2.0, color.gamma_multiply(fill));
        let start_x = axis.x(event.dating.start_secs());
        painter.vline(start_x, band.y_range(), Stroke::new(2.0, color));
        if !event.provenance.conflicting_reports.is_empty() {
            // Sources disagree: a small mark above the band's start.
            let tip = pos2(start_x, band.top());
            painter.add(Shape::convex_polygon(
                vec![
                    tip + vec2(-3.5, -4.0),
                    tip + vec2(3.5, -4.0),
                    tip + vec2(0.0, 1.0),
                ],
                theme::CONFLICT,
                Stroke::NONE,
            ));
        }
        if event.provenance.confidence == Confidence::Low {
            painter.extend(Shape::dashed_line(
                &[band.left_top(), band.right_top()],
                Stroke::new(1.0, theme::LOW_CONFIDENCE),
                3.0,
                2.0,
            ));
        }
        if selected == Some(Selection::Event(index)) {
            painter.rect_stroke(
                band.expand(1.5),
                2.0,
                Stroke::new(2.0, theme::SELECTION),
                egui::StrokeKind::Outside,
            );
        }
        // The title, where there is room before the next bar in the lane.
        let room = rooms[index].min(axis.rect.right() - left - 3.0);
        if room >= MIN_TITLE_ROOM {
            let job = egui::text::LayoutJob {
                wrap: egui::text::TextWrapping::truncate_at_width(room),
                ..egui::text::LayoutJob::simple_singleline(
                    event.title.clone(),
                    FontId::proportional(BAR_TITLE_SIZE),
                    text_color,
                )
            };
            let galley = painter.layout_job(job);
            let at = pos2(
                left.max(axis.rect.left()) + 3.0,
                band.center().y - galley.size().y / 2.0,
            );
            // A chip of the axis's background under the title, so it reads over any bar.
            painter.rect_filled(
                Rect::from_min_size(at, galley.size()).expand2(vec2(1.5, 0.0)),
                2.0,
                background.gamma_multiply(0.8),
            );
            painter.galley(at, galley, text_color);
        }
        hits.push((band.expand2(vec2(3.0, 0.0)), index));
    }
    hits
}

/// Paints movement windows as faction-coloured bars with whiskers for the uncertain span.
/// More movement bars than this in view are not drawn one by one (a file of a million moves
/// would otherwise stall every frame); the axis says how many there are.
const MAX_MOVE_BARS: usize = 2_000;

/// Paints the movements in view as faction-coloured bars with whiskers for the uncertain span.
pub(super) fn paint_movements(
    painter: &egui::Painter,
    axis: &Axis,
    scenario: &Scenario,
    top: f32,
    has_problem: &dyn Fn(Selection) -> bool,
) {
    let (view_start, view_end) = (axis.view.start, axis.view.end);
    let mut moves: Vec<(
        std::borrow::Cow<'_, crate::model::TrackState>,
        Color32,
        bool,
    )> = Vec::new();
    let mut in_view = 0usize;
    for (force_index, force) in scenario.forces.iter().enumerate() {
        let problem = has_problem(Selection::Force(force_index));
        let color = theme::faction_color(scenario, &force.faction);
        let first = force.track.index_at(view_start).unwrap_or(0);
        let past_last = force.track.index_at(view_end).map_or(0, |last| last + 1);
        if moves.len() >= MAX_MOVE_BARS {
            // Enough bars: the rest are only counted, states of data files are not made.
            in_view += past_last.saturating_sub(first);
            continue;
        }
        for state in (first..past_last).filter_map(|index| force.track.get(index)) {
            let (band_start, band_end) = state.dating.band_secs();
            if !matches!(state.kind, StateKind::Moving { .. })
                || band_end < view_start
                || band_start > view_end
            {
                continue;
            }
            in_view += 1;
            if moves.len() < MAX_MOVE_BARS {
                moves.push((state, color, problem));
            }
        }
    }
    if in_view > MAX_MOVE_BARS {
        painter.text(
            pos2(axis.rect.left() + 4.0, top + LANE_HEIGHT),
            Align2::LEFT_CENTER,
            format!("{in_view} movements in view; zoom in to see them one by one"),
            FontId::proportional(11.0),
            Color32::GRAY,
        );
        return;
    }
    let spans: Vec<(f32, f32)> = moves
        .iter()
        .map(|(state, _, _)| {
            let (start, end) = state.dating.band_secs();
            (axis.x(start), axis.x(end))
        })
        .collect();
    for ((state, color, problem), lane) in moves.iter().zip(pack_lanes(&spans, MOVE_LANES)) {
        let y = top + lane.unwrap_or(MOVE_LANES - 1) as f32 * LANE_HEIGHT + LANE_HEIGHT / 2.0;
        let (band_start, band_end) = state.dating.band_secs();
        painter.hline(
            axis.x(band_start)..=axis.x(band_end),
            y,
            Stroke::new(1.0, *color),
        );
        let start_x = axis.x(state.dating.start_secs());
        let bar = Rect::from_min_max(
            Pos2::new(start_x, y - 3.5),
            Pos2::new(axis.x(state.dating.end_secs()).max(start_x + 3.0), y + 3.5),
        );
        painter.rect_filled(bar, 1.5, *color);
        if *problem {
            paint_problem_outline(painter, bar);
        }
    }
}

/// Marks a bar whose item has a problem (edit mode's checks): a red outline.
pub(super) fn paint_problem_outline(painter: &egui::Painter, bar: Rect) {
    painter.rect_stroke(
        bar.expand(1.0),
        2.0,
        Stroke::new(1.5, PROBLEM_COLOR),
        egui::StrokeKind::Outside,
    );
}

/// The outline of bars with problems.
const PROBLEM_COLOR: Color32 = Color32::from_rgb(0xd0, 0x20, 0x20);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_title_gets_the_room_up_to_the_next_bar_in_its_lane() {
        let spans = [(0.0, 10.0), (5.0, 15.0), (40.0, 50.0), (100.0, 101.0)];
        let lanes = pack_lanes(&spans, 2);
        assert_eq!(lanes, vec![Some(0), Some(1), Some(0), Some(0)]);
        let rooms = title_room(&spans, &lanes, 300.0);
        // Lane 0: the next bar starts at 40, then at 100, then the edge at 300.
        assert_eq!(rooms, vec![37.0, 292.0, 57.0, 197.0]);
        assert_eq!(title_room(&[(0.0, 1.0)], &[None], 300.0), vec![0.0]);
    }

    #[test]
    fn overlapping_spans_go_to_separate_lanes_and_overflow_is_dropped() {
        let lanes = pack_lanes(&[(0.0, 10.0), (5.0, 15.0), (20.0, 30.0), (6.0, 9.0)], 2);
        assert_eq!(lanes, vec![Some(0), Some(1), Some(0), None]);
    }
}
