//! The inspector: everything known about the selected site, force or event, with its sources.

use crate::model::{
    Dating, DisplayZone, Event, Force, ForceStatus, Scenario, Site, StateAt, StateKind, TrackState,
    format_date_in,
};
use crate::selection::Selection;
use crate::theme;
use crate::ui::command::AppCommand;
use crate::ui::sources::{provenance_ui, source_ui};
use egui::{RichText, Ui};
use jiff::tz::TimeZone;

/// What the inspector shows.
#[derive(Clone, Copy)]
pub struct InspectorView<'a> {
    /// The scenario the selection points into.
    pub scenario: &'a Scenario,
    /// The state at the current time.
    pub state: &'a StateAt,
    /// What is selected.
    pub selected: Option<Selection>,
    /// The map's switches, for the range rings of the selection.
    pub layers: &'a crate::map::LayerVisibility,
    /// Whether dates are shown in UTC or the scenario's local time.
    pub display_zone: DisplayZone,
    /// What happened to the last source link copied or opened.
    pub link_notice: Option<&'a str>,
    /// Whether edit mode is on, so the selection can be edited.
    pub edit_mode: bool,
    /// Problems of the scenario as edited, each with the item it concerns.
    pub problems: &'a [(Option<Selection>, String)],
}

impl InspectorView<'_> {
    fn zone(&self) -> TimeZone {
        self.display_zone.resolve(&self.scenario.meta.time_zone)
    }
}

/// The right panel.
pub fn inspector_ui(ui: &mut Ui, view: &InspectorView<'_>, commands: &mut Vec<AppCommand>) {
    ui.horizontal(|ui| {
        ui.heading("Inspector");
        ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
            if ui
                .small_button("×")
                .on_hover_text("Close (Esc): clear the selection")
                .clicked()
            {
                commands.push(AppCommand::Select(None));
            }
        });
    });
    if let Some(notice) = view.link_notice {
        ui.colored_label(crate::theme::LOW_CONFIDENCE, notice);
    }
    let Some(selection) = view.selected else {
        ui.label("Click a base, a unit or an event on the map, the timeline or the list to see what happened and who reported it.");
        ui.add_space(8.0);
        ui.weak(
            "Space plays and pauses (in a fresh window, it starts the story) · ← → step between events · F1 for all keys",
        );
        return;
    };
    super::edit::inspector_edit_ui(ui, selection, view.edit_mode, view.problems, commands);
    egui::ScrollArea::vertical()
        .auto_shrink([false, false])
        .show(ui, |ui| {
            let scenario = view.scenario;
            match selection {
                Selection::Site(i) => {
                    if let Some(site) = scenario.sites.get(i) {
                        site_ui(ui, view, site, i, commands);
                    }
                }
                Selection::Force(i) => {
                    if let Some(force) = scenario.forces.get(i) {
                        force_ui(ui, view, force, i, commands);
                    }
                }
                Selection::Event(i) => {
                    if let Some(event) = scenario.events.get(i) {
                        event_ui(ui, view, event, commands);
                    }
                }
            }
        });
}

fn site_ui(
    ui: &mut Ui,
    view: &InspectorView<'_>,
    site: &Site,
    index: usize,
    commands: &mut Vec<AppCommand>,
) {
    let scenario = view.scenario;
    title_ui(ui, &site.name);
    ui.label(site.kind.label());
    if !site.aliases.is_empty() {
        ui.weak(format!("Also: {}", site.aliases.join(", ")));
    }
    ui.label(format!(
        "{:.4}°N {:.4}°E",
        site.position.y(),
        site.position.x()
    ));
    copy_coordinates_ui(ui, site.position);
    super::range_rings_box::range_rings_ui(
        ui,
        view.layers,
        crate::map::RingCentre::Site(site.id.clone()),
        commands,
    );
    if let Some(km) = site.coordinate_uncertainty_km {
        ui.colored_label(
            theme::LOW_CONFIDENCE,
            format!("Position approximate: within about {km} km"),
        );
    }
    if let Some(source) = &site.coordinate_source {
        ui.weak("Coordinate:");
        source_ui(ui, source, commands);
    }
    if let Some(faction) = &site.faction {
        ui.label(format!("Operated by: {}", scenario.faction_name(faction)));
    }
    if let Some(note) = &site.note {
        ui.label(note);
    }
    ui.separator();
    let state = view.state;
    let present = &state.sites[index].forces_present;
    ui.strong(format!("Forces here now: {}", present.len()));
    for &at in present {
        let force = &scenario.forces[state.forces[at].force];
        let track_state = force.track.get(state.forces[at].state);
        let strength = track_state
            .as_deref()
            .and_then(TrackState::strength)
            .or(force.strength.as_deref());
        let text = match strength {
            Some(strength) => format!("{} ({})", force.name, strength),
            None => force.name.clone(),
        };
        if ui.link(text).clicked() {
            commands.push(AppCommand::Select(Some(Selection::Force(
                state.forces[at].force,
            ))));
        }
    }
    let name = |f: &str| scenario.faction_name(f).to_string();
    let now = site.control_at(view.state.t);
    if now != crate::model::ControlAt::Unknown {
        ui.separator();
        ui.strong(format!("Control now: {}", now.describe(name)));
    }
    if !site.control.is_empty() {
        ui.strong("Control history");
        for change in &site.control {
            let settled = crate::model::ControlAt::Settled(change);
            ui.label(format!(
                "{}: {}",
                change.dating.describe_in(&view.zone()),
                settled.describe(name)
            ));
            if let Some(note) = &change.note {
                ui.weak(note);
            }
            provenance_ui(ui, &change.provenance, commands);
            ui.add_space(4.0);
        }
    }
    related_events_ui(ui, view, |event| event.site == Some(index), commands);
}

fn force_ui(
    ui: &mut Ui,
    view: &InspectorView<'_>,
    force: &Force,
    index: usize,
    commands: &mut Vec<AppCommand>,
) {
    let scenario = view.scenario;
    title_ui(ui, &force.name);
    ui.horizontal(|ui| {
        let color = theme::faction_color(scenario, &force.faction);
        ui.colored_label(color, scenario.faction_name(&force.faction));
        ui.label(format!("· {}", force.kind.label()));
    });
    if let Some(strength) = &force.strength {
        ui.label(format!("Strength: {strength}"));
    }
    let now: Vec<(String, String)> = force
        .temporal_properties
        .iter()
        .filter_map(|property| Some((property.name.clone(), property.value_at(view.state.t)?)))
        .collect();
    attributes_ui(ui, "Now", &now);
    attributes_ui(ui, "Properties from the file", &force.attributes);
    if let Some(note) = &force.note {
        ui.label(note);
    }
    ui.separator();
    let state = view.state;
    match state.forces.iter().find(|at| at.force == index) {
        None => {
            ui.strong("Not on the map at this time.");
        }
        Some(at) => {
            let status = match at.status {
                ForceStatus::Stationed { site } => format!(
                    "Now: stationed at {}",
                    site.and_then(|i| scenario.sites.get(i))
                        .map_or("a position", |s| s.name.as_str())
                ),
                ForceStatus::Moving { progress } => {
                    format!(
                        "Now: moving, {:.0}% through the movement window",
                        progress * 100.0
                    )
                }
                ForceStatus::Departed => "Now: gone from the map".into(),
            };
            ui.strong(status);
        }
    }
    ui.separator();
    if let Some(at) = state
        .forces
        .iter()
        .find(|at| at.force == index && at.is_present())
    {
        ui.horizontal(|ui| {
            if ui.small_button("Show on map").clicked() {
                commands.push(AppCommand::CenterOn(at.position));
            }
            if ui
                .small_button("Follow")
                .on_hover_text(
                    "Keep this unit in the middle of the map while the time plays (Esc stops)",
                )
                .clicked()
            {
                commands.push(AppCommand::Follow(index));
            }
        });
    }
    if let Some(at) = state
        .forces
        .iter()
        .find(|at| at.force == index && at.is_present())
    {
        copy_coordinates_ui(ui, at.position);
        super::range_rings_box::range_rings_ui(
            ui,
            view.layers,
            crate::map::RingCentre::Force(force.id.clone()),
            commands,
        );
    }
    let current = state
        .forces
        .iter()
        .find(|at| at.force == index)
        .map(|at| at.state);
    if let Some(track_state) = current.and_then(|i| force.track.get(i)) {
        egui::Frame::new()
            .inner_margin(4.0)
            .corner_radius(3.0)
            .fill(theme::SELECTION.gamma_multiply(0.25))
            .show(ui, |ui| track_state_ui(ui, view, &track_state, commands));
    }
    egui::CollapsingHeader::new(format!("Whole track ({} states)", force.track.len()))
        .id_salt(("track", index))
        .show(ui, |ui| {
            for track_state in force.track.iter() {
                egui::Frame::new()
                    .inner_margin(4.0)
                    .show(ui, |ui| track_state_ui(ui, view, &track_state, commands));
                ui.separator();
            }
        });
}

fn track_state_ui(
    ui: &mut Ui,
    view: &InspectorView<'_>,
    state: &TrackState,
    commands: &mut Vec<AppCommand>,
) {
    let scenario = view.scenario;
    let site_name = |site: Option<usize>| {
        site.and_then(|i| scenario.sites.get(i))
            .map_or_else(|| "a position".to_string(), |s| s.name.clone())
    };
    let text = match &state.kind {
        StateKind::Stationed { place } => format!("Stationed at {}", site_name(place.site)),
        StateKind::Moving { from, to, mode, .. } => format!(
            "Moving {} → {} ({})",
            site_name(from.site),
            site_name(to.site),
            match mode {
                crate::model::TravelMode::Air => "by air",
                crate::model::TravelMode::Road => "by road",
                crate::model::TravelMode::Sea => "by sea",
                crate::model::TravelMode::Unknown => "means not reported",
            }
        ),
        StateKind::Departed { destination } => format!(
            "Left the map{}",
            destination
                .as_ref()
                .map(|d| format!(" for {d}"))
                .unwrap_or_default()
        ),
    };
    ui.label(RichText::new(text).strong());
    dating_ui(ui, &state.dating, &view.zone());
    if let StateKind::Moving {
        route_reported: false,
        ..
    } = state.kind
    {
        ui.weak("Path not reported by any source; drawn as a great circle between the two ends.");
    }
    if let Some(strength) = state.strength() {
        ui.label(format!("Strength: {strength}"));
    }
    if let Some(note) = state.note() {
        ui.label(note);
    }
    provenance_ui(ui, state.provenance(), commands);
}

fn event_ui(ui: &mut Ui, view: &InspectorView<'_>, event: &Event, commands: &mut Vec<AppCommand>) {
    let scenario = view.scenario;
    title_ui(ui, &event.title);
    ui.horizontal(|ui| {
        ui.colored_label(theme::event_color(event.kind), event.kind.label());
    });
    dating_ui(ui, &event.dating, &view.zone());
    let place = event
        .site
        .and_then(|i| scenario.sites.get(i))
        .map(|site| site.name.clone())
        .or_else(|| event.place.clone());
    if let Some(place) = place {
        ui.horizontal_wrapped(|ui| {
            ui.label(format!("Place: {place}"));
            if let Some(position) = scenario.event_position(event)
                && ui.small_button("Show on map").clicked()
            {
                commands.push(AppCommand::CenterOn(position));
            }
        });
        if let (Some(site), Some(text)) = (event.site, &event.place)
            && scenario.sites.get(site).is_some_and(|s| &s.name != text)
        {
            ui.weak(text);
        }
    }
    ui.separator();
    ui.add(egui::Label::new(&event.summary).wrap());
    attributes_ui(ui, "Properties from the file", &event.attributes);
    ui.separator();
    provenance_ui(ui, &event.provenance, commands);
}

/// The name of what is inspected, large.
fn title_ui(ui: &mut Ui, text: &str) {
    ui.label(RichText::new(text).size(18.0).strong());
}

/// A table of names and values read from the file.
fn attributes_ui(ui: &mut Ui, heading: &str, rows: &[(String, String)]) {
    if rows.is_empty() {
        return;
    }
    ui.strong(heading);
    // One wrapped line per attribute across the panel's width: a narrow grid column broke
    // words in the middle.
    for (name, value) in rows {
        let mut job = egui::text::LayoutJob::default();
        let font = egui::TextStyle::Body.resolve(ui.style());
        job.append(
            &format!("{name}: "),
            0.0,
            egui::TextFormat::simple(font.clone(), ui.visuals().weak_text_color()),
        );
        job.append(
            value,
            0.0,
            egui::TextFormat::simple(font, ui.visuals().text_color()),
        );
        ui.add(egui::Label::new(job).wrap());
    }
}

fn dating_ui(ui: &mut Ui, dating: &Dating, zone: &TimeZone) {
    let text = format!("When: {}", dating.describe_in(zone));
    if dating.precision.is_uncertain() {
        ui.colored_label(theme::LOW_CONFIDENCE, text);
    } else {
        ui.label(text);
    }
}

fn related_events_ui(
    ui: &mut Ui,
    view: &InspectorView<'_>,
    related: impl Fn(&Event) -> bool,
    commands: &mut Vec<AppCommand>,
) {
    let scenario = view.scenario;
    let events: Vec<(usize, &Event)> = scenario
        .events
        .iter()
        .enumerate()
        .filter(|(_, e)| related(e))
        .collect();
    if events.is_empty() {
        return;
    }
    ui.separator();
    ui.strong("Events here");
    for (index, event) in events {
        let text = format!(
            "{} · {}",
            format_date_in(event.dating.start, event.dating.precision, &view.zone()),
            event.title
        );
        if ui.link(text).clicked() {
            commands.push(AppCommand::FocusEvent(index));
        }
    }
}

/// Buttons that copy a position in decimal degrees, DMS or MGRS.
fn copy_coordinates_ui(ui: &mut Ui, position: crate::model::LonLat) {
    ui.horizontal(|ui| {
        ui.weak("Copy:");
        if ui.small_button("degrees").clicked() {
            ui.ctx().copy_text(crate::geodesy::format_decimal(position));
        }
        if ui.small_button("DMS").clicked() {
            ui.ctx().copy_text(crate::geodesy::format_dms(position));
        }
        if let Ok(mgrs) = crate::geodesy::format_mgrs(position)
            && ui.small_button("MGRS").clicked()
        {
            ui.ctx().copy_text(mgrs);
        }
    });
}
