//! The event list, in time order, with the events at the current time highlighted.

use crate::app::{AppCommand, DeployApp};
use crate::model::{Confidence, format_date};
use crate::selection::Selection;
use crate::ui::theme;
use egui::{RichText, Sense, Ui, vec2};

/// The list of events; click one to go there.
pub fn event_list_ui(ui: &mut Ui, app: &mut DeployApp, commands: &mut Vec<AppCommand>) {
    ui.heading("Events");
    ui.weak("Highlighted: happening now. Click to go there.");
    let cursor = app.playback.cursor;
    // The newest event that started at or before the cursor: the list keeps it in view.
    let latest_started = app
        .scenario
        .events
        .partition_point(|event| event.dating.start_secs() <= cursor)
        .checked_sub(1);
    egui::ScrollArea::vertical()
        .auto_shrink([false, false])
        .show(ui, |ui| {
            for (index, event) in app.scenario.events.iter().enumerate() {
                let current = event.dating.covers(cursor);
                let selected = app.selected == Some(Selection::Event(index));
                let response = event_row_ui(ui, app, index, current, selected);
                if response.clicked() {
                    commands.push(AppCommand::FocusEvent(index));
                }
                if Some(index) == latest_started && app.event_list_anchor != latest_started {
                    response.scroll_to_me(Some(egui::Align::Center));
                }
            }
        });
    app.event_list_anchor = latest_started;
}

fn event_row_ui(
    ui: &mut Ui,
    app: &DeployApp,
    index: usize,
    current: bool,
    selected: bool,
) -> egui::Response {
    let event = &app.scenario.events[index];
    let fill = if selected {
        theme::SELECTION.gamma_multiply(0.35)
    } else if current {
        theme::event_color(event.kind).gamma_multiply(0.18)
    } else {
        egui::Color32::TRANSPARENT
    };
    let frame = egui::Frame::new()
        .fill(fill)
        .inner_margin(vec2(4.0, 3.0))
        .corner_radius(3.0);
    let inner = frame.show(ui, |ui| {
        ui.set_width(ui.available_width());
        ui.horizontal(|ui| {
            let (dot, _) = ui.allocate_exact_size(vec2(10.0, 10.0), Sense::hover());
            ui.painter()
                .circle_filled(dot.center(), 4.5, theme::event_color(event.kind));
            let mut date = format_date(event.dating.start, event.dating.precision);
            if event.dating.precision.is_uncertain() {
                date.push_str(" ~");
            }
            ui.label(RichText::new(date).monospace().size(11.0));
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
        ui.add(egui::Label::new(title).wrap());
    });
    ui.interact(
        inner.response.rect,
        ui.scope_id().with(("event_row", index)),
        Sense::click(),
    )
    .on_hover_cursor(egui::CursorIcon::PointingHand)
}
