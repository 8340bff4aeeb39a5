//! The event list, in time order, with the events at the current time highlighted.

use crate::model::{Confidence, DisplayZone, Scenario, StateAt, format_date_in};
use crate::selection::Selection;
use crate::theme;
use crate::ui::command::AppCommand;
use egui::{RichText, Sense, Ui, vec2};

/// What the event list shows.
pub struct EventListView<'a> {
    /// The scenario whose events are listed.
    pub scenario: &'a Scenario,
    /// The state at the current time.
    pub state: &'a StateAt,
    /// What is selected.
    pub selected: Option<Selection>,
    /// The event the list last scrolled to; the list scrolls again when the time moves past
    /// another event.
    pub scrolled_to: Option<usize>,
    /// Whether dates are shown in UTC or the scenario's local time.
    pub display_zone: DisplayZone,
}

/// The list of events; click one to go there.
pub fn event_list_ui(ui: &mut Ui, view: &EventListView<'_>, commands: &mut Vec<AppCommand>) {
    ui.heading("Events")
        .on_hover_text("Highlighted: happening now. Click an event to go there.");
    let scenario = view.scenario;
    let zone = view.display_zone.resolve(&scenario.meta.time_zone);
    let cursor = view.state.t;
    // The newest event that started at or before the cursor: the list keeps it in view.
    let latest_started = scenario
        .events
        .partition_point(|event| event.dating.start_secs() <= cursor)
        .checked_sub(1);
    egui::ScrollArea::vertical()
        .auto_shrink([false, false])
        .show(ui, |ui| {
            for (index, event) in scenario.events.iter().enumerate() {
                let current = event.dating.covers(cursor);
                let selected = view.selected == Some(Selection::Event(index));
                let response = event_row_ui(ui, scenario, index, (current, selected), &zone);
                if response.clicked() {
                    commands.push(AppCommand::FocusEvent(index));
                }
                if Some(index) == latest_started && view.scrolled_to != latest_started {
                    response.scroll_to_me(Some(egui::Align::Center));
                }
            }
        });
    if view.scrolled_to != latest_started {
        commands.push(AppCommand::EventListScrolledTo(latest_started));
    }
}

fn event_row_ui(
    ui: &mut Ui,
    scenario: &Scenario,
    index: usize,
    (current, selected): (bool, bool),
    zone: &jiff::tz::TimeZone,
) -> egui::Response {
    let event = &scenario.events[index];
    let fill = if selected {
        theme::SELECTION.gamma_multiply(0.35)
    } else if current {
        theme::event_color(event.kind).gamma_multiply(0.18)
    } else {
        egui::Color32::TRANSPARENT
    };
    let frame = egui::Frame::new()
        .fill(fill)
        .inner_margin(vec2(4.0, 1.0))
        .corner_radius(3.0);
    let inner = frame.show(ui, |ui| {
        ui.set_width(ui.available_width());
        // Compact rows: eight or more fit on a laptop screen.
        ui.spacing_mut().item_spacing.y = 0.0;
        ui.horizontal(|ui| {
            let (dot, _) = ui.allocate_exact_size(vec2(10.0, 10.0), Sense::hover());
            ui.painter()
                .circle_filled(dot.center(), 4.5, theme::event_color(event.kind));
            let mut date = format_date_in(event.dating.start, event.dating.precision, zone);
            if event.dating.precision.is_uncertain() {
                date.push_str(" ~");
            }
            ui.label(RichText::new(date).monospace().size(10.5));
            if !event.provenance.conflicting_reports.is_empty() {
                ui.colored_label(theme::CONFLICT, "disputed")
                    .on_hover_text("Other sources report it differently; see the inspector");
            }
            if event.provenance.confidence == Confidence::Low {
                ui.colored_label(theme::LOW_CONFIDENCE, "weak source")
                    .on_hover_text(
                        event
                            .provenance
                            .confidence_note
                            .as_deref()
                            .unwrap_or("Low confidence"),
                    );
            }
        });
        let title = if current {
            RichText::new(&event.title).strong()
        } else {
            RichText::new(&event.title)
        };
        // One line per title, so eight or more events fit on a laptop screen; the whole title
        // is in the tooltip and the inspector.
        ui.add(egui::Label::new(title).truncate());
    });
    ui.interact(
        inner.response.rect,
        ui.scope_id().with(("event_row", index)),
        Sense::click(),
    )
    .on_hover_cursor(egui::CursorIcon::PointingHand)
}
