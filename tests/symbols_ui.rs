//! The APP-6 switch in the window and on the command line: the map and the legend change.

use egui_kittest::kittest::Queryable as _;

mod common;

use common::harness;

/// Pixels whose colour differs by more than a little.
fn changed_pixels(a: &image::RgbaImage, b: &image::RgbaImage) -> usize {
    a.pixels()
        .zip(b.pixels())
        .filter(|(p, q)| {
            p.0[..3]
                .iter()
                .zip(&q.0[..3])
                .any(|(x, y)| x.abs_diff(*y) > 40)
        })
        .count()
}

/// Pixels of the standard's unknown-identity yellow fill (255, 255, 128).
fn unknown_fill_pixels(image: &image::RgbaImage) -> usize {
    image
        .pixels()
        .filter(|p| p.0[0] > 240 && p.0[1] > 240 && (110..=146).contains(&p.0[2]))
        .count()
}

#[test]
fn switching_to_app6_changes_the_map_and_the_legend() {
    let mut harness = harness();
    assert!(!harness.state().layer_visibility().app6_symbols);
    harness.get_by_label("Symbols").click();
    // The section unfolds and the legend scrolls to it.
    harness.run();
    harness.get_by_label_contains("Unit markers: AIR, NAV");
    let before = harness.render().unwrap_or_else(|e| panic!("{e}"));

    harness.get_by_label("APP-6 unit symbols").click();
    harness.run_steps(4);
    assert!(harness.state().layer_visibility().app6_symbols);
    let after = harness.render().unwrap_or_else(|e| panic!("{e}"));
    // The units are now framed symbols filled with the unknown identity's yellow (the
    // observer's default), which the simple markers never use.
    let yellow_before = unknown_fill_pixels(&before);
    let yellow_after = unknown_fill_pixels(&after);
    assert!(
        yellow_after > yellow_before + 500,
        "{yellow_before} → {yellow_after}"
    );
    assert!(changed_pixels(&before, &after) > 2000);
    // The legend explains the symbols in use instead of the letter codes.
    assert!(
        harness
            .query_by_label_contains("Unit markers: AIR, NAV")
            .is_none()
    );
    harness.get_by_label_contains("APP-6 frames");
    harness.get_by_label("fixed-wing aviation (unknown)");
    harness.get_by_label("function unknown (unknown)");

    // Back to the simple markers.
    harness.get_by_label("APP-6 unit symbols").click();
    harness.run_steps(4);
    let again = harness.render().unwrap_or_else(|e| panic!("{e}"));
    assert!(unknown_fill_pixels(&again) < yellow_after / 4);
}

#[test]
fn export_png_with_app6_symbols_draws_symbols_for_the_forces() {
    let dir = std::env::temp_dir().join(format!("deploymap-app6-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap_or_else(|e| panic!("{e}"));
    let render = |symbols: &str| {
        let out = dir.join(format!("{symbols}.png"));
        let _ = std::fs::remove_file(&out);
        let status = std::process::Command::new(env!("CARGO_BIN_EXE_deploymap"))
            .args([
                "export",
                "png",
                "--at",
                "2026-01-20T12:00:00Z",
                "--size",
                "960x600",
                "--symbols",
                symbols,
                "--out",
            ])
            .arg(&out)
            .status()
            .unwrap_or_else(|e| panic!("{e}"));
        assert!(status.success());
        image::open(&out)
            .unwrap_or_else(|e| panic!("{e}"))
            .to_rgba8()
    };
    let app6 = render("app6");
    let simple = render("simple");
    assert!(unknown_fill_pixels(&app6) > unknown_fill_pixels(&simple) + 300);
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn ctrl_f_finds_hmeimim_by_prefix_and_by_another_spelling_and_flies_the_map_there() {
    // "hmei" begins its name; "Humaymim" is no spelling our sources use, but has its
    // consonants, and the result says it matched by spelling (through the alias "Hmeymim").
    for (query, label) in [
        ("hmei", "Hmeimim Air Base (site)"),
        (
            "Humaymim",
            "Hmeymim (site, for Hmeimim Air Base, ≈ spelling)",
        ),
    ] {
        let mut harness = harness();
        let hmeimim = harness
            .state()
            .scenario()
            .sites
            .iter()
            .position(|s| s.id == "hmeimim")
            .unwrap_or_else(|| panic!("no hmeimim"));
        let target = harness.state().scenario().sites[hmeimim].position;
        let before = harness.state().map_view().view();
        assert!((before.lon - target.x()).abs() > 0.5 || (before.lat - target.y()).abs() > 0.5);
        harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::F);
        harness.run_steps(2);
        harness.get_by_label("Find");
        harness.event(egui::Event::Text(query.to_owned()));
        harness.run_steps(2);
        harness.get_by_label(label);
        harness.key_press(egui::Key::Enter);
        harness.run_steps(4);
        let after = harness.state().map_view().view();
        assert!(
            (after.lon - target.x()).abs() < 1e-6 && (after.lat - target.y()).abs() < 1e-6,
            "{query}: {after:?}"
        );
        assert_eq!(
            harness.state().selected(),
            Some(deploymap::selection::Selection::Site(hmeimim)),
            "{query}"
        );
    }
}

#[test]
fn range_rings_typed_in_the_inspector_are_drawn_and_go_into_exports() {
    let mut harness = harness();
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::F);
    harness.run_steps(2);
    harness.event(egui::Event::Text("hmei".to_owned()));
    harness.run_steps(2);
    harness.key_press(egui::Key::Enter);
    harness.run_steps(4);
    assert!(
        harness.query_by_label("Find").is_none(),
        "Enter closes find"
    );
    let before = harness.render().unwrap_or_else(|e| panic!("{e}"));
    let field = harness.get_by_role_and_label(egui::accesskit::Role::TextInput, "Range rings:");
    field.click();
    harness.run_steps(1);
    harness.event(egui::Event::Text("50, 100 km".to_owned()));
    harness.run_steps(1);
    harness.get_by_label("Draw").click();
    harness.run_steps(4);
    let rings = harness.state().layer_visibility().range_rings.clone();
    assert_eq!(rings.len(), 1);
    assert_eq!(rings[0].radii_m, vec![50_000.0, 100_000.0]);
    assert_eq!(
        rings[0].centre,
        deploymap::map::RingCentre::Site("hmeimim".into())
    );
    let after = harness.render().unwrap_or_else(|e| panic!("{e}"));
    assert!(changed_pixels(&before, &after) > 500);
    // Exports from the window take the same switches, rings included.
    let spec = harness
        .state()
        .current_view_spec(1.0, deploymap::map::Furniture::window());
    assert_eq!(spec.layers.range_rings, rings);
}
