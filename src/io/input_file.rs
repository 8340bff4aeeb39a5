//! Opening an input file safely: only regular files and pipes, within a size limit, with its
//! encoding recognised (UTF-8 with or without a BOM, UTF-16, UTF-32), and with any bad byte
//! located by line and column. Also the short excerpts that messages quote from the input.

use super::Problem;
use std::io::Read as _;
use std::path::{Path, PathBuf};

/// The largest input read unless raised (`--max-input-mb`), in bytes: 1 GiB.
pub const DEFAULT_MAX_INPUT_BYTES: u64 = 1 << 30;

/// The most characters of the input a message quotes.
pub const EXCERPT_CHARS: usize = 80;

/// What makes two paths the same file: its device and inode where the file can be looked at
/// (so `./x`, a symbolic link and a hard link to `x` are all `x`), else the path made absolute.
#[derive(PartialEq, Eq)]
enum FileIdentity {
    Inode { device: u64, inode: u64 },
    Path(PathBuf),
}

fn file_identity(path: &Path) -> FileIdentity {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt as _;
        if let Ok(metadata) = std::fs::metadata(path) {
            return FileIdentity::Inode {
                device: metadata.dev(),
                inode: metadata.ino(),
            };
        }
    }
    FileIdentity::Path(std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf()))
}

/// The paths with every file once, in the order first given, and a problem for each file given
/// again (under the same or another name), so it is neither read nor counted twice.
pub fn distinct_paths(paths: &[PathBuf]) -> (Vec<PathBuf>, Vec<Problem>) {
    let mut seen: Vec<(FileIdentity, &PathBuf)> = Vec::new();
    let mut distinct = Vec::new();
    let mut problems = Vec::new();
    for path in paths {
        let identity = file_identity(path);
        match seen.iter().find(|(known, _)| *known == identity) {
            Some((_, first)) => problems.push(Problem {
                file: path.display().to_string(),
                line: 0,
                column: 0,
                message: if *first == path {
                    "is given twice; it is read once".to_string()
                } else {
                    format!(
                        "is the same file as {}, given twice; it is read once",
                        first.display()
                    )
                },
            }),
            None => {
                seen.push((identity, path));
                distinct.push(path.clone());
            }
        }
    }
    (distinct, problems)
}

/// How much of a file is looked at before the rest is read.
const SNIFF_BYTES: u64 = 64 << 10;

/// Why an input could not be read, as a message that names no file (the caller adds it).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct InputError {
    /// 1-based line, 0 when the whole file is meant.
    pub line: usize,
    /// 1-based column in characters, 0 when the whole file is meant.
    pub column: usize,
    /// What was wrong and what to do.
    pub message: String,
}

impl InputError {
    fn whole(message: String) -> Self {
        Self {
            line: 0,
            column: 0,
            message,
        }
    }
}

/// Reads `path` as text. Refuses at once what is neither a regular file nor a pipe (a folder, a
/// device such as `/dev/zero`, a socket), and anything over `max_bytes`, before reading it.
pub fn read_input(path: &Path, max_bytes: u64) -> Result<String, InputError> {
    let cannot = |e: std::io::Error| InputError::whole(format!("cannot read the file: {e}"));
    read_input_checks(path, max_bytes)?;
    let mut file = std::fs::File::open(path).map_err(cannot)?;
    // The start says whether this is text at all, before the rest is read.
    let mut bytes = Vec::new();
    (&mut file)
        .take(SNIFF_BYTES.min(max_bytes.saturating_add(1)))
        .read_to_end(&mut bytes)
        .map_err(cannot)?;
    if let Some(error) = binary_error(&bytes) {
        return Err(error);
    }
    file.take(
        max_bytes
            .saturating_add(1)
            .saturating_sub(bytes.len() as u64),
    )
    .read_to_end(&mut bytes)
    .map_err(cannot)?;
    if bytes.len() as u64 > max_bytes {
        return Err(too_big(None, max_bytes));
    }
    decode(bytes)
}

/// What is checked before a byte of `path` is read: that it is a regular file or a pipe, and
/// not over `max_bytes`. Gives its metadata.
pub(super) fn read_input_checks(
    path: &Path,
    max_bytes: u64,
) -> Result<std::fs::Metadata, InputError> {
    let cannot = |e: std::io::Error| InputError::whole(format!("cannot read the file: {e}"));
    let metadata = std::fs::metadata(path).map_err(cannot)?;
    let kind = metadata.file_type();
    if kind.is_dir() {
        return Err(InputError::whole(
            "is a folder; expected a data file".into(),
        ));
    }
    if !kind.is_file() && !is_fifo(&kind) {
        return Err(InputError::whole(format!(
            "is {}, not a file; expected a regular file or a pipe",
            special_kind(&kind)
        )));
    }
    if kind.is_file() && metadata.len() > max_bytes {
        return Err(too_big(Some(metadata.len()), max_bytes));
    }
    Ok(metadata)
}

fn too_big(len_bytes: Option<u64>, max_bytes: u64) -> InputError {
    let mib = |bytes: u64| bytes.div_ceil(1 << 20);
    let size = match len_bytes {
        Some(len) => format!("is {:.1} MiB, over", len as f64 / f64::from(1 << 20)),
        None => "holds more than".to_string(),
    };
    InputError::whole(format!(
        "{size} the input limit of {} MiB; raise the limit with --max-input-mb if the memory \
         allows, or, for data this large, load it into PostgreSQL and read it from there, or cut \
         it into tiles (one file per region or period)",
        mib(max_bytes)
    ))
}

#[cfg(unix)]
fn is_fifo(kind: &std::fs::FileType) -> bool {
    use std::os::unix::fs::FileTypeExt as _;
    kind.is_fifo()
}

#[cfg(not(unix))]
fn is_fifo(_: &std::fs::FileType) -> bool {
    false
}

#[cfg(unix)]
fn special_kind(kind: &std::fs::FileType) -> &'static str {
    use std::os::unix::fs::FileTypeExt as _;
    if kind.is_char_device() {
        "a character device"
    } else if kind.is_block_device() {
        "a block device"
    } else if kind.is_socket() {
        "a socket"
    } else {
        "a special file"
    }
}

#[cfg(not(unix))]
fn special_kind(_: &std::fs::FileType) -> &'static str {
    "a special file"
}

/// Turns the bytes of a file into text: UTF-8 (a BOM is dropped), or UTF-16 or UTF-32 marked by
/// a BOM (or UTF-16 recognised by its zero bytes), converted. Invalid text is located by line
/// and column (in characters).
pub fn decode(bytes: Vec<u8>) -> Result<String, InputError> {
    let unit_error = |encoding: &str, units_before: String| {
        let (line, column) = line_column_at_end(&units_before);
        InputError {
            line,
            column,
            message: format!("is {encoding} text with an invalid character here; save it as UTF-8"),
        }
    };
    match bytes.as_slice() {
        [0xEF, 0xBB, 0xBF, rest @ ..] => utf8(rest.to_vec()),
        [0xFF, 0xFE, 0, 0, rest @ ..] => utf32(rest, u32::from_le_bytes)
            .map_err(|before| unit_error("UTF-32 (little-endian)", before)),
        [0, 0, 0xFE, 0xFF, rest @ ..] => utf32(rest, u32::from_be_bytes)
            .map_err(|before| unit_error("UTF-32 (big-endian)", before)),
        [0xFF, 0xFE, rest @ ..] => utf16(rest, u16::from_le_bytes)
            .map_err(|before| unit_error("UTF-16 (little-endian)", before)),
        [0xFE, 0xFF, rest @ ..] => utf16(rest, u16::from_be_bytes)
            .map_err(|before| unit_error("UTF-16 (big-endian)", before)),
        // Text without a BOM: ASCII in UTF-16 has every other byte zero.
        [first, 0, _, 0, ..] if *first != 0 => utf16(&bytes, u16::from_le_bytes)
            .map_err(|before| unit_error("UTF-16 (little-endian)", before)),
        [0, second, 0, _, ..] if *second != 0 => utf16(&bytes, u16::from_be_bytes)
            .map_err(|before| unit_error("UTF-16 (big-endian)", before)),
        _ => match binary_error(&bytes) {
            Some(error) => Err(error),
            None => utf8(bytes),
        },
    }
}

/// Text in UTF-8 holds no zero bytes; a file that does is binary (or a disk image, or a sparse
/// file of nothing), refused at the first one.
fn binary_error(bytes: &[u8]) -> Option<InputError> {
    let wide_text = match bytes {
        [0xFF, 0xFE, ..] | [0xFE, 0xFF, ..] | [0, 0, 0xFE, 0xFF, ..] => true,
        [a, 0, b, 0, ..] | [0, a, 0, b, ..] => *a != 0 && *b != 0,
        _ => false,
    };
    if wide_text {
        return None;
    }
    let at = bytes.iter().position(|&b| b == 0)?;
    let before = String::from_utf8_lossy(&bytes[..at]);
    let (line, column) = line_column_at_end(&before);
    Some(InputError {
        line,
        column,
        message: "is not text: it holds a zero byte here; expected UTF-8 text (GeoJSON, Moving \
                  Features JSON, CSV)"
            .into(),
    })
}

fn utf8(bytes: Vec<u8>) -> Result<String, InputError> {
    String::from_utf8(bytes).map_err(|error| {
        let valid_up_to = error.utf8_error().valid_up_to();
        let bytes = error.into_bytes();
        let before = std::str::from_utf8(&bytes[..valid_up_to]).unwrap_or_default();
        let (line, column) = line_column_at_end(before);
        InputError {
            line,
            column,
            message: format!(
                "is not UTF-8 text: byte 0x{:02X} cannot start a character here; expected \
                 UTF-8 (GeoJSON, Moving Features JSON, CSV)",
                bytes.get(valid_up_to).copied().unwrap_or_default()
            ),
        }
    })
}

/// Decodes UTF-16; on an error, returns the text before it.
fn utf16(bytes: &[u8], unit: fn([u8; 2]) -> u16) -> Result<String, String> {
    let units = bytes.chunks_exact(2).map(|pair| unit([pair[0], pair[1]]));
    let mut text = String::with_capacity(bytes.len() / 2);
    for decoded in char::decode_utf16(units) {
        match decoded {
            Ok(c) => text.push(c),
            Err(_) => return Err(text),
        }
    }
    if bytes.len() % 2 == 1 {
        return Err(text);
    }
    Ok(text.trim_start_matches('\u{feff}').to_string())
}

/// Decodes UTF-32; on an error, returns the text before it.
fn utf32(bytes: &[u8], unit: fn([u8; 4]) -> u32) -> Result<String, String> {
    let mut text = String::with_capacity(bytes.len() / 4);
    for quad in bytes.chunks(4) {
        let Ok(quad) = <[u8; 4]>::try_from(quad) else {
            return Err(text);
        };
        match char::from_u32(unit(quad)) {
            Some(c) => text.push(c),
            None => return Err(text),
        }
    }
    Ok(text)
}

/// The 1-based line and column (in characters) just after `text`. Lines end at LF, CRLF or CR.
fn line_column_at_end(text: &str) -> (usize, usize) {
    let line_start = text.rfind(['\n', '\r']).map_or(0, |i| i + 1);
    let line =
        1 + text.matches('\n').count() + text.matches('\r').count() - text.matches("\r\n").count();
    (line, text[line_start..].chars().count() + 1)
}

/// At most [`EXCERPT_CHARS`] characters of `text`, on one line, with an ellipsis where cut, for
/// quoting the input in a message.
pub fn excerpt(text: &str) -> String {
    let one_line = text.lines().next().unwrap_or_default();
    let mut chars = one_line.char_indices();
    match chars.nth(EXCERPT_CHARS) {
        Some((cut, _)) => format!("{}…", &one_line[..cut]),
        None if one_line.len() < text.trim_end().len() => format!("{one_line}…"),
        None => one_line.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_bom_is_dropped_and_utf16_and_utf32_are_read() {
        let text = "id,time\nü,1\n";
        let mut with_bom = vec![0xEF, 0xBB, 0xBF];
        with_bom.extend_from_slice(text.as_bytes());
        assert_eq!(decode(with_bom).unwrap(), text);
        let mut le16 = vec![0xFF, 0xFE];
        le16.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
        assert_eq!(decode(le16).unwrap(), text);
        let be16_without_bom: Vec<u8> = text.encode_utf16().flat_map(u16::to_be_bytes).collect();
        assert_eq!(decode(be16_without_bom).unwrap(), text);
        let mut be32 = vec![0, 0, 0xFE, 0xFF];
        be32.extend(text.chars().flat_map(|c| u32::from(c).to_be_bytes()));
        assert_eq!(decode(be32).unwrap(), text);
    }

    #[test]
    fn invalid_utf8_is_located_by_line_and_column_in_characters() {
        let mut bytes = "ab\r\nçé x".as_bytes().to_vec();
        bytes.push(0xFF);
        let error = decode(bytes).unwrap_err();
        assert_eq!((error.line, error.column), (2, 5));
        assert!(error.message.contains("0xFF"), "{}", error.message);
        let cr_only = decode(b"a\rb\rc\xC3".to_vec()).unwrap_err();
        assert_eq!((cr_only.line, cr_only.column), (3, 2));
    }

    #[test]
    fn broken_utf16_is_named() {
        let mut le16 = vec![0xFF, 0xFE];
        le16.extend("a\nbc".encode_utf16().flat_map(u16::to_le_bytes));
        le16.extend(0xD800u16.to_le_bytes());
        le16.extend(0x0041u16.to_le_bytes());
        let error = decode(le16).unwrap_err();
        assert!(error.message.contains("UTF-16"), "{}", error.message);
        assert_eq!((error.line, error.column), (2, 3));
    }

    #[test]
    fn binary_files_are_refused_at_the_first_zero_byte() {
        let zeros = decode(vec![0; 1000]).unwrap_err();
        assert_eq!((zeros.line, zeros.column), (1, 1));
        let error = decode(b"id,time\nab\x00cd".to_vec()).unwrap_err();
        assert_eq!((error.line, error.column), (2, 3));
        assert!(error.message.contains("zero byte"), "{}", error.message);
    }

    #[test]
    fn excerpts_are_short_and_say_where_they_were_cut() {
        assert_eq!(excerpt("id,time"), "id,time");
        let long = "é".repeat(10_000);
        let cut = excerpt(&long);
        assert_eq!(cut.chars().count(), EXCERPT_CHARS + 1);
        assert!(cut.ends_with('…'));
        assert_eq!(excerpt("one\ntwo"), "one…");
    }

    #[test]
    fn devices_and_folders_are_refused_without_reading() {
        let zero = read_input(Path::new("/dev/zero"), u64::MAX).unwrap_err();
        assert!(
            zero.message.contains("character device"),
            "{}",
            zero.message
        );
        let folder = read_input(&std::env::temp_dir(), u64::MAX).unwrap_err();
        assert!(folder.message.contains("folder"), "{}", folder.message);
    }

    #[test]
    fn a_file_over_the_limit_is_refused_with_what_to_do_instead() {
        let path = std::env::temp_dir().join(format!("deploymap-limit-{}.csv", std::process::id()));
        std::fs::write(&path, vec![b'x'; 3 << 20]).unwrap();
        let error = read_input(&path, 1 << 20).unwrap_err();
        std::fs::remove_file(&path).ok();
        assert!(
            error.message.contains("--max-input-mb"),
            "{}",
            error.message
        );
        assert!(error.message.contains("PostgreSQL"), "{}", error.message);
        assert!(error.message.contains("is 3.0 MiB"), "{}", error.message);
    }
}
