//! Invariants of the built-in scenario: every fact sourced and dated, tracks ordered, places real.

use deploymap::io::{builtin_scenario, parse_time_in};
use deploymap::model::{
    ControlAt, Dating, EventKind, ItemIndex, Precision, Provenance, Scenario, Source, StateKind,
    unix_secs,
};
use jiff::{ToSpan as _, ZonedDateTime as Zoned};

fn builtin() -> Scenario {
    match builtin_scenario() {
        Ok(loaded) => {
            assert!(
                loaded.problems.is_empty(),
                "built-in problems: {:#?}",
                loaded.problems
            );
            loaded.scenario
        }
        Err(e) => panic!("the built-in scenario does not load: {e}"),
    }
}

fn has_url(sources: &[deploymap::model::Source]) -> bool {
    sources
        .iter()
        .any(|s| s.url.starts_with("http") && !s.outlet.trim().is_empty())
}

#[test]
fn every_event_state_and_change_of_control_has_a_source_url() {
    let scenario = builtin();
    for event in &scenario.events {
        assert!(has_url(&event.provenance.sources), "event {}", event.id);
    }
    for force in &scenario.forces {
        for (i, state) in force.track.iter().enumerate() {
            assert!(
                has_url(&state.provenance().sources),
                "force {} state {}",
                force.id,
                i + 1
            );
        }
    }
    for site in &scenario.sites {
        for change in &site.control {
            assert!(
                has_url(&change.provenance.sources),
                "site {} control",
                site.id
            );
        }
        assert!(
            site.coordinate_source.is_some(),
            "site {} has no coordinate source",
            site.id
        );
    }
}

#[test]
fn tracks_are_in_time_order_and_moves_take_time() {
    let scenario = builtin();
    for force in &scenario.forces {
        for pair in force.track.written_states().windows(2) {
            assert!(
                pair[0].dating.end_secs() <= pair[1].dating.start_secs(),
                "force {}",
                force.id
            );
        }
        for state in force.track.written_states() {
            if let StateKind::Moving { .. } = state.kind {
                assert!(
                    state.dating.end_secs() > state.dating.start_secs(),
                    "force {}",
                    force.id
                );
            }
        }
    }
}

#[test]
fn every_site_is_in_the_region_or_in_moscow() {
    let scenario = builtin();
    for site in &scenario.sites {
        let (lon, lat) = (site.position.x(), site.position.y());
        let in_region = (22.0..=53.0).contains(&lon) && (26.0..=47.0).contains(&lat);
        let in_moscow = (35.5..=39.8).contains(&lon) && (54.8..=56.8).contains(&lat);
        assert!(in_region || in_moscow, "site {} at {lon},{lat}", site.id);
    }
}

#[test]
fn the_sites_the_story_needs_are_there() {
    let scenario = builtin();
    for id in [
        "hmeimim",
        "tartus_naval",
        "qamishli_airport",
        "kremlin",
        "vnukovo",
        "al_tanf",
        "al_shaddadi",
        "qasrak",
        "kharab_al_jir",
        "green_village",
        "conoco",
    ] {
        assert!(scenario.site_index(id).is_some(), "missing site {id}");
    }
    let qasrak = &scenario.sites[scenario.site_index("qasrak").unwrap_or_default()];
    assert!(
        qasrak.coordinate_uncertainty_km.is_some(),
        "Qasrak's position is approximate"
    );
}

#[test]
fn the_moscow_meeting_credits_the_historic_role_remark_to_sharaa() {
    let scenario = builtin();
    let meeting = scenario
        .events
        .iter()
        .find(|e| e.dating.format_start().starts_with("2026-01-28") && e.title.contains("Putin"))
        .unwrap_or_else(|| panic!("no 28 Jan 2026 Putin meeting"));
    assert!(meeting.summary.contains("Sharaa"));
    assert!(meeting.summary.contains("historic role"));
}

#[test]
fn the_built_in_story_tells_the_seed_events_in_order() {
    let scenario = builtin();
    let story = scenario
        .story(None)
        .unwrap_or_else(|| panic!("the built-in scenario has no story"));
    assert!(
        (7..=10).contains(&story.chapters.len()),
        "{} chapters",
        story.chapters.len()
    );
    let titles: Vec<&str> = story.chapters.iter().map(|c| c.title.as_str()).collect();
    let position = |needle: &str| {
        titles
            .iter()
            .position(|title| title.contains(needle))
            .unwrap_or_else(|| panic!("no chapter about {needle:?} in {titles:#?}"))
    };
    // December 2024 → October 2025 → 23 January → 28 January → February.
    let order = [
        position("December 2024"),
        position("October 2025"),
        position("23 January"),
        position("28 January"),
        position("al-Tanf"),
    ];
    assert!(
        order.windows(2).all(|pair| pair[0] < pair[1]),
        "{titles:#?}"
    );
    for pair in story.chapters.windows(2) {
        assert!(pair[0].start <= pair[1].start, "chapters out of time order");
    }
}

#[test]
fn every_story_source_is_a_source_of_an_item_the_chapter_shows() {
    let scenario = builtin();
    for story in &scenario.meta.stories {
        for chapter in &story.chapters {
            assert!(!chapter.sources.is_empty(), "{}: no sources", chapter.title);
            let mut item_urls: Vec<&str> = Vec::new();
            for id in chapter.item_ids() {
                match scenario.item_index(id) {
                    Some(ItemIndex::Event(index)) => {
                        let event = &scenario.events[index];
                        item_urls.extend(event.provenance.sources.iter().map(|s| s.url.as_str()));
                    }
                    Some(ItemIndex::Force(index)) => {
                        for state in scenario.forces[index].track.written_states() {
                            item_urls
                                .extend(state.provenance().sources.iter().map(|s| s.url.as_str()));
                        }
                    }
                    Some(ItemIndex::Site(_)) => {}
                    None => panic!("{}: unknown id {id:?}", chapter.title),
                }
            }
            for source in &chapter.sources {
                assert!(
                    item_urls.contains(&source.url.as_str()),
                    "{}: {} ({}) is not a source of anything the chapter shows",
                    chapter.title,
                    source.outlet,
                    source.url
                );
            }
        }
    }
}

/// Every dated item of the scenario with a name for messages.
fn dated_items(scenario: &Scenario) -> Vec<(String, &Dating, &Provenance)> {
    let mut items = Vec::new();
    for event in &scenario.events {
        items.push((
            format!("event {}", event.id),
            &event.dating,
            &event.provenance,
        ));
    }
    for force in &scenario.forces {
        for (i, state) in force.track.written_states().iter().enumerate() {
            items.push((
                format!("force {} state {}", force.id, i + 1),
                &state.dating,
                state.provenance(),
            ));
        }
    }
    for site in &scenario.sites {
        for (i, change) in site.control.iter().enumerate() {
            items.push((
                format!("site {} control {}", site.id, i + 1),
                &change.dating,
                &change.provenance,
            ));
        }
    }
    items
}

/// Every source of a dated item or of a report that disputes one.
fn all_sources(scenario: &Scenario) -> Vec<(String, &Source)> {
    let mut sources = Vec::new();
    for (name, _, provenance) in dated_items(scenario) {
        for source in &provenance.sources {
            sources.push((name.clone(), source));
        }
        for report in &provenance.conflicting_reports {
            for source in &report.sources {
                sources.push((format!("{name}, conflicting report"), source));
            }
        }
    }
    sources
}

/// Every text the interface shows about the scenario's facts.
fn all_texts(scenario: &Scenario) -> Vec<(String, String)> {
    let mut texts: Vec<(String, String)> = Vec::new();
    let mut push = |name: &str, text: Option<&str>| {
        if let Some(text) = text {
            texts.push((name.to_string(), text.to_string()));
        }
    };
    push("description", scenario.meta.description.as_deref());
    for event in &scenario.events {
        push(&event.id, Some(&event.title));
        push(&event.id, Some(&event.summary));
        push(&event.id, event.place.as_deref());
    }
    for force in &scenario.forces {
        push(&force.id, force.note.as_deref());
        push(&force.id, force.strength.as_deref());
        for state in force.track.iter() {
            push(&force.id, state.note());
            push(&force.id, state.strength());
            if let StateKind::Departed { destination } = &state.kind {
                push(&force.id, destination.as_deref());
            }
        }
    }
    for site in &scenario.sites {
        push(&site.id, site.note.as_deref());
        if let Some(source) = &site.coordinate_source {
            push(&site.id, Some(&source.outlet));
            push(&site.id, source.weak.as_deref());
        }
        for change in &site.control {
            push(&site.id, change.note.as_deref());
        }
    }
    for (name, _, provenance) in dated_items(scenario) {
        push(&name, provenance.confidence_note.as_deref());
        for report in &provenance.conflicting_reports {
            push(&name, Some(&report.claim));
        }
    }
    for (name, source) in all_sources(scenario) {
        push(&name, Some(&source.outlet));
        push(&name, source.weak.as_deref());
        push(&name, source.via.as_deref());
    }
    texts
}

#[test]
fn no_note_mentions_our_research_files() {
    let scenario = builtin();
    for (name, text) in all_texts(&scenario) {
        let lower = text.to_lowercase();
        for word in ["dossier", "research", "gazetteer", "peers.md", "basemap.md"] {
            assert!(!lower.contains(word), "{name} mentions {word:?}: {text}");
        }
    }
}

fn host_of(url: &str) -> &str {
    let rest = url.split_once("://").map_or(url, |(_, rest)| rest);
    let authority = rest.split(['/', '?', '#']).next().unwrap_or_default();
    let host = authority
        .rsplit_once('@')
        .map_or(authority, |(_, host)| host);
    if let Some(v6) = host.strip_prefix('[') {
        return v6.split(']').next().unwrap_or_default();
    }
    host.split(':').next().unwrap_or_default()
}

#[test]
fn no_url_is_a_bare_ip_address() {
    assert!(
        host_of("http://3.127.128.221/2025/01/24/x")
            .parse::<std::net::IpAddr>()
            .is_ok()
    );
    assert!(
        host_of("https://[::1]:8080/")
            .parse::<std::net::IpAddr>()
            .is_ok()
    );
    let scenario = builtin();
    let mut urls: Vec<(String, &str)> = all_sources(&scenario)
        .into_iter()
        .map(|(name, source)| (name, source.url.as_str()))
        .collect();
    for site in &scenario.sites {
        if let Some(source) = &site.coordinate_source {
            urls.push((format!("site {} coordinate", site.id), source.url.as_str()));
        }
    }
    for (name, url) in urls {
        if url.is_empty() {
            continue;
        }
        let host = host_of(url);
        assert!(!host.is_empty(), "{name}: {url} has no host");
        assert!(
            host.parse::<std::net::IpAddr>().is_err(),
            "{name}: {url} is at a bare IP address"
        );
    }
}

#[test]
fn a_source_without_a_link_says_why_it_is_weak() {
    let scenario = builtin();
    for (name, source) in all_sources(&scenario) {
        if source.link().is_none() {
            assert!(
                source.weak.as_deref().is_some_and(|w| !w.trim().is_empty()),
                "{name}: {} has no link and no reason",
                source.outlet
            );
        }
    }
}

fn local(t: jiff::Timestamp, scenario: &Scenario) -> Zoned {
    t.to_zoned_datetime(scenario.meta.time_zone.clone())
}

fn secs_of(zoned: &Zoned) -> f64 {
    unix_secs(zoned.timestamp())
}

#[test]
fn every_month_precision_item_spans_its_local_month() {
    let scenario = builtin();
    let mut checked = 0;
    for (name, dating, _) in dated_items(&scenario) {
        if dating.precision != Precision::Month {
            continue;
        }
        let start = local(dating.start, &scenario);
        let month_start = start
            .first_of_month()
            .and_then(|z| z.start_of_day())
            .unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_eq!(
            start, month_start,
            "{name} does not start at its local month's start"
        );
        let next_month = month_start
            .checked_add(1.month())
            .unwrap_or_else(|e| panic!("{name}: {e}"));
        let (band_start, band_end) = dating.band_secs();
        assert_eq!(band_start, secs_of(&month_start), "{name}");
        assert!(
            band_end >= secs_of(&next_month),
            "{name} ends before its month does"
        );
        checked += 1;
    }
    assert!(checked >= 5, "only {checked} month-precision items");
}

#[test]
fn every_day_precision_item_spans_its_local_day() {
    let scenario = builtin();
    let mut checked = 0;
    for (name, dating, _) in dated_items(&scenario) {
        let start = local(dating.start, &scenario);
        // A date read as UTC midnight would start at 03:00 in Syria.
        assert!(
            !(start.hour() == 3 && start.minute() == 0 && dating.start.as_second() % 86_400 == 0),
            "{name} starts at UTC midnight, not local midnight: {start}"
        );
        let is_day = matches!(dating.precision, Precision::Exact | Precision::ReportDate)
            && dating.span_end.is_some()
            && dating.end.is_none()
            && dating.latest.is_none();
        if !is_day {
            continue;
        }
        let day_start = start
            .start_of_day()
            .unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_eq!(start, day_start, "{name} does not start at local midnight");
        let next_day = day_start
            .tomorrow()
            .unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_eq!(
            dating.band_secs(),
            (secs_of(&day_start), secs_of(&next_day)),
            "{name} does not span exactly its local day"
        );
        checked += 1;
    }
    assert!(checked >= 50, "only {checked} day-precision items");
}

#[test]
fn every_site_with_a_control_change_has_control_before_it() {
    let scenario = builtin();
    let story_start = scenario
        .events
        .iter()
        .filter(|e| e.dating.precision != Precision::Month)
        .map(|e| e.dating.band_secs().0)
        .fold(f64::INFINITY, f64::min);
    let mut checked = 0;
    for event in &scenario.events {
        let Some(site) = event.site.map(|i| &scenario.sites[i]) else {
            continue;
        };
        if event.kind != EventKind::ControlChange || site.control.is_empty() {
            continue;
        }
        let change_start = event.dating.band_secs().0;
        if change_start <= story_start {
            continue; // the story's first day sets its first control
        }
        let before = site.control_at(change_start - 1.0);
        assert!(
            matches!(
                before,
                ControlAt::Settled(_) | ControlAt::ChangingHands { from: Some(_), .. }
            ),
            "{}: nothing holds {} before the change ({})",
            event.id,
            site.id,
            before.status()
        );
        checked += 1;
    }
    assert!(checked >= 8, "only {checked} changes checked");
}

#[test]
fn every_source_has_an_outlet_and_a_date_or_the_undated_mark() {
    let scenario = builtin();
    for (name, source) in all_sources(&scenario) {
        assert!(
            !source.outlet.trim().is_empty(),
            "{name}: a source has no outlet"
        );
        let published = source.published.as_deref().unwrap_or_default();
        let dated = published.parse::<jiff::civil::Date>().is_ok();
        assert!(
            dated || published == deploymap::model::UNDATED,
            "{name}: {} has published {published:?}; expected a date or \"undated\"",
            source.outlet
        );
    }
}

fn control_label(scenario: &Scenario, site_id: &str, at: &str) -> (&'static str, Vec<String>) {
    let t = parse_time_in(at, &scenario.meta.time_zone).unwrap_or_else(|e| panic!("{e}"));
    let site = &scenario.sites[scenario
        .site_index(site_id)
        .unwrap_or_else(|| panic!("no site {site_id}"))];
    let control = site.control_at(unix_secs(t));
    let factions = match control {
        ControlAt::Settled(change) => change.factions().map(str::to_string).collect(),
        ControlAt::ChangingHands { to, .. } => to.factions().map(str::to_string).collect(),
        ControlAt::PresenceNotDated { faction } => vec![faction.to_string()],
        ControlAt::Unknown => vec![],
    };
    (control.status(), factions)
}

#[test]
fn at_0630_local_on_17_january_no_euphrates_site_is_government_held() {
    let scenario = builtin();
    for id in [
        "tabqa",
        "deir_hafer",
        "maskanah",
        "jirah",
        "tabqa_dam",
        "freedom_dam",
    ] {
        let (status, factions) = control_label(&scenario, id, "2026-01-17T03:30:00Z");
        assert!(
            status == "changing_hands" || (status == "held" && factions == ["sdf"]),
            "{id}: {status} {factions:?}"
        );
    }
    // By the end of 18 Jan the government holds them.
    for id in ["tabqa", "deir_hafer", "tabqa_dam"] {
        let (status, factions) = control_label(&scenario, id, "2026-01-19");
        assert_eq!(
            (status, factions),
            ("held", vec!["syrian_government".to_string()]),
            "{id}"
        );
    }
}

#[test]
fn on_10_january_the_ten_sites_are_sdf_held() {
    let scenario = builtin();
    for id in [
        "sheikh_maqsoud",
        "deir_hafer",
        "jirah",
        "maskanah",
        "tishreen_dam",
        "tabqa",
        "tabqa_dam",
        "freedom_dam",
        "raqqa",
        "al_hol",
    ] {
        let (status, factions) = control_label(&scenario, id, "2026-01-10");
        assert_eq!(
            (status, factions),
            ("held", vec!["sdf".to_string()]),
            "{id}"
        );
    }
}

#[test]
fn on_5_february_hasakah_qamishli_and_kobani_are_joint_not_taken() {
    let scenario = builtin();
    for id in ["hasakah", "qamishli_city", "kobani"] {
        let (before, _) = control_label(&scenario, id, "2026-01-25");
        assert_eq!(before, "held", "{id} before the deal");
        let (status, factions) = control_label(&scenario, id, "2026-02-05");
        assert_eq!(status, "joint", "{id}");
        assert!(
            factions.contains(&"sdf".to_string())
                && factions.contains(&"syrian_government".to_string()),
            "{id}: {factions:?}"
        );
    }
}

#[test]
fn kharab_al_jir_is_disputed_and_tell_baydar_presence_is_not_dated() {
    let scenario = builtin();
    assert_eq!(
        control_label(&scenario, "kharab_al_jir", "2026-02-25").0,
        "disputed"
    );
    assert_eq!(
        control_label(&scenario, "kharab_al_jir", "2026-02-08").0,
        "held"
    );
    for at in ["2025-01-01", "2026-02-25"] {
        assert_eq!(
            control_label(&scenario, "tell_baydar", at).0,
            "presence_not_dated",
            "{at}"
        );
    }
}

#[test]
fn the_pullback_start_sorts_before_the_takeovers_of_17_january() {
    let scenario = builtin();
    let position = |id: &str| {
        scenario
            .events
            .iter()
            .position(|e| e.id == id)
            .unwrap_or_else(|| panic!("no event {id}"))
    };
    let pullback = position("ev_2026_01_17_sdf_pullback_begins");
    assert!(pullback < position("ev_2026_01_17_deir_hafer_maskanah_jirah"));
    assert!(pullback < position("ev_2026_01_17_tabqa_dams"));
}

#[test]
fn the_ceasefire_extension_runs_exactly_15_days_local() {
    let scenario = builtin();
    let extension = scenario
        .events
        .iter()
        .find(|e| e.id == "ev_2026_01_24_ceasefire_extended")
        .unwrap_or_else(|| panic!("no ceasefire extension"));
    let start = local(extension.dating.start, &scenario);
    assert_eq!((start.hour(), start.minute()), (23, 0));
    let expected_end = start
        .checked_add(15.days())
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(extension.dating.end, Some(expected_end.timestamp()));
    assert_eq!(
        extension.dating.end_secs() - extension.dating.start_secs(),
        15.0 * 86_400.0
    );
}
