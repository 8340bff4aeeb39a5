//! One pass that places every name on the map: the selected thing's, the sites', the moving
//! units' and the basemap's town names, in that order of priority. A name never covers a marker
//! or another name; one that cannot sit beside its mark is moved a little way off with a leader
//! line, and one that finds no room at all is dropped, with the reason recorded.

use crate::model::LonLat;
use egui::{Align2, Color32, FontId, Painter, Pos2, Rect, Stroke, Vec2, vec2};

/// A town or city name from the basemap's tiles.
#[derive(Clone, Debug, PartialEq)]
pub struct PlaceName {
    /// The name as the basemap writes it.
    pub name: String,
    /// Where the place is.
    pub position: LonLat,
    /// Font size the basemap's style gives it, in points: larger for more populous places, so
    /// it doubles as the place's rank.
    pub size_pt: f32,
    /// Text colour in the basemap's style.
    pub text_color: Color32,
    /// Halo colour in the basemap's style.
    pub halo_color: Color32,
}

/// Whose name a label is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LabelOwner {
    /// A scenario site (index into the scenario's sites).
    Site(usize),
    /// A unit (index into the scenario's forces).
    Force(usize),
    /// A town or city named by the basemap.
    Place,
}

/// A label given a place on screen.
#[derive(Clone, Debug, PartialEq)]
pub struct PlacedLabel {
    /// Whose name it is.
    pub owner: LabelOwner,
    /// The text written.
    pub text: String,
    /// The box the label covers, halo included, in screen points.
    pub rect_on_screen: Rect,
    /// The point it names, in screen points.
    pub anchor_on_screen: Pos2,
    /// Whether it was moved off its mark and is joined to it by a leader line.
    pub leader: bool,
    /// Font size, in points.
    pub size_pt: f32,
    /// Text colour.
    pub text_color: Color32,
    /// Halo colour: a box behind scenario names, an outline round basemap names.
    pub halo_color: Color32,
}

/// Why a label is not on the map.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DropReason {
    /// Every position near its mark would cover a marker or a label of higher priority.
    NoRoom,
    /// The site of the same name, at the same spot, is labelled already.
    SameAsSite(usize),
    /// Labels are switched off (the selected thing is still named).
    LabelsHidden,
}

/// A label that was left off the map.
#[derive(Clone, Debug, PartialEq)]
pub struct DroppedLabel {
    /// Whose name it is.
    pub owner: LabelOwner,
    /// The text that was not written.
    pub text: String,
    /// Why.
    pub reason: DropReason,
}

/// Where the map's names and markers ended up in the last frame drawn: read by tests and
/// exports rather than the pixels.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct LabelLayout {
    /// Labels placed, in the order they were placed (highest priority first).
    pub placed: Vec<PlacedLabel>,
    /// Labels left off, with the reason.
    pub dropped: Vec<DroppedLabel>,
    /// The boxes of the markers (site symbols, unit markers, counts) no label may cover.
    pub markers: Vec<Rect>,
    /// The unit markers among them, which do not cover each other either.
    pub unit_markers: Vec<Rect>,
    /// The sites whose symbol is on the map.
    pub sites_in_view: Vec<usize>,
}

/// A name waiting to be placed.
#[derive(Clone, Debug)]
pub(super) struct Candidate {
    /// Whose name it is.
    pub owner: LabelOwner,
    /// The name.
    pub text: String,
    /// The point named, in screen points.
    pub anchor: Pos2,
    /// Half the size of the mark drawn at `anchor`, which the label keeps clear of.
    pub mark_half_size: Vec2,
    /// Font size, in points.
    pub size_pt: f32,
    /// Whether it may be moved off its mark with a leader line when no place beside it is free.
    pub may_lead: bool,
    /// Where a basemap town is, to tell whether a site names the same place.
    pub lon_lat: Option<LonLat>,
    /// Text colour.
    pub text_color: Color32,
    /// Halo colour.
    pub halo_color: Color32,
}

/// Gap between a mark and its label, in points.
const GAP: f32 = 3.0;
/// How far a displaced label is moved beyond the ordinary positions, in points.
const LEADER_LENGTHS: [f32; 3] = [14.0, 28.0, 44.0];
/// Around a label's text, the halo it is drawn on, in points.
const HALO: f32 = 1.5;
/// Distance within which a basemap town and a site of the same name are the same place, in
/// degrees of latitude (about 11 km).
const SAME_PLACE_DEG: f64 = 0.1;

/// The positions tried for a label of `size` around `candidate`'s mark: beside it (right, left,
/// above, below, then the corners), then further off with a leader line.
fn positions(candidate: &Candidate, size: Vec2) -> impl Iterator<Item = (Rect, bool)> + '_ {
    let a = candidate.anchor;
    let h = candidate.mark_half_size;
    let beside = move |extra: f32| {
        let (dx, dy) = (h.x + GAP + extra, h.y + GAP + extra);
        [
            (Align2::LEFT_CENTER, a + vec2(dx, 0.0)),
            (Align2::RIGHT_CENTER, a - vec2(dx, 0.0)),
            (Align2::CENTER_BOTTOM, a - vec2(0.0, dy)),
            (Align2::CENTER_TOP, a + vec2(0.0, dy)),
            (Align2::LEFT_BOTTOM, a + vec2(dx, -dy)),
            (Align2::RIGHT_BOTTOM, a + vec2(-dx, -dy)),
            (Align2::LEFT_TOP, a + vec2(dx, dy)),
            (Align2::RIGHT_TOP, a + vec2(-dx, dy)),
        ]
    };
    let led = candidate
        .may_lead
        .then_some(LEADER_LENGTHS)
        .into_iter()
        .flatten();
    let centred =
        (candidate.owner == LabelOwner::Place).then_some((Align2::CENTER_CENTER, a, false));
    centred
        .into_iter()
        .chain(
            beside(0.0)
                .into_iter()
                .map(|(align, pos)| (align, pos, false)),
        )
        .chain(led.flat_map(move |extra| {
            beside(extra)
                .into_iter()
                .map(|(align, pos)| (align, pos, true))
        }))
        .map(move |(align, pos, leader)| (align.anchor_size(pos, size).expand(HALO), leader))
}

/// A name reduced to its lower-case letters and digits, to compare spellings.
fn normalized(name: &str) -> String {
    name.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

/// Places `candidates` (highest priority first), then the basemap's `places` (biggest first),
/// inside `bounds`, clear of `markers` and of each other. `measure` gives the size of a text at a
/// font size; `to_screen` projects a place. A town whose site of the same name is labelled
/// (`site_positions` gives where each site is) is dropped rather than written twice.
pub(super) fn place_labels(
    candidates: Vec<Candidate>,
    places: &[PlaceName],
    site_positions: &[(usize, LonLat)],
    markers: &[Rect],
    bounds: Rect,
    measure: &dyn Fn(&str, f32) -> Vec2,
    to_screen: &dyn Fn(LonLat) -> Pos2,
) -> (Vec<PlacedLabel>, Vec<DroppedLabel>) {
    let mut placed: Vec<PlacedLabel> = Vec::new();
    let mut dropped = Vec::new();
    let mut places: Vec<&PlaceName> = places.iter().collect();
    // Stable: among equals the tiles' own order (their key places first) stands.
    places.sort_by(|a, b| b.size_pt.total_cmp(&a.size_pt));
    let mut written_places: Vec<(String, Pos2)> = Vec::new();
    let town_candidates = places.into_iter().filter_map(|place| {
        let anchor = to_screen(place.position);
        if !bounds.contains(anchor) {
            return None;
        }
        let key = normalized(&place.name);
        // The same name from two tiles, or twice in one: once.
        if written_places
            .iter()
            .any(|(name, pos)| *name == key && pos.distance(anchor) < 40.0)
        {
            return None;
        }
        written_places.push((key, anchor));
        Some(Candidate {
            owner: LabelOwner::Place,
            text: place.name.clone(),
            anchor,
            mark_half_size: Vec2::splat(1.0),
            size_pt: place.size_pt,
            may_lead: false,
            lon_lat: Some(place.position),
            text_color: place.text_color,
            halo_color: place.halo_color,
        })
    });
    // A mark just outside the map (kept for its routes and rings) is not named inside it.
    let in_view = candidates
        .into_iter()
        .filter(|candidate| bounds.contains(candidate.anchor));
    for candidate in in_view.chain(town_candidates) {
        if candidate.owner == LabelOwner::Place
            && let Some(site) = same_site_labelled(&candidate, &placed, site_positions, to_screen)
        {
            dropped.push(DroppedLabel {
                owner: candidate.owner,
                text: candidate.text,
                reason: DropReason::SameAsSite(site),
            });
            continue;
        }
        let size = measure(&candidate.text, candidate.size_pt);
        let free = positions(&candidate, size).find(|&(rect, leader)| {
            bounds.contains_rect(rect)
                && !markers.iter().any(|m| m.intersects(rect))
                && !placed.iter().any(|p| p.rect_on_screen.intersects(rect))
                && (!leader || !leader_crosses(candidate.anchor, rect, markers, &placed))
        });
        match free {
            Some((rect, leader)) => placed.push(PlacedLabel {
                owner: candidate.owner,
                text: candidate.text,
                rect_on_screen: rect,
                anchor_on_screen: candidate.anchor,
                leader,
                size_pt: candidate.size_pt,
                text_color: candidate.text_color,
                halo_color: candidate.halo_color,
            }),
            None => dropped.push(DroppedLabel {
                owner: candidate.owner,
                text: candidate.text,
                reason: DropReason::NoRoom,
            }),
        }
    }
    (placed, dropped)
}

/// Whether the leader line from `anchor` to `label` would cross another marker (one not at
/// `anchor`), another label or another leader line.
fn leader_crosses(anchor: Pos2, label: Rect, markers: &[Rect], placed: &[PlacedLabel]) -> bool {
    let end = label.clamp(anchor);
    let length = anchor.distance(end);
    let steps = (length / 2.0).ceil().max(1.0) as usize;
    let on_line = |i: usize| anchor + (end - anchor) * (i as f32 / steps as f32);
    let crosses_box = (1..steps).map(on_line).any(|point| {
        markers
            .iter()
            .any(|m| m.contains(point) && !m.contains(anchor))
            || placed.iter().any(|p| p.rect_on_screen.contains(point))
    });
    let crosses_leader = placed.iter().filter(|p| p.leader).any(|p| {
        segments_cross(
            (anchor, end),
            (
                p.anchor_on_screen,
                p.rect_on_screen.clamp(p.anchor_on_screen),
            ),
        )
    });
    crosses_box || crosses_leader
}

/// Whether two segments cross (touching ends do not count).
fn segments_cross((a, b): (Pos2, Pos2), (c, d): (Pos2, Pos2)) -> bool {
    let side = |p: Pos2, q: Pos2, r: Pos2| (q - p).x * (r - p).y - (q - p).y * (r - p).x;
    let (d1, d2) = (side(c, d, a), side(c, d, b));
    let (d3, d4) = (side(a, b, c), side(a, b, d));
    d1 * d2 < 0.0 && d3 * d4 < 0.0
}

/// The labelled site that a basemap town names again: the same name, at about the same place.
fn same_site_labelled(
    town: &Candidate,
    placed: &[PlacedLabel],
    site_positions: &[(usize, LonLat)],
    to_screen: &dyn Fn(LonLat) -> Pos2,
) -> Option<usize> {
    let key = normalized(&town.text);
    placed.iter().find_map(|label| {
        let LabelOwner::Site(site) = label.owner else {
            return None;
        };
        if normalized(&label.text) != key {
            return None;
        }
        let (_, position) = site_positions.iter().find(|(i, _)| *i == site)?;
        let near_on_screen = to_screen(*position).distance(town.anchor) < 60.0;
        let near_on_earth = town.lon_lat.is_some_and(|town| {
            (town.y() - position.y()).abs() < SAME_PLACE_DEG
                && (town.x() - position.x()).abs() < SAME_PLACE_DEG * 1.3
        });
        (near_on_screen || near_on_earth).then_some(site)
    })
}

/// Paints `labels`: scenario names on a pale box, basemap names in the style's colours with a halo,
/// and a leader line from each displaced label to its mark.
pub(super) fn paint_labels(painter: &Painter, labels: &[PlacedLabel]) {
    for label in labels {
        let town = label.owner == LabelOwner::Place;
        let color = label.text_color;
        let galley = painter.layout_no_wrap(
            label.text.clone(),
            FontId::proportional(label.size_pt),
            color,
        );
        let text_pos = label.rect_on_screen.min + Vec2::splat(HALO);
        if label.leader {
            let end = label.rect_on_screen.clamp(label.anchor_on_screen);
            painter.line_segment(
                [label.anchor_on_screen, end],
                Stroke::new(1.0, crate::theme::LABEL_TEXT.gamma_multiply(0.8)),
            );
        }
        if town {
            for offset in [
                vec2(-1.0, 0.0),
                vec2(1.0, 0.0),
                vec2(0.0, -1.0),
                vec2(0.0, 1.0),
                vec2(-1.0, -1.0),
                vec2(1.0, 1.0),
                vec2(-1.0, 1.0),
                vec2(1.0, -1.0),
            ] {
                painter.galley_with_override_text_color(
                    text_pos + offset,
                    galley.clone(),
                    label.halo_color,
                );
            }
            painter.galley_with_override_text_color(text_pos, galley, color);
        } else {
            painter.rect_filled(label.rect_on_screen, 3.0, label.halo_color);
            painter.galley(text_pos, galley, color);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use egui::pos2;

    fn site(index: usize, text: &str, anchor: Pos2) -> Candidate {
        Candidate {
            owner: LabelOwner::Site(index),
            text: text.to_string(),
            anchor,
            mark_half_size: Vec2::splat(5.0),
            size_pt: 10.0,
            may_lead: true,
            lon_lat: None,
            text_color: Color32::BLACK,
            halo_color: Color32::WHITE,
        }
    }

    /// Ten points per character, twelve high.
    fn measure(text: &str, _: f32) -> Vec2 {
        vec2(10.0 * text.chars().count() as f32, 12.0)
    }

    fn town(name: &str, lon: f64, lat: f64, size_pt: f32) -> PlaceName {
        PlaceName {
            name: name.to_string(),
            position: LonLat::new(lon, lat),
            size_pt,
            text_color: Color32::GRAY,
            halo_color: Color32::WHITE,
        }
    }

    /// Degrees to points, one degree a hundred points, north up.
    fn to_screen(position: LonLat) -> Pos2 {
        pos2(
            position.x() as f32 * 100.0,
            500.0 - position.y() as f32 * 100.0,
        )
    }

    const BOUNDS: Rect = Rect::from_min_max(pos2(0.0, 0.0), pos2(1000.0, 1000.0));

    #[test]
    fn a_label_goes_beside_its_mark_first_and_round_a_marker_in_its_way() {
        let free = place_labels(
            vec![site(0, "Abc", pos2(100.0, 100.0))],
            &[],
            &[],
            &[],
            BOUNDS,
            &measure,
            &to_screen,
        )
        .0;
        assert!(free[0].rect_on_screen.left() > 105.0 && !free[0].leader);
        // A marker right of the site: the label goes left instead.
        let marker = Rect::from_min_size(pos2(106.0, 90.0), vec2(60.0, 20.0));
        let moved = place_labels(
            vec![site(0, "Abc", pos2(100.0, 100.0))],
            &[],
            &[],
            &[marker],
            BOUNDS,
            &measure,
            &to_screen,
        )
        .0;
        assert!(moved[0].rect_on_screen.right() < 95.0, "{:?}", moved[0]);
        assert!(!moved[0].rect_on_screen.intersects(marker));
    }

    #[test]
    fn a_boxed_in_label_is_led_off_and_one_with_no_room_is_dropped() {
        // A wide marker over the site (a count of units, say) leaves only positions further off.
        let anchor = pos2(300.0, 300.0);
        let ring = vec![Rect::from_center_size(anchor, vec2(60.0, 40.0))];
        let (placed, dropped) = place_labels(
            vec![site(0, "Ab", anchor)],
            &[],
            &[],
            &ring,
            BOUNDS,
            &measure,
            &to_screen,
        );
        assert!(dropped.is_empty(), "{dropped:?}");
        assert!(placed[0].leader, "{:?}", placed[0]);
        // The whole map taken: dropped, with the reason.
        let (placed, dropped) = place_labels(
            vec![site(0, "Ab", anchor)],
            &[],
            &[],
            &[BOUNDS.shrink(200.0)],
            BOUNDS,
            &measure,
            &to_screen,
        );
        assert!(placed.is_empty());
        assert_eq!(dropped[0].reason, DropReason::NoRoom);
    }

    #[test]
    fn sites_come_before_towns_and_a_town_named_like_a_site_is_not_written_again() {
        let kobani = LonLat::new(3.0, 2.0);
        let (placed, dropped) = place_labels(
            vec![site(4, "Kobani", to_screen(kobani))],
            &[
                town("Kobani", 3.01, 2.01, 12.0),
                town("Suruc", 3.05, 2.0, 11.0),
                town("Big City", 6.0, 4.0, 16.0),
            ],
            &[(4, kobani)],
            &[],
            BOUNDS,
            &measure,
            &to_screen,
        );
        let texts: Vec<&str> = placed.iter().map(|label| label.text.as_str()).collect();
        assert_eq!(texts[0], "Kobani");
        assert_eq!(texts.iter().filter(|t| **t == "Kobani").count(), 1);
        assert!(texts.contains(&"Big City"));
        assert_eq!(
            dropped
                .iter()
                .find(|label| label.text == "Kobani")
                .map(|label| label.reason),
            Some(DropReason::SameAsSite(4))
        );
        // Suruc, five points east of Kobani's mark, finds a place clear of its label.
        for (i, a) in placed.iter().enumerate() {
            for b in &placed[i + 1..] {
                assert!(!a.rect_on_screen.intersects(b.rect_on_screen));
            }
        }
    }
}
