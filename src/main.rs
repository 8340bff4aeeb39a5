//! The deploymap binary: parses the command line and hands over to the library.

use clap::Parser as _;
use deploymap::DeployApp;
use deploymap::cli::{self, Cli, Command};
use deploymap::data_layers::{DataLayer, read_layers};
use deploymap::interrupt;
use deploymap::io::ReadOptions;
use std::path::PathBuf;
use std::process::ExitCode;

fn main() -> ExitCode {
    deploymap::startup_trace::start();
    let cli = Cli::parse();
    let read = match cli.read_options() {
        Ok(read) => read,
        Err(error) => {
            eprintln!("deploymap: {error:#}");
            return ExitCode::FAILURE;
        }
    };
    let mut stdout = std::io::stdout().lock();
    let mut stderr = std::io::stderr();
    let result = match cli.command {
        Some(Command::State { at, files }) => {
            cli::run_state(&at, &files, &read, &mut stdout, &mut stderr)
        }
        Some(Command::Events { files }) => cli::run_events(&files, &read, &mut stdout, &mut stderr),
        Some(Command::Export { what }) => {
            if let Err(error) = interrupt::watch() {
                eprintln!("deploymap: cannot watch for Ctrl-C: {error}");
            }
            cli::run_export(&what, &read, &mut stdout, &mut stderr)
        }
        Some(Command::Validate { files }) => match cli::run_validate(&files, &read, &mut stdout) {
            Ok(true) => return ExitCode::SUCCESS,
            Ok(false) => return ExitCode::FAILURE,
            Err(e) => Err(e),
        },
        None => run_window(
            cli.files,
            cli.basemap,
            read,
            WindowStart {
                recover: cli.recover,
                new: cli.new,
            },
        ),
    };
    if let (Err(_), Some(signal)) = (&result, interrupt::received()) {
        // The export stopped at the signal and removed what it was writing.
        eprintln!(
            "\ndeploymap: stopped by {}; nothing was written",
            interrupt::name(signal)
        );
        return ExitCode::from(u8::try_from(interrupt::exit_code(signal)).unwrap_or(1));
    }
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("deploymap: {error:#}");
            ExitCode::FAILURE
        }
    }
}

/// What the window does first.
struct WindowStart {
    /// Take the edits a crash left.
    recover: bool,
    /// Start an empty scenario.
    new: bool,
}

fn run_window(
    files: Vec<PathBuf>,
    basemap: Option<PathBuf>,
    read: ReadOptions,
    start: WindowStart,
) -> anyhow::Result<()> {
    let mut layers = if files.is_empty() && read.database.is_none() {
        vec![DataLayer::built_in()?]
    } else {
        read_layers(files, &read)?
    };
    if let Some(database) = &read.database {
        layers.push(DataLayer::from_database(database, layers.len(), &read)?);
    }
    deploymap::startup_trace::mark("data layers read");
    if basemap.is_none() {
        // Decode the opening view's basemap tiles on every core while the window and the
        // renderer are set up (the map's size is about that of a 1280×800 window's map).
        let view = deploymap::data_layers::joined(&layers).opening_view(
            deploymap::app::FIT_WIDTH_POINTS,
            deploymap::app::FIT_HEIGHT_POINTS,
        );
        deploymap::map::prefetch_first_view(
            view,
            egui::vec2(1040.0, 610.0),
            deploymap::theme::Theme::Light,
        );
    }
    let options = eframe::NativeOptions {
        viewport: egui::ViewportBuilder::default()
            .with_title("deploymap")
            .with_inner_size([1280.0, 800.0])
            .with_min_inner_size([800.0, 500.0]),
        ..Default::default()
    };
    eframe::run_native(
        "deploymap",
        options,
        Box::new(move |cc| {
            // When the session ends (SIGTERM, SIGHUP), close the window the ordinary way, so
            // that the state is saved as on any close.
            let ctx = cc.egui_ctx.clone();
            if let Err(error) = interrupt::on_stop(move |_| {
                ctx.send_viewport_cmd(egui::ViewportCommand::Close);
            }) {
                eprintln!("deploymap: cannot watch for the session ending: {error}");
            }
            let mut app = DeployApp::new(cc, layers, basemap);
            app.read_options = read;
            if start.new {
                app.start_new_scenario();
            }
            if start.recover {
                app.recover_at_start();
            }
            Ok(Box::new(app))
        }),
    )
    .map_err(|e| anyhow::anyhow!("could not open the window: {e}"))
}
