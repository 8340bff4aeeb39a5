//! A large GeoJSON file of timed points, for measuring loading: shared by the `load` benchmark and
//! the `big_geojson` example.

use std::io::Write;

/// 1,000 tracks over Syria, each point an hour after the one before.
pub fn write_big_geojson(out: &mut impl Write, points: usize) -> std::io::Result<()> {
    const TRACKS: usize = 1_000;
    const START: i64 = 1_767_225_600; // 2026-01-01T00:00:00Z
    writeln!(out, "{{\"type\":\"FeatureCollection\",\"features\":[")?;
    for i in 0..points {
        let track = i % TRACKS;
        let step = (i / TRACKS) as f64;
        let lon = 36.0 + (track % 40) as f64 * 0.15 + (step * 0.37).sin() * 0.2;
        let lat = 33.0 + (track / 40) as f64 * 0.15 + (step * 0.23).cos() * 0.2;
        let time = START + (i / TRACKS) as i64 * 3_600 + (track as i64 % 60) * 60;
        let separator = if i + 1 == points { "" } else { "," };
        writeln!(
            out,
            "{{\"type\":\"Feature\",\"id\":\"u{track}\",\"geometry\":{{\"type\":\"Point\",\"coordinates\":[{lon:.4},{lat:.4}]}},\"properties\":{{\"time\":{time}}}}}{separator}"
        )?;
    }
    writeln!(out, "]}}")
}
