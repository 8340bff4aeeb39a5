//! A story as a video: the chapters in order, each the camera's flight to it and then the
//! playback of its span, exactly as the window plays them, with the chapter's card as a caption.
//! Uses the same offscreen renderer, encoders, progress, cancel and atomic write as animations.

use super::animation::{FrameStream, write_frames};
use super::{ExportError, OffscreenRenderer, SnapshotSpec};
use crate::map::paint_story_highlights;
use crate::model::{Camera, GeoView, Scenario, Story, UnixSecs, camera_view, state_at};
use crate::timeline::{ChapterSpan, Flight, Playback, StoryPlayback};
use egui::{Align2, Color32, FontId, Stroke, pos2, vec2};
use std::path::{Path, PathBuf};

/// The most frames a story video may have (about 2 hours at 15 fps).
pub const MAX_STORY_FRAMES: usize = 100_000;

/// One frame of a story video.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct StoryFrame {
    /// The time shown.
    pub t: UnixSecs,
    /// Where the camera looks.
    pub view: GeoView,
    /// The chapter (index into the story's chapters).
    pub chapter: usize,
    /// Whether the camera is flying to the chapter in this frame.
    pub flying: bool,
}

/// What a story video shows.
#[derive(Clone, Debug, PartialEq)]
pub struct StoryVideoSpec {
    /// Index into the scenario's stories.
    pub story: usize,
    /// Frames per second.
    pub fps: f64,
    /// Whether the chapter's card is drawn as a caption.
    pub captions: bool,
}

/// The frames of `story` played at `fps` on a map `size_points` large, starting from the
/// scenario's opening view and time, with the same flights and playback as the window.
pub fn story_frames(
    scenario: &Scenario,
    story: &Story,
    size_points: [f64; 2],
    fps: f64,
) -> Result<Vec<StoryFrame>, ExportError> {
    if !(fps.is_finite() && (0.1..=120.0).contains(&fps)) {
        return Err(ExportError::Invalid(format!(
            "{fps} fps: expected 0.1 to 120"
        )));
    }
    let frame_secs = 1.0 / fps;
    let [width, height] = size_points;
    let range = scenario.time_range().unwrap_or((0.0, 86_400.0));
    let mut playback = Playback::new(scenario.opening_time(), range);
    let mut view = scenario.opening_view(width, height);
    let mut frames = Vec::new();
    for (index, chapter) in story.chapters.iter().enumerate() {
        let state = state_at(scenario, chapter.start_secs());
        let to = camera_view(scenario, chapter, &state, width, height, view);
        let span = ChapterSpan {
            start: chapter.start_secs(),
            end: chapter.end_secs(),
            speed_secs_per_sec: chapter.speed_secs_per_sec,
        };
        playback.playing = false;
        let mut story_playback =
            StoryPlayback::fly_to(0, index, Flight::new(view, to, width), playback.cursor);
        while story_playback.is_flying() {
            view = story_playback
                .advance(frame_secs, span, &mut playback)
                .unwrap_or(to);
            frames.push(StoryFrame {
                t: playback.cursor,
                view,
                chapter: index,
                flying: story_playback.is_flying(),
            });
        }
        while story_playback.is_moving() {
            playback.advance(frame_secs);
            story_playback.advance(frame_secs, span, &mut playback);
            if let Camera::Follow { force, zoom } = &chapter.camera
                && let Some(position) =
                    scenario.item_position(force, &state_at(scenario, playback.cursor))
            {
                view = GeoView {
                    lon: position.x(),
                    lat: position.y(),
                    zoom: *zoom,
                };
            }
            frames.push(StoryFrame {
                t: playback.cursor,
                view,
                chapter: index,
                flying: false,
            });
            if frames.len() > MAX_STORY_FRAMES {
                return Err(ExportError::Invalid(format!(
                    "the story needs more than {MAX_STORY_FRAMES} frames at {fps} fps; use a lower --fps"
                )));
            }
        }
    }
    Ok(frames)
}

/// Renders `story_spec`'s story into `path` (GIF, APNG or MP4 by its extension): `snapshot`
/// gives the size, layers and furniture, the frames give the view and time. `progress(done,
/// total)` is called after each frame; when it returns false nothing is written.
pub fn export_story(
    renderer: &mut OffscreenRenderer,
    scenario: &Scenario,
    snapshot: &SnapshotSpec,
    story_spec: &StoryVideoSpec,
    path: &Path,
    overwrite: bool,
    progress: &mut dyn FnMut(u32, u32) -> bool,
) -> Result<PathBuf, ExportError> {
    let story = scenario
        .meta
        .stories
        .get(story_spec.story)
        .ok_or_else(|| ExportError::Invalid("the scenario has no such story".into()))?;
    let size_points = [
        f64::from(snapshot.size_px[0]) / f64::from(snapshot.pixels_per_point),
        f64::from(snapshot.size_px[1]) / f64::from(snapshot.pixels_per_point),
    ];
    let frames = story_frames(scenario, story, size_points, story_spec.fps)?;
    let stream = FrameStream {
        size_px: snapshot.size_px,
        count: u32::try_from(frames.len()).unwrap_or(u32::MAX),
        fps: story_spec.fps,
    };
    let chapter_count = story.chapters.len();
    write_frames(
        &stream,
        path,
        overwrite,
        &mut |index| {
            let frame = frames
                .get(index as usize)
                .ok_or_else(|| ExportError::Invalid("frame out of range".into()))?;
            let chapter = &story.chapters[frame.chapter];
            let spec = SnapshotSpec {
                view: frame.view,
                layers: snapshot.layers.for_chapter(chapter, scenario),
                ..snapshot.clone()
            };
            renderer.render_with_overlay(scenario, frame.t, &spec, &|painter, rect, state| {
                if !frame.flying {
                    paint_story_highlights(painter, scenario, state, chapter, frame.view);
                }
                if story_spec.captions {
                    paint_caption(
                        painter,
                        rect,
                        &chapter.title,
                        &chapter.text,
                        &format!("{} / {chapter_count}", frame.chapter + 1),
                    );
                }
            })
        },
        progress,
    )
}

/// The chapter's card at the lower left of the picture: "3 / 9", the title and the text.
fn paint_caption(painter: &egui::Painter, rect: egui::Rect, title: &str, text: &str, count: &str) {
    let margin = 10.0;
    let width = (rect.width() * 0.45).clamp(220.0, 460.0) - 2.0 * margin;
    let ink = Color32::from_rgb(0x22, 0x26, 0x2a);
    let heading = painter.layout(
        format!("{count}  {title}"),
        FontId::proportional(14.0),
        ink,
        width,
    );
    let body = painter.layout(text.to_string(), FontId::proportional(11.5), ink, width);
    let height = heading.size().y + 6.0 + body.size().y;
    let card = Align2::LEFT_BOTTOM.anchor_size(
        rect.left_bottom() + vec2(margin, -40.0),
        vec2(width + 2.0 * margin, height + 2.0 * margin),
    );
    painter.rect(
        card,
        4.0,
        Color32::from_white_alpha(235),
        Stroke::new(1.0, Color32::from_gray(170)),
        egui::StrokeKind::Inside,
    );
    let top_left = card.left_top() + vec2(margin, margin);
    let body_top = top_left.y + heading.size().y + 6.0;
    painter.galley(top_left, heading, ink);
    painter.galley(pos2(top_left.x, body_top), body, ink);
}
