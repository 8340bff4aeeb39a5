//! The recovery file: unsaved edits written every few seconds to the data folder, so that a
//! crash or a kill loses little. Each running window writes its own file
//! (`recovery-PID.json`); at the next start, a file whose process is gone is offered.

use crate::io::{SourceText, parse_scenario, scenario_to_json, write_atomically};
use crate::model::Scenario;
use std::path::{Path, PathBuf};

/// The environment variable that moves the data folder (for tests, and for portable setups).
pub const DATA_DIR_ENV: &str = "DEPLOYMAP_DATA_DIR";

/// How often unsaved edits are written to the recovery file, in seconds.
pub const AUTOSAVE_SECS: f64 = 3.0;

/// The folder where recovery files go: `$DEPLOYMAP_DATA_DIR`, else the user's data folder (on
/// Linux `~/.local/share/deploymap/`).
pub fn data_dir() -> PathBuf {
    if let Some(dir) = std::env::var_os(DATA_DIR_ENV).filter(|dir| !dir.is_empty()) {
        return PathBuf::from(dir);
    }
    directories::ProjectDirs::from("", "", "deploymap").map_or_else(
        || std::env::temp_dir().join("deploymap"),
        |dirs| dirs.data_dir().to_path_buf(),
    )
}

/// What a recovery file holds.
#[derive(Clone, Debug, serde::Serialize, serde::Deserialize)]
pub struct RecoveryFile {
    /// When it was written, RFC 3339.
    pub saved_at: String,
    /// The process that wrote it.
    pub pid: u32,
    /// The files the edited data came from (none for the built-in or a new scenario).
    pub origin: Vec<PathBuf>,
    /// What the data was called.
    pub label: String,
    /// Where Save would have written, if it knew.
    pub save_path: Option<PathBuf>,
    /// The scenario, in the scenario format.
    pub scenario: String,
}

impl RecoveryFile {
    /// Reads the recovery file at `path`.
    pub fn read(path: &Path) -> Result<Self, String> {
        let text = std::fs::read_to_string(path)
            .map_err(|e| format!("{}: cannot be read ({e})", path.display()))?;
        serde_json::from_str(&text).map_err(|e| {
            format!(
                "{}:{}:{}: not a recovery file ({e})",
                path.display(),
                e.line(),
                e.column()
            )
        })
    }

    /// The scenario it holds.
    pub fn scenario(&self, path: &Path) -> Result<Scenario, String> {
        parse_scenario(&[SourceText {
            name: path.display().to_string(),
            text: self.scenario.clone(),
        }])
        .map(|loaded| loaded.scenario)
        .map_err(|e| e.to_string())
    }

    /// What it is edits of, for the question.
    pub fn origin_text(&self) -> String {
        if self.origin.is_empty() {
            self.label.clone()
        } else {
            self.origin
                .iter()
                .map(|path| path.display().to_string())
                .collect::<Vec<_>>()
                .join(", ")
        }
    }
}

/// Whether the process `pid` is running.
fn is_running(pid: u32) -> bool {
    if pid == std::process::id() {
        return true;
    }
    #[cfg(target_os = "linux")]
    {
        Path::new("/proc").join(pid.to_string()).exists()
    }
    #[cfg(not(target_os = "linux"))]
    {
        // Elsewhere a file is offered once its writer is not this process.
        false
    }
}

/// The recovery files in `dir` left by processes that are gone, newest first.
pub fn orphans(dir: &Path) -> Vec<PathBuf> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut found: Vec<(std::time::SystemTime, PathBuf)> = entries
        .filter_map(Result::ok)
        .filter_map(|entry| {
            let name = entry.file_name().to_string_lossy().into_owned();
            let pid: u32 = name
                .strip_prefix("recovery-")?
                .strip_suffix(".json")?
                .parse()
                .ok()?;
            if is_running(pid) {
                return None;
            }
            let modified = entry.metadata().ok()?.modified().ok()?;
            Some((modified, entry.path()))
        })
        .collect();
    found.sort_by_key(|(modified, _)| std::cmp::Reverse(*modified));
    found.into_iter().map(|(_, path)| path).collect()
}

/// Autosave's state in the window.
#[derive(Debug, Default)]
pub struct Autosave {
    /// The folder, found once.
    dir: Option<PathBuf>,
    /// When to write next, in egui's seconds.
    next_secs: f64,
    /// The version of the scenario last written, so an unchanged scenario is not written again.
    written_version: Option<u64>,
    /// Whether this window's file exists.
    written: bool,
    /// A file left by a crash, offered to the user.
    pub offer: Option<PathBuf>,
    /// Why the last write failed, once.
    pub error: Option<String>,
}

impl Autosave {
    /// Autosave to `dir` rather than [`data_dir`].
    pub fn in_dir(dir: PathBuf) -> Self {
        Self {
            dir: Some(dir),
            ..Self::default()
        }
    }

    fn dir(&mut self) -> PathBuf {
        self.dir.get_or_insert_with(data_dir).clone()
    }

    /// This window's recovery file.
    pub fn own_path(&mut self) -> PathBuf {
        self.dir()
            .join(format!("recovery-{}.json", std::process::id()))
    }

    /// Writes the recovery file when `now_secs` has come and the scenario changed since the
    /// last write; returns whether it wrote.
    pub fn tick(
        &mut self,
        now_secs: f64,
        version: u64,
        contents: impl FnOnce() -> RecoveryFile,
    ) -> bool {
        if now_secs < self.next_secs || self.written_version == Some(version) {
            return false;
        }
        self.next_secs = now_secs + AUTOSAVE_SECS;
        let path = self.own_path();
        let file = contents();
        let result = serde_json::to_vec_pretty(&file)
            .map_err(|e| e.to_string())
            .and_then(|bytes| {
                if let Some(dir) = path.parent() {
                    std::fs::create_dir_all(dir).map_err(|e| e.to_string())?;
                }
                write_atomically(&path, &bytes, true).map_err(|e| e.to_string())
            });
        match result {
            Ok(()) => {
                self.written_version = Some(version);
                self.written = true;
                self.error = None;
                true
            }
            Err(error) => {
                self.error = Some(format!("Recovery file not written: {error}"));
                false
            }
        }
    }

    /// Removes this window's recovery file (after a save, or a deliberate quit).
    pub fn remove_own(&mut self) {
        if self.written {
            let path = self.own_path();
            std::fs::remove_file(path).ok();
            self.written = false;
        }
        self.written_version = None;
    }

    /// Looks for a file left by a crash; returns it with what it holds.
    pub fn find_offer(&mut self) -> Option<(PathBuf, RecoveryFile)> {
        let dir = self.dir();
        let (path, file) = orphans(&dir)
            .into_iter()
            .find_map(|path| RecoveryFile::read(&path).ok().map(|file| (path, file)))?;
        self.offer = Some(path.clone());
        Some((path, file))
    }

    /// Deletes the file offered.
    pub fn discard_offer(&mut self) {
        if let Some(path) = self.offer.take() {
            std::fs::remove_file(path).ok();
        }
    }

    /// Makes the file offered this window's own (renamed, so a crash now still leaves it).
    pub fn claim_offer(&mut self) -> Option<PathBuf> {
        let offered = self.offer.take()?;
        let own = self.own_path();
        std::fs::rename(&offered, &own).ok()?;
        self.written = true;
        Some(own)
    }
}

/// The recovery file for `scenario`.
pub fn recovery_contents(
    scenario: &Scenario,
    origin: Vec<PathBuf>,
    label: String,
    save_path: Option<PathBuf>,
) -> RecoveryFile {
    // Absolute, so the next start finds them from any folder.
    let absolute = |path: PathBuf| std::path::absolute(&path).unwrap_or(path);
    RecoveryFile {
        saved_at: jiff::Timestamp::now().to_string(),
        pid: std::process::id(),
        origin: origin.into_iter().map(absolute).collect(),
        label,
        save_path: save_path.map(absolute),
        scenario: scenario_to_json(scenario),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scratch(name: &str) -> PathBuf {
        let dir =
            std::env::temp_dir().join(format!("deploymap-recovery-{}-{name}", std::process::id()));
        std::fs::remove_dir_all(&dir).ok();
        std::fs::create_dir_all(&dir).unwrap_or_else(|e| panic!("{e}"));
        dir
    }

    fn contents() -> RecoveryFile {
        recovery_contents(&Scenario::default(), vec![], "New scenario".into(), None)
    }

    #[test]
    fn autosave_writes_when_due_and_changed_and_removes_its_file() {
        let dir = scratch("tick");
        let mut autosave = Autosave::in_dir(dir.clone());
        let own = autosave.own_path();
        assert!(autosave.tick(10.0, 1, contents));
        assert!(own.exists());
        assert!(!autosave.tick(11.0, 2, contents), "not due yet");
        assert!(!autosave.tick(20.0, 1, contents), "unchanged");
        assert!(autosave.tick(20.0, 2, contents));
        let read = RecoveryFile::read(&own).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(read.pid, std::process::id());
        assert_eq!(read.label, "New scenario");
        autosave.remove_own();
        assert!(!own.exists());
        std::fs::remove_dir_all(&dir).ok();
    }

    #[test]
    fn only_files_of_processes_that_are_gone_are_offered_and_claimed() {
        let dir = scratch("orphans");
        let mut mine = Autosave::in_dir(dir.clone());
        assert!(mine.tick(0.0, 1, contents));
        // A pid no process has: above the kernel's pid_max.
        let gone = dir.join("recovery-4294967295.json");
        std::fs::copy(mine.own_path(), &gone).unwrap_or_else(|e| panic!("{e}"));
        std::fs::write(dir.join("recovery-notes.txt"), "not ours")
            .unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(orphans(&dir), vec![gone.clone()]);
        mine.remove_own();
        let mut next = Autosave::in_dir(dir.clone());
        let (offered, file) = next
            .find_offer()
            .unwrap_or_else(|| panic!("nothing offered"));
        assert_eq!(offered, gone);
        assert_eq!(file.label, "New scenario");
        let claimed = next.claim_offer().unwrap_or_else(|| panic!("not claimed"));
        assert!(!gone.exists());
        assert!(claimed.exists());
        assert!(orphans(&dir).is_empty(), "its own file is not offered");
        next.remove_own();
        assert!(!claimed.exists());
        std::fs::remove_dir_all(&dir).ok();
    }

    #[test]
    fn a_broken_recovery_file_says_where() {
        let dir = scratch("broken");
        let path = dir.join("recovery-1.json");
        std::fs::write(&path, "{\n  \"saved_at\": 3").unwrap_or_else(|e| panic!("{e}"));
        let error = RecoveryFile::read(&path).expect_err("broken");
        assert!(error.contains("recovery-1.json:2:"), "{error}");
        std::fs::remove_dir_all(&dir).ok();
    }
}
