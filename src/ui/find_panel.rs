//! Find (Ctrl+F): a box over sites, aliases, forces and events, then the basemap's place
//! names (literal matches, then other romanizations of what was typed); Enter flies the map to
//! the first result (and for events moves the time) and closes the box; a click on any result
//! flies there and keeps it open.

use super::command::AppCommand;
use crate::find::{FindIndex, Target};
use crate::model::{Scenario, StateAt};
use crate::selection::Selection;

/// The box's own state, kept in egui's memory between frames.
#[derive(Clone, Default)]
struct FindState {
    open: bool,
    query: String,
}

/// Shows the find window when open; Ctrl+F opens it, Escape closes it.
pub fn find_ui(
    ctx: &egui::Context,
    scenario: &Scenario,
    state: &StateAt,
    basemap: Option<&crate::map::Basemap>,
    commands: &mut Vec<AppCommand>,
) {
    let id = egui::Id::NULL.with("find window");
    let mut find: FindState = ctx.data(|d| d.get_temp(id)).unwrap_or_default();
    let opened_now = ctx.input_mut(|i| i.consume_key(egui::Modifiers::COMMAND, egui::Key::F));
    if opened_now {
        find.open = true;
    }
    if find.open && ctx.input(|i| i.key_pressed(egui::Key::Escape)) {
        find.open = false;
    }
    if find.open {
        let places = basemap.map(crate::map::Basemap::place_names);
        if matches!(places, Some(None)) {
            // Still reading them: look again shortly.
            ctx.request_repaint_after(std::time::Duration::from_millis(100));
        }
        let ready = places.clone().flatten().and_then(Result::ok);
        let index = cached_index(ctx, scenario, ready);
        let mut open = true;
        let mut close = false;
        egui::Window::new("Find")
            .open(&mut open)
            .collapsible(false)
            .resizable(false)
            .default_pos(ctx.content_rect().center_top() + egui::vec2(-150.0, 60.0))
            .show(ctx, |ui| {
                let edit = ui.add(
                    egui::TextEdit::singleline(&mut find.query)
                        .hint_text("place, alias, unit or event")
                        .desired_width(300.0),
                );
                if opened_now {
                    edit.request_focus();
                }
                let results = index.search(&find.query, 12);
                let entered = edit.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
                if entered && let Some(first) = results.first() {
                    go_to(&first.target, first.position, state, commands);
                    close = true;
                }
                if !find.query.trim().is_empty() && results.is_empty() {
                    ui.weak("Nothing by that name");
                }
                match &places {
                    Some(None) => {
                        ui.weak("Reading the basemap's place names…");
                    }
                    Some(Some(Err(error))) => {
                        ui.weak(format!(
                            "The basemap's place names are not searched: {error}"
                        ));
                    }
                    _ => {}
                }
                for entry in &results {
                    let kind = match entry.target {
                        Target::Site(_) => "site",
                        Target::Force(_) => "unit",
                        Target::Event(_) => "event",
                        Target::Place(_) => "place",
                    };
                    let mut notes = vec![kind.to_owned()];
                    if let Some(main) = &entry.alias_of {
                        notes.push(format!("for {main}"));
                    }
                    notes.extend(entry.how.reason().map(str::to_owned));
                    let text = format!("{} ({})", entry.label, notes.join(", "));
                    let mut label = ui.selectable_label(false, text);
                    if entry.how.reason().is_some() {
                        label = label.on_hover_text(
                            "Spelled differently, with the same consonants: another \
                             romanization of the same name",
                        );
                    }
                    if label.clicked() {
                        go_to(&entry.target, entry.position, state, commands);
                    }
                }
            });
        find.open &= open && !close;
    }
    ctx.data_mut(|d| d.insert_temp(id, find));
}

fn go_to(
    target: &Target,
    position: Option<crate::model::LonLat>,
    state: &StateAt,
    commands: &mut Vec<AppCommand>,
) {
    match *target {
        Target::Site(i) => {
            commands.push(AppCommand::Select(Some(Selection::Site(i))));
            if let Some(position) = position {
                commands.push(AppCommand::CenterOn(position));
            }
        }
        Target::Force(i) => {
            commands.push(AppCommand::Select(Some(Selection::Force(i))));
            if let Some(at) = state
                .forces
                .iter()
                .find(|at| at.force == i && at.is_present())
            {
                commands.push(AppCommand::CenterOn(at.position));
            }
        }
        Target::Event(i) => commands.push(AppCommand::FocusEvent(i)),
        Target::Place(position) => commands.push(AppCommand::CenterOn(position)),
    }
}

/// The place names of a basemap: name and position.
type Places = std::sync::Arc<Vec<(String, crate::model::LonLat)>>;

/// The index over `scenario` and `places`, built once per loaded scenario and basemap rather
/// than every frame the window is open.
fn cached_index(
    ctx: &egui::Context,
    scenario: &Scenario,
    places: Option<Places>,
) -> std::sync::Arc<FindIndex> {
    let id = egui::Id::NULL.with("find index");
    // The scenario is rebuilt (a new allocation) whenever a layer changes; the sizes guard
    // against a new scenario that happens to reuse the old one's address.
    let scenario_key = (
        std::ptr::from_ref(scenario) as usize,
        scenario.sites.len(),
        scenario.forces.len(),
        scenario.events.len(),
        places
            .as_ref()
            .map_or(0, |p| std::sync::Arc::as_ptr(p) as usize),
    );
    type Key = (usize, usize, usize, usize, usize);
    let cached: Option<(Key, std::sync::Arc<FindIndex>)> = ctx.data(|d| d.get_temp(id));
    match cached {
        Some((key, index)) if key == scenario_key => index,
        _ => {
            let mut index = FindIndex::from_scenario(scenario);
            if let Some(places) = places {
                index.add_places(places.iter().cloned());
            }
            let index = std::sync::Arc::new(index);
            ctx.data_mut(|d| d.insert_temp(id, (scenario_key, index.clone())));
            index
        }
    }
}
