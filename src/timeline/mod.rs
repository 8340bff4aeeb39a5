//! Playback: the time cursor, play/pause, speed, looping and stepping between events.
//!
//! Pure logic with no egui and no clock: [`Playback::advance`] is given the frame time.

mod playback;
mod ticks;

pub use playback::{LoopMode, Playback, PlaybackCommand, SPEED_CHOICES};
pub use ticks::{Tick, ticks};
