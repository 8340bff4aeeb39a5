//! What the scenario format says about symbols: a standard identity per faction in the header,
//! text amplifiers from a force's properties, and a bad symbol code located in its file.

use deploymap::export::{OffscreenRenderer, SnapshotSpec};
use deploymap::io::{SourceText, builtin_scenario, parse_scenario, parse_time};
use deploymap::map::{Furniture, LayerVisibility, build_draw_list};
use deploymap::model::{GeoView, Scenario, StandardIdentity, state_at, unix_secs};
use deploymap::symbology::{Amplifiers, force_amplifiers};
use walkers::{MapMemory, MercatorProjection, Projector};

fn source(text: &str) -> Vec<SourceText> {
    vec![SourceText {
        name: "test.geojson".into(),
        text: text.into(),
    }]
}

/// A scenario with three factions (friend, hostile, none given) and one force each; `extra` goes
/// into the properties of the blue force.
fn three_sides(identity_of_red: &str, extra: &str) -> String {
    let force = |id: &str, faction: &str, extra: &str| {
        format!(
            r#"{{ "type": "Feature", "id": "{id}", "geometry": null,
      "properties": {{ "layer": "force", "name": "{id}", "faction": "{faction}", "kind": "ground",{extra}
        "track": [{{ "status": "stationed", "position": [36.0, 35.0], "start": "2026-01-01", "precision": "exact",
          "sources": [{{ "outlet": "O", "url": "https://example.org" }}] }}] }} }}"#
        )
    };
    format!(
        r##"{{ "type": "FeatureCollection",
  "deploymap": {{ "factions": [
    {{ "id": "blue", "name": "Blue", "color": "#2f6db5", "identity": "friend" }},
    {{ "id": "red", "name": "Red", "color": "#c8342b", "identity": "{identity_of_red}" }},
    {{ "id": "grey", "name": "Grey", "color": "#777777" }}
  ] }},
  "features": [
    {},
    {},
    {}
  ] }}"##,
        force("b1", "blue", extra),
        force("r1", "red", ""),
        force("g1", "grey", "")
    )
}

fn load(text: &str) -> Scenario {
    let loaded = parse_scenario(&source(text)).unwrap_or_else(|e| panic!("{e}"));
    assert!(loaded.problems.is_empty(), "{:?}", loaded.problems);
    loaded.scenario
}

fn secs(text: &str) -> f64 {
    unix_secs(parse_time(text).unwrap_or_else(|e| panic!("{e}")))
}

#[test]
fn the_header_sets_an_identity_per_faction_the_viewer_may_override_and_old_files_still_load() {
    let scenario = load(&three_sides("hostile", ""));
    let identity = |id: &str| scenario.faction(id).and_then(|f| f.identity);
    assert_eq!(identity("blue"), Some(StandardIdentity::Friend));
    assert_eq!(identity("red"), Some(StandardIdentity::Hostile));
    assert_eq!(identity("grey"), None);
    // The map's symbols take them; the viewer's own choice wins.
    let mut layers = LayerVisibility {
        app6_symbols: true,
        ..LayerVisibility::default()
    };
    let drawn = |layers: &LayerVisibility| {
        let mut memory = MapMemory::default();
        memory.center_at(walkers::lon_lat(36.0, 35.0));
        memory.set_zoom(7.0).ok();
        let rect = egui::Rect::from_min_size(egui::Pos2::ZERO, egui::vec2(800.0, 600.0));
        let projector = Projector::new(
            rect,
            &MercatorProjection,
            &memory,
            walkers::lon_lat(36.0, 35.0),
        );
        let state = state_at(&scenario, secs("2026-01-10T00:00:00Z"));
        let list = build_draw_list(&scenario, &state, layers, &projector, None);
        let mut identities: Vec<(String, StandardIdentity)> = list
            .forces
            .iter()
            .filter_map(|mark| {
                let symbol = mark.symbol.as_ref()?;
                Some((
                    scenario.forces[mark.force].faction.clone(),
                    symbol.symbol.identity,
                ))
            })
            .collect();
        identities.sort_by(|a, b| a.0.cmp(&b.0));
        identities
    };
    assert_eq!(
        drawn(&layers),
        vec![
            ("blue".to_owned(), StandardIdentity::Friend),
            ("grey".to_owned(), StandardIdentity::Unknown),
            ("red".to_owned(), StandardIdentity::Hostile),
        ]
    );
    layers
        .identities
        .insert("red".into(), StandardIdentity::Neutral);
    assert_eq!(drawn(&layers)[2].1, StandardIdentity::Neutral);
    // The built-in scenario gives none: every side is unknown, as an observer sees it.
    let builtin = builtin_scenario()
        .unwrap_or_else(|e| panic!("{e}"))
        .scenario;
    assert!(!builtin.factions.is_empty());
    for faction in &builtin.factions {
        assert_eq!(faction.identity, None, "{}", faction.id);
        assert_eq!(
            LayerVisibility::default().identity_of(&builtin, &faction.id),
            StandardIdentity::Unknown
        );
    }
}

#[test]
fn an_identity_that_is_not_one_is_located_and_the_choices_are_named() {
    let text = three_sides("enemy", "");
    let message = match parse_scenario(&source(&text)) {
        Ok(loaded) => loaded
            .problems
            .iter()
            .map(ToString::to_string)
            .collect::<Vec<_>>()
            .join("\n"),
        Err(error) => error.to_string(),
    };
    // Line 4 holds the red faction.
    assert!(message.starts_with("test.geojson:4:"), "{message}");
    assert!(
        message.contains("enemy") && message.contains("hostile") && message.contains("friend"),
        "{message}"
    );
}

#[test]
fn text_amplifiers_come_from_the_force_and_are_drawn_beside_its_symbol() {
    let scenario = load(&three_sides(
        "hostile",
        r#" "designation": "3/7", "higher_formation": "1 Bde", "strength_figure": "~200","#,
    ));
    assert_eq!(
        force_amplifiers(&scenario.forces[0]),
        Amplifiers {
            designation: Some("3/7".into()),
            higher_formation: Some("1 Bde".into()),
            strength: Some("~200".into()),
            date_time_group: None,
        }
    );
    assert_eq!(force_amplifiers(&scenario.forces[1]), Amplifiers::default());

    // On the built-in map: the Qamishli contingent's "~200" (Rudaw) stands to the right of the
    // heavy equipment's symbol, and is the only change when it is taken away.
    let with = builtin_scenario()
        .unwrap_or_else(|e| panic!("{e}"))
        .scenario;
    let heavy = with
        .forces
        .iter()
        .position(|f| f.id == "ru_qamishli_heavy")
        .unwrap_or_else(|| panic!("no ru_qamishli_heavy"));
    assert_eq!(
        force_amplifiers(&with.forces[heavy]).strength.as_deref(),
        Some("~200")
    );
    let mut without = with.clone();
    without.forces[heavy]
        .attributes
        .retain(|(key, _)| key != "strength_figure");
    let airport = with.sites[with
        .site_index("qamishli_airport")
        .unwrap_or_else(|| panic!("no qamishli_airport"))]
    .position;
    let spec = SnapshotSpec {
        view: GeoView {
            lon: airport.x(),
            lat: airport.y(),
            zoom: 9.0,
        },
        size_px: [640, 480],
        pixels_per_point: 1.0,
        layers: LayerVisibility {
            app6_symbols: true,
            ..LayerVisibility::default()
        },
        furniture: Furniture {
            title: None,
            time: false,
            legend: false,
            scale_bar: false,
            app6_symbols: None,
        },
    };
    let t = secs("2026-01-20T12:00:00Z");
    let mut renderer = OffscreenRenderer::new(None).unwrap_or_else(|e| panic!("{e}"));
    let a = renderer
        .render(&with, t, &spec)
        .unwrap_or_else(|e| panic!("{e}"));
    let b = renderer
        .render(&without, t, &spec)
        .unwrap_or_else(|e| panic!("{e}"));
    // Where the marker is, by the same draw list the map paints.
    let mut memory = MapMemory::default();
    memory.center_at(walkers::lon_lat(airport.x(), airport.y()));
    memory.set_zoom(9.0).ok();
    let projector = Projector::new(
        egui::Rect::from_min_size(egui::Pos2::ZERO, egui::vec2(640.0, 480.0)),
        &MercatorProjection,
        &memory,
        walkers::lon_lat(airport.x(), airport.y()),
    );
    let list = build_draw_list(&with, &state_at(&with, t), &spec.layers, &projector, None);
    let marker = list
        .forces
        .iter()
        .find(|mark| mark.force == heavy)
        .map(|mark| mark.rect_on_screen)
        .unwrap_or_else(|| panic!("no heavy equipment marker"));
    let mut changed = Vec::new();
    for y in 0..480 {
        for x in 0..640 {
            let (p, q) = (a.pixel(x, y), b.pixel(x, y));
            if let (Some(p), Some(q)) = (p, q)
                && p[..3].iter().zip(&q[..3]).any(|(u, v)| u.abs_diff(*v) > 40)
            {
                changed.push(egui::pos2(x as f32, y as f32));
            }
        }
    }
    assert!(changed.len() > 20, "the strength is not drawn");
    // milsymbol's place for additional information: right of the frame, in the row below
    // the middle.
    for pos in &changed {
        assert!(
            pos.x > marker.center().x
                && pos.y > marker.top() - 2.0
                && pos.y < marker.bottom() + 4.0,
            "a change at {pos:?}, not right of the marker at {marker:?}"
        );
    }
}

#[test]
fn a_bad_symbol_code_names_the_file_the_line_of_its_key_and_what_a_code_looks_like() {
    let cases = [
        (
            r#" "sidc": "1003100016121100000X","#,
            "position 20 is 'X', expected",
        ),
        (
            r#" "sidc": "SFGPUCI","#,
            "20 or 30 digits (2525D/E, APP-6D/E) or 15 letters (2525C, APP-6B)",
        ),
    ];
    for (property, expected) in cases {
        let text = three_sides("hostile", property);
        let sidc_line = text
            .lines()
            .position(|line| line.contains("\"sidc\""))
            .map(|index| index + 1)
            .unwrap_or_else(|| panic!("no sidc line"));
        let loaded = parse_scenario(&source(&text)).unwrap_or_else(|e| panic!("{e}"));
        let messages: Vec<String> = loaded.problems.iter().map(ToString::to_string).collect();
        assert_eq!(messages.len(), 1, "{messages:?}");
        let message = &messages[0];
        assert!(
            message.starts_with(&format!("test.geojson:{sidc_line}:")),
            "{message}"
        );
        assert!(
            message.contains("force \"b1\"") && message.contains(expected),
            "{message}"
        );
        assert!(
            message.contains("derived from the kind instead"),
            "{message}"
        );
        // The force still loads, drawn from its kind.
        assert!(loaded.scenario.forces.iter().any(|f| f.id == "b1"));
    }
}

#[test]
fn validate_names_the_file_and_line_of_a_bad_symbol_code() {
    let dir = std::env::temp_dir().join(format!("deploymap-sidc-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap_or_else(|e| panic!("{e}"));
    let path = dir.join("blue.geojson");
    let text = three_sides("hostile", r#" "sidc": "10031000161211000X00","#);
    std::fs::write(&path, &text).unwrap_or_else(|e| panic!("{e}"));
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_deploymap"))
        .arg("validate")
        .arg(&path)
        .output()
        .unwrap_or_else(|e| panic!("cannot run deploymap: {e}"));
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(!output.status.success(), "{stdout}");
    let sidc_line = text
        .lines()
        .position(|line| line.contains("\"sidc\""))
        .map_or(0, |index| index + 1);
    assert!(
        stdout.contains(&format!("{}:{sidc_line}:", path.display()))
            && stdout.contains("position 18 is 'X', expected a digit"),
        "{stdout}"
    );
    std::fs::remove_dir_all(&dir).ok();
}
