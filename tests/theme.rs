//! Dark mode in exports: `--theme dark` draws the dark basemap style where `--theme light`
//! draws the light one, with the real binary, renderer and encoder.

use std::path::{Path, PathBuf};
use std::process::Command;

fn export(theme: &str, out: &Path) {
    // The Mediterranean west of Lebanon in the middle, the Syrian desert to the east.
    let output = Command::new(env!("CARGO_BIN_EXE_deploymap"))
        .args([
            "export",
            "png",
            "--at",
            "2026-01-20",
            "--size",
            "640x360",
            "--view",
            "34.2,34.0,6",
            "--no-legend",
            "--theme",
            theme,
            "--out",
        ])
        .arg(out)
        .output()
        .unwrap_or_else(|e| panic!("cannot run deploymap: {e}"));
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
}

/// The median luminance (0–255) of a 9×9 patch around (x, y): robust to a line or a label.
fn median_luminance(image: &image::RgbaImage, x: u32, y: u32) -> f64 {
    let mut values: Vec<f64> = (x - 4..=x + 4)
        .flat_map(|px| (y - 4..=y + 4).map(move |py| (px, py)))
        .map(|(px, py)| {
            let [r, g, b, _] = image.get_pixel(px, py).0;
            0.2126 * f64::from(r) + 0.7152 * f64::from(g) + 0.0722 * f64::from(b)
        })
        .collect();
    values.sort_by(f64::total_cmp);
    values[values.len() / 2]
}

fn scratch() -> PathBuf {
    let dir = std::env::temp_dir().join(format!("deploymap-theme-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap_or_else(|e| panic!("{e}"));
    dir
}

#[test]
fn an_export_with_the_dark_theme_has_dark_land_and_sea_where_the_light_one_has_light() {
    let dir = scratch();
    let (light_path, dark_path) = (dir.join("light.png"), dir.join("dark.png"));
    export("light", &light_path);
    export("dark", &dark_path);
    let open = |path: &Path| {
        image::open(path)
            .unwrap_or_else(|e| panic!("{}: {e}", path.display()))
            .to_rgba8()
    };
    let (light, dark) = (open(&light_path), open(&dark_path));
    // Zoom 6: 256 × 2⁶ / 360 ≈ 45.5 points a degree; the desert at 39.2° E is 5° east of the
    // centre, about 228 points right.
    let sea = (320, 180);
    let land = (320 + 228, 170);
    for (name, (x, y)) in [("sea", sea), ("land", land)] {
        let (lit, unlit) = (
            median_luminance(&light, x, y),
            median_luminance(&dark, x, y),
        );
        assert!(
            lit > 170.0,
            "light {name} at ({x}, {y}) has luminance {lit:.0}"
        );
        assert!(
            unlit < 70.0,
            "dark {name} at ({x}, {y}) has luminance {unlit:.0}"
        );
    }
    // Land and sea stay apart in both.
    assert!(
        (median_luminance(&dark, land.0, land.1) - median_luminance(&dark, sea.0, sea.1)).abs()
            > 5.0
    );
    let _ = std::fs::remove_dir_all(&dir);
}
