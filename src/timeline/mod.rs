//! Playback: the time cursor, play/pause, speed, looping and stepping between events; and the
//! span of time the timeline shows; and playing a story: the camera's flight to a chapter, then its span.
//!
//! Pure logic with no egui and no clock: [`Playback::advance`] is given the frame time.

mod flight;
mod go_to;
mod playback;
mod span;
mod story_playback;
mod ticks;

pub use flight::{Flight, lon_lat_to_world, world_to_lon_lat};
pub use go_to::{GO_TO_EXAMPLES, GoTo, parse_go_to};
pub use playback::{LoopMode, Playback, PlaybackCommand, SPEED_CHOICES};
pub use span::TimelineView;
pub use story_playback::{ChapterSpan, StoryPhase, StoryPlayback, StoryToggle};
pub use ticks::{Tick, clear_of, ticks};
