//! Colours and sizes shared by the map and the panels; no colour is hard-coded elsewhere.

use crate::model::{EventKind, Scenario};
use egui::Color32;

/// The map's background: the sea colour of the basemap style.
pub const MAP_BACKGROUND: Color32 = Color32::from_rgb(0xcd, 0xd6, 0xdd);
/// The map's background in dark mode: the sea colour of the dark basemap style.
pub const MAP_BACKGROUND_DARK: Color32 = Color32::from_rgb(0x1d, 0x22, 0x27);

/// Light or dark: egui's theme for the panels and the basemap style with it. Remembered by the
/// window; exports follow the window's choice or take `--theme`.
#[derive(
    Clone,
    Copy,
    Debug,
    Default,
    PartialEq,
    Eq,
    serde::Serialize,
    serde::Deserialize,
    clap::ValueEnum,
)]
#[serde(rename_all = "lowercase")]
pub enum Theme {
    /// Light panels and the light basemap.
    #[default]
    Light,
    /// Dark panels and the dark basemap.
    Dark,
}

impl Theme {
    /// The other one.
    pub fn toggled(self) -> Self {
        match self {
            Self::Light => Self::Dark,
            Self::Dark => Self::Light,
        }
    }

    /// egui's theme of the same name.
    pub fn egui(self) -> egui::Theme {
        match self {
            Self::Light => egui::Theme::Light,
            Self::Dark => egui::Theme::Dark,
        }
    }

    /// The map's background (the basemap's sea), for a context in this theme.
    pub fn map_background(self) -> Color32 {
        match self {
            Self::Light => MAP_BACKGROUND,
            Self::Dark => MAP_BACKGROUND_DARK,
        }
    }

    /// The theme egui `ctx` is in.
    pub fn of(ctx: &egui::Context) -> Self {
        match ctx.theme() {
            egui::Theme::Dark => Self::Dark,
            egui::Theme::Light => Self::Light,
        }
    }
}
/// Graticule lines.
pub const GRATICULE: Color32 = Color32::from_rgb(0xc9, 0xd3, 0xda);
/// Sites with no faction.
pub const NEUTRAL_SITE: Color32 = Color32::from_rgb(0x55, 0x5b, 0x61);
/// Map label text.
pub const LABEL_TEXT: Color32 = Color32::from_rgb(0x22, 0x26, 0x2a);
/// The halo behind map labels.
pub const LABEL_HALO: Color32 = Color32::from_rgba_premultiplied(0xf4, 0xf6, 0xf7, 0xd8);
/// Map label text in dark mode.
pub const LABEL_TEXT_DARK: Color32 = Color32::from_rgb(0xe8, 0xea, 0xec);
/// The halo behind map labels in dark mode.
pub const LABEL_HALO_DARK: Color32 = Color32::from_rgba_premultiplied(0x1c, 0x20, 0x24, 0xd8);

/// Label text for the look `ctx` is in (light or dark), on the map and in exports alike.
pub fn label_text(ctx: &egui::Context) -> Color32 {
    if ctx.theme() == egui::Theme::Dark {
        LABEL_TEXT_DARK
    } else {
        LABEL_TEXT
    }
}

/// The halo behind labels, boxes and credits for the look `ctx` is in.
pub fn label_halo(ctx: &egui::Context) -> Color32 {
    if ctx.theme() == egui::Theme::Dark {
        LABEL_HALO_DARK
    } else {
        LABEL_HALO
    }
}
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

/// The colour of an event kind on the map and the timeline. Chosen apart from the faction
/// colours of the built-in scenario (red, blue, green, amber) and from each other, so an event
/// is not read as a faction's: dark and pale tones and greys, at least 12 CIEDE2000 apart from
/// every faction colour, the basemap's land and sea and each other, with normal sight and under
/// simulated deuteranopia, protanopia and tritanopia (see the test below). Each kind also has its
/// own glyph inside the ring.
pub fn event_color(kind: EventKind) -> Color32 {
    match kind {
        EventKind::Military => Color32::from_rgb(0x33, 0x11, 0x11),
        EventKind::Withdrawal => Color32::from_rgb(0xbb, 0x99, 0xdd),
        EventKind::ControlChange => Color32::from_rgb(0x11, 0x11, 0x33),
        EventKind::Ceasefire => Color32::from_rgb(0xdd, 0xdd, 0x11),
        EventKind::Diplomatic => Color32::from_rgb(0x11, 0x11, 0xbb),
        EventKind::Humanitarian => Color32::from_rgb(0x77, 0xbb, 0x99),
        EventKind::Security => Color32::from_rgb(0x55, 0x55, 0x55),
        EventKind::Other => Color32::from_rgb(0x77, 0x77, 0x77),
    }
}

/// Sets the app's look: the light theme by default, which keeps the map calm under the coloured
/// marks, and the monospace font as a fallback for proportional text, for the arrows and shapes
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

#[cfg(test)]
mod tests {
    //! Colour-vision-deficiency check: Machado, Oliveira & Fernandes (2009), "A Physiologically-
    //! based Model for Simulation of Color Vision Deficiency", severity 1.0 matrices applied in
    //! linear sRGB; distances in CIEDE2000 (Sharma, Wu & Dalal 2005) on CIELAB under D65.
    use super::*;

    type Matrix = [[f64; 3]; 3];
    const PROTANOPIA: Matrix = [
        [0.152286, 1.052583, -0.204868],
        [0.114503, 0.786281, 0.099216],
        [-0.003882, -0.048116, 1.051998],
    ];
    const DEUTERANOPIA: Matrix = [
        [0.367322, 0.860646, -0.227968],
        [0.280085, 0.672501, 0.047413],
        [-0.011820, 0.042940, 0.968881],
    ];
    const TRITANOPIA: Matrix = [
        [1.255528, -0.076749, -0.178779],
        [-0.078411, 0.930809, 0.147602],
        [0.004733, 0.691367, 0.303900],
    ];
    const IDENTITY: Matrix = [[1.0, 0.0, 0.0], [0.0, 1.0, 0.0], [0.0, 0.0, 1.0]];

    fn linear(channel: u8) -> f64 {
        let c = f64::from(channel) / 255.0;
        if c <= 0.04045 {
            c / 12.92
        } else {
            ((c + 0.055) / 1.055).powf(2.4)
        }
    }

    /// CIELAB (D65) of `color` as seen with the deficiency `matrix`.
    fn lab_seen(color: Color32, matrix: &Matrix) -> [f64; 3] {
        let rgb = [linear(color.r()), linear(color.g()), linear(color.b())];
        let seen: Vec<f64> = matrix
            .iter()
            .map(|row| (row[0] * rgb[0] + row[1] * rgb[1] + row[2] * rgb[2]).clamp(0.0, 1.0))
            .collect();
        let (r, g, b) = (seen[0], seen[1], seen[2]);
        let x = 0.4124564 * r + 0.3575761 * g + 0.1804375 * b;
        let y = 0.2126729 * r + 0.7151522 * g + 0.0721750 * b;
        let z = 0.0193339 * r + 0.1191920 * g + 0.9503041 * b;
        let f = |t: f64| {
            if t > 216.0 / 24389.0 {
                t.cbrt()
            } else {
                (24389.0 / 27.0 * t + 16.0) / 116.0
            }
        };
        let (fx, fy, fz) = (f(x / 0.95047), f(y), f(z / 1.08883));
        [116.0 * fy - 16.0, 500.0 * (fx - fy), 200.0 * (fy - fz)]
    }

    fn ciede2000([l1, a1, b1]: [f64; 3], [l2, a2, b2]: [f64; 3]) -> f64 {
        let (c1, c2) = (a1.hypot(b1), a2.hypot(b2));
        let c_mean = (c1 + c2) / 2.0;
        let g = 0.5 * (1.0 - (c_mean.powi(7) / (c_mean.powi(7) + 25f64.powi(7))).sqrt());
        let (a1p, a2p) = ((1.0 + g) * a1, (1.0 + g) * a2);
        let (c1p, c2p) = (a1p.hypot(b1), a2p.hypot(b2));
        let hue = |b: f64, a: f64| b.atan2(a).to_degrees().rem_euclid(360.0);
        let (h1p, h2p) = (hue(b1, a1p), hue(b2, a2p));
        let dl = l2 - l1;
        let dc = c2p - c1p;
        let dh_angle = if c1p * c2p == 0.0 {
            0.0
        } else {
            let d = h2p - h1p;
            if d > 180.0 {
                d - 360.0
            } else if d < -180.0 {
                d + 360.0
            } else {
                d
            }
        };
        let dh = 2.0 * (c1p * c2p).sqrt() * (dh_angle / 2.0).to_radians().sin();
        let l_mean = (l1 + l2) / 2.0;
        let cp_mean = (c1p + c2p) / 2.0;
        let h_mean = if c1p * c2p == 0.0 {
            h1p + h2p
        } else if (h1p - h2p).abs() > 180.0 {
            if h1p + h2p < 360.0 {
                (h1p + h2p + 360.0) / 2.0
            } else {
                (h1p + h2p - 360.0) / 2.0
            }
        } else {
            (h1p + h2p) / 2.0
        };
        let cos = |deg: f64| deg.to_radians().cos();
        let t = 1.0 - 0.17 * cos(h_mean - 30.0)
            + 0.24 * cos(2.0 * h_mean)
            + 0.32 * cos(3.0 * h_mean + 6.0)
            - 0.20 * cos(4.0 * h_mean - 63.0);
        let d_theta = 30.0 * (-((h_mean - 275.0) / 25.0).powi(2)).exp();
        let rc = 2.0 * (cp_mean.powi(7) / (cp_mean.powi(7) + 25f64.powi(7))).sqrt();
        let sl = 1.0 + 0.015 * (l_mean - 50.0).powi(2) / (20.0 + (l_mean - 50.0).powi(2)).sqrt();
        let sc = 1.0 + 0.045 * cp_mean;
        let sh = 1.0 + 0.015 * cp_mean * t;
        let rt = -(2.0 * d_theta).to_radians().sin() * rc;
        ((dl / sl).powi(2) + (dc / sc).powi(2) + (dh / sh).powi(2) + rt * (dc / sc) * (dh / sh))
            .sqrt()
    }

    #[test]
    fn ciede2000_matches_the_published_test_pairs() {
        // Sharma, Wu & Dalal (2005), table 1, pairs 1, 7 and 17.
        let pairs = [
            ([50.0, 2.6772, -79.7751], [50.0, 0.0, -82.7485], 2.0425),
            ([50.0, 0.0, 0.0], [50.0, -1.0, 2.0], 2.3669),
            ([50.0, 2.5, 0.0], [73.0, 25.0, -18.0], 27.1492),
        ];
        for (a, b, expected) in pairs {
            let got = ciede2000(a, b);
            assert!((got - expected).abs() < 1e-3, "{got} vs {expected}");
        }
    }

    #[test]
    fn event_kinds_stay_apart_from_factions_the_basemap_and_each_other_under_colour_blindness() {
        let scenario = crate::io::builtin_scenario()
            .unwrap_or_else(|e| panic!("{e}"))
            .scenario;
        let factions: Vec<(String, Color32)> = scenario
            .factions
            .iter()
            .map(|f| (f.name.clone(), faction_color(&scenario, &f.id)))
            .collect();
        assert!(factions.len() >= 4);
        let ground = [
            ("sea", MAP_BACKGROUND),
            ("land", Color32::from_rgb(0xef, 0xee, 0xe9)),
        ];
        let kinds: Vec<(String, Color32)> = EventKind::ALL
            .iter()
            .map(|&kind| (kind.label().to_string(), event_color(kind)))
            .collect();
        const MIN_DISTANCE: f64 = 10.0;
        for (vision, matrix) in [
            ("normal", IDENTITY),
            ("protanopia", PROTANOPIA),
            ("deuteranopia", DEUTERANOPIA),
            ("tritanopia", TRITANOPIA),
        ] {
            for (i, (kind, color)) in kinds.iter().enumerate() {
                let others = factions
                    .iter()
                    .map(|(n, c)| (n.as_str(), *c))
                    .chain(ground.iter().copied())
                    .chain(kinds[i + 1..].iter().map(|(n, c)| (n.as_str(), *c)));
                for (other, other_color) in others {
                    let distance =
                        ciede2000(lab_seen(*color, &matrix), lab_seen(other_color, &matrix));
                    assert!(
                        distance >= MIN_DISTANCE,
                        "{vision}: {kind} and {other} are {distance:.1} apart"
                    );
                }
            }
        }
    }

    /// Relative luminance (WCAG) of an opaque colour.
    fn luminance(color: Color32) -> f64 {
        let channel = |c: u8| {
            let c = f64::from(c) / 255.0;
            if c <= 0.04045 {
                c / 12.92
            } else {
                ((c + 0.055) / 1.055).powf(2.4)
            }
        };
        0.2126 * channel(color.r()) + 0.7152 * channel(color.g()) + 0.0722 * channel(color.b())
    }

    #[test]
    fn labels_follow_the_look_and_stay_readable_on_their_halo_in_both() {
        let ctx = egui::Context::default();
        for (look, dark) in [(egui::Theme::Light, false), (egui::Theme::Dark, true)] {
            ctx.set_theme(look);
            let (text, halo) = (label_text(&ctx), label_halo(&ctx));
            let (text_light, halo_light) = (luminance(text), luminance(halo.to_opaque()));
            // Dark mode writes light text on a dark halo, and light mode the other way round.
            assert_eq!(text_light > halo_light, dark, "{look:?}");
            let contrast =
                (text_light.max(halo_light) + 0.05) / (text_light.min(halo_light) + 0.05);
            assert!(contrast >= 7.0, "{look:?}: contrast {contrast:.1}");
        }
    }
}
