//! An export running as a background [`Job`], so the window stays responsive: progress, cancel,
//! and a result whose error keeps its type.

use super::{
    AnimationSpec, ExportError, OffscreenRenderer, SnapshotSpec, StoryVideoSpec, export_animation,
    export_snapshot, export_story,
};
use crate::job::{Job, JobOutcome, Progress};
use crate::model::{Scenario, UnixSecs};
use std::path::PathBuf;
use std::sync::Arc;

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
    /// A story played chapter by chapter, as the window plays it.
    Story(StoryVideoSpec),
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
    /// Light or dark: the basemap's style and the picture's furniture.
    pub theme: crate::theme::Theme,
    /// Where to write.
    pub path: PathBuf,
    /// Whether an existing file may be replaced.
    pub overwrite: bool,
}

/// A running export: a [`Job`] and the file it writes.
pub struct ExportJob {
    job: Job<PathBuf, ExportError>,
    path: PathBuf,
}

impl ExportJob {
    /// Starts `request` on a new thread; `wake` is called whenever there is news.
    pub fn start(request: ExportRequest, wake: impl Fn() + Send + Sync + 'static) -> Self {
        let path = request.path.clone();
        let wake = Arc::new(wake);
        let frame_wake = Arc::clone(&wake);
        let job = Job::start(
            move |progress| run(&request, progress, &*frame_wake),
            move || wake(),
        );
        Self { job, path }
    }

    /// Frames finished and frames in all.
    pub fn progress(&self) -> (u32, u32) {
        let (done, total) = self.job.progress().count();
        (
            u32::try_from(done).unwrap_or(u32::MAX),
            u32::try_from(total).unwrap_or(u32::MAX),
        )
    }

    /// The file being written.
    pub fn path(&self) -> &std::path::Path {
        &self.path
    }

    /// Asks the export to stop after the current frame; nothing is written.
    pub fn cancel(&self) {
        self.job.cancel();
    }

    /// The outcome, once the export has ended. A cancelled export ends
    /// [`JobOutcome::Cancelled`], not failed.
    pub fn poll(&self) -> Option<JobOutcome<PathBuf, ExportError>> {
        self.job.poll()
    }
}

fn run(
    request: &ExportRequest,
    progress: &Progress,
    wake: &dyn Fn(),
) -> Result<PathBuf, ExportError> {
    let total_frames = match &request.work {
        ExportWork::Snapshot { .. } => 1,
        ExportWork::Animation(animation) => u64::from(animation.frames),
        // Known once the story's frames are planned; the first progress report gives it.
        ExportWork::Story(_) => 0,
    };
    progress.set_count(0, total_frames);
    let mut renderer = OffscreenRenderer::with_theme(request.basemap.as_deref(), request.theme)?;
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
            progress.set_count(1, 1);
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
                progress.set_count(u64::from(frames_done), total_frames);
                wake();
                !progress.is_cancelled()
            },
        ),
        ExportWork::Story(story) => export_story(
            &mut renderer,
            &request.scenario,
            &request.spec,
            story,
            &request.path,
            request.overwrite,
            &mut |frames_done, frames| {
                progress.set_count(u64::from(frames_done), u64::from(frames));
                wake();
                !progress.is_cancelled()
            },
        ),
    }
}
