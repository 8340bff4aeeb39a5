//! The command line: the window by default, and `state`, `events` and `validate` for scripts.

use crate::io::{LoadError, Loaded, builtin_scenario, load_paths, parse_time};
use crate::model::{
    ForceStatus, Scenario, StateKind, state_at, timestamp_from_unix_secs, unix_secs,
};
use anyhow::Context as _;
use clap::{Parser, Subcommand};
use serde_json::{Value, json};
use std::io::Write;
use std::path::PathBuf;

/// Troop deployments on an interactive map under a timeline.
///
/// With no command, opens the window on the built-in scenario (Russian and US redeployments in
/// Syria, Dec 2024 – Feb 2026), or on the scenario FILEs given.
#[derive(Debug, Parser)]
#[command(name = "deploymap", version, args_conflicts_with_subcommands = true)]
pub struct Cli {
    /// What to do; without one, the window opens.
    #[command(subcommand)]
    pub command: Option<Command>,
    /// Scenario files (GeoJSON, see docs/FORMAT.md) to open instead of the built-in scenario.
    pub files: Vec<PathBuf>,
    /// A Protomaps-schema vector PMTiles file to use as the basemap instead of the built-in one
    /// (remembered for the next start).
    #[arg(long, value_name = "PATH")]
    pub basemap: Option<PathBuf>,
}

/// The commands for scripts.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Print every site and force as it stands at TIME, as one GeoJSON FeatureCollection.
    ///
    /// Forces are placed by the same interpolation the map uses.
    State {
        /// RFC 3339 (2026-01-24T12:00:00Z) or a plain date (2026-01-24, midnight UTC).
        #[arg(long, value_name = "TIME")]
        at: String,
        /// Scenario files; the built-in scenario when none is given.
        files: Vec<PathBuf>,
    },
    /// Print the events as a JSON array (id, start, end, precision, title, lon/lat, sources).
    Events {
        /// Scenario files; the built-in scenario when none is given.
        files: Vec<PathBuf>,
    },
    /// Check scenario files; print each problem as file:line:column: message.
    ///
    /// Exits 0 when the files are valid, 1 otherwise.
    Validate {
        /// Scenario files to check.
        #[arg(required = true)]
        files: Vec<PathBuf>,
    },
}

/// Loads `files`, or the built-in scenario when there are none.
pub fn load_scenario(files: &[PathBuf]) -> Result<Loaded, LoadError> {
    if files.is_empty() {
        builtin_scenario()
    } else {
        load_paths(files)
    }
}

/// Loads for a command that needs a usable scenario: problems go to stderr, fatal ones fail.
fn load_for_command(files: &[PathBuf], stderr: &mut dyn Write) -> anyhow::Result<Scenario> {
    let loaded = load_scenario(files)?;
    for problem in &loaded.problems {
        writeln!(stderr, "warning: {problem}")?;
    }
    Ok(loaded.scenario)
}

/// `deploymap state --at TIME [FILE...]`.
pub fn run_state(
    at: &str,
    files: &[PathBuf],
    stdout: &mut dyn Write,
    stderr: &mut dyn Write,
) -> anyhow::Result<()> {
    let t = parse_time(at).map_err(|e| anyhow::anyhow!("--at: {e}"))?;
    let scenario = load_for_command(files, stderr)?;
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
        let controller = site_at
            .control_change
            .and_then(|i| site.control.get(i))
            .map(|change| change.faction.clone());
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
                "faction": controller.clone().or_else(|| site.faction.clone()),
                "controlled_by": controller,
                "status": status,
                "forces_present": forces_present,
            }
        }));
    }
    for at in &state.forces {
        let force = &scenario.forces[at.force];
        let track_state = &force.track[at.state];
        let mut properties = json!({
            "id": force.id,
            "name": force.name,
            "layer": "force",
            "faction": force.faction,
            "kind": force.kind,
            "status": at.status.label(),
            "strength": track_state.strength.as_ref().or(force.strength.as_ref()),
            "precision": track_state.dating.precision,
            "sources": track_state.provenance.sources,
        });
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
    json!({
        "type": "FeatureCollection",
        "deploymap_state": { "at": timestamp_from_unix_secs(t).to_string() },
        "features": features,
    })
}

fn point(position: crate::model::LonLat) -> Value {
    json!({ "type": "Point", "coordinates": [position.x(), position.y()] })
}

/// `deploymap events [FILE...]`.
pub fn run_events(
    files: &[PathBuf],
    stdout: &mut dyn Write,
    stderr: &mut dyn Write,
) -> anyhow::Result<()> {
    let scenario = load_for_command(files, stderr)?;
    let events: Vec<Value> = scenario
        .events
        .iter()
        .map(|event| {
            let position = scenario.event_position(event);
            json!({
                "id": event.id,
                "start": event.dating.start.to_string(),
                "end": event.dating.end.map(|t| t.to_string()),
                "precision": event.dating.precision,
                "earliest": event.dating.earliest.map(|t| t.to_string()),
                "latest": event.dating.latest.map(|t| t.to_string()),
                "title": event.title,
                "kind": event.kind,
                "place": event.place,
                "site": event.site.and_then(|i| scenario.sites.get(i)).map(|s| s.id.clone()),
                "lon": position.map(|p| p.x()),
                "lat": position.map(|p| p.y()),
                "confidence": event.provenance.confidence,
                "sources": event.provenance.sources,
            })
        })
        .collect();
    serde_json::to_writer_pretty(&mut *stdout, &events).context("writing to stdout")?;
    writeln!(stdout)?;
    Ok(())
}

/// `deploymap validate FILE...`: returns whether the files are valid.
pub fn run_validate(files: &[PathBuf], stdout: &mut dyn Write) -> anyhow::Result<bool> {
    match load_paths(files) {
        Err(error) => {
            for problem in &error.problems {
                writeln!(stdout, "{problem}")?;
            }
            Ok(false)
        }
        Ok(loaded) => {
            for problem in &loaded.problems {
                writeln!(stdout, "{problem}")?;
            }
            let scenario = &loaded.scenario;
            writeln!(
                stdout,
                "{} problem(s); {} sites, {} forces, {} events",
                loaded.problems.len(),
                scenario.sites.len(),
                scenario.forces.len(),
                scenario.events.len()
            )?;
            Ok(loaded.problems.is_empty())
        }
    }
}
