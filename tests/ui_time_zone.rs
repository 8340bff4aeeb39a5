//! The clock's zone in the window: the switch between the scenario's local time and UTC moves
//! the clock and the dates of the event list, driven headless through egui_kittest.

use deploymap::DeployApp;
use deploymap::model::DisplayZone;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;

mod common;

use common::harness;

#[test]
fn the_utc_switch_moves_the_clock_and_the_event_dates() {
    let mut harness = harness();
    // The built-in scenario opens at 2026-01-20T12:00:00Z, which is 15:00 in Syria.
    assert_eq!(harness.state().display_zone(), DisplayZone::ScenarioLocal);
    harness.get_by_label("Tue 20 Jan 2026  15:00  UTC+03");
    // The Kremlin meeting is dated 28 Jan local, which began at 21:00 UTC on the 27th.
    let count =
        |harness: &Harness<'_, DeployApp>, label: &str| harness.query_all_by_label(label).count();
    let local_dates = count(&harness, "2026-01-28");
    assert!(local_dates >= 2, "{local_dates} events on 28 Jan local");
    assert_eq!(count(&harness, "2026-01-27 21:00 UTC"), 0);

    harness.get_by_label("UTC").click();
    harness.run_steps(3);
    assert_eq!(harness.state().display_zone(), DisplayZone::Utc);
    harness.get_by_label("Tue 20 Jan 2026  12:00  UTC");
    assert!(
        harness
            .query_by_label("Tue 20 Jan 2026  15:00  UTC+03")
            .is_none()
    );
    assert_eq!(count(&harness, "2026-01-27 21:00 UTC"), local_dates);
    assert_eq!(count(&harness, "2026-01-28"), 0);

    harness.get_by_label("Local (Asia/Damascus)").click();
    harness.run_steps(3);
    assert_eq!(harness.state().display_zone(), DisplayZone::ScenarioLocal);
    harness.get_by_label("Tue 20 Jan 2026  15:00  UTC+03");
}
