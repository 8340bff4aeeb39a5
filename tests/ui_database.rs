//! The window's File → Open database… dialog without a server: a password typed into the
//! connection string is moved out of sight, and a server that cannot be reached is a problem
//! shown like a file's, never with the password. (`tests/postgres.rs` opens a real query.)

mod common;

use egui::accesskit::Role;
use egui_kittest::kittest::Queryable as _;

#[test]
fn the_database_dialog_hides_the_password_and_reports_an_unreachable_server() {
    let mut harness = common::harness();
    harness.get_by_label("File").click();
    harness.run_steps(2);
    harness.get_by_label("Open database…").click();
    harness.run_steps(3);
    harness
        .get_by_role_and_label(Role::TextInput, "Connection string:")
        .click();
    harness.run_steps(1);
    let missing = std::env::temp_dir().join(format!("deploymap-no-server-{}", std::process::id()));
    harness.event(egui::Event::Text(format!(
        "host={} port=5 user=ana dbname=tracks sslmode=disable password=s3cret-pw",
        missing.display()
    )));
    harness.run_steps(2);
    harness
        .get_by_role_and_label(Role::MultilineTextInput, "Query:")
        .click();
    harness.run_steps(1);
    harness.event(egui::Event::Text(
        "SELECT id, time, geom FROM points".to_owned(),
    ));
    harness.run_steps(2);
    assert!(
        harness
            .query_all_by_label_contains("s3cret")
            .next()
            .is_none()
            && harness.query_all_by_value("s3cret-pw").next().is_none(),
        "the password is shown"
    );
    harness.get_by_label("Open query").click();
    let started = std::time::Instant::now();
    while harness.state().problems().is_empty() {
        assert!(started.elapsed().as_secs() < 60, "no answer in a minute");
        std::thread::sleep(std::time::Duration::from_millis(50));
        harness.run_steps(1);
    }
    harness.run_steps(2);
    let problems = harness.state().problems();
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert!(problems[0].file.contains("password=***"), "{problems:?}");
    assert!(!format!("{problems:?}").contains("s3cret"), "{problems:?}");
    assert_eq!(harness.state().data_layers().len(), 1, "no layer is added");
    assert!(
        harness
            .query_all_by_label_contains("s3cret")
            .next()
            .is_none()
    );
}
