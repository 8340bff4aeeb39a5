//! The marks of the draw list, in screen points, and how each is painted: routes, rings,
//! events, sites, units and labels.

use crate::model::{EventKind, SiteKind};
use crate::theme;
use egui::{Align2, Color32, FontId, Painter, Pos2, Rect, Shape, Stroke, Vec2, pos2, vec2};

/// Size of a unit marker, in points.
pub const FORCE_MARKER_SIZE: Vec2 = vec2(30.0, 16.0);
/// The box an APP-6 unit symbol is hit-tested in, in points.
pub const APP6_MARKER_SIZE: Vec2 = vec2(36.0, 30.0);
/// milsymbol's "size" of unit symbols on the map: the friendly frame is 1.5 × this wide.
pub const APP6_SYMBOL_SIZE: f32 = 22.0;
/// Radius of a site symbol, in points.
pub const SITE_RADIUS: f32 = 6.0;
/// Half the side of the box a site symbol covers, outline included, in points: no label may
/// enter it.
pub const SITE_MARK_HALF_SIZE: f32 = SITE_RADIUS + 3.0;
/// Radius of an event ring, in points.
pub const EVENT_RADIUS: f32 = 14.0;
/// A movement path.
#[derive(Clone, Debug)]
pub struct RouteMark {
    /// The whole path on screen.
    pub points_on_screen: Vec<Pos2>,
    /// The part already travelled, ending at the marker.
    pub travelled_on_screen: Vec<Pos2>,
    /// Faction colour.
    pub color: Color32,
    /// Whether a source describes the path (solid) or not (dashed).
    pub reported: bool,
}

/// A ring showing how far an approximate site may be from its point.
#[derive(Clone, Copy, Debug)]
pub struct RingMark {
    /// Centre on screen.
    pub center_on_screen: Pos2,
    /// Radius in points.
    pub radius: f32,
}

/// A site symbol with its label.
#[derive(Clone, Debug)]
pub struct SiteMark<'a> {
    /// Index into the scenario's sites.
    pub site: usize,
    /// Centre on screen.
    pub pos_on_screen: Pos2,
    /// Symbol shape.
    pub kind: SiteKind,
    /// Fill: the faction in control or operating it.
    pub color: Color32,
    /// The other side's colour on the right half, when the site is joint, disputed or changing
    /// hands: no one side is drawn as holding it alone.
    pub second_color: Option<Color32>,
    /// A dashed ring when the control is not settled: disputed, changing hands, or a presence
    /// no dated source confirms.
    pub unsettled: bool,
    /// Name.
    pub name: &'a str,
    /// Where the site is.
    pub lon_lat: crate::model::LonLat,
    /// Whether an event happens there now: such sites are named before quieter ones.
    pub busy: bool,
}

/// An event happening at the current time.
#[derive(Clone, Copy, Debug)]
pub struct EventMark {
    /// Index into the scenario's events.
    pub event: usize,
    /// Centre on screen.
    pub pos_on_screen: Pos2,
    /// Kind colour.
    pub color: Color32,
    /// What kind of event: decides the glyph inside the ring.
    pub kind: EventKind,
    /// Drawn dashed.
    pub low_confidence: bool,
}

/// A unit marker.
#[derive(Clone, Debug)]
pub struct ForceMark<'a> {
    /// Index into the scenario's forces.
    pub force: usize,
    /// The marker's rectangle on screen.
    pub rect_on_screen: Rect,
    /// Faction colour.
    pub color: Color32,
    /// Drawn hollow and dashed when the current state rests on weak sources.
    pub low_confidence: bool,
    /// Three letters for the kind.
    pub abbreviation: &'static str,
    /// The APP-6 symbol, when symbols are switched on.
    pub symbol: Option<ForceSymbol>,
    /// Name.
    pub name: &'a str,
    /// Whether it is travelling; travelling units are labelled, stationed ones on hover.
    pub moving: bool,
    /// Set when the marker was moved down from its site's row to clear another site's marks: the
    /// site's position, which a thin line joins it to.
    pub tether_on_screen: Option<Pos2>,
}

/// An APP-6 symbol and how its frame is filled.
#[derive(Clone, Debug, PartialEq)]
pub struct ForceSymbol {
    /// What it shows.
    pub symbol: crate::symbology::Symbol,
    /// Standard or faction colours.
    pub fill: crate::symbology::FillMode,
    /// The text around it: designation, higher formation, strength.
    pub amplifiers: crate::symbology::Amplifiers,
}

/// A dashed circle of `segments` straight pieces, dashes and gaps `[dash, gap]` points long.
pub(super) fn paint_dashed_circle(
    painter: &Painter,
    center: Pos2,
    radius: f32,
    segments: usize,
    stroke: Stroke,
    [dash, gap]: [f32; 2],
) {
    let points: Vec<Pos2> = (0..=segments)
        .map(|i| center + radius * Vec2::angled(i as f32 / segments as f32 * std::f32::consts::TAU))
        .collect();
    painter.extend(Shape::dashed_line(&points, stroke, dash, gap));
}

pub(super) fn paint_route(painter: &Painter, route: &RouteMark) {
    let faint = Stroke::new(2.0, route.color.gamma_multiply(0.55));
    if route.reported {
        painter.add(Shape::line(route.points_on_screen.clone(), faint));
    } else {
        painter.extend(Shape::dashed_line(&route.points_on_screen, faint, 8.0, 6.0));
    }
    // The travelled part keeps the path's style: solid only where a source reports the path.
    let travelled = Stroke::new(3.0, route.color);
    if route.reported {
        painter.add(Shape::line(route.travelled_on_screen.clone(), travelled));
    } else {
        painter.extend(Shape::dashed_line(
            &route.travelled_on_screen,
            travelled,
            8.0,
            6.0,
        ));
    }
    if let [.., before, last] = route.points_on_screen.as_slice() {
        let direction = (*last - *before).normalized();
        let side = direction.rot90() * 5.0;
        let base = *last - direction * 10.0;
        painter.add(Shape::convex_polygon(
            vec![*last, base + side, base - side],
            route.color,
            Stroke::NONE,
        ));
    }
}

pub(super) fn paint_event(painter: &Painter, event: &EventMark, highlighted: bool) {
    let width = if highlighted { 3.5 } else { 2.5 };
    let color = if highlighted {
        theme::SELECTION
    } else {
        event.color
    };
    if event.low_confidence {
        paint_dashed_circle(
            painter,
            event.pos_on_screen,
            EVENT_RADIUS,
            40,
            Stroke::new(width, color),
            [4.0, 3.0],
        );
    } else {
        painter.circle_stroke(event.pos_on_screen, EVENT_RADIUS, Stroke::new(width, color));
    }
    painter.circle_filled(
        event.pos_on_screen,
        EVENT_RADIUS - 2.0,
        event.color.gamma_multiply(0.12),
    );
    paint_event_glyph(painter, event.pos_on_screen, event.kind, event.color, 5.0);
}

/// The shape that tells an event's kind apart without its colour, `half_size` points from the
/// centre: ✕ military, ↓ withdrawal, ■ control change, = ceasefire, ◆ diplomatic, + humanitarian,
/// ▲ security, ● other.
pub fn paint_event_glyph(
    painter: &Painter,
    center: Pos2,
    kind: EventKind,
    color: Color32,
    half_size: f32,
) {
    let h = half_size;
    let stroke = Stroke::new((h / 2.5).max(1.2), color);
    let line = |a: Vec2, b: Vec2| painter.line_segment([center + a, center + b], stroke);
    match kind {
        EventKind::Military => {
            line(Vec2::new(-h, -h), Vec2::new(h, h));
            line(Vec2::new(-h, h), Vec2::new(h, -h));
        }
        EventKind::Withdrawal => {
            line(Vec2::new(0.0, -h), Vec2::new(0.0, h));
            line(Vec2::new(-h * 0.7, h * 0.2), Vec2::new(0.0, h));
            line(Vec2::new(h * 0.7, h * 0.2), Vec2::new(0.0, h));
        }
        EventKind::ControlChange => {
            painter.rect_filled(
                Rect::from_center_size(center, Vec2::splat(1.5 * h)),
                0.0,
                color,
            );
        }
        EventKind::Ceasefire => {
            line(Vec2::new(-h, -h * 0.4), Vec2::new(h, -h * 0.4));
            line(Vec2::new(-h, h * 0.4), Vec2::new(h, h * 0.4));
        }
        EventKind::Diplomatic => {
            let points = [
                center + Vec2::new(0.0, -h),
                center + Vec2::new(h, 0.0),
                center + Vec2::new(0.0, h),
                center + Vec2::new(-h, 0.0),
            ];
            painter.add(Shape::convex_polygon(points.to_vec(), color, Stroke::NONE));
        }
        EventKind::Humanitarian => {
            line(Vec2::new(-h, 0.0), Vec2::new(h, 0.0));
            line(Vec2::new(0.0, -h), Vec2::new(0.0, h));
        }
        EventKind::Security => {
            let points = [
                center + Vec2::new(0.0, -h),
                center + Vec2::new(h, h * 0.8),
                center + Vec2::new(-h, h * 0.8),
            ];
            painter.add(Shape::convex_polygon(points.to_vec(), color, Stroke::NONE));
        }
        EventKind::Other => {
            painter.circle_filled(center, h * 0.6, color);
        }
    }
}

pub(super) fn paint_site(painter: &Painter, site: &SiteMark<'_>, highlighted: bool) {
    let center = site.pos_on_screen;
    let r = SITE_RADIUS;
    let outline = Stroke::new(
        if highlighted { 3.0 } else { 1.5 },
        if highlighted {
            theme::SELECTION
        } else {
            Color32::WHITE
        },
    );
    let shape_in = |color: Color32| match site.kind {
        SiteKind::AirBase | SiteKind::MilitaryBase => Shape::rect_filled(
            Rect::from_center_size(center, Vec2::splat(2.0 * r)),
            1.0,
            color,
        ),
        SiteKind::NavalBase => Shape::convex_polygon(
            vec![
                center + vec2(-r, -r),
                center + vec2(r, -r),
                center + vec2(r, r * 0.4),
                center + vec2(0.0, r),
                center + vec2(-r, r * 0.4),
            ],
            color,
            Stroke::NONE,
        ),
        SiteKind::Airport | SiteKind::BorderCrossing => Shape::convex_polygon(
            vec![
                center + vec2(0.0, -r - 1.0),
                center + vec2(r + 1.0, 0.0),
                center + vec2(0.0, r + 1.0),
                center + vec2(-r - 1.0, 0.0),
            ],
            color,
            Stroke::NONE,
        ),
        SiteKind::Dam | SiteKind::Camp => Shape::convex_polygon(
            vec![
                center + vec2(0.0, -r),
                center + vec2(r, r * 0.8),
                center + vec2(-r, r * 0.8),
            ],
            color,
            Stroke::NONE,
        ),
        SiteKind::GovernmentSeat => Shape::convex_polygon(
            (0..10)
                .map(|i| {
                    let radius = if i % 2 == 0 { r + 1.5 } else { r * 0.5 };
                    let angle =
                        i as f32 / 10.0 * std::f32::consts::TAU - std::f32::consts::FRAC_PI_2;
                    center + radius * Vec2::angled(angle)
                })
                .collect(),
            color,
            Stroke::NONE,
        ),
        SiteKind::City
        | SiteKind::Town
        | SiteKind::Neighbourhood
        | SiteKind::OilField
        | SiteKind::GasField
        | SiteKind::Other => {
            let radius = if site.kind == SiteKind::City {
                r - 0.5
            } else {
                r - 2.0
            };
            Shape::circle_filled(center, radius, color)
        }
    };
    let shape = shape_in(site.color);
    let bounds = shape.visual_bounding_rect().expand(1.0);
    painter.rect_stroke(bounds, 2.0, outline, egui::StrokeKind::Outside);
    painter.add(shape);
    if let Some(second) = site.second_color {
        let right_half = Rect::from_min_max(pos2(center.x, bounds.top()), bounds.max);
        painter.with_clip_rect(right_half).add(shape_in(second));
    }
    if site.unsettled {
        paint_dashed_circle(
            painter,
            center,
            r + 5.0,
            24,
            Stroke::new(1.5, Color32::from_gray(40)),
            [3.0, 3.0],
        );
    }
}

/// The text amplifiers of an APP-6 unit symbol, on a halo: painted after every symbol and
/// name, so a neighbour in a row of units or a site's name does not hide them.
pub(super) fn paint_force_amplifiers(painter: &Painter, force: &ForceMark<'_>) {
    if let Some(ForceSymbol {
        symbol, amplifiers, ..
    }) = &force.symbol
    {
        crate::symbology::paint_amplifiers(
            painter,
            symbol,
            force.rect_on_screen.center(),
            APP6_SYMBOL_SIZE,
            amplifiers,
            Some(theme::LABEL_HALO),
        );
    }
}

pub(super) fn paint_force(painter: &Painter, force: &ForceMark<'_>, highlighted: bool) {
    let rect = force.rect_on_screen;
    if let Some(ForceSymbol { symbol, fill, .. }) = &force.symbol {
        let mut symbol = *symbol;
        // Weak sources: the dashed frame of an uncertain (planned) status.
        symbol.planned |= force.low_confidence;
        let covered = crate::symbology::paint_symbol(
            painter,
            &symbol,
            rect.center(),
            APP6_SYMBOL_SIZE,
            *fill,
            &crate::symbology::Amplifiers::default(),
        );
        if highlighted {
            painter.rect_stroke(
                covered.expand(2.0),
                3.0,
                Stroke::new(2.5, theme::SELECTION),
                egui::StrokeKind::Outside,
            );
        }
        return;
    }
    let (fill, text_color) = if force.low_confidence {
        (Color32::WHITE, force.color)
    } else {
        (force.color, Color32::WHITE)
    };
    painter.rect_filled(rect, 2.0, fill);
    if force.low_confidence {
        let corners = [
            rect.left_top(),
            rect.right_top(),
            rect.right_bottom(),
            rect.left_bottom(),
            rect.left_top(),
        ];
        painter.extend(Shape::dashed_line(
            &corners,
            Stroke::new(1.5, force.color),
            4.0,
            2.0,
        ));
    } else {
        painter.rect_stroke(
            rect,
            2.0,
            Stroke::new(1.0, Color32::from_black_alpha(140)),
            egui::StrokeKind::Inside,
        );
    }
    if highlighted {
        painter.rect_stroke(
            rect.expand(2.0),
            3.0,
            Stroke::new(2.5, theme::SELECTION),
            egui::StrokeKind::Outside,
        );
    }
    painter.text(
        rect.center(),
        Align2::CENTER_CENTER,
        force.abbreviation,
        FontId::monospace(10.0),
        text_color,
    );
}
