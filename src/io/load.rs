//! The one way files are read, by the command line and the window alike: every file is read as
//! text, files in the scenario format are parsed together (they may refer to each other's
//! sites), and every other file is read by the reader of its format, with the same progress,
//! cancel and problems.

use super::formats::{Format, read_unless_scenario};
use super::loaded::{IdKind, Loaded, SourceText, UniqueIds};
use super::scenario_file::parse_scenario;
use super::{LoadError, Problem, ReadOptions};
use std::collections::HashSet;
use std::path::{Path, PathBuf};

/// What one group of files held: the scenario files together, or one file of another format.
#[derive(Clone, Debug)]
pub struct LoadedGroup {
    /// The files, as given.
    pub paths: Vec<PathBuf>,
    /// Their format.
    pub format: Format,
    /// What they held, and what was left out.
    pub loaded: Loaded,
}

/// Reads `paths` as groups: the files in the scenario format together (first), every other file
/// on its own, in the order given. Each file is read and parsed once. Unreadable files, files
/// with nothing usable and a cancelled read fail the whole load, with every such problem.
pub fn load_groups(
    paths: &[PathBuf],
    options: &ReadOptions,
) -> Result<Vec<LoadedGroup>, LoadError> {
    let mut scenario_paths = Vec::new();
    let mut scenario_sources = Vec::new();
    let mut groups: Vec<LoadedGroup> = Vec::new();
    let mut problems = Vec::new();
    // A file given twice is read once; the first group carries the note.
    let (distinct, given_twice) = super::distinct_paths(paths);
    // Folders of spreadsheets, and spreadsheets given together, are read as one group each.
    let mut spreadsheet_folders: Vec<(PathBuf, usize)> = Vec::new();
    for path in &distinct {
        if options.progress.is_cancelled() {
            break;
        }
        if super::csv_folder::is_csv_folder(path) || super::csv_folder::is_csv_folder_member(path) {
            let folder = super::csv_folder::folder_of(path);
            if let Some((_, group)) = spreadsheet_folders.iter().find(|(f, _)| *f == folder) {
                groups[*group].paths.push(path.clone());
                continue;
            }
            match super::read_csv_folder(&folder, options) {
                Ok(loaded) => {
                    spreadsheet_folders.push((folder, groups.len()));
                    groups.push(LoadedGroup {
                        paths: vec![path.clone()],
                        format: Format::Spreadsheets,
                        loaded,
                    });
                }
                Err(error) => problems.extend(error.problems),
            }
            continue;
        }
        // A large file is read in one pass without holding it.
        if let Some((format, result)) = super::mapped::read_mapped(path, groups.len(), options) {
            match result {
                Ok(loaded) => groups.push(LoadedGroup {
                    paths: vec![path.clone()],
                    format,
                    loaded,
                }),
                Err(error) => problems.extend(error.problems),
            }
            continue;
        }
        let source = match read_source(path, options) {
            Ok(source) => source,
            Err(problem) => {
                problems.push(problem);
                continue;
            }
        };
        match read_unless_scenario(&source.name, &source.text, groups.len(), options) {
            None => {
                scenario_paths.push(path.clone());
                scenario_sources.push(source);
            }
            Some((format, Ok(loaded))) => groups.push(LoadedGroup {
                paths: vec![path.clone()],
                format,
                loaded,
            }),
            Some((_, Err(error))) => problems.extend(error.problems),
        }
    }
    if options.progress.is_cancelled() {
        return Err(LoadError::cancelled(paths));
    }
    if !scenario_sources.is_empty() {
        match parse_scenario(&scenario_sources) {
            Ok(loaded) => groups.insert(
                0,
                LoadedGroup {
                    paths: scenario_paths,
                    format: Format::Scenario,
                    loaded,
                },
            ),
            Err(error) => problems.extend(error.problems),
        }
    }
    if problems.is_empty() {
        unique_across_groups(&mut groups);
        if let Some(first) = groups.first_mut() {
            first.loaded.problems.splice(0..0, given_twice);
        }
        Ok(groups)
    } else {
        Err(LoadError::new(problems))
    }
}

/// Leaves out of each group the forces and events whose ids an earlier group (the scenario
/// files first, then the others in the order given) already has, each with a problem that names
/// both places.
fn unique_across_groups(groups: &mut [LoadedGroup]) {
    let mut unique = UniqueIds::default();
    for group in groups {
        let loaded = &mut group.loaded;
        let mut given_again: HashSet<(IdKind, String)> = HashSet::new();
        loaded.id_places.retain(|place| {
            let kept = unique.keep(place);
            if !kept {
                given_again.insert((place.kind, place.id.clone()));
            }
            kept
        });
        if given_again.is_empty() {
            continue;
        }
        loaded.problems.append(&mut unique.problems);
        let again = |kind: IdKind, id: &String| given_again.contains(&(kind, id.clone()));
        let scenario = &mut loaded.scenario;
        scenario
            .forces
            .retain(|force| !again(IdKind::Force, &force.id));
        scenario
            .events
            .retain(|event| !again(IdKind::Event, &event.id));
    }
}

/// Reads files of any supported format and joins them into one scenario; see [`load_groups`].
pub fn load_paths(paths: &[PathBuf]) -> Result<Loaded, LoadError> {
    load_paths_with(paths, &ReadOptions::default())
}

/// [`load_paths`] with choices for the other formats, progress and cancel.
pub fn load_paths_with(paths: &[PathBuf], options: &ReadOptions) -> Result<Loaded, LoadError> {
    // The first group is the base, so its header (time zone included) wins, as in the window.
    let mut groups = load_groups(paths, options)?.into_iter();
    let mut joined = groups
        .next()
        .map_or_else(Loaded::default, |group| group.loaded);
    for group in groups {
        joined.scenario.append(group.loaded.scenario);
        joined.problems.extend(group.loaded.problems);
        joined.id_places.extend(group.loaded.id_places);
    }
    Ok(joined)
}

/// Reads a file as text, saying which file and why when it cannot be read: only regular files
/// and pipes, within the input size limit of `options`, in any encoding it recognises.
pub fn read_source(path: &Path, options: &ReadOptions) -> Result<SourceText, Problem> {
    let name = path.display().to_string();
    super::read_input(path, options.max_input_bytes())
        .map(|text| SourceText {
            name: name.clone(),
            text,
        })
        .map_err(|error| Problem {
            file: name.clone(),
            line: error.line,
            column: error.column,
            message: error.message,
        })
}

/// Reads one file held in memory, whatever its format.
pub fn read_text(name: &str, text: &str) -> Result<Loaded, LoadError> {
    read_unless_scenario(name, text, 0, &ReadOptions::default())
        .map(|(_, result)| result)
        .unwrap_or_else(|| {
            parse_scenario(&[SourceText {
                name: name.to_string(),
                text: text.to_string(),
            }])
        })
}
