//! The data the window shows, as layers: the built-in scenario or the files a user opened. Each
//! layer can be hidden or removed, and is read again when its file changes on disk. Files are
//! read on a background thread so the window stays responsive.

use crate::io::{
    DatabaseQuery, Format, LoadError, Loaded, LoadedGroup, Problem, ReadOptions, ReadProgress,
    builtin_scenario, load_groups, load_query, redacted,
};
use crate::job::{Job, JobOutcome};
use crate::model::Scenario;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::{Instant, SystemTime};

/// What a reader says when a file or query held nothing with a place and a time.
const NOTHING_READ: &str = "nothing with a place and a time";

/// One layer of data.
#[derive(Clone, Debug)]
pub struct DataLayer {
    /// What the layers panel calls it.
    pub label: String,
    /// The files it was read from; empty for the built-in scenario.
    pub paths: Vec<PathBuf>,
    /// The format of its files.
    pub format: Format,
    /// What it holds; shared with the joined scenario when it is the only visible layer.
    pub scenario: Arc<Scenario>,
    /// Whether it is drawn.
    pub visible: bool,
    /// What was left out when it was read.
    pub problems: Vec<Problem>,
    /// Size and modification time of each file, when read.
    modified: Vec<Option<FileStamp>>,
    /// The files' stamps as last seen changed, and when (in the caller's seconds): a changed
    /// file is read again only once they have stayed the same for [`SETTLE_SECS`].
    settling: Option<(Vec<Option<FileStamp>>, f64)>,
    /// Why the last reload failed, empty when it did not: the layer then shows older data
    /// than its files until a reload succeeds.
    pub stale_problems: Vec<Problem>,
    /// How its files were read, to read them the same way again.
    options: ReadOptions,
    /// For a database layer bound to the view: its query, asked again (with the view's bounds)
    /// as the view changes.
    pub bound_query: Option<DatabaseQuery>,
}

/// How long a changed file's size and modification time must stay the same before it is read
/// again, so a file being written is not read half-written.
pub const SETTLE_SECS: f64 = 0.3;

/// What tells that a file changed: its size and modification time.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct FileStamp {
    /// Size in bytes.
    pub len: u64,
    /// Last modification.
    pub modified: Option<SystemTime>,
}

fn modified_times(paths: &[PathBuf]) -> Vec<Option<FileStamp>> {
    paths
        .iter()
        .map(|path| {
            std::fs::metadata(path).ok().map(|meta| FileStamp {
                len: meta.len(),
                modified: meta.modified().ok(),
            })
        })
        .collect()
}

impl DataLayer {
    /// The scenario compiled into the binary.
    pub fn built_in() -> Result<Self, LoadError> {
        let loaded = builtin_scenario()?;
        Ok(Self {
            label: "Built-in scenario".into(),
            paths: Vec::new(),
            format: Format::Scenario,
            scenario: Arc::new(loaded.scenario),
            visible: true,
            problems: loaded.problems,
            modified: Vec::new(),
            settling: None,
            stale_problems: Vec::new(),
            options: ReadOptions::default(),
            bound_query: None,
        })
    }

    /// A layer of edits not saved anywhere yet (a new scenario, or several layers edited as
    /// one): it has no file, so Save asks where.
    pub fn unsaved(label: String, scenario: Scenario) -> Self {
        Self {
            label,
            paths: Vec::new(),
            format: Format::Scenario,
            scenario: Arc::new(scenario),
            visible: true,
            problems: Vec::new(),
            modified: Vec::new(),
            settling: None,
            stale_problems: Vec::new(),
            options: ReadOptions::default(),
            bound_query: None,
        }
    }

    /// Notes that the layer now lives in the scenario file at `path` (after Save as).
    pub fn saved_as(&mut self, path: PathBuf) {
        self.label = path.file_name().map_or_else(
            || path.display().to_string(),
            |name| name.to_string_lossy().into_owned(),
        );
        self.paths = vec![path];
        self.format = Format::Scenario;
        self.mark_read_now();
    }

    /// Reads `paths` again as one layer.
    pub fn read(paths: Vec<PathBuf>, options: &ReadOptions) -> Result<Self, LoadError> {
        // Taken before reading, so a change made while the files are read is seen afterwards.
        let before = modified_times(&paths);
        let mut layers = read_layers(paths.clone(), options)?;
        match (layers.pop(), layers.is_empty()) {
            (Some(mut layer), true) => {
                layer.modified = before;
                Ok(layer)
            }
            _ => Err(LoadError::new(vec![Problem {
                file: paths
                    .first()
                    .map(|p| p.display().to_string())
                    .unwrap_or_default(),
                line: 0,
                column: 0,
                message: "no longer holds one layer of data".into(),
            }])),
        }
    }

    /// The rows of a database query as a layer, named by its redacted connection string;
    /// `index` picks its colour.
    pub fn from_database(
        database: &DatabaseQuery,
        index: usize,
        options: &ReadOptions,
    ) -> Result<Self, LoadError> {
        let (loaded, _) = load_query(database, index, &options.progress)?;
        Ok(Self {
            label: redacted(&database.url),
            paths: Vec::new(),
            format: Format::Database,
            scenario: Arc::new(loaded.scenario),
            visible: true,
            problems: loaded.problems,
            modified: Vec::new(),
            settling: None,
            stale_problems: Vec::new(),
            options: options.clone(),
            bound_query: None,
        })
    }

    /// A database layer with nothing in it (a view-bound query found no rows in view).
    fn empty_database(database: &DatabaseQuery, options: &ReadOptions) -> Self {
        Self {
            label: redacted(&database.url),
            paths: Vec::new(),
            format: Format::Database,
            scenario: Arc::new(Scenario::default()),
            visible: true,
            problems: Vec::new(),
            modified: Vec::new(),
            settling: None,
            stale_problems: Vec::new(),
            options: options.clone(),
            bound_query: None,
        }
    }

    /// How this layer's files were read.
    pub fn read_options(&self) -> &ReadOptions {
        &self.options
    }

    fn from_loaded(
        paths: Vec<PathBuf>,
        format: Format,
        loaded: Loaded,
        options: &ReadOptions,
    ) -> Self {
        let label = paths
            .iter()
            .map(|path| {
                path.file_name().map_or_else(
                    || path.display().to_string(),
                    |n| n.to_string_lossy().into_owned(),
                )
            })
            .collect::<Vec<_>>()
            .join(", ");
        Self {
            label,
            modified: modified_times(&paths),
            settling: None,
            stale_problems: Vec::new(),
            paths,
            format,
            scenario: Arc::new(loaded.scenario),
            visible: true,
            problems: loaded.problems,
            options: options.clone(),
            bound_query: None,
        }
    }

    /// Whether this is the built-in scenario.
    pub fn is_built_in(&self) -> bool {
        self.paths.is_empty() && self.format != Format::Database
    }

    /// Takes the files' present modification times as read, so an unreadable version is not
    /// tried again until the files change once more.
    pub fn mark_read_now(&mut self) {
        self.modified = modified_times(&self.paths);
    }

    /// Whether any of its files changed on disk since it was read.
    pub fn changed_on_disk(&self) -> bool {
        !self.is_built_in() && modified_times(&self.paths) != self.modified
    }

    /// Whether its files changed since they were read and have since stayed the same (size and
    /// modification time) for [`SETTLE_SECS`]; `now_secs` is any clock in seconds. Call it
    /// often while [`DataLayer::is_settling`].
    pub fn changed_and_settled(&mut self, now_secs: f64) -> bool {
        if self.is_built_in() {
            return false;
        }
        let now = modified_times(&self.paths);
        if now == self.modified {
            self.settling = None;
            return false;
        }
        match &self.settling {
            Some((seen, since)) if *seen == now => {
                if now_secs - since >= SETTLE_SECS {
                    self.settling = None;
                    true
                } else {
                    false
                }
            }
            _ => {
                self.settling = Some((now, now_secs));
                false
            }
        }
    }

    /// Whether a change was seen and is waiting to settle.
    pub fn is_settling(&self) -> bool {
        self.settling.is_some()
    }
}

/// Reads `paths` as layers, through the same [`load_groups`] the command line uses: files in
/// the scenario format together (they may refer to each other's sites), every other file as a
/// layer of its own. Each file is parsed once.
pub fn read_layers(
    paths: Vec<PathBuf>,
    options: &ReadOptions,
) -> Result<Vec<DataLayer>, LoadError> {
    Ok(load_groups(&paths, options)?
        .into_iter()
        .map(
            |LoadedGroup {
                 paths,
                 format,
                 loaded,
             }| DataLayer::from_loaded(paths, format, loaded, options),
        )
        .collect())
}

/// The visible layers joined into the one scenario the map, timeline and lists show. A single
/// visible layer is shared, not copied, so a big file is held once.
pub fn joined(layers: &[DataLayer]) -> Arc<Scenario> {
    let mut visible = layers.iter().filter(|layer| layer.visible);
    match (visible.next(), visible.next()) {
        (None, _) => Arc::new(Scenario::default()),
        (Some(only), None) => Arc::clone(&only.scenario),
        (Some(first), Some(second)) => {
            let mut scenario = (*first.scenario).clone();
            for layer in std::iter::once(second).chain(visible) {
                scenario.append((*layer.scenario).clone());
            }
            Arc::new(scenario)
        }
    }
}

/// What a background read is for.
#[derive(Clone, Debug, PartialEq)]
pub enum LoadPurpose {
    /// New layers to add.
    Open,
    /// The layer at this index changed on disk.
    Reload(usize),
    /// A new layer from a database query.
    Database,
}

/// A read running on its own thread: a [`Job`] and what its result is for.
pub struct LoadJob {
    /// What the result is for.
    pub purpose: LoadPurpose,
    /// The files being read.
    pub paths: Vec<PathBuf>,
    /// When it started.
    pub started: Instant,
    /// How far it got; cancelling it stops the reader.
    pub progress: ReadProgress,
    job: Job<Vec<DataLayer>, LoadError>,
}

impl LoadJob {
    /// Starts reading `paths` with `options`; `wake` is called when done.
    pub fn start(
        paths: Vec<PathBuf>,
        options: ReadOptions,
        purpose: LoadPurpose,
        wake: impl Fn() + Send + 'static,
    ) -> Self {
        let thread_paths = paths.clone();
        let reload = matches!(purpose, LoadPurpose::Reload(_));
        let job = Job::start(
            move |progress| {
                let options = ReadOptions {
                    progress: progress.clone(),
                    ..options
                };
                if reload {
                    DataLayer::read(thread_paths, &options).map(|layer| vec![layer])
                } else {
                    read_layers(thread_paths, &options)
                }
            },
            wake,
        );
        Self {
            purpose,
            paths,
            started: job.started(),
            progress: job.progress().clone(),
            job,
        }
    }

    /// Starts reading the rows of `database` as a layer (`index` picks its colour) for
    /// `purpose`: a new layer, or the layer at `index` asked again. With `bound`, the layer keeps
    /// its query without the view, to ask again when the view changes; a view with nothing in it
    /// is then an empty layer, not a failure. `wake` is called when done. Messages name it by
    /// its redacted connection string.
    pub fn start_database(
        database: DatabaseQuery,
        options: ReadOptions,
        index: usize,
        purpose: LoadPurpose,
        bound: bool,
        wake: impl Fn() + Send + 'static,
    ) -> Self {
        let label = PathBuf::from(redacted(&database.url));
        let job = Job::start(
            move |progress| {
                let options = ReadOptions {
                    progress: progress.clone(),
                    ..options
                };
                let mut layer = match DataLayer::from_database(&database, index, &options) {
                    Ok(layer) => layer,
                    Err(error)
                        if bound
                            && !error.cancelled
                            && error
                                .problems
                                .iter()
                                .all(|p| p.message.starts_with(NOTHING_READ)) =>
                    {
                        DataLayer::empty_database(&database, &options)
                    }
                    Err(error) => return Err(error),
                };
                if bound {
                    layer.bound_query = Some(DatabaseQuery {
                        view: None,
                        ..database
                    });
                }
                Ok(vec![layer])
            },
            wake,
        );
        Self {
            purpose,
            paths: vec![label],
            started: job.started(),
            progress: job.progress().clone(),
            job,
        }
    }

    /// The layers read, once done. A cancelled read ends in a [`LoadError`] that says so.
    pub fn poll(&self) -> Option<Result<Vec<DataLayer>, LoadError>> {
        Some(match self.job.poll()? {
            JobOutcome::Done(layers) => Ok(layers),
            JobOutcome::Failed(error) => Err(error),
            JobOutcome::Cancelled => Err(LoadError::cancelled(&self.paths)),
            JobOutcome::Vanished => Err(LoadError::new(vec![Problem {
                file: self
                    .paths
                    .first()
                    .map(|p| p.display().to_string())
                    .unwrap_or_default(),
                line: 0,
                column: 0,
                message: "reading stopped unexpectedly".into(),
            }])),
        })
    }
}
