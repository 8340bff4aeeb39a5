//! Range rings: true geodesic circles at distances the user typed, around a site or a unit.

use crate::geodesy::{LengthUnit, range_ring};
use crate::model::{LonLat, Scenario, StateAt};
use crate::theme;
use egui::{Align2, FontId, Painter, Pos2, Stroke};
use walkers::Projector;

/// What the rings are drawn around.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RingCentre {
    /// A site, by id.
    Site(String),
    /// A unit, by id; the rings follow it.
    Force(String),
}

/// Rings around one centre; remembered with the view and drawn in exports.
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct RangeRings {
    /// Around what.
    pub centre: RingCentre,
    /// Radii in metres.
    pub radii_m: Vec<f64>,
    /// The unit the labels are written in.
    pub unit: LengthUnit,
}

/// One ring on screen.
#[derive(Clone, Debug)]
pub struct RangeRingMark {
    /// The closed ring.
    pub points_on_screen: Vec<Pos2>,
    /// "50 km".
    pub label: String,
}

/// Vertices per ring.
const VERTICES: usize = 180;

/// Where `centre` is at the state's time, if it is on the map.
pub fn centre_position(
    scenario: &Scenario,
    state: &StateAt,
    centre: &RingCentre,
) -> Option<LonLat> {
    match centre {
        RingCentre::Site(id) => scenario
            .sites
            .iter()
            .find(|s| &s.id == id)
            .map(|s| s.position),
        RingCentre::Force(id) => {
            let index = scenario.forces.iter().position(|f| &f.id == id)?;
            state
                .forces
                .iter()
                .find(|at| at.force == index && at.is_present())
                .map(|at| at.position)
        }
    }
}

/// The rings of `sets` as screen marks.
pub fn range_ring_marks(
    scenario: &Scenario,
    state: &StateAt,
    sets: &[RangeRings],
    projector: &Projector,
) -> Vec<RangeRingMark> {
    let mut marks = Vec::new();
    for set in sets {
        let Some(centre) = centre_position(scenario, state, &set.centre) else {
            continue;
        };
        for &radius_m in &set.radii_m {
            let points_on_screen = range_ring(centre, radius_m, VERTICES)
                .into_iter()
                .map(|p| projector.project(p).to_pos2())
                .collect();
            marks.push(RangeRingMark {
                points_on_screen,
                label: set.unit.format(radius_m),
            });
        }
    }
    marks
}

/// Paints a ring with its label at its northernmost point.
pub fn paint_range_ring(painter: &Painter, mark: &RangeRingMark) {
    let mut closed = mark.points_on_screen.clone();
    if let Some(first) = closed.first().copied() {
        closed.push(first);
    }
    painter.add(egui::Shape::line(
        closed,
        Stroke::new(1.6, theme::LABEL_TEXT),
    ));
    if let Some(top) = mark.points_on_screen.first() {
        // The first vertex is due north of the centre.
        painter.text(
            *top + egui::vec2(0.0, -2.0),
            Align2::CENTER_BOTTOM,
            &mark.label,
            FontId::proportional(11.0),
            theme::LABEL_TEXT,
        );
    }
}
