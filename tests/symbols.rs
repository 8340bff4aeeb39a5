//! Our APP-6 / MIL-STD-2525 symbols against milsymbol's, code by code.
//!
//! `tools/symbols/render.js` renders every supported code with milsymbol into
//! `tests/fixtures/symbols/` (PNG + manifest.json). Here each code is parsed by our reader,
//! drawn by our painter through egui and wgpu at the same size, and the two pictures are
//! compared by their ink: the dark pixels of frame outline, icon and modifiers.
//!
//! The metric is the IoU of the ink with a tolerance of one pixel: a dark pixel of one
//! picture counts as shared when the other has a dark pixel within one pixel of it (line
//! edges of two anti-aliasing renderers differ by that much). It must be at least 0.85 for
//! every code. The frame silhouette (everything not background) must match with a plain IoU
//! of at least 0.90.
//!
//! Letter icons ("MP", "SEC", "SOF") are set in bold Arial by the standard; the references
//! use DejaVu Sans Bold and we use egui's font, so their glyphs cannot match pixel for pixel.
//! For those codes the ink IoU is taken outside the letters' box, and the letters must fill
//! the same box: the IoU of the bounding boxes of the ink inside it at least 0.75.

use deploymap::symbology::{FillMode, Function, geometry, paint_symbol, parse_sidc};
use egui_kittest::Harness;

const MARGIN: f32 = 10.0;
const CANVAS: f32 = 320.0;
const MIN_INK_IOU: f64 = 0.85;
const MIN_SILHOUETTE_IOU: f64 = 0.90;
const MIN_LETTER_BOX_IOU: f64 = 0.75;

#[derive(serde::Deserialize)]
struct Manifest {
    milsymbol: String,
    size: f32,
    symbols: Vec<Reference>,
}

#[derive(serde::Deserialize)]
struct Reference {
    code: String,
    file: String,
    width: u32,
    height: u32,
    centre_x: f32,
    centre_y: f32,
}

fn fixtures() -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/symbols")
}

fn manifest() -> Manifest {
    let text = std::fs::read_to_string(fixtures().join("manifest.json"))
        .unwrap_or_else(|e| panic!("manifest.json: {e}"));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("manifest.json: {e}"))
}

/// Dark: the ink of lines and icons, not the light fills or the background.
fn is_ink(pixel: [u8; 4]) -> bool {
    let alpha = f64::from(pixel[3]) / 255.0;
    // Composite on white.
    let luma = [0, 1, 2]
        .map(|i| f64::from(pixel[i]) * alpha + 255.0 * (1.0 - alpha))
        .iter()
        .zip([0.299, 0.587, 0.114])
        .map(|(c, w)| c * w)
        .sum::<f64>();
    luma < 110.0
}

fn is_painted(pixel: [u8; 4]) -> bool {
    let alpha = f64::from(pixel[3]) / 255.0;
    [0, 1, 2]
        .map(|i| f64::from(pixel[i]) * alpha + 255.0 * (1.0 - alpha))
        .iter()
        .any(|c| *c < 235.0)
}

struct Mask {
    width: u32,
    height: u32,
    bits: Vec<bool>,
}

impl Mask {
    fn get(&self, x: i64, y: i64) -> bool {
        x >= 0
            && y >= 0
            && x < i64::from(self.width)
            && y < i64::from(self.height)
            && self.bits[(y * i64::from(self.width) + x) as usize]
    }
    fn near(&self, x: i64, y: i64) -> bool {
        (-1..=1).any(|dy| (-1..=1).any(|dx| self.get(x + dx, y + dy)))
    }
    fn count(&self) -> usize {
        self.bits.iter().filter(|b| **b).count()
    }
}

fn mask(
    image: &image::RgbaImage,
    x0: u32,
    y0: u32,
    w: u32,
    h: u32,
    test: fn([u8; 4]) -> bool,
) -> Mask {
    let mut bits = Vec::with_capacity((w * h) as usize);
    for y in 0..h {
        for x in 0..w {
            let inside = x0 + x < image.width() && y0 + y < image.height();
            bits.push(inside && test(image.get_pixel(x0 + x, y0 + y).0));
        }
    }
    Mask {
        width: w,
        height: h,
        bits,
    }
}

fn tolerant_iou(a: &Mask, b: &Mask) -> f64 {
    let shared = |from: &Mask, to: &Mask| {
        let mut n = 0usize;
        for y in 0..i64::from(from.height) {
            for x in 0..i64::from(from.width) {
                if from.get(x, y) && to.near(x, y) {
                    n += 1;
                }
            }
        }
        n as f64
    };
    let (count_a, count_b) = (a.count() as f64, b.count() as f64);
    if count_a + count_b == 0.0 {
        return 1.0;
    }
    let intersection = (shared(a, b) + shared(b, a)) / 2.0;
    intersection / (count_a + count_b - intersection)
}

/// Clears a box of the mask and returns the bounding box of the ink that was in it.
fn cut_box(mask: &mut Mask, x0: i64, y0: i64, x1: i64, y1: i64) -> Option<[i64; 4]> {
    let mut bounds: Option<[i64; 4]> = None;
    for y in y0.max(0)..y1.min(i64::from(mask.height)) {
        for x in x0.max(0)..x1.min(i64::from(mask.width)) {
            let i = (y * i64::from(mask.width) + x) as usize;
            if mask.bits[i] {
                mask.bits[i] = false;
                bounds = Some(match bounds {
                    None => [x, y, x + 1, y + 1],
                    Some([a, b, c, d]) => [a.min(x), b.min(y), c.max(x + 1), d.max(y + 1)],
                });
            }
        }
    }
    bounds
}

fn box_iou(a: Option<[i64; 4]>, b: Option<[i64; 4]>) -> f64 {
    let (Some(a), Some(b)) = (a, b) else {
        return 0.0;
    };
    let area = |r: [i64; 4]| ((r[2] - r[0]).max(0) * (r[3] - r[1]).max(0)) as f64;
    let inter = area([
        a[0].max(b[0]),
        a[1].max(b[1]),
        a[2].min(b[2]),
        a[3].min(b[3]),
    ]);
    inter / (area(a) + area(b) - inter)
}

fn plain_iou(a: &Mask, b: &Mask) -> f64 {
    let both = a
        .bits
        .iter()
        .zip(&b.bits)
        .filter(|(x, y)| **x && **y)
        .count() as f64;
    let either = a
        .bits
        .iter()
        .zip(&b.bits)
        .filter(|(x, y)| **x || **y)
        .count() as f64;
    if either == 0.0 { 1.0 } else { both / either }
}

#[test]
fn every_supported_code_matches_the_reference_renderer() {
    let manifest = manifest();
    assert!(
        manifest.symbols.len() >= 100,
        "{} codes",
        manifest.symbols.len()
    );
    assert!(!manifest.milsymbol.is_empty());
    let size = manifest.size;
    let mut harness = Harness::builder()
        .with_size(egui::vec2(CANVAS, CANVAS))
        .with_pixels_per_point(1.0)
        .wgpu()
        .build_ui_state(
            |ui, state: &mut Option<(deploymap::symbology::Symbol, egui::Pos2)>| {
                let painter = ui.painter();
                painter.rect_filled(ui.ctx().content_rect(), 0.0, egui::Color32::WHITE);
                if let Some((symbol, centre)) = state {
                    paint_symbol(
                        painter,
                        symbol,
                        *centre,
                        size,
                        FillMode::Standard,
                        &Default::default(),
                    );
                }
            },
            None,
        );
    let mut failures = Vec::new();
    let mut functions_seen = std::collections::HashSet::new();
    let mut worst = (1.0_f64, String::new());
    for reference in &manifest.symbols {
        let symbol = parse_sidc(&reference.code).unwrap_or_else(|e| panic!("{e}"));
        functions_seen.insert(symbol.function);
        let centre = egui::pos2(MARGIN + reference.centre_x, MARGIN + reference.centre_y);
        *harness.state_mut() = Some((symbol, centre));
        harness.run();
        let ours = harness.render().unwrap_or_else(|e| panic!("{e}"));
        let theirs = image::open(fixtures().join(&reference.file))
            .unwrap_or_else(|e| panic!("{}: {e}", reference.file))
            .to_rgba8();
        let (w, h) = (
            reference.width.min(theirs.width()),
            reference.height.min(theirs.height()),
        );
        let m = MARGIN as u32;
        let mut our_ink = mask(&ours, m, m, w, h, is_ink);
        let mut their_ink = mask(&theirs, 0, 0, w, h, is_ink);
        let mut letters = 1.0;
        if !geometry::drawing(&symbol).texts.is_empty() {
            // The letters' box: symbol units x 52…148, y 72…132 around the centre (100, 100).
            let (cx, cy) = (reference.centre_x as i64, reference.centre_y as i64);
            let cut = |mask: &mut Mask| cut_box(mask, cx - 48, cy - 28, cx + 48, cy + 32);
            letters = box_iou(cut(&mut our_ink), cut(&mut their_ink));
        }
        let ink = tolerant_iou(&our_ink, &their_ink);
        let silhouette = plain_iou(
            &mask(&ours, m, m, w, h, is_painted),
            &mask(&theirs, 0, 0, w, h, is_painted),
        );
        if ink < worst.0 {
            worst = (ink, reference.code.clone());
        }
        if ink < MIN_INK_IOU || silhouette < MIN_SILHOUETTE_IOU || letters < MIN_LETTER_BOX_IOU {
            failures.push(format!(
                "{} ({:?}): ink IoU {ink:.3}, silhouette IoU {silhouette:.3}, letter box IoU {letters:.3}",
                reference.code, symbol.function
            ));
            if std::env::var_os("SYMBOLS_DUMP").is_some() {
                let _ =
                    ours.save(std::env::temp_dir().join(format!("ours-{}.png", reference.code)));
            }
        }
    }
    println!(
        "{} codes; worst ink IoU {:.3} for {}",
        manifest.symbols.len(),
        worst.0,
        worst.1
    );
    assert!(
        failures.is_empty(),
        "{} of {} codes differ:\n{}",
        failures.len(),
        manifest.symbols.len(),
        failures.join("\n")
    );
    // Every function we draw is among the references.
    let all = [
        Function::Infantry,
        Function::MechanisedInfantry,
        Function::Armour,
        Function::Reconnaissance,
        Function::Artillery,
        Function::AirDefence,
        Function::RotaryWingAviation,
        Function::FixedWingAviation,
        Function::SpecialOperations,
        Function::MilitaryPolice,
        Function::Security,
        Function::Engineer,
        Function::Supply,
        Function::Transportation,
        Function::Medical,
        Function::Signal,
        Function::CommandAndControl,
        Function::MilitaryBase,
        Function::Airport,
        Function::NavalBase,
        Function::MilitaryFixedWing,
        Function::MilitaryRotaryWing,
        Function::SurfaceCombatant,
        Function::Unknown,
    ];
    for function in all {
        assert!(
            functions_seen.contains(&function),
            "{function:?} has no reference"
        );
    }
}

#[test]
fn a_different_symbol_fails_the_comparison() {
    // The metric can fail: infantry drawn where the reference shows armour.
    let manifest = manifest();
    let armour = manifest
        .symbols
        .iter()
        .find(|r| r.code == "10031000001205000000")
        .unwrap_or_else(|| panic!("no friendly armour reference"));
    let size = manifest.size;
    let centre = egui::pos2(MARGIN + armour.centre_x, MARGIN + armour.centre_y);
    let mut harness = Harness::builder()
        .with_size(egui::vec2(CANVAS, CANVAS))
        .with_pixels_per_point(1.0)
        .wgpu()
        .build_ui(move |ui| {
            let painter = ui.painter();
            painter.rect_filled(ui.ctx().content_rect(), 0.0, egui::Color32::WHITE);
            let infantry = parse_sidc("10031000001211000000").unwrap_or_else(|e| panic!("{e}"));
            paint_symbol(
                painter,
                &infantry,
                centre,
                size,
                FillMode::Standard,
                &Default::default(),
            );
        });
    harness.run();
    let ours = harness.render().unwrap_or_else(|e| panic!("{e}"));
    let theirs = image::open(fixtures().join(&armour.file))
        .unwrap_or_else(|e| panic!("{e}"))
        .to_rgba8();
    let m = MARGIN as u32;
    let ink = tolerant_iou(
        &mask(&ours, m, m, armour.width, armour.height, is_ink),
        &mask(&theirs, 0, 0, armour.width, armour.height, is_ink),
    );
    assert!(ink < MIN_INK_IOU, "infantry passed as armour: {ink:.3}");
}
