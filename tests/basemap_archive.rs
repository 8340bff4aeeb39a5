//! The committed basemap archive, read tile by tile: its layers, and the places a reader of the
//! story looks for, in their common English names, at the zooms the map shows them. And a
//! planet-sized archive: a 4.5 GB sparse file (it costs no disk) is opened by reading its
//! header, root directory and metadata only, and its one tile beyond the first 4 GiB is fetched,
//! while the process's peak memory grows by far less than the archive's size.

use deploymap::io::{PmTilesArchive, PmTilesInfo};
use deploymap::map::EMBEDDED_ARCHIVE;
use mvt_reader::Reader;
use mvt_reader::feature::Value;
use std::io::{Seek as _, SeekFrom, Write as _};

/// The embedded archive, read tile by tile through the same reader the program uses.
fn embedded_archive() -> PmTilesArchive {
    PmTilesArchive::from_bytes("embedded basemap", EMBEDDED_ARCHIVE)
        .unwrap_or_else(|e| panic!("{e}"))
}

fn tile_containing(lon: f64, lat: f64, zoom: u8) -> (u32, u32) {
    let n = f64::from(1u32 << zoom);
    let lat = lat.to_radians();
    let x = (lon + 180.0) / 360.0 * n;
    let y = (1.0 - (lat.tan() + 1.0 / lat.cos()).ln() / std::f64::consts::PI) / 2.0 * n;
    (x as u32, y as u32)
}

/// Names of the features of `layer` in the tile at (lon, lat, zoom).
fn names_in_tile(
    archive: &PmTilesArchive,
    layer: &str,
    lon: f64,
    lat: f64,
    zoom: u8,
) -> Vec<String> {
    let (x, y) = tile_containing(lon, lat, zoom);
    let tile = archive
        .tile(zoom, x, y)
        .unwrap_or_else(|e| panic!("z{zoom} tile: {e}"));
    let Some(bytes) = tile else {
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
    let archive = embedded_archive();
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
    let archive = embedded_archive();
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
    let archive = embedded_archive();
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

// ---- A basemap bigger than 4 GB -------------------------------------------------------------

/// How big the archive is: past 4 GiB, so offsets need more than 32 bits.
const ARCHIVE_BYTES: u64 = 4_500_000_000;
/// Where the tile data starts.
const DATA_OFFSET: u64 = 16_384;
const TILE: &[u8] = b"the one tile, at the far end";

fn varint(mut value: u64, out: &mut Vec<u8>) {
    while value >= 0x80 {
        out.push((value as u8 & 0x7f) | 0x80);
        value >>= 7;
    }
    out.push(value as u8);
}

/// A PMTiles v3 archive with one uncompressed z0 tile at the end of a sparse file.
fn write_sparse_archive(path: &std::path::Path) {
    let tile_offset = ARCHIVE_BYTES - DATA_OFFSET - TILE.len() as u64;
    let mut directory = Vec::new();
    for value in [1, 0, 1, TILE.len() as u64, tile_offset + 1] {
        // One entry: tile id delta 0, run length 1, its length, its offset + 1.
        varint(value, &mut directory);
    }
    let metadata = br#"{"attribution":"a sparse test archive","vector_layers":[{"id":"earth"}]}"#;
    let root_offset = 127u64;
    let metadata_offset = root_offset + directory.len() as u64;
    let mut header = Vec::with_capacity(127);
    header.extend_from_slice(b"PMTiles");
    header.push(3);
    for word in [
        root_offset,
        directory.len() as u64,
        metadata_offset,
        metadata.len() as u64,
        0, // leaf directories
        0,
        DATA_OFFSET,
        ARCHIVE_BYTES - DATA_OFFSET,
        1, // addressed tiles
        1, // tile entries
        1, // tile contents
    ] {
        header.extend_from_slice(&word.to_le_bytes());
    }
    // Clustered, internal compression none, tile compression none, tile type MVT, zooms 0 to 14.
    header.extend_from_slice(&[1, 1, 1, 1, 0, 14]);
    for degrees_e7 in [-1_800_000_000i32, -850_000_000, 1_800_000_000, 850_000_000] {
        header.extend_from_slice(&degrees_e7.to_le_bytes());
    }
    header.push(0);
    header.extend_from_slice(&0i32.to_le_bytes());
    header.extend_from_slice(&0i32.to_le_bytes());
    assert_eq!(header.len(), 127);

    let mut file = std::fs::File::create(path).unwrap_or_else(|e| panic!("{e}"));
    file.write_all(&header).unwrap_or_else(|e| panic!("{e}"));
    file.write_all(&directory).unwrap_or_else(|e| panic!("{e}"));
    file.write_all(metadata).unwrap_or_else(|e| panic!("{e}"));
    file.seek(SeekFrom::Start(ARCHIVE_BYTES - TILE.len() as u64))
        .unwrap_or_else(|e| panic!("{e}"));
    file.write_all(TILE).unwrap_or_else(|e| panic!("{e}"));
}

/// The process's peak resident memory so far, in bytes (Linux).
fn peak_memory_bytes() -> u64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_else(|e| panic!("{e}"));
    let kib: u64 = status
        .lines()
        .find_map(|line| line.strip_prefix("VmHWM:"))
        .and_then(|rest| rest.trim().trim_end_matches("kB").trim().parse().ok())
        .unwrap_or_else(|| panic!("no VmHWM in /proc/self/status"));
    kib * 1024
}

#[test]
fn a_basemap_bigger_than_4_gb_is_opened_without_reading_it_into_memory() {
    let path = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join("sparse-4.5GB.pmtiles");
    write_sparse_archive(&path);
    let on_disk = std::fs::metadata(&path).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(on_disk.len(), ARCHIVE_BYTES);

    let before = peak_memory_bytes();
    let info = PmTilesInfo::read(&path).unwrap_or_else(|e| panic!("{e}"));
    let archive = PmTilesArchive::open(&path).unwrap_or_else(|e| panic!("{e}"));
    let tile = archive.tile(0, 0, 0).unwrap_or_else(|e| panic!("{e}"));
    let grown = peak_memory_bytes().saturating_sub(before);
    std::fs::remove_file(&path).ok();

    assert!(info.is_vector);
    assert_eq!((info.min_zoom, info.max_zoom), (0, 14));
    assert_eq!(info.attribution(), Some("a sparse test archive"));
    assert_eq!(info.layer_names(), ["earth"]);
    assert_eq!(tile.as_deref(), Some(TILE));
    assert!(
        grown < 100 * 1024 * 1024,
        "peak memory grew by {} MB reading a {} MB archive",
        grown / 1_000_000,
        ARCHIVE_BYTES / 1_000_000
    );
}
