//! The basemap under the scenario: the offline vector archive compiled into the binary (or a
//! user's PMTiles file), drawn by walkers with the app's own style, and over-zoomed past the
//! archive's deepest level instead of going blank.

use super::attribution::plain_text_from_html;
use super::coverage::Coverage;
use super::labels::PlaceName;
use crate::io::{PmTilesInfo, PmTilesInfoError};
use crate::model::LonLat;
use crate::theme::Theme;
use sha2::Digest as _;
use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, OnceLock};
use walkers::{PmTiles, Style, Tile, TileId, TilePiece, Tiles, sources::Attribution};

/// The default basemap: world z0–6, the Levant and Moscow to z10 (see `tools/basemap/`).
pub const EMBEDDED_ARCHIVE: &[u8] = include_bytes!("../../assets/basemap/levant.pmtiles");

/// How many levels past its deepest tiles a basemap may be zoomed: enough to tell streets of a
/// town apart on the built-in map, not so deep that one tile's lines fill the screen.
pub const OVER_ZOOM_LEVELS: f64 = 4.0;

/// The app's cartographic style for the Protomaps layer schema.
const STYLE_LIGHT: &str = include_str!("../../assets/basemap/style-light.json");
/// The same style in dark tones, for dark mode.
const STYLE_DARK: &str = include_str!("../../assets/basemap/style-dark.json");

/// The size walkers draws vector tiles for (its default), in pixels.
pub(super) const TILE_SIZE_PX: u32 = 512;

/// The style for `theme`, as JSON.
fn style_json(theme: Theme) -> &'static str {
    match theme {
        Theme::Light => STYLE_LIGHT,
        Theme::Dark => STYLE_DARK,
    }
}

/// The style for `theme`, parsed.
pub(super) fn style_for(theme: Theme) -> Result<Style, serde_json::Error> {
    serde_json::from_str(style_json(theme))
}

/// The style layers that name towns, countries, seas and lakes at a point. The map writes these
/// names itself, in the same pass as the scenario's labels, so that markers never sit on them
/// (see `labels.rs`); river names along their lines are left to walkers.
const PLACE_LABEL_LAYERS: [&str; 3] = ["places-locality", "places-country", "water-label"];

/// The data credits of the embedded basemap; shown on the map and in every export.
pub const BASEMAP_CREDIT: &str =
    "© GeoNames (CC BY 4.0, changed) · Natural Earth · GSHHG rivers (Wessel & Smith, LGPL-3.0)";

/// Why the basemap could not be opened.
#[derive(Debug, thiserror::Error)]
pub enum BasemapError {
    /// The archive could not be read or is not a PMTiles v3 archive.
    #[error(transparent)]
    Archive(#[from] PmTilesInfoError),
    /// The archive holds raster tiles, or is not in the layer schema the style draws.
    #[error("{path}: {message}")]
    Unsuitable {
        /// Which file.
        path: String,
        /// What was expected.
        message: String,
    },
    /// The embedded archive could not be written to the cache directory.
    #[error("cannot write the basemap to {path}: {cause}")]
    Cache {
        /// Where.
        path: String,
        /// Why; part of the message rather than a separate source, so it is printed once.
        cause: std::io::Error,
    },
    /// The style does not parse (a build problem, caught by the tests).
    #[error("the basemap style does not parse: {0}")]
    Style(#[from] serde_json::Error),
}

/// An opened basemap.
pub struct Basemap {
    tiles: OverZoom<PmTiles>,
    path: PathBuf,
    credit: String,
    is_embedded: bool,
    /// The place names for find, read in the background on first request.
    place_names: Arc<OnceLock<PlaceNamesRead>>,
    place_names_started: AtomicBool,
    theme: Theme,
    coverage: Coverage,
}

/// The basemap's place names once read, or why they could not be.
pub type PlaceNamesRead = Result<Arc<Vec<(String, LonLat)>>, String>;

/// Decoded tiles, by tile: `None` where the archive has none.
pub(super) type DecodedTiles = Arc<Mutex<std::collections::HashMap<TileId, Option<Tile>>>>;

impl Basemap {
    /// Serves `tiles`, decoded ahead, instead of decoding them again.
    pub(super) fn use_prefetched(&mut self, tiles: Option<DecodedTiles>) {
        self.tiles.prefetched = tiles;
    }

    /// The embedded archive in the style for `theme`, written once to the user's cache
    /// directory (walkers reads by path).
    pub fn embedded(ctx: &egui::Context, theme: Theme) -> Result<Self, BasemapError> {
        let path = cached_embedded_archive()?;
        let mut basemap = Self::open(&path, ctx, theme)?;
        basemap.credit = BASEMAP_CREDIT.to_string();
        basemap.is_embedded = true;
        Ok(basemap)
    }

    /// A Protomaps-schema vector PMTiles file, drawn in the style for `theme`.
    pub fn open(path: &Path, ctx: &egui::Context, theme: Theme) -> Result<Self, BasemapError> {
        let info = PmTilesInfo::read(path)?;
        let unsuitable = |message: &str| BasemapError::Unsuitable {
            path: path.display().to_string(),
            message: message.to_string(),
        };
        if !info.is_vector {
            return Err(unsuitable(
                "holds raster tiles; expected vector (MVT) tiles in the Protomaps schema",
            ));
        }
        let layers = info.layer_names();
        if !layers.is_empty() && !layers.iter().any(|layer| layer == "earth") {
            return Err(unsuitable(&format!(
                "has layers {layers:?}; expected the Protomaps schema (earth, water, boundaries, places)"
            )));
        }
        let style = style_for(theme)?;
        let place_layers = style_layer_indices(style_json(theme), &PLACE_LABEL_LAYERS)?;
        let zooms = ZoomLimits::from_info(&info);
        let coverage = Coverage {
            bounds: info.bounds,
            detail_bounds: zooms.detail_bounds.clone(),
            world_max_zoom: f64::from(zooms.world_max),
        };
        let file_name = path.file_name().map_or_else(
            || path.display().to_string(),
            |n| n.to_string_lossy().into_owned(),
        );
        // Tilers often write the attribution as HTML links; the map draws plain text.
        let credit = match info.attribution().map(plain_text_from_html) {
            Some(attribution) if !attribution.is_empty() => format!("Basemap: {attribution}"),
            _ => format!("Basemap: {file_name}"),
        };
        Ok(Self {
            tiles: OverZoom {
                inner: PmTiles::with_style_and_tile_size(path, style, TILE_SIZE_PX, ctx.clone()),
                zooms,
                places: PlaceNames {
                    layers: place_layers,
                    seen: Arc::default(),
                },
                drawn: false,
                prefetched: None,
            },
            path: path.to_path_buf(),
            credit,
            is_embedded: false,
            place_names: Arc::new(OnceLock::new()),
            place_names_started: AtomicBool::new(false),
            theme,
            coverage,
        })
    }

    /// The style the basemap is drawn in.
    pub fn theme(&self) -> Theme {
        self.theme
    }

    /// Where the archive has tiles, and where it has detailed ones.
    pub fn coverage(&self) -> &Coverage {
        &self.coverage
    }

    /// The data credits to show on the map and in exports.
    pub fn credit(&self) -> &str {
        &self.credit
    }

    /// Whether this is the basemap compiled into the binary.
    pub fn is_embedded(&self) -> bool {
        self.is_embedded
    }

    /// The named places of the archive's `places` layer, for find; `None` while they are being
    /// read in the background (the first call starts the read).
    pub fn place_names(&self) -> Option<PlaceNamesRead> {
        if let Some(read) = self.place_names.get() {
            return Some(read.clone());
        }
        if !self.place_names_started.swap(true, Ordering::Relaxed) {
            let slot = Arc::clone(&self.place_names);
            let path = self.path.clone();
            std::thread::spawn(move || {
                let read = crate::io::PmTilesArchive::open(&path)
                    .and_then(|archive| crate::io::place_names(&archive))
                    .map(|names| Arc::new(names.places))
                    .map_err(|e| e.to_string());
                slot.set(read).ok();
            });
        }
        None
    }

    /// The tiles, for walkers' map.
    pub fn tiles(&mut self) -> &mut dyn Tiles {
        &mut self.tiles
    }

    /// The file the tiles are read from.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The deepest useful zoom: [`OVER_ZOOM_LEVELS`] past the archive's deepest tiles.
    pub fn max_zoom(&self) -> f64 {
        f64::from(self.tiles.zooms.detail_max) + OVER_ZOOM_LEVELS
    }

    /// Forgets the town names gathered so far; called before the tiles of a frame are drawn.
    pub(super) fn begin_frame(&self) {
        if let Ok(mut seen) = self.tiles.places.seen.lock() {
            seen.tiles.clear();
            seen.names.clear();
        }
    }

    /// The town names of the tiles drawn since [`begin_frame`](Self::begin_frame).
    pub(super) fn place_names_seen(&self) -> PlaceNamesSeen {
        PlaceNamesSeen(Arc::clone(&self.tiles.places.seen))
    }

    /// Whether tiles are still being read.
    pub fn is_loading(&self) -> bool {
        self.tiles.inner.stats().in_progress > 0
    }
}

/// Writes the embedded archive to the user's cache folder (on Linux `~/.cache/deploymap/`)
/// unless a copy is there already: the copy is named after the SHA-256 of its content and checked
/// by size, so a changed archive gets a new copy and an old one is never read back whole.
pub fn cached_embedded_archive() -> Result<PathBuf, BasemapError> {
    let dir = directories::ProjectDirs::from("", "", "deploymap").map_or_else(
        || std::env::temp_dir().join("deploymap"),
        |dirs| dirs.cache_dir().to_path_buf(),
    );
    let digest = sha2::Sha256::digest(EMBEDDED_ARCHIVE);
    let name: String = digest[..8]
        .iter()
        .map(|byte| format!("{byte:02x}"))
        .collect();
    let path = dir.join(format!("basemap-{name}.pmtiles"));
    if std::fs::metadata(&path).is_ok_and(|meta| meta.len() == EMBEDDED_ARCHIVE.len() as u64) {
        return Ok(path);
    }
    let cache_error = |cause| BasemapError::Cache {
        path: path.display().to_string(),
        cause,
    };
    std::fs::create_dir_all(&dir).map_err(cache_error)?;
    let temporary = dir.join(format!(".basemap-{}.tmp", std::process::id()));
    std::fs::write(&temporary, EMBEDDED_ARCHIVE).map_err(cache_error)?;
    std::fs::rename(&temporary, &path).map_err(cache_error)?;
    Ok(path)
}

/// How deep the archive goes: deeper inside its detail boxes than elsewhere.
#[derive(Clone, Debug, PartialEq)]
pub(super) struct ZoomLimits {
    world_max: u8,
    detail_max: u8,
    /// `[west, south, east, north]` in degrees.
    detail_bounds: Vec<[f64; 4]>,
}

impl ZoomLimits {
    pub(super) fn from_info(info: &PmTilesInfo) -> Self {
        let number = |key: &str| {
            info.metadata
                .get(key)
                .and_then(serde_json::Value::as_u64)
                .and_then(|z| u8::try_from(z).ok())
        };
        let detail_bounds = info
            .metadata
            .get("deploymap_detail_bounds")
            .and_then(|bounds| serde_json::from_value::<Vec<[f64; 4]>>(bounds.clone()).ok())
            .unwrap_or_default();
        let detail_max = number("deploymap_detail_maxzoom")
            .unwrap_or(info.max_zoom)
            .min(info.max_zoom);
        Self {
            world_max: number("deploymap_world_maxzoom")
                .unwrap_or(detail_max)
                .min(detail_max),
            detail_max,
            detail_bounds,
        }
    }

    /// The deepest zoom the archive has for the area of `tile`.
    fn max_for(&self, tile: TileId) -> u8 {
        let [west, south, east, north] = tile_bounds(tile);
        let in_detail = self
            .detail_bounds
            .iter()
            .any(|[w, s, e, n]| west < *e && east > *w && south < *n && north > *s);
        if in_detail {
            self.detail_max
        } else {
            self.world_max
        }
    }
}

/// The archive's tile that holds `tile`: itself, or its ancestor at the deepest zoom the archive
/// has there.
pub(super) fn archive_tile_for(zooms: &ZoomLimits, tile: TileId) -> TileId {
    let max = zooms.max_for(tile);
    if tile.zoom <= max {
        return tile;
    }
    let levels = tile.zoom - max;
    TileId {
        x: tile.x >> levels,
        y: tile.y >> levels,
        zoom: max,
    }
}

/// `[west, south, east, north]` of a Web-Mercator tile, in degrees.
fn tile_bounds(tile: TileId) -> [f64; 4] {
    let n = f64::from(1u32 << tile.zoom.min(31));
    let lon = |x: f64| x / n * 360.0 - 180.0;
    let lat = |y: f64| {
        (std::f64::consts::PI * (1.0 - 2.0 * y / n))
            .sinh()
            .atan()
            .to_degrees()
    };
    let (x, y) = (f64::from(tile.x), f64::from(tile.y));
    [lon(x), lat(y + 1.0), lon(x + 1.0), lat(y)]
}

/// The indices of the style layers named in `ids`, counted as walkers counts them.
fn style_layer_indices(style_json: &str, ids: &[&str]) -> Result<Vec<usize>, BasemapError> {
    #[derive(serde::Deserialize)]
    struct StyleLayers {
        layers: Vec<serde_json::Value>,
    }
    let style: StyleLayers = serde_json::from_str(style_json)?;
    Ok(style
        .layers
        .iter()
        .enumerate()
        .filter(|(_, layer)| {
            layer
                .get("id")
                .and_then(serde_json::Value::as_str)
                .is_some_and(|id| ids.contains(&id))
        })
        .map(|(index, _)| index)
        .collect())
}

/// Town names taken out of the tiles before walkers writes them, to be placed with the rest.
struct PlaceNames {
    /// Indices of the style layers whose texts are taken; empty leaves them all to walkers.
    layers: Vec<usize>,
    seen: Arc<Mutex<Seen>>,
}

/// What the tiles of the current frame held.
#[derive(Default)]
pub(super) struct Seen {
    tiles: HashSet<TileId>,
    names: Vec<PlaceName>,
}

/// A handle on the town names gathered while the tiles of a frame were drawn.
pub(super) struct PlaceNamesSeen(Arc<Mutex<Seen>>);

impl PlaceNamesSeen {
    /// A copy of the names gathered so far, in the tiles' own priority order.
    pub(super) fn names(&self) -> Vec<PlaceName> {
        self.0
            .lock()
            .map(|seen| seen.names.clone())
            .unwrap_or_default()
    }
}

impl PlaceNames {
    /// Takes the town names out of `piece` (cut from `source`, a tile `tile_size` points wide)
    /// and keeps them, once per source tile, in geographic coordinates.
    fn take_from(&self, piece: &mut TilePiece, source: TileId, tile_size: u32) {
        if self.layers.is_empty() {
            return;
        }
        let Tile::Vector { texts, .. } = &mut piece.tile else {
            return;
        };
        let (names, others): (Vec<_>, Vec<_>) = std::mem::take(texts)
            .into_iter()
            .partition(|t| self.layers.contains(&t.layer));
        *texts = others;
        let Ok(mut seen) = self.seen.lock() else {
            return;
        };
        if !seen.tiles.insert(source) {
            return;
        }
        let tiles_across = f64::from(1u32 << source.zoom.min(31));
        let size = f64::from(tile_size.max(1));
        for text in names {
            let x = (f64::from(source.x) + f64::from(text.position.x) / size) / tiles_across;
            let y = (f64::from(source.y) + f64::from(text.position.y) / size) / tiles_across;
            let lat = (std::f64::consts::PI * (1.0 - 2.0 * y))
                .sinh()
                .atan()
                .to_degrees();
            seen.names.push(PlaceName {
                name: text.text,
                position: crate::model::LonLat::new(x * 360.0 - 180.0, lat),
                size_pt: text.font_size,
                text_color: text.text_color,
                halo_color: text.halo_color,
            });
        }
    }
}

/// The tile a piece was cut from: `requested`, or the ancestor whose part `piece.uv` is.
fn source_tile(requested: TileId, piece: &TilePiece) -> TileId {
    let parts = (1.0 / piece.uv.width().max(f32::EPSILON)).round().max(1.0);
    let levels = (parts.log2().round() as u8).min(requested.zoom);
    TileId {
        x: requested.x >> levels,
        y: requested.y >> levels,
        zoom: requested.zoom - levels,
    }
}

/// Serves tiles deeper than the archive has by cutting them out of the deepest ancestor.
struct OverZoom<T> {
    inner: T,
    zooms: ZoomLimits,
    places: PlaceNames,
    /// Whether a tile has been served yet (for the start-up trace).
    drawn: bool,
    /// The first view's tiles, decoded before the window was up; served instead of asking
    /// `inner` (which would decode them again).
    prefetched: Option<DecodedTiles>,
}

impl<T: Tiles> Tiles for OverZoom<T> {
    fn at(&mut self, tile: TileId) -> Option<TilePiece> {
        let piece = self.piece_at(tile);
        if piece.is_some() && !self.drawn {
            self.drawn = true;
            crate::startup_trace::mark("first basemap tile drawn");
        }
        piece
    }

    fn attribution(&self) -> Attribution {
        self.inner.attribution()
    }

    fn tile_size(&self) -> u32 {
        self.inner.tile_size()
    }

    fn stats(&self) -> walkers::Stats {
        self.inner.stats()
    }
}

impl<T: Tiles> OverZoom<T> {
    /// A tile the archive has: prefetched, still being prefetched (nothing yet), or from
    /// walkers.
    fn archive_at(&mut self, tile: TileId) -> Option<TilePiece> {
        let tile_size = self.inner.tile_size();
        let mut piece = self.archive_piece(tile)?;
        // Town names come out of the tile, to be placed with the scenario's own labels.
        let source = source_tile(tile, &piece);
        self.places.take_from(&mut piece, source, tile_size);
        Some(piece)
    }

    /// [`archive_at`](Self::archive_at) before the names are taken out.
    fn archive_piece(&mut self, tile: TileId) -> Option<TilePiece> {
        if let Some(prefetched) = &self.prefetched {
            let tiles = prefetched
                .lock()
                .unwrap_or_else(std::sync::PoisonError::into_inner);
            match tiles.get(&tile) {
                Some(Some(decoded)) => {
                    let whole =
                        egui::Rect::from_min_max(egui::pos2(0.0, 0.0), egui::pos2(1.0, 1.0));
                    return Some(TilePiece::new(decoded.clone(), whole));
                }
                Some(None) => return None,
                None => {}
            }
        }
        self.inner.at(tile)
    }

    /// The tile, or the part of its deepest ancestor the archive has.
    fn piece_at(&mut self, tile: TileId) -> Option<TilePiece> {
        let max = self.zooms.max_for(tile);
        if tile.zoom <= max {
            return self.archive_at(tile);
        }
        let levels = tile.zoom - max;
        let parent = TileId {
            x: tile.x >> levels,
            y: tile.y >> levels,
            zoom: max,
        };
        let piece = self.archive_at(parent)?;
        let parts = f32::from(1u16 << levels.min(15));
        let size = piece.uv.size() / parts;
        let offset = egui::vec2(
            (tile.x - (parent.x << levels)) as f32 * size.x,
            (tile.y - (parent.y << levels)) as f32 * size.y,
        );
        Some(TilePiece::new(
            piece.tile,
            egui::Rect::from_min_size(piece.uv.min + offset, size),
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn limits() -> ZoomLimits {
        let info = PmTilesInfo::from_bytes(EMBEDDED_ARCHIVE).unwrap_or_else(|e| panic!("{e}"));
        ZoomLimits::from_info(&info)
    }

    #[test]
    fn the_embedded_archive_declares_its_detail_boxes() {
        let zooms = limits();
        assert_eq!((zooms.world_max, zooms.detail_max), (6, 10));
        assert_eq!(zooms.detail_bounds.len(), 2);
    }

    fn tile_containing(lon: f64, lat: f64, zoom: u8) -> TileId {
        let n = f64::from(1u32 << zoom);
        let lat = lat.to_radians();
        TileId {
            x: ((lon + 180.0) / 360.0 * n) as u32,
            y: ((1.0 - (lat.tan() + 1.0 / lat.cos()).ln() / std::f64::consts::PI) / 2.0 * n) as u32,
            zoom,
        }
    }

    #[test]
    fn syria_and_moscow_are_detailed_and_the_atlantic_is_not() {
        let zooms = limits();
        assert_eq!(zooms.max_for(tile_containing(35.78, 35.52, 12)), 10);
        assert_eq!(zooms.max_for(tile_containing(37.62, 55.75, 12)), 10);
        assert_eq!(zooms.max_for(tile_containing(-30.0, 30.0, 12)), 6);
        let [west, south, ..] = tile_bounds(tile_containing(35.78, 35.52, 12));
        assert!((35.6..=35.78).contains(&west) && (35.4..=35.52).contains(&south));
    }

    #[test]
    fn tile_bounds_cover_the_world_at_zoom_zero() {
        let [w, s, e, n] = tile_bounds(TileId {
            x: 0,
            y: 0,
            zoom: 0,
        });
        assert_eq!((w, e), (-180.0, 180.0));
        assert!((n - 85.0511).abs() < 1e-3 && (s + 85.0511).abs() < 1e-3);
    }
}
