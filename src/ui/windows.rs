//! Floating windows: load problems and the keyboard help.

use crate::io::Problem;
use crate::ui::command::AppCommand;
use egui::RichText;

/// What the floating windows show.
pub struct WindowsView<'a> {
    /// Problems of the last load, shown until dismissed.
    pub problems: &'a [Problem],
    /// Whether the last load failed, so `problems` describe data that is not shown.
    pub last_load_failed: bool,
    /// Whether the keyboard help is open.
    pub show_help: bool,
    /// What the number keys do.
    pub number_keys: NumberKeys,
}

/// What the number keys go to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NumberKeyTarget {
    /// The chapters of the story.
    Chapters,
    /// The bookmarks of the scenario header.
    Bookmarks,
}

/// Which number keys work: 1 to `count` (none when `count` is 0).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct NumberKeys {
    /// How many, at most nine.
    pub count: usize,
    /// What they go to.
    pub target: NumberKeyTarget,
}

impl NumberKeys {
    /// The help's row for them, or `None` when there are none.
    pub fn help_row(&self) -> Option<(String, &'static str)> {
        let keys = match self.count {
            0 => return None,
            1 => "1".to_string(),
            2 => "1, 2".to_string(),
            n => format!("1 … {n}"),
        };
        let what = match self.target {
            NumberKeyTarget::Chapters => "go to a chapter of the story",
            NumberKeyTarget::Bookmarks => "story moments (menu Go to)",
        };
        Some((keys, what))
    }
}

/// Shows the problems window (when there are problems) and the help window (when asked for).
pub fn windows_ui(ctx: &egui::Context, view: &WindowsView<'_>, commands: &mut Vec<AppCommand>) {
    if !view.problems.is_empty() {
        let title = if view.last_load_failed {
            "Could not open the files"
        } else {
            "Some of the data was left out"
        };
        egui::Window::new(title).collapsible(false).default_width(560.0).show(ctx, |ui| {
            if view.last_load_failed {
                ui.label("Nothing was changed: the map still shows the data it had.");
            } else {
                ui.label("Everything else loaded. Each line says the file, line and column, and what was expected.");
            }
            egui::ScrollArea::vertical().max_height(260.0).show(ui, |ui| {
                for problem in view.problems {
                    ui.label(RichText::new(problem.to_string()).monospace().size(11.0));
                }
            });
            if ui.button("OK").clicked() {
                commands.push(AppCommand::DismissProblems);
            }
        });
    }
    if view.show_help {
        let mut open = true;
        egui::Window::new("Keyboard and mouse")
            .open(&mut open)
            .show(ctx, |ui| {
                egui::Grid::new("keys").striped(true).show(ui, |ui| {
                    let story_rows = if view.number_keys.target == NumberKeyTarget::Chapters
                        && view.number_keys.count > 0
                    {
                        STORY_HELP
                    } else {
                        &[]
                    };
                    let number_row = view.number_keys.help_row();
                    let rows = HELP[..3]
                        .iter()
                        .map(|(key, what)| ((*key).to_string(), *what))
                        .chain(
                            story_rows
                                .iter()
                                .map(|(key, what)| ((*key).to_string(), *what)),
                        )
                        .chain(number_row)
                        .chain(
                            HELP[3..]
                                .iter()
                                .map(|(key, what)| ((*key).to_string(), *what)),
                        );
                    for (key, what) in rows {
                        ui.monospace(key);
                        ui.label(what);
                        ui.end_row();
                    }
                });
            });
        if !open {
            commands.push(AppCommand::ShowHelp(false));
        }
    }
}

const STORY_HELP: &[(&str, &str)] = &[
    ("PageDown / PageUp", "next / previous chapter of the story"),
    (
        "Space in the story",
        "start it (in a fresh window), pause, go on, or the next chapter once one has played",
    ),
];

const HELP: &[(&str, &str)] = &[
    ("Space", "play / pause"),
    ("← / →", "previous / next event"),
    ("Home / End", "start / end of the scenario"),
    (
        "Esc",
        "clear the ruler, leave the story, stop following, clear the selection",
    ),
    (
        "M",
        "measure: click points, sites or units on the map (Esc clears)",
    ),
    ("Ctrl+O", "open scenario files"),
    ("Ctrl+F", "find a site, unit, event or basemap town"),
    ("Ctrl+E", "export a snapshot"),
    ("Ctrl+Shift+E", "export an animation"),
    ("Ctrl+D", "dark mode on / off (View menu; remembered)"),
    ("F5", "reload the scenario files"),
    ("F2", "edit mode: click the map to add, drag to move"),
    ("Ctrl+Z", "undo an edit"),
    ("Ctrl+Shift+Z / Ctrl+Y", "redo an edit"),
    ("Ctrl+S / Ctrl+Shift+S", "save / save as"),
    ("F1", "this help"),
    (
        "Map: drag / wheel",
        "pan / zoom about the pointer (double-click zooms in)",
    ),
    (
        "Map: right-click",
        "on a unit: follow or unfollow it; elsewhere: copy the coordinate",
    ),
    ("Timeline: drag", "scrub the time"),
    ("Timeline: Ctrl+wheel", "zoom the time axis"),
    ("Timeline: wheel, right-drag", "pan the time axis"),
];
