//! Layer switches with the legend: factions, site symbols and event kinds.

use crate::data_layers::DataLayer;
use crate::map::LayerVisibility;
use crate::model::{EventKind, Scenario};
use crate::symbology::StandardIdentity;
use crate::theme;
use crate::ui::command::{AppCommand, LoadProgress};
use egui::{Sense, Ui, vec2};

/// What the data section shows.
pub struct DataLayersView<'a> {
    /// The layers of data, in the order they were opened.
    pub data_layers: &'a [DataLayer],
    /// The read running in the background, if any.
    pub load: Option<LoadProgress>,
    /// The property or column that joins points into tracks, if the user chose one.
    pub track_by: Option<&'a str>,
}

/// The data layers: one row per opened file (or the built-in scenario), with show, zoom-to and
/// remove, and the progress of a background read.
pub fn data_layers_ui(ui: &mut Ui, view: &DataLayersView<'_>, commands: &mut Vec<AppCommand>) {
    // Shut at first on the built-in scenario alone; opened whenever a layer is added, so the
    // files just opened are in view.
    let own_files = view.data_layers.iter().any(|layer| !layer.is_built_in());
    let count_id = ui.scope_id().with("data layer count");
    let seen = ui.data(|data| data.get_temp::<usize>(count_id));
    ui.data_mut(|data| data.insert_temp(count_id, view.data_layers.len()));
    let added = seen.is_some_and(|seen| view.data_layers.len() > seen);
    egui::CollapsingHeader::new("Data")
        .default_open(own_files)
        .open(added.then_some(true))
        .show(ui, |ui| {
            for (index, layer) in view.data_layers.iter().enumerate() {
                ui.horizontal(|ui| {
                    let mut visible = layer.visible;
                    if ui.checkbox(&mut visible, layer.label.as_str()).changed() {
                        commands.push(AppCommand::ToggleLayer(index));
                    }
                    if ui.small_button("Zoom to").on_hover_text("Fit the map and the timeline to this layer").clicked() {
                        commands.push(AppCommand::ZoomToLayer(index));
                    }
                    let remove = ui.small_button("x").on_hover_text("Remove this layer");
                    let label = format!("Remove {}", layer.label);
                    remove.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Button, true, &label));
                    if remove.clicked() {
                        commands.push(AppCommand::RemoveLayer(index));
                    }
                });
                if !layer.stale_problems.is_empty() {
                    let stale = ui
                        .add(egui::Button::new(
                            egui::RichText::new("Stale: the last reload failed (why?)")
                                .color(ui.visuals().warn_fg_color),
                        ).small())
                        .on_hover_text("The layer shows the data of the last good read. Click for the problems.");
                    if stale.clicked() {
                        commands.push(AppCommand::ShowStaleProblems(index));
                    }
                }
                let scenario = &layer.scenario;
                ui.weak(format!(
                    "{} · {} forces, {} events{}",
                    layer.format.label(),
                    scenario.forces.len(),
                    scenario.events.len(),
                    if layer.problems.is_empty() { String::new() } else { format!(", {} problems", layer.problems.len()) }
                ));
            }
            if let Some(load) = view.load {
                ui.label(format!(
                    "Reading {} file(s)… {:.0} s",
                    load.file_count, load.elapsed_secs
                ));
                ui.horizontal(|ui| {
                    ui.add(egui::ProgressBar::new(load.fraction).desired_width(180.0).show_percentage());
                    if ui.small_button("Cancel").clicked() {
                        commands.push(AppCommand::CancelLoad);
                    }
                });
                ui.ctx().request_repaint_after(std::time::Duration::from_millis(250));
            }
            ui.weak("Open files with Ctrl+O or drop them on the window; they are read again when they change.");
            ui.horizontal(|ui| {
                ui.label("Join points into tracks by");
                let mut property = view.track_by.unwrap_or_default().to_string();
                let edit = ui.add(egui::TextEdit::singleline(&mut property).hint_text("id").desired_width(90.0));
                if edit.changed() {
                    commands.push(AppCommand::SetTrackBy(
                        Some(property).filter(|p| !p.trim().is_empty()),
                    ));
                }
                edit.on_hover_text(
                    "The GeoJSON property or CSV column whose value joins points into one track, \
                     instead of the feature id or an id column. Applies to files opened from now on.",
                );
            });
        });
}

/// The layers and legend section; a switch pushes the changed [`LayerVisibility`].
pub fn layers_ui(
    ui: &mut Ui,
    scenario: &Scenario,
    shown: &LayerVisibility,
    commands: &mut Vec<AppCommand>,
) {
    egui::CollapsingHeader::new("Layers and legend")
        .default_open(true)
        .show(ui, |ui| {
            let mut layers = shown.clone();
            ui.horizontal_wrapped(|ui| {
                ui.checkbox(&mut layers.sites, "Sites");
                ui.checkbox(&mut layers.forces, "Forces");
                ui.checkbox(&mut layers.routes, "Routes");
                ui.checkbox(&mut layers.events, "Events");
                ui.checkbox(&mut layers.labels, "Labels");
            });
            ui.label("Forces by faction:");
            for faction in &scenario.factions {
                let mut shown = !layers.hidden_factions.contains(&faction.id);
                ui.horizontal(|ui| {
                    swatch(ui, theme::faction_color(scenario, &faction.id));
                    if ui.checkbox(&mut shown, faction.name.as_str()).changed() {
                        if shown {
                            layers.hidden_factions.remove(&faction.id);
                        } else {
                            layers.hidden_factions.insert(faction.id.clone());
                        }
                    }
                });
            }
            let symbols = ui.collapsing("Symbols", |ui| {
                ui.checkbox(&mut layers.app6_symbols, "APP-6 unit symbols")
                    .on_hover_text("NATO APP-6 / MIL-STD-2525 symbols instead of the simple markers");
                if layers.app6_symbols {
                    ui.indent("app6", |ui| {
                        ui.checkbox(&mut layers.faction_fill, "Faction colours in frames");
                        ui.label("Standard identity, your point of view:");
                        for faction in &scenario.factions {
                            let mut identity = layers.identity_of(scenario, &faction.id);
                            ui.horizontal(|ui| {
                                egui::ComboBox::from_id_salt(("identity", &faction.id))
                                    .selected_text(identity.label())
                                    .show_ui(ui, |ui| {
                                        for choice in StandardIdentity::ALL {
                                            ui.selectable_value(
                                                &mut identity,
                                                choice,
                                                choice.label(),
                                            );
                                        }
                                    });
                                ui.label(faction.name.as_str());
                            });
                            if identity != layers.identity_of(scenario, &faction.id) {
                                layers.identities.insert(faction.id.clone(), identity);
                            }
                        }
                    });
                }
                ui.label("■ air or military base · ◆ airport · ▲ dam or camp · ● town");
                if shown.app6_symbols {
                    app6_legend(ui, scenario, shown);
                } else {
                    ui.label("Unit markers: AIR, NAV, GND, SOF (special forces), POL (police), LOG (logistics)");
                }
                ui.label("Hollow dashed marker or ring: rests on a weak or single source");
                ui.label("Dashed route: the path is not reported, only the two ends");
                ui.label("Dashed circle round a site: its position is approximate");
                ui.label("Event kinds:");
                for kind in EventKind::ALL {
                    ui.horizontal(|ui| {
                        let (rect, _) = ui.allocate_exact_size(vec2(16.0, 16.0), Sense::hover());
                        let color = theme::event_color(kind);
                        ui.painter().circle_stroke(rect.center(), 7.0, egui::Stroke::new(1.5, color));
                        crate::map::paint_event_glyph(ui.painter(), rect.center(), kind, color, 3.5);
                        ui.label(kind.label());
                    });
                }
            });
            // The legend's part of the panel scrolls: once Symbols is opened, it is scrolled to
            // the top while it unfolds, so what it holds is in view.
            let unfolding = ui.scope_id().with("symbols unfolding");
            if symbols.header_response.clicked() {
                ui.data_mut(|data| data.insert_temp(unfolding, true));
            }
            if ui.data(|data| data.get_temp::<bool>(unfolding)).unwrap_or(false) {
                if symbols.body_response.is_some() {
                    symbols
                        .header_response
                        .scroll_to_me_animation(Some(egui::Align::Min), egui::style::ScrollAnimation::none());
                }
                if symbols.fully_open() || symbols.fully_closed() && !symbols.header_response.clicked() {
                    ui.data_mut(|data| data.remove::<bool>(unfolding));
                }
            }
            if layers != *shown {
                commands.push(AppCommand::SetLayerVisibility(layers));
            }
        });
}

/// One row per symbol in use: the symbol as drawn on the map, and what it means.
fn app6_legend(ui: &mut Ui, scenario: &Scenario, shown: &LayerVisibility) {
    ui.label("APP-6 frames: rectangle friend, diamond hostile, square neutral, quatrefoil unknown; dashed frame: weak source");
    let mut seen = Vec::new();
    for force in &scenario.forces {
        let mut symbol =
            crate::symbology::force_symbol(force, shown.identity_of(scenario, &force.faction));
        symbol.echelon = None;
        if seen.contains(&symbol) {
            continue;
        }
        seen.push(symbol);
        ui.horizontal(|ui| {
            let (rect, _) = ui.allocate_exact_size(vec2(34.0, 26.0), Sense::hover());
            crate::symbology::paint_symbol(
                ui.painter(),
                &symbol,
                rect.center(),
                16.0,
                crate::symbology::FillMode::Standard,
                &Default::default(),
            );
            ui.label(format!(
                "{} ({})",
                symbol.function.label(),
                symbol.identity.label()
            ));
        });
    }
}

fn swatch(ui: &mut Ui, color: egui::Color32) {
    let (rect, _) = ui.allocate_exact_size(vec2(12.0, 12.0), Sense::hover());
    ui.painter().rect_filled(rect, 2.0, color);
}
