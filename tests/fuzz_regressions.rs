//! Replays, with the stable compiler, every input the fuzzer ever found to crash or hang
//! (`tests/fixtures/regressions/TARGET/`), and every seed, through the same code the fuzz targets
//! run (`fuzz/src/lib.rs`), so that CI needs no nightly and a fixed bug stays fixed.

#[path = "../fuzz/src/lib.rs"]
mod fuzz_targets;

use std::path::{Path, PathBuf};

const REGRESSIONS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/regressions");

fn files_under(dir: &Path) -> Vec<PathBuf> {
    let mut files = Vec::new();
    let Ok(entries) = std::fs::read_dir(dir) else {
        return files;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            files.extend(files_under(&path));
        } else {
            files.push(path);
        }
    }
    files.sort();
    files
}

/// Runs `target` on every file, naming the file that fails.
fn replay(name: &str, target: fn(&[u8]), files: &[PathBuf]) {
    for file in files {
        let bytes = std::fs::read(file).unwrap_or_else(|e| panic!("{}: {e}", file.display()));
        let outcome = std::panic::catch_unwind(|| target(&bytes));
        assert!(
            outcome.is_ok(),
            "fuzz target {name} fails on {}",
            file.display()
        );
    }
}

#[test]
fn every_input_the_fuzzer_found_is_answered_without_a_panic() {
    let mut replayed = 0;
    for &(name, target) in fuzz_targets::TARGETS {
        let files = files_under(&Path::new(REGRESSIONS).join(name));
        replay(name, target, &files);
        replayed += files.len();
    }
    // Every folder is named after a target, so no finding is left unreplayed.
    let known: Vec<&str> = fuzz_targets::TARGETS
        .iter()
        .map(|(name, _)| *name)
        .collect();
    for entry in std::fs::read_dir(REGRESSIONS)
        .unwrap_or_else(|e| panic!("{REGRESSIONS}: {e}"))
        .flatten()
    {
        let name = entry.file_name().to_string_lossy().into_owned();
        assert!(
            known.contains(&name.as_str()) || name == "README.md",
            "tests/fixtures/regressions/{name} is not a fuzz target's folder"
        );
    }
    assert!(
        replayed > 0,
        "no regression inputs found under {REGRESSIONS}"
    );
}

#[test]
fn every_seed_passes_every_target() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut seeds = files_under(&root.join("data"));
    seeds.extend(files_under(&root.join("tests/fixtures/formats")));
    seeds.extend(files_under(&root.join("tests/fixtures/bad")));
    seeds.extend(files_under(&root.join("fuzz/seeds")));
    assert!(seeds.len() > 10, "{seeds:?}");
    for &(name, target) in fuzz_targets::TARGETS {
        replay(name, target, &seeds);
    }
}
