//! An MP4 export's `ffmpeg` stops with the export: stopped by a signal, the export kills and
//! reaps it and leaves the folder as it was; killed outright, the kernel kills `ffmpeg` too, so
//! it does not go on to finish a file nobody wants. The real binary, the real `ffmpeg`, real
//! signals.

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("deploymap-mp4-{}-{name}", std::process::id()));
    std::fs::remove_dir_all(&dir).ok();
    std::fs::create_dir_all(&dir).unwrap_or_else(|e| panic!("{e}"));
    dir
}

fn names_in(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("{e}"))
        .filter_map(Result::ok)
        .map(|entry| entry.file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

/// A long MP4 export into `dir`.
fn start_long_mp4_export(dir: &Path) -> Child {
    Command::new(env!("CARGO_BIN_EXE_deploymap"))
        .args([
            "export",
            "anim",
            "--from",
            "2024-12-01",
            "--to",
            "2026-02-01",
            "--frames",
            "5000",
            "--size",
            "160x120",
            "--out",
        ])
        .arg(dir.join("story.mp4"))
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap_or_else(|e| panic!("cannot run deploymap: {e}"))
}

/// The pid of the `ffmpeg` whose parent is `parent`, once it runs.
fn ffmpeg_child_of(parent: u32, export: &mut Child) -> u32 {
    let started = Instant::now();
    loop {
        if let Ok(Some(status)) = export.try_wait() {
            panic!("the export ended before ffmpeg was seen: {status}");
        }
        let found = std::fs::read_dir("/proc")
            .unwrap_or_else(|e| panic!("{e}"))
            .filter_map(Result::ok)
            .filter_map(|entry| entry.file_name().to_str()?.parse::<u32>().ok())
            .find(|&pid| {
                process_stat(pid).is_some_and(|(name, _, ppid)| name == "ffmpeg" && ppid == parent)
            });
        if let Some(pid) = found {
            return pid;
        }
        assert!(
            started.elapsed() < Duration::from_secs(120),
            "no ffmpeg appeared"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
}

/// A process's name, state and parent, from `/proc/PID/stat`; `None` once it is gone.
fn process_stat(pid: u32) -> Option<(String, char, u32)> {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
    let open = stat.find('(')?;
    let close = stat.rfind(')')?;
    let name = stat[open + 1..close].to_string();
    let mut rest = stat[close + 1..].split_whitespace();
    let state = rest.next()?.chars().next()?;
    let ppid = rest.next()?.parse().ok()?;
    Some((name, state, ppid))
}

/// Whether `pid` no longer runs `ffmpeg` (gone, or a zombie waiting to be reaped) within 10 s.
fn ffmpeg_stops(pid: u32) -> bool {
    let started = Instant::now();
    while started.elapsed() < Duration::from_secs(10) {
        match process_stat(pid) {
            None => return true,
            Some((name, state, _)) if name != "ffmpeg" || state == 'Z' => return true,
            Some(_) => std::thread::sleep(Duration::from_millis(50)),
        }
    }
    false
}

fn ffmpeg_installed() -> bool {
    Command::new("ffmpeg")
        .arg("-version")
        .output()
        .is_ok_and(|output| output.status.success())
}

#[test]
fn sigterm_mid_mp4_export_kills_and_reaps_ffmpeg_and_leaves_the_folder_unchanged() {
    assert!(
        ffmpeg_installed(),
        "this test needs ffmpeg (Debian: apt-get install ffmpeg)"
    );
    let dir = scratch("sigterm");
    let mut export = start_long_mp4_export(&dir);
    let ffmpeg = ffmpeg_child_of(export.id(), &mut export);
    // Let a few frames reach ffmpeg, so that it has begun writing.
    std::thread::sleep(Duration::from_secs(1));
    let status = Command::new("kill")
        .args(["-TERM", &export.id().to_string()])
        .status()
        .unwrap_or_else(|e| panic!("cannot run kill: {e}"));
    assert!(status.success());
    let output = export.wait_with_output().unwrap_or_else(|e| panic!("{e}"));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(143), "{stderr}");
    // Reaped by the export before it exited: no process is left under that pid.
    assert!(
        ffmpeg_stops(ffmpeg),
        "ffmpeg {ffmpeg} went on after the export stopped"
    );
    assert_eq!(names_in(&dir), Vec::<String>::new(), "the folder changed");
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn an_mp4_export_killed_outright_takes_ffmpeg_with_it_before_it_finishes_the_file() {
    assert!(
        ffmpeg_installed(),
        "this test needs ffmpeg (Debian: apt-get install ffmpeg)"
    );
    let dir = scratch("sigkill");
    let mut export = start_long_mp4_export(&dir);
    let ffmpeg = ffmpeg_child_of(export.id(), &mut export);
    std::thread::sleep(Duration::from_secs(1));
    export.kill().unwrap_or_else(|e| panic!("{e}"));
    export.wait().unwrap_or_else(|e| panic!("{e}"));
    assert!(
        ffmpeg_stops(ffmpeg),
        "ffmpeg {ffmpeg} went on after the export was killed"
    );
    // Had ffmpeg read the end of its input instead, it would have finished the MP4: its index
    // ("moov") is written only at the end.
    let leftovers = names_in(&dir);
    assert!(
        leftovers.iter().all(|name| name.ends_with(".partial")),
        "{leftovers:?}"
    );
    for name in &leftovers {
        let bytes = std::fs::read(dir.join(name)).unwrap_or_else(|e| panic!("{e}"));
        assert!(
            !bytes.windows(4).any(|window| window == b"moov"),
            "{name}: ffmpeg finished the file after the export was killed"
        );
    }
    std::fs::remove_dir_all(&dir).ok();
}
