//! `deploymap state`: what is where at one time, as GeoJSON.

use super::load_for_command;
use crate::io::{ReadOptions, parse_time_in};
use crate::model::{
    ControlAt, ForceStatus, Scenario, StateKind, state_at, timestamp_from_unix_secs, unix_secs,
    zone_label,
};
use anyhow::Context as _;
use serde_json::{Value, json};
use std::io::Write;
use std::path::PathBuf;

/// `deploymap state --at TIME [FILE...]`.
pub fn run_state(
    at: &str,
    files: &[PathBuf],
    read: &ReadOptions,
    stdout: &mut dyn Write,
    stderr: &mut dyn Write,
) -> anyhow::Result<()> {
    let scenario = load_for_command(files, read, stderr)?;
    let t =
        parse_time_in(at, &scenario.meta.time_zone).map_err(|e| anyhow::anyhow!("--at: {e}"))?;
    let collection = state_collection(&scenario, unix_secs(t));
    serde_json::to_writer_pretty(&mut *stdout, &collection).context("writing to stdout")?;
    writeln!(stdout)?;
    Ok(())
}

/// The scenario at `t` as a GeoJSON FeatureCollection: one Point per site and per force.
pub fn state_collection(scenario: &Scenario, t: f64) -> Value {
    let state = state_at(scenario, t);
    let site_id = |index: Option<usize>| {
        index
            .and_then(|i| scenario.sites.get(i))
            .map(|s| s.id.clone())
    };
    let mut features = Vec::new();
    for (site, site_at) in scenario.sites.iter().zip(&state.sites) {
        let control = site.control_at(t);
        let controlled_by = control_json(scenario, &control);
        let forces_present: Vec<&str> = site_at
            .forces_present
            .iter()
            .map(|&i| scenario.forces[state.forces[i].force].id.as_str())
            .collect();
        let status = if forces_present.is_empty() {
            "unoccupied"
        } else {
            "garrisoned"
        };
        features.push(json!({
            "type": "Feature",
            "id": site.id,
            "geometry": point(site.position),
            "properties": {
                "id": site.id,
                "name": site.name,
                "layer": "site",
                "kind": site.kind,
                "faction": control.main_faction().or(site.faction.as_deref()),
                "controlled_by": controlled_by,
                "status": status,
                "forces_present": forces_present,
            }
        }));
    }
    for at in &state.forces {
        let force = &scenario.forces[at.force];
        let Some(track_state) = force.track.get(at.state) else {
            continue;
        };
        let mut properties = json!({
            "id": force.id,
            "name": force.name,
            "layer": "force",
            "faction": force.faction,
            "kind": force.kind,
            "status": at.status.label(),
            "strength": track_state.strength().or(force.strength.as_deref()),
            "precision": track_state.dating.precision,
            "sources": track_state.provenance().sources,
        });
        if !force.attributes.is_empty() {
            properties["attributes"] = force
                .attributes
                .iter()
                .map(|(key, value)| (key.clone(), Value::String(value.clone())))
                .collect::<serde_json::Map<_, _>>()
                .into();
        }
        let temporal: serde_json::Map<String, Value> = force
            .temporal_properties
            .iter()
            .filter_map(|property| {
                Some((property.name.clone(), Value::String(property.value_at(t)?)))
            })
            .collect();
        if !temporal.is_empty() {
            properties["temporal_properties"] = temporal.into();
        }
        match (at.status, &track_state.kind) {
            (ForceStatus::Stationed { site }, _) => properties["site"] = json!(site_id(site)),
            (ForceStatus::Moving { progress }, StateKind::Moving { from, to, .. }) => {
                properties["from"] = json!(site_id(from.site));
                properties["to"] = json!(site_id(to.site));
                properties["progress"] = json!(progress);
            }
            (ForceStatus::Departed, StateKind::Departed { destination }) => {
                properties["destination"] = json!(destination);
            }
            _ => {}
        }
        let geometry = if at.is_present() {
            point(at.position)
        } else {
            Value::Null
        };
        features.push(json!({
            "type": "Feature",
            "id": force.id,
            "geometry": geometry,
            "properties": properties,
        }));
    }
    let zone = &scenario.meta.time_zone;
    json!({
        "type": "FeatureCollection",
        "deploymap_state": {
            "at": timestamp_from_unix_secs(t).to_string(),
            "at_local": rfc3339_in(timestamp_from_unix_secs(t), zone),
            "time_zone": zone_label(zone),
        },
        "features": features,
    })
}

/// `controlled_by` of a site in `state`: `null` when nothing is known, else an object whose
/// `status` is held, joint, disputed, changing_hands or presence_not_dated (docs/FORMAT.md).
fn control_json(scenario: &Scenario, control: &ControlAt<'_>) -> Value {
    let label = control.describe(|f| scenario.faction_name(f).to_string());
    match control {
        ControlAt::Unknown => Value::Null,
        ControlAt::PresenceNotDated { faction } => {
            json!({ "status": control.status(), "factions": [faction], "label": label })
        }
        ControlAt::ChangingHands { from, to } => {
            let from_factions: Vec<&str> = from.map(|c| c.factions().collect()).unwrap_or_default();
            let to_factions: Vec<&str> = to.factions().collect();
            json!({
                "status": control.status(),
                "from": from_factions,
                "to": to_factions,
                "label": label,
            })
        }
        ControlAt::Settled(change) => {
            let factions: Vec<&str> = change.factions().collect();
            json!({ "status": control.status(), "factions": factions, "label": label })
        }
    }
}

/// `t` as RFC 3339 with the offset it has in `zone`.
pub fn rfc3339_in(t: jiff::Timestamp, zone: &jiff::tz::TimeZone) -> String {
    t.to_zoned_datetime(zone.clone())
        .strftime("%Y-%m-%dT%H:%M:%S%:z")
        .to_string()
}

fn point(position: crate::model::LonLat) -> Value {
    json!({ "type": "Point", "coordinates": [position.x(), position.y()] })
}
