//! Range rings from the command line: `export png --rings ID=DISTANCES` draws the geodesic ring
//! where it lies and nowhere else; bad flags say what was expected. And the ruler, when it is on
//! the map, is drawn along its geodesic in an export.

use deploymap::export::{RgbaFrame, SnapshotSpec};
use deploymap::geodesy::range_ring;
use deploymap::io::builtin_scenario;
use deploymap::map::{Furniture, LayerVisibility};
use deploymap::model::GeoView;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("deploymap-rings-{}-{name}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap_or_else(|e| panic!("{e}"));
    dir
}

fn deploymap(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_deploymap"))
        .args(args)
        .output()
        .unwrap_or_else(|e| panic!("cannot run deploymap: {e}"))
}

fn decode_png(path: &Path) -> RgbaFrame {
    let file = std::fs::File::open(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let mut reader = png::Decoder::new(std::io::BufReader::new(file))
        .read_info()
        .unwrap_or_else(|e| panic!("{e}"));
    let mut pixels = vec![0; reader.output_buffer_size().unwrap_or_default()];
    let info = reader
        .next_frame(&mut pixels)
        .unwrap_or_else(|e| panic!("{e}"));
    RgbaFrame {
        width: info.width,
        height: info.height,
        pixels,
    }
}

/// Whether any pixel within `half` of `center` differs between the two pictures.
fn differs_near(a: &RgbaFrame, b: &RgbaFrame, center: egui::Pos2, half: i32) -> bool {
    (-half..=half).any(|dy| {
        (-half..=half).any(|dx| {
            let (x, y) = (center.x as i32 + dx, center.y as i32 + dy);
            let (Ok(x), Ok(y)) = (u32::try_from(x), u32::try_from(y)) else {
                return false;
            };
            match (a.pixel(x, y), b.pixel(x, y)) {
                (Some(p), Some(q)) => p[..3].iter().zip(&q[..3]).any(|(u, v)| u.abs_diff(*v) > 40),
                _ => false,
            }
        })
    })
}

#[test]
fn an_export_with_rings_differs_on_the_geodesic_circle_and_nowhere_inside_it() {
    let dir = scratch("png");
    let view = "36.6,35.2,7";
    let export = |name: &str, extra: &[&str]| {
        let out = dir.join(name);
        let mut args = vec![
            "export",
            "png",
            "--at",
            "2026-01-20",
            "--size",
            "900x700",
            "--view",
            view,
            "--no-legend",
            "--out",
        ];
        let out_text = out.display().to_string();
        args.push(&out_text);
        args.extend_from_slice(extra);
        let output = deploymap(&args);
        assert!(
            output.status.success(),
            "{}",
            String::from_utf8_lossy(&output.stderr)
        );
        decode_png(&out)
    };
    let plain = export("plain.png", &[]);
    let ringed = export("ringed.png", &["--rings", "hmeimim=100 km"]);
    let scenario = builtin_scenario()
        .unwrap_or_else(|e| panic!("{e}"))
        .scenario;
    let hmeimim = scenario.sites[scenario
        .site_index("hmeimim")
        .unwrap_or_else(|| panic!("no hmeimim"))]
    .position;
    let spec = SnapshotSpec {
        view: GeoView {
            lon: 36.6,
            lat: 35.2,
            zoom: 7.0,
        },
        size_px: [900, 700],
        pixels_per_point: SnapshotSpec::default_pixels_per_point([900, 700]),
        layers: LayerVisibility::default(),
        furniture: Furniture::full(None),
    };
    // The vertices of the true geodesic circle show a change within 2 px...
    let on_ring: Vec<egui::Pos2> = range_ring(hmeimim, 100_000.0, 72)
        .into_iter()
        .map(|p| spec.pixel_of(p))
        .collect();
    let inside = |p: &egui::Pos2| p.x > 10.0 && p.y > 10.0 && p.x < 890.0 && p.y < 690.0;
    assert!(
        on_ring.iter().all(inside),
        "the ring should fit the picture"
    );
    let missed: Vec<_> = on_ring
        .iter()
        .filter(|p| !differs_near(&plain, &ringed, **p, 2))
        .collect();
    // (Town labels, drawn over the rings with their halos, may hide a few vertices.)
    assert!(missed.len() <= 4, "no ring at {missed:?}");
    // ... and the half-way circle inside it, away from the label and the site, does not.
    let half_way_changed = range_ring(hmeimim, 50_000.0, 72)
        .into_iter()
        .map(|p| spec.pixel_of(p))
        .filter(|p| differs_near(&plain, &ringed, *p, 2))
        .count();
    assert_eq!(half_way_changed, 0);
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn bad_ring_flags_name_the_flag_and_what_was_expected() {
    let dir = scratch("bad");
    let out = dir.join("never.png");
    let out_text = out.display().to_string();
    for (flag, expected) in [
        ("hmeimim", "expected ID=DISTANCES"),
        ("nowhere=50 km", "no site or unit with id \"nowhere\""),
        ("hmeimim=50 parsec", "unknown unit \"parsec\""),
        ("hmeimim=", "no distances given"),
    ] {
        let output = deploymap(&[
            "export",
            "png",
            "--at",
            "2026-01-20",
            "--rings",
            flag,
            "--out",
            &out_text,
        ]);
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(!output.status.success(), "{flag}");
        assert!(
            stderr.contains("--rings") && stderr.contains(expected),
            "{flag}: {stderr}"
        );
        assert!(!out.exists(), "{flag}: wrote a picture");
    }
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn a_ruler_on_the_map_is_drawn_along_the_geodesic_in_an_export() {
    use deploymap::export::OffscreenRenderer;
    use deploymap::geodesy::geodesic_points;
    use deploymap::map::{Ruler, RulerPoint};
    let scenario = builtin_scenario()
        .unwrap_or_else(|e| panic!("{e}"))
        .scenario;
    let site = |id: &str| {
        scenario.sites[scenario.site_index(id).unwrap_or_else(|| panic!("no {id}"))].position
    };
    let plain_spec = SnapshotSpec {
        view: GeoView {
            lon: 38.6,
            lat: 36.0,
            zoom: 6.5,
        },
        size_px: [900, 600],
        pixels_per_point: 1.0,
        layers: LayerVisibility::default(),
        furniture: Furniture::full(None),
    };
    let mut ruled_spec = plain_spec.clone();
    ruled_spec.layers.ruler = Ruler {
        points: vec![
            RulerPoint::Site("hmeimim".into()),
            RulerPoint::Site("qamishli_airport".into()),
        ],
        ..Ruler::default()
    };
    let t = deploymap::model::unix_secs(
        deploymap::io::parse_time("2026-01-20T12:00:00Z").unwrap_or_else(|e| panic!("{e}")),
    );
    let mut renderer = OffscreenRenderer::new(None).unwrap_or_else(|e| panic!("{e}"));
    let plain = renderer
        .render(&scenario, t, &plain_spec)
        .unwrap_or_else(|e| panic!("{e}"));
    let ruled = renderer
        .render(&scenario, t, &ruled_spec)
        .unwrap_or_else(|e| panic!("{e}"));
    // Along the geodesic, away from its ends (where the sites' own marks are), the line shows.
    let path = geodesic_points(site("hmeimim"), site("qamishli_airport"), 10_000.0);
    let inner = &path[5..path.len() - 5];
    let missed: Vec<_> = inner
        .iter()
        .map(|p| plain_spec.pixel_of(*p))
        .filter(|p| !differs_near(&plain, &ruled, *p, 2))
        .collect();
    assert!(
        missed.len() * 10 <= inner.len(),
        "{} of {} points show no ruler: {missed:?}",
        missed.len(),
        inner.len()
    );
    // Well off the line (the Syrian desert south of it), nothing changes.
    let desert = plain_spec.pixel_of(deploymap::model::LonLat::new(38.5, 34.3));
    assert!(!differs_near(&plain, &ruled, desert, 6));
}
