//! The place names of a basemap: the named points of the `places` layer of a Protomaps-schema
//! vector PMTiles archive (towns, regions, countries), for find. The archive is walked as a
//! quadtree from its shallowest zoom, going down only where a tile exists, and the walk stops
//! after [`MAX_TILES`] tiles so a planet-sized archive costs a bounded time and memory. The
//! built-in archive's 6,000 names take under a second.

use super::{PmTilesArchive, PmTilesInfoError};
use crate::model::LonLat;
use mvt_reader::Reader;
use mvt_reader::feature::Value;
use std::collections::HashMap;

/// The most tiles one walk reads.
pub const MAX_TILES: usize = 100_000;

/// The most names one walk keeps.
pub const MAX_PLACES: usize = 200_000;

/// Two places of the same name closer than this, in degrees, are one place seen at two zooms.
const SAME_PLACE_DEG: f64 = 0.05;

/// The names found, and whether the walk saw the whole archive.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct PlaceNames {
    /// Name and position, each place once, at its position in the deepest tile that has it.
    pub places: Vec<(String, LonLat)>,
    /// False when the walk stopped at [`MAX_TILES`] tiles or [`MAX_PLACES`] names.
    pub complete: bool,
}

/// The named points of the archive's `places` layer.
pub fn place_names(archive: &PmTilesArchive) -> Result<PlaceNames, PmTilesInfoError> {
    let info = archive.info()?;
    let mut found: Vec<(String, LonLat)> = Vec::new();
    let mut by_name: HashMap<String, Vec<usize>> = HashMap::new();
    let mut pending: Vec<(u8, u32, u32)> = Vec::new();
    let min_zoom = info.min_zoom;
    let side = 1u32 << min_zoom.min(8);
    for x in 0..side {
        for y in 0..side {
            pending.push((min_zoom.min(8), x, y));
        }
    }
    let mut visited = 0usize;
    let mut complete = true;
    // Breadth first: shallow tiles first, so a stopped walk still has the bigger places.
    let mut next = 0;
    while next < pending.len() {
        let (zoom, x, y) = pending[next];
        next += 1;
        if visited == MAX_TILES || found.len() >= MAX_PLACES {
            complete = false;
            break;
        }
        visited += 1;
        let Some(bytes) = archive.tile(zoom, x, y)? else {
            continue;
        };
        for (name, position) in places_in_tile(bytes, zoom, x, y) {
            let same = by_name.entry(name.clone()).or_default();
            match same.iter().find(|&&i| {
                let other = found[i].1;
                (other.x() - position.x()).abs() < SAME_PLACE_DEG
                    && (other.y() - position.y()).abs() < SAME_PLACE_DEG
            }) {
                // A deeper tile places it more exactly.
                Some(&i) => found[i].1 = position,
                None => {
                    same.push(found.len());
                    found.push((name, position));
                }
            }
        }
        if zoom < info.max_zoom {
            for (dx, dy) in [(0, 0), (1, 0), (0, 1), (1, 1)] {
                pending.push((zoom + 1, 2 * x + dx, 2 * y + dy));
            }
        }
    }
    Ok(PlaceNames {
        places: found,
        complete,
    })
}

/// The named points of the `places` layer of one MVT tile, in degrees. A tile that does not
/// decode gives none: the map shows such a tile blank too, and find is no place to fail.
fn places_in_tile(bytes: Vec<u8>, zoom: u8, x: u32, y: u32) -> Vec<(String, LonLat)> {
    let Ok(reader) = Reader::new(bytes) else {
        return Vec::new();
    };
    let Ok(layers) = reader.get_layer_metadata() else {
        return Vec::new();
    };
    let Some(layer) = layers.iter().find(|layer| layer.name == "places") else {
        return Vec::new();
    };
    let extent = f64::from(layer.extent.max(1));
    let Ok(features) = reader.get_features(layer.layer_index) else {
        return Vec::new();
    };
    let tiles = f64::from(1u32 << zoom);
    features
        .into_iter()
        .filter_map(|feature| {
            let name = match feature.properties.as_ref()?.get("name")? {
                Value::String(name) if !name.trim().is_empty() => name.trim().to_owned(),
                _ => return None,
            };
            let point = match &feature.geometry {
                geo::Geometry::Point(point) => *point,
                geo::Geometry::MultiPoint(points) => *points.0.first()?,
                _ => return None,
            };
            let across = (f64::from(x) + f64::from(point.x()) / extent) / tiles;
            let down = (f64::from(y) + f64::from(point.y()) / extent) / tiles;
            let lon = across * 360.0 - 180.0;
            let lat = (std::f64::consts::PI * (1.0 - 2.0 * down))
                .sinh()
                .atan()
                .to_degrees();
            Some((name, LonLat::new(lon, lat)))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_built_in_basemap_names_its_towns_where_they_are() {
        // The built-in archive, read here rather than through `map`, which imports `io`.
        let bytes: &[u8] = include_bytes!("../../assets/basemap/levant.pmtiles");
        let archive =
            PmTilesArchive::from_bytes("embedded basemap", bytes).unwrap_or_else(|e| panic!("{e}"));
        let names = place_names(&archive).unwrap_or_else(|e| panic!("{e}"));
        assert!(names.complete);
        assert!(names.places.len() > 1000, "{}", names.places.len());
        let near = |name: &str, lon: f64, lat: f64| {
            names
                .places
                .iter()
                .any(|(n, p)| n == name && (p.x() - lon).abs() < 0.05 && (p.y() - lat).abs() < 0.05)
        };
        // Positions from GeoNames, which the basemap's places come from.
        assert!(near("Damascus", 36.29, 33.51), "{:?}", &names.places[..20]);
        assert!(near("Aleppo", 37.16, 36.20));
        assert!(near("Jableh", 35.93, 35.36));
    }
}
