//! Animations of the timeline played from one time to another: GIF (one good palette for the
//! whole animation), APNG, or MP4 through ffmpeg. Frames stream to the encoder one at a time, so
//! memory does not grow with the length.

use super::{ExportError, OffscreenRenderer, OutputFile, RgbaFrame, SnapshotSpec};
use crate::model::{Scenario, UnixSecs};
use std::collections::HashMap;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdin, Command, Stdio};

/// The file types an animation can be written as.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AnimationFormat {
    /// Animated GIF.
    Gif,
    /// Animated PNG.
    Apng,
    /// H.264 in MP4, through ffmpeg.
    Mp4,
}

const ANIMATION_TYPES: &str = "a .gif, .png (APNG) or .mp4 file";

impl AnimationFormat {
    /// The format named by the extension of `path`.
    pub fn from_path(path: &Path) -> Result<Self, ExportError> {
        let extension = path
            .extension()
            .map(|ext| ext.to_string_lossy().to_ascii_lowercase())
            .unwrap_or_default();
        match extension.as_str() {
            "gif" => Ok(Self::Gif),
            "png" | "apng" => Ok(Self::Apng),
            "mp4" => Ok(Self::Mp4),
            _ => Err(ExportError::UnknownFormat(
                path.to_path_buf(),
                ANIMATION_TYPES,
            )),
        }
    }
}

/// Which times an animation shows and how fast it plays.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct AnimationSpec {
    /// Story time of the first frame.
    pub from: UnixSecs,
    /// Story time of the last frame.
    pub to: UnixSecs,
    /// Number of frames, at least 2.
    pub frames: u32,
    /// Frames per second of playback.
    pub fps: f64,
}

impl AnimationSpec {
    /// Checks the spec, saying what is wrong.
    pub fn validate(&self) -> Result<(), ExportError> {
        if self.to.is_nan() || self.from.is_nan() || self.to <= self.from {
            return Err(ExportError::EndNotAfterStart);
        }
        if !(2..=100_000).contains(&self.frames) {
            return Err(ExportError::FrameCount(self.frames));
        }
        if !(self.fps.is_finite() && (0.1..=120.0).contains(&self.fps)) {
            return Err(ExportError::FramesPerSecond(self.fps));
        }
        Ok(())
    }

    /// The story time of frame `index`: evenly spaced, first at `from`, last at `to`.
    pub fn frame_time(&self, index: u32) -> UnixSecs {
        let ratio = f64::from(index) / f64::from(self.frames.saturating_sub(1).max(1));
        self.from + (self.to - self.from) * ratio
    }
}

/// Renders the animation frame by frame into `path`. `progress(done, total)` is called after
/// each frame; when it returns false the export stops and nothing is written.
pub fn export_animation(
    renderer: &mut OffscreenRenderer,
    scenario: &Scenario,
    snapshot: &SnapshotSpec,
    animation: &AnimationSpec,
    path: &Path,
    overwrite: bool,
    progress: &mut dyn FnMut(u32, u32) -> bool,
) -> Result<PathBuf, ExportError> {
    animation.validate()?;
    let format = AnimationFormat::from_path(path)?;
    if format == AnimationFormat::Mp4 && !ffmpeg_available() {
        return Err(ExportError::FfmpegMissing);
    }
    let mut output = OutputFile::create(path, overwrite)?;
    let encode_error = |message: String| ExportError::Encode {
        path: path.to_path_buf(),
        message,
    };
    let [width, height] = snapshot.size_px;
    let mut sink: Box<dyn FrameSink + '_> = match format {
        AnimationFormat::Gif => {
            Box::new(GifSink::new(output.writer(), width, height, animation.fps))
        }
        AnimationFormat::Apng => {
            Box::new(ApngSink::new(output.writer(), width, height, animation)?)
        }
        AnimationFormat::Mp4 => Box::new(Mp4Sink::new(
            output.temporary_path(),
            width,
            height,
            animation.fps,
        )?),
    };
    for index in 0..animation.frames {
        let frame = renderer.render(scenario, animation.frame_time(index), snapshot)?;
        sink.push(&frame).map_err(encode_error)?;
        if !progress(index + 1, animation.frames) {
            return Err(ExportError::Cancelled);
        }
    }
    sink.finish().map_err(encode_error)?;
    drop(sink);
    output.commit()
}

fn ffmpeg_available() -> bool {
    Command::new("ffmpeg")
        .arg("-version")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|status| status.success())
}

/// An encoder that takes frames one at a time.
trait FrameSink {
    fn push(&mut self, frame: &RgbaFrame) -> Result<(), String>;
    fn finish(&mut self) -> Result<(), String>;
}

/// GIF with one palette for the whole animation, learned from the first frame, so colours do not
/// flicker between frames; each pixel takes the nearest palette colour.
struct GifSink<W: Write> {
    encoder: Option<gif::Encoder<W>>,
    out: Option<W>,
    width: u16,
    height: u16,
    delay_centisecs: u16,
    palette: Option<Palette>,
    /// The palette indices of the frame before, so each frame stores only what changed.
    previous: Option<Vec<u8>>,
}

/// The smallest rectangle `[left, top, width, height]` holding every pixel that differs.
fn changed_rect(before: &[u8], after: &[u8], width: usize) -> Option<[usize; 4]> {
    let (mut left, mut top, mut right, mut bottom) = (usize::MAX, usize::MAX, 0, 0);
    for (i, _) in before
        .iter()
        .zip(after)
        .enumerate()
        .filter(|(_, (a, b))| a != b)
    {
        let (x, y) = (i % width, i / width);
        left = left.min(x);
        right = right.max(x);
        top = top.min(y);
        bottom = bottom.max(y);
    }
    (left != usize::MAX).then(|| [left, top, right - left + 1, bottom - top + 1])
}

struct Palette {
    quantizer: color_quant::NeuQuant,
    /// Exact colours seen so far and their palette index; maps are mostly flat colours.
    cache: HashMap<[u8; 3], u8>,
}

impl Palette {
    fn learn(frame: &RgbaFrame) -> Self {
        Self {
            quantizer: color_quant::NeuQuant::new(10, 256, &frame.pixels),
            cache: HashMap::new(),
        }
    }

    fn indices(&mut self, frame: &RgbaFrame) -> Vec<u8> {
        frame
            .pixels
            .chunks_exact(4)
            .map(|p| {
                let rgb = [p[0], p[1], p[2]];
                *self
                    .cache
                    .entry(rgb)
                    .or_insert_with(|| self.quantizer.index_of(&[p[0], p[1], p[2], 255]) as u8)
            })
            .collect()
    }
}

impl<W: Write> GifSink<W> {
    fn new(out: W, width: u32, height: u32, fps: f64) -> Self {
        Self {
            encoder: None,
            out: Some(out),
            width: width.min(u32::from(u16::MAX)) as u16,
            height: height.min(u32::from(u16::MAX)) as u16,
            delay_centisecs: (100.0 / fps).round().clamp(2.0, 65_535.0) as u16,
            palette: None,
            previous: None,
        }
    }
}

impl<W: Write> FrameSink for GifSink<W> {
    fn push(&mut self, frame: &RgbaFrame) -> Result<(), String> {
        let palette = self.palette.get_or_insert_with(|| Palette::learn(frame));
        if self.encoder.is_none() {
            let out = self.out.take().ok_or("the GIF was already finished")?;
            let mut encoder = gif::Encoder::new(
                out,
                self.width,
                self.height,
                &palette.quantizer.color_map_rgb(),
            )
            .map_err(|e| e.to_string())?;
            encoder
                .set_repeat(gif::Repeat::Infinite)
                .map_err(|e| e.to_string())?;
            self.encoder = Some(encoder);
        }
        let indices = palette.indices(frame);
        let width = usize::from(self.width);
        // Unchanged pixels stay from the frame before; a still frame stores one pixel.
        let [left, top, sub_width, sub_height] = match &self.previous {
            None => [0, 0, width, usize::from(self.height)],
            Some(previous) => changed_rect(previous, &indices, width).unwrap_or([0, 0, 1, 1]),
        };
        let sub_pixels: Vec<u8> = (top..top + sub_height)
            .flat_map(|y| {
                indices[y * width + left..y * width + left + sub_width]
                    .iter()
                    .copied()
            })
            .collect();
        let mut gif_frame =
            gif::Frame::from_indexed_pixels(sub_width as u16, sub_height as u16, sub_pixels, None);
        gif_frame.left = left as u16;
        gif_frame.top = top as u16;
        gif_frame.dispose = gif::DisposalMethod::Keep;
        gif_frame.delay = self.delay_centisecs;
        self.previous = Some(indices);
        self.encoder
            .as_mut()
            .ok_or("the GIF encoder is gone")?
            .write_frame(&gif_frame)
            .map_err(|e| e.to_string())
    }

    fn finish(&mut self) -> Result<(), String> {
        let encoder = self.encoder.take().ok_or("the animation has no frames")?;
        encoder.into_inner().map(drop).map_err(|e| e.to_string())
    }
}

/// Animated PNG: lossless, larger than GIF.
struct ApngSink<W: Write> {
    writer: Option<png::Writer<W>>,
}

impl<W: Write> ApngSink<W> {
    fn new(
        out: W,
        width: u32,
        height: u32,
        animation: &AnimationSpec,
    ) -> Result<Self, ExportError> {
        let error = |e: png::EncodingError| ExportError::Encode {
            path: PathBuf::from("(APNG)"),
            message: e.to_string(),
        };
        let mut encoder = png::Encoder::new(out, width, height);
        encoder.set_color(png::ColorType::Rgba);
        encoder.set_depth(png::BitDepth::Eight);
        encoder.set_animated(animation.frames, 0).map_err(error)?;
        let (numerator, denominator) = fps_as_delay(animation.fps);
        encoder
            .set_frame_delay(numerator, denominator)
            .map_err(error)?;
        Ok(Self {
            writer: Some(encoder.write_header().map_err(error)?),
        })
    }
}

/// A frame delay in seconds as a fraction, for APNG.
fn fps_as_delay(fps: f64) -> (u16, u16) {
    let thousandths = (1000.0 / fps).round().clamp(1.0, 65_535.0) as u16;
    (thousandths, 1000)
}

impl<W: Write> FrameSink for ApngSink<W> {
    fn push(&mut self, frame: &RgbaFrame) -> Result<(), String> {
        self.writer
            .as_mut()
            .ok_or("the APNG was already finished")?
            .write_image_data(&frame.pixels)
            .map_err(|e| e.to_string())
    }

    fn finish(&mut self) -> Result<(), String> {
        let writer = self.writer.take().ok_or("the APNG was already finished")?;
        writer.finish().map_err(|e| e.to_string())
    }
}

/// MP4 through an ffmpeg child process fed raw frames on its standard input.
struct Mp4Sink {
    child: Option<Child>,
    stdin: Option<ChildStdin>,
}

impl Mp4Sink {
    fn new(out: &Path, width: u32, height: u32, fps: f64) -> Result<Self, ExportError> {
        let mut command = Command::new("ffmpeg");
        command
            .args([
                "-y",
                "-loglevel",
                "error",
                "-f",
                "rawvideo",
                "-pix_fmt",
                "rgba",
            ])
            .args(["-s", &format!("{width}x{height}"), "-r", &format!("{fps}")])
            .args(["-i", "-", "-vf", "pad=ceil(iw/2)*2:ceil(ih/2)*2"])
            .args([
                "-c:v",
                "libx264",
                "-pix_fmt",
                "yuv420p",
                "-movflags",
                "+faststart",
                "-f",
                "mp4",
            ])
            .arg(out)
            .stdin(Stdio::piped())
            .stdout(Stdio::null())
            .stderr(Stdio::piped());
        dies_with_parent(&mut command);
        let mut child = command.spawn().map_err(|_| ExportError::FfmpegMissing)?;
        let stdin = child.stdin.take();
        Ok(Self {
            child: Some(child),
            stdin,
        })
    }
}

/// Sets ffmpeg up to stop with us. In its own process group, a Ctrl-C at the terminal reaches
/// only us, and we kill it and remove its half-written file; on Linux the kernel also kills it
/// should we be killed outright (SIGKILL), instead of leaving it to finish a file nobody wants.
fn dies_with_parent(command: &mut Command) {
    #[cfg(unix)]
    {
        use std::os::unix::process::CommandExt as _;
        command.process_group(0);
    }
    #[cfg(target_os = "linux")]
    {
        use std::os::unix::process::CommandExt as _;
        let parent = std::process::id();
        // SAFETY: the closure runs in the child between fork and exec and calls only prctl and
        // getppid, which are async-signal-safe, and allocates nothing.
        unsafe {
            command.pre_exec(move || {
                if libc::prctl(libc::PR_SET_PDEATHSIG, libc::SIGKILL) != 0 {
                    return Err(std::io::Error::last_os_error());
                }
                // The parent may have died before the line above took effect.
                if libc::getppid() as u32 != parent {
                    return Err(std::io::Error::other("the exporting process is gone"));
                }
                Ok(())
            });
        }
    }
}

impl Drop for Mp4Sink {
    /// A cancelled or failed export stops ffmpeg rather than leaving it waiting for frames.
    fn drop(&mut self) {
        drop(self.stdin.take());
        if let Some(mut child) = self.child.take() {
            child.kill().ok();
            child.wait().ok();
        }
    }
}

impl FrameSink for Mp4Sink {
    fn push(&mut self, frame: &RgbaFrame) -> Result<(), String> {
        self.stdin
            .as_mut()
            .ok_or("ffmpeg's input is closed")?
            .write_all(&frame.pixels)
            .map_err(|e| format!("ffmpeg stopped reading frames: {e}"))
    }

    fn finish(&mut self) -> Result<(), String> {
        drop(self.stdin.take());
        let child = self.child.take().ok_or("ffmpeg was already finished")?;
        let output = child.wait_with_output().map_err(|e| e.to_string())?;
        if output.status.success() {
            Ok(())
        } else {
            Err(format!(
                "ffmpeg failed: {}",
                String::from_utf8_lossy(&output.stderr).trim()
            ))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn frames_are_evenly_spaced_from_first_to_last() {
        let spec = AnimationSpec {
            from: 100.0,
            to: 200.0,
            frames: 5,
            fps: 10.0,
        };
        let times: Vec<f64> = (0..5).map(|i| spec.frame_time(i)).collect();
        assert_eq!(times, vec![100.0, 125.0, 150.0, 175.0, 200.0]);
    }

    #[test]
    fn bad_specs_say_what_is_wrong() {
        let good = AnimationSpec {
            from: 0.0,
            to: 10.0,
            frames: 2,
            fps: 15.0,
        };
        assert!(good.validate().is_ok());
        let backwards = AnimationSpec { to: -1.0, ..good };
        let message = backwards.validate().unwrap_err().to_string();
        assert!(
            message.contains("end time must be after the start time") && !message.contains("--"),
            "{message}"
        );
        let one_frame = AnimationSpec { frames: 1, ..good };
        assert!(
            one_frame
                .validate()
                .unwrap_err()
                .to_string()
                .contains("expected 2 to")
        );
        let no_fps = AnimationSpec { fps: 0.0, ..good };
        assert!(
            no_fps
                .validate()
                .unwrap_err()
                .to_string()
                .contains("frames per second")
        );
    }

    #[test]
    fn the_extension_picks_the_format() {
        assert_eq!(
            AnimationFormat::from_path(Path::new("a.GIF")).unwrap(),
            AnimationFormat::Gif
        );
        assert_eq!(
            AnimationFormat::from_path(Path::new("a.png")).unwrap(),
            AnimationFormat::Apng
        );
        assert_eq!(
            AnimationFormat::from_path(Path::new("a.mp4")).unwrap(),
            AnimationFormat::Mp4
        );
        assert!(AnimationFormat::from_path(Path::new("a.avi")).is_err());
    }

    #[test]
    fn a_gif_keeps_one_palette_and_the_right_number_of_frames() {
        let mut pixels = Vec::new();
        for i in 0..(32 * 16) {
            pixels.extend_from_slice(if i % 3 == 0 {
                &[200, 52, 43, 255]
            } else {
                &[205, 214, 221, 255]
            });
        }
        let frame = RgbaFrame {
            width: 32,
            height: 16,
            pixels,
        };
        let mut bytes = Vec::new();
        let mut sink = GifSink::new(&mut bytes, 32, 16, 15.0);
        for _ in 0..3 {
            sink.push(&frame).unwrap();
        }
        sink.finish().unwrap();
        drop(sink);
        let mut options = gif::DecodeOptions::new();
        options.set_color_output(gif::ColorOutput::RGBA);
        let mut decoder = options.read_info(bytes.as_slice()).unwrap();
        let mut count = 0;
        while let Some(decoded) = decoder.read_next_frame().unwrap() {
            count += 1;
            assert_eq!(decoded.delay, 7);
            // The marker colour survives the palette within a few levels.
            let red = &decoded.buffer[0..4];
            assert!(
                red[0].abs_diff(200) <= 6 && red[1].abs_diff(52) <= 6,
                "{red:?}"
            );
        }
        assert_eq!(count, 3);
    }
}
