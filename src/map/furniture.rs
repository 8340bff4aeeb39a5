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
use walkers::{MercatorProjection, Projection as _, lon_lat};

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
    let mut top_left = rect.left_top() + vec2(10.0, 10.0);
    if let Some(title) = furniture.title.as_deref().filter(|t| !t.trim().is_empty()) {
        let box_rect = text_box(painter, top_left, title, 22.0, rect.width() - 20.0);
        top_left.y = box_rect.bottom() + 6.0;
    }
    if furniture.time {
        text_box(
            painter,
            top_left,
            &time_caption(state.t, &scenario.meta.time_zone),
            20.0,
            rect.width() - 20.0,
        );
    }
    if furniture.legend {
        paint_legend(
            painter,
            rect.right_top() + vec2(-10.0, 10.0),
            scenario,
            state,
            furniture.app6_symbols.as_ref(),
        );
    }
    let credit_text = format!("{credit} · {}", data_credit(scenario));
    let reserved_for_scale = if furniture.scale_bar { 170.0 } else { 0.0 };
    let galley = painter.layout(
        credit_text,
        FontId::proportional(10.0),
        theme::LABEL_TEXT,
        (rect.width() - reserved_for_scale - 12.0).max(120.0),
    );
    let credit_rect = Align2::RIGHT_BOTTOM
        .anchor_size(rect.right_bottom() - vec2(4.0, 4.0), galley.size())
        .expand(2.0);
    painter.rect_filled(credit_rect, 2.0, theme::LABEL_HALO);
    painter.galley(credit_rect.min + vec2(2.0, 2.0), galley, theme::LABEL_TEXT);
    if furniture.scale_bar {
        paint_scale_bar(
            painter,
            view,
            pos2(rect.left() + 12.0, rect.bottom() - 14.0),
        );
    }
}

/// Text on a halo box with its top-left at `top_left`; returns the box.
fn text_box(painter: &Painter, top_left: Pos2, text: &str, size: f32, max_width: f32) -> Rect {
    let galley = painter.layout(
        text.to_string(),
        FontId::proportional(size),
        theme::LABEL_TEXT,
        max_width.max(50.0),
    );
    let box_rect = Align2::LEFT_TOP
        .anchor_size(top_left, galley.size())
        .expand(6.0);
    let box_rect = box_rect.translate(vec2(6.0, 6.0));
    painter.rect_filled(box_rect, 4.0, theme::LABEL_HALO);
    painter.galley(box_rect.min + vec2(6.0, 6.0), galley, theme::LABEL_TEXT);
    box_rect
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
    let moving = state
        .forces
        .iter()
        .any(|at| matches!(at.status, ForceStatus::Moving { .. }));
    let unreported_path = state.forces.iter().any(|at| {
        scenario.forces[at.force]
            .track
            .get(at.state)
            .is_some_and(|state| {
                matches!(
                    state.kind,
                    StateKind::Moving {
                        route_reported: false,
                        ..
                    }
                )
            })
            && matches!(at.status, ForceStatus::Moving { .. })
    });
    if moving {
        rows.push((
            LegendMark::Route { dashed: false },
            "Route travelled (reported path)".into(),
        ));
    }
    if unreported_path {
        rows.push((
            LegendMark::Route { dashed: true },
            "Path not reported (ends only)".into(),
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
            let mut symbol = symbology::force_symbol(force, layers.identity_of(&force.faction));
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
    let font = FontId::proportional(12.0);
    let row_height = 18.0;
    let text_width = rows
        .iter()
        .map(|(_, text)| {
            painter
                .layout_no_wrap(text.clone(), font.clone(), theme::LABEL_TEXT)
                .size()
                .x
        })
        .fold(0.0, f32::max);
    let mark_width = 46.0;
    let size = vec2(
        mark_width + text_width + 20.0,
        rows.len() as f32 * row_height + 12.0,
    );
    let frame = Align2::RIGHT_TOP.anchor_size(top_right, size);
    painter.rect_filled(frame, 4.0, theme::LABEL_HALO);
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
            theme::LABEL_TEXT,
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
                let stroke = Stroke::new(2.5, theme::LABEL_TEXT);
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
                    Stroke::new(1.5, theme::LABEL_TEXT),
                    4.0,
                    2.0,
                ));
            }
            Self::Unsettled => {
                let center = rect.left_center() + vec2(8.0, 0.0);
                let square = Rect::from_center_size(center, vec2(8.0, 8.0));
                painter.rect_filled(square, 1.0, theme::LABEL_TEXT.gamma_multiply(0.45));
                let right = Rect::from_min_max(square.center_top(), square.right_bottom());
                painter.rect_filled(right, 1.0, theme::LABEL_TEXT);
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

/// A scale bar of a round length, true at the view's centre latitude.
fn paint_scale_bar(painter: &Painter, view: GeoView, left_bottom: Pos2) {
    let points_per_m =
        MercatorProjection.scale_pixel_per_meter(lon_lat(view.lon, view.lat), view.zoom) as f32;
    if !(points_per_m.is_finite() && points_per_m > 0.0) {
        return;
    }
    let km = [
        0.1, 0.2, 0.5, 1.0, 2.0, 5.0, 10.0, 20.0, 50.0, 100.0, 200.0, 500.0, 1000.0,
    ]
    .into_iter()
    .find(|km| km * 1000.0 * points_per_m >= 60.0)
    .unwrap_or(1000.0);
    let width = km * 1000.0 * points_per_m;
    let stroke = Stroke::new(2.0, theme::LABEL_TEXT);
    let y = left_bottom.y;
    let bar = Rect::from_min_max(
        pos2(left_bottom.x - 4.0, y - 20.0),
        pos2(left_bottom.x + width + 30.0, y + 4.0),
    );
    painter.rect_filled(bar, 2.0, theme::LABEL_HALO);
    painter.hline(left_bottom.x..=left_bottom.x + width, y, stroke);
    painter.vline(left_bottom.x, y - 5.0..=y, stroke);
    painter.vline(left_bottom.x + width, y - 5.0..=y, stroke);
    let label = if km < 1.0 {
        format!("{:.0} m", km * 1000.0)
    } else {
        format!("{km:.0} km")
    };
    painter.text(
        pos2(left_bottom.x + width / 2.0, y - 6.0),
        Align2::CENTER_BOTTOM,
        label,
        FontId::proportional(11.0),
        theme::LABEL_TEXT,
    );
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
