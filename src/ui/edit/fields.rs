//! The fields the forms share: dates typed as people write them, sources, places and
//! coordinates.

use crate::model::{Dating, Edit, LonLat, Scenario, Source, SourceStrength, UNDATED};
use crate::selection::Selection;
use crate::ui::AppCommand;
use crate::ui::edit_command::EditCommand;
use egui::Ui;
use jiff::tz::TimeZone;

/// A date typed as text, with what it was read as (its precision and range) shown under it
/// before it is applied. Returns the dating when the text reads as one; dates without an offset
/// are in `zone`.
pub fn date_field(ui: &mut Ui, id: &str, text: &mut String, zone: &TimeZone) -> Option<Dating> {
    ui.add(
        egui::TextEdit::singleline(text)
            .id_salt(id)
            .hint_text("2026-01-23, 23 Jan 2026, late Jan 2026, 21–27 Jan 2026")
            .desired_width(220.0),
    );
    match crate::io::parse_date_entry(text, zone) {
        Ok(entry) => {
            ui.weak(format!("→ {}", entry.summary));
            ui.weak(format!("   {}", entry.dating.describe()));
            Some(entry.dating)
        }
        Err(error) if text.trim().is_empty() => {
            let _empty = error;
            ui.weak("→ no date yet");
            None
        }
        Err(error) => {
            ui.colored_label(crate::theme::CONFLICT, error.to_string());
            None
        }
    }
}

/// A typed date and time for `dating` (its start, or its range).
pub fn dating_text(dating: &Dating) -> String {
    let start = crate::model::format_date(dating.start, dating.precision);
    match dating.end {
        Some(end) => format!(
            "{start} – {}",
            crate::model::format_date(end, dating.precision)
        ),
        None => start,
    }
}

/// Latitude and longitude typed in two fields; returns the position when both read.
pub fn coordinates_field(
    ui: &mut Ui,
    id: &str,
    lat: &mut String,
    lon: &mut String,
) -> Option<LonLat> {
    ui.horizontal(|ui| {
        ui.label("lat");
        ui.add(
            egui::TextEdit::singleline(lat)
                .id_salt((id, "lat"))
                .desired_width(80.0),
        );
        ui.label("lon");
        ui.add(
            egui::TextEdit::singleline(lon)
                .id_salt((id, "lon"))
                .desired_width(80.0),
        );
    });
    let lat_deg: Option<f64> = lat
        .trim()
        .parse()
        .ok()
        .filter(|v: &f64| (-90.0..=90.0).contains(v));
    let lon_deg: Option<f64> = lon
        .trim()
        .parse()
        .ok()
        .filter(|v: &f64| (-180.0..=180.0).contains(v));
    match (lat_deg, lon_deg) {
        (Some(lat), Some(lon)) => Some(LonLat::new(lon, lat)),
        _ if lat.trim().is_empty() && lon.trim().is_empty() => {
            ui.weak("type the coordinates, or pick them on the map");
            None
        }
        _ => {
            ui.colored_label(
                crate::theme::CONFLICT,
                "expected latitude −90…90 and longitude −180…180 in decimal degrees",
            );
            None
        }
    }
}

/// The text of a coordinate for the fields.
pub fn degrees_text(degrees: f64) -> String {
    format!("{degrees:.5}")
}

/// A site of the scenario, or none; returns whether the choice changed.
pub fn site_choice(ui: &mut Ui, id: &str, scenario: &Scenario, site: &mut Option<usize>) -> bool {
    let label = site
        .and_then(|i| scenario.sites.get(i))
        .map_or("(a point)", |s| s.name.as_str());
    let before = *site;
    egui::ComboBox::from_id_salt(id)
        .selected_text(label)
        .show_ui(ui, |ui| {
            ui.selectable_value(site, None, "(a point)");
            for (index, candidate) in scenario.sites.iter().enumerate() {
                ui.selectable_value(site, Some(index), &candidate.name);
            }
        });
    *site != before
}

/// Every distinct source in the scenario (by URL, then outlet), to reuse.
pub fn known_sources(scenario: &Scenario) -> Vec<Source> {
    let mut sources: Vec<Source> = Vec::new();
    let mut add = |source: &Source| {
        if !sources
            .iter()
            .any(|known| known.url == source.url && known.outlet == source.outlet)
        {
            sources.push(source.clone());
        }
    };
    for site in &scenario.sites {
        for change in &site.control {
            change.provenance.sources.iter().for_each(&mut add);
        }
    }
    for force in &scenario.forces {
        for state in force.track.iter() {
            state.provenance().sources.iter().for_each(&mut add);
        }
    }
    for event in &scenario.events {
        event.provenance.sources.iter().for_each(&mut add);
    }
    sources.sort_by(|a, b| a.outlet.cmp(&b.outlet).then(a.url.cmp(&b.url)));
    sources
}

/// A list of sources: each editable, removable, and new ones added blank or reused from the
/// scenario.
pub fn sources_field(ui: &mut Ui, id: &str, scenario: &Scenario, sources: &mut Vec<Source>) {
    let mut remove = None;
    for (index, source) in sources.iter_mut().enumerate() {
        egui::Frame::group(ui.style()).show(ui, |ui| {
            source_field(ui, &format!("{id}-{index}"), source);
            if ui.small_button("Remove this source").clicked() {
                remove = Some(index);
            }
        });
    }
    if let Some(index) = remove {
        sources.remove(index);
    }
    ui.horizontal(|ui| {
        if ui.button("Add a source").clicked() {
            sources.push(Source::new(String::new(), String::new()));
        }
        let known = known_sources(scenario);
        if !known.is_empty() {
            egui::ComboBox::from_id_salt((id, "reuse"))
                .selected_text("Reuse a source…")
                .show_ui(ui, |ui| {
                    for source in known {
                        let label = format!("{} — {}", source.outlet, source.url);
                        if ui.selectable_label(false, label).clicked() {
                            sources.push(source);
                        }
                    }
                });
        }
    });
}

/// One source: outlet, URL (pasting one fills the outlet), publication date or undated, via,
/// and whether it is weak.
pub fn source_field(ui: &mut Ui, id: &str, source: &mut Source) {
    egui::Grid::new(id).num_columns(2).show(ui, |ui| {
        ui.label("URL");
        let url = ui.add(
            egui::TextEdit::singleline(&mut source.url)
                .id_salt((id, "url"))
                .hint_text("https://…")
                .desired_width(260.0),
        );
        if url.changed()
            && source.outlet.trim().is_empty()
            && let Some(outlet) = crate::model::outlet_from_url(&source.url)
        {
            source.outlet = outlet;
        }
        ui.end_row();
        ui.label("Outlet");
        ui.add(egui::TextEdit::singleline(&mut source.outlet).id_salt((id, "outlet")));
        ui.end_row();
        ui.label("Published");
        ui.horizontal(|ui| {
            let mut undated = source.is_undated();
            if ui.checkbox(&mut undated, UNDATED).changed() {
                source.published = if undated {
                    Some(UNDATED.into())
                } else {
                    Some(String::new())
                };
            }
            if !undated {
                let mut text = source.published.clone().unwrap_or_default();
                if ui
                    .add(
                        egui::TextEdit::singleline(&mut text)
                            .id_salt((id, "published"))
                            .hint_text("2026-01-23")
                            .desired_width(110.0),
                    )
                    .changed()
                {
                    source.published = Some(text);
                }
            }
        });
        ui.end_row();
        ui.label("Via");
        optional_text(ui, (id, "via"), &mut source.via, "mirror or aggregator");
        ui.end_row();
        ui.label("Strength");
        egui::ComboBox::from_id_salt((id, "strength"))
            .selected_text(source.judged_strength().label())
            .show_ui(ui, |ui| {
                for strength in SourceStrength::ALL {
                    ui.selectable_value(&mut source.strength, Some(strength), strength.label());
                }
            });
        ui.end_row();
        ui.label("Weak because");
        optional_text(ui, (id, "weak"), &mut source.weak, "empty when not weak");
        ui.end_row();
    });
}

/// A text field for an optional text: empty is `None`.
pub fn optional_text(
    ui: &mut Ui,
    id: impl std::hash::Hash + std::fmt::Debug,
    value: &mut Option<String>,
    hint: &str,
) {
    let mut text = value.clone().unwrap_or_default();
    if ui
        .add(
            egui::TextEdit::singleline(&mut text)
                .id_salt(id)
                .hint_text(hint),
        )
        .changed()
    {
        *value = (!text.trim().is_empty()).then_some(text);
    }
}

/// A form's last row: Apply (when the form is `ready`), which pushes the edit `apply` makes, and
/// Close, which closes the form of `item`.
pub fn apply_close_row(
    ui: &mut Ui,
    ready: bool,
    item: Selection,
    apply: impl FnOnce() -> Edit,
    commands: &mut Vec<AppCommand>,
) {
    ui.horizontal(|ui| {
        if ui.add_enabled(ready, egui::Button::new("Apply")).clicked() {
            commands.push(AppCommand::Editing(EditCommand::Apply(apply())));
        }
        if ui.button("Close").clicked() {
            commands.push(AppCommand::Editing(EditCommand::CloseForm(item)));
        }
    });
}
