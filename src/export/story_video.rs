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
    let card = lay_out_caption(painter, rect, title, text, count);
    painter.rect(
        card.rect,
        4.0,
        Color32::from_white_alpha(235),
        Stroke::new(1.0, Color32::from_gray(170)),
        egui::StrokeKind::Inside,
    );
    let top_left = card.rect.left_top() + vec2(CAPTION_MARGIN, CAPTION_MARGIN);
    let body_top = top_left.y + card.heading.size().y + 6.0;
    painter.galley(top_left, card.heading, CAPTION_INK);
    painter.galley(pos2(top_left.x, body_top), card.body, CAPTION_INK);
}

const CAPTION_MARGIN: f32 = 10.0;
const CAPTION_INK: Color32 = Color32::from_rgb(0x22, 0x26, 0x2a);

/// A chapter's card, laid out.
struct CaptionCard {
    rect: egui::Rect,
    heading: std::sync::Arc<egui::Galley>,
    body: std::sync::Arc<egui::Galley>,
}

fn lay_out_caption(
    painter: &egui::Painter,
    rect: egui::Rect,
    title: &str,
    text: &str,
    count: &str,
) -> CaptionCard {
    let margin = CAPTION_MARGIN;
    let width = (rect.width() * 0.45).clamp(220.0, 460.0) - 2.0 * margin;
    let heading = painter.layout(
        format!("{count}  {title}"),
        FontId::proportional(14.0),
        CAPTION_INK,
        width,
    );
    let body = painter.layout(
        text.to_string(),
        FontId::proportional(11.5),
        CAPTION_INK,
        width,
    );
    let height = heading.size().y + 6.0 + body.size().y;
    let card = Align2::LEFT_BOTTOM.anchor_size(
        rect.left_bottom() + vec2(margin, -40.0),
        vec2(width + 2.0 * margin, height + 2.0 * margin),
    );
    CaptionCard {
        rect: card,
        heading,
        body,
    }
}

/// Where a story video draws a chapter's card in a picture `rect` large.
pub fn caption_rect(
    painter: &egui::Painter,
    rect: egui::Rect,
    title: &str,
    text: &str,
    count: &str,
) -> egui::Rect {
    lay_out_caption(painter, rect, title, text, count).rect
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::map::{BASEMAP_CREDIT, Furniture, LayerVisibility, furniture_layout};

    /// A painter over a 1280×720 export, in points, with fonts ready.
    fn painter_1280_by_720() -> (egui::Painter, egui::Rect) {
        let ctx = egui::Context::default();
        // Fonts exist once a pass has run.
        let mut output = ctx.run_ui(egui::RawInput::default(), |_| {});
        output.textures_delta.clear();
        let size_px = [1280, 720];
        let pixels_per_point = SnapshotSpec::default_pixels_per_point(size_px);
        let rect = egui::Rect::from_min_size(
            egui::Pos2::ZERO,
            vec2(size_px[0] as f32, size_px[1] as f32) / pixels_per_point,
        );
        (
            egui::Painter::new(ctx, egui::LayerId::background(), rect),
            rect,
        )
    }

    #[test]
    fn the_legend_fits_a_1280_by_720_story_export_clear_of_the_cards_and_the_time() {
        let scenario = crate::io::builtin_scenario()
            .unwrap_or_else(|e| panic!("{e}"))
            .scenario;
        let (painter, rect) = painter_1280_by_720();
        let story = &scenario.meta.stories[0];
        let count = story.chapters.len();
        // A frame every ten seconds of the video covers every chapter, flights included.
        let frames =
            story_frames(&scenario, story, [1280.0, 720.0], 0.1).unwrap_or_else(|e| panic!("{e}"));
        assert!(frames.len() > count);
        for app6 in [false, true] {
            for frame in &frames {
                let chapter = &story.chapters[frame.chapter];
                let layers = LayerVisibility {
                    app6_symbols: app6,
                    ..LayerVisibility::default()
                }
                .for_chapter(chapter, &scenario);
                let furniture = Furniture {
                    app6_symbols: app6.then(|| layers.clone()),
                    ..Furniture::full(None)
                };
                let state = state_at(&scenario, frame.t);
                let layout = furniture_layout(
                    &painter,
                    rect,
                    &furniture,
                    &scenario,
                    &state,
                    BASEMAP_CREDIT,
                );
                let Some(legend) = layout.legend else {
                    panic!("no legend");
                };
                let what = format!("chapter {}, app6 {app6}", frame.chapter + 1);
                assert!(
                    rect.contains_rect(legend),
                    "{what}: legend {legend:?} leaves the picture"
                );
                let card = caption_rect(
                    &painter,
                    rect,
                    &chapter.title,
                    &chapter.text,
                    &format!("{} / {count}", frame.chapter + 1),
                );
                assert!(
                    !legend.intersects(card),
                    "{what}: legend {legend:?} covers the card {card:?}"
                );
                for other in [layout.time, Some(layout.credit), layout.scale_bar]
                    .into_iter()
                    .flatten()
                {
                    assert!(!legend.intersects(other), "{what}: legend covers {other:?}");
                }
            }
        }
    }

    #[test]
    fn the_legend_fits_a_1280_by_720_snapshot_clear_of_the_title_and_time() {
        let scenario = crate::io::builtin_scenario()
            .unwrap_or_else(|e| panic!("{e}"))
            .scenario;
        let (painter, rect) = painter_1280_by_720();
        let (start, end) = scenario.time_range().unwrap_or((0.0, 0.0));
        let days = ((end - start) / 86_400.0).ceil() as usize;
        for app6 in [false, true] {
            for day in 0..=days {
                let t = start + day as f64 * 86_400.0;
                let furniture = Furniture {
                    app6_symbols: app6.then(|| LayerVisibility {
                        app6_symbols: true,
                        ..LayerVisibility::default()
                    }),
                    ..Furniture::full(Some(
                        "Russian pull-out from Qamishli airport, 25 Jan 2026".into(),
                    ))
                };
                let state = state_at(&scenario, t);
                let layout = furniture_layout(
                    &painter,
                    rect,
                    &furniture,
                    &scenario,
                    &state,
                    BASEMAP_CREDIT,
                );
                let Some(legend) = layout.legend else {
                    panic!("no legend");
                };
                assert!(
                    rect.contains_rect(legend),
                    "day {day}, app6 {app6}: legend {legend:?} leaves the picture"
                );
                for other in [
                    layout.title,
                    layout.time,
                    Some(layout.credit),
                    layout.scale_bar,
                ]
                .into_iter()
                .flatten()
                {
                    assert!(
                        !legend.intersects(other),
                        "day {day}, app6 {app6}: legend {legend:?} covers {other:?}"
                    );
                }
            }
        }
    }
}
