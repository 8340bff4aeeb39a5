//! What reading gives back: a file's text with its name, and a scenario with the problems that
//! did not stop it. The readers of every format and the loading path share these types.

use super::Problem;
use crate::model::Scenario;

/// One input file's name (as the user gave it) and text.
#[derive(Clone, Debug)]
pub struct SourceText {
    /// Shown in messages.
    pub name: String,
    /// The whole file.
    pub text: String,
}

/// A scenario and the problems that did not stop it from loading.
#[derive(Clone, Debug)]
pub struct Loaded {
    /// What loaded.
    pub scenario: Scenario,
    /// What was left out or is doubtful, each with its place in the files.
    pub problems: Vec<Problem>,
}
