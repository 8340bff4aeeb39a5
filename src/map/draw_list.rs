//! What to draw on the map this frame, in screen points, built from the state at the current time.
//!
//! Building is separate from painting so it can be measured, hit-tested and reused by exports.

use super::LayerVisibility;
use super::clusters::{ClusterMark, MAX_MARKERS, cluster, paint_cluster};
use super::labels::{
    Candidate, DropReason, DroppedLabel, LabelLayout, LabelOwner, PlaceName, place_labels,
};
use super::marks::{
    APP6_MARKER_SIZE, EVENT_RADIUS, EventMark, FORCE_MARKER_SIZE, ForceMark, ForceSymbol, RingMark,
    RouteMark, SITE_MARK_HALF_SIZE, SITE_RADIUS, SiteMark, paint_dashed_circle, paint_event,
    paint_force, paint_force_amplifiers, paint_route, paint_site,
};
use crate::model::{
    Confidence, ControlAt, ControlKind, ForceStatus, LonLat, Path, Scenario, StateAt, StateKind,
    TrackState,
};
use crate::selection::Selection;
use crate::symbology;
use crate::theme;
use egui::{Painter, Pos2, Rect, Stroke, Vec2, vec2};
use walkers::Projector;

/// Gap between unit markers stacked at a site, in points.
const STACK_GAP: f32 = 3.0;
/// Marks this far outside the map are dropped, in points.
const CULL_MARGIN: f32 = 80.0;

/// Everything to draw this frame, bottom to top.
#[derive(Clone, Debug, Default)]
pub struct DrawList<'a> {
    /// Uncertainty rings.
    pub rings: Vec<RingMark>,
    /// Range rings the user asked for.
    pub range_rings: Vec<super::RangeRingMark>,
    /// The ruler, drawn over everything else.
    pub ruler: Option<super::RulerMark>,
    /// Movement paths.
    pub routes: Vec<RouteMark>,
    /// Sites.
    pub sites: Vec<SiteMark<'a>>,
    /// Events.
    pub events: Vec<EventMark>,
    /// Unit markers.
    pub forces: Vec<ForceMark<'a>>,
    /// Unit markers gathered into counts, when more than [`MAX_MARKERS`] are in view (then
    /// `forces` and `routes` are empty).
    pub clusters: Vec<ClusterMark>,
    /// Whether to draw labels.
    pub labels: bool,
    /// What to outline.
    pub highlighted: Option<Selection>,
    /// Where the names went, once [`place_labels`](Self::place_labels) has run.
    pub layout: LabelLayout,
}

fn on_screen(projector: &Projector, position: LonLat) -> Pos2 {
    projector.project(position).to_pos2()
}

/// Builds the draw list for `state` as seen through `projector`.
pub fn build_draw_list<'a>(
    scenario: &'a Scenario,
    state: &StateAt,
    layers: &LayerVisibility,
    projector: &Projector,
    highlighted: Option<Selection>,
) -> DrawList<'a> {
    let visible = projector.clip_rect().expand(CULL_MARGIN);
    let mut list = DrawList {
        labels: layers.labels,
        highlighted,
        ..DrawList::default()
    };
    // Most units sit at sites: project each site once and place them from there.
    let sites_on_screen: Vec<Pos2> = scenario
        .sites
        .iter()
        .map(|site| on_screen(projector, site.position))
        .collect();
    if layers.sites {
        add_sites(
            &mut list,
            scenario,
            state,
            projector,
            &sites_on_screen,
            visible,
        );
    }
    if layers.events {
        add_events(&mut list, scenario, state, projector, visible, highlighted);
    }
    list.range_rings =
        super::range_rings::range_ring_marks(scenario, state, &layers.range_rings, projector);
    list.ruler = super::ruler::ruler_mark(scenario, state, &layers.ruler, projector);
    add_forces(
        &mut list,
        scenario,
        state,
        layers,
        projector,
        &sites_on_screen,
        visible,
    );
    list
}

fn add_sites<'a>(
    list: &mut DrawList<'a>,
    scenario: &'a Scenario,
    state: &StateAt,
    projector: &Projector,
    sites_on_screen: &[Pos2],
    visible: Rect,
) {
    let busy_sites: Vec<usize> = scenario
        .events
        .iter()
        .filter(|event| event.dating.covers(state.t))
        .filter_map(|event| event.site)
        .collect();
    for (index, site) in scenario.sites.iter().enumerate() {
        let pos = sites_on_screen[index];
        if !visible.contains(pos) {
            continue;
        }
        if let Some(km) = site.coordinate_uncertainty_km {
            let radius = km as f32 * 1000.0 * projector.scale_pixel_per_meter(site.position);
            list.rings.push(RingMark {
                center_on_screen: pos,
                radius,
            });
        }
        let color_of = |faction: Option<&str>| {
            faction.map_or(theme::NEUTRAL_SITE, |f| theme::faction_color(scenario, f))
        };
        let (color, second_color, unsettled) = match site.control_at(state.t) {
            ControlAt::Unknown => (color_of(site.faction.as_deref()), None, false),
            ControlAt::PresenceNotDated { faction } => (color_of(Some(faction)), None, true),
            ControlAt::ChangingHands { from, to } => (
                color_of(from.map(|c| c.faction.as_str())),
                Some(color_of(Some(&to.faction))),
                true,
            ),
            ControlAt::Settled(change) => (
                color_of(Some(&change.faction)),
                change.with.first().map(|f| color_of(Some(f))),
                change.kind == ControlKind::Disputed,
            ),
        };
        list.sites.push(SiteMark {
            site: index,
            pos_on_screen: pos,
            kind: site.kind,
            color,
            second_color,
            unsettled,
            name: &site.name,
            lon_lat: site.position,
            busy: busy_sites.contains(&index),
        });
    }
}

fn add_events(
    list: &mut DrawList<'_>,
    scenario: &Scenario,
    state: &StateAt,
    projector: &Projector,
    visible: Rect,
    highlighted: Option<Selection>,
) {
    for (index, event) in scenario.events.iter().enumerate() {
        let is_highlighted = highlighted == Some(Selection::Event(index));
        if !(is_highlighted || event.dating.covers(state.t)) {
            continue;
        }
        let Some(position) = scenario.event_position(event) else {
            continue;
        };
        let pos = on_screen(projector, position);
        if visible.contains(pos) {
            list.events.push(EventMark {
                event: index,
                pos_on_screen: pos,
                color: theme::event_color(event.kind),
                kind: event.kind,
                low_confidence: event.provenance.confidence == Confidence::Low,
            });
        }
    }
}

fn add_forces<'a>(
    list: &mut DrawList<'a>,
    scenario: &'a Scenario,
    state: &StateAt,
    layers: &LayerVisibility,
    projector: &Projector,
    sites_on_screen: &[Pos2],
    visible: Rect,
) {
    let marker_size = if layers.app6_symbols {
        APP6_MARKER_SIZE
    } else {
        FORCE_MARKER_SIZE
    };
    // Forces stationed at a site sit in a row under its symbol.
    let mut slot_at_site = vec![0usize; scenario.sites.len()];
    let shown_at_site: Vec<usize> = state
        .sites
        .iter()
        .map(|site_at| {
            site_at
                .forces_present
                .iter()
                .filter(|&&i| layers.shows_faction(&scenario.forces[state.forces[i].force].faction))
                .count()
        })
        .collect();
    let mut pending_routes = Vec::new();
    // For each marker pushed that sits in a row under a site (and may be moved down a row), the
    // site's position.
    let mut in_site_row = Vec::new();
    for at in &state.forces {
        let force = &scenario.forces[at.force];
        if !(at.is_present() && layers.shows_faction(&force.faction)) {
            continue;
        }
        let Some(track_state) = force.track.get(at.state) else {
            continue;
        };
        let color = theme::faction_color(scenario, &force.faction);
        let anchor = match at.status {
            ForceStatus::Stationed { site: Some(site) } => sites_on_screen[site],
            _ => on_screen(projector, at.position),
        };
        let center = match at.status {
            ForceStatus::Stationed { site: Some(site) } => {
                let count = shown_at_site[site];
                let slot = slot_at_site[site];
                slot_at_site[site] += 1;
                let offset_x =
                    (slot as f32 - (count as f32 - 1.0) / 2.0) * (marker_size.x + STACK_GAP);
                anchor + vec2(offset_x, SITE_RADIUS + 4.0 + marker_size.y / 2.0)
            }
            _ => anchor,
        };
        if layers.routes
            && let ForceStatus::Moving { progress } = at.status
            && let Some((path, route_reported)) = moving_path(&track_state)
        {
            pending_routes.push((path, progress, anchor, color, route_reported));
        }
        if !visible.contains(center) {
            continue;
        }
        let symbol = layers
            .app6_symbols
            .then(|| force_symbol(scenario, force, layers, color));
        in_site_row.push(match at.status {
            ForceStatus::Stationed { site: Some(site) } => Some(sites_on_screen[site]),
            _ => None,
        });
        list.forces.push(ForceMark {
            force: at.force,
            rect_on_screen: Rect::from_center_size(center, marker_size),
            symbol,
            color,
            low_confidence: track_state.provenance().confidence == Confidence::Low,
            abbreviation: force.kind.abbreviation(),
            name: &force.name,
            moving: matches!(at.status, ForceStatus::Moving { .. }),
            tether_on_screen: None,
        });
    }
    super::site_rows::separate_site_rows(
        &mut list.forces,
        &in_site_row,
        &list.sites,
        marker_size.y + STACK_GAP,
    );
    if list.forces.len() > MAX_MARKERS {
        // Too many to read one by one, or to follow their routes: counts instead.
        list.clusters = cluster(&list.forces);
        list.forces.clear();
        return;
    }
    for (path, progress, anchor, color, reported) in pending_routes {
        let mut points_on_screen = Vec::new();
        let mut travelled = Vec::new();
        for &(point, fraction) in path.curve() {
            let pos = on_screen(projector, point);
            if fraction < progress {
                travelled.push(pos);
            }
            points_on_screen.push(pos);
        }
        travelled.push(anchor);
        list.routes.push(RouteMark {
            points_on_screen,
            travelled_on_screen: travelled,
            color,
            reported,
        });
    }
}

/// The APP-6 symbol of a force: its code when it has one, else derived from its kind; the
/// identity is the viewer's choice for its faction, else the scenario's; the text amplifiers
/// come from the force's properties.
fn force_symbol(
    scenario: &Scenario,
    force: &crate::model::Force,
    layers: &LayerVisibility,
    faction_color: egui::Color32,
) -> ForceSymbol {
    let symbol = symbology::force_symbol(force, layers.identity_of(scenario, &force.faction));
    ForceSymbol {
        symbol,
        amplifiers: symbology::force_amplifiers(force),
        fill: if layers.faction_fill {
            symbology::FillMode::Faction(faction_color)
        } else {
            symbology::FillMode::Standard
        },
    }
}

impl<'a> DrawList<'a> {
    /// The topmost thing under `pos_on_screen`: units first, then events, then sites.
    pub fn hit(&self, pos_on_screen: Pos2) -> Option<Selection> {
        if let Some(mark) = self
            .forces
            .iter()
            .rev()
            .find(|mark| mark.rect_on_screen.expand(2.0).contains(pos_on_screen))
        {
            return Some(Selection::Force(mark.force));
        }
        if let Some(force) = self
            .clusters
            .iter()
            .rev()
            .find_map(|cluster| cluster.force_at(pos_on_screen))
        {
            return Some(Selection::Force(force));
        }
        // Of sites drawn over each other (an airport by its town), the nearest.
        if let Some(mark) = self
            .sites
            .iter()
            .filter(|mark| mark.pos_on_screen.distance(pos_on_screen) <= SITE_RADIUS + 4.0)
            .min_by(|a, b| {
                a.pos_on_screen
                    .distance(pos_on_screen)
                    .total_cmp(&b.pos_on_screen.distance(pos_on_screen))
            })
        {
            return Some(Selection::Site(mark.site));
        }
        self.events
            .iter()
            .rev()
            .find(|mark| mark.pos_on_screen.distance(pos_on_screen) <= EVENT_RADIUS + 3.0)
            .map(|mark| Selection::Event(mark.event))
    }

    /// Paints everything with `painter`.
    pub fn paint(&self, painter: &Painter) {
        for ring in &self.range_rings {
            super::range_rings::paint_range_ring(painter, ring);
        }
        for ring in &self.rings {
            paint_dashed_circle(
                painter,
                ring.center_on_screen,
                ring.radius,
                64,
                Stroke::new(1.2, theme::LOW_CONFIDENCE),
                [5.0, 4.0],
            );
        }
        for route in &self.routes {
            paint_route(painter, route);
        }
        for event in &self.events {
            paint_event(
                painter,
                event,
                self.highlighted == Some(Selection::Event(event.event)),
            );
        }
        for site in &self.sites {
            paint_site(
                painter,
                site,
                self.highlighted == Some(Selection::Site(site.site)),
            );
        }
        for cluster in &self.clusters {
            let highlighted =
                matches!(self.highlighted, Some(Selection::Force(i)) if cluster.contains(i));
            paint_cluster(painter, cluster, highlighted);
        }
        for force in &self.forces {
            if let Some(site) = force.tether_on_screen {
                painter.line_segment(
                    [site, force.rect_on_screen.center_top()],
                    Stroke::new(1.0, force.color.gamma_multiply(0.8)),
                );
            }
        }
        for force in &self.forces {
            paint_force(
                painter,
                force,
                self.highlighted == Some(Selection::Force(force.force)),
            );
        }
        super::labels::paint_labels(painter, &self.layout.placed);
        // Amplifiers belong to their symbols: over neighbours and names, under the ruler.
        for force in &self.forces {
            paint_force_amplifiers(painter, force);
        }
        if let Some(ruler) = &self.ruler {
            super::ruler::paint_ruler(painter, ruler);
        }
    }

    /// The boxes of every marker no label may cover: site symbols, unit markers and counts.
    pub fn marker_rects(&self) -> Vec<Rect> {
        self.sites
            .iter()
            .map(|site| {
                Rect::from_center_size(site.pos_on_screen, Vec2::splat(2.0 * SITE_MARK_HALF_SIZE))
            })
            .chain(self.forces.iter().map(|force| force.rect_on_screen))
            .chain(self.clusters.iter().map(|cluster| {
                Rect::from_center_size(cluster.pos_on_screen, Vec2::splat(2.0 * cluster.radius()))
            }))
            .collect()
    }

    /// Places every name in one pass, inside `bounds`: the highlighted thing's, then the sites'
    /// (bases, then sites where something happens now, then cities, then the rest), then the
    /// moving units', then the basemap's `places` by rank, clear of the markers and of the
    /// `keep_clear` boxes drawn over the map. The result is kept in `layout`.
    pub(super) fn place_labels(
        &mut self,
        painter: &Painter,
        places: &[PlaceName],
        bounds: Rect,
        keep_clear: &[Rect],
        to_screen: &dyn Fn(crate::model::LonLat) -> Pos2,
    ) {
        // Once per frame, not per label: each asks the context's lock.
        let (text_color, halo_color) = (
            theme::label_text(painter.ctx()),
            theme::label_halo(painter.ctx()),
        );
        let site_candidate = |site: &SiteMark<'a>| Candidate {
            owner: LabelOwner::Site(site.site),
            text: site.name.to_string(),
            anchor: site.pos_on_screen,
            mark_half_size: Vec2::splat(SITE_MARK_HALF_SIZE),
            size_pt: 12.0,
            may_lead: true,
            lon_lat: None,
            text_color,
            halo_color,
        };
        let force_candidate = |force: &ForceMark<'a>| Candidate {
            owner: LabelOwner::Force(force.force),
            text: force.name.to_string(),
            anchor: force.rect_on_screen.center(),
            mark_half_size: force.rect_on_screen.size() / 2.0,
            size_pt: 11.0,
            may_lead: true,
            lon_lat: None,
            text_color,
            halo_color,
        };
        let highlighted_owner = self.highlighted.and_then(|selection| match selection {
            Selection::Site(i) => Some(LabelOwner::Site(i)),
            Selection::Force(i) => Some(LabelOwner::Force(i)),
            Selection::Event(_) => None,
        });
        let highlighted = self.highlighted.and_then(|selection| match selection {
            Selection::Site(i) => self.sites.iter().find(|s| s.site == i).map(site_candidate),
            Selection::Force(i) => self
                .forces
                .iter()
                .find(|f| f.force == i)
                .map(force_candidate),
            Selection::Event(_) => None,
        });
        let mut sites: Vec<&SiteMark<'a>> = self.sites.iter().collect();
        sites.sort_by_key(|site| {
            (
                !site.kind.is_military(),
                !site.busy,
                site.kind != crate::model::SiteKind::City,
            )
        });
        let others: Vec<Candidate> = sites
            .into_iter()
            .map(site_candidate)
            .chain(self.forces.iter().filter(|f| f.moving).map(force_candidate))
            .filter(|candidate| Some(candidate.owner) != highlighted_owner)
            .collect();
        let mut dropped = Vec::new();
        let candidates: Vec<Candidate> = if self.labels {
            highlighted.into_iter().chain(others).collect()
        } else {
            dropped.extend(others.into_iter().map(|candidate| DroppedLabel {
                owner: candidate.owner,
                text: candidate.text,
                reason: DropReason::LabelsHidden,
            }));
            highlighted.into_iter().collect()
        };
        let site_positions: Vec<(usize, crate::model::LonLat)> = self
            .sites
            .iter()
            .map(|site| (site.site, site.lon_lat))
            .collect();
        let markers = self.marker_rects();
        let obstacles: Vec<Rect> = markers.iter().chain(keep_clear).copied().collect();
        let measure = |text: &str, size_pt: f32| {
            painter
                .layout_no_wrap(
                    text.to_string(),
                    egui::FontId::proportional(size_pt),
                    text_color,
                )
                .size()
        };
        let (placed, mut dropped_now) = place_labels(
            candidates,
            places,
            &site_positions,
            &obstacles,
            bounds,
            &measure,
            to_screen,
        );
        dropped.append(&mut dropped_now);
        self.layout = LabelLayout {
            placed,
            dropped,
            markers,
            unit_markers: self.forces.iter().map(|f| f.rect_on_screen).collect(),
            sites_in_view: self
                .sites
                .iter()
                .filter(|site| bounds.contains(site.pos_on_screen))
                .map(|site| site.site)
                .collect(),
        };
    }
}

/// The path of a moving state and whether a source reports it: borrowed from a track that keeps
/// its states, copied (two points, no heap) from one made from fixes.
fn moving_path<'a>(
    state: &std::borrow::Cow<'a, TrackState>,
) -> Option<(std::borrow::Cow<'a, Path>, bool)> {
    use std::borrow::Cow;
    match state {
        Cow::Borrowed(state) => match &state.kind {
            StateKind::Moving {
                path,
                route_reported,
                ..
            } => Some((Cow::Borrowed(path), *route_reported)),
            _ => None,
        },
        Cow::Owned(state) => match &state.kind {
            StateKind::Moving {
                path,
                route_reported,
                ..
            } => Some((Cow::Owned(path.clone()), *route_reported)),
            _ => None,
        },
    }
}
