//! The window, sent SIGTERM as when a session logs out, closes the ordinary way and saves what
//! it remembers. The real binary opens its real window on an X server of its own (Xvfb, Mesa's
//! software renderer), and the signal is the real one.

use std::io::BufReader;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

#[path = "support/virtual_display.rs"]
mod virtual_display;
use virtual_display::VirtualDisplay;

fn scratch() -> PathBuf {
    let dir = std::env::temp_dir().join(format!("deploymap-sigterm-{}", std::process::id()));
    std::fs::remove_dir_all(&dir).ok();
    std::fs::create_dir_all(&dir).unwrap_or_else(|e| panic!("{e}"));
    dir
}

/// What the window remembers, where eframe keeps it under `data_home`.
fn remembered(data_home: &Path) -> PathBuf {
    data_home.join("deploymap").join("app.ron")
}

#[test]
fn sigterm_closes_the_window_the_ordinary_way_and_its_state_is_saved() {
    let dir = scratch();
    let x = VirtualDisplay::start();
    let mut app = Command::new(env!("CARGO_BIN_EXE_deploymap"))
        .env("DISPLAY", &x.name)
        .env_remove("WAYLAND_DISPLAY")
        .env("XDG_DATA_HOME", &dir)
        .env("HOME", &dir)
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap_or_else(|e| panic!("cannot run deploymap: {e}"));
    x.wait_for_window(&mut app);
    // A few frames, well before eframe's own save every 30 s.
    std::thread::sleep(Duration::from_secs(2));
    assert!(
        !remembered(&dir).exists(),
        "saved before the signal; the test proves nothing"
    );
    let status = Command::new("kill")
        .args(["-TERM", &app.id().to_string()])
        .status()
        .unwrap_or_else(|e| panic!("cannot run kill: {e}"));
    assert!(status.success());
    let started = Instant::now();
    let status = loop {
        if let Some(status) = app.try_wait().unwrap_or_else(|e| panic!("{e}")) {
            break status;
        }
        assert!(
            started.elapsed() < Duration::from_secs(60),
            "the window did not close after SIGTERM"
        );
        std::thread::sleep(Duration::from_millis(100));
    };
    let mut stderr = String::new();
    if let Some(pipe) = app.stderr.take() {
        std::io::Read::read_to_string(&mut BufReader::new(pipe), &mut stderr).ok();
    }
    // Killed by the signal, the process would have no exit code and would have saved nothing.
    assert_eq!(status.code(), Some(0), "{status}: {stderr}");
    let saved = std::fs::read_to_string(remembered(&dir))
        .unwrap_or_else(|e| panic!("nothing remembered after SIGTERM ({e}): {stderr}"));
    // The app's own memory (the view and time of this scenario, the clock's zone) is there.
    assert!(
        saved.contains("\"app\":") && saved.contains("\"display_zone\":"),
        "{saved}"
    );
    std::fs::remove_dir_all(&dir).ok();
}
