//! Pictures, animations and story videos of the map, rendered offscreen at any size with the same code that
//! draws the window, and written atomically.

mod animation;
mod job;
mod offscreen;
mod output_file;
mod png_file;
mod story_video;

pub use animation::{AnimationFormat, AnimationSpec, export_animation};
pub use job::{ExportJob, ExportRequest, ExportWork};
pub use offscreen::{OffscreenRenderer, Overlay, RgbaFrame};
pub use output_file::{OutputFile, remove_stale_partials};
pub use png_file::{encode_png, export_snapshot};
pub use story_video::{
    MAX_STORY_FRAMES, StoryFrame, StoryVideoSpec, caption_rect, export_story, story_frames,
};

use crate::map::{Furniture, LayerVisibility};
use crate::model::GeoView;
use std::path::PathBuf;

/// What a picture shows and how big it is.
#[derive(Clone, Debug, PartialEq)]
pub struct SnapshotSpec {
    /// Centre and zoom, in the window's terms (points, not pixels).
    pub view: GeoView,
    /// Width and height of the picture in pixels.
    pub size_px: [u32; 2],
    /// Pixels per point: 1 draws marks and text as the window does; 2 draws them twice as big.
    pub pixels_per_point: f32,
    /// Which layers are drawn.
    pub layers: LayerVisibility,
    /// Title, time, legend and scale bar.
    pub furniture: Furniture,
}

/// The largest picture side, in pixels: beyond it software renderers run out of memory.
pub const MAX_SIDE_PX: u32 = 8192;

impl SnapshotSpec {
    /// A picture of a map `map_size_points` large exactly as it is on screen: the same view,
    /// size, layers and pixel density.
    pub fn on_screen(
        map_size_points: egui::Vec2,
        pixels_per_point: f32,
        view: GeoView,
        layers: &LayerVisibility,
        furniture: Furniture,
    ) -> Self {
        let size = map_size_points * pixels_per_point;
        Self {
            view,
            size_px: [
                size.x.round().max(1.0) as u32,
                size.y.round().max(1.0) as u32,
            ],
            pixels_per_point,
            layers: layers.clone(),
            furniture,
        }
    }

    /// Where `position` lands in the picture, in pixels from the top-left corner.
    pub fn pixel_of(&self, position: crate::model::LonLat) -> egui::Pos2 {
        let size_in_points =
            egui::vec2(self.size_px[0] as f32, self.size_px[1] as f32) / self.pixels_per_point;
        let mut memory = walkers::MapMemory::default();
        memory.center_at(walkers::lon_lat(self.view.lon, self.view.lat));
        memory.set_zoom(self.view.zoom).ok();
        let rect = egui::Rect::from_min_size(egui::Pos2::ZERO, size_in_points);
        let projector = walkers::Projector::new(
            rect,
            &walkers::MercatorProjection,
            &memory,
            walkers::lon_lat(self.view.lon, self.view.lat),
        );
        (projector.project(position) * self.pixels_per_point).to_pos2()
    }

    /// Pixels per point that keep text readable at `size_px`: one for pictures up to about
    /// 1500 pixels wide, more for larger ones (1920 → 1.5, 3840 → 3).
    pub fn default_pixels_per_point(size_px: [u32; 2]) -> f32 {
        (size_px[0] as f32 / 1280.0).clamp(1.0, 4.0)
    }
}

/// Parses `WIDTHxHEIGHT`, e.g. `1920x1080`.
pub fn parse_size(text: &str) -> Result<[u32; 2], String> {
    let expected = "expected WIDTHxHEIGHT in pixels, like 1920x1080";
    let (width, height) = text
        .trim()
        .split_once(['x', 'X'])
        .ok_or_else(|| format!("{text:?} is not a size; {expected}"))?;
    let side = |part: &str| {
        part.trim()
            .parse::<u32>()
            .ok()
            .filter(|&px| (16..=MAX_SIDE_PX).contains(&px))
            .ok_or_else(|| {
                format!("{text:?}: each side must be 16 to {MAX_SIDE_PX} pixels; {expected}")
            })
    };
    Ok([side(width)?, side(height)?])
}

/// Parses `LON,LAT,ZOOM`, e.g. `38.7,35.2,7`.
pub fn parse_view(text: &str) -> Result<GeoView, String> {
    let expected = "expected LON,LAT,ZOOM in degrees and a zoom of 1 to 20, like 38.7,35.2,7";
    let numbers: Vec<f64> = text
        .split(',')
        .map(|part| part.trim().parse::<f64>())
        .collect::<Result<_, _>>()
        .map_err(|_| format!("{text:?} is not a view; {expected}"))?;
    let [lon, lat, zoom] = numbers[..] else {
        return Err(format!(
            "{text:?} has {} numbers; {expected}",
            numbers.len()
        ));
    };
    if !((-180.0..=180.0).contains(&lon)
        && (-85.0..=85.0).contains(&lat)
        && (1.0..=20.0).contains(&zoom))
    {
        return Err(format!("{text:?} is out of range; {expected}"));
    }
    Ok(GeoView { lon, lat, zoom })
}

/// Why an export failed. Nothing is left behind when it does.
///
/// The messages are worded for the window; the command line words the variants that concern
/// its flags itself (see `cli`).
#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    /// The output exists and overwriting was not asked for.
    #[error("{0} already exists; choose another name, or allow overwriting it")]
    Exists(PathBuf),
    /// The animation's last time is not after its first.
    #[error("the end time must be after the start time")]
    EndNotAfterStart,
    /// The number of frames is outside what an animation may have.
    #[error("{0} frames: expected 2 to 100000")]
    FrameCount(u32),
    /// The playback speed is outside what an animation may have.
    #[error("{0} frames per second: expected 0.1 to 120")]
    FramesPerSecond(f64),
    /// The output cannot be written.
    #[error("cannot write {path}: {cause}")]
    Write {
        /// Where.
        path: PathBuf,
        /// Why; part of the message rather than a separate source, so it is printed once.
        cause: std::io::Error,
    },
    /// The output's extension names no format this program writes.
    #[error("{0}: unknown picture type; expected {1}")]
    UnknownFormat(PathBuf, &'static str),
    /// No GPU or software renderer could be set up.
    #[error("cannot set up the renderer: {0}")]
    Renderer(String),
    /// The basemap did not finish loading, so the picture would be half drawn.
    #[error("the basemap tiles did not finish loading within {0} s; nothing was written")]
    TilesTimeout(u64),
    /// The basemap could not be opened.
    #[error(transparent)]
    Basemap(#[from] crate::map::BasemapError),
    /// Encoding failed.
    #[error("cannot encode {path}: {message}")]
    Encode {
        /// Where.
        path: PathBuf,
        /// What went wrong.
        message: String,
    },
    /// ffmpeg is needed for MP4 and is not installed.
    #[error(
        "MP4 needs ffmpeg, which is not installed (on Debian: apt-get install ffmpeg); GIF and APNG (.png) need nothing"
    )]
    FfmpegMissing,
    /// The user cancelled.
    #[error("cancelled; nothing was written")]
    Cancelled,
    /// The request makes no sense.
    #[error("{0}")]
    Invalid(String),
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_parse_and_nonsense_says_what_was_expected() {
        assert_eq!(parse_size("1920x1080"), Ok([1920, 1080]));
        assert_eq!(parse_size(" 640X480 "), Ok([640, 480]));
        for bad in ["1920", "axb", "0x10", "100000x10", "-5x10", ""] {
            assert!(
                parse_size(bad)
                    .unwrap_err()
                    .contains("expected WIDTHxHEIGHT"),
                "{bad}"
            );
        }
    }

    #[test]
    fn views_parse_and_out_of_range_ones_are_refused() {
        assert_eq!(
            parse_view("38.7,35.2,7"),
            Ok(GeoView {
                lon: 38.7,
                lat: 35.2,
                zoom: 7.0
            })
        );
        for bad in [
            "38.7,35.2",
            "200,35,7",
            "38,95,7",
            "38,35,0",
            "a,b,c",
            "1,2,3,4",
        ] {
            assert!(
                parse_view(bad)
                    .unwrap_err()
                    .contains("expected LON,LAT,ZOOM"),
                "{bad}"
            );
        }
    }

    #[test]
    fn bigger_pictures_draw_bigger_marks() {
        assert_eq!(SnapshotSpec::default_pixels_per_point([640, 480]), 1.0);
        assert_eq!(SnapshotSpec::default_pixels_per_point([1920, 1080]), 1.5);
        assert_eq!(SnapshotSpec::default_pixels_per_point([3840, 2160]), 3.0);
    }
}
