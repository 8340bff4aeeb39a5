//! What an export costs on this machine's software renderer: a 1920x1080 snapshot from a cold
//! start (renderer set up, basemap loaded, drawn, PNG encoded), and a 12-second 1280x720 GIF at
//! 15 frames per second.

use criterion::{Criterion, criterion_group, criterion_main};
use deploymap::export::{
    AnimationSpec, OffscreenRenderer, SnapshotSpec, encode_png, export_animation,
};
use deploymap::io::{builtin_scenario, parse_time};
use deploymap::map::{Furniture, LayerVisibility};
use deploymap::model::{GeoView, unix_secs};
use std::time::Duration;

fn secs(text: &str) -> f64 {
    parse_time(text).map(unix_secs).unwrap_or_default()
}

fn spec(size_px: [u32; 2]) -> SnapshotSpec {
    SnapshotSpec {
        view: GeoView {
            lon: 38.7,
            lat: 35.2,
            zoom: 7.0,
        },
        size_px,
        pixels_per_point: SnapshotSpec::default_pixels_per_point(size_px),
        layers: LayerVisibility::default(),
        furniture: Furniture::full(Some("Benchmark".into())),
    }
}

fn bench_export(c: &mut Criterion) {
    let Ok(loaded) = builtin_scenario() else {
        return;
    };
    let scenario = loaded.scenario;
    let mut group = c.benchmark_group("export");
    group.sample_size(10);
    group.bench_function("snapshot 1920x1080 from a cold start", |b| {
        b.iter(|| {
            let Ok(mut renderer) = OffscreenRenderer::new(None) else {
                return;
            };
            if let Ok(frame) =
                renderer.render(&scenario, secs("2026-01-25T06:00:00Z"), &spec([1920, 1080]))
            {
                let mut png = Vec::new();
                encode_png(&frame, &[], &mut png).ok();
            }
        })
    });
    group.measurement_time(Duration::from_secs(150));
    let dir = std::env::temp_dir().join(format!("deploymap-bench-{}", std::process::id()));
    std::fs::create_dir_all(&dir).ok();
    let animation = AnimationSpec {
        from: secs("2026-01-20"),
        to: secs("2026-01-29"),
        frames: 180,
        fps: 15.0,
    };
    group.bench_function("gif 12 s 1280x720 at 15 fps", |b| {
        b.iter(|| {
            let Ok(mut renderer) = OffscreenRenderer::new(None) else {
                return;
            };
            let path = dir.join("bench.gif");
            export_animation(
                &mut renderer,
                &scenario,
                &spec([1280, 720]),
                &animation,
                &path,
                true,
                &mut |_, _| true,
            )
            .ok();
        })
    });
    group.finish();
    std::fs::remove_dir_all(&dir).ok();
}

criterion_group!(benches, bench_export);
criterion_main!(benches);
