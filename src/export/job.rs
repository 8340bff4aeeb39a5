//! An export running on its own thread, so the window stays responsive: progress, cancel, result.

use super::{AnimationSpec, OffscreenRenderer, SnapshotSpec, export_animation, export_snapshot};
use crate::model::{Scenario, UnixSecs};
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU32, Ordering};
use std::sync::mpsc::{Receiver, TryRecvError, channel};

/// What to export.
#[derive(Clone, Debug)]
pub enum ExportWork {
    /// One picture at a time.
    Snapshot {
        /// The time shown.
        t: UnixSecs,
    },
    /// The timeline played over a span.
    Animation(AnimationSpec),
}

/// Everything a background export needs; it owns its copy of the scenario.
#[derive(Clone, Debug)]
pub struct ExportRequest {
    /// What the map shows.
    pub scenario: Arc<Scenario>,
    /// View, size, layers and furniture.
    pub spec: SnapshotSpec,
    /// Snapshot or animation.
    pub work: ExportWork,
    /// A user basemap, or `None` for the built-in one.
    pub basemap: Option<PathBuf>,
    /// Where to write.
    pub path: PathBuf,
    /// Whether an existing file may be replaced.
    pub overwrite: bool,
}

/// A running export.
pub struct ExportJob {
    done: Arc<AtomicU32>,
    total: Arc<AtomicU32>,
    cancelled: Arc<AtomicBool>,
    result: Receiver<Result<PathBuf, String>>,
    path: PathBuf,
}

impl ExportJob {
    /// Starts `request` on a new thread; `wake` is called whenever there is news.
    pub fn start(request: ExportRequest, wake: impl Fn() + Send + 'static) -> Self {
        let done = Arc::new(AtomicU32::new(0));
        let total = Arc::new(AtomicU32::new(match &request.work {
            ExportWork::Snapshot { .. } => 1,
            ExportWork::Animation(animation) => animation.frames,
        }));
        let cancelled = Arc::new(AtomicBool::new(false));
        let (sender, result) = channel();
        let path = request.path.clone();
        let (thread_done, thread_cancelled) = (done.clone(), cancelled.clone());
        std::thread::spawn(move || {
            let outcome =
                run(&request, &thread_done, &thread_cancelled, &wake).map_err(|e| e.to_string());
            sender.send(outcome).ok();
            wake();
        });
        Self {
            done,
            total,
            cancelled,
            result,
            path,
        }
    }

    /// Frames finished and frames in all.
    pub fn progress(&self) -> (u32, u32) {
        (
            self.done.load(Ordering::Relaxed),
            self.total.load(Ordering::Relaxed),
        )
    }

    /// The file being written.
    pub fn path(&self) -> &std::path::Path {
        &self.path
    }

    /// Asks the export to stop after the current frame; nothing is written.
    pub fn cancel(&self) {
        self.cancelled.store(true, Ordering::Relaxed);
    }

    /// The outcome, once the export has ended.
    pub fn poll(&self) -> Option<Result<PathBuf, String>> {
        match self.result.try_recv() {
            Ok(outcome) => Some(outcome),
            Err(TryRecvError::Empty) => None,
            Err(TryRecvError::Disconnected) => Some(Err("the export stopped unexpectedly".into())),
        }
    }
}

fn run(
    request: &ExportRequest,
    done: &AtomicU32,
    cancelled: &AtomicBool,
    wake: &dyn Fn(),
) -> Result<PathBuf, super::ExportError> {
    let mut renderer = OffscreenRenderer::new(request.basemap.as_deref())?;
    match &request.work {
        ExportWork::Snapshot { t } => {
            let written = export_snapshot(
                &mut renderer,
                &request.scenario,
                *t,
                &request.spec,
                &request.path,
                request.overwrite,
            )?;
            done.store(1, Ordering::Relaxed);
            Ok(written)
        }
        ExportWork::Animation(animation) => export_animation(
            &mut renderer,
            &request.scenario,
            &request.spec,
            animation,
            &request.path,
            request.overwrite,
            &mut |frames_done, _| {
                done.store(frames_done, Ordering::Relaxed);
                wake();
                !cancelled.load(Ordering::Relaxed)
            },
        ),
    }
}
