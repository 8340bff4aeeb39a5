//! The deploymap binary: parses the command line and hands over to the library.

use clap::Parser as _;
use deploymap::DeployApp;
use deploymap::cli::{self, Cli, Command};
use deploymap::data_layers::{DataLayer, read_layers};
use deploymap::io::ReadOptions;
use std::path::PathBuf;
use std::process::ExitCode;

fn main() -> ExitCode {
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
        Some(Command::Export { what }) => cli::run_export(&what, &read, &mut stdout, &mut stderr),
        Some(Command::Validate { files }) => match cli::run_validate(&files, &read, &mut stdout) {
            Ok(true) => return ExitCode::SUCCESS,
            Ok(false) => return ExitCode::FAILURE,
            Err(e) => Err(e),
        },
        None => run_window(cli.files, cli.basemap, read),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("deploymap: {error:#}");
            ExitCode::FAILURE
        }
    }
}

fn run_window(
    files: Vec<PathBuf>,
    basemap: Option<PathBuf>,
    read: ReadOptions,
) -> anyhow::Result<()> {
    let mut layers = if files.is_empty() && read.database.is_none() {
        vec![DataLayer::built_in()?]
    } else {
        read_layers(files, &read)?
    };
    if let Some(database) = &read.database {
        layers.push(DataLayer::from_database(database, layers.len(), &read)?);
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
            let mut app = DeployApp::new(cc, layers, basemap);
            app.read_options = read;
            Ok(Box::new(app))
        }),
    )
    .map_err(|e| anyhow::anyhow!("could not open the window: {e}"))
}
