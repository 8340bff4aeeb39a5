//! The window's keys and dropped files, turned into the same commands the panels push.

use super::DeployApp;
use crate::timeline::PlaybackCommand;
use crate::ui::{AppCommand, ExportKind};
use std::path::PathBuf;

impl DeployApp {
    /// The commands of the keys pressed this frame, unless a text field has the keyboard.
    pub(super) fn read_keyboard(&self, ctx: &egui::Context, commands: &mut Vec<AppCommand>) {
        if ctx.egui_wants_keyboard_input() {
            return;
        }
        use egui::Key;
        let keys = [
            (
                Key::Space,
                AppCommand::Playback(PlaybackCommand::TogglePlay),
            ),
            (
                Key::ArrowRight,
                AppCommand::Playback(PlaybackCommand::NextEvent),
            ),
            (
                Key::ArrowLeft,
                AppCommand::Playback(PlaybackCommand::PreviousEvent),
            ),
            (Key::Home, AppCommand::Playback(PlaybackCommand::Home)),
            (Key::End, AppCommand::Playback(PlaybackCommand::End)),
            (Key::Escape, AppCommand::Select(None)),
            (Key::F1, AppCommand::ShowHelp(!self.show_help)),
            (Key::F5, AppCommand::Reload),
        ];
        let digits = [
            Key::Num1,
            Key::Num2,
            Key::Num3,
            Key::Num4,
            Key::Num5,
            Key::Num6,
            Key::Num7,
            Key::Num8,
            Key::Num9,
        ];
        ctx.input(|input| {
            for (key, command) in keys {
                if input.key_pressed(key) {
                    commands.push(command);
                }
            }
            for (index, key) in digits.into_iter().enumerate() {
                if input.key_pressed(key) {
                    commands.push(AppCommand::Bookmark(index));
                }
            }
            if input.modifiers.command && input.key_pressed(Key::O) {
                commands.push(AppCommand::OpenDialog);
            }
            if input.modifiers.command && input.key_pressed(Key::E) {
                let kind = if input.modifiers.shift {
                    ExportKind::Animation
                } else {
                    ExportKind::Snapshot
                };
                commands.push(AppCommand::OpenExportDialog(kind));
            }
        });
    }

    /// Files dropped on the window this frame, to be opened.
    pub(super) fn read_dropped_files(ctx: &egui::Context, commands: &mut Vec<AppCommand>) {
        let dropped: Vec<PathBuf> = ctx.input(|input| {
            input
                .raw
                .dropped_files
                .iter()
                .map(|file| file.path().to_path_buf())
                .collect()
        });
        if !dropped.is_empty() {
            commands.push(AppCommand::OpenFiles(dropped));
        }
    }
}
