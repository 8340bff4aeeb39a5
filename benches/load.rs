//! How fast a large file loads: 1,000,000 timed points on 1,000 tracks in one GeoJSON file
//! (about 125 MB), read, parsed and turned into tracks.

#[path = "support/big_geojson.rs"]
mod big_geojson;

use criterion::{Criterion, criterion_group, criterion_main};
use deploymap::io::load_paths;
use std::io::{BufWriter, Write as _};

fn bench_load(c: &mut Criterion) {
    let dir = std::env::temp_dir().join(format!("deploymap-load-bench-{}", std::process::id()));
    std::fs::create_dir_all(&dir).ok();
    let path = dir.join("big.geojson");
    let Ok(file) = std::fs::File::create(&path) else {
        return;
    };
    let mut out = BufWriter::new(file);
    if big_geojson::write_big_geojson(&mut out, 1_000_000)
        .and_then(|()| out.flush())
        .is_err()
    {
        return;
    }
    drop(out);
    let mut group = c.benchmark_group("load");
    group.sample_size(10);
    group.bench_function("geojson 1,000,000 timed points", |b| {
        b.iter(|| {
            load_paths(std::slice::from_ref(&path)).map(|loaded| loaded.scenario.forces.len())
        })
    });
    group.finish();
    std::fs::remove_dir_all(&dir).ok();
}

criterion_group!(benches, bench_load);
criterion_main!(benches);
