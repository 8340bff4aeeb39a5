//! Unit markers drawn as clustered counts when more are in view than can be read, as kepler.gl
//! and deck.gl do: the screen is cut into cells, and each cell with units in it shows one disc
//! with their number, in the colour of the faction most of them belong to. Pointing at a disc
//! still finds a unit: the one in it nearest the pointer.

use super::marks::ForceMark;
use egui::{Align2, Color32, FontId, Painter, Pos2, Stroke};
use std::collections::HashMap;

/// More unit markers in view than this are drawn clustered.
pub const MAX_MARKERS: usize = 1_500;
/// The side of a cluster cell, in points.
const CELL: f32 = 56.0;

/// Units near each other on screen, drawn as one disc with their count.
#[derive(Clone, Debug)]
pub struct ClusterMark {
    /// The centre of the disc: the mean of its units' positions.
    pub pos_on_screen: Pos2,
    /// How many units.
    pub count: usize,
    /// The colour of the faction most of its units belong to.
    pub color: Color32,
    /// Each unit, as its index into the scenario's forces and its position on screen.
    members: Vec<(usize, Pos2)>,
}

impl ClusterMark {
    /// The disc's radius in points, growing with the logarithm of the count.
    pub fn radius(&self) -> f32 {
        9.0 + 5.0 * (self.count as f32).log10()
    }

    /// The unit in the cluster nearest `pos_on_screen`, when it points at the disc.
    pub fn force_at(&self, pos_on_screen: Pos2) -> Option<usize> {
        if self.pos_on_screen.distance(pos_on_screen) > self.radius() + 2.0 {
            return None;
        }
        self.members
            .iter()
            .min_by(|a, b| {
                a.1.distance_sq(pos_on_screen)
                    .total_cmp(&b.1.distance_sq(pos_on_screen))
            })
            .map(|&(force, _)| force)
    }

    /// Whether unit `force` is in the cluster.
    pub fn contains(&self, force: usize) -> bool {
        self.members.iter().any(|&(member, _)| member == force)
    }
}

/// The markers gathered into clusters by screen cell.
pub fn cluster(forces: &[ForceMark<'_>]) -> Vec<ClusterMark> {
    struct Cell {
        sum: egui::Vec2,
        members: Vec<(usize, Pos2)>,
        colors: Vec<(Color32, usize)>,
    }
    let mut cells: HashMap<(i32, i32), Cell> = HashMap::new();
    let mut order = Vec::new();
    for mark in forces {
        let center = mark.rect_on_screen.center();
        let key = (
            (center.x / CELL).floor() as i32,
            (center.y / CELL).floor() as i32,
        );
        let cell = cells.entry(key).or_insert_with(|| {
            order.push(key);
            Cell {
                sum: egui::Vec2::ZERO,
                members: Vec::new(),
                colors: Vec::new(),
            }
        });
        cell.sum += center.to_vec2();
        cell.members.push((mark.force, center));
        match cell
            .colors
            .iter_mut()
            .find(|(color, _)| *color == mark.color)
        {
            Some((_, count)) => *count += 1,
            None => cell.colors.push((mark.color, 1)),
        }
    }
    order
        .into_iter()
        .filter_map(|key| cells.remove(&key))
        .map(|cell| {
            let count = cell.members.len();
            ClusterMark {
                pos_on_screen: (cell.sum / count as f32).to_pos2(),
                count,
                color: cell
                    .colors
                    .iter()
                    .max_by_key(|(_, n)| *n)
                    .map_or(Color32::GRAY, |(color, _)| *color),
                members: cell.members,
            }
        })
        .collect()
}

/// Paints a cluster: a disc in its colour with the count in white.
pub(super) fn paint_cluster(painter: &Painter, cluster: &ClusterMark, highlighted: bool) {
    let radius = cluster.radius();
    painter.circle_filled(
        cluster.pos_on_screen,
        radius,
        cluster.color.gamma_multiply(0.85),
    );
    painter.circle_stroke(
        cluster.pos_on_screen,
        radius,
        Stroke::new(
            if highlighted { 2.5 } else { 1.0 },
            Color32::from_black_alpha(160),
        ),
    );
    let text = if cluster.count >= 10_000 {
        format!("{}k", cluster.count / 1000)
    } else {
        cluster.count.to_string()
    };
    painter.text(
        cluster.pos_on_screen,
        Align2::CENTER_CENTER,
        text,
        FontId::proportional(11.0),
        Color32::WHITE,
    );
}

#[cfg(test)]
mod tests {
    use super::*;
    use egui::{Rect, vec2};

    fn mark(force: usize, x: f32, y: f32, color: Color32) -> ForceMark<'static> {
        ForceMark {
            force,
            rect_on_screen: Rect::from_center_size(Pos2::new(x, y), vec2(26.0, 16.0)),
            color,
            low_confidence: false,
            abbreviation: "MIX",
            name: "unit",
            moving: true,
            symbol: None,
            tether_on_screen: None,
        }
    }

    #[test]
    fn nearby_markers_share_a_cluster_that_finds_the_nearest_unit() {
        let (red, blue) = (Color32::RED, Color32::BLUE);
        let marks = [
            mark(0, 10.0, 10.0, red),
            mark(1, 20.0, 12.0, blue),
            mark(2, 30.0, 14.0, blue),
            mark(3, 500.0, 300.0, red),
        ];
        let clusters = cluster(&marks);
        assert_eq!(clusters.len(), 2);
        let first = &clusters[0];
        assert_eq!(first.count, 3);
        assert_eq!(first.color, blue, "the colour of most of its units");
        assert_eq!(first.pos_on_screen, Pos2::new(20.0, 12.0));
        assert_eq!(first.force_at(Pos2::new(27.0, 13.0)), Some(2));
        assert_eq!(first.force_at(Pos2::new(200.0, 200.0)), None);
        assert!(first.contains(1) && !first.contains(3));
        assert_eq!(clusters[1].count, 1);
    }

    fn scenario_of(units: usize) -> crate::model::Scenario {
        use crate::model::{
            Dating, Force, ForceKind, LonLat, Place, Provenance, StateKind, Track, TrackState,
        };
        let forces = (0..units)
            .map(|u| {
                let position = LonLat::new(
                    36.0 + (u % 100) as f64 * 0.06,
                    33.0 + (u / 100) as f64 * 0.06,
                );
                let dating = Dating::exact(jiff::Timestamp::UNIX_EPOCH);
                let state = TrackState::new(
                    StateKind::Stationed {
                        place: Place {
                            site: None,
                            position,
                        },
                    },
                    dating,
                    Provenance::default(),
                    None,
                    None,
                );
                Force {
                    id: format!("u{u}"),
                    name: format!("Unit {u}"),
                    faction: "f".into(),
                    kind: ForceKind::Mixed,
                    strength: None,
                    note: None,
                    track: Track::new(vec![state]),
                    attributes: vec![],
                    temporal_properties: vec![],
                    extra: Default::default(),
                }
            })
            .collect();
        crate::model::Scenario {
            forces,
            ..crate::model::Scenario::default()
        }
    }

    #[test]
    fn a_crowded_view_is_drawn_as_clusters_and_pointing_still_finds_units() {
        use crate::map::{LayerVisibility, build_draw_list};
        use crate::selection::Selection;
        let mut memory = walkers::MapMemory::default();
        memory.center_at(walkers::lon_lat(39.0, 34.0));
        let _ = memory.set_zoom(6.5);
        let rect = Rect::from_min_size(Pos2::ZERO, vec2(1280.0, 800.0));
        let projector = walkers::Projector::new(
            rect,
            &walkers::MercatorProjection,
            &memory,
            walkers::lon_lat(39.0, 34.0),
        );
        let layers = LayerVisibility::default();
        let few = scenario_of(200);
        let state = crate::model::state_at(&few, 0.0);
        let list = build_draw_list(&few, &state, &layers, &projector, None);
        assert!(list.clusters.is_empty());
        assert_eq!(list.forces.len(), 200);

        let many = scenario_of(3_000);
        let state = crate::model::state_at(&many, 0.0);
        let list = build_draw_list(&many, &state, &layers, &projector, None);
        assert!(list.forces.is_empty() && list.routes.is_empty());
        assert!(!list.clusters.is_empty());
        assert_eq!(
            list.clusters.iter().map(|c| c.count).sum::<usize>(),
            3_000,
            "every unit in view is counted once"
        );
        let busiest = list
            .clusters
            .iter()
            .max_by_key(|c| c.count)
            .unwrap_or_else(|| panic!("no cluster"));
        let Some(Selection::Force(found)) = list.hit(busiest.pos_on_screen) else {
            panic!("pointing at a cluster finds no unit");
        };
        assert!(busiest.contains(found));
    }
}
