//! Writes a large GeoJSON file of timed points, for measuring how fast files load:
//! `cargo run --release --example big_geojson -- OUT.geojson [POINTS]` (default 1,000,000 points
//! on 1,000 tracks, about 105 MB).

#[path = "../benches/support/big_geojson.rs"]
mod big_geojson;

use std::io::{BufWriter, Write};

fn main() -> std::io::Result<()> {
    let mut args = std::env::args().skip(1);
    let out = args.next().unwrap_or_else(|| "big.geojson".into());
    let points: usize = args
        .next()
        .and_then(|n| n.parse().ok())
        .unwrap_or(1_000_000);
    let mut file = BufWriter::new(std::fs::File::create(&out)?);
    big_geojson::write_big_geojson(&mut file, points)?;
    file.flush()?;
    eprintln!("wrote {points} points to {out}");
    Ok(())
}
