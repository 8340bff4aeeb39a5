//! A file dialog drawn by the app itself, for when the desktop's (through an XDG portal) does
//! not answer: minimal window managers, remote sessions, Xvfb. It opens at the last folder,
//! lists the folders and the files in the formats asked for, and takes a typed path.

use crate::ui::command::{AppCommand, FilePurpose};
use std::path::{Path, PathBuf};

/// One row of the listing.
#[derive(Clone, Debug, PartialEq, Eq)]
struct Entry {
    name: String,
    is_dir: bool,
}

/// The dialog's own state while it is open.
#[derive(Clone, Debug)]
pub struct InAppFileDialog {
    purpose: FilePurpose,
    folder: PathBuf,
    entries: Vec<Entry>,
    /// The path in the text field.
    typed: String,
    /// Why the listing or the typed path failed.
    error: Option<String>,
    /// Why the desktop's dialog is not used.
    reason: String,
}

impl InAppFileDialog {
    /// A dialog for `purpose` at `folder` (the last one used; the home folder if it is gone),
    /// saying `reason` for not using the desktop's dialog.
    pub fn new(purpose: FilePurpose, folder: Option<&Path>, reason: &str) -> Self {
        let folder = folder
            .filter(|folder| folder.is_dir())
            .map(Path::to_path_buf)
            .or_else(|| std::env::var_os("HOME").map(PathBuf::from))
            .or_else(|| std::env::current_dir().ok())
            .unwrap_or_else(|| PathBuf::from("/"));
        let mut dialog = Self {
            purpose,
            folder: PathBuf::new(),
            entries: Vec::new(),
            typed: String::new(),
            error: None,
            reason: reason.to_string(),
        };
        dialog.enter(folder);
        dialog
    }

    /// What the dialog is for.
    pub fn purpose(&self) -> FilePurpose {
        self.purpose
    }

    /// The folder listed.
    pub fn folder(&self) -> &Path {
        &self.folder
    }

    fn enter(&mut self, folder: PathBuf) {
        match list_folder(&folder, self.purpose.extensions()) {
            Ok(entries) => {
                self.entries = entries;
                self.typed = folder.display().to_string();
                self.folder = folder;
                self.error = None;
            }
            Err(e) => self.error = Some(format!("{}: {e}", folder.display())),
        }
    }

    /// Takes the typed path: a folder is entered, a file is chosen.
    fn accept_typed(&mut self, commands: &mut Vec<AppCommand>) {
        let typed = self.typed.trim();
        let path = expand_home(typed);
        let path = if path.is_relative() {
            self.folder.join(path)
        } else {
            path
        };
        if path.is_dir() {
            self.enter(path);
        } else if path.is_file() {
            commands.push(AppCommand::FileChosen(self.purpose, path));
        } else {
            self.error = Some(format!("{}: no such file or folder", path.display()));
        }
    }
}

/// `~/x` as the home folder's `x`.
fn expand_home(typed: &str) -> PathBuf {
    match (typed.strip_prefix("~/"), std::env::var_os("HOME")) {
        (Some(rest), Some(home)) => PathBuf::from(home).join(rest),
        _ => PathBuf::from(typed),
    }
}

/// The folders and the files ending in one of `extensions` in `folder`, folders first, hidden
/// ones left out, each group by name.
fn list_folder(folder: &Path, extensions: &[&str]) -> std::io::Result<Vec<Entry>> {
    let mut entries: Vec<Entry> = std::fs::read_dir(folder)?
        .filter_map(Result::ok)
        .filter_map(|entry| {
            let name = entry.file_name().to_string_lossy().into_owned();
            if name.starts_with('.') {
                return None;
            }
            let is_dir = entry.path().is_dir();
            let wanted = is_dir
                || Path::new(&name)
                    .extension()
                    .map(|e| e.to_string_lossy().to_ascii_lowercase())
                    .is_some_and(|e| extensions.contains(&e.as_str()));
            wanted.then_some(Entry { name, is_dir })
        })
        .collect();
    entries.sort_by(|a, b| {
        b.is_dir
            .cmp(&a.is_dir)
            .then_with(|| a.name.to_lowercase().cmp(&b.name.to_lowercase()))
    });
    Ok(entries)
}

/// Shows the dialog; a chosen file or closing it is pushed as a command.
pub fn file_dialog_ui(
    ctx: &egui::Context,
    dialog: &mut InAppFileDialog,
    commands: &mut Vec<AppCommand>,
) {
    let mut open = true;
    egui::Window::new(dialog.purpose.title())
        .collapsible(false)
        .open(&mut open)
        .default_width(520.0)
        .show(ctx, |ui| {
            ui.weak(dialog.reason.as_str());
            ui.horizontal(|ui| {
                if ui.button("⬆ Up").clicked()
                    && let Some(parent) = dialog.folder.parent().map(Path::to_path_buf)
                {
                    dialog.enter(parent);
                }
                ui.label(dialog.folder.display().to_string());
            });
            ui.weak(format!(
                "{} (.{})",
                dialog.purpose.filter_name(),
                dialog.purpose.extensions().join(", .")
            ));
            let mut clicked = None;
            egui::ScrollArea::vertical()
                .max_height(260.0)
                .auto_shrink([false, true])
                .show(ui, |ui| {
                    for entry in &dialog.entries {
                        let text = if entry.is_dir {
                            format!("📁 {}", entry.name)
                        } else {
                            entry.name.clone()
                        };
                        let response = ui.selectable_label(false, text);
                        if response.double_clicked() {
                            clicked = Some((entry.clone(), true));
                        } else if response.clicked() {
                            clicked = Some((entry.clone(), false));
                        }
                    }
                    if dialog.entries.is_empty() {
                        ui.weak("Nothing here in these formats.");
                    }
                });
            if let Some((entry, double)) = clicked {
                let path = dialog.folder.join(&entry.name);
                if entry.is_dir {
                    dialog.enter(path);
                } else if double {
                    commands.push(AppCommand::FileChosen(dialog.purpose, path));
                } else {
                    dialog.typed = path.display().to_string();
                }
            }
            ui.horizontal(|ui| {
                ui.label("Path");
                let edit = ui.add(
                    egui::TextEdit::singleline(&mut dialog.typed)
                        .desired_width(340.0)
                        .hint_text("type or paste a path"),
                );
                let entered = edit.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
                if ui.button("Open").clicked() || entered {
                    dialog.accept_typed(commands);
                }
            });
            if let Some(error) = &dialog.error {
                ui.colored_label(ui.visuals().error_fg_color, error.as_str());
            }
        });
    if !open {
        commands.push(AppCommand::CloseFileDialog);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_listing_has_folders_first_and_only_our_formats() {
        let dir = std::env::temp_dir().join(format!("deploymap-list-{}", std::process::id()));
        std::fs::create_dir_all(dir.join("sub")).unwrap_or_else(|e| panic!("{e}"));
        for name in ["b.geojson", "A.CSV", "notes.pdf", ".hidden.json"] {
            std::fs::write(dir.join(name), b"").unwrap_or_else(|e| panic!("{e}"));
        }
        let names: Vec<String> = list_folder(&dir, FilePurpose::OpenData.extensions())
            .unwrap_or_else(|e| panic!("{e}"))
            .into_iter()
            .map(|entry| entry.name)
            .collect();
        assert_eq!(names, ["sub", "A.CSV", "b.geojson"]);
        std::fs::remove_dir_all(&dir).ok();
    }

    #[test]
    fn a_typed_folder_is_entered_and_a_typed_file_chosen() {
        let dir = std::env::temp_dir().join(format!("deploymap-typed-{}", std::process::id()));
        std::fs::create_dir_all(dir.join("sub")).unwrap_or_else(|e| panic!("{e}"));
        std::fs::write(dir.join("sub/x.geojson"), b"{}").unwrap_or_else(|e| panic!("{e}"));
        let mut dialog = InAppFileDialog::new(FilePurpose::OpenData, Some(&dir), "");
        let mut commands = Vec::new();
        dialog.typed = "sub".into();
        dialog.accept_typed(&mut commands);
        assert_eq!(dialog.folder(), dir.join("sub"));
        dialog.typed = "x.geojson".into();
        dialog.accept_typed(&mut commands);
        assert!(matches!(
            commands.as_slice(),
            [AppCommand::FileChosen(FilePurpose::OpenData, path)] if *path == dir.join("sub/x.geojson")
        ));
        dialog.typed = "missing.csv".into();
        dialog.accept_typed(&mut commands);
        assert!(
            dialog
                .error
                .as_deref()
                .unwrap_or_default()
                .contains("no such file")
        );
        std::fs::remove_dir_all(&dir).ok();
    }
}
