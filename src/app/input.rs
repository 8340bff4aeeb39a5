//! The window's keys and dropped files, turned into the same commands the panels push.

use super::DeployApp;
use crate::timeline::PlaybackCommand;
use crate::ui::edit::EditCommand;
use crate::ui::{AppCommand, ExportKind, NumberKeyTarget, NumberKeys};
use std::path::PathBuf;

impl DeployApp {
    /// The commands of the keys pressed this frame, unless a text field has the keyboard.
    pub(super) fn read_keyboard(&self, ctx: &egui::Context, commands: &mut Vec<AppCommand>) {
        if ctx.egui_wants_keyboard_input() {
            return;
        }
        use egui::Key;
        let has_story = !self.story_chapters().is_empty();
        let space = if self.story.is_some() {
            AppCommand::ToggleStory
        } else if has_story && self.space_starts_story {
            AppCommand::NextChapter
        } else {
            AppCommand::Playback(PlaybackCommand::TogglePlay)
        };
        let keys = [
            (Key::Space, Some(space)),
            (Key::PageDown, has_story.then_some(AppCommand::NextChapter)),
            (
                Key::PageUp,
                has_story.then_some(AppCommand::PreviousChapter),
            ),
            (
                Key::ArrowRight,
                Some(AppCommand::Playback(PlaybackCommand::NextEvent)),
            ),
            (
                Key::ArrowLeft,
                Some(AppCommand::Playback(PlaybackCommand::PreviousEvent)),
            ),
            (Key::Home, Some(AppCommand::Playback(PlaybackCommand::Home))),
            (Key::End, Some(AppCommand::Playback(PlaybackCommand::End))),
            (Key::F1, Some(AppCommand::ShowHelp(!self.show_help))),
            (Key::F5, Some(AppCommand::Reload)),
            (
                Key::F2,
                Some(AppCommand::Editing(EditCommand::SetEditMode(
                    !self.editing.mode,
                ))),
            ),
            (Key::M, Some(AppCommand::SetMeasuring(!self.measuring))),
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
        let number_keys = self.number_keys();
        ctx.input(|input| {
            for (key, command) in keys {
                if let Some(command) = command
                    && input.key_pressed(key)
                {
                    commands.push(command);
                }
            }
            if input.key_pressed(Key::Escape) {
                if self.measuring || !self.layers.ruler.points.is_empty() {
                    commands.push(AppCommand::ClearRuler);
                }
                // Esc leaves the story and stops following before it clears the selection.
                commands.push(AppCommand::LeaveStory);
                commands.push(AppCommand::StopFollowing);
                commands.push(AppCommand::Select(None));
            }
            for (index, key) in digits.into_iter().enumerate().take(number_keys.count) {
                if input.key_pressed(key) {
                    commands.push(match number_keys.target {
                        NumberKeyTarget::Chapters => AppCommand::GoToChapter(index),
                        NumberKeyTarget::Bookmarks => AppCommand::Bookmark(index),
                    });
                }
            }
            if input.modifiers.command && input.key_pressed(Key::Z) {
                commands.push(AppCommand::Editing(if input.modifiers.shift {
                    EditCommand::Redo
                } else {
                    EditCommand::Undo
                }));
            }
            if input.modifiers.command && input.key_pressed(Key::Y) {
                commands.push(AppCommand::Editing(EditCommand::Redo));
            }
            if input.modifiers.command && input.key_pressed(Key::S) {
                commands.push(AppCommand::Editing(if input.modifiers.shift {
                    EditCommand::SaveAs
                } else {
                    EditCommand::Save
                }));
            }
            if input.modifiers.command && input.key_pressed(Key::D) {
                commands.push(AppCommand::SetTheme(self.theme.toggled()));
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

    /// Which number keys do something: the story's chapters, else the bookmarks, at most nine.
    pub(super) fn number_keys(&self) -> NumberKeys {
        let chapters = self.story_chapters().len();
        if chapters > 0 {
            NumberKeys {
                count: chapters.min(9),
                target: NumberKeyTarget::Chapters,
            }
        } else {
            NumberKeys {
                count: self.scenario.meta.bookmarks.len().min(9),
                target: NumberKeyTarget::Bookmarks,
            }
        }
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
