//! The site form: name, kind, coordinates (typed or picked on the map), radius, note, and the
//! control history with its sources.

use super::fields::{
    self, apply_close_row, date_field, degrees_text, optional_text, sources_field,
};
use super::{EditCommand, EditorView};
use crate::model::{ControlChange, ControlKind, Dating, Edit, Provenance, Site, SiteKind};
use crate::selection::Selection;
use crate::ui::command::AppCommand;

/// Every kind a site can be, for the chooser.
const SITE_KINDS: [SiteKind; 14] = [
    SiteKind::AirBase,
    SiteKind::NavalBase,
    SiteKind::Airport,
    SiteKind::MilitaryBase,
    SiteKind::City,
    SiteKind::Town,
    SiteKind::Neighbourhood,
    SiteKind::Dam,
    SiteKind::Camp,
    SiteKind::OilField,
    SiteKind::GasField,
    SiteKind::GovernmentSeat,
    SiteKind::BorderCrossing,
    SiteKind::Other,
];

/// The site being edited: a draft of it and the texts typed.
#[derive(Clone, Debug)]
pub struct SiteForm {
    /// Which site.
    pub index: usize,
    /// The site as edited so far.
    pub draft: Site,
    /// Latitude as typed.
    pub lat: String,
    /// Longitude as typed.
    pub lon: String,
    /// Radius in km as typed.
    pub radius_km: String,
    /// The dates of the control changes as typed, one per change.
    pub control_dates: Vec<String>,
}

impl SiteForm {
    /// A form on the site at `index` as it is now.
    pub fn new(index: usize, site: &Site) -> Self {
        Self {
            index,
            lat: degrees_text(site.position.y()),
            lon: degrees_text(site.position.x()),
            radius_km: site
                .coordinate_uncertainty_km
                .map_or_else(String::new, |km| km.to_string()),
            control_dates: site
                .control
                .iter()
                .map(|c| fields::dating_text(&c.dating))
                .collect(),
            draft: site.clone(),
        }
    }

    /// Takes a place picked on the map.
    pub fn pick(&mut self, position: crate::model::LonLat) {
        self.lat = degrees_text(position.y());
        self.lon = degrees_text(position.x());
    }
}

/// Shows the site form.
pub fn site_form_ui(
    ctx: &egui::Context,
    view: &EditorView<'_>,
    form: &mut SiteForm,
    commands: &mut Vec<AppCommand>,
) {
    let mut open = true;
    egui::Window::new("Site")
        .open(&mut open)
        .default_pos(super::FORM_POSITION)
        .default_width(380.0)
        .show(ctx, |ui| {
            egui::ScrollArea::vertical()
                .max_height(520.0)
                .show(ui, |ui| {
                    let ready = form_body(ui, view, form);
                    ui.separator();
                    apply_close_row(
                        ui,
                        ready,
                        Selection::Site(form.index),
                        || Edit::SetSite {
                            index: form.index,
                            site: Box::new(form.draft.clone()),
                        },
                        commands,
                    );
                });
        });
    if !open {
        commands.push(AppCommand::Editing(EditCommand::CloseForm(
            Selection::Site(form.index),
        )));
    }
}

/// The fields; returns whether everything reads, so Apply can be pressed.
fn form_body(ui: &mut egui::Ui, view: &EditorView<'_>, form: &mut SiteForm) -> bool {
    let mut ready = true;
    egui::Grid::new("site fields")
        .num_columns(2)
        .show(ui, |ui| {
            ui.label("Name");
            ui.add(egui::TextEdit::singleline(&mut form.draft.name).id_salt("site name"));
            ui.end_row();
            ui.label("Kind");
            egui::ComboBox::from_id_salt("site kind")
                .selected_text(form.draft.kind.label())
                .show_ui(ui, |ui| {
                    for kind in SITE_KINDS {
                        ui.selectable_value(&mut form.draft.kind, kind, kind.label());
                    }
                });
            ui.end_row();
            ui.label("Coordinates");
            ui.vertical(|ui| {
                match fields::coordinates_field(ui, "site", &mut form.lat, &mut form.lon) {
                    Some(position) => form.draft.position = position,
                    None => ready = false,
                }
                if view.tool == super::EditTool::Pick {
                    ui.weak("Click the map to take its coordinates.");
                }
            });
            ui.end_row();
            ui.label("Radius (km)");
            ui.vertical(|ui| {
                ui.add(
                    egui::TextEdit::singleline(&mut form.radius_km)
                        .id_salt("site radius")
                        .hint_text("how approximate the position is")
                        .desired_width(80.0),
                );
                let text = form.radius_km.trim();
                form.draft.coordinate_uncertainty_km = if text.is_empty() {
                    None
                } else if let Ok(km) = text.parse::<f64>()
                    && km.is_finite()
                    && km >= 0.0
                {
                    Some(km)
                } else {
                    ui.colored_label(crate::theme::CONFLICT, "expected kilometres, 0 or more");
                    ready = false;
                    None
                };
            });
            ui.end_row();
            ui.label("Note");
            optional_text(ui, "site note", &mut form.draft.note, "");
            ui.end_row();
        });
    ui.separator();
    ui.strong("Control history");
    let mut remove = None;
    for (index, change) in form.draft.control.iter_mut().enumerate() {
        let id = format!("control-{index}");
        egui::Frame::group(ui.style()).show(ui, |ui| {
            ui.horizontal(|ui| {
                ui.label("Held by");
                ui.add(
                    egui::TextEdit::singleline(&mut change.faction)
                        .id_salt((&id, "faction"))
                        .hint_text("faction id")
                        .desired_width(90.0),
                );
                egui::ComboBox::from_id_salt((&id, "kind"))
                    .selected_text(format!("{:?}", change.kind).to_lowercase())
                    .show_ui(ui, |ui| {
                        for kind in [ControlKind::Held, ControlKind::Joint, ControlKind::Disputed] {
                            ui.selectable_value(
                                &mut change.kind,
                                kind,
                                format!("{kind:?}").to_lowercase(),
                            );
                        }
                    });
            });
            ui.label("From");
            if let Some(text) = form.control_dates.get_mut(index) {
                match date_field(ui, &id, text, &view.scenario.meta.time_zone) {
                    Some(dating) => change.dating = dating,
                    None => ready = false,
                }
            }
            ui.label("Sources");
            sources_field(ui, &id, view.scenario, &mut change.provenance.sources);
            if ui.small_button("Remove this change").clicked() {
                remove = Some(index);
            }
        });
    }
    if let Some(index) = remove {
        form.draft.control.remove(index);
        form.control_dates.remove(index);
    }
    if ui.button("Add a control change").clicked() {
        let start = crate::model::timestamp_from_unix_secs(view.cursor);
        form.draft.control.push(ControlChange {
            faction: form.draft.faction.clone().unwrap_or_default(),
            kind: ControlKind::Held,
            with: Vec::new(),
            dating: Dating::exact(start),
            provenance: Provenance::default(),
            note: None,
            extra: Default::default(),
        });
        form.control_dates.push(crate::model::format_date(
            start,
            crate::model::Precision::Exact,
        ));
    }
    ready
}
