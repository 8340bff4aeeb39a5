//! The force form: faction, name, kind, strength as the sources say it, note, and its track of
//! states (stationed at a site or point, moving from A to B within a window, departed).

use super::fields::{self, apply_close_row, date_field, optional_text, site_choice, sources_field};
use super::{EditCommand, EditorView};
use crate::model::new_items::{departed, moving, stationed};
use crate::model::{
    Edit, Force, ForceKind, LonLat, Place, Provenance, Scenario, Source, StateKind, Track,
    TrackState,
};
use crate::selection::Selection;
use crate::ui::command::AppCommand;

const FORCE_KINDS: [ForceKind; 8] = [
    ForceKind::Air,
    ForceKind::Naval,
    ForceKind::Ground,
    ForceKind::SpecialForces,
    ForceKind::Police,
    ForceKind::Logistics,
    ForceKind::Mixed,
    ForceKind::Unspecified,
];

/// What the next state of the track is.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum NewStateKind {
    /// At a site or a point.
    #[default]
    Stationed,
    /// From A to B within a window.
    Moving,
    /// Gone from the map.
    Departed,
}

/// A state being written, before it joins the track.
#[derive(Clone, Debug, Default)]
pub struct StateDraft {
    /// What kind of state.
    pub kind: NewStateKind,
    /// Where it is stationed, or where it leaves from.
    pub from_site: Option<usize>,
    /// Where it goes.
    pub to_site: Option<usize>,
    /// The point when no site is chosen, as typed.
    pub lat: String,
    /// See `lat`.
    pub lon: String,
    /// When, as typed (a range for a movement window).
    pub date: String,
    /// Where a departed force went, if the sources say.
    pub destination: Option<String>,
    /// Who says so.
    pub sources: Vec<Source>,
}

/// The force being edited.
#[derive(Clone, Debug)]
pub struct ForceForm {
    /// Which force.
    pub index: usize,
    /// The force as edited so far, track included.
    pub draft: Force,
    /// The state being written.
    pub state: StateDraft,
}

impl ForceForm {
    /// A form on the force at `index` as it is now.
    pub fn new(index: usize, force: &Force) -> Self {
        Self {
            index,
            draft: force.clone(),
            state: StateDraft::default(),
        }
    }

    /// Takes a place picked on the map for the state being written.
    pub fn pick(&mut self, position: LonLat) {
        self.state.from_site = None;
        self.state.lat = fields::degrees_text(position.y());
        self.state.lon = fields::degrees_text(position.x());
    }
}

/// One line about a state, for the track list and the confirmations.
pub fn describe_state(scenario: &Scenario, state: &TrackState) -> String {
    let place = |place: &Place| {
        place.site.and_then(|i| scenario.sites.get(i)).map_or_else(
            || format!("{:.4}°N {:.4}°E", place.position.y(), place.position.x()),
            |site| site.name.clone(),
        )
    };
    let what = match &state.kind {
        StateKind::Stationed { place: at } => format!("stationed at {}", place(at)),
        StateKind::Moving { from, to, .. } => format!("moving {} → {}", place(from), place(to)),
        StateKind::Departed { destination } => match destination {
            Some(destination) => format!("departed for {destination}"),
            None => "departed".to_string(),
        },
    };
    let sources = state.provenance().sources.len();
    format!("{}: {what} ({sources} source(s))", state.dating.describe())
}

/// Shows the force form.
pub fn force_form_ui(
    ctx: &egui::Context,
    view: &EditorView<'_>,
    form: &mut ForceForm,
    commands: &mut Vec<AppCommand>,
) {
    let mut open = true;
    egui::Window::new("Force")
        .open(&mut open)
        .default_pos(super::FORM_POSITION)
        .default_width(400.0)
        .show(ctx, |ui| {
            egui::ScrollArea::vertical()
                .max_height(560.0)
                .show(ui, |ui| {
                    details_ui(ui, view.scenario, &mut form.draft);
                    ui.separator();
                    track_ui(ui, view, form);
                    ui.separator();
                    apply_close_row(
                        ui,
                        true,
                        Selection::Force(form.index),
                        || Edit::SetForce {
                            index: form.index,
                            force: Box::new(form.draft.clone()),
                        },
                        commands,
                    );
                });
        });
    if !open {
        commands.push(AppCommand::Editing(EditCommand::CloseForm(
            Selection::Force(form.index),
        )));
    }
}

fn details_ui(ui: &mut egui::Ui, scenario: &Scenario, force: &mut Force) {
    egui::Grid::new("force fields")
        .num_columns(2)
        .show(ui, |ui| {
            ui.label("Name");
            ui.add(egui::TextEdit::singleline(&mut force.name).id_salt("force name"));
            ui.end_row();
            ui.label("Faction");
            ui.horizontal(|ui| {
                ui.add(
                    egui::TextEdit::singleline(&mut force.faction)
                        .id_salt("force faction")
                        .desired_width(90.0),
                );
                egui::ComboBox::from_id_salt("force faction list")
                    .selected_text(scenario.faction_name(&force.faction).to_string())
                    .show_ui(ui, |ui| {
                        for faction in &scenario.factions {
                            ui.selectable_value(
                                &mut force.faction,
                                faction.id.clone(),
                                &faction.name,
                            );
                        }
                    });
            });
            ui.end_row();
            ui.label("Kind");
            egui::ComboBox::from_id_salt("force kind")
                .selected_text(force.kind.label())
                .show_ui(ui, |ui| {
                    for kind in FORCE_KINDS {
                        ui.selectable_value(&mut force.kind, kind, kind.label());
                    }
                });
            ui.end_row();
            ui.label("Strength");
            optional_text(
                ui,
                "force strength",
                &mut force.strength,
                "as the sources say it",
            );
            ui.end_row();
            ui.label("Note");
            optional_text(ui, "force note", &mut force.note, "");
            ui.end_row();
        });
}

fn track_ui(ui: &mut egui::Ui, view: &EditorView<'_>, form: &mut ForceForm) {
    ui.strong("Track");
    let mut states = form.draft.track.to_vec();
    let mut remove = None;
    for (index, state) in states.iter().enumerate() {
        ui.horizontal_wrapped(|ui| {
            ui.label(describe_state(view.scenario, state));
            if ui.small_button("Remove").clicked() {
                remove = Some(index);
            }
        });
    }
    if states.is_empty() {
        ui.weak("No states yet: add where the force is, from when, and who says so.");
    }
    if let Some(index) = remove {
        states.remove(index);
        form.draft.track = Track::new(states.clone());
    }
    ui.add_space(4.0);
    ui.strong("Add a state");
    let draft = &mut form.state;
    ui.horizontal(|ui| {
        ui.radio_value(&mut draft.kind, NewStateKind::Stationed, "stationed");
        ui.radio_value(&mut draft.kind, NewStateKind::Moving, "moving A → B");
        ui.radio_value(&mut draft.kind, NewStateKind::Departed, "departed");
    });
    let mut ready = true;
    let mut point = None;
    match draft.kind {
        NewStateKind::Stationed | NewStateKind::Moving => {
            ui.horizontal(|ui| {
                ui.label(if draft.kind == NewStateKind::Moving {
                    "From"
                } else {
                    "At"
                });
                site_choice(ui, "state from", view.scenario, &mut draft.from_site);
            });
            if draft.from_site.is_none() {
                point =
                    fields::coordinates_field(ui, "state point", &mut draft.lat, &mut draft.lon);
                ready &= point.is_some();
            }
            if draft.kind == NewStateKind::Moving {
                ui.horizontal(|ui| {
                    ui.label("To");
                    site_choice(ui, "state to", view.scenario, &mut draft.to_site);
                });
                if draft.to_site.is_none() {
                    ui.colored_label(crate::theme::CONFLICT, "choose the destination site");
                    ready = false;
                }
            }
        }
        NewStateKind::Departed => {
            ui.horizontal(|ui| {
                ui.label("For");
                optional_text(
                    ui,
                    "state destination",
                    &mut draft.destination,
                    "where to, if known",
                );
            });
        }
    }
    ui.label(if draft.kind == NewStateKind::Moving {
        "Window (from – to)"
    } else {
        "From"
    });
    let dating = date_field(
        ui,
        "state date",
        &mut draft.date,
        &view.scenario.meta.time_zone,
    );
    ready &= dating.is_some();
    ui.label("Sources");
    sources_field(ui, "state sources", view.scenario, &mut draft.sources);
    if ui
        .add_enabled(ready, egui::Button::new("Add to the track"))
        .clicked()
        && let Some(dating) = dating
    {
        let place_of = |site: Option<usize>| -> Option<Place> {
            match site {
                Some(index) => view.scenario.sites.get(index).map(|s| Place {
                    site: Some(index),
                    position: s.position,
                }),
                None => point.map(|position| Place {
                    site: None,
                    position,
                }),
            }
        };
        let provenance = Provenance {
            sources: draft.sources.clone(),
            ..Provenance::default()
        };
        let state = match draft.kind {
            NewStateKind::Stationed => {
                place_of(draft.from_site).map(|p| stationed(p, dating, provenance))
            }
            NewStateKind::Moving => place_of(draft.from_site)
                .zip(draft.to_site.and_then(|i| place_of(Some(i))))
                .map(|(from, to)| moving(from, to, dating, provenance)),
            NewStateKind::Departed => Some(departed(draft.destination.clone(), dating, provenance)),
        };
        if let Some(state) = state {
            states.push(state);
            states.sort_by_key(|state| state.dating.start);
            form.draft.track = Track::new(states);
            form.state = StateDraft {
                from_site: form.state.to_site.or(form.state.from_site),
                sources: form.state.sources.clone(),
                ..StateDraft::default()
            };
        }
    }
}
