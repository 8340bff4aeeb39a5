//! Playback: the time cursor, play/pause, speed, looping and stepping between events; and the
//! span of time the timeline shows.
//!
//! Pure logic with no egui and no clock: [`Playback::advance`] is given the frame time.

mod go_to;
mod playback;
mod span;
mod ticks;

pub use go_to::{GO_TO_EXAMPLES, GoTo, parse_go_to};
pub use playback::{LoopMode, Playback, PlaybackCommand, SPEED_CHOICES};
pub use span::TimelineView;
pub use ticks::{Tick, ticks};
