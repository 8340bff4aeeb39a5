//! A symbol's drawing as egui shapes, at any size, with its text amplifiers.

use super::Symbol;
use super::geometry::{Drawing, Ink, Outline, drawing};
use super::path_data::SubPath;
use egui::{Align2, Color32, FontId, Painter, Pos2, Rect, Shape, Stroke, epaint::Mesh};

/// How frames are filled.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum FillMode {
    /// The standard's colour for the identity.
    Standard,
    /// A faction's own colour.
    Faction(Color32),
}

/// The text around a symbol.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Amplifiers {
    /// Unique designation (field T), lower left.
    pub designation: Option<String>,
    /// Higher formation (field M), lower right.
    pub higher_formation: Option<String>,
    /// Strength, such as "~200" (additional information, field H), right, below the middle.
    pub strength: Option<String>,
    /// Date-time group (field W), upper left.
    pub date_time_group: Option<String>,
}

/// Font size of amplifiers in symbol units, as milsymbol's.
const AMPLIFIER_SIZE: f32 = 40.0;

/// Places a point of the symbol space on the screen: `center` is the frame centre, and one
/// symbol unit is `size_px / 100` points.
fn place(p: Pos2, center: Pos2, size_px: f32) -> Pos2 {
    center + (p - Pos2::new(100.0, 100.0)) * (size_px / 100.0)
}

fn color(ink: Ink, fill: FillMode, symbol: &Symbol) -> Color32 {
    match ink {
        Ink::Icon => Color32::BLACK,
        Ink::White => Color32::WHITE,
        Ink::Frame => match fill {
            FillMode::Standard => symbol.identity.fill_color(),
            FillMode::Faction(color) => color,
        },
    }
}

/// The shapes of a symbol, text icons and amplifiers excluded (they need fonts: see
/// [`paint_symbol`]). Closed fills are fans from the centre of their points, right for the
/// star-shaped outlines of frames and icons.
pub fn symbol_shapes(symbol: &Symbol, center: Pos2, size_px: f32, fill: FillMode) -> Vec<Shape> {
    let drawing = drawing(symbol);
    outline_shapes(&drawing, symbol, center, size_px, fill)
}

fn outline_shapes(
    drawing: &Drawing,
    symbol: &Symbol,
    center: Pos2,
    size_px: f32,
    fill: FillMode,
) -> Vec<Shape> {
    let scale = size_px / 100.0;
    let mut shapes = Vec::new();
    for outline in &drawing.outlines {
        let Outline {
            paths,
            fill: fill_ink,
            stroke,
            dash,
        } = outline;
        for path in paths {
            let points: Vec<Pos2> = path
                .points
                .iter()
                .map(|p| place(*p, center, size_px))
                .collect();
            if let Some(ink) = fill_ink {
                shapes.push(fan(&points, color(*ink, fill, symbol)));
            }
            if let Some((ink, width)) = stroke {
                let stroke = Stroke::new(width * scale, color(*ink, fill, symbol));
                let mut line = points.clone();
                if path.closed
                    && let Some(first) = points.first()
                {
                    line.push(*first);
                }
                match dash {
                    Some((on, off)) => {
                        shapes.extend(Shape::dashed_line(&line, stroke, on * scale, off * scale));
                    }
                    None => shapes.push(Shape::line(line, stroke)),
                }
            }
        }
    }
    shapes
}

fn fan(points: &[Pos2], color: Color32) -> Shape {
    let mut mesh = Mesh::default();
    if points.len() < 3 {
        return Shape::Noop;
    }
    let sum = points
        .iter()
        .fold(egui::Vec2::ZERO, |acc, p| acc + p.to_vec2());
    let middle = (sum / points.len() as f32).to_pos2();
    mesh.colored_vertex(middle, color);
    for p in points {
        mesh.colored_vertex(*p, color);
    }
    let n = points.len() as u32;
    for i in 0..n {
        mesh.add_triangle(0, 1 + i, 1 + (i + 1) % n);
    }
    Shape::mesh(mesh)
}

/// Paints a symbol with its frame centre at `center`, `size_px` being milsymbol's "size" (the
/// friendly land unit frame is 1.5 × `size_px` wide). Returns the screen rectangle it covers.
pub fn paint_symbol(
    painter: &Painter,
    symbol: &Symbol,
    center: Pos2,
    size_px: f32,
    fill: FillMode,
    amplifiers: &Amplifiers,
) -> Rect {
    let drawing = drawing(symbol);
    painter.extend(outline_shapes(&drawing, symbol, center, size_px, fill));
    let scale = size_px / 100.0;
    for text in &drawing.texts {
        // The standard's letters are bold; egui's font is not, so they are painted a little
        // apart a few times.
        let weight = 1.5 * scale;
        let offsets = [-weight, 0.0, weight];
        for offset in offsets
            .iter()
            .flat_map(|x| offsets.iter().map(move |y| (*x, *y)))
        {
            painter.text(
                place(text.center, center, size_px) + egui::vec2(offset.0, offset.1),
                Align2::CENTER_CENTER,
                text.text,
                FontId::proportional(text.size * scale * 1.2),
                Color32::BLACK,
            );
        }
    }
    let covered = Rect::from_min_max(
        place(drawing.bounds.min, center, size_px),
        place(drawing.bounds.max, center, size_px),
    );
    covered.union(paint_amplifiers(
        painter, symbol, center, size_px, amplifiers, None,
    ))
}

/// Paints the text amplifiers of a symbol painted at `center` and `size_px`, each on a
/// `halo` when given (so text over a neighbouring symbol stays legible). Returns the screen
/// rectangle they cover (`Rect::NOTHING` for none).
pub fn paint_amplifiers(
    painter: &Painter,
    symbol: &Symbol,
    center: Pos2,
    size_px: f32,
    amplifiers: &Amplifiers,
    halo: Option<Color32>,
) -> Rect {
    let drawing = drawing(symbol);
    let scale = size_px / 100.0;
    let mut covered = Rect::NOTHING;
    let font = FontId::proportional((AMPLIFIER_SIZE * scale).max(9.0));
    // milsymbol's grid: columns 20 units outside the frame, four rows whose baselines lie 60
    // and 20 units above and below the centre; the glyphs' middle is 14 units above a baseline.
    let frame = drawing.frame_bounds;
    let (left, right) = (frame.min.x - 20.0, frame.max.x + 20.0);
    let row = |baseline: f32| 100.0 + baseline - 14.0;
    let slots = [
        (
            &amplifiers.date_time_group,
            Pos2::new(left, row(-60.0)),
            Align2::RIGHT_CENTER,
        ),
        (
            &amplifiers.designation,
            Pos2::new(left, row(60.0)),
            Align2::RIGHT_CENTER,
        ),
        (
            &amplifiers.strength,
            Pos2::new(right, row(20.0)),
            Align2::LEFT_CENTER,
        ),
        (
            &amplifiers.higher_formation,
            Pos2::new(right, row(60.0)),
            Align2::LEFT_CENTER,
        ),
    ];
    for (text, pos, align) in slots {
        if let Some(text) = text.as_deref().filter(|t| !t.is_empty()) {
            let galley = painter.layout_no_wrap(text.to_owned(), font.clone(), Color32::BLACK);
            let rect = align.anchor_size(place(pos, center, size_px), galley.size());
            if let Some(halo) = halo {
                painter.rect_filled(rect.expand(1.5), 2.0, halo);
            }
            painter.galley(rect.min, galley, Color32::BLACK);
            covered = covered.union(rect);
        }
    }
    covered
}

/// The closed outline of the frame on screen, for hit tests and halos.
pub fn frame_points(symbol: &Symbol, center: Pos2, size_px: f32) -> Vec<Pos2> {
    let drawing = drawing(symbol);
    drawing
        .outlines
        .first()
        .and_then(|o| o.paths.first())
        .map(|p: &SubPath| {
            p.points
                .iter()
                .map(|q| place(*q, center, size_px))
                .collect()
        })
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::symbology::{Function, StandardIdentity};

    #[test]
    fn shapes_scale_with_the_size_and_fill_follows_the_mode() {
        let symbol = Symbol::new(StandardIdentity::Friend, Function::Infantry);
        let bounds = |size: f32| {
            symbol_shapes(&symbol, Pos2::new(500.0, 500.0), size, FillMode::Standard)
                .iter()
                .map(Shape::visual_bounding_rect)
                .fold(Rect::NOTHING, Rect::union)
        };
        let small = bounds(40.0);
        let big = bounds(400.0);
        assert!(
            (big.width() / small.width() - 10.0).abs() < 0.5,
            "{small:?} {big:?}"
        );
        assert!((small.width() - 40.0 * 1.5).abs() < 3.0, "{small:?}");
        let faction = Color32::from_rgb(1, 2, 3);
        let shapes = symbol_shapes(&symbol, Pos2::ZERO, 40.0, FillMode::Faction(faction));
        let has = |shapes: &[Shape], c: Color32| {
            shapes
                .iter()
                .any(|s| matches!(s, Shape::Mesh(m) if m.vertices.iter().any(|v| v.color == c)))
        };
        assert!(has(&shapes, faction));
        let standard = symbol_shapes(&symbol, Pos2::ZERO, 40.0, FillMode::Standard);
        assert!(has(&standard, StandardIdentity::Friend.fill_color()));
        assert!(!has(&standard, faction));
    }
}
