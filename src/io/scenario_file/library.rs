//! The header's list of sources (`deploymap.sources`): each listed once with an `id`, so that
//! dated items can cite it by id instead of repeating it. Read from every file before the
//! features, so a feature may cite a source listed in another file of the scenario.

use crate::io::geojson::{problem_at, serde_problem};
use crate::io::{Problem, SourceText, locate::Locator};
use crate::model::Source;
use serde::Deserialize;
use serde_json::value::RawValue;

#[derive(Deserialize)]
struct FileJson<'a> {
    #[serde(borrow, default)]
    deploymap: Option<HeaderJson<'a>>,
}

#[derive(Deserialize)]
struct HeaderJson<'a> {
    #[serde(borrow, default)]
    sources: Vec<&'a RawValue>,
}

/// The sources listed in the headers of `files`, in order; each one without an id, or with an
/// id used before, is a problem at its place and left out.
pub(super) fn header_sources(files: &[SourceText], problems: &mut Vec<Problem>) -> Vec<Source> {
    let mut library: Vec<Source> = Vec::new();
    for file in files {
        if !file.text.contains("\"sources\"") {
            continue;
        }
        let Ok(FileJson {
            deploymap: Some(header),
        }) = serde_json::from_str::<FileJson>(&file.text)
        else {
            continue;
        };
        let locator = Locator::new(&file.text);
        for raw in header.sources {
            let slice = raw.get();
            let what = "deploymap.sources";
            let source = match serde_json::from_str::<Source>(slice) {
                Ok(source) => source,
                Err(error) => {
                    problems.push(serde_problem(
                        &locator,
                        &file.name,
                        slice,
                        &error,
                        &format!("{what}: expected a source with \"id\", \"outlet\" and \"url\""),
                    ));
                    continue;
                }
            };
            let problem = match source.id.as_deref().map(str::trim) {
                None | Some("") => Some(format!(
                    "{what}: this source has no \"id\"; expected an id that items can cite"
                )),
                Some(id) if library.iter().any(|known| known.id.as_deref() == Some(id)) => Some(
                    format!("{what}: source id {id:?} is used twice; expected unique ids"),
                ),
                Some(_) => None,
            };
            match problem {
                Some(message) => problems.push(problem_at(&locator, &file.name, slice, message)),
                None => library.push(source),
            }
        }
    }
    library
}
