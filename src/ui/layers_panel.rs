//! Layer switches with the legend: factions, site symbols and event kinds.

use crate::app::DeployApp;
use crate::model::EventKind;
use crate::ui::theme;
use egui::{Sense, Ui, vec2};

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
