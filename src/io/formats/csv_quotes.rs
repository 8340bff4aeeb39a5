//! Finds a quote in CSV text that opens a field and is never closed. A CSV reader takes all the
//! rest of the file into that one field without complaint; the user needs to hear where it
//! opened and how many rows it swallowed.

/// Where the unclosed quote is (a byte offset) and how many non-blank lines follow its line,
/// or `None` when every quoted field closes. Quotes count only at the start of a field, as
/// RFC 4180 and the `csv` crate have it; a doubled quote inside a quoted field is a quote.
pub fn unclosed_quote(text: &str, separator: u8) -> Option<(usize, usize)> {
    let bytes = text.as_bytes();
    let mut at_field_start = true;
    let mut opened_at: Option<usize> = None;
    let mut i = 0;
    while i < bytes.len() {
        let byte = bytes[i];
        match opened_at {
            Some(_) if byte == b'"' => {
                if bytes.get(i + 1) == Some(&b'"') {
                    i += 1;
                } else {
                    opened_at = None;
                    at_field_start = false;
                }
            }
            Some(_) => {}
            None if at_field_start && byte == b'"' => opened_at = Some(i),
            None => at_field_start = byte == separator || byte == b'\n' || byte == b'\r',
        }
        i += 1;
    }
    let opened_at = opened_at?;
    let rest = &text[opened_at..];
    let rows_after = rest
        .split(['\n', '\r'])
        .skip(1)
        .filter(|line| !line.trim().is_empty())
        .count();
    Some((opened_at, rows_after))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn closed_doubled_and_inner_quotes_are_fine() {
        assert_eq!(
            unclosed_quote("a,b\n\"x, y\",\"say \"\"hi\"\"\"\n", b','),
            None
        );
        assert_eq!(unclosed_quote("a,b\n5'11\",x\n", b','), None);
        assert_eq!(unclosed_quote("a;b\n\"two\nlines\";z\n", b';'), None);
    }

    #[test]
    fn an_unclosed_quote_is_found_with_the_rows_after_it() {
        let text = "a,b\n1,\"open\n2,x\n\n3,y\n";
        assert_eq!(unclosed_quote(text, b','), Some((6, 2)));
        let cr = "a,b\r1,\"open\r2,x\r";
        assert_eq!(unclosed_quote(cr, b','), Some((6, 1)));
    }
}
