//! The first view's basemap tiles, decoded before the window is up. Decoding and tessellating
//! vector tiles is most of the wait for the first basemap frame, and walkers decodes one tile at
//! a time on its own thread once the first frame asks. Started from `main` while the window and
//! the renderer are still being set up, the tiles of the opening view are decoded on every core
//! at once and handed to the basemap, which serves them instead of asking walkers again. The set
//! is the tiles of one view, so its memory is bounded.

use super::basemap::{
    Basemap, BasemapError, DecodedTiles as Decoded, EMBEDDED_ARCHIVE, TILE_SIZE_PX, ZoomLimits,
    archive_tile_for,
};
use super::zoom::project;
use crate::io::{PmTilesArchive, PmTilesInfo};
use crate::model::GeoView;
use crate::theme::Theme;
use std::collections::HashMap;
use std::sync::{Arc, Mutex, PoisonError};
use walkers::{Tile, TileId};

/// Decoded tiles waiting for the basemap, with the style they were decoded in.
struct Prefetched {
    theme: Theme,
    tiles: Decoded,
    /// The window's context, once there is one: told to draw again as each tile is done.
    ctx: Arc<Mutex<Option<egui::Context>>>,
}

static PREFETCHED: Mutex<Option<Prefetched>> = Mutex::new(None);

/// The tiles walkers asks for to draw `view` on a map of `size_points`: the tiles of its
/// 512-pixel grid (tile zoom = rounded map zoom − 1) that the rectangle touches.
pub fn tiles_in_view(view: GeoView, size_points: egui::Vec2) -> Vec<TileId> {
    let tile_zoom = (view.zoom.round() as i32 - 1).clamp(0, 20) as u8;
    let (cx, cy) = project(view.lon, view.lat, view.zoom);
    let world = 256.0 * 2f64.powf(view.zoom);
    let tiles = f64::from(1u32 << tile_zoom);
    let (half_w, half_h) = (
        f64::from(size_points.x) / 2.0,
        f64::from(size_points.y) / 2.0,
    );
    let index = |pixels: f64| ((pixels / world).clamp(0.0, 1.0 - 1e-12) * tiles).floor() as u32;
    let (x0, x1) = (index(cx - half_w), index(cx + half_w));
    let (y0, y1) = (index(cy - half_h), index(cy + half_h));
    (y0..=y1)
        .flat_map(|y| {
            (x0..=x1).map(move |x| TileId {
                x,
                y,
                zoom: tile_zoom,
            })
        })
        .collect()
}

/// Starts decoding, on every core, the built-in basemap's tiles for `view` on a map of
/// `size_points` in `theme`'s style. Returns at once; [`take`] hands the tiles over.
pub fn start(view: GeoView, size_points: egui::Vec2, theme: Theme) {
    let Ok(info) = PmTilesInfo::from_bytes(EMBEDDED_ARCHIVE) else {
        return;
    };
    let zooms = ZoomLimits::from_info(&info);
    let mut wanted: Vec<TileId> = tiles_in_view(view, size_points)
        .into_iter()
        .map(|tile| archive_tile_for(&zooms, tile))
        .collect();
    wanted.sort_by_key(|tile| (tile.zoom, tile.y, tile.x));
    wanted.dedup();
    let tiles: Decoded = Arc::new(Mutex::new(
        wanted.iter().map(|&tile| (tile, None)).collect(),
    ));
    let ctx = Arc::new(Mutex::new(None::<egui::Context>));
    let threads = std::thread::available_parallelism().map_or(2, usize::from);
    for part in 0..threads {
        let mine: Vec<TileId> = wanted.iter().copied().skip(part).step_by(threads).collect();
        let (theirs, their_tiles, their_ctx) = (mine.clone(), Arc::clone(&tiles), Arc::clone(&ctx));
        let spawned = std::thread::Builder::new()
            .name(format!("basemap prefetch {part}"))
            .spawn(move || decode(&theirs, theme, &their_tiles, &their_ctx));
        if spawned.is_err() {
            // No thread: walkers decodes these tiles itself when the map asks.
            let mut tiles = tiles_lock(&tiles);
            for tile in &mine {
                tiles.remove(tile);
            }
        }
    }
    *PREFETCHED.lock().unwrap_or_else(PoisonError::into_inner) =
        Some(Prefetched { theme, tiles, ctx });
}

fn tiles_lock(tiles: &Decoded) -> std::sync::MutexGuard<'_, HashMap<TileId, Option<Tile>>> {
    tiles.lock().unwrap_or_else(PoisonError::into_inner)
}

/// Decodes `mine` into `tiles`; a tile that fails is dropped from the set, so walkers reads it.
fn decode(mine: &[TileId], theme: Theme, tiles: &Decoded, ctx: &Mutex<Option<egui::Context>>) {
    let archive = PmTilesArchive::from_bytes("the built-in basemap", EMBEDDED_ARCHIVE);
    let style = super::basemap::style_for(theme);
    for &tile in mine {
        let decoded = match (&archive, &style) {
            (Ok(archive), Ok(style)) => archive
                .tile(tile.zoom, tile.x, tile.y)
                .ok()
                .flatten()
                .and_then(|data| Tile::from_mvt(&data, style, tile.zoom, TILE_SIZE_PX).ok()),
            _ => None,
        };
        let mut tiles = tiles_lock(tiles);
        match decoded {
            Some(decoded) => {
                tiles.insert(tile, Some(decoded));
            }
            None => {
                tiles.remove(&tile);
            }
        }
        if tiles.values().all(Option::is_some) {
            crate::startup_trace::mark(&format!(
                "the first view's {} basemap tiles decoded",
                tiles.len()
            ));
        }
        drop(tiles);
        if let Some(ctx) = ctx.lock().unwrap_or_else(PoisonError::into_inner).as_ref() {
            ctx.request_repaint();
        }
    }
}

/// The tiles started by [`start`], if they were decoded in `theme`'s style; `ctx` is told to
/// draw again as each one is done.
fn take(theme: Theme, ctx: &egui::Context) -> Option<Decoded> {
    let prefetched = PREFETCHED
        .lock()
        .unwrap_or_else(PoisonError::into_inner)
        .take()?;
    if prefetched.theme != theme {
        return None;
    }
    *prefetched
        .ctx
        .lock()
        .unwrap_or_else(PoisonError::into_inner) = Some(ctx.clone());
    Some(prefetched.tiles)
}

/// The built-in basemap for `theme`, serving the first view's tiles if `main` started decoding
/// them before the window was up.
pub fn embedded_basemap(ctx: &egui::Context, theme: Theme) -> Result<Basemap, BasemapError> {
    let mut basemap = Basemap::embedded(ctx, theme)?;
    basemap.use_prefetched(take(theme, ctx));
    Ok(basemap)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_tiles_in_view_are_those_walkers_draws_at_the_rounded_zoom() {
        // Zoom 6.4: walkers uses tile zoom 5 for 512-pixel tiles.
        let view = GeoView {
            lon: 38.0,
            lat: 35.0,
            zoom: 6.4,
        };
        let tiles = tiles_in_view(view, egui::vec2(1000.0, 600.0));
        assert!(tiles.iter().all(|tile| tile.zoom == 5));
        // The centre's tile is among them: x = floor((38 + 180) / 360 × 32) = 19.
        assert!(
            tiles.iter().any(|tile| tile.x == 19 && tile.y == 12),
            "{tiles:?}"
        );
        // 1000 × 600 points at zoom 6.4 span about 1.5 × 0.9 tiles of 512 × 2^1.4 / 2 points:
        // a 2-by-2 or 3-by-2 block, never more.
        assert!((2..=6).contains(&tiles.len()), "{tiles:?}");
    }

    #[test]
    fn prefetched_tiles_decode_and_are_handed_over_in_their_style_only() {
        let view = GeoView {
            lon: 38.0,
            lat: 35.0,
            zoom: 6.4,
        };
        // Dark: other tests open the light built-in basemap at the same time, and would take
        // light tiles.
        start(view, egui::vec2(600.0, 400.0), Theme::Dark);
        let ctx = egui::Context::default();
        let tiles = take(Theme::Dark, &ctx).unwrap_or_else(|| panic!("nothing prefetched"));
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(60);
        loop {
            let done = tiles_lock(&tiles).values().all(Option::is_some);
            if done || std::time::Instant::now() > deadline {
                break;
            }
            std::thread::sleep(std::time::Duration::from_millis(20));
        }
        let tiles = tiles_lock(&tiles);
        assert!(!tiles.is_empty());
        assert!(tiles.values().all(Option::is_some));
        drop(tiles);
        // Taken once; and tiles of another style are not handed over.
        assert!(take(Theme::Dark, &ctx).is_none());
        start(view, egui::vec2(600.0, 400.0), Theme::Light);
        assert!(take(Theme::Dark, &ctx).is_none());
    }
}
