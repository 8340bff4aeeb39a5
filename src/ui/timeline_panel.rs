//! The bottom panel: playback controls and the zoomable time axis with events, date bands,
//! movement windows and the draggable cursor.

use crate::model::{Confidence, DisplayZone};
use crate::model::{Scenario, StateAt, StateKind, UnixSecs, timestamp_from_unix_secs};
use crate::selection::Selection;
use crate::theme;
use crate::timeline::{
    GO_TO_EXAMPLES, LoopMode, Playback, PlaybackCommand, SPEED_CHOICES, TimelineView, parse_go_to,
    ticks,
};
use crate::ui::command::AppCommand;
use egui::{Align2, Color32, FontId, Pos2, Rect, Sense, Shape, Stroke, Ui, pos2, vec2};

const LANE_HEIGHT: f32 = 11.0;
const EVENT_LANES: usize = 5;
const MOVE_LANES: usize = 3;
const AXIS_HEIGHT: f32 = 18.0;

/// Maps time to x on screen and back.
struct Axis {
    rect: Rect,
    view: TimelineView,
}

impl Axis {
    fn x(&self, t: UnixSecs) -> f32 {
        let ratio = (t - self.view.start) / (self.view.end - self.view.start);
        self.rect.left() + (ratio as f32) * self.rect.width()
    }

    fn t(&self, x: f32) -> UnixSecs {
        let ratio = f64::from((x - self.rect.left()) / self.rect.width());
        self.view.start + ratio * (self.view.end - self.view.start)
    }
}

/// What the timeline panel shows.
#[derive(Clone, Copy)]
pub struct TimelinePanelView<'a> {
    /// The scenario whose events and movements are drawn.
    pub scenario: &'a Scenario,
    /// The state at the current time; its instant is the cursor.
    pub state: &'a StateAt,
    /// Playing or not, the speed and the loop mode.
    pub playback: &'a Playback,
    /// What is selected.
    pub selected: Option<Selection>,
    /// The span of time the axis shows.
    pub span: TimelineView,
    /// Whether times are shown in UTC or in the scenario's local time.
    pub display_zone: DisplayZone,
    /// Problems found while editing, each with the item it concerns: their bars are outlined.
    pub problems: &'a [(Option<Selection>, String)],
}

impl TimelinePanelView<'_> {
    /// The zone the clock and the ticks are written in.
    fn zone(&self) -> jiff::tz::TimeZone {
        self.display_zone.resolve(&self.scenario.meta.time_zone)
    }
}

/// The bottom panel.
pub fn timeline_panel_ui(
    ui: &mut Ui,
    view: &TimelinePanelView<'_>,
    commands: &mut Vec<AppCommand>,
) {
    egui::Panel::bottom("timeline")
        .resizable(false)
        .show(ui, |ui| {
            ui.add_space(4.0);
            controls_ui(ui, view, commands);
            ui.add_space(2.0);
            axis_ui(ui, view, commands);
            ui.add_space(4.0);
        });
}

fn controls_ui(ui: &mut Ui, view: &TimelinePanelView<'_>, commands: &mut Vec<AppCommand>) {
    let playback = view.playback;
    ui.horizontal(|ui| {
        let mut button = |ui: &mut Ui, text: &str, hint: &str, command: PlaybackCommand| {
            if ui.button(text).on_hover_text(hint).clicked() {
                commands.push(AppCommand::Playback(command));
            }
        };
        button(ui, "|◀", "Start (Home)", PlaybackCommand::Home);
        button(
            ui,
            "◀ Event",
            "Previous event (←)",
            PlaybackCommand::PreviousEvent,
        );
        let play_text = if playback.playing {
            "Pause"
        } else {
            "Play ▶"
        };
        button(
            ui,
            play_text,
            "Play or pause (Space)",
            PlaybackCommand::TogglePlay,
        );
        button(ui, "Event ▶", "Next event (→)", PlaybackCommand::NextEvent);
        button(ui, "▶|", "End (End)", PlaybackCommand::End);
        ui.separator();
        let current = SPEED_CHOICES
            .iter()
            .find(|(speed, _)| *speed == playback.speed_secs_per_sec)
            .map_or("custom", |(_, label)| label);
        egui::ComboBox::from_id_salt("speed")
            .selected_text(current)
            .show_ui(ui, |ui| {
                for (speed, label) in SPEED_CHOICES {
                    if ui
                        .selectable_label(playback.speed_secs_per_sec == speed, label)
                        .clicked()
                    {
                        commands.push(AppCommand::Playback(PlaybackCommand::SetSpeed(speed)));
                    }
                }
            })
            .response
            .on_hover_text("Story time per second of playback");
        let mut looping = playback.loop_mode == LoopMode::All;
        if ui.checkbox(&mut looping, "Loop").changed() {
            let mode = if looping {
                LoopMode::All
            } else {
                LoopMode::Off
            };
            commands.push(AppCommand::Playback(PlaybackCommand::SetLoop(mode)));
        }
        ui.separator();
        ui.label(
            egui::RichText::new(clock_text(view.state.t, &view.zone()))
                .monospace()
                .strong(),
        )
        .on_hover_text("The story time, in the zone chosen beside it.");
        zone_switch_ui(ui, view, commands);
        ui.separator();
        goto_ui(ui, view.state.t, &view.zone(), commands);
    });
}

/// What the user typed into the "Go to" box, why it is not a time or how it was read; kept in
/// egui's memory, as it is the box's own state.
#[derive(Clone, Debug, Default)]
struct GotoBox {
    text: String,
    error: Option<String>,
    note: Option<String>,
}

/// The "Go to" box. A time typed without an offset is in the zone the clock shows. On an error
/// it keeps the keyboard, so digits typed next do not jump to story moments, and says what it
/// understands.
fn goto_ui(
    ui: &mut Ui,
    cursor: UnixSecs,
    zone: &jiff::tz::TimeZone,
    commands: &mut Vec<AppCommand>,
) {
    let id = ui.scope_id().with("goto");
    let mut goto: GotoBox = ui.data_mut(|data| data.get_temp(id)).unwrap_or_default();
    ui.label("Go to");
    let edit = ui
        .add(
            egui::TextEdit::singleline(&mut goto.text)
                .hint_text("25 Jan 2026")
                .desired_width(150.0),
        )
        .on_hover_text(format!("For example {GO_TO_EXAMPLES}, in the clock's zone"));
    let submitted = edit.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
    if ui.button("Go").clicked() || submitted {
        match parse_go_to(&goto.text, cursor, zone) {
            Ok(go_to) => {
                goto.error = None;
                goto.note = go_to.note;
                commands.push(AppCommand::Playback(PlaybackCommand::SetTime(go_to.t)));
            }
            Err(message) => {
                goto.error = Some(message);
                goto.note = None;
                edit.request_focus();
            }
        }
    }
    if goto.error.is_some() {
        ui.colored_label(
            ui.visuals().error_fg_color,
            format!("not understood; try {GO_TO_EXAMPLES}"),
        );
    } else if let Some(note) = &goto.note {
        ui.weak(note.as_str());
    }
    ui.data_mut(|data| data.insert_temp(id, goto));
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

fn axis_ui(ui: &mut Ui, view: &TimelinePanelView<'_>, commands: &mut Vec<AppCommand>) {
    let height = AXIS_HEIGHT + (EVENT_LANES + MOVE_LANES) as f32 * LANE_HEIGHT + 10.0;
    let (rect, response) =
        ui.allocate_exact_size(vec2(ui.available_width(), height), Sense::click_and_drag());
    // The zoomed or panned span is drawn at once and kept by the app from the next frame.
    let mut span = view.span;
    handle_zoom_and_pan(ui, &response, rect, &mut span);
    if span != view.span {
        commands.push(AppCommand::SetTimelineView(span));
    }
    let axis = Axis { rect, view: span };
    let painter = ui.painter_at(rect);
    painter.rect_filled(rect, 2.0, ui.visuals().extreme_bg_color);
    paint_ticks(
        &painter,
        &axis,
        ui.visuals().weak_text_color(),
        &view.zone(),
    );

    let lanes_top = rect.top() + AXIS_HEIGHT;
    let has_problem = |item: Selection| view.problems.iter().any(|(about, _)| *about == Some(item));
    let event_hits = paint_events(&painter, &axis, view.scenario, lanes_top, view.selected);
    for (band, index) in &event_hits {
        if has_problem(Selection::Event(*index)) {
            paint_problem_outline(&painter, band.shrink2(vec2(3.0, 0.0)));
        }
    }
    paint_movements(
        &painter,
        &axis,
        view.scenario,
        lanes_top + EVENT_LANES as f32 * LANE_HEIGHT + 4.0,
        &has_problem,
    );

    let hovered_event = response.hover_pos().and_then(|pos| {
        event_hits
            .iter()
            .find(|(hit, _)| hit.contains(pos))
            .map(|&(_, i)| i)
    });
    if response.clicked()
        && let Some(index) = hovered_event
    {
        commands.push(AppCommand::FocusEvent(index));
    } else if (response.clicked() || response.dragged_by(egui::PointerButton::Primary))
        && let Some(pos) = response.interact_pointer_pos()
    {
        commands.push(AppCommand::Playback(PlaybackCommand::Pause));
        commands.push(AppCommand::Playback(PlaybackCommand::SetTime(
            axis.t(pos.x),
        )));
    }
    if let Some(index) = hovered_event
        && let Some(event) = view.scenario.events.get(index)
    {
        response.clone().on_hover_ui_at_pointer(|ui| {
            ui.strong(&event.title);
            ui.label(event.dating.describe_in(&view.zone()));
            if !event.provenance.conflicting_reports.is_empty() {
                ui.colored_label(theme::CONFLICT, "Sources disagree");
            }
            ui.weak("Click to go there");
        });
    }

    let cursor_x = axis.x(view.state.t);
    painter.vline(cursor_x, rect.y_range(), Stroke::new(2.0, theme::CURSOR));
    painter.add(Shape::convex_polygon(
        vec![
            pos2(cursor_x - 6.0, rect.top()),
            pos2(cursor_x + 6.0, rect.top()),
            pos2(cursor_x, rect.top() + 8.0),
        ],
        theme::CURSOR,
        Stroke::NONE,
    ));
    response.on_hover_text_at_pointer(
        "Drag to scrub · Ctrl+wheel to zoom · wheel or right-drag to pan",
    );
}

fn handle_zoom_and_pan(ui: &Ui, response: &egui::Response, rect: Rect, view: &mut TimelineView) {
    if response.dragged_by(egui::PointerButton::Secondary)
        || response.dragged_by(egui::PointerButton::Middle)
    {
        let secs_per_point = (view.end - view.start) / f64::from(rect.width());
        view.pan_by(-f64::from(response.drag_delta().x) * secs_per_point);
    }
    if !response.hovered() {
        return;
    }
    let (zoom, scroll, pointer) =
        ui.input(|i| (i.zoom_delta(), i.smooth_scroll_delta, i.pointer.hover_pos()));
    if zoom != 1.0 {
        let axis = Axis { rect, view: *view };
        let anchor = pointer.map_or((view.start + view.end) / 2.0, |p| axis.t(p.x));
        view.zoom_around(anchor, f64::from(zoom));
    } else {
        let delta = if scroll.x != 0.0 { scroll.x } else { scroll.y };
        if delta != 0.0 {
            let secs_per_point = (view.end - view.start) / f64::from(rect.width());
            view.pan_by(-f64::from(delta) * secs_per_point);
        }
    }
}

/// The clock: "Tue 20 Jan 2026  15:00 UTC+03" (or "... UTC").
pub fn clock_text(t: UnixSecs, zone: &jiff::tz::TimeZone) -> String {
    let zoned = timestamp_from_unix_secs(t).to_zoned_datetime(zone.clone());
    let offset = zoned.offset();
    let zone_text = if offset.seconds() == 0 && zone.iana_name().is_none_or(|n| n == "UTC") {
        "UTC".to_string()
    } else {
        format!("UTC{offset}")
    };
    format!("{}  {zone_text}", zoned.strftime("%a %d %b %Y  %H:%M"))
}

/// UTC or the scenario's local time, for the clock, the ticks, the event list and the inspector.
fn zone_switch_ui(ui: &mut Ui, view: &TimelinePanelView<'_>, commands: &mut Vec<AppCommand>) {
    let scenario_zone = &view.scenario.meta.time_zone;
    for choice in [DisplayZone::ScenarioLocal, DisplayZone::Utc] {
        if ui
            .selectable_label(view.display_zone == choice, choice.label(scenario_zone))
            .on_hover_text("Show times in this zone (remembered)")
            .clicked()
            && view.display_zone != choice
        {
            commands.push(AppCommand::SetDisplayZone(choice));
        }
    }
}

fn paint_ticks(painter: &egui::Painter, axis: &Axis, color: Color32, zone: &jiff::tz::TimeZone) {
    for tick in ticks(
        axis.view.start,
        axis.view.end,
        axis.rect.width(),
        70.0,
        zone,
    ) {
        let x = axis.x(tick.t);
        painter.vline(
            x,
            axis.rect.top() + AXIS_HEIGHT - 4.0..=axis.rect.bottom(),
            Stroke::new(1.0, color.gamma_multiply(0.35)),
        );
        painter.text(
            pos2(x + 3.0, axis.rect.top() + 2.0),
            Align2::LEFT_TOP,
            tick.label,
            FontId::proportional(11.0),
            color,
        );
    }
}

/// Paints each event as a tick at its start and a band over its uncertain span; returns hit boxes.
fn paint_events(
    painter: &egui::Painter,
    axis: &Axis,
    scenario: &Scenario,
    top: f32,
    selected: Option<Selection>,
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
    let mut hits = Vec::new();
    for (index, (event, lane)) in scenario.events.iter().zip(lanes).enumerate() {
        let (left, right) = spans[index];
        if right < axis.rect.left() || left > axis.rect.right() {
            continue;
        }
        let lane = lane.unwrap_or(EVENT_LANES - 1);
        let y = top + lane as f32 * LANE_HEIGHT;
        let band = Rect::from_min_max(
            pos2(left, y + 1.0),
            pos2(right.max(left + 3.0), y + LANE_HEIGHT - 1.0),
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
        hits.push((band.expand2(vec2(3.0, 0.0)), index));
    }
    hits
}

/// Paints movement windows as faction-coloured bars with whiskers for the uncertain span.
/// More movement bars than this in view are not drawn one by one (a file of a million moves
/// would otherwise stall every frame); the axis says how many there are.
const MAX_MOVE_BARS: usize = 2_000;

/// Paints the movements in view as faction-coloured bars with whiskers for the uncertain span.
fn paint_movements(
    painter: &egui::Painter,
    axis: &Axis,
    scenario: &Scenario,
    top: f32,
    has_problem: &dyn Fn(Selection) -> bool,
) {
    let (view_start, view_end) = (axis.view.start, axis.view.end);
    let mut moves: Vec<(&crate::model::TrackState, Color32, bool)> = Vec::new();
    let mut in_view = 0usize;
    for (force_index, force) in scenario.forces.iter().enumerate() {
        let problem = has_problem(Selection::Force(force_index));
        let color = theme::faction_color(scenario, &force.faction);
        let first = force.track.index_at(view_start).unwrap_or(0);
        for state in force.track[first..]
            .iter()
            .take_while(|state| state.dating.start_secs() <= view_end)
        {
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
fn paint_problem_outline(painter: &egui::Painter, bar: Rect) {
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
    fn overlapping_spans_go_to_separate_lanes_and_overflow_is_dropped() {
        let lanes = pack_lanes(&[(0.0, 10.0), (5.0, 15.0), (20.0, 30.0), (6.0, 9.0)], 2);
        assert_eq!(lanes, vec![Some(0), Some(1), Some(0), None]);
    }
}
