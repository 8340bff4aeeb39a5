//! The command line: the window by default, and `state`, `events` and `validate` for scripts.

use crate::io::{
    DatabaseQuery, LoadError, Loaded, ReadOptions, ViewBounds, builtin_scenario, load_paths_with,
    load_query, parse_time,
};
use crate::model::{Scenario, timestamp_from_unix_secs, unix_secs};
use anyhow::Context as _;
use clap::{Parser, Subcommand};
use serde_json::{Value, json};
use std::io::Write;
use std::path::PathBuf;

mod export;
mod save;
mod state;

pub use export::run_export;
pub use save::{run_export_csv, run_export_scenario};
pub use state::{rfc3339_in, run_state, state_collection};

/// Troop deployments on an interactive map under a timeline.
///
/// With no command, opens the window on the built-in scenario (Russian and US redeployments in
/// Syria, Dec 2024 – Feb 2026), or on the FILEs given.
#[derive(Debug, Parser)]
#[command(name = "deploymap", version, args_conflicts_with_subcommands = true)]
pub struct Cli {
    /// What to do; without one, the window opens.
    #[command(subcommand)]
    pub command: Option<Command>,
    /// Files to open instead of the built-in scenario: scenarios (docs/FORMAT.md), GeoJSON with
    /// times, kepler.gl trips, OGC Moving Features JSON or CSV; each becomes a layer.
    pub files: Vec<PathBuf>,
    /// A Protomaps-schema vector PMTiles file to use as the basemap instead of the built-in one
    /// (remembered for the next start).
    #[arg(long, value_name = "PATH")]
    pub basemap: Option<PathBuf>,
    /// Take back, without asking, the unsaved edits a crash or kill left in the recovery file
    /// (in the data folder; DEPLOYMAP_DATA_DIR moves it).
    #[arg(long)]
    pub recover: bool,
    /// Start an empty scenario in edit mode instead of opening data.
    #[arg(long, conflicts_with = "files")]
    pub new: bool,
    /// In GeoJSON and CSV files, the property or column whose value joins points into one track
    /// (instead of the feature id or an `id` column).
    #[arg(long, global = true, value_name = "PROPERTY")]
    pub track_by: Option<String>,
    /// Also read a layer from a PostgreSQL/PostGIS database: a connection string such as
    /// postgresql://user@host/db?sslmode=require (TLS when sslmode asks), used with --query.
    /// A password in it is never shown or saved.
    #[arg(long, global = true, value_name = "URL")]
    pub postgres: Option<String>,
    /// The SQL whose rows make the layer: (id, time, geom) timed points, geom a PostGIS point in
    /// any SRID; or an MF-JSON column, as MobilityDB's asMFJSON returns.
    #[arg(long, global = true, value_name = "SQL")]
    pub query: Option<String>,
    /// With --postgres: fetch only the rows between these times (RFC 3339 or dates).
    #[arg(long, global = true, value_name = "FROM,TO")]
    pub between: Option<String>,
    /// With --postgres: fetch only the rows inside this box, in degrees (west may exceed east
    /// across the antimeridian).
    #[arg(
        long,
        global = true,
        value_name = "W,S,E,N",
        allow_hyphen_values = true
    )]
    pub bbox: Option<String>,
    /// The largest input file read, in MiB (default 1024). Larger data belongs in PostgreSQL or
    /// cut into tiles.
    #[arg(long, global = true, value_name = "MIB")]
    pub max_input_mb: Option<u64>,
}

impl Cli {
    /// How files in other formats, and the database, are to be read.
    pub fn read_options(&self) -> anyhow::Result<ReadOptions> {
        Ok(ReadOptions {
            track_by: self.track_by.clone(),
            database: self.database()?,
            max_input_bytes: self.max_input_mb.map(|mib| mib.saturating_mul(1 << 20)),
            ..ReadOptions::default()
        })
    }

    /// The database query the options ask for, bound to --between and --bbox when given.
    fn database(&self) -> anyhow::Result<Option<DatabaseQuery>> {
        let (url, query) = match (&self.postgres, &self.query) {
            (Some(url), Some(query)) => (url, query),
            (None, None) if self.between.is_none() && self.bbox.is_none() => return Ok(None),
            (Some(_), None) => anyhow::bail!("--postgres needs --query SQL"),
            _ => anyhow::bail!("--query, --between and --bbox need --postgres URL"),
        };
        let view = database_view(self.between.as_deref(), self.bbox.as_deref())?;
        Ok(Some(DatabaseQuery {
            url: url.clone(),
            query: query.clone(),
            view,
        }))
    }
}

/// The view a database layer is bound to: --between FROM,TO and --bbox W,S,E,N; either may be
/// left out (then the whole time, or the whole world).
pub fn database_view(
    between: Option<&str>,
    bbox: Option<&str>,
) -> anyhow::Result<Option<ViewBounds>> {
    if between.is_none() && bbox.is_none() {
        return Ok(None);
    }
    let (from_secs, to_secs) = match between {
        Some(text) => {
            let (from, to) = text
                .split_once(',')
                .ok_or_else(|| anyhow::anyhow!("--between: expected FROM,TO, got {text:?}"))?;
            let from = parse_time(from.trim()).map_err(|e| anyhow::anyhow!("--between: {e}"))?;
            let to = parse_time(to.trim()).map_err(|e| anyhow::anyhow!("--between: {e}"))?;
            (unix_secs(from), unix_secs(to))
        }
        None => (-1.0e12, 1.0e12),
    };
    let [west_deg, south_deg, east_deg, north_deg] = match bbox {
        Some(text) => {
            let numbers: Vec<f64> = text
                .split(',')
                .map(|n| n.trim().parse::<f64>())
                .collect::<Result<_, _>>()
                .map_err(|_| {
                    anyhow::anyhow!("--bbox: expected four numbers W,S,E,N, got {text:?}")
                })?;
            let [w, s, e, n] = numbers[..] else {
                anyhow::bail!("--bbox: expected four numbers W,S,E,N, got {text:?}");
            };
            if !(-90.0..=90.0).contains(&s) || !(-90.0..=90.0).contains(&n) || s > n {
                anyhow::bail!("--bbox: south and north must be latitudes with south <= north");
            }
            [w, s, e, n]
        }
        None => [-180.0, -90.0, 180.0, 90.0],
    };
    Ok(Some(ViewBounds {
        from_secs,
        to_secs,
        west_deg,
        south_deg,
        east_deg,
        north_deg,
    }))
}

/// The commands for scripts.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Print every site and force as it stands at TIME, as one GeoJSON FeatureCollection.
    ///
    /// Forces are placed by the same interpolation the map uses.
    State {
        /// RFC 3339 with any offset (2026-01-24T12:00:00Z, 2026-01-24T15:00:00+03:00), or a plain
        /// date (2026-01-24), which means midnight in the scenario's time zone.
        #[arg(long, value_name = "TIME")]
        at: String,
        /// Data files (any format it reads); the built-in scenario when none is given.
        files: Vec<PathBuf>,
    },
    /// Print the events as a JSON array (id, start, end, precision, title, lon/lat, sources).
    ///
    /// Instants are RFC 3339 with the offset of the scenario's time zone.
    Events {
        /// Data files (any format it reads); the built-in scenario when none is given.
        files: Vec<PathBuf>,
    },
    /// Export a snapshot (PNG) or an animation (GIF, APNG or MP4) of the map, headless.
    ///
    /// Works with no display and no GPU (wgpu falls back to Mesa's software renderer). Waits for
    /// every basemap tile before drawing, never overwrites a file without --force, and writes to
    /// a temporary file renamed into place when complete.
    Export {
        /// What to export.
        #[command(subcommand)]
        what: Box<ExportCommand>,
    },
    /// Check scenario files (or a --postgres query); print each problem as
    /// file:line:column: message.
    ///
    /// Exits 0 when the files are valid, 1 otherwise.
    Validate {
        /// Files to check, in any format it reads.
        files: Vec<PathBuf>,
    },
}

/// Options shared by both kinds of export.
#[derive(Debug, clap::Args)]
pub struct ExportOptions {
    /// Centre and zoom as LON,LAT,ZOOM (walkers zoom, as in the window); default: the scenario's view.
    #[arg(long, value_name = "LON,LAT,ZOOM")]
    view: Option<String>,
    /// A title in the top-left corner; default: none.
    #[arg(long)]
    title: Option<String>,
    /// A Protomaps-schema vector PMTiles file to use as the basemap instead of the built-in one.
    #[arg(long, value_name = "PATH")]
    basemap: Option<PathBuf>,
    /// Light or dark: the basemap's style (the window's exports follow its View menu).
    #[arg(long, value_enum, default_value_t = crate::theme::Theme::Light)]
    theme: crate::theme::Theme,
    /// Leave out the legend.
    #[arg(long)]
    no_legend: bool,
    /// Leave out the scale bar.
    #[arg(long)]
    no_scale_bar: bool,
    /// Leave out the date and time (the credits are always drawn).
    #[arg(long)]
    no_time: bool,
    /// Unit symbols: NATO APP-6 (MIL-STD-2525) or the simple markers.
    #[arg(long, value_enum, default_value_t = SymbolStyle::Simple)]
    symbols: SymbolStyle,
    /// Range rings around a site or unit, as ID=DISTANCES (such as hmeimim="50, 100 km"); may
    /// be given more than once. Geodesic circles, labelled, as the window draws them.
    #[arg(long, value_name = "ID=DISTANCES")]
    rings: Vec<String>,
    /// Overwrite the output if it exists.
    #[arg(long)]
    force: bool,
    /// The file to write.
    #[arg(long, value_name = "FILE")]
    out: PathBuf,
    /// Data files (any format it reads); the built-in scenario when none is given.
    files: Vec<PathBuf>,
}

/// How units are drawn in exports.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum SymbolStyle {
    /// APP-6 / MIL-STD-2525 symbols.
    App6,
    /// Coloured boxes with three letters.
    Simple,
}

/// The kinds of export.
#[derive(Debug, Subcommand)]
pub enum ExportCommand {
    /// The data as a folder of spreadsheets (docs/FORMAT.md, Spreadsheets): sites.csv,
    /// forces.csv, states.csv, control.csv, events.csv, sources.csv and scenario.geojson (the
    /// header). Every command that takes files reads the folder back. Never overwrites a file
    /// without --force.
    Csv {
        /// The folder to write (made if missing).
        #[arg(long, value_name = "DIR")]
        out: PathBuf,
        /// Overwrite the folder's files if they exist.
        #[arg(long)]
        force: bool,
        /// Data files (any format it reads); the built-in scenario when none is given.
        files: Vec<PathBuf>,
    },
    /// The data as one scenario file (docs/FORMAT.md): Save as for CSV, MF-JSON and the other
    /// formats it reads, or several files joined into one. Never writes to its inputs, and never
    /// overwrites a file without --force.
    Scenario {
        /// The file to write.
        #[arg(long, value_name = "FILE")]
        out: PathBuf,
        /// Overwrite the output if it exists.
        #[arg(long)]
        force: bool,
        /// Data files (any format it reads); the built-in scenario when none is given.
        files: Vec<PathBuf>,
    },
    /// One snapshot as PNG, with title, time, legend, scale bar and credits (also as PNG text).
    Png {
        /// RFC 3339 with any offset, or a plain date (2026-01-24), which means midnight in the
        /// scenario's time zone.
        #[arg(long, value_name = "TIME")]
        at: String,
        /// Picture size in pixels.
        #[arg(long, value_name = "WxH", default_value = "1920x1080")]
        size: String,
        #[command(flatten)]
        options: ExportOptions,
    },
    /// The timeline played from --from to --to: .gif, .png (APNG) or .mp4 (needs ffmpeg).
    ///
    /// Give either --frames (at --fps, default 15) or --fps and --duration; by default 10 s at
    /// 15 frames per second.
    Anim {
        /// Story time of the first frame: RFC 3339 with any offset, or a plain date (midnight in
        /// the scenario's time zone).
        #[arg(long, value_name = "TIME")]
        from: String,
        /// Story time of the last frame.
        #[arg(long, value_name = "TIME")]
        to: String,
        /// Number of frames.
        #[arg(long, conflicts_with = "duration")]
        frames: Option<u32>,
        /// Frames per second of playback.
        #[arg(long, default_value_t = 15.0)]
        fps: f64,
        /// Length of the animation in seconds.
        #[arg(long, value_name = "SECS")]
        duration: Option<f64>,
        /// Picture size in pixels.
        #[arg(long, value_name = "WxH", default_value = "1280x720")]
        size: String,
        #[command(flatten)]
        options: ExportOptions,
    },
    /// A story played as the window plays it: .gif, .png (APNG) or .mp4 (needs ffmpeg).
    ///
    /// Each chapter in order: the camera's flight to it, then its span, with the chapter's title
    /// and text as a caption. The camera follows the story, so --view is not used.
    Story {
        /// The story's id; default: the scenario's first story.
        #[arg(long, value_name = "ID")]
        story: Option<String>,
        /// Frames per second.
        #[arg(long, default_value_t = 15.0)]
        fps: f64,
        /// Leave out the chapter captions.
        #[arg(long)]
        no_captions: bool,
        /// Picture size in pixels.
        #[arg(long, value_name = "WxH", default_value = "1280x720")]
        size: String,
        #[command(flatten)]
        options: ExportOptions,
    },
}

/// Loads `files` and the database layer, or the built-in scenario when there are neither.
pub fn load_scenario(files: &[PathBuf], read: &ReadOptions) -> Result<Loaded, LoadError> {
    let Some(database) = &read.database else {
        return if files.is_empty() {
            builtin_scenario()
        } else {
            load_paths_with(files, read)
        };
    };
    let mut loaded = if files.is_empty() {
        Loaded::default()
    } else {
        load_paths_with(files, read)?
    };
    let (from_database, _) = load_query(database, files.len(), &read.progress)?;
    loaded.scenario.append(from_database.scenario);
    loaded.problems.extend(from_database.problems);
    Ok(loaded)
}

/// Loads for a command that needs a usable scenario: problems go to stderr, fatal ones fail.
fn load_for_command(
    files: &[PathBuf],
    read: &ReadOptions,
    stderr: &mut dyn Write,
) -> anyhow::Result<Scenario> {
    let loaded = load_scenario(files, read)?;
    for problem in &loaded.problems {
        writeln!(stderr, "warning: {problem}")?;
    }
    Ok(loaded.scenario)
}

/// `deploymap events [FILE...]`.
pub fn run_events(
    files: &[PathBuf],
    read: &ReadOptions,
    stdout: &mut dyn Write,
    stderr: &mut dyn Write,
) -> anyhow::Result<()> {
    let scenario = load_for_command(files, read, stderr)?;
    let zone = &scenario.meta.time_zone;
    let at = |t: jiff::Timestamp| rfc3339_in(t, zone);
    let events: Vec<Value> = scenario
        .events
        .iter()
        .map(|event| {
            let position = scenario.event_position(event);
            json!({
                "id": event.id,
                "start": at(event.dating.start),
                "end": event.dating.end.map(at),
                "precision": event.dating.precision,
                "earliest": event.dating.earliest.map(at),
                "latest": event
                    .dating
                    .latest
                    .map(|_| at(timestamp_from_unix_secs(event.dating.band_secs().1))),
                "conflicting_reports": event.provenance.conflicting_reports,
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
pub fn run_validate(
    files: &[PathBuf],
    read: &ReadOptions,
    stdout: &mut dyn Write,
) -> anyhow::Result<bool> {
    if files.is_empty() && read.database.is_none() {
        anyhow::bail!("validate needs files to check, or --postgres URL --query SQL");
    }
    match load_scenario(files, read) {
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
