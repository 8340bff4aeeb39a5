//! Reads PMTiles v3 archives through the `pmtiles` crate, by range: the header and root
//! directory (the first 16 KiB), the metadata block, and single tiles on request. No code path
//! reads a whole archive, so a planet-sized basemap costs what its metadata costs.

use bytes::Bytes;
use pmtiles::{AsyncBackend, AsyncPmTilesReader, BackendResponse, PmtError, PmtResult, TileType};
use std::fs::File;
use std::io::{Read as _, Seek as _, SeekFrom};
use std::path::Path;
use std::sync::Mutex;

/// The most one read may fetch: more than any metadata block or tile a basemap holds, so a
/// broken header cannot make the program allocate gigabytes.
const MAX_READ_BYTES: usize = 64 * 1024 * 1024;

/// Why an archive could not be read.
#[derive(Debug, thiserror::Error)]
pub enum PmTilesInfoError {
    /// The file could not be read.
    #[error("{path}: cannot read the file: {cause}")]
    Read {
        /// Which file.
        path: String,
        /// Why.
        cause: std::io::Error,
    },
    /// The bytes are not what a PMTiles v3 archive holds.
    #[error("{path}: {message}")]
    Invalid {
        /// Which file.
        path: String,
        /// What was wrong and what was expected.
        message: String,
    },
}

/// What the header and metadata of an archive say.
#[derive(Clone, Debug, PartialEq)]
pub struct PmTilesInfo {
    /// Shallowest tile zoom in the archive.
    pub min_zoom: u8,
    /// Deepest tile zoom in the archive.
    pub max_zoom: u8,
    /// Whether tiles are vector (MVT) rather than raster.
    pub is_vector: bool,
    /// The archive's JSON metadata (an empty object when it has none).
    pub metadata: serde_json::Value,
    /// The area the header says the tiles cover, `[west, south, east, north]` in degrees.
    pub bounds: [f64; 4],
}

impl PmTilesInfo {
    /// The attribution the archive asks for, if any.
    pub fn attribution(&self) -> Option<&str> {
        self.metadata
            .get("attribution")
            .and_then(serde_json::Value::as_str)
    }

    /// Names of the vector layers the archive declares.
    pub fn layer_names(&self) -> Vec<String> {
        let Some(layers) = self.metadata.get("vector_layers") else {
            return Vec::new();
        };
        let parsed;
        let layers = match layers {
            serde_json::Value::String(text) => {
                // Some tilers write the list as a JSON string.
                parsed = serde_json::from_str::<serde_json::Value>(text).unwrap_or_default();
                &parsed
            }
            other => other,
        };
        layers
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(|layer| layer.get("id").and_then(serde_json::Value::as_str))
            .map(str::to_string)
            .collect()
    }

    /// Reads the header and metadata of the archive at `path`, and nothing else.
    pub fn read(path: &Path) -> Result<Self, PmTilesInfoError> {
        PmTilesArchive::open(path)?.info()
    }

    /// Reads the header and metadata of an archive held in memory.
    pub fn from_bytes(bytes: impl Into<Bytes>) -> Result<Self, String> {
        PmTilesArchive::from_bytes("(in memory)", bytes)
            .and_then(|archive| archive.info())
            .map_err(|error| match error {
                PmTilesInfoError::Invalid { message, .. } => message,
                other => other.to_string(),
            })
    }
}

/// Where the bytes of an archive are.
enum Source {
    /// A file, read by range.
    File(Mutex<File>),
    /// Bytes in memory (the embedded basemap).
    Memory(Bytes),
}

impl Source {
    /// The archive's length in bytes.
    fn len_bytes(&self) -> PmtResult<u64> {
        match self {
            Self::File(file) => {
                let file = file
                    .lock()
                    .map_err(|_| PmtError::Reading(std::io::Error::other("a read failed")))?;
                Ok(file.metadata()?.len())
            }
            Self::Memory(bytes) => Ok(bytes.len() as u64),
        }
    }

    fn read_range(&self, offset: usize, length: usize) -> PmtResult<Bytes> {
        if length > MAX_READ_BYTES {
            return Err(PmtError::Reading(std::io::Error::other(format!(
                "a block of {length} bytes is more than {MAX_READ_BYTES} bytes, the most read at once"
            ))));
        }
        match self {
            Self::File(file) => {
                let mut file = file
                    .lock()
                    .map_err(|_| PmtError::Reading(std::io::Error::other("a read failed")))?;
                file.seek(SeekFrom::Start(offset as u64))?;
                let mut bytes = Vec::with_capacity(length);
                file.by_ref().take(length as u64).read_to_end(&mut bytes)?;
                Ok(Bytes::from(bytes))
            }
            Self::Memory(bytes) => {
                let start = offset.min(bytes.len());
                let end = offset.saturating_add(length).min(bytes.len());
                Ok(bytes.slice(start..end))
            }
        }
    }
}

impl AsyncBackend for Source {
    fn read(
        &self,
        offset: usize,
        length: usize,
    ) -> impl Future<Output = PmtResult<BackendResponse>> + Send {
        std::future::ready(self.read_range(offset, length).map(BackendResponse::new))
    }
}

/// An open archive: its header and root directory are read, the rest is read on request.
pub struct PmTilesArchive {
    name: String,
    reader: AsyncPmTilesReader<Source, pmtiles::HashMapCache>,
}

impl PmTilesArchive {
    /// Opens the archive at `path`, reading its header and root directory.
    pub fn open(path: &Path) -> Result<Self, PmTilesInfoError> {
        let name = path.display().to_string();
        let file = File::open(path).map_err(|cause| PmTilesInfoError::Read {
            path: name.clone(),
            cause,
        })?;
        Self::from_source(name, Source::File(Mutex::new(file)))
    }

    /// Opens an archive held in memory; `name` is what messages call it.
    pub fn from_bytes(name: &str, bytes: impl Into<Bytes>) -> Result<Self, PmTilesInfoError> {
        Self::from_source(name.to_string(), Source::Memory(bytes.into()))
    }

    fn from_source(name: String, source: Source) -> Result<Self, PmTilesInfoError> {
        check_before_parsing(&source).map_err(|message| PmTilesInfoError::Invalid {
            path: name.clone(),
            message,
        })?;
        let opened = contained(&name, || {
            pollster::block_on(AsyncPmTilesReader::try_from_cached_source(
                source,
                pmtiles::HashMapCache::default(),
            ))
        })?;
        match opened {
            Ok(reader) if reader.get_header().spec_version() == 3 => Ok(Self { name, reader }),
            Ok(_) => Err(invalid(&name, &PmtError::UnsupportedPmTilesVersion)),
            Err(error) => Err(invalid(&name, &error)),
        }
    }

    /// The header's zooms and tile type, and the metadata block.
    pub fn info(&self) -> Result<PmTilesInfo, PmTilesInfoError> {
        let header = self.reader.get_header();
        let text = contained(&self.name, || {
            pollster::block_on(self.reader.get_metadata())
        })?
        .map_err(|error| invalid(&self.name, &error))?;
        let metadata = if text.trim().is_empty() {
            serde_json::Value::Object(serde_json::Map::new())
        } else {
            serde_json::from_str(&text).map_err(|e| PmTilesInfoError::Invalid {
                path: self.name.clone(),
                message: format!("the metadata is not JSON: {e}"),
            })?
        };
        Ok(PmTilesInfo {
            min_zoom: header.min_zoom,
            max_zoom: header.max_zoom,
            is_vector: header.tile_type == TileType::Mvt,
            metadata,
            bounds: [
                header.min_longitude,
                header.min_latitude,
                header.max_longitude,
                header.max_latitude,
            ],
        })
    }

    /// The tile at `zoom`/`x`/`y`, decompressed; `None` when the archive has none there.
    pub fn tile(&self, zoom: u8, x: u32, y: u32) -> Result<Option<Vec<u8>>, PmTilesInfoError> {
        let coord =
            pmtiles::TileCoord::new(zoom, x, y).map_err(|error| invalid(&self.name, &error))?;
        contained(&self.name, || {
            pollster::block_on(self.reader.get_tile_decompressed(coord))
        })?
        .map(|tile| tile.map(|bytes| bytes.to_vec()))
        .map_err(|error| invalid(&self.name, &error))
    }
}

thread_local! {
    /// Set while this thread decodes an archive inside [`contained`].
    static DECODING: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// Runs a decode of the `pmtiles` crate, turning a panic of it or of the crates it uses (a
/// varint that overflows, in a malformed directory) into a message about the archive. The panic
/// is not printed: it is answered as bad input.
fn contained<T>(name: &str, decode: impl FnOnce() -> T) -> Result<T, PmTilesInfoError> {
    static QUIET_HOOK: std::sync::Once = std::sync::Once::new();
    QUIET_HOOK.call_once(|| {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            if !DECODING.with(std::cell::Cell::get) {
                previous(info);
            }
        }));
    });
    DECODING.with(|decoding| decoding.set(true));
    let outcome = std::panic::catch_unwind(std::panic::AssertUnwindSafe(decode));
    DECODING.with(|decoding| decoding.set(false));
    outcome.map_err(|_| PmTilesInfoError::Invalid {
        path: name.to_string(),
        message: "a directory of the archive is malformed; expected a PMTiles v3 archive".into(),
    })
}

/// The size of the fixed PMTiles v3 header, in bytes.
const HEADER_BYTES: usize = 127;
/// How much of an archive's start the `pmtiles` crate reads for the header and root directory.
const INITIAL_BYTES: usize = 16_384;

/// Checks what the `pmtiles` crate takes on trust: the version, and that the root directory lies
/// within the first 16 KiB after the header (the crate would panic, not fail, otherwise).
fn check_before_parsing(source: &Source) -> Result<(), String> {
    let start = source
        .read_range(0, HEADER_BYTES)
        .map_err(|e| format!("cannot read the header: {e}"))?;
    if start.len() < 8 || &start[..7] != b"PMTiles" {
        return Err("not a PMTiles archive (it does not start with \"PMTiles\")".into());
    }
    if start[7] != 3 {
        return Err(format!(
            "PMTiles version {} is not supported; expected version 3",
            start[7]
        ));
    }
    if start.len() < HEADER_BYTES {
        return Err("the header is cut short; the archive is truncated".into());
    }
    let u64_at = |at: usize| {
        let mut word = [0u8; 8];
        word.copy_from_slice(&start[at..at + 8]);
        u64::from_le_bytes(word)
    };
    let (root_offset, root_length) = (u64_at(8), u64_at(16));
    let archive_bytes = source
        .len_bytes()
        .map_err(|e| format!("cannot read the archive's length: {e}"))?;
    if root_offset
        .checked_add(root_length)
        .is_none_or(|end| end > archive_bytes)
    {
        return Err(format!(
            "the root directory ({root_length} bytes at byte {root_offset}) lies past the end \
             of the archive ({archive_bytes} bytes); the archive is truncated"
        ));
    }
    let root_fits = root_offset >= HEADER_BYTES as u64
        && root_offset
            .checked_add(root_length)
            .is_some_and(|end| end <= INITIAL_BYTES as u64);
    if !root_fits {
        return Err(
            "the root directory lies outside the first 16 KiB; expected a PMTiles v3 archive"
                .into(),
        );
    }
    // The crate sets aside room for as many entries as the directory claims before reading
    // them; a claim the directory's bytes cannot hold would ask for gigabytes.
    let root = source
        .read_range(root_offset as usize, root_length as usize)
        .map_err(|e| format!("cannot read the root directory: {e}"))?;
    if let Some(directory) = decompressed_directory(start[97], &root)? {
        let claimed_entries = first_varint(&directory).unwrap_or(0);
        let room_bytes = directory.len() as u64;
        if claimed_entries.saturating_mul(4) > room_bytes {
            return Err(format!(
                "the root directory claims {claimed_entries} entries in {room_bytes} bytes; \
                 expected at most one entry per 4 bytes"
            ));
        }
    }
    Ok(())
}

/// The most a root directory may grow to when decompressed, in bytes.
const MAX_ROOT_DIRECTORY_BYTES: u64 = 16 * 1024 * 1024;

/// The root directory's bytes, decompressed as the header's internal compression says; `None`
/// for a compression the check leaves to the crate.
fn decompressed_directory(compression: u8, bytes: &[u8]) -> Result<Option<Vec<u8>>, String> {
    use std::io::Read as _;
    match compression {
        // None.
        1 => Ok(Some(bytes.to_vec())),
        // Gzip.
        2 => {
            let mut directory = Vec::new();
            flate2::read::GzDecoder::new(bytes)
                .take(MAX_ROOT_DIRECTORY_BYTES + 1)
                .read_to_end(&mut directory)
                .map_err(|e| format!("the root directory does not decompress: {e}"))?;
            if directory.len() as u64 > MAX_ROOT_DIRECTORY_BYTES {
                return Err(format!(
                    "the root directory decompresses to more than {MAX_ROOT_DIRECTORY_BYTES} bytes; expected a PMTiles v3 archive"
                ));
            }
            Ok(Some(directory))
        }
        _ => Ok(None),
    }
}

/// The unsigned LEB128 number at the start of `bytes`, if it is one.
fn first_varint(bytes: &[u8]) -> Option<u64> {
    let mut value = 0u64;
    for (index, byte) in bytes.iter().take(10).enumerate() {
        value |= u64::from(byte & 0x7f) << (7 * index);
        if byte & 0x80 == 0 {
            return Some(value);
        }
    }
    None
}

/// The crate's error in our words: what was wrong, and what was expected.
fn invalid(name: &str, error: &PmtError) -> PmTilesInfoError {
    let message = match error {
        PmtError::InvalidMagicNumber => {
            "not a PMTiles archive (it does not start with \"PMTiles\")".to_string()
        }
        PmtError::UnsupportedPmTilesVersion => {
            "this PMTiles version is not supported; expected version 3".to_string()
        }
        PmtError::Reading(io) if io.kind() == std::io::ErrorKind::UnexpectedEof => {
            "the archive is truncated".to_string()
        }
        PmtError::UnexpectedNumberOfBytesReturned(..) => {
            "a block lies outside the file; the archive is truncated".to_string()
        }
        other => format!("not a readable PMTiles v3 archive: {other}"),
    };
    PmTilesInfoError::Invalid {
        path: name.to_string(),
        message,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn garbage_and_truncated_archives_are_rejected_with_a_reason() {
        let message = PmTilesInfo::from_bytes(&b"hello"[..]).unwrap_err();
        assert!(message.contains("not a PMTiles"), "{message}");
        let mut header = vec![0u8; 127];
        header[..7].copy_from_slice(b"PMTiles");
        // Compression none for directories and tiles, MVT tiles.
        header[97..100].copy_from_slice(&[1, 1, 1]);
        header[7] = 2;
        let message = PmTilesInfo::from_bytes(header.clone()).unwrap_err();
        assert!(message.contains("version"), "{message}");
        header[7] = 3;
        let message = PmTilesInfo::from_bytes(header.clone()).unwrap_err();
        assert!(message.contains("root directory"), "{message}");
        header[8] = 127;
        header[24] = 200;
        header[32] = 10;
        let message = PmTilesInfo::from_bytes(header).unwrap_err();
        assert!(message.contains("truncated"), "{message}");
    }
}
