//! Basemap credits as plain text. PMTiles metadata often holds the attribution as HTML
//! (`<a href="https://openstreetmap.org/copyright">© OpenStreetMap</a>`); the map and the
//! exports draw text, so the tags go and the character references are decoded.

/// `html` as the text a browser would show: tags removed, entities decoded, runs of white space
/// made one space.
pub fn plain_text_from_html(html: &str) -> String {
    let mut text = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(at) = rest.find(['<', '&']) {
        text.push_str(&rest[..at]);
        rest = &rest[at..];
        if rest.starts_with('<') {
            // A tag runs to its '>'; a '<' with none after it is text.
            match rest.find('>') {
                Some(end) => {
                    text.push(' ');
                    rest = &rest[end + 1..];
                }
                None => {
                    text.push('<');
                    rest = &rest[1..];
                }
            }
        } else {
            let (decoded, used) = entity(rest);
            text.push_str(&decoded);
            rest = &rest[used..];
        }
    }
    text.push_str(rest);
    let words: Vec<&str> = text.split_whitespace().collect();
    words
        .join(" ")
        .replace(" ,", ",")
        .replace(" .", ".")
        .replace("( ", "(")
        .replace(" )", ")")
}

/// The character reference at the start of `text` (which starts with '&'), decoded, and how
/// many bytes it took; an unknown or unfinished one is kept as written.
fn entity(text: &str) -> (String, usize) {
    let Some(end) = text.find(';').filter(|&end| end <= 10) else {
        return ("&".to_string(), 1);
    };
    let name = &text[1..end];
    let decoded = match name {
        "amp" => Some('&'),
        "lt" => Some('<'),
        "gt" => Some('>'),
        "quot" => Some('"'),
        "apos" => Some('\''),
        "nbsp" => Some(' '),
        "copy" => Some('©'),
        "reg" => Some('®'),
        "middot" => Some('·'),
        "ndash" => Some('–'),
        "mdash" => Some('—'),
        _ => name
            .strip_prefix("#x")
            .or_else(|| name.strip_prefix("#X"))
            .and_then(|hex| u32::from_str_radix(hex, 16).ok())
            .or_else(|| name.strip_prefix('#').and_then(|dec| dec.parse().ok()))
            .and_then(char::from_u32),
    };
    match decoded {
        Some(c) => (c.to_string(), end + 1),
        None => ("&".to_string(), 1),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn links_lose_their_tags_and_keep_their_text() {
        let html = r#"<a href="https://github.com/protomaps/basemaps">Protomaps</a> © <a href="https://openstreetmap.org/copyright">OpenStreetMap</a>"#;
        assert_eq!(plain_text_from_html(html), "Protomaps © OpenStreetMap");
    }

    #[test]
    fn entities_are_decoded_and_unknown_ones_kept() {
        assert_eq!(
            plain_text_from_html("&copy; A &amp; B &#169; &#xA9; &lt;tiles&gt; &bogus; R&D"),
            "© A & B © © <tiles> &bogus; R&D"
        );
    }

    #[test]
    fn plain_text_and_a_lone_angle_bracket_pass_unchanged() {
        assert_eq!(plain_text_from_html("Natural Earth"), "Natural Earth");
        assert_eq!(plain_text_from_html("zoom < 10"), "zoom < 10");
        assert_eq!(
            plain_text_from_html("<b>bold</b>, <i>then</i> (<span>x</span>)."),
            "bold, then (x)."
        );
    }
}
