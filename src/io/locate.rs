//! Turns byte offsets into the line and column a user's editor shows.

/// Turns offsets into one text into lines and columns. It keeps no index of the text, only
/// where it last looked, so it costs nothing for a text with no problems and finds a run of
/// problems in file order by reading each stretch of text once: a file read while it streams
/// past is not read again from its start.
pub struct Locator<'a> {
    text: &'a str,
    /// The last offset looked up: (offset, its 1-based line, the characters before it on its
    /// line).
    cursor: std::cell::Cell<(usize, usize, usize)>,
}

impl<'a> Locator<'a> {
    /// A locator of `text`.
    pub fn new(text: &'a str) -> Self {
        Self {
            text,
            cursor: std::cell::Cell::new((0, 1, 0)),
        }
    }

    /// The byte offset of `slice` in the text; 0 if it is not a slice of it.
    pub fn offset_of(&self, slice: &str) -> usize {
        let start = self.text.as_ptr() as usize;
        let at = slice.as_ptr() as usize;
        if at >= start && at + slice.len() <= start + self.text.len() {
            at - start
        } else {
            0
        }
    }

    /// 1-based line and column (in characters) of a byte offset. Lines end at LF, CRLF or a
    /// lone CR.
    pub fn line_column(&self, offset: usize) -> (usize, usize) {
        let offset = offset.min(self.text.len());
        let (mut at, mut line, mut column) = self.cursor.get();
        if offset < at {
            (at, line, column) = (0, 1, 0);
        }
        let bytes = self.text.as_bytes();
        for i in at..offset {
            let byte = bytes[i];
            if byte == b'\n' || (byte == b'\r' && bytes.get(i + 1) != Some(&b'\n')) {
                line += 1;
                column = 0;
            } else if byte & 0xC0 != 0x80 {
                // Not a UTF-8 continuation byte: a character starts here.
                column += 1;
            }
        }
        self.cursor.set((offset, line, column));
        (line, column + 1)
    }

    /// The absolute line/column of a (1-based) line/column that serde reported inside `slice`.
    pub fn within(&self, slice: &str, line: usize, column: usize) -> (usize, usize) {
        self.line_column(self.offset_within(slice, line, column, 0))
    }

    /// Where a value that serde found wrong inside `slice` starts, as line/column: serde
    /// reports the last character of the value.
    pub fn value_within(&self, slice: &str, line: usize, column: usize) -> (usize, usize) {
        let past_value = self.offset_within(slice, line, column, 1);
        self.line_column(json_value_start(self.text, past_value))
    }

    /// The byte offset in the text of (1-based) `line` and `column` + `chars_after` inside
    /// `slice`.
    fn offset_within(&self, slice: &str, line: usize, column: usize, chars_after: usize) -> usize {
        let mut offset_in_slice = 0;
        for (i, text_line) in slice.split_inclusive('\n').enumerate() {
            if i + 1 == line {
                let chars_before = column.saturating_sub(1) + chars_after;
                offset_in_slice += text_line
                    .char_indices()
                    .nth(chars_before)
                    .map_or(text_line.len(), |(byte, _)| byte);
                break;
            }
            offset_in_slice += text_line.len();
        }
        self.offset_of(slice) + offset_in_slice
    }
}

/// The byte offset where the JSON value that ends just before `end` starts: serde reports an
/// unexpected value just past it, while the user wants to see where it begins. Strings, numbers
/// and `true`/`false`/`null` are walked back over; anything else is left at `end`.
pub fn json_value_start(text: &str, end: usize) -> usize {
    let end = end.min(text.len());
    let Some(before) = text.get(..end) else {
        return end;
    };
    let trimmed = before.trim_end();
    let bytes = trimmed.as_bytes();
    match bytes.last() {
        Some(b'"') => {
            // The opening quote: the nearest quote before that is not escaped.
            let mut at = bytes.len() - 1;
            while let Some(quote) = trimmed[..at].rfind('"') {
                let backslashes = trimmed[..quote]
                    .bytes()
                    .rev()
                    .take_while(|&b| b == b'\\')
                    .count();
                if backslashes % 2 == 0 {
                    return quote;
                }
                at = quote;
            }
            end
        }
        Some(b) if b.is_ascii_alphanumeric() || matches!(b, b'.' | b'+' | b'-') => trimmed
            .rfind(|c: char| !(c.is_ascii_alphanumeric() || matches!(c, '.' | '+' | '-')))
            .map_or(0, |i| i + 1),
        _ => end,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn offsets_map_to_lines_and_columns() {
        let text = "ab\ncdé\nf";
        let locator = Locator::new(text);
        assert_eq!(locator.line_column(0), (1, 1));
        assert_eq!(locator.line_column(3), (2, 1));
        assert_eq!(locator.line_column(text.find('f').unwrap_or(0)), (3, 1));
        let slice = &text[3..];
        assert_eq!(locator.within(slice, 2, 1), (3, 1));
        assert_eq!(locator.within(slice, 1, 3), (2, 3));
    }

    #[test]
    fn a_value_is_located_at_its_start() {
        let text = r#"{"precision": "weekly", "n": -1.5e3, "s": "a\"b"}"#;
        let after = |needle: &str| text.find(needle).unwrap() + needle.len();
        assert_eq!(
            json_value_start(text, after("\"weekly\"")),
            text.find("\"weekly").unwrap()
        );
        assert_eq!(
            json_value_start(text, after("-1.5e3")),
            text.find("-1.5e3").unwrap()
        );
        assert_eq!(
            json_value_start(text, after(r#""a\"b""#)),
            text.find(r#""a\"#).unwrap()
        );
    }
}
