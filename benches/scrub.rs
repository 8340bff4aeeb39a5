//! What one frame of scrubbing costs: evaluating every track at a time, and building the map's
//! draw list, for a synthetic scenario of 10,000 forces with 100 states each.

use criterion::{Criterion, criterion_group, criterion_main};
use deploymap::map::{LayerVisibility, build_draw_list};
use deploymap::model::{
    Dating, Faction, Force, ForceKind, LonLat, Path, Place, Precision, Provenance, Scenario, Site,
    SiteKind, StateKind, Track, TrackState, TravelMode, state_at,
};
use std::hint::black_box;
use walkers::{MapMemory, MercatorProjection, Projector, lon_lat};

const FORCES: usize = 10_000;
const STATES: usize = 100;
const SITES: usize = 500;
const HOUR: i64 = 3_600;
const START: i64 = 1_735_689_600; // 2025-01-01T00:00:00Z

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

/// Sites on a grid over Syria; each force alternates between staying and moving between sites.
fn synthetic_scenario() -> Scenario {
    let sites: Vec<Site> = (0..SITES)
        .map(|i| Site {
            id: format!("s{i}"),
            name: format!("Site {i}"),
            kind: SiteKind::Town,
            faction: None,
            aliases: vec![],
            position: LonLat::new(36.0 + (i % 25) as f64 * 0.25, 32.5 + (i / 25) as f64 * 0.25),
            coordinate_source: None,
            coordinate_uncertainty_km: None,
            note: None,
            control: vec![],
            extra: Default::default(),
        })
        .collect();
    let place = |i: usize| Place {
        site: Some(i % SITES),
        position: sites[i % SITES].position,
    };
    let forces = (0..FORCES)
        .map(|f| {
            let track = (0..STATES)
                .map(|s| {
                    let start = START + (s as i64) * 24 * HOUR + (f as i64 % 24) * HOUR;
                    let (kind, end) = if s % 2 == 0 {
                        (
                            StateKind::Stationed {
                                place: place(f + s),
                            },
                            None,
                        )
                    } else {
                        let (from, to) = (place(f + s - 1), place(f + s + 1));
                        let path = Path::new(vec![from.position, to.position]);
                        let kind = StateKind::Moving {
                            from,
                            to,
                            path,
                            mode: TravelMode::Road,
                            route_reported: false,
                        };
                        (kind, Some(start + 12 * HOUR))
                    };
                    TrackState::new(kind, dating(start, end), Provenance::default(), None, None)
                })
                .collect();
            Force {
                id: format!("f{f}"),
                name: format!("Force {f}"),
                faction: ["a", "b", "c"][f % 3].to_string(),
                kind: ForceKind::Ground,
                strength: None,
                note: None,
                track: Track::new(track),
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
                color: "#c8342b".into(),
                identity: None,
            })
            .collect(),
        sites,
        forces,
        ..Scenario::default()
    }
}

fn bench_scrub(c: &mut Criterion) {
    let scenario = synthetic_scenario();
    // Halfway through the tracks, at an hour when about half the forces are moving.
    let t = (START + 50 * 24 * HOUR + 30 * HOUR) as f64;
    c.bench_function("state_at 10k forces x 100 states", |b| {
        b.iter(|| state_at(black_box(&scenario), black_box(t)))
    });
    let state = state_at(&scenario, t);
    let mut memory = MapMemory::default();
    memory.center_at(lon_lat(39.0, 35.0));
    memory.set_zoom(6.5).ok();
    let rect = egui::Rect::from_min_size(egui::Pos2::ZERO, egui::vec2(1280.0, 800.0));
    let projector = Projector::new(rect, &MercatorProjection, &memory, lon_lat(39.0, 35.0));
    let layers = LayerVisibility::default();
    c.bench_function("draw list 10k forces", |b| {
        b.iter(|| {
            build_draw_list(
                black_box(&scenario),
                black_box(&state),
                &layers,
                &projector,
                None,
            )
        })
    });
}

criterion_group!(benches, bench_scrub);
criterion_main!(benches);
