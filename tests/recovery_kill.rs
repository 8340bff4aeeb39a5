//! Killing the window with unsaved edits: the real binary on a virtual X display, edited with
//! a real key press and a real click, then killed with SIGKILL. The recovery file holds the
//! edits, the file opened is unchanged, and the next start offers the edits (and `--recover`
//! takes them).

use deploymap::app::recovery::RecoveryFile;
use std::io::Read as _;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

#[path = "support/virtual_display.rs"]
mod virtual_display;
use virtual_display::{START_TIMEOUT, VirtualDisplay};

fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("deploymap-kill-{}-{name}", std::process::id()));
    std::fs::remove_dir_all(&dir).ok();
    std::fs::create_dir_all(&dir).unwrap_or_else(|e| panic!("{e}"));
    dir
}

impl VirtualDisplay {
    /// Moves the pointer to (`x`, `y`), lets the window see it there, and clicks.
    fn click_at(&self, x: u32, y: u32) {
        self.xdotool(&["mousemove", &x.to_string(), &y.to_string()]);
        std::thread::sleep(Duration::from_millis(400));
        self.xdotool(&["click", "1"]);
        std::thread::sleep(Duration::from_millis(400));
    }

    /// Whether the menu bar shows a switch on: some of its row (at half its height) in egui's
    /// light selection colour, #90d1ff. At the start nothing in it is on; the only switch that
    /// F2 turns on is Edit, wherever the menus before it put it.
    fn menu_bar_switch_on(&self) -> bool {
        let output = Command::new("import")
            .args([
                "-window",
                "root",
                "-crop",
                "1280x1+0+12",
                "-depth",
                "8",
                "txt:-",
            ])
            .env("DISPLAY", &self.name)
            .output()
            .unwrap_or_else(|e| panic!("imagemagick is needed for this test: {e}"));
        String::from_utf8_lossy(&output.stdout).contains("#90D1FF")
    }

    /// Presses F2 in `window`: gives it the keyboard focus first (a bare X server has no
    /// window manager to give it), then a real key press.
    fn press_f2_in(&self, window: &str) {
        self.xdotool(&["windowfocus", "--sync", window]);
        std::thread::sleep(Duration::from_millis(300));
        self.xdotool(&["key", "F2"]);
    }
}

/// The window on `input`, with its data and settings kept under `home`.
fn start_window(display: &VirtualDisplay, home: &Path, input: &Path, extra: &[&str]) -> Child {
    Command::new(env!("CARGO_BIN_EXE_deploymap"))
        .arg(input)
        .args(extra)
        .env("DISPLAY", &display.name)
        .env_remove("WAYLAND_DISPLAY")
        .env("DEPLOYMAP_DATA_DIR", home.join("data"))
        .env("XDG_DATA_HOME", home.join("xdg-data"))
        .env("XDG_CONFIG_HOME", home.join("xdg-config"))
        .env("XDG_CACHE_HOME", home.join("xdg-cache"))
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap_or_else(|e| panic!("cannot run deploymap: {e}"))
}

fn wait_until(what: &str, timeout: Duration, mut done: impl FnMut() -> bool) {
    let started = Instant::now();
    while !done() {
        assert!(started.elapsed() < timeout, "timed out waiting for {what}");
        std::thread::sleep(Duration::from_millis(200));
    }
}

#[test]
fn killing_the_window_with_unsaved_edits_leaves_a_recovery_file_that_the_next_start_offers() {
    let home = scratch("home");
    let input = home.join("minimal.geojson");
    std::fs::copy("tests/fixtures/minimal.geojson", &input).unwrap_or_else(|e| panic!("{e}"));
    let original = std::fs::read(&input).unwrap_or_else(|e| panic!("{e}"));
    let sites_before = deploymap::io::load_paths(std::slice::from_ref(&input))
        .unwrap_or_else(|e| panic!("{e}"))
        .scenario
        .sites
        .len();
    let display = VirtualDisplay::start();

    // An edit with real input: F2 turns edit mode on (found by its key, not by where the menu
    // bar happens to put the switch), then a click on the map, in the Black Sea at the
    // scenario's opening view, adds a site.
    let mut first = start_window(&display, &home, &input, &[]);
    let window = display.wait_for_window(&mut first);
    assert!(
        !display.menu_bar_switch_on(),
        "a switch in the menu bar is on before F2"
    );
    // The first keys can reach the window before it takes input: press F2 until the switch
    // shows as on (waiting for each press to show, as a second press turns it off again), and
    // click the map until the edit is kept.
    for _ in 0..10 {
        display.press_f2_in(&window);
        let pressed = Instant::now();
        while !display.menu_bar_switch_on() && pressed.elapsed() < Duration::from_secs(4) {
            std::thread::sleep(Duration::from_millis(200));
        }
        if display.menu_bar_switch_on() {
            break;
        }
    }
    assert!(
        display.menu_bar_switch_on(),
        "the Edit switch did not turn on"
    );
    let recovery = home
        .join("data")
        .join(format!("recovery-{}.json", first.id()));
    for _ in 0..5 {
        display.click_at(640, 400);
        let started = Instant::now();
        while !recovery.exists() && started.elapsed() < Duration::from_secs(15) {
            std::thread::sleep(Duration::from_millis(200));
        }
        if recovery.exists() {
            break;
        }
    }
    if !recovery.exists() {
        let shot = home.join("no-recovery.png");
        Command::new("import")
            .args(["-window", "root"])
            .arg(&shot)
            .env("DISPLAY", &display.name)
            .status()
            .ok();
        panic!(
            "no recovery file after the edit; the screen is in {}",
            shot.display()
        );
    }
    wait_until(
        "the unsaved mark in the title",
        Duration::from_secs(30),
        || {
            display
                .xdotool(&["getwindowname", &window])
                .starts_with("• deploymap")
        },
    );
    first.kill().unwrap_or_else(|e| panic!("{e}"));
    first.wait().ok();

    assert!(recovery.exists(), "the kill left the recovery file");
    let file = RecoveryFile::read(&recovery).unwrap_or_else(|e| panic!("{e}"));
    let recovered = file.scenario(&recovery).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(
        recovered.sites.len(),
        sites_before + 1,
        "it holds the new site"
    );
    assert_eq!(
        file.origin,
        vec![std::path::absolute(&input).unwrap_or_else(|e| panic!("{e}"))]
    );
    assert_eq!(
        std::fs::read(&input).unwrap_or_else(|e| panic!("{e}")),
        original,
        "the file opened is unchanged"
    );

    // The next start offers the edits.
    let mut second = start_window(&display, &home, &input, &[]);
    let mut stderr = second.stderr.take().unwrap_or_else(|| panic!("no stderr"));
    let mut said = String::new();
    let started = Instant::now();
    let mut buffer = [0u8; 256];
    while !said.contains("offers to recover") {
        assert!(started.elapsed() < START_TIMEOUT, "not offered: {said}");
        match stderr.read(&mut buffer) {
            Ok(0) => panic!("deploymap ended without offering the edits: {said}"),
            Ok(n) => said.push_str(&String::from_utf8_lossy(&buffer[..n])),
            Err(e) => panic!("{e}"),
        }
    }
    assert!(said.contains(&recovery.display().to_string()), "{said}");
    let window = display.wait_for_window(&mut second);
    assert!(
        !display
            .xdotool(&["getwindowname", &window])
            .starts_with('•'),
        "nothing is taken without asking"
    );
    second.kill().unwrap_or_else(|e| panic!("{e}"));
    second.wait().ok();
    assert!(recovery.exists(), "still there until the user answers");

    // --recover takes them at once: unsaved again in the next window.
    let mut third = start_window(&display, &home, &input, &["--recover"]);
    let window = display.wait_for_window(&mut third);
    wait_until("the recovered edits", Duration::from_secs(30), || {
        display
            .xdotool(&["getwindowname", &window])
            .starts_with("• deploymap")
    });
    let claimed = home
        .join("data")
        .join(format!("recovery-{}.json", third.id()));
    assert!(claimed.exists(), "the file is the new window's now");
    assert!(!recovery.exists());
    third.kill().unwrap_or_else(|e| panic!("{e}"));
    third.wait().ok();
    assert_eq!(
        std::fs::read(&input).unwrap_or_else(|e| panic!("{e}")),
        original
    );
    std::fs::remove_dir_all(&home).ok();
}
