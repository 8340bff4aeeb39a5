//! Where start-up time goes: with `DEPLOYMAP_TRACE_STARTUP=1` in the environment, the window
//! prints the seconds since `main` began at each step (layers read, renderer ready, basemap
//! opened, first frame, the first view's tiles decoded, first basemap tile drawn). Nothing is
//! printed otherwise.
//! `tools/bench/startup.sh` measures the whole process from outside; this says which step
//! the time went to.

use std::sync::OnceLock;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Instant;

static START: OnceLock<Instant> = OnceLock::new();
static ENABLED: OnceLock<bool> = OnceLock::new();

/// Starts the clock; called first thing in `main`.
pub fn start() {
    START.get_or_init(Instant::now);
    ENABLED.get_or_init(|| std::env::var_os("DEPLOYMAP_TRACE_STARTUP").is_some());
}

/// Prints `step` with the seconds since [`start`], when tracing is on.
pub fn mark(step: &str) {
    if ENABLED.get().copied().unwrap_or(false)
        && let Some(start) = START.get()
    {
        eprintln!("startup {:7.3} s  {step}", start.elapsed().as_secs_f64());
    }
}

/// [`mark`]s `step` the first time it is reached through `flag`.
pub fn mark_once(flag: &AtomicBool, step: &str) {
    if !flag.swap(true, Ordering::Relaxed) {
        mark(step);
    }
}
