//! Work on a thread of its own, so the window stays responsive: reading files and exporting
//! pictures both run as a [`Job`], which reports how far it got, can be cancelled, and hands back
//! its result with the error's type intact.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::mpsc::{Receiver, TryRecvError, channel};
use std::time::Instant;

/// How far a job has got (shared between the job's thread and whoever shows it), and whether it
/// was asked to stop.
#[derive(Clone, Debug)]
pub struct Progress {
    done: Arc<AtomicU64>,
    total: Arc<AtomicU64>,
    cancelled: Arc<AtomicBool>,
}

impl Default for Progress {
    fn default() -> Self {
        Self {
            done: Arc::default(),
            total: Arc::new(AtomicU64::new(1)),
            cancelled: Arc::default(),
        }
    }
}

/// Steps a fraction is counted in by [`Progress::set`].
const FRACTION_STEPS: u64 = 1000;

impl Progress {
    /// Records that `fraction` (0 to 1) of the work is done.
    pub fn set(&self, fraction: f64) {
        let done = (fraction.clamp(0.0, 1.0) * FRACTION_STEPS as f64) as u64;
        self.set_count(done, FRACTION_STEPS);
    }

    /// Records that `done` of `total` steps (frames, rows) are done.
    pub fn set_count(&self, done: u64, total: u64) {
        self.total.store(total.max(1), Ordering::Relaxed);
        self.done.store(done.min(total), Ordering::Relaxed);
    }

    /// Steps done and steps in all.
    pub fn count(&self) -> (u64, u64) {
        (
            self.done.load(Ordering::Relaxed),
            self.total.load(Ordering::Relaxed),
        )
    }

    /// The fraction done, 0 to 1.
    pub fn fraction(&self) -> f32 {
        let (done, total) = self.count();
        (done as f64 / total.max(1) as f64) as f32
    }

    /// Asks the work to stop.
    pub fn cancel(&self) {
        self.cancelled.store(true, Ordering::Relaxed);
    }

    /// Whether the work should stop.
    pub fn is_cancelled(&self) -> bool {
        self.cancelled.load(Ordering::Relaxed)
    }
}

/// How a job ended.
#[derive(Debug)]
pub enum JobOutcome<T, E> {
    /// It did its work.
    Done(T),
    /// It failed, and why.
    Failed(E),
    /// It stopped because it was cancelled; nothing was produced.
    Cancelled,
    /// Its thread ended without a result (it panicked).
    Vanished,
}

/// Work running on its own thread.
pub struct Job<T, E> {
    progress: Progress,
    started: Instant,
    result: Receiver<Result<T, E>>,
}

impl<T: Send + 'static, E: Send + 'static> Job<T, E> {
    /// Runs `work` on a new thread; it reports to, and listens for a cancel on, the progress it
    /// is given. `wake` is called when it ends.
    pub fn start(
        work: impl FnOnce(&Progress) -> Result<T, E> + Send + 'static,
        wake: impl Fn() + Send + 'static,
    ) -> Self {
        let progress = Progress::default();
        let (sender, result) = channel();
        let thread_progress = progress.clone();
        std::thread::spawn(move || {
            let outcome = work(&thread_progress);
            // Whoever started the job may have dropped it.
            sender.send(outcome).ok();
            wake();
        });
        Self {
            progress,
            started: Instant::now(),
            result,
        }
    }
}

impl<T, E> Job<T, E> {
    /// How far it got.
    pub fn progress(&self) -> &Progress {
        &self.progress
    }

    /// When it started.
    pub fn started(&self) -> Instant {
        self.started
    }

    /// Asks it to stop.
    pub fn cancel(&self) {
        self.progress.cancel();
    }

    /// How it ended, once it has. A job that was cancelled and then failed (because it stopped
    /// early) ended [`JobOutcome::Cancelled`], not failed.
    pub fn poll(&self) -> Option<JobOutcome<T, E>> {
        match self.result.try_recv() {
            Ok(Ok(value)) => Some(JobOutcome::Done(value)),
            Ok(Err(_)) if self.progress.is_cancelled() => Some(JobOutcome::Cancelled),
            Ok(Err(error)) => Some(JobOutcome::Failed(error)),
            Err(TryRecvError::Empty) => None,
            Err(TryRecvError::Disconnected) => Some(JobOutcome::Vanished),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn wait<T, E>(job: &Job<T, E>) -> JobOutcome<T, E> {
        loop {
            if let Some(outcome) = job.poll() {
                return outcome;
            }
            std::thread::sleep(std::time::Duration::from_millis(5));
        }
    }

    #[test]
    fn a_job_hands_back_its_result_or_its_typed_error() {
        let job = Job::<u32, std::num::ParseIntError>::start(|_| "42".parse(), || {});
        assert!(matches!(wait(&job), JobOutcome::Done(42)));
        let job = Job::<u32, std::num::ParseIntError>::start(|_| "x".parse(), || {});
        assert!(matches!(wait(&job), JobOutcome::Failed(_)));
    }

    #[test]
    fn a_cancelled_job_is_cancelled_not_failed() {
        let (go, wait_for_go) = channel::<()>();
        let job = Job::<(), String>::start(
            move |progress| {
                wait_for_go.recv().ok();
                if progress.is_cancelled() {
                    Err("stopped".into())
                } else {
                    Ok(())
                }
            },
            || {},
        );
        job.cancel();
        go.send(()).ok();
        assert!(matches!(wait(&job), JobOutcome::Cancelled));
    }

    #[test]
    fn progress_counts_steps_and_fractions() {
        let progress = Progress::default();
        progress.set_count(3, 12);
        assert_eq!(progress.count(), (3, 12));
        assert_eq!(progress.fraction(), 0.25);
        progress.set(0.5);
        assert_eq!(progress.fraction(), 0.5);
    }
}
