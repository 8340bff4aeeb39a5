//! What the window tests share: the real app on the built-in scenario, rendered through wgpu.

use deploymap::DeployApp;
use deploymap::data_layers::DataLayer;
use egui_kittest::Harness;

/// The window on the built-in scenario at 1400×860, light theme, after its first frames.
#[allow(dead_code)] // not every test file uses every helper
pub fn harness() -> Harness<'static, DeployApp> {
    harness_sized(egui::vec2(1400.0, 860.0))
}

/// The window on the built-in scenario at `size` points, light theme, after its first frames.
pub fn harness_sized(size: egui::Vec2) -> Harness<'static, DeployApp> {
    let layer = DataLayer::built_in().unwrap_or_else(|e| panic!("{e}"));
    let mut harness = Harness::builder()
        .with_size(size)
        .with_theme(egui::Theme::Light)
        .wgpu()
        .build_eframe(move |cc| DeployApp::new(cc, vec![layer], None));
    harness.run_steps(4);
    harness
}
