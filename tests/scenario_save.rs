//! Saving a scenario and reading it back gives the same scenario: the built-in one (every
//! site, force, track state, event, source, faction, story and change of control), the state at
//! several times, and the event list; and properties this program does not know survive.

use deploymap::io::{SaveError, builtin_scenario, load_paths, save_scenario, scenario_to_json};
use deploymap::model::{Scenario, state_at, unix_secs};
use std::path::PathBuf;

fn scratch(name: &str) -> PathBuf {
    let folder = std::env::temp_dir().join(format!("deploymap-save-{}-{name}", std::process::id()));
    std::fs::remove_dir_all(&folder).ok();
    std::fs::create_dir_all(&folder).unwrap_or_else(|e| panic!("{}: {e}", folder.display()));
    folder
}

fn at(text: &str) -> f64 {
    unix_secs(text.parse().unwrap_or_else(|e| panic!("{text}: {e}")))
}

/// Everything a user sees of the scenario: the model, the state at several times, the events.
fn assert_same_story(original: &Scenario, reloaded: &Scenario) {
    assert_eq!(original.meta, reloaded.meta);
    assert_eq!(original.factions, reloaded.factions);
    assert_eq!(original.sites.len(), reloaded.sites.len());
    for (a, b) in original.sites.iter().zip(&reloaded.sites) {
        assert_eq!(a, b, "site {}", a.id);
    }
    assert_eq!(original.forces.len(), reloaded.forces.len());
    for (a, b) in original.forces.iter().zip(&reloaded.forces) {
        assert_eq!(a.track.len(), b.track.len(), "force {}", a.id);
        for (i, (sa, sb)) in a.track.iter().zip(b.track.iter()).enumerate() {
            assert_eq!(sa, sb, "force {} state {i}", a.id);
        }
        assert_eq!(a, b, "force {}", a.id);
    }
    let ids = |s: &Scenario| s.events.iter().map(|e| e.id.clone()).collect::<Vec<_>>();
    assert_eq!(ids(original), ids(reloaded), "the event list's order");
    for (a, b) in original.events.iter().zip(&reloaded.events) {
        assert_eq!(a, b, "event {}", a.id);
    }
    assert_eq!(original, reloaded);
    for t in [
        "2025-01-15T00:00:00Z",
        "2025-12-20T12:00:00Z",
        "2026-01-24T09:00:00Z",
        "2026-02-05T18:30:00Z",
    ] {
        assert_eq!(
            state_at(original, at(t)),
            state_at(reloaded, at(t)),
            "state at {t}"
        );
    }
}

#[test]
fn the_built_in_scenario_saved_and_loaded_back_is_the_same() {
    let original = builtin_scenario().unwrap();
    assert!(original.problems.is_empty(), "{:?}", original.problems);
    let scenario = original.scenario;
    assert!(scenario.sites.len() > 10 && scenario.forces.len() > 5 && scenario.events.len() > 10);
    assert!(!scenario.meta.stories.is_empty());
    assert!(scenario.sites.iter().any(|site| !site.control.is_empty()));

    let folder = scratch("builtin");
    let path = folder.join("copy.geojson");
    save_scenario(&scenario, &path, false).unwrap();
    let reloaded = load_paths(std::slice::from_ref(&path)).unwrap();
    assert!(reloaded.problems.is_empty(), "{:?}", reloaded.problems);
    assert_same_story(&scenario, &reloaded.scenario);

    // Stable: saving what was loaded writes the same bytes.
    let text = std::fs::read_to_string(&path).unwrap();
    assert_eq!(scenario_to_json(&reloaded.scenario), text);

    // Never over an existing file unless asked; the file is left as it was.
    let refused = save_scenario(&Scenario::default(), &path, false);
    assert!(matches!(refused, Err(SaveError::Exists(_))), "{refused:?}");
    assert_eq!(std::fs::read_to_string(&path).unwrap(), text);
    std::fs::remove_dir_all(&folder).ok();
}

const WITH_UNKNOWN_PROPERTIES: &str = r##"{
  "type": "FeatureCollection",
  "deploymap": { "format_version": 1, "title": "Unknowns", "time_zone": "+03:00",
    "editor": { "name": "someone", "revision": 7 },
    "factions": [{ "id": "a", "name": "A", "color": "#112233" }] },
  "features": [
    { "type": "Feature", "id": "base", "geometry": { "type": "Point", "coordinates": [36.5, 34.25] },
      "properties": { "layer": "site", "name": "Base", "kind": "military_base", "wikidata": "Q1",
        "control": [ { "faction": "a", "start": "2026-01", "precision": "month", "checked_by": "desk",
          "sources": [{ "outlet": "Reuters", "published": "2026-01-30", "url": "https://www.reuters.com/x" }] } ] } },
    { "type": "Feature", "id": "unit", "geometry": null,
      "properties": { "layer": "force", "name": "Unit", "faction": "a", "kind": "ground", "tags": ["x", 2],
        "track": [
          { "status": "stationed", "site": "base", "start": "2026-01-02", "precision": "exact", "photo": "p.jpg",
            "sources": [{ "outlet": "Reuters", "published": "2026-01-03", "url": "https://www.reuters.com/y" }] },
          { "status": "moving", "from_site": "base", "to_position": [37.0, 35.0], "start": "2026-01-05T06:30",
            "end": "2026-01-06", "latest": "2026-01-07", "precision": "range",
            "sources": [{ "outlet": "AFP", "published": "undated", "url": "https://www.afp.com/z" }] }
        ] } },
    { "type": "Feature", "id": "ev", "geometry": null,
      "properties": { "layer": "event", "kind": "other", "title": "T", "summary": "S", "site": "base",
        "start": "2026-01-02", "precision": "exact", "reviewed": true,
        "sources": [{ "outlet": "AFP", "published": "2026-01-02", "url": "https://www.afp.com/w" }] } }
  ]
}"##;

#[test]
fn properties_this_program_does_not_know_survive_a_round_trip() {
    let folder = scratch("unknown");
    let input = folder.join("input.geojson");
    std::fs::write(&input, WITH_UNKNOWN_PROPERTIES).unwrap();
    let loaded = load_paths(std::slice::from_ref(&input)).unwrap();
    assert!(loaded.problems.is_empty(), "{:?}", loaded.problems);
    let output = folder.join("output.geojson");
    save_scenario(&loaded.scenario, &output, false).unwrap();
    let reloaded = load_paths(std::slice::from_ref(&output)).unwrap();
    assert!(reloaded.problems.is_empty(), "{:?}", reloaded.problems);
    assert_same_story(&loaded.scenario, &reloaded.scenario);

    let saved: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&output).unwrap()).unwrap();
    assert_eq!(saved["deploymap"]["editor"]["revision"], 7);
    assert_eq!(saved["deploymap"]["time_zone"], "UTC+03");
    let features = saved["features"].as_array().unwrap();
    let site = &features[0]["properties"];
    assert_eq!(site["wikidata"], "Q1");
    assert_eq!(site["control"][0]["checked_by"], "desk");
    assert_eq!(site["control"][0]["start"], "2026-01");
    let force = &features[1]["properties"];
    assert_eq!(force["tags"], serde_json::json!(["x", 2]));
    assert_eq!(force["track"][0]["photo"], "p.jpg");
    assert_eq!(force["track"][0]["start"], "2026-01-02");
    assert_eq!(force["track"][1]["start"], "2026-01-05T06:30:00");
    assert_eq!(force["track"][1]["latest"], "2026-01-07");
    assert_eq!(features[2]["properties"]["reviewed"], true);
    // The input file is never written to.
    assert_eq!(
        std::fs::read_to_string(&input).unwrap(),
        WITH_UNKNOWN_PROPERTIES
    );
    std::fs::remove_dir_all(&folder).ok();
}

const WITH_A_SOURCE_LIST: &str = r##"{
  "type": "FeatureCollection",
  "deploymap": { "format_version": 1, "time_zone": "UTC",
    "sources": [
      { "id": "reuters_0123", "outlet": "Reuters", "published": "2026-01-23", "url": "https://www.reuters.com/a",
        "via": "Yahoo News", "strength": "confirmed" },
      { "id": "claim", "outlet": "SANA", "published": "undated", "url": "https://sana.sy/b", "strength": "claimed" }
    ] },
  "features": [
    { "type": "Feature", "id": "unit", "geometry": null,
      "properties": { "layer": "force", "name": "Unit", "faction": "a", "kind": "ground",
        "track": [
          { "status": "stationed", "position": [36.0, 35.0], "start": "2026-01-20", "precision": "exact",
            "sources": ["reuters_0123", "claim", { "outlet": "AFP", "url": "https://www.afp.com/c", "strength": "weak" }] },
          { "status": "departed", "start": "2026-01-25", "precision": "exact", "sources": ["nobody"] }
        ] } }
  ]
}"##;

#[test]
fn sources_listed_once_are_cited_by_id_and_keep_their_strength() {
    use deploymap::model::SourceStrength;
    let folder = scratch("library");
    let input = folder.join("input.geojson");
    std::fs::write(&input, WITH_A_SOURCE_LIST).unwrap();
    let loaded = load_paths(std::slice::from_ref(&input)).unwrap();
    // The unknown id is reported where it is written, and the state is then unsourced.
    let messages: Vec<String> = loaded.problems.iter().map(ToString::to_string).collect();
    assert!(
        messages
            .iter()
            .any(|m| m.contains(":15:92:")
                && m.contains("\"nobody\" is not in the header's sources")),
        "{messages:?}"
    );
    let scenario = &loaded.scenario;
    assert_eq!(scenario.meta.sources.len(), 2);
    let first_state = scenario.forces[0].track.get(0).expect("a first state");
    let cited = &first_state.provenance().sources;
    assert_eq!(cited.len(), 3);
    assert_eq!(cited[0], scenario.meta.sources[0]);
    assert_eq!(cited[0].via.as_deref(), Some("Yahoo News"));
    let strengths: Vec<SourceStrength> = cited.iter().map(|s| s.judged_strength()).collect();
    assert_eq!(
        strengths,
        [
            SourceStrength::Confirmed,
            SourceStrength::Claimed,
            SourceStrength::Weak
        ]
    );
    assert!(cited[1].is_undated());

    let output = folder.join("output.geojson");
    save_scenario(scenario, &output, false).unwrap();
    let reloaded = load_paths(std::slice::from_ref(&output)).unwrap();
    assert_eq!(&reloaded.scenario, scenario);
    let saved: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&output).unwrap()).unwrap();
    let track = &saved["features"][0]["properties"]["track"];
    assert_eq!(track[0]["sources"][0], "reuters_0123");
    assert_eq!(track[0]["sources"][1], "claim");
    assert_eq!(track[0]["sources"][2]["outlet"], "AFP");
    assert_eq!(saved["deploymap"]["sources"][0]["strength"], "confirmed");
    std::fs::remove_dir_all(&folder).ok();
}

#[test]
fn the_built_in_scenario_through_a_folder_of_spreadsheets_is_the_same() {
    use deploymap::io::write_csv_folder;
    let scenario = builtin_scenario().unwrap().scenario;
    let folder = scratch("csv").join("syria");
    let written = write_csv_folder(&scenario, &folder, false).unwrap();
    assert_eq!(written.len(), 7);

    let from_folder = load_paths(std::slice::from_ref(&folder)).unwrap();
    assert!(
        from_folder.problems.is_empty(),
        "{:?}",
        from_folder.problems
    );
    assert_same_story(&scenario, &from_folder.scenario);

    // The same spreadsheets given one by one are read as the same folder.
    let files: Vec<PathBuf> = [
        "sites.csv",
        "forces.csv",
        "states.csv",
        "events.csv",
        "sources.csv",
    ]
    .iter()
    .map(|name| folder.join(name))
    .collect();
    let from_files = load_paths(&files).unwrap();
    assert!(from_files.problems.is_empty(), "{:?}", from_files.problems);
    assert_same_story(&scenario, &from_files.scenario);

    // Saved again by a spreadsheet program that writes semicolons, it still reads the same.
    let semicolons = folder.with_file_name("semicolons");
    std::fs::create_dir_all(&semicolons).unwrap();
    for entry in std::fs::read_dir(&folder).unwrap() {
        let path = entry.unwrap().path();
        let target = semicolons.join(path.file_name().unwrap());
        if path.extension().is_some_and(|e| e == "csv") {
            let mut reader = csv::ReaderBuilder::new()
                .has_headers(false)
                .from_path(&path)
                .unwrap();
            let mut writer = csv::WriterBuilder::new()
                .delimiter(b';')
                .from_path(&target)
                .unwrap();
            for record in reader.records() {
                writer.write_record(&record.unwrap()).unwrap();
            }
            writer.flush().unwrap();
        } else {
            std::fs::copy(&path, &target).unwrap();
        }
    }
    let from_semicolons = load_paths(std::slice::from_ref(&semicolons)).unwrap();
    assert!(
        from_semicolons.problems.is_empty(),
        "{:?}",
        from_semicolons.problems
    );
    assert_same_story(&scenario, &from_semicolons.scenario);

    // Ids link the tables: a state names its force and site, and its sources by id.
    let states = std::fs::read_to_string(folder.join("states.csv")).unwrap();
    let header = states.lines().next().unwrap();
    assert!(header.starts_with("force,status,site,lon,lat,"), "{header}");
    let sources = std::fs::read_to_string(folder.join("sources.csv")).unwrap();
    assert!(sources.lines().count() > 50);

    // Nothing is overwritten unless asked; a file changed since stays as it is.
    std::fs::write(folder.join("events.csv"), "changed").unwrap();
    let refused = write_csv_folder(&scenario, &folder, false);
    assert!(refused.is_err());
    assert_eq!(
        std::fs::read_to_string(folder.join("events.csv")).unwrap(),
        "changed"
    );
    write_csv_folder(&scenario, &folder, true).unwrap();
    assert_same_story(
        &scenario,
        &load_paths(std::slice::from_ref(&folder)).unwrap().scenario,
    );
    std::fs::remove_dir_all(folder.parent().unwrap()).ok();
}

#[test]
fn a_bad_cell_is_reported_at_its_file_row_and_column() {
    use deploymap::io::write_csv_folder;
    let scenario = builtin_scenario().unwrap().scenario;
    let folder = scratch("bad_cell").join("data");
    write_csv_folder(&scenario, &folder, false).unwrap();
    let path = folder.join("sites.csv");
    let text = std::fs::read_to_string(&path).unwrap();
    let mut lines: Vec<String> = text.lines().map(String::from).collect();
    let fields: Vec<&str> = lines[2].split(',').collect();
    let replaced = format!(
        "{},{},not_a_kind,{}",
        fields[0],
        fields[1],
        fields[3..].join(",")
    );
    lines[2] = replaced;
    std::fs::write(&path, lines.join("\n") + "\n").unwrap();
    let loaded = load_paths(std::slice::from_ref(&folder)).unwrap();
    let messages: Vec<String> = loaded.problems.iter().map(ToString::to_string).collect();
    let expected = format!(
        "{}:3:3: row 3, column kind: \"not_a_kind\" is not known",
        path.display()
    );
    assert!(
        messages.iter().any(|m| m.starts_with(&expected)),
        "{messages:?}"
    );
    assert_eq!(loaded.scenario.sites.len(), scenario.sites.len() - 1);
    std::fs::remove_dir_all(folder.parent().unwrap()).ok();
}
