//! Layer switches with the legend: factions, site symbols and event kinds.

use crate::app::{AppCommand, DeployApp};
use crate::model::EventKind;
use crate::ui::theme;
use egui::{Sense, Ui, vec2};

/// The data layers: one row per opened file (or the built-in scenario), with show, zoom-to and
/// remove, and the progress of a background read.
pub fn data_layers_ui(ui: &mut Ui, app: &mut DeployApp, commands: &mut Vec<AppCommand>) {
    egui::CollapsingHeader::new("Data")
        .default_open(true)
        .show(ui, |ui| {
            for (index, layer) in app.data_layers.iter().enumerate() {
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
                let scenario = &layer.scenario;
                ui.weak(format!(
                    "{} · {} forces, {} events{}",
                    layer.format.label(),
                    scenario.forces.len(),
                    scenario.events.len(),
                    if layer.problems.is_empty() { String::new() } else { format!(", {} problems", layer.problems.len()) }
                ));
            }
            if let Some(job) = &app.load_job {
                ui.label(format!(
                    "Reading {} file(s)… {:.0} s",
                    job.paths.len(),
                    job.started.elapsed().as_secs_f64()
                ));
                ui.horizontal(|ui| {
                    ui.add(egui::ProgressBar::new(job.progress.fraction()).desired_width(180.0).show_percentage());
                    if ui.small_button("Cancel").clicked() {
                        commands.push(AppCommand::CancelLoad);
                    }
                });
                ui.ctx().request_repaint_after(std::time::Duration::from_millis(250));
            }
            ui.weak("Open files with Ctrl+O or drop them on the window; they are read again when they change.");
            ui.horizontal(|ui| {
                ui.label("Join points into tracks by");
                let mut property = app.read_options.track_by.clone().unwrap_or_default();
                let edit = ui.add(egui::TextEdit::singleline(&mut property).hint_text("id").desired_width(90.0));
                if edit.changed() {
                    app.read_options.track_by = Some(property).filter(|p| !p.trim().is_empty());
                }
                edit.on_hover_text(
                    "The GeoJSON property or CSV column whose value joins points into one track, \
                     instead of the feature id or an id column. Applies to files opened from now on.",
                );
            });
        });
}

/// The layers and legend section.
pub fn layers_ui(ui: &mut Ui, app: &mut DeployApp) {
    egui::CollapsingHeader::new("Layers and legend")
        .default_open(true)
        .show(ui, |ui| {
            let layers = &mut app.layers;
            ui.horizontal_wrapped(|ui| {
                ui.checkbox(&mut layers.sites, "Sites");
                ui.checkbox(&mut layers.forces, "Forces");
                ui.checkbox(&mut layers.routes, "Routes");
                ui.checkbox(&mut layers.events, "Events");
                ui.checkbox(&mut layers.labels, "Labels");
            });
            ui.label("Forces by faction:");
            for faction in &app.scenario.factions {
                let mut shown = !layers.hidden_factions.contains(&faction.id);
                ui.horizontal(|ui| {
                    swatch(ui, theme::faction_color(&app.scenario, &faction.id));
                    if ui.checkbox(&mut shown, faction.name.as_str()).changed() {
                        if shown {
                            layers.hidden_factions.remove(&faction.id);
                        } else {
                            layers.hidden_factions.insert(faction.id.clone());
                        }
                    }
                });
            }
            ui.collapsing("Symbols", |ui| {
                ui.label("■ air or military base · ◆ airport · ▲ dam or camp · ● town");
                ui.label("Unit markers: AIR, NAV, GND, SOF (special forces), POL (police), LOG (logistics)");
                ui.label("Hollow dashed marker or ring: rests on a weak or single source");
                ui.label("Dashed route: the path is not reported, only the two ends");
                ui.label("Dashed circle round a site: its position is approximate");
                ui.label("Event kinds:");
                for kind in EventKind::ALL {
                    ui.horizontal(|ui| {
                        swatch(ui, theme::event_color(kind));
                        ui.label(kind.label());
                    });
                }
            });
        });
}

fn swatch(ui: &mut Ui, color: egui::Color32) {
    let (rect, _) = ui.allocate_exact_size(vec2(12.0, 12.0), Sense::hover());
    ui.painter().rect_filled(rect, 2.0, color);
}
