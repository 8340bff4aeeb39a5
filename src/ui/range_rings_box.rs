//! The inspector's range-ring box: type distances such as "50, 100 km" to ring the selected
//! site or unit with geodesic circles.

use super::command::AppCommand;
use crate::geodesy::{LengthUnit, parse_ring_distances};
use crate::map::{LayerVisibility, RangeRings, RingCentre};
use egui::Ui;

/// The text being typed, kept in egui's memory per centre.
#[derive(Clone, Default)]
struct RingText {
    text: String,
    error: Option<String>,
}

/// Shows the box for `centre`; Enter or "Draw" replaces its rings, "Clear" removes them.
pub fn range_rings_ui(
    ui: &mut Ui,
    layers: &LayerVisibility,
    centre: RingCentre,
    commands: &mut Vec<AppCommand>,
) {
    let id = ui.scope_id().with(("range rings", format!("{centre:?}")));
    let mut state: RingText = ui.data_mut(|d| d.get_temp(id)).unwrap_or_default();
    let existing = layers.range_rings.iter().position(|r| r.centre == centre);
    ui.horizontal(|ui| {
        let label = ui.label("Range rings:");
        let edit = ui
            .add(
                egui::TextEdit::singleline(&mut state.text)
                    .hint_text("50, 100 km")
                    .desired_width(110.0),
            )
            .labelled_by(label.id);
        let entered = edit.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
        if ui.small_button("Draw").clicked() || entered {
            match parse_ring_distances(&state.text) {
                Ok(radii_m) => {
                    state.error = None;
                    let unit = LengthUnit::first_in(&state.text);
                    let mut changed = layers.clone();
                    changed.range_rings.retain(|r| r.centre != centre);
                    changed.range_rings.push(RangeRings {
                        centre: centre.clone(),
                        radii_m,
                        unit,
                    });
                    commands.push(AppCommand::SetLayerVisibility(changed));
                }
                Err(e) => state.error = Some(e.to_string()),
            }
        }
        if let Some(index) = existing
            && ui.small_button("Clear").clicked()
        {
            let mut changed = layers.clone();
            changed.range_rings.remove(index);
            commands.push(AppCommand::SetLayerVisibility(changed));
        }
    });
    if let Some(error) = &state.error {
        ui.colored_label(ui.visuals().error_fg_color, error);
    }
    ui.data_mut(|d| d.insert_temp(id, state));
}
