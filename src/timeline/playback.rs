//! The playback state and the commands that change it.

use crate::model::UnixSecs;

/// Story seconds per wall-clock second that the speed menu offers, with labels.
pub const SPEED_CHOICES: [(f64, &str); 6] = [
    (3_600.0, "1 hour / s"),
    (6.0 * 3_600.0, "6 hours / s"),
    (12.0 * 3_600.0, "12 hours / s"),
    (86_400.0, "1 day / s"),
    (3.0 * 86_400.0, "3 days / s"),
    (7.0 * 86_400.0, "1 week / s"),
];

/// What happens at the end of the range while playing.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum LoopMode {
    /// Stop at the end.
    #[default]
    Off,
    /// Jump back to the start and go on.
    All,
}

/// A change to the playback, from a widget or a key.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum PlaybackCommand {
    /// Play if paused, pause if playing.
    TogglePlay,
    /// Pause.
    Pause,
    /// Move the cursor to a time, clamped to the range.
    SetTime(UnixSecs),
    /// Set story seconds per wall-clock second.
    SetSpeed(f64),
    /// Set what happens at the end.
    SetLoop(LoopMode),
    /// Jump to the next event start after the cursor.
    NextEvent,
    /// Jump to the previous event start before the cursor.
    PreviousEvent,
    /// Jump to the start of the range.
    Home,
    /// Jump to the end of the range.
    End,
}

/// The time cursor and how it moves.
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Playback {
    /// The current time.
    pub cursor: UnixSecs,
    /// The span playback runs over.
    pub range: (UnixSecs, UnixSecs),
    /// Whether time advances.
    #[serde(skip)]
    pub playing: bool,
    /// Story seconds per wall-clock second.
    pub speed_secs_per_sec: f64,
    /// What happens at the end.
    pub loop_mode: LoopMode,
}

/// Event starts closer than this to the cursor count as "at" the cursor when stepping.
const STEP_EPSILON_SECS: f64 = 0.5;

/// A frame longer than this advances as if it were this long, so a stall does not jump days.
const MAX_FRAME_SECS: f64 = 0.25;

impl Playback {
    /// Paused at `cursor` in `range`, at one day per second.
    pub fn new(cursor: UnixSecs, range: (UnixSecs, UnixSecs)) -> Self {
        let range = (range.0.min(range.1), range.0.max(range.1));
        Self {
            cursor: cursor.clamp(range.0, range.1),
            range,
            playing: false,
            speed_secs_per_sec: 86_400.0,
            loop_mode: LoopMode::Off,
        }
    }

    /// Applies one command; `event_starts` must be sorted.
    pub fn apply(&mut self, command: PlaybackCommand, event_starts: &[UnixSecs]) {
        match command {
            PlaybackCommand::TogglePlay => {
                if !self.playing && self.cursor >= self.range.1 {
                    self.cursor = self.range.0;
                }
                self.playing = !self.playing;
            }
            PlaybackCommand::Pause => self.playing = false,
            PlaybackCommand::SetTime(t) => self.set_cursor(t),
            PlaybackCommand::SetSpeed(speed) => {
                if speed.is_finite() && speed > 0.0 {
                    self.speed_secs_per_sec = speed;
                }
            }
            PlaybackCommand::SetLoop(mode) => self.loop_mode = mode,
            PlaybackCommand::NextEvent => {
                let i = event_starts.partition_point(|&t| t <= self.cursor + STEP_EPSILON_SECS);
                if let Some(&t) = event_starts.get(i) {
                    self.set_cursor(t);
                }
            }
            PlaybackCommand::PreviousEvent => {
                let i = event_starts.partition_point(|&t| t < self.cursor - STEP_EPSILON_SECS);
                if let Some(&t) = i.checked_sub(1).and_then(|i| event_starts.get(i)) {
                    self.set_cursor(t);
                }
            }
            PlaybackCommand::Home => self.set_cursor(self.range.0),
            PlaybackCommand::End => self.set_cursor(self.range.1),
        }
    }

    /// Changes the range (after a load), keeping the cursor inside it.
    pub fn set_range(&mut self, range: (UnixSecs, UnixSecs)) {
        self.range = (range.0.min(range.1), range.0.max(range.1));
        self.set_cursor(self.cursor);
    }

    fn set_cursor(&mut self, t: UnixSecs) {
        if t.is_finite() {
            self.cursor = t.clamp(self.range.0, self.range.1);
        }
    }

    /// Advances by `frame_secs` of wall-clock time. Returns whether the cursor moved.
    pub fn advance(&mut self, frame_secs: f64) -> bool {
        if !(self.playing && frame_secs.is_finite() && frame_secs > 0.0) {
            return false;
        }
        let before = self.cursor;
        let next = self.cursor + frame_secs.min(MAX_FRAME_SECS) * self.speed_secs_per_sec;
        let (start, end) = self.range;
        if next < end {
            self.cursor = next;
        } else if self.loop_mode == LoopMode::All && end > start {
            self.cursor = start + (next - end) % (end - start);
        } else {
            self.cursor = end;
            self.playing = false;
        }
        self.cursor != before
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const DAY: f64 = 86_400.0;

    fn playing(cursor: f64) -> Playback {
        let mut playback = Playback::new(cursor, (0.0, 10.0 * DAY));
        playback.apply(PlaybackCommand::TogglePlay, &[]);
        playback
    }

    #[test]
    fn paused_playback_does_not_move() {
        let mut playback = Playback::new(DAY, (0.0, 10.0 * DAY));
        assert!(!playback.advance(0.1));
        assert_eq!(playback.cursor, DAY);
    }

    #[test]
    fn playing_advances_by_frame_time_times_speed() {
        let mut playback = playing(DAY);
        playback.apply(PlaybackCommand::SetSpeed(3_600.0), &[]);
        assert!(playback.advance(0.1));
        assert_eq!(playback.cursor, DAY + 360.0);
    }

    #[test]
    fn a_long_frame_is_capped_so_time_does_not_jump() {
        let mut playback = playing(DAY);
        playback.advance(30.0);
        assert_eq!(playback.cursor, DAY + MAX_FRAME_SECS * DAY);
    }

    #[test]
    fn playing_past_the_end_without_looping_stops_at_the_end() {
        let mut playback = playing(9.9 * DAY);
        playback.advance(0.25);
        assert_eq!(playback.cursor, 10.0 * DAY);
        assert!(!playback.playing);
        // Playing again from the end starts over.
        playback.apply(PlaybackCommand::TogglePlay, &[]);
        assert!(playback.playing);
        assert_eq!(playback.cursor, 0.0);
    }

    #[test]
    fn playing_past_the_end_with_looping_wraps_around() {
        let mut playback = playing(9.9 * DAY);
        playback.apply(PlaybackCommand::SetLoop(LoopMode::All), &[]);
        playback.advance(0.2);
        assert!(playback.playing);
        assert!(
            (playback.cursor - 0.1 * DAY).abs() < 1e-6,
            "{}",
            playback.cursor
        );
    }

    #[test]
    fn stepping_goes_to_the_neighbouring_event_starts() {
        let events = [2.0 * DAY, 5.0 * DAY, 7.0 * DAY];
        let mut playback = Playback::new(5.0 * DAY, (0.0, 10.0 * DAY));
        playback.apply(PlaybackCommand::NextEvent, &events);
        assert_eq!(playback.cursor, 7.0 * DAY);
        playback.apply(PlaybackCommand::NextEvent, &events);
        assert_eq!(playback.cursor, 7.0 * DAY, "no event after the last one");
        playback.apply(PlaybackCommand::PreviousEvent, &events);
        assert_eq!(playback.cursor, 5.0 * DAY);
        playback.apply(PlaybackCommand::PreviousEvent, &events);
        playback.apply(PlaybackCommand::PreviousEvent, &events);
        assert_eq!(playback.cursor, 2.0 * DAY, "no event before the first one");
    }

    #[test]
    fn set_time_is_clamped_and_ignores_nan() {
        let mut playback = Playback::new(DAY, (0.0, 10.0 * DAY));
        playback.apply(PlaybackCommand::SetTime(99.0 * DAY), &[]);
        assert_eq!(playback.cursor, 10.0 * DAY);
        playback.apply(PlaybackCommand::SetTime(f64::NAN), &[]);
        assert_eq!(playback.cursor, 10.0 * DAY);
        playback.apply(PlaybackCommand::Home, &[]);
        assert_eq!(playback.cursor, 0.0);
        playback.apply(PlaybackCommand::End, &[]);
        assert_eq!(playback.cursor, 10.0 * DAY);
    }

    #[test]
    fn a_bad_speed_is_ignored() {
        let mut playback = Playback::new(DAY, (0.0, 10.0 * DAY));
        for bad in [0.0, -1.0, f64::NAN, f64::INFINITY] {
            playback.apply(PlaybackCommand::SetSpeed(bad), &[]);
        }
        assert_eq!(playback.speed_secs_per_sec, DAY);
    }
}
