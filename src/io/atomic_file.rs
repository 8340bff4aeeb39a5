//! Saving a file the safe way: written to a temporary file in the same folder, synced, then
//! renamed into place, so a crash leaves either the old file or the new one, never half of one.
//! An existing file is replaced only when the caller says so.

use std::io::Write as _;
use std::path::{Path, PathBuf};

/// Why a file could not be saved.
#[derive(Debug, thiserror::Error)]
pub enum SaveError {
    /// The target exists and overwriting was not asked for.
    #[error("{} already exists; expected a new file name, or permission to overwrite it", .0.display())]
    Exists(PathBuf),
    /// Writing, syncing or renaming failed.
    #[error("could not write {}: {cause}", path.display())]
    Write {
        /// The file that was to be written.
        path: PathBuf,
        /// What the system said.
        #[source]
        cause: std::io::Error,
    },
    /// The path names no file (for example it ends in `..`).
    #[error("{}: expected a file name", .0.display())]
    NotAFile(PathBuf),
}

/// Removes its file when dropped, unless the file was moved into place.
struct Temporary {
    path: PathBuf,
    kept: bool,
}

impl Drop for Temporary {
    fn drop(&mut self) {
        if !self.kept {
            std::fs::remove_file(&self.path).ok();
        }
    }
}

/// Writes `bytes` to `target` atomically: a temporary file beside it (`.NAME.PID.saving`),
/// synced, then moved into place. Without `overwrite`, an existing `target` is left alone and
/// [`SaveError::Exists`] returned, also when it appears while writing.
pub fn write_atomically(target: &Path, bytes: &[u8], overwrite: bool) -> Result<(), SaveError> {
    if !overwrite && target.exists() {
        return Err(SaveError::Exists(target.to_path_buf()));
    }
    let name = target
        .file_name()
        .map(|name| name.to_string_lossy().into_owned())
        .ok_or_else(|| SaveError::NotAFile(target.to_path_buf()))?;
    let write_error = |cause| SaveError::Write {
        path: target.to_path_buf(),
        cause,
    };
    let mut temporary = Temporary {
        path: target.with_file_name(format!(".{name}.{}.saving", std::process::id())),
        kept: false,
    };
    let mut file = std::fs::File::create(&temporary.path).map_err(write_error)?;
    file.write_all(bytes).map_err(write_error)?;
    file.sync_all().map_err(write_error)?;
    drop(file);
    if overwrite {
        std::fs::rename(&temporary.path, target).map_err(write_error)?;
        temporary.kept = true;
    } else {
        // A hard link never replaces an existing file, so a file created meanwhile is kept.
        match std::fs::hard_link(&temporary.path, target) {
            Ok(()) => {}
            Err(error) if error.kind() == std::io::ErrorKind::AlreadyExists => {
                return Err(SaveError::Exists(target.to_path_buf()));
            }
            // Folders without hard links (some network and FAT file systems): check, then rename.
            Err(_) if target.exists() => return Err(SaveError::Exists(target.to_path_buf())),
            Err(_) => {
                std::fs::rename(&temporary.path, target).map_err(write_error)?;
                temporary.kept = true;
            }
        }
    }
    sync_folder(target);
    Ok(())
}

/// Syncs the folder of `target`, so the rename itself survives a power cut (best effort).
fn sync_folder(target: &Path) {
    let folder = match target.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent,
        _ => Path::new("."),
    };
    if let Ok(handle) = std::fs::File::open(folder) {
        handle.sync_all().ok();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scratch(name: &str) -> PathBuf {
        let folder =
            std::env::temp_dir().join(format!("deploymap-atomic-{}-{name}", std::process::id()));
        std::fs::create_dir_all(&folder).unwrap();
        folder
    }

    #[test]
    fn a_new_file_is_written_and_an_existing_one_kept_unless_asked() {
        let folder = scratch("keep");
        let target = folder.join("out.json");
        std::fs::remove_file(&target).ok();
        write_atomically(&target, b"first", false).unwrap();
        assert_eq!(std::fs::read(&target).unwrap(), b"first");
        let refused = write_atomically(&target, b"second", false);
        assert!(matches!(refused, Err(SaveError::Exists(_))), "{refused:?}");
        assert_eq!(std::fs::read(&target).unwrap(), b"first");
        write_atomically(&target, b"third", true).unwrap();
        assert_eq!(std::fs::read(&target).unwrap(), b"third");
        // No temporary file is left behind.
        let names: Vec<_> = std::fs::read_dir(&folder)
            .unwrap()
            .map(|entry| entry.unwrap().file_name())
            .collect();
        assert_eq!(names, vec![std::ffi::OsString::from("out.json")]);
        std::fs::remove_dir_all(&folder).ok();
    }

    #[test]
    fn a_missing_folder_is_an_error_naming_the_file() {
        let target = scratch("missing").join("no/such/folder/out.json");
        let error = write_atomically(&target, b"x", false).unwrap_err();
        assert!(error.to_string().contains("out.json"), "{error}");
    }
}
