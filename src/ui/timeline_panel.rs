//! The bottom panel: playback controls and the zoomable time axis with events, date bands,
//! movement windows and the draggable cursor.

use crate::model::DisplayZone;
use crate::model::{Scenario, StateAt, UnixSecs, timestamp_from_unix_secs};
use crate::selection::Selection;
use crate::theme;
use crate::timeline::{
    GO_TO_EXAMPLES, LoopMode, Playback, PlaybackCommand, SPEED_CHOICES, TimelineView, parse_go_to,
    ticks,
};
use crate::ui::command::AppCommand;
use crate::ui::timeline_lanes::{
    Axis, EVENT_LANE_HEIGHT, EVENT_LANES, LANE_HEIGHT, MOVE_LANES, paint_events, paint_movements,
    paint_problem_outline,
};
use egui::{Color32, FontId, Rect, Sense, Stroke, Ui, pos2, vec2};

const AXIS_HEIGHT: f32 = 18.0;

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

fn axis_ui(ui: &mut Ui, view: &TimelinePanelView<'_>, commands: &mut Vec<AppCommand>) {
    let height = AXIS_HEIGHT
        + EVENT_LANES as f32 * EVENT_LANE_HEIGHT
        + MOVE_LANES as f32 * LANE_HEIGHT
        + 10.0;
    let (rect, response) =
        ui.allocate_exact_size(vec2(ui.available_width(), height), Sense::click_and_drag());
    // The zoomed or panned span is drawn at once and kept by the app from the next frame.
    let mut span = view.span;
    handle_zoom_and_pan(ui, &response, rect, &mut span);
    // The axis ends at the data: no empty months past the last event.
    let span = span.clamped_to(view.playback.range);
    if span != view.span {
        commands.push(AppCommand::SetTimelineView(span));
    }
    let axis = Axis { rect, view: span };
    let painter = ui.painter_at(rect);
    painter.rect_filled(rect, 2.0, ui.visuals().extreme_bg_color);
    let playhead = playhead_label(&painter, &axis, view.state.t, &view.zone());
    paint_ticks(
        &painter,
        &axis,
        ui.visuals().weak_text_color(),
        &view.zone(),
        playhead.rect.x_range(),
    );

    let lanes_top = rect.top() + AXIS_HEIGHT;
    let has_problem = |item: Selection| view.problems.iter().any(|(about, _)| *about == Some(item));
    let text_color = ui.visuals().text_color();
    let event_hits = paint_events(
        &painter,
        &axis,
        view.scenario,
        lanes_top,
        (view.selected, text_color, ui.visuals().extreme_bg_color),
    );
    for (band, index) in &event_hits {
        if has_problem(Selection::Event(*index)) {
            paint_problem_outline(&painter, band.shrink2(vec2(3.0, 0.0)));
        }
    }
    paint_movements(
        &painter,
        &axis,
        view.scenario,
        lanes_top + EVENT_LANES as f32 * EVENT_LANE_HEIGHT + 4.0,
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
    // One tooltip at a time: the event's when over an event, else how to use the axis.
    if let Some(index) = hovered_event
        && let Some(event) = view.scenario.events.get(index)
    {
        response.on_hover_ui_at_pointer(|ui| {
            ui.strong(&event.title);
            ui.label(event.dating.describe_in(&view.zone()));
            if !event.provenance.conflicting_reports.is_empty() {
                ui.colored_label(theme::CONFLICT, "Sources disagree");
            }
            ui.weak("Click to go there");
        });
    } else {
        response.on_hover_text_at_pointer(
            "Drag to scrub · Ctrl+wheel to zoom · wheel or right-drag to pan",
        );
    }

    let cursor_x = axis.x(view.state.t);
    painter.vline(
        cursor_x,
        playhead.rect.bottom()..=rect.bottom(),
        Stroke::new(2.0, theme::CURSOR),
    );
    // The playhead's own label, in the tick row, where no tick label is written.
    painter.rect_filled(playhead.rect, 3.0, theme::CURSOR);
    painter.galley(
        playhead.rect.min + vec2(PLAYHEAD_PADDING, 1.0),
        playhead.galley,
        Color32::WHITE,
    );
}

/// Padding either side of the playhead's label, in points.
const PLAYHEAD_PADDING: f32 = 4.0;

/// The playhead's label: the time at the cursor, laid out, and where it goes.
struct PlayheadLabel {
    galley: std::sync::Arc<egui::Galley>,
    rect: Rect,
}

/// Lays out the playhead's label centred on the cursor, kept inside the axis.
fn playhead_label(
    painter: &egui::Painter,
    axis: &Axis,
    t: UnixSecs,
    zone: &jiff::tz::TimeZone,
) -> PlayheadLabel {
    let text = timestamp_from_unix_secs(t)
        .to_zoned_datetime(zone.clone())
        .strftime("%d %b %Y %H:%M")
        .to_string();
    let galley = painter.layout_no_wrap(text, FontId::proportional(11.0), Color32::WHITE);
    let size = galley.size() + vec2(2.0 * PLAYHEAD_PADDING, 2.0);
    let left = (axis.x(t) - size.x / 2.0).clamp(
        axis.rect.left(),
        (axis.rect.right() - size.x).max(axis.rect.left()),
    );
    let rect = Rect::from_min_size(pos2(left, axis.rect.top() + 1.0), size);
    PlayheadLabel { galley, rect }
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

/// Paints the ticks and their labels, leaving out the labels that would run into the
/// playhead's label (`keep_out`, an x range).
fn paint_ticks(
    painter: &egui::Painter,
    axis: &Axis,
    color: Color32,
    zone: &jiff::tz::TimeZone,
    keep_out: egui::Rangef,
) {
    let ticks = ticks(
        axis.view.start,
        axis.view.end,
        axis.rect.width(),
        70.0,
        zone,
    );
    let galleys: Vec<_> = ticks
        .iter()
        .map(|tick| painter.layout_no_wrap(tick.label.clone(), FontId::proportional(11.0), color))
        .collect();
    let extents: Vec<(f32, f32)> = ticks
        .iter()
        .zip(&galleys)
        .map(|(tick, galley)| {
            let x = axis.x(tick.t) + 3.0;
            (x, x + galley.size().x)
        })
        .collect();
    let shown = crate::timeline::clear_of(&extents, (keep_out.min - 2.0, keep_out.max + 2.0));
    for ((tick, galley), shown) in ticks.iter().zip(galleys).zip(shown) {
        let x = axis.x(tick.t);
        painter.vline(
            x,
            axis.rect.top() + AXIS_HEIGHT - 4.0..=axis.rect.bottom(),
            Stroke::new(1.0, color.gamma_multiply(0.35)),
        );
        if shown {
            painter.galley(pos2(x + 3.0, axis.rect.top() + 2.0), galley, color);
        }
    }
}
