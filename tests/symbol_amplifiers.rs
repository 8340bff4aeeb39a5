//! Our text amplifiers against milsymbol's, field by field.
//!
//! `tools/symbols/amplifiers.js` renders a friendly infantry unit with milsymbol, once bare and
//! once with each field alone, into `tests/fixtures/symbols/amplifiers/`. Here we draw the
//! same through egui and wgpu at the same size, take the ink the text adds (ink of the picture
//! with the field, not within a pixel of ink of the bare picture), and compare where it stands
//! in symbol units from the frame centre: the edge the text is anchored to (its right edge left
//! of the frame, its left edge right of it) within 8 units, its vertical middle within 8
//! units, and its height within a third. The glyphs differ (DejaVu Sans Bold there, egui's
//! font here), so their shapes are not compared.

use deploymap::symbology::{Amplifiers, FillMode, paint_symbol, parse_sidc};
use egui_kittest::Harness;

#[derive(serde::Deserialize)]
struct Manifest {
    milsymbol: String,
    size: f32,
    code: String,
    amplifiers: Vec<Reference>,
}

#[derive(serde::Deserialize)]
struct Reference {
    field: String,
    text: String,
    file: String,
    centre_x: f32,
    centre_y: f32,
}

fn fixtures() -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/symbols/amplifiers")
}

fn is_ink(pixel: [u8; 4]) -> bool {
    let alpha = f32::from(pixel[3]) / 255.0;
    let luma: f32 = [0.299, 0.587, 0.114]
        .iter()
        .enumerate()
        .map(|(i, w)| (f32::from(pixel[i]) * alpha + 255.0 * (1.0 - alpha)) * w)
        .sum();
    luma < 110.0
}

/// The box, in symbol units from the frame centre `(cx, cy)`, of the ink of `with` that is not
/// within a pixel of ink of `bare` (both placed with their frame centres at the same pixel).
fn added_ink_box(
    with: &image::RgbaImage,
    (cx, cy): (f32, f32),
    bare: &image::RgbaImage,
    (bx, by): (f32, f32),
    units_per_px: f32,
) -> egui::Rect {
    let bare_ink = |x: i64, y: i64| {
        let (x, y) = (x + (bx - cx) as i64, y + (by - cy) as i64);
        (-1..=1).any(|dy| {
            (-1..=1).any(|dx| {
                let (px, py) = (x + dx, y + dy);
                px >= 0
                    && py >= 0
                    && px < i64::from(bare.width())
                    && py < i64::from(bare.height())
                    && is_ink(bare.get_pixel(px as u32, py as u32).0)
            })
        })
    };
    let mut rect = egui::Rect::NOTHING;
    for (x, y, pixel) in with.enumerate_pixels() {
        if is_ink(pixel.0) && !bare_ink(i64::from(x), i64::from(y)) {
            let at = egui::pos2(
                (x as f32 - cx) * units_per_px,
                (y as f32 - cy) * units_per_px,
            );
            rect.extend_with(at);
        }
    }
    rect
}

#[test]
fn each_amplifier_stands_where_milsymbol_puts_it() {
    let text = std::fs::read_to_string(fixtures().join("amplifiers.json"))
        .unwrap_or_else(|e| panic!("amplifiers.json: {e}"));
    let manifest: Manifest =
        serde_json::from_str(&text).unwrap_or_else(|e| panic!("amplifiers.json: {e}"));
    assert!(!manifest.milsymbol.is_empty());
    let symbol = parse_sidc(&manifest.code).unwrap_or_else(|e| panic!("{e}"));
    let size = manifest.size;
    // At size 100 one unit of the 200-unit symbol box is one pixel, in both pictures.
    let units_per_px = 100.0 / size;
    let canvas = egui::vec2(420.0, 220.0);
    let centre = egui::pos2(210.0, 110.0);
    let mut harness = Harness::builder()
        .with_size(canvas)
        .with_pixels_per_point(1.0)
        .wgpu()
        .build_ui_state(
            |ui, amplifiers: &mut Amplifiers| {
                let painter = ui.painter();
                painter.rect_filled(ui.ctx().content_rect(), 0.0, egui::Color32::WHITE);
                paint_symbol(
                    painter,
                    &symbol,
                    centre,
                    size,
                    FillMode::Standard,
                    amplifiers,
                );
            },
            Amplifiers::default(),
        );
    harness.run();
    let our_bare = harness.render().unwrap_or_else(|e| panic!("{e}"));
    let bare_reference = manifest
        .amplifiers
        .iter()
        .find(|r| r.field == "none")
        .unwrap_or_else(|| panic!("no bare reference"));
    let their_bare = image::open(fixtures().join(&bare_reference.file))
        .unwrap_or_else(|e| panic!("{e}"))
        .to_rgba8();
    let mut compared = 0;
    for reference in manifest.amplifiers.iter().filter(|r| r.field != "none") {
        let mut amplifiers = Amplifiers::default();
        let slot = match reference.field.as_str() {
            "designation" => &mut amplifiers.designation,
            "higher_formation" => &mut amplifiers.higher_formation,
            "strength" => &mut amplifiers.strength,
            "date_time_group" => &mut amplifiers.date_time_group,
            other => panic!("unknown field {other}"),
        };
        *slot = Some(reference.text.clone());
        *harness.state_mut() = amplifiers;
        harness.run();
        let ours = harness.render().unwrap_or_else(|e| panic!("{e}"));
        let theirs = image::open(fixtures().join(&reference.file))
            .unwrap_or_else(|e| panic!("{}: {e}", reference.file))
            .to_rgba8();
        let our_box = added_ink_box(
            &ours,
            (centre.x, centre.y),
            &our_bare,
            (centre.x, centre.y),
            units_per_px,
        );
        let their_box = added_ink_box(
            &theirs,
            (reference.centre_x, reference.centre_y),
            &their_bare,
            (bare_reference.centre_x, bare_reference.centre_y),
            units_per_px,
        );
        assert!(
            our_box.is_positive() && their_box.is_positive(),
            "{}: no text ({our_box:?} vs {their_box:?})",
            reference.field
        );
        let left_of_frame = their_box.max.x < 0.0;
        let (our_edge, their_edge) = if left_of_frame {
            (our_box.max.x, their_box.max.x)
        } else {
            (our_box.min.x, their_box.min.x)
        };
        assert_eq!(
            our_box.max.x < 0.0,
            left_of_frame,
            "{}: on the other side ({our_box:?} vs {their_box:?})",
            reference.field
        );
        assert!(
            (our_edge - their_edge).abs() <= 8.0,
            "{}: anchored edge at {our_edge}, milsymbol {their_edge}",
            reference.field
        );
        assert!(
            (our_box.center().y - their_box.center().y).abs() <= 8.0,
            "{}: middle at {}, milsymbol {} ({our_box:?} vs {their_box:?})",
            reference.field,
            our_box.center().y,
            their_box.center().y
        );
        let height_ratio = our_box.height() / their_box.height();
        assert!(
            (0.67..=1.5).contains(&height_ratio),
            "{}: height {} vs {}",
            reference.field,
            our_box.height(),
            their_box.height()
        );
        compared += 1;
    }
    assert_eq!(compared, 4);
}
