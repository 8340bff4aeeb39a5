//! A virtual X display (Xvfb) of a test's own, for the tests that run the real window: started
//! on a display number it picks itself, ready once clients can connect, stopped when dropped.

use std::io::{BufRead as _, BufReader, Read as _};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// How long the window may take to come up on a busy machine with a software renderer.
pub const START_TIMEOUT: Duration = Duration::from_secs(120);

/// A virtual X display on a free number, stopped when dropped.
pub struct VirtualDisplay {
    server: Child,
    /// The display, as `DISPLAY` takes it (`:N`).
    pub name: String,
}

impl VirtualDisplay {
    /// Starts the server at 1280×800 and waits until it takes connections.
    pub fn start() -> Self {
        let mut server = Command::new("Xvfb")
            .args([
                "-displayfd",
                "1",
                "-screen",
                "0",
                "1280x800x24",
                "-nolisten",
                "tcp",
                // Otherwise the server resets when its last client goes (the killed window),
                // and the next window can find it closed to connections.
                "-noreset",
            ])
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap_or_else(|e| panic!("Xvfb is needed for this test (Debian package xvfb): {e}"));
        let mut line = String::new();
        if let Some(stdout) = server.stdout.take() {
            BufReader::new(stdout)
                .read_line(&mut line)
                .unwrap_or_else(|e| panic!("{e}"));
        }
        let number: u32 = line
            .trim()
            .parse()
            .unwrap_or_else(|e| panic!("Xvfb gave no display number ({line:?}): {e}"));
        let display = Self {
            server,
            name: format!(":{number}"),
        };
        // Wait until clients can connect, not only until the server says it is up.
        let started = Instant::now();
        while display.xdotool(&["getdisplaygeometry"]).is_empty() {
            assert!(
                started.elapsed() < Duration::from_secs(20),
                "Xvfb {} takes no connections",
                display.name
            );
            std::thread::sleep(Duration::from_millis(200));
        }
        display
    }

    /// Runs xdotool on this display; what it printed.
    pub fn xdotool(&self, args: &[&str]) -> String {
        let output = Command::new("xdotool")
            .args(args)
            .env("DISPLAY", &self.name)
            .output()
            .unwrap_or_else(|e| {
                panic!("xdotool is needed for this test (Debian package xdotool): {e}")
            });
        String::from_utf8_lossy(&output.stdout).trim().to_string()
    }

    /// The id of the deploymap window, once it is up.
    pub fn wait_for_window(&self, child: &mut Child) -> String {
        let started = Instant::now();
        loop {
            if let Ok(Some(status)) = child.try_wait() {
                let mut said = String::new();
                if let Some(mut stderr) = child.stderr.take() {
                    stderr.read_to_string(&mut said).ok();
                }
                panic!("deploymap ended before its window came up: {status}: {said}");
            }
            // The app names the window after its data once its first frame ran.
            let found = self.xdotool(&["search", "--name", "deploymap"]);
            if let Some(id) = found.lines().next()
                && self.xdotool(&["getwindowname", id]).contains(" — ")
            {
                std::thread::sleep(Duration::from_secs(1));
                return id.to_string();
            }
            assert!(started.elapsed() < START_TIMEOUT, "no deploymap window");
            std::thread::sleep(Duration::from_millis(300));
        }
    }
}

impl Drop for VirtualDisplay {
    fn drop(&mut self) {
        self.server.kill().ok();
        self.server.wait().ok();
    }
}
