//! deploymap: troop deployments on an interactive map under a timeline.
//!
//! - [`model`]: the scenario and the state at a time (pure).
//! - [`timeline`]: playback (pure, driven by frame time).
//! - [`io`]: reading files: the scenario format, the other formats, basemap archives.
//! - [`job`]: background work (reading, exporting) with progress, cancel and typed errors.
//! - [`map`]: the map widget and its draw list.
//! - [`symbology`]: APP-6 / MIL-STD-2525 symbols as vector shapes.
//! - [`geodesy`]: geodesic measures, range rings, DMS and MGRS (pure).
//! - [`find`]: the name index behind find (pure).
//! - [`theme`]: colours and the look, shared by the map, the exports and the panels.
//! - [`ui`]: panels and widgets.
//! - [`data_layers`]: the files the window shows, as layers.
//! - [`export`]: pictures and animations, offscreen.
//! - [`app`]: the window that ties them together.
//! - [`cli`]: the command line.
//! - [`interrupt`]: stopping cleanly on SIGINT, SIGTERM and SIGHUP.
//! - [`startup_trace`]: where start-up time goes, printed on request.

pub mod app;
pub mod cli;
pub mod data_layers;
pub mod export;
pub mod find;
pub mod geodesy;
pub mod interrupt;
pub mod io;
pub mod job;
pub mod map;
pub mod model;
pub mod selection;
pub mod startup_trace;
pub mod symbology;
pub mod theme;
pub mod timeline;
pub mod ui;

pub use app::DeployApp;
