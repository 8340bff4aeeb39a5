//! Reading a large file without holding all of it: the file is mapped into memory, checked to be
//! UTF-8 a piece at a time, and the pages a reader has moved past are handed back, so a 1 GB
//! file is read in a few megabytes of memory besides what it holds.
//!
//! A mapped file that another program truncates while it is read makes the reading process fail
//! (as any program reading a mapped file does); files are only read, never written.

use super::formats::{Format, read_document};
use super::input_file::{InputError, read_input_checks};
use super::{LoadError, Loaded, ReadOptions};
use memmap2::{Mmap, UncheckedAdvice};
use std::path::Path;

/// Reads `path` mapped when it is a regular UTF-8 file of at least [`MAP_FROM_BYTES`] in a
/// format other than the scenario format; `None` when it is to be read whole instead (any
/// problem opening it is then reported by the whole-file reader). `index` picks the layer's
/// colour.
pub fn read_mapped(
    path: &Path,
    index: usize,
    options: &ReadOptions,
) -> Option<(Format, Result<Loaded, LoadError>)> {
    let mapped = MappedText::open(path, MAP_FROM_BYTES, options.max_input_bytes()).ok()??;
    let name = path.display().to_string();
    let release = |offset: usize| mapped.release_before(offset);
    let read = read_document(&name, mapped.text(), index, options, Some(&release));
    mapped.release_before(mapped.text().len());
    read
}

/// Files at least this large are mapped; smaller ones are read whole, which is as cheap.
pub const MAP_FROM_BYTES: u64 = 8 << 20;

/// How much of the file is checked for UTF-8 before its pages are handed back.
const CHECK_PIECE_BYTES: usize = 8 << 20;

/// A regular file mapped as UTF-8 text.
pub struct MappedText {
    map: Mmap,
    /// Where the text starts: after a UTF-8 byte-order mark, if any.
    start: usize,
}

impl MappedText {
    /// Maps `path` when it is a regular UTF-8 file of at least `min_bytes` and at most
    /// `max_bytes`. `Ok(None)` when it is anything else (smaller, a pipe, another encoding, not
    /// valid UTF-8): the caller reads it whole, which says what is wrong and where.
    pub fn open(path: &Path, min_bytes: u64, max_bytes: u64) -> Result<Option<Self>, InputError> {
        let metadata = read_input_checks(path, max_bytes)?;
        if !metadata.is_file() || metadata.len() < min_bytes.max(1) {
            return Ok(None);
        }
        let Ok(file) = std::fs::File::open(path) else {
            return Ok(None);
        };
        // SAFETY: the map is only read. If another program truncates the file meanwhile, reading
        // the lost pages stops the process (SIGBUS); that is documented above.
        let Ok(map) = (unsafe { Mmap::map(&file) }) else {
            return Ok(None);
        };
        let bytes: &[u8] = &map;
        let start = if bytes.starts_with(b"\xEF\xBB\xBF") {
            3
        } else {
            0
        };
        // UTF-16 and UTF-32 files (with or without a mark) have zero bytes near the start.
        if bytes[..bytes.len().min(4096)].contains(&0) {
            return Ok(None);
        }
        let mapped = Self { map, start };
        if !mapped.is_utf8() {
            return Ok(None);
        }
        Ok(Some(mapped))
    }

    /// Checks the text piece by piece, handing each piece back after it is checked.
    fn is_utf8(&self) -> bool {
        let bytes = &self.map[self.start..];
        let mut at = 0;
        while at < bytes.len() {
            let mut end = (at + CHECK_PIECE_BYTES).min(bytes.len());
            // Do not cut a character: back up to the start of one.
            while end < bytes.len() && bytes[end] & 0xC0 == 0x80 && end > at {
                end -= 1;
            }
            if std::str::from_utf8(&bytes[at..end]).is_err() {
                return false;
            }
            at = end;
            self.release_before(self.start + at);
        }
        true
    }

    /// The text.
    pub fn text(&self) -> &str {
        // SAFETY: `open` checked every byte after `start` is UTF-8.
        unsafe { std::str::from_utf8_unchecked(&self.map[self.start..]) }
    }

    /// Hands back the pages before byte `offset` of [`Self::text`]: they are read again from the
    /// file if needed (to locate a problem), and no longer count against this process.
    pub fn release_before(&self, offset: usize) {
        let len = (self.start + offset).min(self.map.len());
        // SAFETY: the map is private and read-only, so dropping its pages loses nothing: the
        // kernel reads them from the file again if they are touched.
        let _ = unsafe {
            self.map
                .unchecked_advise_range(UncheckedAdvice::DontNeed, 0, len)
        };
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file_with(bytes: &[u8]) -> (std::path::PathBuf, impl Drop) {
        struct Remove(std::path::PathBuf);
        impl Drop for Remove {
            fn drop(&mut self) {
                let _ = std::fs::remove_file(&self.0);
            }
        }
        let path = std::env::temp_dir().join(format!(
            "deploymap-mapped-{}-{}.json",
            std::process::id(),
            bytes.len()
        ));
        std::fs::write(&path, bytes).unwrap();
        (path.clone(), Remove(path))
    }

    #[test]
    fn a_utf8_file_maps_without_its_mark_and_survives_releasing_its_pages() {
        let mut bytes = b"\xEF\xBB\xBF".to_vec();
        bytes.extend(
            "{\"name\": \"Tall Tamr – تل تمر\"}\n"
                .repeat(1000)
                .as_bytes(),
        );
        let (path, _remove) = file_with(&bytes);
        let mapped = MappedText::open(&path, 0, 1 << 30).unwrap().unwrap();
        assert_eq!(mapped.text().as_bytes(), &bytes[3..]);
        mapped.release_before(mapped.text().len());
        // Pages handed back are read again from the file.
        assert_eq!(mapped.text().as_bytes(), &bytes[3..]);
    }

    #[test]
    fn small_files_other_encodings_and_bad_bytes_are_left_to_the_whole_file_reader() {
        let (path, _remove) = file_with(b"{\"a\": 1}");
        assert!(MappedText::open(&path, 1 << 20, 1 << 30).unwrap().is_none());
        let (path, _remove) = file_with(b"\xFF\xFE{\x00}\x00");
        assert!(MappedText::open(&path, 0, 1 << 30).unwrap().is_none());
        let (path, _remove) = file_with(b"{\"a\": \"\xC3\x28\"}...");
        assert!(MappedText::open(&path, 0, 1 << 30).unwrap().is_none());
        let (path, _remove) = file_with(&[b'x'; 100]);
        assert!(MappedText::open(&path, 0, 10).is_err());
    }
}
