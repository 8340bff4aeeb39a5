//! The map panel: walkers' widget, the background, and the scenario's marks with hover and click.

use super::zoom::{MIN_ZOOM, levels_for_factor, levels_for_scroll, zoom_about};
use super::{Basemap, LabelLayout, LayerVisibility, OnlineBasemap, build_draw_list};
use crate::model::{ForceStatus, GeoView, LonLat, Scenario, StateAt, StateKind};
use crate::selection::Selection;
use crate::theme;
use egui::{Align2, Color32, FontId, Stroke, Ui, pos2};
use walkers::{Map, MapMemory, Projector, lon_lat};

/// The map's own state: where it looks and what it draws underneath.
pub struct MapView {
    /// walkers' pan and zoom state.
    pub memory: MapMemory,
    /// Where the map looks when it has not been moved.
    home: LonLat,
    /// The tiles under the scenario; a plain background with a graticule when there are none.
    pub basemap: Option<Basemap>,
    /// Whether sites and forces can be dragged and empty map clicked to place things (edit
    /// mode); set by the app each frame.
    pub editing: bool,
    /// What the left button was pressed on in edit mode, from the press until the release.
    drag: Option<(super::edit_drag::Pressed, egui::Pos2)>,
    /// Where the names and markers went in the last frame drawn.
    pub label_layout: LabelLayout,
    /// Boxes drawn over the map (title, legend, scale bar, credits) that its labels keep clear
    /// of, in screen points; set by whoever draws them, before the map.
    pub keep_clear: Vec<egui::Rect>,
    /// OpenStreetMap's tiles over the basemap, when the user turned them on.
    pub online: Option<OnlineBasemap>,
}

/// What happened on the map this frame.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct MapOutput {
    /// What the pointer is over.
    pub hovered: Option<Selection>,
    /// Set when the user clicked: what was clicked, or `None` for empty map.
    pub clicked: Option<Option<Selection>>,
    /// Where the pointer is on the map.
    pub pointer_lon_lat: Option<crate::model::LonLat>,
    /// Where the user pressed and released the left button on empty map without moving, in
    /// edit mode (however long the press: a slow click still places).
    pub tapped_empty_at: Option<LonLat>,
    /// A site or force dragged and let go this frame (edit mode only).
    pub dropped: Option<super::edit_drag::MapDrop>,
    /// Where the user clicked on the map, set with `clicked`.
    pub clicked_lon_lat: Option<crate::model::LonLat>,
    /// What the menu of a right-clicked unit asked for.
    pub follow: Option<FollowRequest>,
}

/// What the menu of a right-clicked unit asks for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FollowRequest {
    /// Keep the force at this index into the scenario's forces in the middle of the map.
    Follow(usize),
    /// Stop following.
    Unfollow,
}

impl MapView {
    /// A map looking at `view` over `basemap`.
    pub fn new(view: GeoView, basemap: Option<Basemap>) -> Self {
        let mut map = Self {
            memory: MapMemory::default(),
            home: lon_lat(view.lon, view.lat),
            basemap,
            editing: false,
            drag: None,
            label_layout: LabelLayout::default(),
            keep_clear: Vec::new(),
            online: None,
        };
        map.set_view(view);
        map
    }

    /// Moves the map to `view`, its zoom kept within what the basemap can show.
    pub fn set_view(&mut self, view: GeoView) {
        self.center_on(lon_lat(view.lon, view.lat));
        let zoom = if view.zoom.is_finite() {
            view.zoom.clamp(MIN_ZOOM, self.max_zoom())
        } else {
            self.memory.zoom()
        };
        self.memory.set_zoom(zoom).ok();
    }

    /// The deepest zoom the map allows: a few levels past the basemap's deepest tiles.
    pub fn max_zoom(&self) -> f64 {
        self.basemap
            .as_ref()
            .map_or(NO_BASEMAP_MAX_ZOOM, Basemap::max_zoom)
    }

    /// Zooms by `levels` keeping the place `offset_points` from the map's centre where it is.
    pub fn zoom_about(&mut self, offset_points: egui::Vec2, levels: f64) {
        let view = zoom_about(
            self.view(),
            offset_points,
            levels,
            MIN_ZOOM,
            self.max_zoom(),
        );
        self.set_view(view);
    }

    /// Centres the map on `position`, keeping the zoom.
    pub fn center_on(&mut self, position: LonLat) {
        self.memory.center_at(position);
    }

    /// Where the map looks now.
    pub fn view(&self) -> GeoView {
        let center = self.memory.detached().unwrap_or(self.home);
        GeoView {
            lon: center.x(),
            lat: center.y(),
            zoom: self.memory.zoom(),
        }
    }
}

/// The deepest zoom over the plain background, where there is no basemap to run out of.
const NO_BASEMAP_MAX_ZOOM: f64 = 14.0;

/// Turns the wheel, Ctrl+wheel and pinches over the map into zoom about the pointer, and takes
/// the scroll so that walkers does not also pan with it.
fn zoom_with_wheel(ui: &mut Ui, view: &mut MapView, rect: egui::Rect) {
    if !ui.rect_contains_pointer(rect) {
        return;
    }
    let Some(pointer) = ui.input(|input| input.pointer.hover_pos()) else {
        return;
    };
    let (scroll, factor) = ui.input_mut(|input| {
        let scroll = input.smooth_scroll_delta.y;
        input.smooth_scroll_delta = egui::Vec2::ZERO;
        (scroll, input.zoom_delta())
    });
    let levels = levels_for_scroll(f64::from(scroll)) + levels_for_factor(f64::from(factor));
    if levels != 0.0 {
        view.zoom_about(pointer - rect.center(), levels);
        ui.ctx().request_repaint();
    }
}

/// Shows the map with the scenario at `state`. A right-click on a unit opens a menu to follow
/// it (or to stop, when it is `followed`); elsewhere it copies the coordinate.
pub fn map_ui(
    ui: &mut Ui,
    view: &mut MapView,
    scenario: &Scenario,
    state: &StateAt,
    layers: &LayerVisibility,
    selected: Option<Selection>,
    followed: Option<usize>,
) -> MapOutput {
    let rect = ui.available_rect_before_wrap();
    let background = theme::Theme::of(ui.ctx()).map_background();
    ui.painter().rect_filled(rect, 0.0, background);
    zoom_with_wheel(ui, view, rect);
    let home = view.home;
    let has_basemap = view.basemap.is_some();
    // Town names come out of the tiles as they are drawn, to be placed with the scenario's.
    let place_names = view.basemap.as_ref().map(|basemap| {
        basemap.begin_frame();
        basemap.place_names_seen()
    });
    let keep_clear = std::mem::take(&mut view.keep_clear);
    let tiles = view.basemap.as_mut().map(Basemap::tiles);
    // walkers' own zoom is uneven in and out; `zoom_with_wheel` and the double click below
    // zoom instead.
    // While a site or force is dragged in edit mode, the left button moves it, not the map.
    let pan_buttons = if matches!(view.drag, Some((super::edit_drag::Pressed::Mark(_), _))) {
        egui::DragPanButtons::MIDDLE | egui::DragPanButtons::SECONDARY
    } else {
        egui::DragPanButtons::PRIMARY
    };
    let editing = view.editing;
    let mut drag = view.drag.filter(|_| editing);
    let mut map = Map::new(tiles, &mut view.memory, home)
        .zoom_gesture(false)
        .drag_pan_buttons(pan_buttons);
    if let Some(online) = view.online.as_mut() {
        // Over the built-in basemap, which shows where online tiles have not arrived.
        map = map.with_layer(online, 1.0);
    }
    let inner = map.show(ui, |ui, response, projector, _memory| {
        if !has_basemap {
            paint_graticule(ui, projector);
        }
        let hover_pos = response.hover_pos();
        let list = build_draw_list(scenario, state, layers, projector, selected);
        let hovered = hover_pos.and_then(|pos| list.hit(pos));
        let highlighted = list.highlighted;
        let painter = ui.painter().with_clip_rect(projector.clip_rect());
        let mut list = list;
        list.highlighted = hovered.or(highlighted);
        let places = place_names
            .as_ref()
            .map(super::basemap::PlaceNamesSeen::names)
            .unwrap_or_default();
        list.place_labels(
            &painter,
            &places,
            projector.clip_rect(),
            &keep_clear,
            &|position| projector.project(position).to_pos2(),
        );
        list.paint(&painter);
        let clicked = response.clicked().then(|| {
            response
                .interact_pointer_pos()
                .and_then(|pos| list.hit(pos))
        });
        let right_clicked_force = response
            .secondary_clicked()
            .then(|| {
                response
                    .interact_pointer_pos()
                    .and_then(|pos| list.hit(pos))
            })
            .map(|hit| match hit {
                Some(Selection::Force(index)) => Some(index),
                _ => None,
            });
        let to_lon_lat = |pos: egui::Pos2| {
            let p = projector.unproject(pos.to_vec2());
            crate::model::LonLat::new(p.x(), p.y())
        };
        let pointer_lon_lat = hover_pos.map(to_lon_lat);
        let gesture = if editing {
            super::edit_drag::drag_marks(ui, response, &list, &mut drag, to_lon_lat)
        } else {
            super::edit_drag::Gesture::default()
        };
        if let Some(position) = pointer_lon_lat {
            paint_pointer_coordinates(ui, projector.clip_rect(), position);
            if right_clicked_force == Some(None) {
                ui.ctx().copy_text(crate::geodesy::format_decimal(position));
            }
        }
        let output = MapOutput {
            hovered,
            clicked,
            pointer_lon_lat,
            clicked_lon_lat: clicked
                .is_some()
                .then(|| response.interact_pointer_pos().map(to_lon_lat))
                .flatten(),
            follow: None,
            tapped_empty_at: gesture.tapped_empty_at,
            dropped: gesture.dropped,
        };
        (output, list.layout, right_clicked_force)
    });
    view.drag = drag;
    let (mut output, label_layout, right_clicked_force) = inner.inner;
    view.label_layout = label_layout;
    view.keep_clear = keep_clear;
    output.follow = unit_menu_ui(
        ui,
        &inner.response,
        right_clicked_force,
        scenario,
        state,
        followed,
    );
    if inner.response.double_clicked()
        && let Some(pointer) = inner.response.interact_pointer_pos()
    {
        view.zoom_about(pointer - rect.center(), 1.0);
    }
    if view.memory.zoom() > view.max_zoom() {
        let zoom = view.max_zoom();
        view.memory.set_zoom(zoom).ok();
    }
    // No tooltip over the unit's open menu: a tooltip shown while the time plays would close it.
    if let Some(hovered) = output.hovered
        && !inner.response.context_menu_opened()
    {
        inner
            .response
            .on_hover_cursor(egui::CursorIcon::PointingHand)
            .on_hover_ui_at_pointer(|ui| tooltip_ui(ui, scenario, state, hovered));
    }
    output
}

/// The menu of the unit last right-clicked, while it is open: follow it or stop, and copy its
/// position. `right_clicked_force` is `Some` on the frame of a right-click, holding the unit
/// under the pointer if there was one.
fn unit_menu_ui(
    ui: &Ui,
    response: &egui::Response,
    right_clicked_force: Option<Option<usize>>,
    scenario: &Scenario,
    state: &StateAt,
    followed: Option<usize>,
) -> Option<FollowRequest> {
    // The unit is kept while the menu is open: the pointer moves on to the menu's buttons.
    let unit_id = response.id.with("right-clicked unit");
    match right_clicked_force {
        Some(Some(force)) => ui.data_mut(|data| {
            data.insert_temp(unit_id, force);
        }),
        Some(None) => ui.data_mut(|data| data.remove::<usize>(unit_id)),
        None => {}
    }
    let force = ui.data(|data| data.get_temp::<usize>(unit_id))?;
    let name = scenario.forces.get(force)?.name.as_str();
    let position = state
        .forces
        .iter()
        .find(|at| at.force == force && at.is_present())
        .map(|at| at.position);
    let mut request = None;
    let menu = response.context_menu(|ui| {
        ui.strong(name);
        if followed == Some(force) {
            if ui
                .button("Unfollow")
                .on_hover_text("Stop keeping this unit in the middle (Esc)")
                .clicked()
            {
                request = Some(FollowRequest::Unfollow);
                ui.close();
            }
        } else if ui
            .button("Follow")
            .on_hover_text("Keep this unit in the middle of the map while the time plays")
            .clicked()
        {
            request = Some(FollowRequest::Follow(force));
            ui.close();
        }
        if let Some(position) = position
            && ui.button("Copy coordinates").clicked()
        {
            ui.ctx().copy_text(crate::geodesy::format_decimal(position));
            ui.close();
        }
    });
    if menu.is_none() {
        ui.data_mut(|data| data.remove::<usize>(unit_id));
    } else {
        // A popup is laid out unseen on its first frames: keep drawing while the menu is open,
        // so it shows at once rather than at the next move of the pointer.
        ui.ctx().request_repaint();
        ui.ctx()
            .request_repaint_after(std::time::Duration::from_millis(50));
    }
    request
}

/// A few lines about what the pointer is over; the inspector has the rest.
/// The pointer's position in decimal degrees, DMS and MGRS, at the bottom left of the map,
/// above the scale bar; right-click copies the decimal degrees.
fn paint_pointer_coordinates(ui: &Ui, map_rect: egui::Rect, position: crate::model::LonLat) {
    let mgrs = crate::geodesy::format_mgrs(position).unwrap_or_else(|e| e.to_string());
    let text = format!(
        "{}   {}   MGRS {mgrs}   (right-click copies)",
        crate::geodesy::format_decimal(position),
        crate::geodesy::format_dms(position)
    );
    let painter = ui.painter().with_clip_rect(map_rect);
    let galley = painter.layout_no_wrap(
        text,
        egui::FontId::monospace(11.0),
        theme::label_text(painter.ctx()),
    );
    let pos = map_rect.left_bottom() + egui::vec2(10.0, -44.0 - galley.size().y);
    let rect = egui::Rect::from_min_size(pos, galley.size()).expand(3.0);
    painter.rect_filled(rect, 3.0, theme::label_halo(painter.ctx()));
    painter.galley(pos, galley, theme::label_text(painter.ctx()));
}

fn tooltip_ui(ui: &mut Ui, scenario: &Scenario, state: &StateAt, hovered: Selection) {
    let site_name = |index: Option<usize>| {
        index
            .and_then(|i| scenario.sites.get(i))
            .map_or("a position", |site| site.name.as_str())
    };
    match hovered {
        Selection::Site(index) => {
            let Some(site) = scenario.sites.get(index) else {
                return;
            };
            ui.strong(&site.name);
            ui.label(site.kind.label());
            let control = site.control_at(state.t);
            if control != crate::model::ControlAt::Unknown {
                let mut text = control.describe(|f| scenario.faction_name(f).to_string());
                if let crate::model::ControlAt::Settled(change) = control {
                    text.push_str(&format!(" since {}", change.dating.format_start()));
                }
                ui.label(text);
            }
            let present = state.sites[index].forces_present.len();
            if present > 0 {
                ui.label(format!("{present} unit(s) here now"));
            }
        }
        Selection::Force(index) => {
            let Some(force) = scenario.forces.get(index) else {
                return;
            };
            ui.strong(&force.name);
            ui.label(format!(
                "{} · {}",
                scenario.faction_name(&force.faction),
                force.kind.label()
            ));
            let Some(at) = state.forces.iter().find(|at| at.force == index) else {
                return;
            };
            let Some(track_state) = force.track.get(at.state) else {
                return;
            };
            match (at.status, &track_state.kind) {
                (ForceStatus::Moving { progress }, StateKind::Moving { from, to, .. }) => {
                    ui.label(format!(
                        "Moving {} → {} ({:.0}% of the window)",
                        site_name(from.site),
                        site_name(to.site),
                        progress * 100.0
                    ));
                }
                (ForceStatus::Stationed { site }, _) => {
                    ui.label(format!("At {}", site_name(site)));
                }
                _ => {}
            }
            if let Some(strength) = track_state.strength().or(force.strength.as_deref()) {
                ui.label(strength);
            }
        }
        Selection::Event(index) => {
            let Some(event) = scenario.events.get(index) else {
                return;
            };
            ui.strong(&event.title);
            ui.label(event.dating.describe());
        }
    }
    ui.weak("Click for details and sources");
}

/// Lines of latitude and longitude, spaced to suit the zoom.
fn paint_graticule(ui: &Ui, projector: &Projector) {
    let rect = projector.clip_rect();
    let painter = ui.painter().with_clip_rect(rect);
    let top_left = projector.unproject(rect.min.to_vec2());
    let bottom_right = projector.unproject(rect.max.to_vec2());
    let span_deg = (bottom_right.x() - top_left.x()).abs();
    let step_deg = [1.0, 2.0, 5.0, 10.0, 30.0]
        .into_iter()
        .find(|step| span_deg / step <= 12.0)
        .unwrap_or(30.0);
    let stroke = Stroke::new(1.0, theme::GRATICULE);
    let label_color = Color32::from_rgb(0x8a, 0x96, 0x9e);
    let mut lon = (top_left.x() / step_deg).floor() * step_deg;
    while lon <= bottom_right.x() {
        let x = projector.project(lon_lat(lon, 0.0)).x;
        painter.vline(x, rect.y_range(), stroke);
        painter.text(
            pos2(x + 3.0, rect.bottom() - 3.0),
            Align2::LEFT_BOTTOM,
            format!("{lon:.0}°E"),
            FontId::proportional(10.0),
            label_color,
        );
        lon += step_deg;
    }
    let mut lat = (bottom_right.y() / step_deg).floor() * step_deg;
    while lat <= top_left.y() {
        let y = projector.project(lon_lat(0.0, lat)).y;
        painter.hline(rect.x_range(), y, stroke);
        painter.text(
            pos2(rect.left() + 3.0, y - 2.0),
            Align2::LEFT_BOTTOM,
            format!("{lat:.0}°N"),
            FontId::proportional(10.0),
            label_color,
        );
        lat += step_deg;
    }
}
