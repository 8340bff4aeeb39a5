//! Snapshots as PNG files, with the title, the time and the data credits as text chunks.

use super::{ExportError, OffscreenRenderer, OutputFile, RgbaFrame, SnapshotSpec};
use crate::map::time_caption;
use crate::model::{Scenario, UnixSecs};
use std::io::Write;
use std::path::{Path, PathBuf};

/// Encodes `frame` as PNG with `text` chunks (keyword, UTF-8 text).
pub fn encode_png(
    frame: &RgbaFrame,
    text: &[(&str, String)],
    out: impl Write,
) -> Result<(), String> {
    let mut encoder = png::Encoder::new(out, frame.width, frame.height);
    encoder.set_color(png::ColorType::Rgba);
    encoder.set_depth(png::BitDepth::Eight);
    for (keyword, value) in text {
        encoder
            .add_itxt_chunk((*keyword).to_string(), value.clone())
            .map_err(|e| e.to_string())?;
    }
    let mut writer = encoder.write_header().map_err(|e| e.to_string())?;
    writer
        .write_image_data(&frame.pixels)
        .map_err(|e| e.to_string())?;
    writer.finish().map_err(|e| e.to_string())
}

/// The text chunks every export carries.
pub(super) fn text_chunks(
    spec: &SnapshotSpec,
    t: UnixSecs,
    credit: &str,
    scenario: &Scenario,
) -> Vec<(&'static str, String)> {
    let title = spec
        .furniture
        .title
        .clone()
        .or_else(|| scenario.meta.title.clone())
        .unwrap_or_else(|| "deploymap".to_string());
    vec![
        ("Title", title),
        ("Creation Time", time_caption(t, &scenario.meta.time_zone)),
        (
            "Copyright",
            format!("{credit} · {}", crate::map::data_credit(scenario)),
        ),
        (
            "Software",
            format!("deploymap {}", env!("CARGO_PKG_VERSION")),
        ),
    ]
}

/// Renders one snapshot and writes it to `path` (refusing to overwrite unless `overwrite`).
pub fn export_snapshot(
    renderer: &mut OffscreenRenderer,
    scenario: &Scenario,
    t: UnixSecs,
    spec: &SnapshotSpec,
    path: &Path,
    overwrite: bool,
) -> Result<PathBuf, ExportError> {
    let is_png = path
        .extension()
        .is_some_and(|ext| ext.eq_ignore_ascii_case("png"));
    if !is_png {
        return Err(ExportError::UnknownFormat(
            path.to_path_buf(),
            "a .png file",
        ));
    }
    let mut output = OutputFile::create(path, overwrite)?;
    let frame = renderer.render(scenario, t, spec)?;
    let text = text_chunks(spec, t, &renderer.basemap_credit(), scenario);
    encode_png(&frame, &text, output.writer()).map_err(|message| ExportError::Encode {
        path: path.to_path_buf(),
        message,
    })?;
    output.commit()
}
