//! What exporting the whole built-in story costs: every chapter's flight and playback at
//! 1280x720 and 15 frames per second, as a GIF with captions, from a cold start. The story's
//! running time is printed first, so the two can be compared (the target is at most 1.5 times).

use criterion::{Criterion, SamplingMode, criterion_group, criterion_main};
use deploymap::export::{
    OffscreenRenderer, SnapshotSpec, StoryVideoSpec, export_story, story_frames,
};
use deploymap::io::builtin_scenario;
use deploymap::map::{Furniture, LayerVisibility};
use std::time::Duration;

const SIZE_PX: [u32; 2] = [1280, 720];
const FPS: f64 = 15.0;

fn bench_story(c: &mut Criterion) {
    let Ok(loaded) = builtin_scenario() else {
        return;
    };
    let scenario = loaded.scenario;
    let Some(story) = scenario.meta.stories.first() else {
        return;
    };
    let spec = SnapshotSpec {
        view: scenario.opening_view(f64::from(SIZE_PX[0]), f64::from(SIZE_PX[1])),
        size_px: SIZE_PX,
        pixels_per_point: SnapshotSpec::default_pixels_per_point(SIZE_PX),
        layers: LayerVisibility::default(),
        furniture: Furniture::full(None),
    };
    let points = [
        f64::from(SIZE_PX[0]) / f64::from(spec.pixels_per_point),
        f64::from(SIZE_PX[1]) / f64::from(spec.pixels_per_point),
    ];
    if let Ok(frames) = story_frames(&scenario, story, points, FPS) {
        println!(
            "the built-in story runs {:.1} s ({} frames at {FPS} fps)",
            frames.len() as f64 / FPS,
            frames.len()
        );
    }
    let dir = std::env::temp_dir().join(format!("deploymap-bench-story-{}", std::process::id()));
    std::fs::create_dir_all(&dir).ok();
    let mut group = c.benchmark_group("story");
    // Ten samples of one export each (the fewest criterion allows): flat sampling, and a
    // measurement time short enough that criterion does not ask for more than one per sample.
    group.sample_size(10);
    group.sampling_mode(SamplingMode::Flat);
    group.warm_up_time(Duration::from_secs(1));
    group.measurement_time(Duration::from_secs(10));
    group.bench_function("whole built-in story 1280x720 at 15 fps as GIF", |b| {
        b.iter(|| {
            let Ok(mut renderer) = OffscreenRenderer::new(None) else {
                return;
            };
            export_story(
                &mut renderer,
                &scenario,
                &spec,
                &StoryVideoSpec {
                    story: 0,
                    fps: FPS,
                    captions: true,
                },
                &dir.join("story.gif"),
                true,
                &mut |_, _| true,
            )
            .ok();
        })
    });
    group.finish();
    std::fs::remove_dir_all(&dir).ok();
}

criterion_group!(benches, bench_story);
criterion_main!(benches);
