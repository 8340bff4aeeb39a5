//! Consonant skeletons of romanized names, so that find matches a place however its Arabic
//! (or Russian) name was written in Latin letters: "Humaymim", "Hmeimim", "Khmeimim" and
//! "Hmeymim" all reduce to `hmmm`, "Qamishli" and "Kamishli" to `kmSl`.
//!
//! A word's skeleton: lower case, accents dropped, the romanization digraphs folded (kh→h,
//! gh→g, sh/sch/ch/tch→one sibilant, q→k, dh→d, th→t, dj/zh→j, …), doubled letters collapsed,
//! then the vowels and the half-vowels y and w dropped. A word that begins with a vowel keeps
//! a mark for it, so "Ark" (`_rk`) stays apart from "Rakka" (`rk`). The Arabic article ("al-",
//! "el-", "az-", "ash-", …) is left out when another word follows it.

use unicode_normalization::UnicodeNormalization as _;

/// The mark a skeleton starts with when its word begins with a vowel (or y, w).
const VOWEL_ONSET: char = '_';

/// A query word with fewer consonants than this matches only whole words of a name, not
/// their beginnings: "Hama" (`hm`) must not find "Homs" (`hms`).
pub const MIN_PREFIX_CONSONANTS: usize = 3;

/// A query whose skeletons hold fewer consonants than this matches nothing by spelling; one
/// with exactly this many only a name of that one word ("Rakka" finds "Raqqa", not "Costa
/// Rica").
pub const MIN_CONSONANTS: usize = 2;

/// A query of fewer letters than this matches nothing by spelling: "Hum" is not yet a name.
pub const MIN_LETTERS: usize = 4;

/// The spellings of the Arabic definite article, assimilated or not.
const ARTICLES: [&str; 24] = [
    "al", "el", "il", "ul", "ad", "ed", "adh", "at", "et", "ath", "ar", "er", "az", "ez", "as",
    "es", "ash", "esh", "an", "en", "ud", "ur", "us", "un",
];

/// Letters the Arabic article assimilates to ("ez-Zor", "Ezzor").
const SUN_LETTERS: &str = "tdrzslnS";

/// Digraphs and trigraphs, longest first, and the symbol each folds to. `S` stands for the
/// "sh" sound however it is written (sh, sch, French ch, š); English ch (tch, č) joins it.
const CLUSTERS: [(&str, char); 19] = [
    ("shch", 'S'),
    ("tsch", 'S'),
    ("dzh", 'j'),
    ("sch", 'S'),
    ("tch", 'S'),
    ("tsh", 'S'),
    ("sh", 'S'),
    ("ch", 'S'),
    ("kh", 'h'),
    ("gh", 'g'),
    ("dh", 'd'),
    ("th", 't'),
    ("zh", 'j'),
    ("dj", 'j'),
    ("ph", 'f'),
    ("qu", 'k'),
    ("ck", 'k'),
    ("tz", 'c'),
    ("ts", 'c'),
];

/// The words of `text` as skeletons, articles left out: "Deir ez-Zor" → `["dr", "zr"]`.
pub fn skeleton_words(text: &str) -> Vec<String> {
    let words = latin_words(text);
    let mut skeletons = Vec::with_capacity(words.len());
    for (i, word) in words.iter().enumerate() {
        let followed = i + 1 < words.len();
        if followed && ARTICLES.contains(&word.as_str()) {
            continue;
        }
        let skeleton = word_skeleton(word, i > 0);
        if !skeleton.is_empty() {
            skeletons.push(skeleton);
        }
    }
    skeletons
}

/// How many consonants a skeleton holds (its vowel mark is none).
pub fn consonants(skeleton: &str) -> usize {
    skeleton.chars().filter(|&c| c != VOWEL_ONSET).count()
}

/// Whether a query's skeletons match a name's: each query word equals a word of the name,
/// except that the last (the one being typed) may begin one when it holds at least
/// [`MIN_PREFIX_CONSONANTS`] consonants. A query of only [`MIN_CONSONANTS`] consonants must
/// be the whole name; one with fewer matches nothing.
pub fn spelling_matches(query: &[String], name: &[String]) -> bool {
    let total: usize = query.iter().map(|w| consonants(w)).sum();
    if total < MIN_CONSONANTS || query.iter().any(|w| consonants(w) == 0) {
        return false;
    }
    if total < MIN_PREFIX_CONSONANTS {
        return query == name;
    }
    let last = query.len() - 1;
    query.iter().enumerate().all(|(i, q)| {
        name.iter().any(|w| {
            w == q
                || (i == last
                    && consonants(q) >= MIN_PREFIX_CONSONANTS
                    && w.starts_with(q.as_str()))
        })
    })
}

/// Lower-case Latin words: Cyrillic transliterated, š/č/ž/ḫ/ṯ/ḏ/ġ spelled out, other accents
/// and the ayn/hamza marks dropped, anything else not a letter or digit a word break.
fn latin_words(text: &str) -> Vec<String> {
    let mut latin = String::with_capacity(text.len());
    for c in text.chars().flat_map(char::to_lowercase) {
        if let Some(spelled) = spelled_out(c) {
            latin.push_str(spelled);
            continue;
        }
        for d in c.nfd() {
            if unicode_normalization::char::is_combining_mark(d)
                || matches!(d, '\'' | 'ʿ' | 'ʾ' | 'ʼ' | '’' | '‘' | '`')
            {
                continue;
            }
            if d.is_alphanumeric() {
                latin.push(d);
            } else {
                latin.push(' ');
            }
        }
    }
    latin.split_whitespace().map(str::to_owned).collect()
}

/// Letters whose accent changes the sound, and Cyrillic, in the Latin letters commonly used.
fn spelled_out(c: char) -> Option<&'static str> {
    Some(match c {
        'š' | 'ş' | 'ш' => "sh",
        'č' | 'ç' | 'ч' => "ch",
        'ž' | 'ж' => "zh",
        'ḫ' | 'ẖ' | 'х' => "kh",
        'ṯ' => "th",
        'ḏ' => "dh",
        'ġ' | 'ğ' => "gh",
        'ß' => "ss",
        'а' => "a",
        'б' => "b",
        'в' => "v",
        'г' | 'ґ' => "g",
        'д' => "d",
        'е' | 'ё' | 'э' | 'є' => "e",
        'з' => "z",
        'и' | 'і' => "i",
        'й' | 'ы' | 'ї' => "y",
        'к' => "k",
        'л' => "l",
        'м' => "m",
        'н' => "n",
        'о' => "o",
        'п' => "p",
        'р' => "r",
        'с' => "s",
        'т' => "t",
        'у' => "u",
        'ф' => "f",
        'ц' => "ts",
        'щ' => "shch",
        'ъ' | 'ь' => "",
        'ю' => "yu",
        'я' => "ya",
        _ => return None,
    })
}

fn is_vowel(symbol: char) -> bool {
    matches!(symbol, 'a' | 'e' | 'i' | 'o' | 'u' | 'y' | 'w')
}

/// One word's skeleton; `after_another` words may carry a glued, assimilated article
/// ("Ezzor" after "Deir").
fn word_skeleton(word: &str, after_another: bool) -> String {
    let mut symbols: Vec<char> = Vec::with_capacity(word.len());
    let mut rest = word;
    while let Some(c) = rest.chars().next() {
        if let Some((cluster, symbol)) = CLUSTERS
            .iter()
            .find(|(cluster, _)| rest.starts_with(cluster))
        {
            symbols.push(*symbol);
            rest = &rest[cluster.len()..];
            continue;
        }
        let is_last = rest.len() == c.len_utf8();
        // The final h of "-ah", "-eh" (tā' marbūṭa) is mostly left unwritten: "Raqqah", "Raqqa".
        if c == 'h' && is_last && symbols.last().is_some_and(|&s| is_vowel(s)) {
            break;
        }
        symbols.push(match c {
            'q' | 'c' => 'k',
            other => other,
        });
        rest = &rest[c.len_utf8()..];
    }
    symbols.dedup();
    if after_another
        && symbols.len() > 2
        && is_vowel(symbols[0])
        && SUN_LETTERS.contains(symbols[1])
        && word.chars().nth(1) == word.chars().nth(2)
    {
        symbols.remove(0);
    }
    let mut skeleton = String::with_capacity(symbols.len());
    if symbols.first().is_some_and(|&s| is_vowel(s)) {
        skeleton.push(VOWEL_ONSET);
    }
    skeleton.extend(symbols.into_iter().filter(|&s| !is_vowel(s)));
    skeleton
}

#[cfg(test)]
mod tests {
    use super::*;

    fn skeleton(text: &str) -> Vec<String> {
        skeleton_words(text)
    }

    fn matches(query: &str, name: &str) -> bool {
        spelling_matches(&skeleton_words(query), &skeleton_words(name))
    }

    #[test]
    fn the_spellings_of_hmeimim_share_one_skeleton() {
        for spelling in [
            "Humaymim",
            "Hmeimim",
            "Khmeimim",
            "Hmeymim",
            "Ḥumaymīm",
            "Хмеймим",
        ] {
            assert_eq!(skeleton(spelling), ["hmmm"], "{spelling}");
        }
    }

    #[test]
    fn digraphs_articles_and_doubled_letters_fold() {
        for spelling in [
            "Kamishli",
            "Qamishli",
            "Al-Qamishli",
            "Qamichli",
            "al Qamişli",
        ] {
            assert_eq!(skeleton(spelling), ["kmSl"], "{spelling}");
        }
        for spelling in ["Raqqa", "Rakka", "Raqqah", "ar-Raqqah"] {
            assert_eq!(skeleton(spelling), ["rk"], "{spelling}");
        }
        for spelling in ["Deir ez-Zor", "Dayr az Zawr", "Deir Ezzor", "Der ez Zor"] {
            assert_eq!(skeleton(spelling), ["dr", "zr"], "{spelling}");
        }
        assert_eq!(skeleton("Sheikh Maqsoud"), skeleton("Cheikh Maksoud"));
        assert_eq!(skeleton("Lattakia"), skeleton("Latakia"));
        assert_eq!(skeleton("Latakia"), skeleton("Lattaquié"));
        assert_eq!(skeleton("Ra's al-ʿAyn"), skeleton("Ras al Ain"));
        assert_eq!(skeleton("Jableh"), skeleton("Djabla"));
        // A leading vowel is kept as a mark, and an article alone is a word.
        assert_eq!(skeleton("Idlib"), ["_dlb"]);
        assert_eq!(skeleton("Edlib"), ["_dlb"]);
        assert_eq!(skeleton("Al"), ["_l"]);
        assert_eq!(consonants("_dlb"), 3);
    }

    #[test]
    fn other_spellings_of_the_same_name_match() {
        assert!(matches("Humaymim", "Hmeimim Air Base"));
        assert!(matches("Kamishli", "Qamishli Airport"));
        assert!(matches("Al-Qamishli", "Qamishli Airport"));
        assert!(matches("Rakka", "Raqqa"));
        assert!(matches("Dayr az Zawr", "Deir ez-Zor"));
        assert!(matches("Tartous", "Tartus naval facility"));
        // The word being typed may be a beginning once three consonants are in.
        assert!(matches("Humaym", "Hmeimim"));
        assert!(matches("Dayr az Zawr Kamish", "Deir ez-Zor Qamishli"));
        assert!(!matches("Air Hama", "Hmeimim Air Base"));
        // Two consonants are too few to pick one word out of several.
        assert!(matches("Rakka", "ar-Raqqah"));
        assert!(!matches("Rakka", "Costa Rica"));
        assert!(!matches("Hama", "Khumeh Zar"));
    }

    #[test]
    fn unrelated_names_and_short_queries_do_not_match() {
        assert!(!matches("Hama", "Homs"));
        assert!(!matches("Homs", "Hama"));
        assert!(!matches("Tartus", "Tadmur"));
        assert!(!matches("Tadmur", "Tartus"));
        assert!(!matches("Raqqa", "Ark"));
        assert!(!matches("Idlib", "Dulab"));
        assert!(!matches("Aleppo", "Halab"));
        assert!(!matches("Latakia", "Qamishli"));
        // Too few consonants to say anything, or a beginning too short to be one.
        assert!(!matches("h", "Hmeimim"));
        assert!(!matches("hm", "Hmeimim"));
        assert!(!matches("a", "Ain"));
        assert!(!matches("Hama Air", "Homs Air Base"));
        // Every word of the query must be found.
        assert!(!matches("Deir Hama", "Deir ez-Zor"));
    }
}
