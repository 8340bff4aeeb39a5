//! Writing an export: to a temporary file beside the target, renamed over it only when complete,
//! and never over an existing file unless asked.

use super::ExportError;
use std::fs::File;
use std::io::BufWriter;
use std::path::{Path, PathBuf};

/// An output being written. Dropped without [`OutputFile::commit`], it leaves nothing behind.
pub struct OutputFile {
    target: PathBuf,
    temporary: TemporaryPath,
    overwrite: bool,
    writer: BufWriter<File>,
}

/// Removes its file when dropped, unless the file was renamed into place.
struct TemporaryPath {
    path: PathBuf,
    kept: bool,
}

impl Drop for TemporaryPath {
    fn drop(&mut self) {
        if !self.kept {
            std::fs::remove_file(&self.path).ok();
        }
    }
}

impl OutputFile {
    /// Starts writing `target`. Fails at once if it exists and `overwrite` is false, or if its
    /// folder cannot be written.
    pub fn create(target: &Path, overwrite: bool) -> Result<Self, ExportError> {
        if !overwrite && target.exists() {
            return Err(ExportError::Exists(target.to_path_buf()));
        }
        remove_stale_partials(target);
        let name = target
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .ok_or_else(|| {
                ExportError::Invalid(format!("{}: expected a file name", target.display()))
            })?;
        let path = target.with_file_name(format!(".{name}.{}.partial", std::process::id()));
        let file = File::create(&path).map_err(|cause| ExportError::Write {
            path: target.to_path_buf(),
            cause,
        })?;
        Ok(Self {
            target: target.to_path_buf(),
            temporary: TemporaryPath { path, kept: false },
            overwrite,
            writer: BufWriter::new(file),
        })
    }

    /// The temporary file, for encoders that write by path.
    pub fn temporary_path(&self) -> &Path {
        &self.temporary.path
    }

    /// The writer for the content.
    pub fn writer(&mut self) -> &mut BufWriter<File> {
        &mut self.writer
    }

    /// Flushes, syncs and renames the finished file over the target.
    pub fn commit(self) -> Result<PathBuf, ExportError> {
        let Self {
            target,
            mut temporary,
            overwrite,
            writer,
        } = self;
        let write_error = |cause| ExportError::Write {
            path: target.clone(),
            cause,
        };
        let file = writer
            .into_inner()
            .map_err(|e| write_error(e.into_error()))?;
        file.sync_all().map_err(write_error)?;
        if !overwrite && target.exists() {
            return Err(ExportError::Exists(target));
        }
        std::fs::rename(&temporary.path, &target).map_err(write_error)?;
        temporary.kept = true;
        Ok(target)
    }
}

/// Removes the temporary files (`.NAME.PID.partial`) that exports killed outright (SIGKILL, a
/// power cut) left in the folder of `target`, when the process that wrote them is gone.
/// Returns the files removed, so the user can be told.
pub fn remove_stale_partials(target: &Path) -> Vec<PathBuf> {
    let folder = match target.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent,
        _ => Path::new("."),
    };
    let Ok(entries) = std::fs::read_dir(folder) else {
        return Vec::new();
    };
    let mut removed = Vec::new();
    for entry in entries.flatten() {
        let name = entry.file_name();
        let Some(pid) = name.to_str().and_then(partial_file_pid) else {
            continue;
        };
        let is_file = entry.file_type().is_ok_and(|kind| kind.is_file());
        if is_file && pid != std::process::id() && !process_is_alive(pid) {
            let path = entry.path();
            if std::fs::remove_file(&path).is_ok() {
                removed.push(path);
            }
        }
    }
    removed.sort();
    removed
}

/// The process id in a temporary file name `.NAME.PID.partial`, if it is one.
fn partial_file_pid(file_name: &str) -> Option<u32> {
    let stem = file_name.strip_prefix('.')?.strip_suffix(".partial")?;
    let (name, pid) = stem.rsplit_once('.')?;
    if name.is_empty() || !pid.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    pid.parse().ok()
}

/// Whether a process with this id runs. Where that cannot be told, it is taken to run, so that
/// nothing another export is still writing is removed.
fn process_is_alive(pid: u32) -> bool {
    if cfg!(target_os = "linux") {
        Path::new("/proc").join(pid.to_string()).exists()
    } else {
        true
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write as _;

    fn scratch(name: &str) -> PathBuf {
        let dir =
            std::env::temp_dir().join(format!("deploymap-output-{}-{name}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        dir
    }

    #[test]
    fn a_committed_file_appears_whole_and_an_abandoned_one_leaves_nothing() {
        let dir = scratch("commit");
        let target = dir.join("out.png");
        let mut output = OutputFile::create(&target, false).unwrap();
        output.writer().write_all(b"picture").unwrap();
        assert!(!target.exists(), "nothing at the target before the commit");
        output.commit().unwrap();
        assert_eq!(std::fs::read(&target).unwrap(), b"picture");

        let other = dir.join("other.png");
        let mut abandoned = OutputFile::create(&other, false).unwrap();
        abandoned.writer().write_all(b"half").unwrap();
        drop(abandoned);
        let left: Vec<_> = std::fs::read_dir(&dir)
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(left, vec![std::ffi::OsString::from("out.png")]);
        std::fs::remove_dir_all(&dir).ok();
    }

    #[test]
    fn an_existing_file_is_kept_unless_overwriting_is_asked_for() {
        let dir = scratch("exists");
        let target = dir.join("out.gif");
        std::fs::write(&target, b"mine").unwrap();
        assert!(matches!(
            OutputFile::create(&target, false),
            Err(ExportError::Exists(_))
        ));
        assert_eq!(std::fs::read(&target).unwrap(), b"mine");
        let mut output = OutputFile::create(&target, true).unwrap();
        output.writer().write_all(b"new").unwrap();
        output.commit().unwrap();
        assert_eq!(std::fs::read(&target).unwrap(), b"new");
        std::fs::remove_dir_all(&dir).ok();
    }

    #[test]
    fn leftovers_of_dead_exports_are_removed_and_those_of_live_ones_kept() {
        let dir = scratch("leftovers");
        // Process ids above the kernel's limit (4194304) are never alive.
        let dead = dir.join(".old.gif.4999999.partial");
        let mine = dir.join(format!(".run.gif.{}.partial", std::process::id()));
        let alive = dir.join(".init.gif.1.partial");
        let unrelated = dir.join(".notes.partial");
        for path in [&dead, &mine, &alive, &unrelated] {
            std::fs::write(path, b"x").unwrap();
        }
        let removed = remove_stale_partials(&dir.join("new.gif"));
        assert_eq!(removed, vec![dead.clone()]);
        assert!(!dead.exists());
        assert!(mine.exists() && alive.exists() && unrelated.exists());
        std::fs::remove_dir_all(&dir).ok();
    }

    #[test]
    fn partial_names_are_recognised_exactly() {
        assert_eq!(partial_file_pid(".out.png.123.partial"), Some(123));
        assert_eq!(partial_file_pid(".a.b.c.9.partial"), Some(9));
        assert_eq!(partial_file_pid("out.png.123.partial"), None);
        assert_eq!(partial_file_pid(".out.png.12x.partial"), None);
        assert_eq!(partial_file_pid("..123.partial"), None);
        assert_eq!(partial_file_pid(".out.png.123"), None);
    }

    #[test]
    fn an_unwritable_folder_is_reported_with_the_target() {
        let error = OutputFile::create(Path::new("/nonexistent-folder/out.png"), false)
            .err()
            .map(|e| e.to_string())
            .unwrap_or_default();
        assert!(
            error.contains("cannot write /nonexistent-folder/out.png"),
            "{error}"
        );
        assert_eq!(error.matches("os error 2").count(), 1, "{error}");
    }
}
