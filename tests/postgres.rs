//! The database source against a real PostgreSQL with PostGIS.
//!
//! The server is the one `DEPLOYMAP_TEST_PG` names (a connection string; then a failure to reach
//! it fails the test), or else a throwaway one started by `tools/pg/throwaway-cluster.sh` when
//! the PostgreSQL binaries are installed. With neither, the test says plainly on stderr that the
//! database checks did not run, and how to make them run. `.ci/run` sets `DEPLOYMAP_TEST_PG` and
//! `DEPLOYMAP_TEST_PG_RAN` (a file written here once every check passed) so they cannot be
//! skipped there.

mod common;

use deploymap::cli::load_scenario;
use deploymap::io::{DatabaseQuery, Format, QueryShape, ReadOptions, ReadProgress, ViewBounds};
use deploymap::io::{load_query, redacted};
use deploymap::model::{ForceStatus, state_at, unix_secs};
use std::io::Write as _;
use std::path::PathBuf;
use std::process::Command;

const POINTS_SQL: &str = include_str!("fixtures/pg/points.sql");
const HOW_TO_RUN: &str =
    "apt-get install -y postgresql-15 postgresql-15-postgis-3 && cargo test --test postgres";

/// A server for the checks; stops a throwaway one when dropped.
struct Server {
    url: String,
    throwaway_dir: Option<PathBuf>,
}

impl Drop for Server {
    fn drop(&mut self) {
        if let Some(dir) = &self.throwaway_dir {
            let _ = Command::new("bash")
                .arg(script())
                .arg("stop")
                .arg(dir)
                .status();
        }
    }
}

fn script() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tools/pg/throwaway-cluster.sh")
}

/// Says on the real stderr (not captured by the test harness) that the checks did not run.
fn not_run(why: &str) {
    let _ = writeln!(
        std::io::stderr(),
        "\n*** The PostgreSQL database tests did NOT run: {why}.\n*** To run them: {HOW_TO_RUN}\n\
         *** (or set DEPLOYMAP_TEST_PG to the connection string of a server with PostGIS)\n"
    );
}

fn server() -> Option<Server> {
    if let Ok(url) = std::env::var("DEPLOYMAP_TEST_PG") {
        return Some(Server {
            url,
            throwaway_dir: None,
        });
    }
    let has_binaries = std::fs::read_dir("/usr/lib/postgresql")
        .into_iter()
        .flatten()
        .flatten()
        .any(|version| version.path().join("bin/initdb").exists());
    if !has_binaries {
        not_run("DEPLOYMAP_TEST_PG is not set and no PostgreSQL binaries are installed");
        return None;
    }
    let dir = std::env::temp_dir().join(format!("deploymap-pg-{}", std::process::id()));
    let output = Command::new("bash")
        .arg(script())
        .arg("start")
        .arg(&dir)
        .output()
        .unwrap_or_else(|e| panic!("running {}: {e}", script().display()));
    let server = Server {
        url: String::from_utf8_lossy(&output.stdout).trim().to_string(),
        throwaway_dir: Some(dir),
    };
    if !output.status.success() {
        not_run(&format!(
            "a throwaway server could not be started ({})",
            String::from_utf8_lossy(&output.stderr).trim()
        ));
        return None;
    }
    Some(server)
}

fn secs(text: &str) -> f64 {
    unix_secs(text.parse().unwrap_or_else(|e| panic!("{text}: {e}")))
}

fn query(url: &str, sql: &str, view: Option<ViewBounds>) -> DatabaseQuery {
    DatabaseQuery {
        url: url.to_string(),
        query: sql.to_string(),
        view,
    }
}

#[test]
fn database_layers_from_a_real_postgresql() {
    let Some(server) = server() else {
        return;
    };
    let mut client = postgres::Client::connect(&server.url, postgres::NoTls)
        .unwrap_or_else(|e| panic!("connecting to {}: {e}", redacted(&server.url)));
    client
        .batch_execute(POINTS_SQL)
        .unwrap_or_else(|e| panic!("creating the test table: {e}"));
    let rows: i64 = client
        .query_one("SELECT count(*) FROM deploymap_test_points", &[])
        .and_then(|row| row.try_get(0))
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(rows, 100_000, "the test table holds 100,000 timed points");

    only_the_rows_in_view_are_fetched(&server.url);
    the_whole_table_loads_and_points_are_transformed(&server.url);
    mf_json_rows_load_with_their_gaps(&server.url, &mut client);
    errors_name_the_source_without_its_password(&server.url);
    the_command_line_path_reads_the_database(&server.url);
    the_window_opens_a_query_from_its_dialog(&server.url);
    a_layer_bound_to_the_view_holds_only_what_is_in_view(&server.url);

    if let Ok(marker) = std::env::var("DEPLOYMAP_TEST_PG_RAN") {
        std::fs::write(&marker, "the PostgreSQL database tests ran and passed\n")
            .unwrap_or_else(|e| panic!("writing {marker}: {e}"));
    }
    let _ = writeln!(
        std::io::stderr(),
        "PostgreSQL database tests ran against {}",
        redacted(&server.url)
    );
}

/// Minutes 100 to 199 of units 0 and 1 (the box holds only their cells): 200 of 100,000 rows.
fn only_the_rows_in_view_are_fetched(url: &str) {
    let view = ViewBounds {
        from_secs: secs("2025-01-01T01:40:00Z"),
        to_secs: secs("2025-01-01T03:19:00Z"),
        west_deg: 19.5,
        south_deg: 29.5,
        east_deg: 23.0,
        north_deg: 31.0,
    };
    let source = query(url, "SELECT * FROM deploymap_test_points", Some(view));
    let (loaded, fetched) = load_query(&source, 0, &ReadProgress::default())
        .unwrap_or_else(|e| panic!("view-bound query: {e}"));
    assert_eq!(fetched.rows, 200, "only the rows in the window and box");
    assert!(matches!(fetched.shape, QueryShape::Points { .. }));
    let mut ids: Vec<&str> = loaded
        .scenario
        .forces
        .iter()
        .map(|f| f.id.as_str())
        .collect();
    ids.sort_unstable();
    assert_eq!(ids, ["unit-000", "unit-001"]);
    for force in &loaded.scenario.forces {
        // 100 fixes make 99 moves and a last stationed state.
        assert_eq!(force.track.len(), 100, "{}", force.id);
        let first = force.track.get(0).map(|state| state.dating.start_secs());
        let last = force.track.get(99).map(|state| state.dating.start_secs());
        assert_eq!(
            (first, last),
            (Some(view.from_secs), Some(view.to_secs)),
            "{}",
            force.id
        );
    }
    // Across the antimeridian nothing lies in these two slivers.
    let wrapped = ViewBounds {
        west_deg: 179.0,
        east_deg: -179.0,
        ..view
    };
    let error = load_query(
        &query(url, "SELECT * FROM deploymap_test_points", Some(wrapped)),
        0,
        &ReadProgress::default(),
    )
    .err()
    .map(|e| e.to_string())
    .unwrap_or_default();
    assert!(error.contains("nothing with a place and a time"), "{error}");
}

/// All 100,000 rows, in EPSG:3857 on the server, arrive as WGS 84 where the formula puts them.
fn the_whole_table_loads_and_points_are_transformed(url: &str) {
    let source = query(
        url,
        "SELECT id, time, geom FROM deploymap_test_points;",
        None,
    );
    let (loaded, fetched) = load_query(&source, 0, &ReadProgress::default())
        .unwrap_or_else(|e| panic!("whole table: {e}"));
    assert_eq!(fetched.rows, 100_000);
    assert_eq!(loaded.scenario.forces.len(), 100);
    // Unit 23 at minute 500: longitude 20 + 2*3 + 0.25, latitude 30 + 2*2 + 0.1.
    let t = secs("2025-01-01T08:20:00Z");
    let state = state_at(&loaded.scenario, t);
    let unit = loaded
        .scenario
        .forces
        .iter()
        .position(|f| f.id == "unit-023")
        .unwrap_or_else(|| panic!("unit-023 is missing"));
    let at = state
        .forces
        .iter()
        .find(|at| at.force == unit)
        .unwrap_or_else(|| panic!("unit-023 has no state"));
    assert!((at.position.x() - 26.25).abs() < 1e-6, "{:?}", at.position);
    assert!((at.position.y() - 34.1).abs() < 1e-6, "{:?}", at.position);
}

/// MF-JSON as MEOS writes it (the PyMEOS fixtures), stored in a text column: the unit is absent
/// in the gap between the sequences.
fn mf_json_rows_load_with_their_gaps(url: &str, client: &mut postgres::Client) {
    let gap = include_str!("fixtures/meos/sequence-set-gap.json");
    let bare = include_str!("fixtures/meos/bare-sequence.json");
    client
        .batch_execute(
            "DROP TABLE IF EXISTS deploymap_test_mfjson; \
             CREATE TABLE deploymap_test_mfjson (id text, trip text)",
        )
        .unwrap_or_else(|e| panic!("{e}"));
    for (id, text) in [("gapped", gap), ("plain", bare)] {
        client
            .execute(
                "INSERT INTO deploymap_test_mfjson VALUES ($1, $2)",
                &[&id, &text],
            )
            .unwrap_or_else(|e| panic!("{e}"));
    }
    let source = query(
        url,
        "SELECT id, trip AS asMFJSON FROM deploymap_test_mfjson ORDER BY id",
        None,
    );
    let (loaded, fetched) = load_query(&source, 1, &ReadProgress::default())
        .unwrap_or_else(|e| panic!("MF-JSON rows: {e}"));
    assert_eq!(fetched.rows, 2);
    assert!(matches!(fetched.shape, QueryShape::MfJson { .. }));
    let scenario = &loaded.scenario;
    let gapped = scenario
        .forces
        .iter()
        .position(|f| f.id == "gapped")
        .unwrap_or_else(|| panic!("no force named by the id column: {:?}", scenario.forces));
    let status_at = |time: &str| {
        state_at(scenario, secs(time))
            .forces
            .into_iter()
            .find(|at| at.force == gapped)
            .map(|at| (at.status, at.position))
    };
    // 03:00 is halfway along the first sequence; 09:00 is in the gap; 15:00 halfway along the
    // second.
    let Some((ForceStatus::Moving { .. }, position)) = status_at("2025-01-01T03:00:00Z") else {
        panic!("moving at 03:00 expected");
    };
    assert!(position.x() > 30.4 && position.x() < 30.6, "{position:?}");
    assert!(matches!(
        status_at("2025-01-01T09:00:00Z"),
        Some((ForceStatus::Departed, _))
    ));
    let Some((ForceStatus::Moving { .. }, position)) = status_at("2025-01-01T15:00:00Z") else {
        panic!("moving at 15:00 expected");
    };
    assert!(position.x() > 32.4 && position.x() < 32.6, "{position:?}");
    // Bound to a view, an MF-JSON query is refused with what to do instead.
    let bound = query(
        url,
        "SELECT id, trip AS asMFJSON FROM deploymap_test_mfjson",
        Some(ViewBounds {
            from_secs: 0.0,
            to_secs: 1.0,
            west_deg: 0.0,
            south_deg: 0.0,
            east_deg: 1.0,
            north_deg: 1.0,
        }),
    );
    let error = load_query(&bound, 0, &ReadProgress::default())
        .err()
        .map(|e| e.to_string())
        .unwrap_or_default();
    assert!(error.contains("atTime"), "{error}");
}

/// A bad query and a bad column set are reported with the server's words, naming the source
/// without the password; TLS is tried when the connection string prefers it.
fn errors_name_the_source_without_its_password(url: &str) {
    // The throwaway server trusts local users, so the password is accepted and unused.
    let with_password = format!("{} password=hunter2", url.replace("sslmode=disable", ""));
    let bad = query(&with_password, "SELECT * FROM no_such_table", None);
    let error = load_query(&bad, 0, &ReadProgress::default())
        .err()
        .map(|e| e.to_string())
        .unwrap_or_default();
    assert!(error.contains("no_such_table"), "{error}");
    assert!(error.contains("password=***"), "{error}");
    assert!(!error.contains("hunter2"), "{error}");
    let shapeless = query(&with_password, "SELECT 1 AS one", None);
    let error = load_query(&shapeless, 0, &ReadProgress::default())
        .err()
        .map(|e| e.to_string())
        .unwrap_or_default();
    assert!(
        error.contains("one int4") && error.contains("(id, time, geom)"),
        "{error}"
    );
    assert!(!format!("{bad:?}").contains("hunter2"));
}

/// `state`, `events` and `validate` load through the same path as files.
fn the_command_line_path_reads_the_database(url: &str) {
    let read = ReadOptions {
        database: Some(query(
            url,
            "SELECT * FROM deploymap_test_points WHERE id = 'unit-042'",
            None,
        )),
        ..ReadOptions::default()
    };
    let loaded = load_scenario(&[], &read).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(loaded.scenario.forces.len(), 1);
    assert_eq!(loaded.scenario.factions.len(), 1);
    let mut out = Vec::new();
    let valid =
        deploymap::cli::run_validate(&[], &read, &mut out).unwrap_or_else(|e| panic!("{e}"));
    let text = String::from_utf8_lossy(&out);
    assert!(valid, "{text}");
    assert!(text.contains("1 forces"), "{text}");
    assert_eq!(Format::Database.label(), "PostgreSQL query");
}

/// The window's File → Open database…: a password typed into the connection string moves to the
/// password field and is shown nowhere after; Open reads the query's rows in the background, and
/// they become a layer named by the redacted connection string.
fn the_window_opens_a_query_from_its_dialog(url: &str) {
    use egui::accesskit::Role;
    use egui_kittest::kittest::Queryable as _;
    let mut harness = common::harness();
    harness.get_by_label("File").click();
    harness.run_steps(2);
    harness.get_by_label("Open database…").click();
    harness.run_steps(3);
    // The test server trusts local connections and ignores it; it stands for a real password.
    let connection = format!("{url} password=s3cret-pw");
    harness
        .get_by_role_and_label(Role::TextInput, "Connection string:")
        .click();
    harness.run_steps(1);
    harness.event(egui::Event::Text(connection));
    harness.run_steps(2);
    harness
        .get_by_role_and_label(Role::MultilineTextInput, "Query:")
        .click();
    harness.run_steps(1);
    harness.event(egui::Event::Text(
        "SELECT id, time, geom FROM deploymap_test_points WHERE id IN ('unit-000', 'unit-001')"
            .to_owned(),
    ));
    harness.run_steps(2);
    assert!(
        harness
            .query_all_by_label_contains("s3cret")
            .next()
            .is_none(),
        "the password is shown"
    );
    harness.get_by_label("Open query").click();
    let started = std::time::Instant::now();
    while harness.state().data_layers().len() < 2 {
        assert!(
            started.elapsed().as_secs() < 120,
            "no layer after 2 minutes; problems: {:?}",
            harness.state().problems()
        );
        std::thread::sleep(std::time::Duration::from_millis(50));
        harness.run_steps(1);
    }
    harness.run_steps(4);
    let layer = &harness.state().data_layers()[1];
    assert_eq!(layer.format, Format::Database);
    assert!(!layer.label.contains("s3cret"), "{}", layer.label);
    let mut ids: Vec<&str> = layer
        .scenario
        .forces
        .iter()
        .map(|f| f.id.as_str())
        .collect();
    ids.sort_unstable();
    assert_eq!(ids, ["unit-000", "unit-001"]);
    assert!(layer.scenario.forces.iter().all(|f| f.track.len() == 1_000));
    assert!(
        harness.query_by_label("Open database").is_none(),
        "the dialog closed"
    );
    assert!(
        harness
            .query_all_by_label_contains("s3cret")
            .next()
            .is_none(),
        "the password is shown"
    );
}

/// Types `text` into the timeline's Go to box and goes there.
fn go_to(harness: &mut egui_kittest::Harness<'_, deploymap::DeployApp>, text: &str) {
    use egui::accesskit::Role;
    use egui_kittest::kittest::Queryable as _;
    harness
        .get_by_role_and_label(
            Role::TextInput,
            "For example 25 Jan 2026, 2026-01-25 14:00, 25/01/2026 or +3d, in the clock's zone",
        )
        .click();
    harness.run_steps(1);
    // Replace what an earlier Go to left in the box.
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
    harness.run_steps(1);
    harness.event(egui::Event::Text(text.to_owned()));
    harness.run_steps(1);
    harness.get_by_label("Go").click();
    harness.run_steps(3);
}

/// Runs frames until `done` says so, for at most two minutes.
fn run_until(
    harness: &mut egui_kittest::Harness<'_, deploymap::DeployApp>,
    what: &str,
    done: impl Fn(&deploymap::DeployApp) -> bool,
) {
    let started = std::time::Instant::now();
    while !done(harness.state()) {
        assert!(
            started.elapsed().as_secs() < 120,
            "{what}: not after 2 minutes; problems: {:?}",
            harness.state().problems()
        );
        std::thread::sleep(std::time::Duration::from_millis(50));
        harness.run_steps(1);
    }
    harness.run_steps(2);
}

/// A layer opened with "Bind to the view" holds only the rows in the timeline's window and the
/// map's area — exactly the rows the same query bound to those bounds returns, a few thousand of
/// the 100,000 — and is asked again when the time moves: away from the rows, it holds none.
fn a_layer_bound_to_the_view_holds_only_what_is_in_view(url: &str) {
    use egui::accesskit::Role;
    use egui_kittest::kittest::Queryable as _;
    let sql = "SELECT id, time, geom FROM deploymap_test_points";
    let mut harness = common::harness();
    go_to(&mut harness, "2025-01-01 08:00");
    harness.get_by_label("File").click();
    harness.run_steps(2);
    harness.get_by_label("Open database…").click();
    harness.run_steps(3);
    harness
        .get_by_role_and_label(Role::TextInput, "Connection string:")
        .click();
    harness.run_steps(1);
    harness.event(egui::Event::Text(url.to_owned()));
    harness.run_steps(1);
    harness
        .get_by_role_and_label(Role::MultilineTextInput, "Query:")
        .click();
    harness.run_steps(1);
    harness.event(egui::Event::Text(sql.to_owned()));
    harness.run_steps(1);
    harness.get_by_label_contains("Bind to the view").click();
    harness.run_steps(1);
    harness.get_by_label("Open query").click();
    run_until(&mut harness, "the bound layer", |app| {
        app.data_layers().len() == 2
    });
    // Let a second query for a settled view (if the view moved) come back too.
    for _ in 0..20 {
        std::thread::sleep(std::time::Duration::from_millis(50));
        harness.run_steps(1);
    }
    run_until(&mut harness, "the settled query", |app| {
        app.data_layers().len() == 2 && app.problems().is_empty()
    });
    let bounds = harness
        .state()
        .view_bounds()
        .unwrap_or_else(|| panic!("no view"));
    let (direct, fetched) = load_query(&query(url, sql, Some(bounds)), 0, &ReadProgress::default())
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(
        (1..100_000).contains(&fetched.rows),
        "{} rows in view",
        fetched.rows
    );
    let layer = &harness.state().data_layers()[1];
    let fixes = |scenario: &deploymap::model::Scenario| -> Vec<(String, usize)> {
        let mut fixes: Vec<(String, usize)> = scenario
            .forces
            .iter()
            .map(|force| (force.id.clone(), force.track.len()))
            .collect();
        fixes.sort();
        fixes
    };
    assert_eq!(fixes(&layer.scenario), fixes(&direct.scenario));
    let in_box = |lon: f64, lat: f64| {
        (bounds.west_deg..=bounds.east_deg).contains(&lon)
            && (bounds.south_deg..=bounds.north_deg).contains(&lat)
    };
    for force in &layer.scenario.forces {
        for position in force.track.positions() {
            assert!(
                in_box(position.x(), position.y()),
                "{}: {position:?}",
                force.id
            );
        }
    }
    // Away from the rows in time, the layer is asked again and holds none.
    go_to(&mut harness, "2025-06-01");
    run_until(&mut harness, "the query for June", |app| {
        app.data_layers()
            .get(1)
            .is_some_and(|layer| layer.scenario.forces.is_empty())
    });
    assert!(
        harness.state().problems().is_empty(),
        "{:?}",
        harness.state().problems()
    );
}
