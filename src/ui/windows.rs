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
                    for (key, what) in HELP {
                        ui.monospace(*key);
                        ui.label(*what);
                        ui.end_row();
                    }
                });
            });
        if !open {
            commands.push(AppCommand::ShowHelp(false));
        }
    }
}

const HELP: &[(&str, &str)] = &[
    ("Space", "play / pause"),
    ("← / →", "previous / next event"),
    ("Home / End", "start / end of the scenario"),
    ("1 … 9", "story moments (menu Go to)"),
    ("Esc", "clear the selection"),
    ("Ctrl+O", "open scenario files"),
    ("Ctrl+E", "export a snapshot"),
    ("F5", "reload the scenario files"),
    ("F1", "this help"),
    (
        "Map: drag / Ctrl+wheel",
        "pan / zoom (double-click zooms in)",
    ),
    ("Timeline: drag", "scrub the time"),
    ("Timeline: Ctrl+wheel", "zoom the time axis"),
    ("Timeline: wheel, right-drag", "pan the time axis"),
];
