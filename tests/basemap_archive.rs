//! The committed basemap archive, read tile by tile: its layers, and the places a reader of the
//! story looks for, in their common English names, at the zooms the map shows them.

use deploymap::io::PmTilesInfo;
use deploymap::map::EMBEDDED_ARCHIVE;
use flate2::read::GzDecoder;
use mvt_reader::Reader;
use mvt_reader::feature::Value;
use std::io::Read as _;

/// A minimal PMTiles v3 reader over the bytes in memory: directories, then one tile.
struct Archive<'a> {
    bytes: &'a [u8],
}

#[derive(Clone, Copy, Debug)]
struct Entry {
    tile_id: u64,
    offset: u64,
    length: u64,
    run_length: u64,
}

fn gunzip(bytes: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    GzDecoder::new(bytes)
        .read_to_end(&mut out)
        .unwrap_or_else(|e| panic!("gzip: {e}"));
    out
}

fn varint(bytes: &[u8], at: &mut usize) -> u64 {
    let mut value = 0u64;
    for shift in (0..64).step_by(7) {
        let byte = bytes[*at];
        *at += 1;
        value |= u64::from(byte & 0x7f) << shift;
        if byte & 0x80 == 0 {
            break;
        }
    }
    value
}

/// The PMTiles tile id: tiles of lower zooms first, then the Hilbert index within the zoom.
fn tile_id(zoom: u8, mut x: u64, mut y: u64) -> u64 {
    let before: u64 = (0..zoom).map(|z| 1u64 << (2 * z)).sum();
    let n = 1u64 << zoom;
    let mut index = 0;
    let mut s = n / 2;
    while s > 0 {
        let rx = u64::from(x & s > 0);
        let ry = u64::from(y & s > 0);
        index += s * s * ((3 * rx) ^ ry);
        if ry == 0 {
            if rx == 1 {
                x = n - 1 - x;
                y = n - 1 - y;
            }
            std::mem::swap(&mut x, &mut y);
        }
        s /= 2;
    }
    before + index
}

impl<'a> Archive<'a> {
    fn u64_at(&self, at: usize) -> u64 {
        u64::from_le_bytes(self.bytes[at..at + 8].try_into().unwrap_or_default())
    }

    fn directory(&self, offset: u64, length: u64) -> Vec<Entry> {
        let raw = gunzip(&self.bytes[offset as usize..(offset + length) as usize]);
        let mut at = 0;
        let count = varint(&raw, &mut at) as usize;
        let mut entries = vec![
            Entry {
                tile_id: 0,
                offset: 0,
                length: 0,
                run_length: 0
            };
            count
        ];
        let mut last_id = 0;
        for entry in &mut entries {
            last_id += varint(&raw, &mut at);
            entry.tile_id = last_id;
        }
        for entry in &mut entries {
            entry.run_length = varint(&raw, &mut at);
        }
        for entry in &mut entries {
            entry.length = varint(&raw, &mut at);
        }
        for i in 0..count {
            let value = varint(&raw, &mut at);
            entries[i].offset = if value == 0 && i > 0 {
                entries[i - 1].offset + entries[i - 1].length
            } else {
                value - 1
            };
        }
        entries
    }

    fn tile(&self, zoom: u8, x: u64, y: u64) -> Option<Vec<u8>> {
        let target = tile_id(zoom, x, y);
        let mut entries = self.directory(self.u64_at(8), self.u64_at(16));
        for _ in 0..4 {
            let i = entries
                .partition_point(|e| e.tile_id <= target)
                .checked_sub(1)?;
            let entry = entries[i];
            if entry.run_length == 0 {
                entries = self.directory(self.u64_at(40) + entry.offset, entry.length);
                continue;
            }
            if target >= entry.tile_id + entry.run_length {
                return None;
            }
            let start = (self.u64_at(56) + entry.offset) as usize;
            return Some(gunzip(&self.bytes[start..start + entry.length as usize]));
        }
        None
    }
}

fn tile_containing(lon: f64, lat: f64, zoom: u8) -> (u64, u64) {
    let n = f64::from(1u32 << zoom);
    let lat = lat.to_radians();
    let x = (lon + 180.0) / 360.0 * n;
    let y = (1.0 - (lat.tan() + 1.0 / lat.cos()).ln() / std::f64::consts::PI) / 2.0 * n;
    (x as u64, y as u64)
}

/// Names of the features of `layer` in the tile at (lon, lat, zoom).
fn names_in_tile(archive: &Archive<'_>, layer: &str, lon: f64, lat: f64, zoom: u8) -> Vec<String> {
    let (x, y) = tile_containing(lon, lat, zoom);
    let Some(bytes) = archive.tile(zoom, x, y) else {
        return Vec::new();
    };
    let reader = Reader::new(bytes).unwrap_or_else(|e| panic!("z{zoom} tile is not MVT: {e:?}"));
    let names = reader.get_layer_names().unwrap_or_default();
    let Some(index) = names.iter().position(|name| name == layer) else {
        return Vec::new();
    };
    reader
        .get_features(index)
        .unwrap_or_default()
        .into_iter()
        .filter_map(|feature| match feature.properties?.get("name") {
            Some(Value::String(name)) => Some(name.clone()),
            _ => None,
        })
        .collect()
}

#[test]
fn the_archive_declares_the_protomaps_layers_and_zooms() {
    let info = PmTilesInfo::from_bytes(EMBEDDED_ARCHIVE).unwrap_or_else(|e| panic!("{e}"));
    assert!(info.is_vector);
    assert_eq!((info.min_zoom, info.max_zoom), (0, 10));
    let layers = info.layer_names();
    for layer in ["earth", "water", "boundaries", "places"] {
        assert!(
            layers.iter().any(|l| l == layer),
            "no {layer} layer in {layers:?}"
        );
    }
    assert!(info.attribution().unwrap_or_default().contains("GeoNames"));
}

#[test]
fn the_key_places_have_their_english_names_by_zoom_six() {
    let archive = Archive {
        bytes: EMBEDDED_ARCHIVE,
    };
    let places = [
        ("Damascus", 36.29, 33.51),
        ("Aleppo", 37.16, 36.20),
        ("Homs", 36.72, 34.73),
        ("Hama", 36.75, 35.13),
        ("Latakia", 35.78, 35.52),
        ("Tartus", 35.89, 34.89),
        ("Jableh", 35.92, 35.36),
        ("Raqqa", 39.01, 35.95),
        ("Deir ez-Zor", 40.14, 35.34),
        ("Hasakah", 40.75, 36.50),
        ("Qamishli", 41.23, 37.05),
        ("Kobani", 38.36, 36.89),
        ("Palmyra", 38.27, 34.56),
        ("Beirut", 35.50, 33.89),
        ("Amman", 35.93, 31.95),
        ("Baghdad", 44.40, 33.34),
        ("Mosul", 43.12, 36.34),
        ("Erbil", 44.01, 36.19),
        ("Ankara", 32.85, 39.92),
        ("Moscow", 37.62, 55.75),
    ];
    for (name, lon, lat) in places {
        let names = names_in_tile(&archive, "places", lon, lat, 6);
        assert!(
            names.iter().any(|n| n == name),
            "{name} is not in its z6 tile: {names:?}"
        );
    }
}

#[test]
fn every_label_is_plain_ascii_so_no_glyph_can_be_missing() {
    let archive = Archive {
        bytes: EMBEDDED_ARCHIVE,
    };
    for (lon, lat) in [
        (38.0, 35.0),
        (44.0, 36.0),
        (36.0, 33.5),
        (37.6, 55.7),
        (33.0, 39.9),
    ] {
        for zoom in [4, 6, 8] {
            for name in names_in_tile(&archive, "places", lon, lat, zoom) {
                assert!(name.is_ascii(), "{name:?} at z{zoom}");
            }
        }
    }
}

#[test]
fn the_named_rivers_are_there_at_the_regional_view() {
    let archive = Archive {
        bytes: EMBEDDED_ARCHIVE,
    };
    let mut rivers: Vec<String> = Vec::new();
    for (lon, lat) in [
        (38.5, 36.0),
        (40.5, 35.5),
        (36.5, 35.0),
        (42.5, 36.5),
        (40.8, 36.5),
        (39.0, 36.3),
    ] {
        rivers.extend(names_in_tile(&archive, "water", lon, lat, 5));
    }
    for river in ["Euphrates", "Tigris", "Khabur", "Orontes", "Balikh"] {
        assert!(
            rivers.iter().any(|r| r == river),
            "no {river} at z5: {rivers:?}"
        );
    }
}
