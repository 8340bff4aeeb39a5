//! The export dialog: snapshot or animation, size, furniture and file; and the progress of a
//! running export with a cancel button.

use crate::export::{
    AnimationSpec, ExportRequest, ExportWork, SnapshotSpec, StoryVideoSpec, parse_size,
};
use crate::io::parse_time;
use crate::map::{Furniture, LayerVisibility};
use crate::model::{GeoView, Scenario, UnixSecs, timestamp_from_unix_secs, unix_secs};
use crate::timeline::TimelineView;
use crate::ui::command::{AppCommand, ExportKind, ExportProgress};
use egui::{Context, RichText};
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// The sizes offered.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SizeChoice {
    /// Exactly the map as it is on screen.
    CurrentView,
    /// 1920×1080.
    FullHd,
    /// 3840×2160.
    Uhd,
    /// Typed by the user.
    Custom,
}

/// What the export windows show, and what an export of the current view needs.
pub struct ExportView<'a> {
    /// The scenario shown.
    pub scenario: &'a Arc<Scenario>,
    /// The current time.
    pub cursor: UnixSecs,
    /// The size of the map on screen, in points.
    pub map_size_points: egui::Vec2,
    /// Where the map looks.
    pub map_view: GeoView,
    /// Which marks the map draws.
    pub layers: &'a LayerVisibility,
    /// The basemap file the user chose, if not the built-in one.
    pub basemap_path: Option<&'a Path>,
    /// Light or dark, as the window is: the export follows.
    pub theme: crate::theme::Theme,
    /// The export running in the background, if any.
    pub running: Option<ExportProgress<'a>>,
    /// What the last export did, until dismissed.
    pub notice: Option<&'a str>,
}

/// What the dialog holds while it is open: the form being filled in, the dialog's own state.
#[derive(Clone, Debug)]
pub struct ExportDialog {
    kind: ExportKind,
    size: SizeChoice,
    custom_size: String,
    title: String,
    furniture: Furniture,
    from: String,
    to: String,
    fps: f64,
    duration_secs: f64,
    path: String,
    overwrite: bool,
    error: Option<String>,
    /// Whether a story export draws the chapter cards.
    captions: bool,
}

impl ExportDialog {
    /// A dialog for `kind`, with the animation span defaulting to the part of the data's time
    /// `range` that the timeline shows (`span`). The settings of the `previous` dialog (size,
    /// title, what is shown, speed, folder) are kept; the file name is a free one named after
    /// the date at `cursor`.
    pub fn new(
        kind: ExportKind,
        range: (UnixSecs, UnixSecs),
        span: TimelineView,
        cursor: UnixSecs,
        previous: Option<&ExportDialog>,
    ) -> Self {
        let date = |t| {
            timestamp_from_unix_secs(t)
                .strftime("%Y-%m-%dT%H:%M:%SZ")
                .to_string()
        };
        let (start, end) = range;
        let from = span.start.max(start);
        let to = span.end.min(end);
        let extension = match (kind, previous) {
            (ExportKind::Snapshot, _) => "png".to_string(),
            // An animation keeps the format chosen last time.
            (ExportKind::Animation | ExportKind::Story, Some(previous))
                if previous.kind != ExportKind::Snapshot =>
            {
                Path::new(&previous.path)
                    .extension()
                    .map_or_else(|| "gif".into(), |e| e.to_string_lossy().into_owned())
            }
            (ExportKind::Animation | ExportKind::Story, _) => "gif".to_string(),
        };
        let folder = previous
            .and_then(|previous| Path::new(&previous.path).parent().map(Path::to_path_buf))
            .filter(|folder| folder.is_dir())
            .unwrap_or_else(|| std::env::current_dir().unwrap_or_default());
        let day = timestamp_from_unix_secs(cursor)
            .strftime("%Y-%m-%d")
            .to_string();
        let path = free_export_path(&folder, &day, &extension)
            .display()
            .to_string();
        let fresh = Self {
            kind,
            size: SizeChoice::CurrentView,
            custom_size: "2560x1440".into(),
            title: String::new(),
            furniture: Furniture::full(None),
            from: date(from),
            to: date(to),
            fps: 15.0,
            duration_secs: 12.0,
            path,
            overwrite: false,
            error: None,
            captions: true,
        };
        match previous {
            Some(previous) => Self {
                size: previous.size,
                custom_size: previous.custom_size.clone(),
                title: previous.title.clone(),
                furniture: previous.furniture.clone(),
                fps: previous.fps,
                duration_secs: previous.duration_secs,
                captions: previous.captions,
                ..fresh
            },
            None => fresh,
        }
    }

    /// The request this dialog describes, or what is wrong with it.
    fn request(&self, view: &ExportView<'_>, ctx: &Context) -> Result<ExportRequest, String> {
        let mut furniture = self.furniture.clone();
        furniture.title = Some(self.title.trim().to_string()).filter(|t| !t.is_empty());
        let fixed_size = match self.size {
            SizeChoice::CurrentView => None,
            SizeChoice::FullHd => Some([1920, 1080]),
            SizeChoice::Uhd => Some([3840, 2160]),
            SizeChoice::Custom => Some(parse_size(&self.custom_size)?),
        };
        let mut spec = SnapshotSpec::on_screen(
            view.map_size_points,
            ctx.pixels_per_point(),
            view.map_view,
            view.layers,
            furniture,
        );
        if let Some(size_px) = fixed_size {
            spec.size_px = size_px;
            spec.pixels_per_point = SnapshotSpec::default_pixels_per_point(size_px);
        }
        let work = match self.kind {
            ExportKind::Snapshot => ExportWork::Snapshot { t: view.cursor },
            ExportKind::Animation => {
                let from = parse_time(&self.from).map_err(|e| format!("From: {e}"))?;
                let to = parse_time(&self.to).map_err(|e| format!("To: {e}"))?;
                let animation = AnimationSpec {
                    from: unix_secs(from),
                    to: unix_secs(to),
                    frames: (self.fps * self.duration_secs).round() as u32,
                    fps: self.fps,
                };
                animation.validate().map_err(|e| e.to_string())?;
                ExportWork::Animation(animation)
            }
            ExportKind::Story => ExportWork::Story(StoryVideoSpec {
                story: 0,
                fps: self.fps,
                captions: self.captions,
            }),
        };
        if self.path.trim().is_empty() {
            return Err("choose a file to write".into());
        }
        Ok(ExportRequest {
            scenario: Arc::clone(view.scenario),
            spec,
            work,
            basemap: view.basemap_path.map(Path::to_path_buf),
            theme: view.theme,
            path: PathBuf::from(self.path.trim()),
            overwrite: self.overwrite,
        })
    }
}

/// A file in `folder` that does not exist yet: `deploymap-<day>.<extension>`, then `-2`, `-3`…
pub fn free_export_path(folder: &Path, day: &str, extension: &str) -> PathBuf {
    (1..10_000)
        .map(|n| {
            let suffix = if n == 1 {
                String::new()
            } else {
                format!("-{n}")
            };
            folder.join(format!("deploymap-{day}{suffix}.{extension}"))
        })
        .find(|path| !path.exists())
        .unwrap_or_else(|| folder.join(format!("deploymap-{day}-new.{extension}")))
}

/// Shows the dialog if it is open (`dialog`, whose form it fills in), the progress of a running
/// export, and what the last export did.
pub fn export_windows_ui(
    ctx: &Context,
    view: &ExportView<'_>,
    dialog: Option<&mut ExportDialog>,
    commands: &mut Vec<AppCommand>,
) {
    if let Some(running) = view.running {
        let (done, total) = (running.done_frames, running.total_frames);
        egui::Window::new("Exporting")
            .collapsible(false)
            .resizable(false)
            .show(ctx, |ui| {
                ui.label(format!("Writing {}", running.path.display()));
                ui.add(
                    egui::ProgressBar::new(done as f32 / total.max(1) as f32)
                        .text(format!("{done} / {total} frames")),
                );
                if ui.button("Cancel").clicked() {
                    commands.push(AppCommand::CancelExport);
                }
            });
    }
    if let Some(notice) = view.notice {
        let mut open = true;
        egui::Window::new("Export")
            .collapsible(false)
            .open(&mut open)
            .show(ctx, |ui| {
                ui.label(notice);
            });
        if !open {
            commands.push(AppCommand::DismissExportNotice);
        }
    }
    let Some(dialog) = dialog else {
        return;
    };
    let mut open = true;
    let title = match dialog.kind {
        ExportKind::Snapshot => "Export snapshot",
        ExportKind::Animation => "Export animation",
        ExportKind::Story => "Export the story",
    };
    let mut start = false;
    egui::Window::new(title)
        .collapsible(false)
        .open(&mut open)
        .default_width(420.0)
        .show(ctx, |ui| {
            dialog_ui(ui, dialog, view);
            ui.separator();
            ui.horizontal(|ui| {
                let busy = view.running.is_some();
                if ui
                    .add_enabled(!busy, egui::Button::new(RichText::new("Export").strong()))
                    .clicked()
                {
                    start = true;
                }
                if busy {
                    ui.weak("another export is running");
                }
            });
            if let Some(error) = &dialog.error {
                ui.colored_label(ui.visuals().error_fg_color, error.as_str());
            }
        });
    if start {
        match dialog.request(view, ctx) {
            Ok(request) if !request.overwrite && request.path.exists() => {
                dialog.error = Some(format!(
                    "{} already exists; tick \"Overwrite\" to replace it",
                    request.path.display()
                ));
            }
            Ok(request) => commands.push(AppCommand::StartExport(Box::new(request))),
            Err(error) => dialog.error = Some(error),
        }
    }
    if !open {
        commands.push(AppCommand::CloseExportDialog);
    }
}

fn dialog_ui(ui: &mut egui::Ui, dialog: &mut ExportDialog, view: &ExportView<'_>) {
    egui::Grid::new("export")
        .num_columns(2)
        .spacing([8.0, 6.0])
        .show(ui, |ui| {
            ui.label("Size");
            ui.vertical(|ui| {
                let map_size = view.map_size_points * ui.ctx().pixels_per_point();
                ui.radio_value(
                    &mut dialog.size,
                    SizeChoice::CurrentView,
                    format!("The map as on screen ({:.0}x{:.0})", map_size.x, map_size.y),
                );
                ui.radio_value(&mut dialog.size, SizeChoice::FullHd, "1920x1080");
                ui.radio_value(&mut dialog.size, SizeChoice::Uhd, "3840x2160");
                ui.horizontal(|ui| {
                    ui.radio_value(&mut dialog.size, SizeChoice::Custom, "Custom");
                    ui.add(
                        egui::TextEdit::singleline(&mut dialog.custom_size).desired_width(100.0),
                    );
                });
            });
            ui.end_row();
            ui.label("Title");
            ui.add(egui::TextEdit::singleline(&mut dialog.title).hint_text("optional"));
            ui.end_row();
            ui.label("Show");
            ui.horizontal_wrapped(|ui| {
                ui.checkbox(&mut dialog.furniture.time, "Date and time");
                ui.checkbox(&mut dialog.furniture.legend, "Legend");
                ui.checkbox(&mut dialog.furniture.scale_bar, "Scale bar");
                ui.weak("(the data credits are always shown)");
            });
            ui.end_row();
            if dialog.kind == ExportKind::Animation {
                ui.label("From");
                ui.text_edit_singleline(&mut dialog.from);
                ui.end_row();
                ui.label("To");
                ui.text_edit_singleline(&mut dialog.to);
                ui.end_row();
                ui.label("Length");
                ui.horizontal(|ui| {
                    ui.add(
                        egui::DragValue::new(&mut dialog.duration_secs)
                            .range(1.0..=600.0)
                            .suffix(" s"),
                    );
                    ui.add(
                        egui::DragValue::new(&mut dialog.fps)
                            .range(1.0..=60.0)
                            .suffix(" fps"),
                    );
                });
                ui.end_row();
            } else if dialog.kind == ExportKind::Story {
                ui.label("Frames");
                ui.horizontal(|ui| {
                    ui.add(
                        egui::DragValue::new(&mut dialog.fps)
                            .range(1.0..=60.0)
                            .suffix(" fps"),
                    );
                    ui.checkbox(&mut dialog.captions, "Chapter captions");
                });
                ui.end_row();
            } else {
                ui.label("Time");
                ui.label(crate::map::time_caption(
                    view.cursor,
                    &view.scenario.meta.time_zone,
                ));
                ui.end_row();
            }
            ui.label("File");
            ui.horizontal(|ui| {
                ui.add(egui::TextEdit::singleline(&mut dialog.path).desired_width(260.0));
                if ui.button("Choose…").clicked() {
                    let dialog_filter: (&str, &[&str]) = match dialog.kind {
                        ExportKind::Snapshot => ("PNG picture", &["png"]),
                        ExportKind::Animation | ExportKind::Story => {
                            ("GIF, APNG (.png) or MP4", &["gif", "png", "mp4"])
                        }
                    };
                    let started = std::time::Instant::now();
                    if let Some(path) = rfd::FileDialog::new()
                        .add_filter(dialog_filter.0, dialog_filter.1)
                        .set_file_name("deploymap")
                        .save_file()
                    {
                        dialog.path = path.display().to_string();
                        // The save dialog has already asked about replacing an existing file.
                        dialog.overwrite = true;
                    } else if started.elapsed() < std::time::Duration::from_millis(300) {
                        // Nobody cancels a dialog that fast: it did not open.
                        dialog.error = Some(
                            "No desktop file dialog answered here; type the file's path in the \
                             File field."
                                .into(),
                        );
                    }
                }
            });
            ui.end_row();
            ui.label("");
            ui.checkbox(&mut dialog.overwrite, "Overwrite if the file exists");
            ui.end_row();
        });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_proposed_file_name_is_free_and_dated() {
        let dir = std::env::temp_dir().join(format!("deploymap-free-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap_or_else(|e| panic!("{e}"));
        let first = free_export_path(&dir, "2026-01-25", "png");
        assert_eq!(first, dir.join("deploymap-2026-01-25.png"));
        std::fs::write(&first, b"x").unwrap_or_else(|e| panic!("{e}"));
        let second = free_export_path(&dir, "2026-01-25", "png");
        assert_eq!(second, dir.join("deploymap-2026-01-25-2.png"));
        std::fs::write(&second, b"x").unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(
            free_export_path(&dir, "2026-01-25", "png"),
            dir.join("deploymap-2026-01-25-3.png")
        );
        std::fs::remove_dir_all(&dir).ok();
    }

    #[test]
    fn a_new_dialog_keeps_the_last_settings_and_folder() {
        let dir = std::env::temp_dir().join(format!("deploymap-keep-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap_or_else(|e| panic!("{e}"));
        let range = (0.0, 86_400.0 * 30.0);
        let span = TimelineView::around(86_400.0, range);
        let mut first = ExportDialog::new(ExportKind::Snapshot, range, span, 86_400.0, None);
        first.size = SizeChoice::Uhd;
        first.title = "Withdrawal".into();
        first.furniture.legend = false;
        first.path = dir.join("mine.png").display().to_string();
        let next = ExportDialog::new(ExportKind::Snapshot, range, span, 86_400.0, Some(&first));
        assert_eq!(next.size, SizeChoice::Uhd);
        assert_eq!(next.title, "Withdrawal");
        assert!(!next.furniture.legend);
        assert_eq!(
            PathBuf::from(&next.path),
            dir.join("deploymap-1970-01-02.png")
        );
        std::fs::remove_dir_all(&dir).ok();
    }
}
