//! Frames, icons and modifiers as outlines in a 200 × 200 symbol space whose centre (100, 100)
//! is the centre of the frame. One unit is one pixel at symbol size 100.

use super::path_data::{SubPath, parse};
use super::{Echelon, FrameFamily, Function, Symbol, SymbolSet};
use egui::{Pos2, Rect, pos2};

/// Which colour a part is painted in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Ink {
    /// The frame fill: the identity's colour, or the faction's.
    Frame,
    /// Black lines and icons.
    Icon,
    /// White, for the gaps of dashed frames.
    White,
}

/// A set of paths painted the same way.
#[derive(Clone, Debug, PartialEq)]
pub struct Outline {
    /// The paths.
    pub paths: Vec<SubPath>,
    /// Fill of the closed paths, if any.
    pub fill: Option<Ink>,
    /// Stroke, with its width in symbol units.
    pub stroke: Option<(Ink, f32)>,
    /// Dash and gap lengths in symbol units, for dashed strokes.
    pub dash: Option<(f32, f32)>,
}

/// Text inside the frame (icons such as "MP").
#[derive(Clone, Debug, PartialEq)]
pub struct IconText {
    /// Centre of the text.
    pub center: Pos2,
    /// The letters.
    pub text: &'static str,
    /// Font size in symbol units.
    pub size: f32,
}

/// A symbol's drawing.
#[derive(Clone, Debug, PartialEq)]
pub struct Drawing {
    /// Painted in order.
    pub outlines: Vec<Outline>,
    /// Letters of text icons.
    pub texts: Vec<IconText>,
    /// The frame's bounds.
    pub frame_bounds: Rect,
    /// The bounds of everything, text amplifiers excluded.
    pub bounds: Rect,
}

/// Frame stroke width in symbol units.
pub const FRAME_STROKE: f32 = 4.0;
/// Icon stroke width in symbol units.
pub const ICON_STROKE: f32 = 3.0;

fn frame(set: SymbolSet, family: FrameFamily) -> (Vec<SubPath>, Rect) {
    let r = |x1: f32, y1: f32, x2: f32, y2: f32| Rect::from_min_max(pos2(x1, y1), pos2(x2, y2));
    let unknown = "M63,63 C63,20 137,20 137,63 C180,63 180,137 137,137 C137,180 63,180 63,137 C20,137 20,63 63,63 Z";
    let diamond = "M 100,28 L172,100 100,172 28,100 100,28 Z";
    let square = "M45,45 l110,0 0,110 -110,0 z";
    let (data, bounds) = match (set, family) {
        (SymbolSet::Air, FrameFamily::Hostile) => (
            "M 45,150 L45,70 100,20 155,70 155,150",
            r(45.0, 20.0, 155.0, 150.0),
        ),
        (SymbolSet::Air, FrameFamily::Friend) => (
            "M 155,150 C 155,50 115,30 100,30 85,30 45,50 45,150",
            r(45.0, 30.0, 155.0, 150.0),
        ),
        (SymbolSet::Air, FrameFamily::Neutral) => (
            "M 45,150 L 45,30,155,30,155,150",
            r(45.0, 30.0, 155.0, 150.0),
        ),
        (SymbolSet::Air, FrameFamily::Unknown) => (
            "M 65,150 c -55,0 -50,-90 0,-90 0,-50 70,-50 70,0 50,0 55,90 0,90",
            r(25.0, 20.0, 175.0, 150.0),
        ),
        (SymbolSet::SeaSurface, FrameFamily::Friend) => {
            return (
                vec![circle(pos2(100.0, 100.0), 60.0)],
                r(40.0, 40.0, 160.0, 160.0),
            );
        }
        (_, FrameFamily::Hostile) => (diamond, r(28.0, 28.0, 172.0, 172.0)),
        (_, FrameFamily::Neutral) => (square, r(45.0, 45.0, 155.0, 155.0)),
        (_, FrameFamily::Unknown) => (unknown, r(30.75, 30.75, 169.25, 169.25)),
        (_, FrameFamily::Friend) => ("M25,50 l150,0 0,100 -150,0 z", r(25.0, 50.0, 175.0, 150.0)),
    };
    (parse(data), bounds)
}

/// A circle as a closed polygon.
pub fn circle(center: Pos2, radius: f32) -> SubPath {
    let steps = 48;
    let points = (0..steps)
        .map(|i| {
            let angle = i as f32 / steps as f32 * std::f32::consts::TAU;
            center + egui::vec2(angle.cos(), angle.sin()) * radius
        })
        .collect();
    SubPath {
        points,
        closed: true,
    }
}

fn stroked(data: &str, width: f32) -> Outline {
    Outline {
        paths: parse(data),
        fill: None,
        stroke: Some((Ink::Icon, width)),
        dash: None,
    }
}

fn filled(paths: Vec<SubPath>, stroke: bool) -> Outline {
    Outline {
        paths,
        fill: Some(Ink::Icon),
        stroke: stroke.then_some((Ink::Icon, ICON_STROKE)),
        dash: None,
    }
}

/// Per frame family: the full-width diagonals and lines of infantry, signal and so on.
fn by_family(
    family: FrameFamily,
    unknown: &str,
    friend: &str,
    neutral: &str,
    hostile: &str,
) -> String {
    match family {
        FrameFamily::Unknown => unknown,
        FrameFamily::Friend => friend,
        FrameFamily::Neutral => neutral,
        FrameFamily::Hostile => hostile,
    }
    .to_owned()
}

fn text(letters: &'static str) -> IconText {
    let size = match letters.len() {
        3 => 39.0,
        n if n >= 4 => 33.0,
        _ => 45.0,
    };
    IconText {
        center: pos2(100.0, 101.0),
        text: letters,
        size,
    }
}

fn icon(
    function: Function,
    family: FrameFamily,
    frame_bounds: Rect,
) -> (Vec<Outline>, Vec<IconText>) {
    let w = ICON_STROKE;
    let infantry = || {
        stroked(
            &by_family(
                family,
                "M50,65L150,135M50,135L150,65",
                "M25,50 L175,150 M25,150 L175,50",
                "M45,45L155,155M45,155L155,45",
                "M60,70L140,130M60,130L140,70",
            ),
            w,
        )
    };
    let armour = || {
        stroked(
            "M125,80 C150,80 150,120 125,120 L75,120 C50,120 50,80 75,80 Z",
            w,
        )
    };
    let airport = || stroked("m 74,118 52,-36 m -53,22 h 54", w);
    match function {
        Function::Infantry => (vec![infantry()], vec![]),
        Function::MechanisedInfantry => (vec![armour(), infantry()], vec![]),
        Function::Armour => (vec![armour()], vec![]),
        Function::Reconnaissance => (
            vec![stroked(
                &by_family(
                    family,
                    "M50,135L150,65",
                    "M25,150L175,50",
                    "M45,155L155,45",
                    "M60,130L140,70",
                ),
                w,
            )],
            vec![],
        ),
        Function::Artillery => (
            vec![filled(vec![circle(pos2(100.0, 100.0), 15.0)], true)],
            vec![],
        ),
        Function::AirDefence => (
            vec![stroked(
                &by_family(
                    family,
                    "m 55,135 c 10,-20 80,-20 90,0",
                    "M25,150 C25,110 175,110 175,150",
                    "M45,150 C45,110 155,110 155,150",
                    "M70,140 C70,115 130,115 130,140",
                ),
                w,
            )],
            vec![],
        ),
        Function::RotaryWingAviation | Function::MilitaryRotaryWing => (
            vec![filled(
                parse("M60,85 l40,15 40,-15 0,30 -40,-15 -40,15 z"),
                false,
            )],
            vec![],
        ),
        Function::FixedWingAviation | Function::MilitaryFixedWing => (
            vec![filled(
                parse("M100,100 L130,88 c15,0 15,24 0,24 L100,100 70,112 c-15,0 -15,-24 0,-24 Z"),
                function == Function::MilitaryFixedWing,
            )],
            vec![],
        ),
        Function::SpecialOperations => (vec![], vec![text("SOF")]),
        Function::MilitaryPolice => (vec![], vec![text("MP")]),
        Function::Security => (vec![], vec![text("SEC")]),
        Function::Engineer => (
            vec![stroked("M 60,118 V 83 h 80 v 35 M 100,83 V 110", w)],
            vec![],
        ),
        Function::Supply => (
            vec![stroked(
                &by_family(
                    family,
                    "M35,120 l130,0",
                    "M25,120 l150,0",
                    "M45,120 l110,0",
                    "M50,120 l100,0",
                ),
                w,
            )],
            vec![],
        ),
        Function::Transportation => {
            let mut paths = vec![circle(pos2(100.0, 100.0), 18.4)];
            paths.extend(parse(
                "M 100,81.9 V 118 M 82.9,91.2 117,108 M 82.9,108 117,91.2",
            ));
            (
                vec![Outline {
                    paths,
                    fill: None,
                    stroke: Some((Ink::Icon, w)),
                    dash: None,
                }],
                vec![],
            )
        }
        Function::Medical => {
            let b = frame_bounds;
            let data = format!(
                "M100,{}L100,{}M{},100L{},100",
                b.min.y, b.max.y, b.min.x, b.max.x
            );
            (vec![stroked(&data, w)], vec![])
        }
        Function::Signal => (
            vec![stroked(
                &by_family(
                    family,
                    "M50,65 100,110 100,90 150,135",
                    "M25,50 100,110 100,90 175,150",
                    "M45,45 100,110 100,90 155,155",
                    "M57,70 100,110 100,90 143,130",
                ),
                w,
            )],
            vec![],
        ),
        Function::CommandAndControl => (vec![], vec![]),
        Function::AirBase | Function::Airport => (vec![airport()], vec![]),
        Function::MilitaryBase => (vec![stroked("m 75,85 50,30 m -50,0 50,-30", w)], vec![]),
        Function::NavalBase => {
            // The transportation wheel with a small anchor above it: a seaport.
            let (mut outlines, texts) = icon(Function::Transportation, family, frame_bounds);
            outlines.extend(naval_anchor(0.6, egui::vec2(0.0, -35.0)));
            (outlines, texts)
        }
        Function::SurfaceCombatant => (
            vec![filled(
                parse(
                    "m 100,120 -25,-17 15,2 0,-10 5,0 0,-5 -15,0 0,-5 15,0 0,-5 10,0 0,5 15,0 0,5 -15,0 0,5 5,0 0,10 15,-2 z",
                ),
                false,
            )],
            vec![],
        ),
        Function::Unknown => (vec![], vec![]),
    }
}

/// The anchor of the naval icon, scaled about the centre and moved.
fn naval_anchor(scale: f32, offset: egui::Vec2) -> Vec<Outline> {
    let transform = |paths: Vec<SubPath>| -> Vec<SubPath> {
        paths
            .into_iter()
            .map(|p| SubPath {
                points: p
                    .points
                    .iter()
                    .map(|q| pos2(100.0, 100.0) + (*q - pos2(100.0, 100.0)) * scale + offset)
                    .collect(),
                closed: p.closed,
            })
            .collect()
    };
    vec![
        Outline {
            paths: transform(parse(
                "m 105,85 c 0,2.8 -2.2,5 -5,5 -2.8,0 -5,-2.2 -5,-5 0,-2.8 2.2,-5 5,-5 2.8,0 5,2.2 5,5 z m -20,5 30,0 m -15,0 0,30",
            )),
            fill: None,
            stroke: Some((Ink::Icon, ICON_STROKE * scale)),
            dash: None,
        },
        Outline {
            paths: transform(parse(
                "m 114,110 -3,-2 7,-5 -1,9 -3,-2 c -8,12 -18.6,12 -28,0 l -3,2 -2,-10 8,6 -3,2 c 9.3,11 19,11 28,0 z",
            )),
            fill: Some(Ink::Icon),
            stroke: Some((Ink::Icon, ICON_STROKE * scale)),
            dash: None,
        },
    ]
}

fn echelon_mark(echelon: Echelon, top: f32) -> Vec<Outline> {
    let y = top - 10.0;
    let crosses = |starts: &[f32]| {
        let data: String = starts
            .iter()
            .map(|x| format!("M{x},{y} l25,-25 m0,25 l-25,-25 "))
            .collect();
        vec![stroked(&data, FRAME_STROKE)]
    };
    let bars = |xs: &[f32]| {
        let data: String = xs
            .iter()
            .map(|x| format!("M{x},{y} L{x},{} ", top - 35.0))
            .collect();
        vec![stroked(&data, FRAME_STROKE)]
    };
    let dots = |xs: &[f32]| {
        vec![filled(
            xs.iter()
                .map(|x| circle(pos2(*x, top - 20.0), 7.5))
                .collect(),
            true,
        )]
    };
    match echelon {
        Echelon::Team => vec![Outline {
            paths: {
                let mut paths = vec![circle(pos2(100.0, top - 20.0), 15.0)];
                paths.extend(parse(&format!("M80,{y} L120,{}", top - 30.0)));
                paths
            },
            fill: None,
            stroke: Some((Ink::Icon, FRAME_STROKE)),
            dash: None,
        }],
        Echelon::Squad => dots(&[100.0]),
        Echelon::Section => dots(&[115.0, 85.0]),
        Echelon::Platoon => dots(&[100.0, 70.0, 130.0]),
        Echelon::Company => bars(&[100.0]),
        Echelon::Battalion => bars(&[90.0, 110.0]),
        Echelon::Regiment => bars(&[80.0, 100.0, 120.0]),
        Echelon::Brigade => crosses(&[87.5]),
        Echelon::Division => crosses(&[70.0, 105.0]),
        Echelon::Corps => crosses(&[52.5, 87.5, 122.5]),
        Echelon::Army => crosses(&[35.0, 70.0, 105.0, 140.0]),
        Echelon::ArmyGroup => crosses(&[17.5, 52.5, 87.5, 122.5, 157.5]),
    }
}

/// The whole drawing of a symbol.
pub fn drawing(symbol: &Symbol) -> Drawing {
    let family = symbol.identity.frame_family();
    let (frame_paths, frame_bounds) = frame(symbol.set, family);
    let mut outlines = vec![Outline {
        paths: frame_paths.clone(),
        fill: Some(Ink::Frame),
        stroke: None,
        dash: None,
    }];
    let (icon_outlines, mut texts) = icon(symbol.function, family, frame_bounds);
    if family == FrameFamily::Unknown {
        // The quatrefoil leaves less room: milsymbol sets letters smaller there.
        for text in &mut texts {
            text.size *= 0.88;
        }
    }
    outlines.extend(icon_outlines);
    outlines.push(Outline {
        paths: frame_paths.clone(),
        fill: None,
        stroke: Some((Ink::Icon, FRAME_STROKE)),
        dash: None,
    });
    if symbol.identity.is_dashed() || symbol.planned {
        let dash = if symbol.planned {
            (8.0, 12.0)
        } else {
            (4.0, 4.0)
        };
        outlines.push(Outline {
            paths: frame_paths,
            fill: None,
            stroke: Some((Ink::White, FRAME_STROKE + 1.0)),
            dash: Some(dash),
        });
    }
    let mut bounds = frame_bounds;
    let top = frame_bounds.min.y;
    let mut mark_top = top;
    if symbol.set == SymbolSet::LandInstallation {
        let gap = match family {
            FrameFamily::Hostile => 14.0,
            FrameFamily::Unknown => 2.0,
            _ => 0.0,
        };
        let data = format!(
            "M85,{a} 85,{b} 115,{b} 115,{a} 100,{c} Z",
            a = top + gap - FRAME_STROKE / 2.0,
            b = top - 10.0,
            c = top - FRAME_STROKE
        );
        outlines.push(filled(parse(&data), true));
        mark_top = top - 15.0;
        bounds.min.y = bounds.min.y.min(top - 10.0);
    }
    if let Some(echelon) = symbol.echelon {
        outlines.extend(echelon_mark(echelon, mark_top));
        bounds.min.y = bounds.min.y.min(mark_top - 40.0);
    }
    if symbol.task_force {
        let width = match symbol.echelon {
            Some(Echelon::Corps) => 110.0,
            Some(Echelon::Army) => 145.0,
            Some(Echelon::ArmyGroup) => 180.0,
            _ => 90.0,
        };
        let (x1, x2) = (100.0 - width / 2.0, 100.0 + width / 2.0);
        let data = format!("M{x1},{top} L{x1},{t} {x2},{t} {x2},{top}", t = top - 40.0);
        outlines.push(stroked(&data, FRAME_STROKE));
        bounds.min.y = bounds.min.y.min(top - 40.0);
    }
    if symbol.feint_dummy {
        let peak = top - frame_bounds.width() / 2.0;
        let data = format!(
            "M100,{peak} L{},{top} M100,{peak} L{},{top}",
            frame_bounds.min.x, frame_bounds.max.x
        );
        let mut outline = stroked(&data, FRAME_STROKE);
        outline.dash = Some((8.0, 8.0));
        outlines.push(outline);
        bounds.min.y = bounds.min.y.min(peak);
    }
    if symbol.headquarters {
        let start_y = match (symbol.set, family) {
            (
                SymbolSet::LandUnit | SymbolSet::LandInstallation,
                FrameFamily::Friend | FrameFamily::Neutral,
            )
            | (SymbolSet::SeaSurface, FrameFamily::Neutral) => frame_bounds.max.y,
            _ => 100.0,
        };
        let x = frame_bounds.min.x;
        let data = format!("M{x},{start_y} L{x},{}", frame_bounds.max.y + 100.0);
        outlines.push(stroked(&data, FRAME_STROKE));
        bounds.max.y = frame_bounds.max.y + 100.0;
    }
    Drawing {
        outlines,
        texts,
        frame_bounds,
        bounds,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::symbology::StandardIdentity;

    #[test]
    fn every_echelon_draws_a_distinct_mark_above_the_frame() {
        let mut seen = Vec::new();
        for echelon in Echelon::ALL {
            let marks = echelon_mark(echelon, 50.0);
            assert!(!marks.is_empty());
            for path in marks.iter().flat_map(|m| &m.paths) {
                assert!(path.points.iter().all(|p| p.y < 50.0), "{echelon:?}");
            }
            assert!(!seen.contains(&marks), "{echelon:?} looks like another");
            seen.push(marks);
        }
    }

    #[test]
    fn frames_differ_by_identity_and_set_and_dashed_ones_get_gaps() {
        let infantry = Symbol::new(StandardIdentity::Friend, Function::Infantry);
        let friend = drawing(&infantry);
        let hostile = drawing(&infantry.with_identity(StandardIdentity::Hostile));
        assert_ne!(friend.frame_bounds, hostile.frame_bounds);
        assert!(friend.outlines.iter().all(|o| o.dash.is_none()));
        let suspect = drawing(&infantry.with_identity(StandardIdentity::Suspect));
        assert!(suspect.outlines.iter().any(|o| o.dash.is_some()));
        let air = drawing(&Symbol::new(
            StandardIdentity::Friend,
            Function::MilitaryFixedWing,
        ));
        assert_ne!(air.frame_bounds, friend.frame_bounds);
    }

    #[test]
    fn modifiers_extend_the_bounds_where_the_standard_puts_them() {
        let mut symbol = Symbol::new(StandardIdentity::Friend, Function::Armour);
        let plain = drawing(&symbol).bounds;
        symbol.headquarters = true;
        assert!(drawing(&symbol).bounds.max.y > plain.max.y + 90.0);
        symbol.task_force = true;
        symbol.echelon = Some(Echelon::Brigade);
        assert!(drawing(&symbol).bounds.min.y < plain.min.y - 35.0);
    }
}
