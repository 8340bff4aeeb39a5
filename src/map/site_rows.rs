//! Unit markers under neighbouring sites kept apart: a row that would cover another site's
//! marks moves down, tied to its site by a line.

use super::marks::{ForceMark, SITE_MARK_HALF_SIZE, SiteMark};
use egui::{Pos2, Rect, Vec2, vec2};

/// Rows a stationed unit marker may be moved down to stay clear of another site's markers.
const MAX_STACK_SHIFT_ROWS: usize = 2;

/// Moves the markers in a site's row down, a row at a time, until they clear the markers of
/// other sites nearby (two police units at Qamishli town and its airport, say), tied to their
/// site by a line; those that find no clear row within [`MAX_STACK_SHIFT_ROWS`] stay where they
/// were.
pub(super) fn separate_site_rows(
    forces: &mut [ForceMark<'_>],
    in_site_row: &[Option<Pos2>],
    sites: &[SiteMark<'_>],
    row_height: f32,
) {
    let site_rects: Vec<Rect> = sites
        .iter()
        .map(|site| {
            Rect::from_center_size(site.pos_on_screen, Vec2::splat(2.0 * SITE_MARK_HALF_SIZE))
        })
        .collect();
    // Markers that do not move (travelling units) are placed first.
    let mut taken: Vec<Rect> = forces
        .iter()
        .zip(in_site_row)
        .filter(|(_, site)| site.is_none())
        .map(|(force, _)| force.rect_on_screen)
        .collect();
    for (force, site) in forces.iter_mut().zip(in_site_row) {
        let Some(site) = *site else {
            continue;
        };
        let clear = |rect: Rect| {
            !taken.iter().any(|other| other.intersects(rect))
                && !site_rects.iter().any(|site| site.intersects(rect))
        };
        if let Some(rows) = (0..=MAX_STACK_SHIFT_ROWS).find(|&rows| {
            clear(
                force
                    .rect_on_screen
                    .translate(vec2(0.0, rows as f32 * row_height)),
            )
        }) && rows > 0
        {
            force.rect_on_screen = force
                .rect_on_screen
                .translate(vec2(0.0, rows as f32 * row_height));
            force.tether_on_screen = Some(site);
        }
        taken.push(force.rect_on_screen);
    }
}
