//! `deploymap export scenario`: Save as from the command line. Reads any inputs (CSV, MF-JSON,
//! scenario files…) through the one loading path and writes them as one scenario file.

use super::load_for_command;
use crate::io::{CsvFolderError, ReadOptions, SaveError, save_scenario, write_csv_folder};
use std::io::Write;
use std::path::{Path, PathBuf};

/// `deploymap export scenario --out FILE [--force] [FILE...]`.
pub fn run_export_scenario(
    out: &Path,
    force: bool,
    files: &[PathBuf],
    read: &ReadOptions,
    stdout: &mut dyn Write,
    stderr: &mut dyn Write,
) -> anyhow::Result<()> {
    if let Some(input) = files.iter().find(|input| same_file(input, out)) {
        anyhow::bail!(
            "--out {} is the input file {}; the command line never writes to its inputs, so choose another --out",
            out.display(),
            input.display()
        );
    }
    if !force && out.exists() {
        anyhow::bail!(
            "{} already exists; use --force to overwrite it",
            out.display()
        );
    }
    let scenario = load_for_command(files, read, stderr)?;
    if scenario
        .forces
        .iter()
        .any(|force| !force.temporal_properties.is_empty())
    {
        writeln!(
            stderr,
            "warning: values that change over time (MF-JSON temporalProperties) have no place in the scenario format and are left out"
        )?;
    }
    save_scenario(&scenario, out, force).map_err(|error| match error {
        SaveError::Exists(path) => anyhow::anyhow!(
            "{} already exists; use --force to overwrite it",
            path.display()
        ),
        other => other.into(),
    })?;
    writeln!(
        stdout,
        "wrote {} ({} sites, {} forces, {} events)",
        out.display(),
        scenario.sites.len(),
        scenario.forces.len(),
        scenario.events.len()
    )?;
    Ok(())
}

/// `deploymap export csv --out DIR [--force] [FILE...]`.
pub fn run_export_csv(
    out: &Path,
    force: bool,
    files: &[PathBuf],
    read: &ReadOptions,
    stdout: &mut dyn Write,
    stderr: &mut dyn Write,
) -> anyhow::Result<()> {
    let inside_out = |input: &PathBuf| {
        same_file(input, out) || input.parent().is_some_and(|parent| same_file(parent, out))
    };
    if let Some(input) = files.iter().find(|input| inside_out(input)) {
        anyhow::bail!(
            "--out {} holds the input {}; the command line never writes to its inputs, so choose another --out",
            out.display(),
            input.display()
        );
    }
    let scenario = load_for_command(files, read, stderr)?;
    let written = write_csv_folder(&scenario, out, force).map_err(|error| match error {
        CsvFolderError::Exists(path) => anyhow::anyhow!(
            "{} already exists; use --force to overwrite it",
            path.display()
        ),
        other => other.into(),
    })?;
    writeln!(
        stdout,
        "wrote {} files in {} ({} sites, {} forces, {} events)",
        written.len(),
        out.display(),
        scenario.sites.len(),
        scenario.forces.len(),
        scenario.events.len()
    )?;
    Ok(())
}

/// Whether `a` and `b` name the same existing file.
fn same_file(a: &Path, b: &Path) -> bool {
    match (a.canonicalize(), b.canonicalize()) {
        (Ok(a), Ok(b)) => a == b,
        _ => false,
    }
}
