//! Playing a story: the camera flies to a chapter while the time moves to its start, then the
//! time plays the chapter's span at its speed and stops at its end.
//!
//! Pure: driven by the frame time like [`Playback`], and told the chapter's span and speed.

use super::{Flight, Playback, PlaybackCommand};
use crate::model::{GeoView, UnixSecs};

/// A frame longer than this advances the flight as if it were this long, so a stall does not
/// skip the flight.
const MAX_FRAME_SECS: f64 = 0.25;

/// Where a story's playback is.
#[derive(Clone, Debug, PartialEq)]
pub enum StoryPhase {
    /// The camera flies to the chapter's view while the time moves to its start.
    Flying {
        /// The path.
        flight: Flight,
        /// Wall-clock seconds since the flight began.
        elapsed_secs: f64,
        /// The time when the flight began.
        time_from: UnixSecs,
    },
    /// The time plays through the chapter's span.
    Playing,
    /// Paused inside the span.
    Paused,
    /// The span has played to its end.
    Finished,
}

/// A story being played: which one, which chapter, and where in it.
#[derive(Clone, Debug, PartialEq)]
pub struct StoryPlayback {
    /// Index into the scenario's stories.
    pub story: usize,
    /// Index into its chapters.
    pub chapter: usize,
    /// Where in the chapter.
    pub phase: StoryPhase,
}

/// What Space does in a story.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum StoryToggle {
    /// Nothing to do here (the camera is flying).
    Nothing,
    /// The chapter is over: go to the next one.
    NextChapter,
}

/// A chapter's span and speed, as playback needs them.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct ChapterSpan {
    /// Start of the span.
    pub start: UnixSecs,
    /// End of the span.
    pub end: UnixSecs,
    /// Story seconds per wall-clock second.
    pub speed_secs_per_sec: f64,
}

impl StoryPlayback {
    /// Starts `chapter` of `story` with `flight` to its view, the time now being `time_from`.
    pub fn fly_to(story: usize, chapter: usize, flight: Flight, time_from: UnixSecs) -> Self {
        Self {
            story,
            chapter,
            phase: StoryPhase::Flying {
                flight,
                elapsed_secs: 0.0,
                time_from,
            },
        }
    }

    /// Whether the picture changes by itself (flying or playing), so frames must keep coming.
    pub fn is_moving(&self) -> bool {
        matches!(self.phase, StoryPhase::Flying { .. } | StoryPhase::Playing)
    }

    /// Whether the camera is flying.
    pub fn is_flying(&self) -> bool {
        matches!(self.phase, StoryPhase::Flying { .. })
    }

    /// Advances by `frame_secs` of wall-clock time: moves the flight and the time during a
    /// flight, starts the playback of the span when it lands, and stops it at the span's end.
    /// Returns the camera's view while flying.
    pub fn advance(
        &mut self,
        frame_secs: f64,
        span: ChapterSpan,
        playback: &mut Playback,
    ) -> Option<GeoView> {
        let frame_secs = if frame_secs.is_finite() {
            frame_secs.clamp(0.0, MAX_FRAME_SECS)
        } else {
            0.0
        };
        match &mut self.phase {
            StoryPhase::Flying {
                flight,
                elapsed_secs,
                time_from,
            } => {
                *elapsed_secs += frame_secs;
                let view = flight.view_after(*elapsed_secs);
                if flight.is_done(*elapsed_secs) {
                    playback.apply(PlaybackCommand::SetTime(span.start), &[]);
                    playback.apply(PlaybackCommand::SetSpeed(span.speed_secs_per_sec), &[]);
                    playback.playing = true;
                    self.phase = StoryPhase::Playing;
                } else {
                    let duration_secs = flight.duration_secs().max(1e-9);
                    let fraction = (*elapsed_secs / duration_secs).clamp(0.0, 1.0);
                    let time = *time_from + (span.start - *time_from) * fraction;
                    playback.apply(PlaybackCommand::SetTime(time), &[]);
                }
                Some(view)
            }
            StoryPhase::Playing => {
                if playback.cursor >= span.end || !playback.playing {
                    playback.apply(PlaybackCommand::SetTime(span.end), &[]);
                    playback.playing = false;
                    self.phase = StoryPhase::Finished;
                }
                None
            }
            StoryPhase::Paused | StoryPhase::Finished => None,
        }
    }

    /// Space in a story: pauses or resumes the chapter, or asks for the next one when it is over.
    pub fn toggle(&mut self, playback: &mut Playback) -> StoryToggle {
        match self.phase {
            StoryPhase::Flying { .. } => StoryToggle::Nothing,
            StoryPhase::Playing => {
                playback.playing = false;
                self.phase = StoryPhase::Paused;
                StoryToggle::Nothing
            }
            StoryPhase::Paused => {
                playback.playing = true;
                self.phase = StoryPhase::Playing;
                StoryToggle::Nothing
            }
            StoryPhase::Finished => StoryToggle::NextChapter,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const DAY: f64 = 86_400.0;

    fn views() -> (GeoView, GeoView) {
        (
            GeoView {
                lon: 35.95,
                lat: 35.41,
                zoom: 8.0,
            },
            GeoView {
                lon: 41.19,
                lat: 37.02,
                zoom: 8.0,
            },
        )
    }

    #[test]
    fn a_chapter_flies_then_plays_its_span_and_stops_at_its_end() {
        let (from, to) = views();
        let flight = Flight::new(from, to, 1000.0);
        let flight_secs = flight.duration_secs();
        let mut playback = Playback::new(30.0 * DAY, (0.0, 100.0 * DAY));
        let span = ChapterSpan {
            start: 10.0 * DAY,
            end: 12.0 * DAY,
            speed_secs_per_sec: DAY,
        };
        let mut story = StoryPlayback::fly_to(0, 0, flight, playback.cursor);
        // Half-way through the flight, the time is half-way back to the chapter's start.
        assert!(flight_secs < 5.0, "{flight_secs}");
        let mut middle = None;
        for _ in 0..10 {
            middle = story.advance(flight_secs / 20.0, span, &mut playback);
        }
        assert!(middle.is_some_and(|v| v.lon > from.lon && v.lon < to.lon));
        assert!(
            (playback.cursor - 20.0 * DAY).abs() < 1.0,
            "{}",
            playback.cursor
        );
        let mut frames = 0;
        while story.is_flying() {
            story.advance(0.1, span, &mut playback);
            frames += 1;
            assert!(frames < 1000);
        }
        assert_eq!(story.phase, StoryPhase::Playing);
        assert_eq!(playback.cursor, span.start);
        assert!(playback.playing);
        assert_eq!(playback.speed_secs_per_sec, DAY);
        // Space pauses and resumes.
        assert_eq!(story.toggle(&mut playback), StoryToggle::Nothing);
        assert!(!playback.playing);
        story.toggle(&mut playback);
        assert!(playback.playing);
        for _ in 0..40 {
            playback.advance(0.1);
            story.advance(0.1, span, &mut playback);
        }
        assert_eq!(story.phase, StoryPhase::Finished);
        assert_eq!(playback.cursor, span.end);
        assert!(!playback.playing);
        assert_eq!(story.toggle(&mut playback), StoryToggle::NextChapter);
    }
}
