//! Reads are bounded: a 1 GB file (sparse, so it costs no disk) is answered with a short message
//! from a process that stays small. One test, so the peak memory measured is this case's alone.

use std::path::Path;
use std::process::{Command, Output};

/// The peak resident memory of the largest child process waited for so far, in MiB.
fn peak_child_rss_mib() -> i64 {
    let mut usage = std::mem::MaybeUninit::<libc::rusage>::zeroed();
    // SAFETY: getrusage writes a rusage into the pointer it is given.
    let usage = unsafe {
        assert_eq!(
            libc::getrusage(libc::RUSAGE_CHILDREN, usage.as_mut_ptr()),
            0
        );
        usage.assume_init()
    };
    usage.ru_maxrss / 1024
}

fn deploymap(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_deploymap"))
        .args(args)
        .output()
        .unwrap_or_else(|e| panic!("cannot run deploymap: {e}"))
}

fn sparse_gigabyte(path: &Path) {
    let file = std::fs::File::create(path).unwrap_or_else(|e| panic!("{e}"));
    file.set_len(1 << 30).unwrap_or_else(|e| panic!("{e}"));
}

#[test]
fn a_gigabyte_of_nothing_is_refused_with_a_short_message_in_little_memory() {
    let dir = std::env::temp_dir().join(format!("deploymap-bounded-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap_or_else(|e| panic!("{e}"));
    let zeros = dir.join("z.bin");
    sparse_gigabyte(&zeros);
    let zeros_name = zeros.display().to_string();

    let validated = deploymap(&["validate", &zeros_name]);
    let said = format!(
        "{}{}",
        String::from_utf8_lossy(&validated.stdout),
        String::from_utf8_lossy(&validated.stderr)
    );
    assert_eq!(validated.status.code(), Some(1), "{said}");
    assert!(said.len() < 1_000, "{} bytes of output", said.len());
    assert!(said.contains("z.bin:1:1:"), "{said}");

    let basemap = deploymap(&[
        "export",
        "png",
        "--at",
        "2026-01-24",
        "--basemap",
        &zeros_name,
        "--out",
        &dir.join("x.png").display().to_string(),
    ]);
    let said = String::from_utf8_lossy(&basemap.stderr);
    assert!(!basemap.status.success());
    assert!(said.contains("not a PMTiles archive"), "{said}");

    // Reading the whole gigabyte would need more than a gigabyte.
    let peak = peak_child_rss_mib();
    std::fs::remove_dir_all(&dir).ok();
    assert!(peak < 600, "a child peaked at {peak} MiB");
}
