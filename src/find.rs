//! Find: an index over the names of sites, forces, events and basemap places, matched
//! case- and diacritics-insensitively by word prefixes ("hmei" finds "Hmeimim Air Base"), and
//! by the consonants of a romanized name ("Humaymim" finds it too; see [`transliteration`]).

mod transliteration;

use crate::model::{LonLat, Scenario, UnixSecs};
use unicode_normalization::UnicodeNormalization as _;

pub use transliteration::skeleton_words;

/// Why a name matched a query, best first.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Match {
    /// The whole name is the query.
    Exact,
    /// The name begins with the query.
    Prefix,
    /// Every word of the query begins some word of the name.
    WordPrefixes,
    /// Not as written, but the consonants agree: another romanization of the same name.
    Spelling,
}

impl Match {
    /// What to tell the user beside a result that is not literally what they typed.
    pub fn reason(self) -> Option<&'static str> {
        match self {
            Self::Spelling => Some("≈ spelling"),
            Self::Exact | Self::Prefix | Self::WordPrefixes => None,
        }
    }
}

/// A result: the entry and why it matched. Reads as the entry.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Found<'a> {
    /// The matching name.
    pub entry: &'a Entry,
    /// Why it matched.
    pub how: Match,
}

impl std::ops::Deref for Found<'_> {
    type Target = Entry;

    fn deref(&self) -> &Entry {
        self.entry
    }
}

/// What a result points at.
#[derive(Clone, Debug, PartialEq)]
pub enum Target {
    /// A site, by index into the scenario's sites.
    Site(usize),
    /// A force, by index into the scenario's forces; where it is depends on the time.
    Force(usize),
    /// An event, by index; finding it moves the time too.
    Event(usize),
    /// A place name from the basemap.
    Place(LonLat),
}

/// One searchable name.
#[derive(Clone, Debug, PartialEq)]
pub struct Entry {
    /// The name as shown.
    pub label: String,
    /// The main name when `label` is an alias.
    pub alias_of: Option<String>,
    /// What it points at.
    pub target: Target,
    /// Where, when known without the time.
    pub position: Option<LonLat>,
    /// When, for events.
    pub time: Option<UnixSecs>,
    /// The folded words of `label`.
    words: Vec<String>,
    folded: String,
    /// The consonant skeletons of the words of `label`.
    skeleton: Vec<String>,
}

/// Lower case, accents and marks removed, punctuation turned into spaces:
/// "Ḥumaymīm" → "humaymim", "Deir ez-Zor" → "deir ez zor".
pub fn fold(text: &str) -> String {
    let mut folded = String::with_capacity(text.len());
    for c in text.nfd() {
        if unicode_normalization::char::is_combining_mark(c) {
            continue;
        }
        if matches!(c, '\'' | 'ʿ' | 'ʾ' | 'ʼ' | '’' | '‘' | '`') {
            // Transliterations mark ayn and hamza; most spellings leave them out.
        } else if c.is_alphanumeric() {
            folded.extend(c.to_lowercase());
        } else {
            folded.push(' ');
        }
    }
    folded.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The index.
#[derive(Clone, Debug, Default)]
pub struct FindIndex {
    entries: Vec<Entry>,
}

impl FindIndex {
    /// Indexes a scenario's sites (with their aliases), forces and events.
    pub fn from_scenario(scenario: &Scenario) -> Self {
        let mut index = Self::default();
        for (i, site) in scenario.sites.iter().enumerate() {
            index.push(&site.name, None, Target::Site(i), Some(site.position), None);
            for alias in &site.aliases {
                index.push(
                    alias,
                    Some(&site.name),
                    Target::Site(i),
                    Some(site.position),
                    None,
                );
            }
        }
        for (i, force) in scenario.forces.iter().enumerate() {
            index.push(&force.name, None, Target::Force(i), None, None);
        }
        for (i, event) in scenario.events.iter().enumerate() {
            let position = event.position.or_else(|| {
                event
                    .site
                    .and_then(|s| scenario.sites.get(s))
                    .map(|s| s.position)
            });
            index.push(
                &event.title,
                None,
                Target::Event(i),
                position,
                Some(event.dating.start_secs()),
            );
        }
        index
    }

    /// Adds basemap place names.
    pub fn add_places(&mut self, places: impl IntoIterator<Item = (String, LonLat)>) {
        for (name, position) in places {
            self.push(&name, None, Target::Place(position), Some(position), None);
        }
    }

    /// Adds one name.
    pub fn push(
        &mut self,
        label: &str,
        alias_of: Option<&str>,
        target: Target,
        position: Option<LonLat>,
        time: Option<UnixSecs>,
    ) {
        let folded = fold(label);
        if folded.is_empty() {
            return;
        }
        self.entries.push(Entry {
            label: label.to_owned(),
            alias_of: alias_of.map(str::to_owned),
            target,
            position,
            time,
            words: folded.split(' ').map(str::to_owned).collect(),
            folded,
            skeleton: skeleton_words(label),
        });
    }

    /// How many names it holds.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// Whether it holds none.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// The entries matching `query`, best first, at most `limit`, one per target. A name
    /// matches when every word of the query begins some word of it, or else when the query's
    /// consonant skeletons match its own (another romanization of the same name, see
    /// [`transliteration`]). Literal matches come before spelling ones; within each, the
    /// scenario's own sites, units and events rank before basemap places; then whole-name
    /// matches, then names that begin with the query, then shorter names.
    pub fn search(&self, query: &str, limit: usize) -> Vec<Found<'_>> {
        let query_skeleton = skeleton_words(query);
        let query = fold(query);
        if query.is_empty() {
            return Vec::new();
        }
        let query_words: Vec<&str> = query.split(' ').collect();
        let long_enough =
            query.chars().filter(|c| *c != ' ').count() >= transliteration::MIN_LETTERS;
        let mut hits: Vec<((bool, bool, Match, usize), Found<'_>)> = self
            .entries
            .iter()
            .filter_map(|entry| {
                let how = if query_words
                    .iter()
                    .all(|q| entry.words.iter().any(|w| w.starts_with(q)))
                {
                    if entry.folded == query {
                        Match::Exact
                    } else if entry.folded.starts_with(&query) {
                        Match::Prefix
                    } else {
                        Match::WordPrefixes
                    }
                } else if long_enough
                    && transliteration::spelling_matches(&query_skeleton, &entry.skeleton)
                {
                    Match::Spelling
                } else {
                    return None;
                };
                let place = matches!(entry.target, Target::Place(_));
                let key = (how == Match::Spelling, place, how, entry.folded.len());
                Some((key, Found { entry, how }))
            })
            .collect();
        hits.sort_by(|a, b| a.0.cmp(&b.0).then_with(|| a.1.label.cmp(&b.1.label)));
        let mut results: Vec<Found<'_>> = Vec::new();
        for (_, found) in hits {
            if results.iter().any(|r| r.target == found.target) {
                continue;
            }
            results.push(found);
            if results.len() == limit {
                break;
            }
        }
        results
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folding_drops_case_accents_and_marks() {
        assert_eq!(fold("Ḥumaymīm"), "humaymim");
        assert_eq!(fold("Deir ez-Zor"), "deir ez zor");
        assert_eq!(fold("Raʾs al-ʿAyn"), "ras al ayn");
        assert_eq!(fold("ÇAĞLAYAN"), "caglayan");
    }

    #[test]
    fn prefixes_and_aliases_find_the_place_best_first() {
        let mut index = FindIndex::default();
        let hmeimim = LonLat::new(35.945, 35.4117);
        index.push(
            "Hmeimim Air Base",
            None,
            Target::Site(0),
            Some(hmeimim),
            None,
        );
        index.push(
            "Khmeimim",
            Some("Hmeimim Air Base"),
            Target::Site(0),
            Some(hmeimim),
            None,
        );
        index.push("Hama", None, Target::Site(1), None, None);
        index.push(
            "Air defence near Hama",
            None,
            Target::Event(0),
            None,
            Some(5.0),
        );
        let first = |q: &str| index.search(q, 5).first().map(|e| e.target.clone());
        assert_eq!(first("hmei"), Some(Target::Site(0)));
        assert_eq!(first("KHMEIMIM"), Some(Target::Site(0)));
        assert_eq!(first("khmeï"), Some(Target::Site(0)));
        assert_eq!(first("ham"), Some(Target::Site(1)));
        assert_eq!(index.search("air", 5).len(), 2);
        assert_eq!(index.search("air hama", 5).len(), 1);
        assert!(index.search("zzz", 5).is_empty());
        // One result per place even when name and alias both match.
        assert_eq!(index.search("h", 5).len(), 3);
    }

    #[test]
    fn other_romanizations_match_after_the_literal_matches_and_say_so() {
        let mut index = FindIndex::default();
        index.push("Hmeimim Air Base", None, Target::Site(0), None, None);
        index.push("Raqqa", None, Target::Site(1), None, None);
        index.push("Homs", None, Target::Site(2), None, None);
        index.push("Tadmur", None, Target::Site(3), None, None);
        let rakkaba = LonLat::new(38.0, 36.0);
        index.push("Rakkaba", None, Target::Place(rakkaba), Some(rakkaba), None);
        let found = index.search("Humaymim", 5);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].target, Target::Site(0));
        assert_eq!(found[0].how, Match::Spelling);
        assert_eq!(found[0].how.reason(), Some("≈ spelling"));
        let literal = index.search("hmei", 5);
        assert_eq!(literal[0].how, Match::Prefix);
        assert_eq!(literal[0].how.reason(), None);
        assert_eq!(index.search("raqqa", 5)[0].how, Match::Exact);
        assert_eq!(index.search("air", 5)[0].how, Match::WordPrefixes);
        // A basemap town that begins with what was typed comes before a site of the scenario
        // that only sounds like it.
        let rakka: Vec<_> = index
            .search("Rakka", 5)
            .iter()
            .map(|f| (f.target.clone(), f.how))
            .collect();
        assert_eq!(
            rakka,
            [
                (Target::Place(rakkaba), Match::Prefix),
                (Target::Site(1), Match::Spelling)
            ]
        );
        // Names that merely share a letter or two are not offered.
        assert!(index.search("Hama", 5).is_empty());
        assert!(index.search("Tartus", 5).is_empty());
        // Nor are queries too short to be a name yet.
        assert_eq!(index.search("Rikka", 5)[0].target, Target::Site(1));
        assert!(index.search("Rik", 5).is_empty());
    }
}
