//! Find: an index over the names of sites, forces, events and basemap places, matched
//! case- and diacritics-insensitively by word prefixes ("hmei" finds "Hmeimim Air Base").

use crate::model::{LonLat, Scenario, UnixSecs};
use unicode_normalization::UnicodeNormalization as _;

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

    /// The entries matching `query`, best first, at most `limit`, one per target. Every word
    /// of the query must begin some word of the name; the scenario's own sites, units and
    /// events rank before basemap places; then whole-name matches, then names that begin with
    /// the query, then shorter names.
    pub fn search(&self, query: &str, limit: usize) -> Vec<&Entry> {
        let query = fold(query);
        if query.is_empty() {
            return Vec::new();
        }
        let query_words: Vec<&str> = query.split(' ').collect();
        let mut hits: Vec<(u8, usize, &Entry)> = self
            .entries
            .iter()
            .filter(|entry| {
                query_words
                    .iter()
                    .all(|q| entry.words.iter().any(|w| w.starts_with(q)))
            })
            .map(|entry| {
                let rank = if entry.folded == query {
                    0
                } else if entry.folded.starts_with(&query) {
                    1
                } else {
                    2
                };
                let tier = u8::from(matches!(entry.target, Target::Place(_)));
                (tier * 3 + rank, entry.folded.len(), entry)
            })
            .collect();
        hits.sort_by(|a, b| {
            (a.0, a.1)
                .cmp(&(b.0, b.1))
                .then_with(|| a.2.label.cmp(&b.2.label))
        });
        let mut results: Vec<&Entry> = Vec::new();
        for (_, _, entry) in hits {
            if results.iter().any(|r| r.target == entry.target) {
                continue;
            }
            results.push(entry);
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
}
