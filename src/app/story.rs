//! Playing the scenario's story in the window, and following a force: called from
//! [`DeployApp::apply`] for the story's commands and from the frame's logic to move the flight.

use super::{DeployApp, FIT_HEIGHT_POINTS, FIT_WIDTH_POINTS};
use crate::map::LayerVisibility;
use crate::model::{Camera, Chapter, camera_view, state_at};
use crate::timeline::{
    ChapterSpan, Flight, PlaybackCommand, StoryPhase, StoryPlayback, StoryToggle,
};
use crate::ui::StoryCardView;

/// The story the window plays: the scenario's first.
const WINDOW_STORY: usize = 0;

impl DeployApp {
    /// The chapters of the story the window plays.
    pub(super) fn story_chapters(&self) -> &[Chapter] {
        self.scenario
            .meta
            .stories
            .get(WINDOW_STORY)
            .map_or(&[], |story| story.chapters.as_slice())
    }

    /// The map's size in points, or the size a scenario is fitted to before the first frame.
    fn map_size_points(&self) -> (f64, f64) {
        let size = self.map_rect.size();
        if size.x.is_finite() && size.y.is_finite() && size.x > 10.0 && size.y > 10.0 {
            (f64::from(size.x), f64::from(size.y))
        } else {
            (FIT_WIDTH_POINTS, FIT_HEIGHT_POINTS)
        }
    }

    /// Flies to chapter `index` from the current view while the time moves to its start.
    pub(super) fn go_to_chapter(&mut self, index: usize) {
        let Some(chapter) = self.story_chapters().get(index).cloned() else {
            return;
        };
        let (width, height) = self.map_size_points();
        let from = self.map.view();
        // The state at the chapter's start places what the camera fits or follows.
        let state = state_at(&self.scenario, chapter.start_secs());
        let to = camera_view(&self.scenario, &chapter, &state, width, height, from);
        self.playback.apply(PlaybackCommand::Pause, &[]);
        self.following = None;
        self.story = Some(StoryPlayback::fly_to(
            WINDOW_STORY,
            index,
            Flight::new(from, to, width),
            self.playback.cursor,
        ));
        self.story_resume = Some(index);
        self.show_chapter_layers(&chapter);
    }

    /// The chapter's layers and factions, keeping the user's own to give back on leaving.
    fn show_chapter_layers(&mut self, chapter: &Chapter) {
        if chapter.layers.is_none() && chapter.factions.is_none() {
            self.restore_user_layers();
            return;
        }
        let user = self.user_layers.get_or_insert_with(|| self.layers.clone());
        self.layers = user.for_chapter(chapter, &self.scenario);
    }

    fn restore_user_layers(&mut self) {
        if let Some(layers) = self.user_layers.take() {
            self.layers = layers;
        }
    }

    /// The next chapter; outside the story, the chapter to return to.
    pub(super) fn next_chapter(&mut self) {
        match &self.story {
            Some(story) if story.chapter + 1 < self.story_chapters().len() => {
                self.go_to_chapter(story.chapter + 1);
            }
            Some(_) => {}
            None => self.go_to_chapter(self.story_resume.unwrap_or(0)),
        }
    }

    /// The previous chapter; outside the story, the chapter to return to.
    pub(super) fn previous_chapter(&mut self) {
        match &self.story {
            Some(story) => self.go_to_chapter(story.chapter.saturating_sub(1)),
            None => self.go_to_chapter(self.story_resume.unwrap_or(0)),
        }
    }

    /// Space in the story.
    pub(super) fn toggle_story(&mut self) {
        let Some(story) = &mut self.story else {
            return;
        };
        if story.toggle(&mut self.playback) == StoryToggle::NextChapter {
            if story.chapter + 1 < self.story_chapters().len() {
                self.next_chapter();
            } else {
                // The end: the card offers to start again.
                self.story_resume = Some(0);
                self.leave_story();
            }
        }
    }

    /// Leaves story playback where it is, pausing the time and giving back the user's layers.
    /// From then on Space plays and pauses the time.
    pub(super) fn leave_story(&mut self) {
        self.space_starts_story = false;
        if self.story.take().is_some() {
            self.playback.apply(PlaybackCommand::Pause, &[]);
        }
        self.restore_user_layers();
    }

    /// Moves the story by one frame of `frame_secs`; returns whether frames must keep coming.
    pub(super) fn advance_story(&mut self, frame_secs: f64) -> bool {
        let Some(story) = &mut self.story else {
            return false;
        };
        let Some(chapter) = self
            .scenario
            .meta
            .stories
            .get(story.story)
            .and_then(|s| s.chapters.get(story.chapter))
        else {
            self.story = None;
            return false;
        };
        let span = ChapterSpan {
            start: chapter.start_secs(),
            end: chapter.end_secs(),
            speed_secs_per_sec: chapter.speed_secs_per_sec,
        };
        if let Some(view) = story.advance(frame_secs, span, &mut self.playback) {
            self.map.set_view(view);
        }
        self.timeline_view.keep_visible(self.playback.cursor);
        story.is_moving()
    }

    /// The force the camera keeps in the middle: the story chapter's, once landed, or the one
    /// the user chose to follow.
    pub(super) fn followed_force(&self) -> Option<usize> {
        if let Some(story) = &self.story {
            if story.is_flying() {
                return None;
            }
            let chapter = self.story_chapters().get(story.chapter)?;
            return match &chapter.camera {
                Camera::Follow { force, .. } => {
                    self.scenario.forces.iter().position(|f| &f.id == force)
                }
                _ => None,
            };
        }
        self.following
    }

    /// What the story card shows.
    pub(super) fn story_card_view(&self) -> StoryCardView<'_> {
        let story = self.scenario.meta.stories.get(WINDOW_STORY);
        StoryCardView {
            story,
            chapter: self.story.as_ref().map(|s| s.chapter),
            paused: self
                .story
                .as_ref()
                .is_some_and(|s| s.phase == StoryPhase::Paused),
            finished: self
                .story
                .as_ref()
                .is_some_and(|s| s.phase == StoryPhase::Finished),
            resume: self.story_resume,
            following: self
                .following
                .filter(|_| self.story.is_none())
                .and_then(|i| self.scenario.forces.get(i))
                .map(|force| force.name.as_str()),
        }
    }

    /// The layers the user chose, even while a chapter shows others.
    pub fn user_layer_visibility(&self) -> &LayerVisibility {
        self.user_layers.as_ref().unwrap_or(&self.layers)
    }

    /// The chapter being played, if the story is playing.
    pub fn story_chapter(&self) -> Option<usize> {
        self.story.as_ref().map(|story| story.chapter)
    }

    /// Whether the story's camera is flying.
    pub fn story_flying(&self) -> bool {
        self.story.as_ref().is_some_and(StoryPlayback::is_flying)
    }

    /// The force the camera follows, if any.
    pub fn following(&self) -> Option<usize> {
        self.followed_force()
    }
}
