//! Measuring, range rings, coordinates and find on the built-in scenario's real places.

use deploymap::find::{FindIndex, Match, Target};
use deploymap::geodesy::{distance_m, format_mgrs, format_utm, measure, parse_mgrs, range_ring};
use deploymap::io::{PmTilesArchive, place_names};
use deploymap::map::EMBEDDED_ARCHIVE;
use deploymap::model::LonLat;

fn scenario() -> deploymap::model::Scenario {
    deploymap::io::builtin_scenario()
        .unwrap_or_else(|e| panic!("{e}"))
        .scenario
}

fn site(scenario: &deploymap::model::Scenario, id: &str) -> LonLat {
    scenario
        .sites
        .iter()
        .find(|s| s.id == id)
        .map(|s| s.position)
        .unwrap_or_else(|| panic!("no site {id}"))
}

#[test]
fn hmeimim_to_qamishli_airport_is_the_geodesic_distance_within_a_metre() {
    let scenario = scenario();
    let hmeimim = site(&scenario, "hmeimim");
    let qamishli = site(&scenario, "qamishli_airport");
    // Both positions as data/sites.geojson gives them.
    assert_eq!((hmeimim.x(), hmeimim.y()), (35.945, 35.4117));
    assert_eq!((qamishli.x(), qamishli.y()), (41.1914, 37.0206));
    // GeographicLib 2.1 (Python), Geodesic.WGS84.Inverse(35.4117, 35.945, 37.0206, 41.1914):
    // s12 = 504300.5568656473 m, azi1 = 67.7342064553508°.
    let measured = measure(&[hmeimim, qamishli]);
    assert!(
        (measured.total_m - 504_300.556_865_647_3).abs() < 1.0,
        "{}",
        measured.total_m
    );
    assert!((measured.legs[0].initial_bearing_deg - 67.734_206_455_350_8).abs() < 1e-6);
    // A spherical formula would be kilometres off: this is the ellipsoid.
    let spherical_m = geo::Distance::distance(&geo::Haversine, hmeimim, qamishli);
    assert!((spherical_m - measured.total_m).abs() > 100.0);
}

#[test]
fn a_range_ring_is_a_geodesic_circle() {
    let center = site(&scenario(), "hmeimim");
    for radius_m in [50_000.0, 100_000.0, 500_000.0] {
        let ring = range_ring(center, radius_m, 128);
        assert_eq!(ring.len(), 128);
        for vertex in ring {
            let error = (distance_m(center, vertex) - radius_m).abs() / radius_m;
            assert!(error < 0.001, "{radius_m} m ring: vertex off by {error}");
        }
    }
}

#[test]
fn mgrs_and_utm_match_published_examples_and_round_trip() {
    // GeographicLib's GeoConvert documentation: 38SMB4488 is 33.33424° N, 44.40363° E (the
    // centre of the 1 km square), UTM 38n 444500 3688500.
    let p = parse_mgrs("38SMB4488").unwrap_or_else(|e| panic!("{e}"));
    assert!(
        (p.y() - 33.33424).abs() < 5e-6 && (p.x() - 44.40363).abs() < 5e-6,
        "{p:?}"
    );
    assert_eq!(
        format_utm(p).unwrap_or_else(|e| panic!("{e}")),
        "38N 444500 3688500"
    );
    let published = LonLat::new(44.40363, 33.33424);
    // MGRS truncates; the Python mgrs package (GEOTRANS) gives 38SMB4450088500 too.
    assert_eq!(
        format_mgrs(published).unwrap_or_else(|e| panic!("{e}")),
        "38SMB 44500 88500"
    );
    // Hmeimim, checked with the Python mgrs package (GEOTRANS): 36SYE6742222685.
    let hmeimim = LonLat::new(35.945, 35.4117);
    let grid = format_mgrs(hmeimim).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(grid, "36SYE 67422 22685");
    let back = parse_mgrs(&grid).unwrap_or_else(|e| panic!("{e}"));
    assert!(distance_m(back, hmeimim) < 1.0, "{back:?}");
    // Round trips across zones and hemispheres stay within the 1 m square.
    for (lon, lat) in [
        (-77.0365, 38.8977),
        (151.2153, -33.8568),
        (2.2945, 48.8584),
        (-0.1, -0.1),
    ] {
        let p = LonLat::new(lon, lat);
        let back = parse_mgrs(&format_mgrs(p).unwrap_or_else(|e| panic!("{e}")))
            .unwrap_or_else(|e| panic!("{e}"));
        assert!(distance_m(p, back) < 1.0, "{p:?} → {back:?}");
    }
    assert!(parse_mgrs("99ZZZ").is_err());
    assert!(format_mgrs(LonLat::new(0.0, 95.0)).is_err());
}

#[test]
fn find_reaches_hmeimim_from_a_prefix_and_from_its_sourced_aliases() {
    let scenario = scenario();
    let index = FindIndex::from_scenario(&scenario);
    let hmeimim = scenario
        .sites
        .iter()
        .position(|s| s.id == "hmeimim")
        .unwrap_or_else(|| panic!("no hmeimim"));
    let first = |index: &FindIndex, q: &str| index.search(q, 8).first().map(|e| e.target.clone());
    assert_eq!(first(&index, "hmei"), Some(Target::Site(hmeimim)));
    // The aliases data/sites.geojson gives, from the Wikipedia article it cites: "Khmeimim" and
    // "Hmeymim". (No source consulted spells it "Humaymim", so that is not an alias here.)
    assert_eq!(first(&index, "KHMEI"), Some(Target::Site(hmeimim)));
    assert_eq!(first(&index, "Hmeymim"), Some(Target::Site(hmeimim)));
    let found = index.search("khmeimim", 8);
    assert_eq!(
        found.first().map(|e| e.alias_of.as_deref()),
        Some(Some("Hmeimim Air Base"))
    );
    assert_eq!(
        found.first().and_then(|e| e.position),
        Some(site(&scenario, "hmeimim"))
    );
    // Nor is it an alias, but find reaches it by its consonants, and says so.
    let humaymim = index.search("Humaymim", 8);
    assert_eq!(
        humaymim.first().map(|e| (e.target.clone(), e.how)),
        Some((Target::Site(hmeimim), Match::Spelling))
    );
    assert_eq!(humaymim[0].how.reason(), Some("≈ spelling"));
    assert!(
        humaymim.iter().all(|e| e.how == Match::Spelling),
        "{humaymim:?}"
    );
    // Other romanizations of the scenario's places: Kamishli, al-Qamishli, Rakka.
    let kamishli = scenario
        .sites
        .iter()
        .position(|s| s.id == "qamishli_airport")
        .unwrap_or_else(|| panic!("no qamishli_airport"));
    let found = index.search("Al-Kamishli Airport", 8);
    assert_eq!(
        found.first().map(|e| (e.target.clone(), e.how)),
        Some((Target::Site(kamishli), Match::Spelling))
    );
    // Events carry their time; forces are found by name.
    assert!(
        index
            .search("qamishli", 20)
            .iter()
            .any(|e| matches!(e.target, Target::Event(_)) && e.time.is_some())
    );
    assert!(!index.search(&scenario.forces[0].name[..4], 20).is_empty());
}

#[test]
fn find_reaches_the_built_in_basemaps_towns_after_the_scenarios_own_places() {
    let scenario = scenario();
    let mut index = FindIndex::from_scenario(&scenario);
    let archive = PmTilesArchive::from_bytes("embedded basemap", EMBEDDED_ARCHIVE)
        .unwrap_or_else(|e| panic!("{e}"));
    let names = place_names(&archive).unwrap_or_else(|e| panic!("{e}"));
    assert!(names.complete);
    index.add_places(names.places.clone());
    // Jableh, south of Hmeimim, is no site of the scenario: only the basemap names it, at
    // GeoNames' position (35.361° N, 35.925° E).
    let jableh = index.search("jable", 8);
    let first = jableh.first().unwrap_or_else(|| panic!("no Jableh"));
    assert_eq!(first.label, "Jableh");
    let Target::Place(at) = first.target else {
        panic!("{:?}", first.target)
    };
    assert!(
        (at.x() - 35.925).abs() < 0.01 && (at.y() - 35.361).abs() < 0.01,
        "{at:?}"
    );
    // Other romanizations reach the basemap's towns too, and only names that sound alike.
    let rakka = index.search("Rakka", 8);
    assert!(
        rakka
            .iter()
            .any(|e| e.label == "Raqqa" && matches!(e.target, Target::Place(_))),
        "{rakka:?}"
    );
    assert!(rakka.iter().all(|e| e.how == Match::Spelling), "{rakka:?}");
    assert!(!rakka.iter().any(|e| e.label.contains("Rica")), "{rakka:?}");
    let hama = index.search("Hama", 8);
    assert!(!hama.iter().any(|e| e.label == "Homs"), "{hama:?}");
    let dayr = index.search("Dayr az Zawr", 8);
    assert!(
        dayr.iter()
            .any(|e| e.label == "Deir ez-Zor" && e.how == Match::Spelling),
        "{dayr:?}"
    );
    // Latakia is both a site of the scenario and a basemap town: the site comes first.
    let latakia = index.search("Latakia", 8);
    assert!(matches!(latakia[0].target, Target::Site(_)), "{latakia:?}");
    assert!(
        latakia
            .iter()
            .any(|e| e.label == "Latakia" && matches!(e.target, Target::Place(_))),
        "{latakia:?}"
    );
    let first_place = latakia
        .iter()
        .position(|e| matches!(e.target, Target::Place(_)))
        .unwrap_or_else(|| panic!("no place"));
    assert!(
        latakia[..first_place]
            .iter()
            .all(|e| !matches!(e.target, Target::Place(_)))
            && latakia[first_place..]
                .iter()
                .all(|e| matches!(e.target, Target::Place(_))),
        "{latakia:?}"
    );
}
