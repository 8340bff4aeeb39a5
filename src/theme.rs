//! Colours and sizes shared by the map and the panels; no colour is hard-coded elsewhere.

use crate::model::{EventKind, Scenario};
use egui::Color32;

/// The map's background: the sea colour of the basemap style.
pub const MAP_BACKGROUND: Color32 = Color32::from_rgb(0xcd, 0xd6, 0xdd);
/// Graticule lines.
pub const GRATICULE: Color32 = Color32::from_rgb(0xc9, 0xd3, 0xda);
/// Sites with no faction.
pub const NEUTRAL_SITE: Color32 = Color32::from_rgb(0x55, 0x5b, 0x61);
/// Map label text.
pub const LABEL_TEXT: Color32 = Color32::from_rgb(0x22, 0x26, 0x2a);
/// The halo behind map labels.
pub const LABEL_HALO: Color32 = Color32::from_rgba_premultiplied(0xf4, 0xf6, 0xf7, 0xd8);
/// The time cursor.
pub const CURSOR: Color32 = Color32::from_rgb(0xd0, 0x1c, 0x1c);
/// Selection highlight.
pub const SELECTION: Color32 = Color32::from_rgb(0xff, 0xb0, 0x00);
/// Low-confidence marks.
pub const LOW_CONFIDENCE: Color32 = Color32::from_rgb(0x8a, 0x5a, 0x00);
/// Marks of items whose sources disagree.
pub const CONFLICT: Color32 = Color32::from_rgb(0x7b, 0x3f, 0xa0);

/// The colour of a faction's marks; grey when it is not declared.
pub fn faction_color(scenario: &Scenario, faction: &str) -> Color32 {
    let [r, g, b] = scenario
        .faction(faction)
        .map_or([0x80, 0x80, 0x80], |faction| faction.rgb());
    Color32::from_rgb(r, g, b)
}

/// The colour of an event kind on the map and the timeline.
pub fn event_color(kind: EventKind) -> Color32 {
    match kind {
        EventKind::Military => Color32::from_rgb(0xb0, 0x3a, 0x2e),
        EventKind::Withdrawal => Color32::from_rgb(0x8e, 0x44, 0xad),
        EventKind::ControlChange => Color32::from_rgb(0x2e, 0x86, 0x4b),
        EventKind::Ceasefire => Color32::from_rgb(0x1f, 0x78, 0xb4),
        EventKind::Diplomatic => Color32::from_rgb(0xc2, 0x7c, 0x0e),
        EventKind::Humanitarian => Color32::from_rgb(0x16, 0xa0, 0x85),
        EventKind::Security => Color32::from_rgb(0x7f, 0x8c, 0x8d),
        EventKind::Other => Color32::from_rgb(0x60, 0x60, 0x60),
    }
}

/// Sets the app's look: the light theme, which keeps the map calm under the coloured marks, and
/// the monospace font as a fallback for proportional text, for the arrows and shapes
/// (◀ ▶ ■ ◆ ▲ ● → ←) that egui's proportional font lacks.
pub fn apply(ctx: &egui::Context) {
    ctx.set_theme(egui::Theme::Light);
    let mut fonts = egui::FontDefinitions::default();
    let monospace = fonts
        .families
        .get(&egui::FontFamily::Monospace)
        .and_then(|names| names.first())
        .cloned();
    if let (Some(monospace), Some(proportional)) = (
        monospace,
        fonts.families.get_mut(&egui::FontFamily::Proportional),
    ) {
        proportional.push(monospace);
    }
    ctx.set_fonts(fonts);
}
