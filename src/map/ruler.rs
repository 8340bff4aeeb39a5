//! The ruler: a geodesic path through points the user clicks on the map, with the length and
//! initial bearing of each leg and the total. A point may be a site or a unit instead of a
//! place, and then it is wherever that site or unit is at the current time, so a measure
//! between two units follows them as the time moves.

use super::range_rings::{RingCentre, centre_position};
use crate::geodesy::{LengthUnit, Measurement, geodesic_points, measure};
use crate::model::{LonLat, Scenario, StateAt};
use crate::theme;
use egui::{Align2, Color32, FontId, Painter, Pos2, Stroke};
use walkers::Projector;

/// One point of the ruler.
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RulerPoint {
    /// A fixed place, in degrees.
    Place {
        /// Longitude in degrees.
        lon: f64,
        /// Latitude in degrees.
        lat: f64,
    },
    /// A site, by id.
    Site(String),
    /// A unit, by id: where it is at the current time.
    Force(String),
}

impl RulerPoint {
    /// A fixed place.
    pub fn place(position: LonLat) -> Self {
        Self::Place {
            lon: position.x(),
            lat: position.y(),
        }
    }

    /// Where the point is at the state's time; `None` for a unit not on the map then, or an id
    /// the scenario does not have.
    pub fn position(&self, scenario: &Scenario, state: &StateAt) -> Option<LonLat> {
        match self {
            Self::Place { lon, lat } => Some(LonLat::new(*lon, *lat)),
            Self::Site(id) => centre_position(scenario, state, &RingCentre::Site(id.clone())),
            Self::Force(id) => centre_position(scenario, state, &RingCentre::Force(id.clone())),
        }
    }
}

/// The measured path; remembered with the view and drawn in exports while it has points.
#[derive(Clone, Debug, Default, PartialEq, serde::Serialize, serde::Deserialize)]
#[serde(default)]
pub struct Ruler {
    /// The points in the order they were clicked.
    pub points: Vec<RulerPoint>,
    /// The unit lengths are written in.
    pub unit: LengthUnit,
}

impl Ruler {
    /// The positions of the points at the state's time; units not on the map are left out.
    pub fn positions(&self, scenario: &Scenario, state: &StateAt) -> Vec<LonLat> {
        self.points
            .iter()
            .filter_map(|point| point.position(scenario, state))
            .collect()
    }

    /// The geodesic legs through the points at the state's time.
    pub fn measurement(&self, scenario: &Scenario, state: &StateAt) -> Measurement {
        measure(&self.positions(scenario, state))
    }

    /// One line for the toolbar: "504.30 km, bearing 067.7°" for one leg, the total and the
    /// number of legs for more; `None` before a leg exists.
    pub fn readout(&self, scenario: &Scenario, state: &StateAt) -> Option<String> {
        let measurement = self.measurement(scenario, state);
        let first = measurement.legs.first()?;
        let total = precise(self.unit, measurement.total_m);
        Some(if measurement.legs.len() == 1 {
            if first.length_m < MIN_BEARING_LENGTH_M {
                // Two points at one place have no bearing.
                return Some(total);
            }
            format!("{total}, bearing {:05.1}°", first.initial_bearing_deg)
        } else {
            format!(
                "{total} in {} legs, first bearing {:05.1}°",
                measurement.legs.len(),
                first.initial_bearing_deg
            )
        })
    }
}

/// Below this a leg's bearing is not shown: it is noise, or none at all for one place.
const MIN_BEARING_LENGTH_M: f64 = 1.0;

/// A length with two decimals, for the readout: "504.30 km".
fn precise(unit: LengthUnit, length_m: f64) -> String {
    format!("{:.2} {}", length_m / unit.metres(), unit.symbol())
}

/// The ruler on screen.
#[derive(Clone, Debug, Default)]
pub struct RulerMark {
    /// Each leg as a line along the geodesic.
    pub legs_on_screen: Vec<Vec<Pos2>>,
    /// The clicked points.
    pub points_on_screen: Vec<Pos2>,
    /// "123 km · 067°" at the middle of each leg.
    pub leg_labels: Vec<(Pos2, String)>,
    /// "Total 620 km" at the last point, when there is more than one leg.
    pub total_label: Option<(Pos2, String)>,
}

/// The ruler as screen marks; `None` when it has no point on the map.
pub fn ruler_mark(
    scenario: &Scenario,
    state: &StateAt,
    ruler: &Ruler,
    projector: &Projector,
) -> Option<RulerMark> {
    let positions = ruler.positions(scenario, state);
    if positions.is_empty() {
        return None;
    }
    let project = |p: LonLat| projector.project(p).to_pos2();
    let measurement = measure(&positions);
    let mut mark = RulerMark {
        points_on_screen: positions.iter().copied().map(project).collect(),
        ..RulerMark::default()
    };
    for (pair, leg) in positions.windows(2).zip(&measurement.legs) {
        let line: Vec<Pos2> = geodesic_points(pair[0], pair[1], (leg.length_m / 64.0).max(100.0))
            .into_iter()
            .map(project)
            .collect();
        let middle = line[line.len() / 2];
        let label = if leg.length_m < MIN_BEARING_LENGTH_M {
            ruler.unit.format(leg.length_m)
        } else {
            format!(
                "{} · {:03.0}°",
                ruler.unit.format(leg.length_m),
                leg.initial_bearing_deg
            )
        };
        mark.leg_labels.push((middle, label));
        mark.legs_on_screen.push(line);
    }
    if measurement.legs.len() > 1
        && let Some(last) = mark.points_on_screen.last()
    {
        mark.total_label = Some((
            *last,
            format!("Total {}", ruler.unit.format(measurement.total_m)),
        ));
    }
    Some(mark)
}

/// The ruler's colour: dark, apart from every faction and event colour.
const RULER_INK: Color32 = Color32::from_rgb(0x1d, 0x1d, 0x1f);

/// Paints the ruler: a haloed line along each geodesic, the points, and the lengths.
pub fn paint_ruler(painter: &Painter, mark: &RulerMark) {
    for leg in &mark.legs_on_screen {
        painter.add(egui::Shape::line(
            leg.clone(),
            Stroke::new(4.5, theme::LABEL_HALO),
        ));
        painter.add(egui::Shape::dashed_line(
            leg,
            Stroke::new(2.0, RULER_INK),
            8.0,
            4.0,
        ));
    }
    for point in &mark.points_on_screen {
        painter.circle(*point, 4.0, Color32::WHITE, Stroke::new(2.0, RULER_INK));
    }
    let label = |pos: Pos2, text: &str, anchor: Align2| {
        let galley = painter.layout_no_wrap(text.to_owned(), FontId::proportional(12.0), RULER_INK);
        let rect = anchor.anchor_size(pos, galley.size());
        painter.rect_filled(rect.expand(3.0), 3.0, theme::LABEL_HALO);
        painter.galley(rect.min, galley, RULER_INK);
    };
    for (pos, text) in &mark.leg_labels {
        label(*pos + egui::vec2(0.0, -6.0), text, Align2::CENTER_BOTTOM);
    }
    if let Some((pos, text)) = &mark.total_label {
        label(*pos + egui::vec2(8.0, 8.0), text, Align2::LEFT_TOP);
    }
}
