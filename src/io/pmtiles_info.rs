//! Reads what a PMTiles v3 archive says about itself: its zoom range and its JSON metadata.
//!
//! Only the fixed header and the metadata block are read; tiles are walkers' business.

use std::io::{Read as _, Seek as _, SeekFrom};
use std::path::Path;

/// The size of the fixed PMTiles v3 header, in bytes.
const HEADER_LEN: usize = 127;

/// Why an archive could not be read.
#[derive(Debug, thiserror::Error)]
pub enum PmTilesInfoError {
    /// The file could not be read.
    #[error("{path}: cannot read the file: {cause}")]
    Read {
        /// Which file.
        path: String,
        /// Why; part of the message rather than a separate source, so it is printed once.
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

    /// Reads the header and metadata of the archive at `path`. The 127-byte header is checked
    /// before anything else is read, so a large file that is not an archive is refused at once.
    pub fn read(path: &Path) -> Result<Self, PmTilesInfoError> {
        let name = path.display().to_string();
        let read_error = |cause| PmTilesInfoError::Read {
            path: name.clone(),
            cause,
        };
        let invalid = |message| PmTilesInfoError::Invalid {
            path: name.clone(),
            message,
        };
        let mut file = std::fs::File::open(path).map_err(read_error)?;
        let mut header = Vec::with_capacity(HEADER_LEN);
        (&mut file)
            .take(HEADER_LEN as u64)
            .read_to_end(&mut header)
            .map_err(read_error)?;
        let header = Header::parse(&header).map_err(invalid)?;
        let file_len = file.metadata().map_err(read_error)?.len();
        let (offset, len) = header.metadata_span;
        if offset.checked_add(len).is_none_or(|end| end > file_len) {
            return Err(invalid(TRUNCATED.into()));
        }
        if len > MAX_METADATA_BYTES {
            return Err(invalid(format!(
                "the metadata is {len} bytes; at most {MAX_METADATA_BYTES} are read"
            )));
        }
        file.seek(SeekFrom::Start(offset)).map_err(read_error)?;
        let mut metadata = Vec::new();
        file.take(len)
            .read_to_end(&mut metadata)
            .map_err(read_error)?;
        header.with_metadata(&metadata).map_err(invalid)
    }

    /// Parses an archive held in memory.
    pub fn from_bytes(bytes: &[u8]) -> Result<Self, String> {
        let header = Header::parse(bytes)?;
        let (offset, len) = header.metadata_span;
        let metadata_range = usize::try_from(offset)
            .ok()
            .zip(usize::try_from(len).ok())
            .and_then(|(start, len)| Some(start..start.checked_add(len)?))
            .filter(|range| range.end <= bytes.len())
            .ok_or(TRUNCATED)?;
        header.with_metadata(&bytes[metadata_range])
    }
}

const TRUNCATED: &str = "the metadata lies outside the file; the archive is truncated";

/// The most metadata read or decompressed, in bytes; real archives hold a few kilobytes.
const MAX_METADATA_BYTES: u64 = 16 << 20;

/// What the fixed header says.
struct Header {
    metadata_span: (u64, u64),
    metadata_compression: u8,
    min_zoom: u8,
    max_zoom: u8,
    is_vector: bool,
}

impl Header {
    fn parse(bytes: &[u8]) -> Result<Self, String> {
        if bytes.len() < HEADER_LEN || &bytes[..7] != b"PMTiles" {
            return Err("not a PMTiles archive (it does not start with \"PMTiles\")".into());
        }
        if bytes[7] != 3 {
            return Err(format!(
                "PMTiles version {} is not supported; expected version 3",
                bytes[7]
            ));
        }
        let u64_at = |at: usize| {
            let mut word = [0u8; 8];
            word.copy_from_slice(&bytes[at..at + 8]);
            u64::from_le_bytes(word)
        };
        Ok(Self {
            metadata_span: (u64_at(24), u64_at(32)),
            metadata_compression: bytes[97],
            min_zoom: bytes[100],
            max_zoom: bytes[101],
            is_vector: bytes[99] == 1,
        })
    }

    fn with_metadata(self, metadata_bytes: &[u8]) -> Result<PmTilesInfo, String> {
        let metadata_text = match self.metadata_compression {
            0 | 1 => metadata_bytes.to_vec(),
            2 => {
                let mut out = Vec::new();
                flate2::read::GzDecoder::new(metadata_bytes)
                    .take(MAX_METADATA_BYTES + 1)
                    .read_to_end(&mut out)
                    .map_err(|e| format!("the metadata does not decompress: {e}"))?;
                if out.len() as u64 > MAX_METADATA_BYTES {
                    return Err(format!(
                        "the metadata decompresses to more than {MAX_METADATA_BYTES} bytes"
                    ));
                }
                out
            }
            other => {
                return Err(format!(
                    "metadata compression {other} is not supported; expected none or gzip"
                ));
            }
        };
        let metadata = if metadata_text.is_empty() {
            serde_json::Value::Object(serde_json::Map::new())
        } else {
            serde_json::from_slice(&metadata_text)
                .map_err(|e| format!("the metadata is not JSON: {e}"))?
        };
        Ok(PmTilesInfo {
            min_zoom: self.min_zoom,
            max_zoom: self.max_zoom,
            is_vector: self.is_vector,
            metadata,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn garbage_and_truncated_archives_are_rejected_with_a_reason() {
        assert!(
            PmTilesInfo::from_bytes(b"hello")
                .unwrap_err()
                .contains("not a PMTiles")
        );
        let mut header = vec![0u8; HEADER_LEN];
        header[..7].copy_from_slice(b"PMTiles");
        header[7] = 2;
        assert!(
            PmTilesInfo::from_bytes(&header)
                .unwrap_err()
                .contains("version 2")
        );
        header[7] = 3;
        header[24] = 200;
        header[32] = 10;
        assert!(
            PmTilesInfo::from_bytes(&header)
                .unwrap_err()
                .contains("truncated")
        );
    }
}
