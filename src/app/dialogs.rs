//! Asking for files: the desktop's dialog (through an XDG portal) where one answers, otherwise
//! the app's own, so Ctrl+O never does nothing.

use super::DeployApp;
use crate::ui::{FilePurpose, InAppFileDialog};
use std::path::PathBuf;
use std::time::{Duration, Instant};

/// A desktop dialog that returns sooner than this without a file did not open: nobody cancels
/// a dialog that fast.
const NATIVE_DIALOG_MIN_SECS: f64 = 0.3;

/// Whether a D-Bus session, through which a desktop portal would answer, is there at all.
fn session_bus_present() -> bool {
    std::env::var_os("DBUS_SESSION_BUS_ADDRESS").is_some()
        || std::env::var_os("XDG_RUNTIME_DIR")
            .is_some_and(|dir| PathBuf::from(dir).join("bus").exists())
}

impl DeployApp {
    /// Uses only the app's own file dialog (for machines known to have no desktop dialog, and
    /// for tests).
    pub fn with_native_dialogs(mut self, enabled: bool) -> Self {
        self.native_dialogs = enabled;
        self
    }

    /// Whether the app's own file dialog is open.
    pub fn file_dialog_open(&self) -> bool {
        self.file_dialog.is_some()
    }

    /// Asks for files for `purpose`: the desktop's dialog if it answers, else the app's own,
    /// which says why.
    pub(super) fn ask_for_files(&mut self, ctx: &egui::Context, purpose: FilePurpose) {
        let reason = if !self.native_dialogs {
            "The desktop's file dialog is not used here."
        } else if !session_bus_present() {
            "No desktop file dialog answers here (no D-Bus session for an XDG portal)."
        } else {
            let started = Instant::now();
            let mut native =
                rfd::FileDialog::new().add_filter(purpose.filter_name(), purpose.extensions());
            if let Some(folder) = &self.last_folder {
                native = native.set_directory(folder);
            }
            let chosen = match purpose {
                FilePurpose::OpenData => native.pick_files(),
                FilePurpose::OpenBasemap => native.pick_file().map(|path| vec![path]),
            };
            match chosen {
                Some(paths) => {
                    self.files_chosen(ctx, purpose, paths);
                    return;
                }
                // The user closed the dialog.
                None if started.elapsed() >= Duration::from_secs_f64(NATIVE_DIALOG_MIN_SECS) => {
                    return;
                }
                None => "The desktop's file dialog did not open (no XDG portal answered).",
            }
        };
        self.file_dialog = Some(InAppFileDialog::new(
            purpose,
            self.last_folder.as_deref(),
            reason,
        ));
    }

    /// Opens what was chosen, and remembers its folder for the next dialog.
    pub(super) fn files_chosen(
        &mut self,
        ctx: &egui::Context,
        purpose: FilePurpose,
        paths: Vec<PathBuf>,
    ) {
        if let Some(folder) = paths.first().and_then(|path| path.parent()) {
            self.last_folder = Some(folder.to_path_buf());
        }
        match purpose {
            FilePurpose::OpenData => self.open_files(ctx, paths),
            FilePurpose::OpenBasemap => {
                if let Some(path) = paths.into_iter().next() {
                    self.set_basemap(ctx, Some(path));
                }
            }
        }
    }
}
