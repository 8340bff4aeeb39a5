//! The event form: kind, title, text, place (a site, a point, and the place as the sources put
//! it), date with its precision or range, sources, and conflicting reports.

use super::fields::{self, apply_close_row, date_field, optional_text, site_choice, sources_field};
use super::{EditCommand, EditorView};
use crate::model::{ConflictingReport, Edit, Event, EventKind, LonLat};
use crate::selection::Selection;
use crate::ui::command::AppCommand;

/// The event being edited.
#[derive(Clone, Debug)]
pub struct EventForm {
    /// Which event.
    pub index: usize,
    /// The event as edited so far.
    pub draft: Event,
    /// The date as typed.
    pub date: String,
    /// The point's latitude as typed (when no site is chosen).
    pub lat: String,
    /// See `lat`.
    pub lon: String,
}

impl EventForm {
    /// A form on the event at `index` as it is now.
    pub fn new(index: usize, event: &Event) -> Self {
        let position = event.position.unwrap_or_else(|| LonLat::new(0.0, 0.0));
        Self {
            index,
            date: fields::dating_text(&event.dating),
            lat: fields::degrees_text(position.y()),
            lon: fields::degrees_text(position.x()),
            draft: event.clone(),
        }
    }

    /// Takes a place picked on the map.
    pub fn pick(&mut self, position: LonLat) {
        self.draft.site = None;
        self.lat = fields::degrees_text(position.y());
        self.lon = fields::degrees_text(position.x());
    }
}

/// Shows the event form.
pub fn event_form_ui(
    ctx: &egui::Context,
    view: &EditorView<'_>,
    form: &mut EventForm,
    commands: &mut Vec<AppCommand>,
) {
    let mut open = true;
    egui::Window::new("Event")
        .open(&mut open)
        .default_pos(super::FORM_POSITION)
        .default_width(400.0)
        .show(ctx, |ui| {
            egui::ScrollArea::vertical()
                .max_height(560.0)
                .show(ui, |ui| {
                    let ready = form_body(ui, view, form);
                    ui.separator();
                    apply_close_row(
                        ui,
                        ready,
                        Selection::Event(form.index),
                        || Edit::SetEvent {
                            index: form.index,
                            event: Box::new(form.draft.clone()),
                        },
                        commands,
                    );
                });
        });
    if !open {
        commands.push(AppCommand::Editing(EditCommand::CloseForm(
            Selection::Event(form.index),
        )));
    }
}

fn form_body(ui: &mut egui::Ui, view: &EditorView<'_>, form: &mut EventForm) -> bool {
    let mut ready = true;
    let event = &mut form.draft;
    egui::Grid::new("event fields")
        .num_columns(2)
        .show(ui, |ui| {
            ui.label("Kind");
            egui::ComboBox::from_id_salt("event kind")
                .selected_text(event.kind.label())
                .show_ui(ui, |ui| {
                    for kind in EventKind::ALL {
                        ui.selectable_value(&mut event.kind, kind, kind.label());
                    }
                });
            ui.end_row();
            ui.label("Title");
            ui.add(egui::TextEdit::singleline(&mut event.title).id_salt("event title"));
            ui.end_row();
            ui.label("Text");
            ui.add(
                egui::TextEdit::multiline(&mut event.summary)
                    .id_salt("event text")
                    .desired_rows(3),
            );
            ui.end_row();
            ui.label("At");
            ui.vertical(|ui| {
                site_choice(ui, "event site", view.scenario, &mut event.site);
                if event.site.is_none() {
                    match fields::coordinates_field(ui, "event point", &mut form.lat, &mut form.lon)
                    {
                        Some(position) => event.position = Some(position),
                        None => ready = false,
                    }
                } else {
                    event.position = None;
                }
            });
            ui.end_row();
            ui.label("Place as reported");
            optional_text(
                ui,
                "event place",
                &mut event.place,
                "e.g. near the dam, Raqqa province",
            );
            ui.end_row();
            ui.label("Date");
            ui.vertical(|ui| {
                match date_field(
                    ui,
                    "event date",
                    &mut form.date,
                    &view.scenario.meta.time_zone,
                ) {
                    Some(dating) => event.dating = dating,
                    None => ready = false,
                }
            });
            ui.end_row();
        });
    ui.strong("Sources");
    sources_field(
        ui,
        "event sources",
        view.scenario,
        &mut event.provenance.sources,
    );
    ui.strong("Conflicting reports");
    let mut remove = None;
    for (index, report) in event.provenance.conflicting_reports.iter_mut().enumerate() {
        let id = format!("report-{index}");
        egui::Frame::group(ui.style()).show(ui, |ui| {
            ui.add(
                egui::TextEdit::multiline(&mut report.claim)
                    .id_salt((&id, "claim"))
                    .hint_text("what this report says instead")
                    .desired_rows(2),
            );
            sources_field(ui, &id, view.scenario, &mut report.sources);
            if ui.small_button("Remove this report").clicked() {
                remove = Some(index);
            }
        });
    }
    if let Some(index) = remove {
        event.provenance.conflicting_reports.remove(index);
    }
    if ui.button("Add a conflicting report").clicked() {
        event
            .provenance
            .conflicting_reports
            .push(ConflictingReport {
                claim: String::new(),
                sources: Vec::new(),
            });
    }
    ready
}
