//! Find in the window reaches the built-in basemap's towns: Ctrl+F, a town no site of the
//! scenario names, Enter, and the map is centred on it.

use deploymap::io::{PmTilesArchive, place_names};
use deploymap::map::EMBEDDED_ARCHIVE;
use egui_kittest::kittest::Queryable as _;

mod common;

use common::harness;

#[test]
fn ctrl_f_finds_a_basemap_town_and_centres_the_map_on_it() {
    let mut harness = harness();
    let archive = PmTilesArchive::from_bytes("embedded basemap", EMBEDDED_ARCHIVE)
        .unwrap_or_else(|e| panic!("{e}"));
    let names = place_names(&archive).unwrap_or_else(|e| panic!("{e}"));
    let jableh = names
        .places
        .iter()
        .find(|(name, _)| name == "Jableh")
        .map(|(_, at)| *at)
        .unwrap_or_else(|| panic!("the basemap has no Jableh"));
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::F);
    harness.run_steps(2);
    harness.event(egui::Event::Text("jableh".to_owned()));
    // The place names are read in the background on the first search.
    let mut listed = false;
    for _ in 0..200 {
        harness.run_steps(1);
        if harness.query_by_label("Jableh (place)").is_some() {
            listed = true;
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    assert!(listed, "Jableh was not listed");
    harness.key_press(egui::Key::Enter);
    harness.run_steps(4);
    let view = harness.state().map_view().view();
    assert!(
        (view.lon - jableh.x()).abs() < 1e-6 && (view.lat - jableh.y()).abs() < 1e-6,
        "{view:?} is not Jableh {jableh:?}"
    );
    assert!(
        harness.query_by_label("Find").is_none(),
        "Enter closes find"
    );
}
