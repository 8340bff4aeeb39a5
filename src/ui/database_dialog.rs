//! "Open database…": a connection string, a password kept apart from it (typed into a field
//! that never shows it, and never remembered), and the query whose rows become a layer.

use crate::io::{DatabaseQuery, split_password, with_password};
use crate::ui::command::AppCommand;

/// The dialog's form, while it is open.
/// No `Debug`: it holds the password.
#[derive(Clone, Default)]
pub struct DatabaseDialog {
    /// The connection string as shown: a password typed into it is moved to `password`.
    pub connection: String,
    /// Never shown.
    password: String,
    /// The SQL.
    pub query: String,
    /// Whether the layer is asked again for the time window and area in view.
    pub bind_to_view: bool,
}

impl DatabaseDialog {
    /// What to run: the connection string with the password put back, and the query.
    pub fn request(&self) -> DatabaseQuery {
        DatabaseQuery {
            url: with_password(self.connection.trim(), &self.password),
            query: self.query.trim().to_string(),
            view: None,
        }
    }

    /// Moves a password typed or pasted into the connection string to the password field.
    fn take_password_out(&mut self) {
        if let (shown, Some(password)) = split_password(&self.connection) {
            self.connection = shown;
            self.password = password;
        }
    }
}

/// Draws the dialog; Open pushes [`AppCommand::OpenDatabase`], Cancel closes it.
pub fn database_dialog_ui(
    ctx: &egui::Context,
    dialog: &mut DatabaseDialog,
    commands: &mut Vec<AppCommand>,
) {
    egui::Window::new("Open database")
        .collapsible(false)
        .resizable(false)
        .show(ctx, |ui| {
            ui.label(
                "A PostgreSQL/PostGIS query returning (id, time, geom) rows of timed points, or \
                 an MF-JSON column (MobilityDB's asMFJSON).",
            );
            egui::Grid::new("database_fields")
                .num_columns(2)
                .show(ui, |ui| {
                    let label = ui.label("Connection string:");
                    let connection = ui
                        .add(
                            egui::TextEdit::singleline(&mut dialog.connection)
                                .hint_text("postgresql://user@host/database")
                                .desired_width(360.0),
                        )
                        .labelled_by(label.id);
                    if connection.changed() {
                        dialog.take_password_out();
                    }
                    ui.end_row();
                    let label = ui.label("Password:");
                    ui.add(
                        egui::TextEdit::singleline(&mut dialog.password)
                            .password(true)
                            .hint_text("not shown, not remembered")
                            .desired_width(360.0),
                    )
                    .labelled_by(label.id);
                    ui.end_row();
                    let label = ui.label("Query:");
                    ui.add(
                        egui::TextEdit::multiline(&mut dialog.query)
                            .hint_text("SELECT id, time, geom FROM points")
                            .code_editor()
                            .desired_rows(4)
                            .desired_width(360.0),
                    )
                    .labelled_by(label.id);
                    ui.end_row();
                });
            ui.checkbox(
                &mut dialog.bind_to_view,
                "Bind to the view: fetch only the rows in the time window and area shown, again \
                 as you pan and scrub (timed points)",
            );
            ui.horizontal(|ui| {
                let ready = !dialog.connection.trim().is_empty() && !dialog.query.trim().is_empty();
                if ui
                    .add_enabled(ready, egui::Button::new("Open query"))
                    .clicked()
                {
                    commands.push(AppCommand::OpenDatabase {
                        query: Box::new(dialog.request()),
                        bind_to_view: dialog.bind_to_view,
                    });
                }
                if ui.button("Cancel").clicked() {
                    commands.push(AppCommand::CloseDatabaseDialog);
                }
            });
        });
}
