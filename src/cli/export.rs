//! `deploymap export`: pictures, animations, the story and the scenario itself, with a progress bar and errors worded
//! in the command line's flags.

use super::{ExportCommand, ExportOptions, SymbolStyle, load_for_command};
use crate::export::{
    AnimationSpec, ExportError, OffscreenRenderer, SnapshotSpec, StoryVideoSpec, export_animation,
    export_snapshot, export_story, parse_size, parse_view,
};
use crate::geodesy::{LengthUnit, parse_ring_distances};
use crate::io::{ReadOptions, parse_time_in};
use crate::map::{Furniture, RangeRings, RingCentre};
use crate::model::{Scenario, unix_secs};
use std::io::Write;

/// `deploymap export png|anim|story ...`.
pub fn run_export(
    what: &ExportCommand,
    read: &ReadOptions,
    stdout: &mut dyn Write,
    stderr: &mut dyn Write,
) -> anyhow::Result<()> {
    let options = match what {
        ExportCommand::Scenario { out, force, files } => {
            return super::run_export_scenario(out, *force, files, read, stdout, stderr);
        }
        ExportCommand::Csv { out, force, files } => {
            return super::run_export_csv(out, *force, files, read, stdout, stderr);
        }
        ExportCommand::Png { options, .. }
        | ExportCommand::Anim { options, .. }
        | ExportCommand::Story { options, .. } => options,
    };
    for leftover in crate::export::remove_stale_partials(&options.out) {
        writeln!(
            stderr,
            "removed {}, left by an export that was killed",
            leftover.display()
        )?;
    }
    match what {
        ExportCommand::Png { at, size, options } => {
            let size_px = parse_size(size).map_err(|e| anyhow::anyhow!("--size: {e}"))?;
            let scenario = load_for_command(&options.files, read, stderr)?;
            let t = parse_time_in(at, &scenario.meta.time_zone)
                .map_err(|e| anyhow::anyhow!("--at: {e}"))?;
            let spec = snapshot_spec(options, &scenario, size_px)?;
            let mut renderer =
                OffscreenRenderer::with_theme(options.basemap.as_deref(), options.theme)
                    .map_err(in_flag_terms)?;
            let written = export_snapshot(
                &mut renderer,
                &scenario,
                unix_secs(t),
                &spec,
                &options.out,
                options.force,
            )
            .map_err(in_flag_terms)?;
            writeln!(stdout, "wrote {}", written.display())?;
        }
        ExportCommand::Anim {
            from,
            to,
            frames,
            fps,
            duration,
            size,
            options,
        } => {
            let scenario = load_for_command(&options.files, read, stderr)?;
            let zone = &scenario.meta.time_zone;
            let from = parse_time_in(from, zone).map_err(|e| anyhow::anyhow!("--from: {e}"))?;
            let to = parse_time_in(to, zone).map_err(|e| anyhow::anyhow!("--to: {e}"))?;
            let size_px = parse_size(size).map_err(|e| anyhow::anyhow!("--size: {e}"))?;
            let frames = match (frames, duration) {
                (Some(frames), _) => *frames,
                (None, Some(secs)) if secs.is_finite() && *secs > 0.0 => {
                    (secs * fps).round() as u32
                }
                (None, Some(secs)) => {
                    anyhow::bail!("--duration {secs}: expected a positive number of seconds")
                }
                (None, None) => (10.0 * fps).round() as u32,
            };
            let animation = AnimationSpec {
                from: unix_secs(from),
                to: unix_secs(to),
                frames,
                fps: *fps,
            };
            animation.validate().map_err(in_flag_terms)?;
            let spec = snapshot_spec(options, &scenario, size_px)?;
            let mut renderer =
                OffscreenRenderer::with_theme(options.basemap.as_deref(), options.theme)
                    .map_err(in_flag_terms)?;
            let mut bar = ProgressBar::new(stderr);
            let written = export_animation(
                &mut renderer,
                &scenario,
                &spec,
                &animation,
                &options.out,
                options.force,
                &mut |done, total| {
                    bar.show(done, total);
                    crate::interrupt::received().is_none()
                },
            )
            .map_err(in_flag_terms)?;
            writeln!(stdout, "wrote {} ({frames} frames)", written.display())?;
        }
        ExportCommand::Story {
            story,
            fps,
            no_captions,
            size,
            options,
        } => {
            let scenario = load_for_command(&options.files, read, stderr)?;
            let size_px = parse_size(size).map_err(|e| anyhow::anyhow!("--size: {e}"))?;
            let stories = &scenario.meta.stories;
            let index = match story {
                Some(id) => stories.iter().position(|s| &s.id == id).ok_or_else(|| {
                    let known: Vec<&str> = stories.iter().map(|s| s.id.as_str()).collect();
                    anyhow::anyhow!("--story {id:?}: no such story; expected one of {known:?}")
                })?,
                None if stories.is_empty() => {
                    anyhow::bail!("the scenario has no story (see docs/FORMAT.md, Stories)")
                }
                None => 0,
            };
            let spec = snapshot_spec(options, &scenario, size_px)?;
            let story_spec = StoryVideoSpec {
                story: index,
                fps: *fps,
                captions: !no_captions,
            };
            // Refuse an impossible request before setting up the renderer.
            crate::export::AnimationFormat::from_path(&options.out).map_err(in_flag_terms)?;
            let mut renderer =
                OffscreenRenderer::with_theme(options.basemap.as_deref(), options.theme)
                    .map_err(in_flag_terms)?;
            let mut bar = ProgressBar::new(stderr);
            let mut frame_count = 0;
            let written = export_story(
                &mut renderer,
                &scenario,
                &spec,
                &story_spec,
                &options.out,
                options.force,
                &mut |done, total| {
                    frame_count = total;
                    bar.show(done, total);
                    crate::interrupt::received().is_none()
                },
            )
            .map_err(in_flag_terms)?;
            writeln!(stdout, "wrote {} ({frame_count} frames)", written.display())?;
        }
        ExportCommand::Scenario { .. } | ExportCommand::Csv { .. } => {}
    }
    Ok(())
}

/// An export error in the command line's terms: the flags that would fix it.
fn in_flag_terms(error: ExportError) -> anyhow::Error {
    match error {
        ExportError::Exists(path) => anyhow::anyhow!(
            "{} already exists; use --force to overwrite it",
            path.display()
        ),
        ExportError::EndNotAfterStart => anyhow::anyhow!("--to must be after --from"),
        ExportError::FrameCount(frames) => {
            anyhow::anyhow!(
                "--frames {frames}: expected 2 to 100000 (or a --duration that gives as many)"
            )
        }
        ExportError::FramesPerSecond(fps) => anyhow::anyhow!("--fps {fps}: expected 0.1 to 120"),
        other => other.into(),
    }
}

fn snapshot_spec(
    options: &ExportOptions,
    scenario: &Scenario,
    size_px: [u32; 2],
) -> anyhow::Result<SnapshotSpec> {
    let view = match &options.view {
        Some(text) => parse_view(text).map_err(|e| anyhow::anyhow!("--view: {e}"))?,
        None => scenario.opening_view(f64::from(size_px[0]), f64::from(size_px[1])),
    };
    Ok(SnapshotSpec {
        view,
        size_px,
        pixels_per_point: SnapshotSpec::default_pixels_per_point(size_px),
        layers: crate::map::LayerVisibility {
            app6_symbols: options.symbols == SymbolStyle::App6,
            range_rings: range_rings(&options.rings, scenario)?,
            ..Default::default()
        },
        furniture: Furniture {
            title: options.title.clone(),
            time: !options.no_time,
            legend: !options.no_legend,
            scale_bar: !options.no_scale_bar,
            app6_symbols: None,
        },
    })
}

/// The `--rings ID=DISTANCES` flags as rings around the site or unit of that id.
fn range_rings(flags: &[String], scenario: &Scenario) -> anyhow::Result<Vec<RangeRings>> {
    flags
        .iter()
        .map(|flag| {
            let (id, distances) = flag.split_once('=').ok_or_else(|| {
                anyhow::anyhow!(
                    "--rings {flag:?}: expected ID=DISTANCES, such as hmeimim=\"50, 100 km\""
                )
            })?;
            let id = id.trim();
            let centre = if scenario.site_index(id).is_some() {
                RingCentre::Site(id.to_owned())
            } else if scenario.forces.iter().any(|force| force.id == id) {
                RingCentre::Force(id.to_owned())
            } else {
                anyhow::bail!(
                    "--rings {flag:?}: the scenario has no site or unit with id {id:?} (`deploymap state` lists them)"
                );
            };
            let radii_m =
                parse_ring_distances(distances).map_err(|e| anyhow::anyhow!("--rings {flag:?}: {e}"))?;
            Ok(RangeRings {
                centre,
                radii_m,
                unit: LengthUnit::first_in(distances),
            })
        })
        .collect()
}

/// A one-line progress bar on the terminal.
struct ProgressBar<'a> {
    out: &'a mut dyn Write,
    started: std::time::Instant,
}

impl<'a> ProgressBar<'a> {
    fn new(out: &'a mut dyn Write) -> Self {
        Self {
            out,
            started: std::time::Instant::now(),
        }
    }

    fn show(&mut self, done: u32, total: u32) {
        const WIDTH: u32 = 30;
        let filled = (done * WIDTH / total.max(1)) as usize;
        let bar = format!(
            "{}{}",
            "#".repeat(filled),
            ".".repeat(WIDTH as usize - filled)
        );
        let end = if done == total { "\n" } else { "" };
        write!(
            self.out,
            "\rframe {done}/{total} [{bar}] {:.1} s{end}",
            self.started.elapsed().as_secs_f64()
        )
        .ok();
        self.out.flush().ok();
    }
}
