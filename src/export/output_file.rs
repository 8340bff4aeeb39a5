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
        let name = target
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .ok_or_else(|| {
                ExportError::Invalid(format!("{}: expected a file name", target.display()))
            })?;
        let path = target.with_file_name(format!(".{name}.{}.partial", std::process::id()));
        let file = File::create(&path).map_err(|source| ExportError::Write {
            path: target.to_path_buf(),
            source,
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
        let write_error = |source| ExportError::Write {
            path: target.clone(),
            source,
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
    fn an_unwritable_folder_is_reported_with_the_target() {
        let error = OutputFile::create(Path::new("/nonexistent-folder/out.png"), false)
            .err()
            .map(|e| e.to_string())
            .unwrap_or_default();
        assert!(
            error.contains("cannot write /nonexistent-folder/out.png"),
            "{error}"
        );
    }
}
