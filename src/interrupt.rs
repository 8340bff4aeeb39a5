//! Stopping cleanly when the user or the system asks: SIGINT (Ctrl-C), SIGTERM and SIGHUP.
//!
//! The command line calls [`watch`] once; long work (an export) polls [`received`] between steps,
//! stops, removes what it was writing, and the process exits with [`exit_code`] (130, 143, 129),
//! as a shell expects of a process killed by that signal. A second signal while the first is
//! being handled exits at once.

use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};

/// The signals that ask the program to stop.
pub const STOP_SIGNALS: [i32; 3] = [
    signal_hook::consts::SIGINT,
    signal_hook::consts::SIGTERM,
    signal_hook::consts::SIGHUP,
];

/// The last stop signal received, or 0.
static RECEIVED: AtomicUsize = AtomicUsize::new(0);
/// Set by the first stop signal, so that a second one exits at once.
static STOPPING: AtomicBool = AtomicBool::new(false);

/// Catches the stop signals from now on, so that [`received`] reports them instead of the process
/// dying where it stands.
pub fn watch() -> std::io::Result<()> {
    for signal in STOP_SIGNALS {
        // Registered first, so it sees the flag as the previous signal left it.
        signal_hook::flag::register_conditional_shutdown(signal, exit_code(signal), &STOPPING)?;
        signal_hook::flag::register(signal, &STOPPING)?;
        signal_hook::flag::register_usize(signal, &RECEIVED, signal as usize)?;
    }
    Ok(())
}

/// The stop signal received since [`watch`], if any.
pub fn received() -> Option<i32> {
    match RECEIVED.load(Ordering::SeqCst) {
        0 => None,
        signal => i32::try_from(signal).ok(),
    }
}

/// The exit status of a process stopped by `signal`: 128 plus its number (130 for SIGINT, 143
/// for SIGTERM, 129 for SIGHUP).
pub fn exit_code(signal: i32) -> i32 {
    128 + signal
}

/// The name of a stop signal, for messages.
pub fn name(signal: i32) -> &'static str {
    match signal {
        signal_hook::consts::SIGINT => "SIGINT",
        signal_hook::consts::SIGTERM => "SIGTERM",
        signal_hook::consts::SIGHUP => "SIGHUP",
        _ => "a signal",
    }
}

/// Calls `on_stop` (on a thread of its own) each time SIGTERM or SIGHUP arrives; used by the
/// window to close, and so save its state, when the session ends.
pub fn on_stop(on_stop: impl Fn(i32) + Send + 'static) -> std::io::Result<()> {
    let mut signals = signal_hook::iterator::Signals::new([
        signal_hook::consts::SIGTERM,
        signal_hook::consts::SIGHUP,
    ])?;
    std::thread::Builder::new()
        .name("stop signals".into())
        .spawn(move || {
            for signal in signals.forever() {
                on_stop(signal);
            }
        })?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn exit_codes_follow_the_shell_convention() {
        assert_eq!(exit_code(signal_hook::consts::SIGINT), 130);
        assert_eq!(exit_code(signal_hook::consts::SIGTERM), 143);
        assert_eq!(exit_code(signal_hook::consts::SIGHUP), 129);
    }
}
