//! What reading gives back: a file's text with its name, and a scenario with the problems that
//! did not stop it. The readers of every format and the loading path share these types.

use super::Problem;
use crate::model::Scenario;
use std::collections::HashMap;

/// One input file's name (as the user gave it) and text.
#[derive(Clone, Debug)]
pub struct SourceText {
    /// Shown in messages.
    pub name: String,
    /// The whole file.
    pub text: String,
}

/// A scenario and the problems that did not stop it from loading.
#[derive(Clone, Debug, Default)]
pub struct Loaded {
    /// What loaded.
    pub scenario: Scenario,
    /// What was left out or is doubtful, each with its place in the files.
    pub problems: Vec<Problem>,
    /// Where the files give the ids of the forces and events loaded (ids a reader made up are
    /// left out), so that an id given again in another file is reported with both places.
    pub id_places: Vec<IdPlace>,
}

/// What an id names; forces and events each have ids of their own.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum IdKind {
    /// A force (a track, in the other formats).
    Force,
    /// An event.
    Event,
}

impl IdKind {
    /// The word used in messages.
    pub fn label(self) -> &'static str {
        match self {
            Self::Force => "force",
            Self::Event => "event",
        }
    }
}

/// Where a file gives an id.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct IdPlace {
    /// What the id names.
    pub kind: IdKind,
    /// The id.
    pub id: String,
    /// The file, as the user named it.
    pub file: String,
    /// 1-based line.
    pub line: usize,
    /// 1-based column, in characters.
    pub column: usize,
}

/// The ids seen so far, in one file or across the files given together: the first place of
/// each is kept, and every later place is a problem that names both.
#[derive(Default)]
pub struct UniqueIds {
    first: HashMap<(IdKind, String), IdPlace>,
    /// The ids given again, each located where it is given again.
    pub problems: Vec<Problem>,
}

impl UniqueIds {
    /// Whether `place` gives an id not seen before; if it was seen, the problem is kept.
    pub fn keep(&mut self, place: &IdPlace) -> bool {
        let key = (place.kind, place.id.clone());
        if let Some(first) = self.first.get(&key) {
            self.problems.push(Problem {
                file: place.file.clone(),
                line: place.line,
                column: place.column,
                message: format!(
                    "{} id {:?} is used twice, first at {}:{}:{}; expected unique ids",
                    place.kind.label(),
                    super::excerpt(&place.id),
                    first.file,
                    first.line,
                    first.column
                ),
            });
            return false;
        }
        self.first.insert(key, place.clone());
        true
    }
}
