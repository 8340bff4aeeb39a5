//! The optional online basemap: OpenStreetMap's standard raster tiles through walkers' HTTP
//! tiles, drawn over the built-in basemap. Off unless the user turns it on (View menu). It
//! follows the OSM tile usage policy (<https://operations.osmfoundation.org/policies/tiles/>):
//! a User-Agent that names the app, the "© OpenStreetMap contributors" credit on the map, a disk
//! cache that honours the servers' expiry headers, two downloads at a time, and only the tiles
//! in view (no prefetching). When tiles do not arrive (offline), the built-in basemap stays
//! drawn underneath and the map says so.

use std::path::PathBuf;
use std::time::Instant;
use walkers::{HttpOptions, HttpTiles, MaxParallelDownloads, TileId, TilePiece, Tiles};

/// The credit OpenStreetMap asks for, drawn on the map while its tiles are shown.
pub const OSM_ATTRIBUTION: &str = "© OpenStreetMap contributors";

/// How long to wait for the first tile before saying the tiles are not arriving.
pub const ONLINE_PATIENCE_SECS: f64 = 8.0;

/// Downloads at a time: a desktop app with one user needs no more.
const PARALLEL_DOWNLOADS: usize = 2;

/// The User-Agent sent to the tile servers: the app, its version and where to find it
/// (the package's repository, else its homepage, as `Cargo.toml` declares them).
pub fn user_agent() -> String {
    let contact = [env!("CARGO_PKG_REPOSITORY"), env!("CARGO_PKG_HOMEPAGE")]
        .into_iter()
        .find(|text| !text.is_empty())
        .unwrap_or("no contact address configured");
    format!("deploymap/{} (+{contact})", env!("CARGO_PKG_VERSION"))
}

/// Where downloaded tiles are kept: `osm-tiles` in the user's cache folder (on Linux
/// `~/.cache/deploymap/osm-tiles`), or in the temporary folder when there is no home.
pub fn tile_cache_dir() -> PathBuf {
    directories::ProjectDirs::from("", "", "deploymap")
        .map_or_else(
            || std::env::temp_dir().join("deploymap"),
            |dirs| dirs.cache_dir().to_path_buf(),
        )
        .join("osm-tiles")
}

/// walkers' HTTP options for OpenStreetMap: the User-Agent, the disk cache and the number of
/// downloads at a time.
pub fn http_options() -> HttpOptions {
    HttpOptions {
        cache: Some(tile_cache_dir()),
        user_agent: walkers::HeaderValue::from_str(&user_agent()).ok(),
        max_parallel_downloads: MaxParallelDownloads(PARALLEL_DOWNLOADS),
        ..HttpOptions::default()
    }
}

/// Whether the online tiles are coming.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum OnlineStatus {
    /// Asked for, none arrived yet, still within [`ONLINE_PATIENCE_SECS`].
    Waiting,
    /// Tiles arrived: the online map is drawn.
    Arriving,
    /// None arrived in time: the built-in basemap is what is seen.
    NotArriving,
}

impl OnlineStatus {
    /// From how long the tiles have been asked for and whether any has arrived.
    pub fn decide(secs_since_first_request: f64, any_arrived: bool) -> Self {
        if any_arrived {
            Self::Arriving
        } else if secs_since_first_request < ONLINE_PATIENCE_SECS {
            Self::Waiting
        } else {
            Self::NotArriving
        }
    }

    /// What the map says, if anything.
    pub fn notice(self) -> Option<&'static str> {
        match self {
            Self::NotArriving => Some(
                "OpenStreetMap tiles are not arriving (offline?): the built-in basemap is shown",
            ),
            Self::Waiting | Self::Arriving => None,
        }
    }
}

/// OpenStreetMap's tiles, with a record of whether any arrived.
pub struct OnlineBasemap {
    tiles: HttpTiles,
    first_request: Option<Instant>,
    any_arrived: bool,
}

impl OnlineBasemap {
    /// Starts walkers' downloader for OpenStreetMap's standard tiles; nothing is fetched until
    /// the map draws.
    pub fn openstreetmap(ctx: &egui::Context) -> Self {
        Self {
            tiles: HttpTiles::with_options(
                walkers::sources::OpenStreetMap,
                http_options(),
                ctx.clone(),
            ),
            first_request: None,
            any_arrived: false,
        }
    }

    /// Whether the tiles are coming.
    pub fn status(&self) -> OnlineStatus {
        let waited = self
            .first_request
            .map_or(0.0, |first| first.elapsed().as_secs_f64());
        OnlineStatus::decide(waited, self.any_arrived)
    }
}

impl Tiles for OnlineBasemap {
    fn at(&mut self, tile: TileId) -> Option<TilePiece> {
        self.first_request.get_or_insert_with(Instant::now);
        let piece = self.tiles.at(tile);
        self.any_arrived |= piece.is_some();
        piece
    }

    fn attribution(&self) -> walkers::sources::Attribution {
        self.tiles.attribution()
    }

    fn tile_size(&self) -> u32 {
        self.tiles.tile_size()
    }

    fn stats(&self) -> walkers::Stats {
        self.tiles.stats()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use walkers::sources::TileSource as _;

    #[test]
    fn the_user_agent_names_the_app_and_its_version() {
        let agent = user_agent();
        assert!(
            agent.starts_with(&format!("deploymap/{} (+", env!("CARGO_PKG_VERSION"))),
            "{agent}"
        );
        assert!(agent.ends_with(')'));
        // A valid header value, so walkers sends it rather than its own.
        assert!(walkers::HeaderValue::from_str(&agent).is_ok());
        let options = http_options();
        assert_eq!(
            options.user_agent.as_ref().and_then(|v| v.to_str().ok()),
            Some(agent.as_str())
        );
        assert_eq!(options.max_parallel_downloads.0, 2);
    }

    #[test]
    fn tiles_are_cached_in_the_user_s_cache_folder() {
        let dir = tile_cache_dir();
        assert!(dir.ends_with("deploymap/osm-tiles"), "{}", dir.display());
        assert_eq!(http_options().cache, Some(dir));
    }

    #[test]
    fn the_credit_is_the_one_openstreetmap_asks_for() {
        assert_eq!(OSM_ATTRIBUTION, "© OpenStreetMap contributors");
        assert!(
            walkers::sources::OpenStreetMap
                .attribution()
                .text
                .contains("OpenStreetMap contributors")
        );
    }

    #[test]
    fn without_tiles_in_time_the_map_falls_back_and_says_so() {
        assert_eq!(OnlineStatus::decide(1.0, false), OnlineStatus::Waiting);
        assert_eq!(OnlineStatus::decide(1.0, false).notice(), None);
        let offline = OnlineStatus::decide(ONLINE_PATIENCE_SECS + 0.1, false);
        assert_eq!(offline, OnlineStatus::NotArriving);
        assert!(
            offline
                .notice()
                .is_some_and(|text| text.contains("built-in basemap"))
        );
        assert_eq!(OnlineStatus::decide(30.0, true), OnlineStatus::Arriving);
    }
}
