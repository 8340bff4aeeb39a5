//! The CPU cost of one map frame with many moving units: `state_at`, the draw list, painting
//! it into egui shapes and egui's tessellation of them into triangles, for 1,000, 10,000 and
//! 100,000 units all moving at once in a 1280×800 view.

use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};
use deploymap::map::{LayerVisibility, build_draw_list};
use deploymap::model::{
    Dating, Faction, Force, ForceKind, LonLat, Path, Place, Precision, Provenance, Scenario,
    StateKind, Track, TrackState, TravelMode, state_at,
};
use std::hint::black_box;
use walkers::{MapMemory, MercatorProjection, Projector, lon_lat};

const START: i64 = 1_735_689_600; // 2025-01-01T00:00:00Z
const DAY: i64 = 86_400;

fn dating(start: i64, end: Option<i64>) -> Dating {
    let ts = |secs| jiff::Timestamp::from_second(secs).unwrap_or(jiff::Timestamp::UNIX_EPOCH);
    Dating {
        start: ts(start),
        end: end.map(ts),
        precision: Precision::Exact,
        earliest: None,
        latest: None,
        span_end: None,
        zone: jiff::tz::TimeZone::UTC,
    }
}

/// `units` forces spread over a 6° × 4° box around (39, 35), each moving 0.3° east over ten
/// days, then stationed: at day 5 all of them are moving and in view.
fn moving_units(units: usize) -> Scenario {
    let side = (units as f64).sqrt().ceil() as usize;
    let forces = (0..units)
        .map(|u| {
            let from = LonLat::new(
                36.0 + (u % side) as f64 * 6.0 / side as f64,
                33.0 + (u / side) as f64 * 4.0 / side as f64,
            );
            let to = LonLat::new(from.x() + 0.3, from.y() + 0.1);
            let at = |position| Place {
                site: None,
                position,
            };
            let moving = StateKind::Moving {
                from: at(from),
                to: at(to),
                path: Path::new(vec![from, to]),
                mode: TravelMode::Unknown,
                route_reported: true,
            };
            let states = vec![
                TrackState::new(
                    moving,
                    dating(START, Some(START + 10 * DAY)),
                    Provenance::default(),
                    None,
                    None,
                ),
                TrackState::new(
                    StateKind::Stationed { place: at(to) },
                    dating(START + 10 * DAY, None),
                    Provenance::default(),
                    None,
                    None,
                ),
            ];
            Force {
                id: format!("u{u}"),
                name: format!("Unit {u}"),
                faction: ["a", "b", "c"][u % 3].to_string(),
                kind: ForceKind::Mixed,
                strength: None,
                note: None,
                track: Track::new(states),
                attributes: vec![],
                temporal_properties: vec![],
                extra: Default::default(),
            }
        })
        .collect();
    Scenario {
        factions: ["a", "b", "c"]
            .iter()
            .map(|id| Faction {
                id: (*id).to_string(),
                name: (*id).to_string(),
                color: "#7b3fa0".into(),
                identity: None,
            })
            .collect(),
        forces,
        ..Scenario::default()
    }
}

fn bench_frame(c: &mut Criterion) {
    let mut memory = MapMemory::default();
    memory.center_at(lon_lat(39.0, 35.0));
    memory.set_zoom(6.5).ok();
    let rect = egui::Rect::from_min_size(egui::Pos2::ZERO, egui::vec2(1280.0, 800.0));
    let projector = Projector::new(rect, &MercatorProjection, &memory, lon_lat(39.0, 35.0));
    let layers = LayerVisibility::default();
    let t = (START + 5 * DAY) as f64;
    let ctx = egui::Context::default();
    let raw_input = || egui::RawInput {
        screen_rect: Some(rect),
        ..Default::default()
    };
    // The first frame loads the fonts; it is not what a frame costs.
    let _ = ctx.run_pass(raw_input(), |_| {});
    let mut group = c.benchmark_group("frame");
    group.sample_size(10);
    for units in [1_000, 10_000, 100_000] {
        let scenario = moving_units(units);
        let state = state_at(&scenario, t);
        assert_eq!(
            state
                .forces
                .iter()
                .filter(|at| matches!(at.status, deploymap::model::ForceStatus::Moving { .. }))
                .count(),
            units
        );
        group.bench_with_input(
            BenchmarkId::new("state_at + draw list + tessellation", units),
            &scenario,
            |b, scenario| {
                b.iter(|| {
                    let state = state_at(black_box(scenario), black_box(t));
                    let list = build_draw_list(scenario, &state, &layers, &projector, None);
                    let output = ctx.run_pass(raw_input(), |ctx| {
                        let painter = ctx.layer_painter(egui::LayerId::background());
                        list.paint(&painter);
                    });
                    let triangles = ctx.tessellate(output.shapes, output.pixels_per_point);
                    black_box(triangles.len())
                })
            },
        );
    }
    group.finish();
}

criterion_group!(benches, bench_frame);
criterion_main!(benches);
