//! Cartographic furniture over the map: the time shown, a title, a legend, a scale bar and the data
//! credits. The window and the exports paint it with the same code.

use super::LayerVisibility;
use crate::model::{
    ControlAt, EventKind, ForceStatus, GeoView, Scenario, StateAt, StateKind, UnixSecs,
    timestamp_from_unix_secs,
};
use crate::symbology;
use crate::theme;
use egui::{Align2, Color32, FontId, Painter, Pos2, Rect, Shape, Stroke, pos2, vec2};

/// The credit for what the map shows over the basemap: the scenario's title (its facts carry their
/// own sources) or the files the data came from.
pub fn data_credit(scenario: &Scenario) -> String {
    if let Some(title) = &scenario.meta.title {
        return format!("Scenario: {title}; each fact with its sources");
    }
    let files: Vec<&str> = scenario
        .factions
        .iter()
        .filter(|faction| faction.id.starts_with("file:"))
        .map(|faction| faction.name.as_str())
        .collect();
    if files.is_empty() {
        "Data: the files opened".to_string()
    } else {
        format!("Data: {}", files.join(", "))
    }
}

/// Which pieces of furniture to draw; the credits are always drawn.
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Furniture {
    /// A title in the top-left corner.
    pub title: Option<String>,
    /// The date and time shown, with the zone.
    pub time: bool,
    /// The factions and symbols on the map.
    pub legend: bool,
    /// A scale bar true at the centre latitude.
    pub scale_bar: bool,
    /// Set when units are drawn as APP-6 symbols: the legend then lists the symbols (with the
    /// identities these switches give) instead of the marker letters.
    #[serde(skip)]
    pub app6_symbols: Option<LayerVisibility>,
}

impl Furniture {
    /// What the window shows over its map.
    pub fn window() -> Self {
        Self {
            title: None,
            time: true,
            legend: false,
            scale_bar: true,
            app6_symbols: None,
        }
    }

    /// Everything, for an exported picture.
    pub fn full(title: Option<String>) -> Self {
        Self {
            title,
            time: true,
            legend: true,
            scale_bar: true,
            app6_symbols: None,
        }
    }
}

/// The time shown, as the furniture and exports write it, in `zone` and naming it.
pub fn time_caption(t: UnixSecs, zone: &jiff::tz::TimeZone) -> String {
    crate::model::time_caption_in(timestamp_from_unix_secs(t), zone)
}

/// Where each piece of furniture goes in `rect`, in screen points; `None` for pieces not drawn.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct FurnitureLayout {
    /// The title's box.
    pub title: Option<Rect>,
    /// The time caption's box.
    pub time: Option<Rect>,
    /// The legend's frame.
    pub legend: Option<Rect>,
    /// The credits line.
    pub credit: Rect,
    /// The scale bar with its label.
    pub scale_bar: Option<Rect>,
}

impl FurnitureLayout {
    /// Every box drawn, for the map's labels to keep clear of.
    pub fn rects(&self) -> Vec<Rect> {
        [
            self.title,
            self.time,
            self.legend,
            Some(self.credit),
            self.scale_bar,
        ]
        .into_iter()
        .flatten()
        .collect()
    }
}

/// The texts of the furniture, laid out in `rect`.
struct Texts {
    title: Option<(egui::Rect, std::sync::Arc<egui::Galley>)>,
    time: Option<(egui::Rect, std::sync::Arc<egui::Galley>)>,
    credit: (egui::Rect, std::sync::Arc<egui::Galley>),
}

fn lay_out_texts(
    painter: &Painter,
    rect: Rect,
    furniture: &Furniture,
    scenario: &Scenario,
    state: &StateAt,
    credit: &str,
) -> Texts {
    let mut top_left = rect.left_top() + vec2(10.0, 10.0);
    let title = furniture
        .title
        .as_deref()
        .filter(|t| !t.trim().is_empty())
        .map(|title| {
            let laid_out = text_box(painter, top_left, title, 22.0, rect.width() - 20.0);
            top_left.y = laid_out.0.bottom() + 6.0;
            laid_out
        });
    let time = furniture.time.then(|| {
        text_box(
            painter,
            top_left,
            &time_caption(state.t, &scenario.meta.time_zone),
            20.0,
            rect.width() - 20.0,
        )
    });
    let credit_text = format!("{credit} · {}", data_credit(scenario));
    let reserved_for_scale = if furniture.scale_bar { 170.0 } else { 0.0 };
    let galley = painter.layout(
        credit_text,
        FontId::proportional(10.0),
        theme::label_text(painter.ctx()),
        (rect.width() - reserved_for_scale - 12.0).max(120.0),
    );
    let credit_rect = Align2::RIGHT_BOTTOM
        .anchor_size(rect.right_bottom() - vec2(4.0, 4.0), galley.size())
        .expand(2.0);
    Texts {
        title,
        time,
        credit: (credit_rect, galley),
    }
}

/// Where [`paint_furniture`] puts each piece of furniture in `rect`.
pub fn furniture_layout(
    painter: &Painter,
    rect: Rect,
    furniture: &Furniture,
    scenario: &Scenario,
    state: &StateAt,
    credit: &str,
) -> FurnitureLayout {
    let texts = lay_out_texts(painter, rect, furniture, scenario, state, credit);
    FurnitureLayout {
        title: texts.title.map(|(r, _)| r),
        time: texts.time.map(|(r, _)| r),
        legend: furniture.legend.then(|| {
            let rows = legend_rows(scenario, state, furniture.app6_symbols.as_ref());
            legend_frame(painter, rect.right_top() + LEGEND_OFFSET, &rows)
        }),
        credit: texts.credit.0,
        scale_bar: furniture.scale_bar.then(|| {
            Rect::from_min_max(
                pos2(rect.left() + 4.0, rect.bottom() - 34.0),
                pos2(rect.left() + 200.0, rect.bottom() - 4.0),
            )
        }),
    }
}

/// Paints the furniture over the map in `rect`.
pub fn paint_furniture(
    painter: &Painter,
    rect: Rect,
    furniture: &Furniture,
    scenario: &Scenario,
    state: &StateAt,
    view: GeoView,
    credit: &str,
) {
    let texts = lay_out_texts(painter, rect, furniture, scenario, state, credit);
    for (box_rect, galley) in [texts.title, texts.time].into_iter().flatten() {
        painter.rect_filled(box_rect, 4.0, theme::label_halo(painter.ctx()));
        painter.galley(
            box_rect.min + vec2(6.0, 6.0),
            galley,
            theme::label_text(painter.ctx()),
        );
    }
    if furniture.legend {
        paint_legend(
            painter,
            rect.right_top() + LEGEND_OFFSET,
            scenario,
            state,
            furniture.app6_symbols.as_ref(),
        );
    }
    let (credit_rect, galley) = texts.credit;
    painter.rect_filled(credit_rect, 2.0, theme::label_halo(painter.ctx()));
    painter.galley(
        credit_rect.min + vec2(2.0, 2.0),
        galley,
        theme::label_text(painter.ctx()),
    );
    if furniture.scale_bar {
        super::scale_bar::paint_scale_bar(
            painter,
            view,
            pos2(rect.left() + 12.0, rect.bottom() - 14.0),
        );
    }
}

/// Lays out text for a halo box with its top-left at `top_left`: the box and the text.
fn text_box(
    painter: &Painter,
    top_left: Pos2,
    text: &str,
    size: f32,
    max_width: f32,
) -> (Rect, std::sync::Arc<egui::Galley>) {
    let galley = painter.layout(
        text.to_string(),
        FontId::proportional(size),
        theme::label_text(painter.ctx()),
        max_width.max(50.0),
    );
    let box_rect = Align2::LEFT_TOP
        .anchor_size(top_left, galley.size())
        .expand(6.0);
    (box_rect.translate(vec2(6.0, 6.0)), galley)
}

/// The factions with something on the map at this time: units present, or sites they hold,
/// share, dispute, are taking or are named as operating.
pub fn factions_present<'a>(scenario: &'a Scenario, state: &StateAt) -> Vec<&'a str> {
    let mut ids: Vec<&str> = state
        .forces
        .iter()
        .filter(|at| at.is_present())
        .map(|at| scenario.forces[at.force].faction.as_str())
        .collect();
    for site in &scenario.sites {
        match site.control_at(state.t) {
            ControlAt::Unknown => ids.extend(site.faction.as_deref()),
            ControlAt::PresenceNotDated { faction } => ids.push(faction),
            ControlAt::ChangingHands { from, to } => {
                ids.extend(from.map(|c| c.faction.as_str()));
                ids.push(&to.faction);
            }
            ControlAt::Settled(change) => {
                ids.push(&change.faction);
                ids.extend(change.with.iter().map(String::as_str));
            }
        }
    }
    scenario
        .factions
        .iter()
        .map(|faction| faction.id.as_str())
        .filter(|id| ids.contains(id))
        .collect()
}

/// The texts of the legend's rows for `scenario` at `state`, in order.
pub fn legend_texts(
    scenario: &Scenario,
    state: &StateAt,
    app6: Option<&LayerVisibility>,
) -> Vec<String> {
    legend_rows(scenario, state, app6)
        .into_iter()
        .map(|(_, text)| text)
        .collect()
}

/// A key to exactly what is on the map at this time: the factions present, event kinds
/// happening, site shapes, unit badges, movements, and the marks for weak sources and
/// approximate positions.
/// `app6` when units are drawn as APP-6 symbols.
fn legend_rows(
    scenario: &Scenario,
    state: &StateAt,
    app6: Option<&LayerVisibility>,
) -> Vec<(LegendMark, String)> {
    let mut rows: Vec<(LegendMark, String)> = factions_present(scenario, state)
        .into_iter()
        .map(|id| {
            (
                LegendMark::Unit(theme::faction_color(scenario, id)),
                scenario.faction_name(id).to_string(),
            )
        })
        .collect();
    for kind in EventKind::ALL {
        if scenario
            .events
            .iter()
            .any(|event| event.kind == kind && event.dating.covers(state.t))
        {
            rows.push((LegendMark::Event(kind), format!("Event: {}", kind.label())));
        }
    }
    // A route is drawn solid, travelled part and all, only when a source reports its path.
    let moving_with_path =
        |reported: bool| {
            state.forces.iter().any(|at| {
                matches!(at.status, ForceStatus::Moving { .. })
                && scenario.forces[at.force]
                    .track
                    .get(at.state)
                    .is_some_and(|state| matches!(
                        state.kind,
                        StateKind::Moving { route_reported, .. } if route_reported == reported
                    ))
            })
        };
    if moving_with_path(true) {
        rows.push((
            LegendMark::Route { dashed: false },
            "Route (path reported)".into(),
        ));
    }
    if moving_with_path(false) {
        rows.push((
            LegendMark::Route { dashed: true },
            "Route (path not reported, ends only)".into(),
        ));
    }
    if scenario
        .sites
        .iter()
        .any(|site| site.coordinate_uncertainty_km.is_some())
    {
        rows.push((LegendMark::Ring, "Approximate position".into()));
    }
    rows.push((LegendMark::Weak, "Weak or single source".into()));
    if scenario.sites.iter().any(|site| !site.control.is_empty()) {
        rows.push((LegendMark::Unsettled, "Not held by one side alone".into()));
    }
    // Short rows keep the legend narrow, clear of the map's corner.
    rows.push((LegendMark::None, "■ base · ◆ airport".into()));
    rows.push((LegendMark::None, "▲ dam or camp · ● town".into()));
    if let Some(layers) = app6 {
        // One row per symbol on the map now.
        let mut seen = Vec::new();
        for at in state.forces.iter().filter(|at| at.is_present()) {
            let force = &scenario.forces[at.force];
            if !layers.shows_faction(&force.faction) {
                continue;
            }
            let mut symbol =
                symbology::force_symbol(force, layers.identity_of(scenario, &force.faction));
            symbol.echelon = None;
            if !seen.contains(&symbol) {
                seen.push(symbol);
                rows.push((
                    LegendMark::Symbol(symbol),
                    format!("{} ({})", symbol.function.label(), symbol.identity.label()),
                ));
            }
        }
    } else {
        rows.push((LegendMark::None, "AIR air · NAV naval · GND ground".into()));
        rows.push((LegendMark::None, "SOF special forces · POL police".into()));
        rows.push((LegendMark::None, "LOG logistics · MIX mixed".into()));
        rows.push((LegendMark::None, "UNK kind not reported".into()));
    }
    rows
}

/// The legend's top-right corner from the picture's.
const LEGEND_OFFSET: egui::Vec2 = vec2(-10.0, 10.0);
const LEGEND_FONT_SIZE: f32 = 12.0;
const LEGEND_ROW_HEIGHT: f32 = 18.0;
const LEGEND_MARK_WIDTH: f32 = 46.0;

/// The legend's frame for `rows`, its top-right corner at `top_right`.
fn legend_frame(painter: &Painter, top_right: Pos2, rows: &[(LegendMark, String)]) -> Rect {
    let text_width = rows
        .iter()
        .map(|(_, text)| {
            painter
                .layout_no_wrap(
                    text.clone(),
                    FontId::proportional(LEGEND_FONT_SIZE),
                    theme::label_text(painter.ctx()),
                )
                .size()
                .x
        })
        .fold(0.0, f32::max);
    let size = vec2(
        LEGEND_MARK_WIDTH + text_width + 20.0,
        rows.len() as f32 * LEGEND_ROW_HEIGHT + 12.0,
    );
    Align2::RIGHT_TOP.anchor_size(top_right, size)
}

/// Paints the legend with its top-right corner at `top_right`; `app6` when units are drawn as
/// APP-6 symbols.
fn paint_legend(
    painter: &Painter,
    top_right: Pos2,
    scenario: &Scenario,
    state: &StateAt,
    app6: Option<&LayerVisibility>,
) {
    let rows = legend_rows(scenario, state, app6);
    let font = FontId::proportional(LEGEND_FONT_SIZE);
    let row_height = LEGEND_ROW_HEIGHT;
    let mark_width = LEGEND_MARK_WIDTH;
    let frame = legend_frame(painter, top_right, &rows);
    painter.rect_filled(frame, 4.0, theme::label_halo(painter.ctx()));
    for (i, (mark, text)) in rows.iter().enumerate() {
        let y = frame.top() + 6.0 + i as f32 * row_height + row_height / 2.0;
        let mark_rect = Rect::from_min_size(
            pos2(frame.left() + 8.0, y - 7.0),
            vec2(mark_width - 8.0, 14.0),
        );
        mark.paint(painter, mark_rect);
        let text_left = match mark {
            LegendMark::None => frame.left() + 8.0,
            _ => frame.left() + mark_width + 6.0,
        };
        painter.text(
            pos2(text_left, y),
            Align2::LEFT_CENTER,
            text,
            font.clone(),
            theme::label_text(painter.ctx()),
        );
    }
}

/// The small picture at the start of a legend row.
enum LegendMark {
    Unit(Color32),
    /// An event's ring and glyph.
    Event(EventKind),
    /// An APP-6 symbol, drawn with the standard's fill.
    Symbol(symbology::Symbol),
    Route {
        dashed: bool,
    },
    Ring,
    Weak,
    /// A site half in another side's colour, in a dashed ring: joint, disputed, changing hands
    /// or a presence not dated.
    Unsettled,
    /// A row of text only.
    None,
}

impl LegendMark {
    fn paint(&self, painter: &Painter, rect: Rect) {
        let marker = Rect::from_min_size(rect.left_top(), vec2(28.0, 14.0));
        match self {
            Self::Unit(color) => {
                painter.rect_filled(marker, 2.0, *color);
            }
            Self::Event(kind) => {
                let center = rect.left_center() + vec2(8.0, 0.0);
                let color = theme::event_color(*kind);
                painter.circle_stroke(center, 7.0, Stroke::new(1.5, color));
                super::marks::paint_event_glyph(painter, center, *kind, color, 3.5);
            }
            Self::Symbol(symbol) => {
                symbology::paint_symbol(
                    painter,
                    symbol,
                    marker.center(),
                    11.0,
                    symbology::FillMode::Standard,
                    &Default::default(),
                );
            }
            Self::Route { dashed } => {
                let points = [rect.left_center(), rect.left_center() + vec2(40.0, 0.0)];
                let stroke = Stroke::new(2.5, theme::label_text(painter.ctx()));
                if *dashed {
                    painter.extend(Shape::dashed_line(&points, stroke, 6.0, 4.0));
                } else {
                    painter.line_segment(points, stroke);
                }
            }
            Self::Ring => {
                super::marks::paint_dashed_circle(
                    painter,
                    rect.left_center() + vec2(8.0, 0.0),
                    6.5,
                    24,
                    Stroke::new(1.2, theme::LOW_CONFIDENCE),
                    [3.0, 2.0],
                );
            }
            Self::Weak => {
                let corners = [
                    marker.left_top(),
                    marker.right_top(),
                    marker.right_bottom(),
                    marker.left_bottom(),
                    marker.left_top(),
                ];
                painter.extend(Shape::dashed_line(
                    &corners,
                    Stroke::new(1.5, theme::label_text(painter.ctx())),
                    4.0,
                    2.0,
                ));
            }
            Self::Unsettled => {
                let center = rect.left_center() + vec2(8.0, 0.0);
                let square = Rect::from_center_size(center, vec2(8.0, 8.0));
                painter.rect_filled(
                    square,
                    1.0,
                    theme::label_text(painter.ctx()).gamma_multiply(0.45),
                );
                let right = Rect::from_min_max(square.center_top(), square.right_bottom());
                painter.rect_filled(right, 1.0, theme::label_text(painter.ctx()));
                super::marks::paint_dashed_circle(
                    painter,
                    rect.left_center() + vec2(8.0, 0.0),
                    6.5,
                    24,
                    Stroke::new(1.5, Color32::from_gray(40)),
                    [3.0, 3.0],
                );
            }
            Self::None => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_export_legend_lists_every_faction_present_and_each_event_kind_drawn() {
        let scenario = crate::io::builtin_scenario()
            .unwrap_or_else(|e| panic!("{e}"))
            .scenario;
        for date in ["2026-01-20T12:00:00Z", "2026-01-25T12:00:00Z"] {
            let t = crate::model::unix_secs(
                crate::io::parse_time(date).unwrap_or_else(|e| panic!("{e}")),
            );
            let state = crate::model::state_at(&scenario, t);
            let texts = legend_texts(&scenario, &state, None);
            // Every faction with a unit present or a site coloured by it is listed.
            let mut expected: Vec<&str> = state
                .forces
                .iter()
                .filter(|at| at.is_present())
                .map(|at| scenario.forces[at.force].faction.as_str())
                .collect();
            expected.extend(
                scenario
                    .sites
                    .iter()
                    .filter_map(|site| match site.control_at(t) {
                        ControlAt::Settled(change) => Some(change.faction.as_str()),
                        _ => None,
                    }),
            );
            assert!(expected.len() > 2, "{date}: too few factions to test");
            for id in expected {
                let name = scenario.faction_name(id);
                assert!(
                    texts.iter().any(|text| text == name),
                    "{date}: {name} missing from {texts:?}"
                );
            }
            for event in scenario.events.iter().filter(|e| e.dating.covers(t)) {
                let row = format!("Event: {}", event.kind.label());
                assert!(texts.contains(&row), "{date}: {row} missing");
            }
        }
    }
}
