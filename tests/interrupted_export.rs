//! Interrupted exports leave nothing behind: the real binary, stopped by real signals.

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

fn scratch(name: &str) -> PathBuf {
    let dir =
        std::env::temp_dir().join(format!("deploymap-interrupt-{}-{name}", std::process::id()));
    std::fs::remove_dir_all(&dir).ok();
    std::fs::create_dir_all(&dir).unwrap_or_else(|e| panic!("{e}"));
    dir
}

fn names_in(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("{e}"))
        .map(|entry| {
            entry
                .unwrap_or_else(|e| panic!("{e}"))
                .file_name()
                .to_string_lossy()
                .into_owned()
        })
        .collect();
    names.sort();
    names
}

/// A long GIF export into `dir`, its progress bar on a pipe.
fn start_long_export(dir: &Path) -> Child {
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
        .arg(dir.join("story.gif"))
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap_or_else(|e| panic!("cannot run deploymap: {e}"))
}

/// Waits until the export has started writing its temporary file.
fn wait_for_partial(dir: &Path, child: &mut Child) {
    let started = Instant::now();
    while !names_in(dir).iter().any(|name| name.ends_with(".partial")) {
        if let Ok(Some(status)) = child.try_wait() {
            panic!("the export ended before it was interrupted: {status}");
        }
        assert!(
            started.elapsed() < Duration::from_secs(120),
            "no temporary file appeared"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
    // Let a few frames go by, so the signal lands mid-export.
    std::thread::sleep(Duration::from_millis(500));
}

fn send(signal: &str, child: &Child) {
    let status = Command::new("kill")
        .args([format!("-{signal}"), child.id().to_string()])
        .status()
        .unwrap_or_else(|e| panic!("cannot run kill: {e}"));
    assert!(status.success());
}

fn interrupted_with(signal: &str, expected_code: i32) {
    let dir = scratch(signal);
    let mut child = start_long_export(&dir);
    wait_for_partial(&dir, &mut child);
    send(signal, &child);
    let output = child.wait_with_output().unwrap_or_else(|e| panic!("{e}"));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(expected_code), "{stderr}");
    assert!(
        stderr.contains(&format!("stopped by {signal}; nothing was written")),
        "{stderr}"
    );
    assert_eq!(names_in(&dir), Vec::<String>::new(), "the folder changed");
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn sigterm_mid_export_removes_the_temporary_file_and_exits_143() {
    interrupted_with("SIGTERM", 143);
}

#[test]
fn ctrl_c_mid_export_removes_the_temporary_file_and_exits_130() {
    interrupted_with("SIGINT", 130);
}

#[test]
fn sighup_mid_export_removes_the_temporary_file_and_exits_129() {
    interrupted_with("SIGHUP", 129);
}

#[test]
fn the_leftover_of_a_killed_export_is_removed_by_the_next_one_and_the_user_told() {
    let dir = scratch("sigkill");
    let mut child = start_long_export(&dir);
    wait_for_partial(&dir, &mut child);
    child.kill().unwrap_or_else(|e| panic!("{e}"));
    child.wait().unwrap_or_else(|e| panic!("{e}"));
    let leftovers = names_in(&dir);
    assert_eq!(leftovers.len(), 1, "{leftovers:?}");
    assert!(leftovers[0].ends_with(".partial"), "{leftovers:?}");

    let out = dir.join("next.png");
    let output = Command::new(env!("CARGO_BIN_EXE_deploymap"))
        .args(["export", "png", "--at", "2026-01-24", "--size", "64x48"])
        .arg("--out")
        .arg(&out)
        .output()
        .unwrap_or_else(|e| panic!("{e}"));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "{stderr}");
    assert!(
        stderr.contains(&leftovers[0]) && stderr.contains("left by an export that was killed"),
        "{stderr}"
    );
    assert_eq!(names_in(&dir), vec!["next.png".to_string()]);
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn an_os_error_is_printed_once() {
    let output = Command::new(env!("CARGO_BIN_EXE_deploymap"))
        .args([
            "export",
            "png",
            "--at",
            "2026-01-24",
            "--out",
            "/nonexistent-dir/x.png",
        ])
        .output()
        .unwrap_or_else(|e| panic!("{e}"));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(!output.status.success());
    assert!(
        stderr.contains("cannot write /nonexistent-dir/x.png: No such file or directory"),
        "{stderr}"
    );
    assert_eq!(
        stderr.matches("No such file or directory").count(),
        1,
        "{stderr}"
    );
}
