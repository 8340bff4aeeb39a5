//! Sources and disagreements as the inspector shows them: each source with its link, date and
//! strength, and a conflicting report beside the claim it disputes.

use crate::model::{Confidence, ConflictingReport, Provenance, Source};
use crate::theme;
use crate::ui::command::AppCommand;
use egui::{RichText, Ui};

/// Width from which a claim and the reports disputing it stand in two columns.
const TWO_COLUMNS_MIN_WIDTH: f32 = 420.0;

/// The claim's sources and, beside them, every report that disputes it.
pub fn provenance_ui(ui: &mut Ui, provenance: &Provenance, commands: &mut Vec<AppCommand>) {
    if provenance.conflicting_reports.is_empty() {
        claim_ui(ui, provenance, commands);
        return;
    }
    ui.colored_label(theme::CONFLICT, "Sources disagree");
    if ui.available_width() >= TWO_COLUMNS_MIN_WIDTH {
        ui.columns(2, |columns| {
            side_frame(&mut columns[0], "This claim", |ui| {
                claim_ui(ui, provenance, commands)
            });
            for report in &provenance.conflicting_reports {
                side_frame(&mut columns[1], "Another report", |ui| {
                    report_ui(ui, report, commands)
                });
            }
        });
    } else {
        side_frame(ui, "This claim", |ui| claim_ui(ui, provenance, commands));
        for report in &provenance.conflicting_reports {
            side_frame(ui, "Another report", |ui| report_ui(ui, report, commands));
        }
    }
}

/// One side of a disagreement, framed the same way for both sides.
fn side_frame(ui: &mut Ui, heading: &str, add_contents: impl FnOnce(&mut Ui)) {
    egui::Frame::new()
        .stroke(egui::Stroke::new(1.0, theme::CONFLICT.gamma_multiply(0.6)))
        .inner_margin(4.0)
        .corner_radius(3.0)
        .show(ui, |ui| {
            ui.set_width(ui.available_width());
            ui.label(
                RichText::new(heading)
                    .small()
                    .strong()
                    .color(theme::CONFLICT),
            );
            add_contents(ui);
        });
    ui.add_space(2.0);
}

fn claim_ui(ui: &mut Ui, provenance: &Provenance, commands: &mut Vec<AppCommand>) {
    let strength = match provenance.confidence {
        Confidence::High => "Strength: several independent, reliable sources",
        Confidence::Medium => "Strength: ordinary",
        Confidence::Low => "Strength: weak",
    };
    if provenance.confidence == Confidence::Low {
        ui.colored_label(theme::LOW_CONFIDENCE, strength);
    } else {
        ui.weak(strength);
    }
    if let Some(note) = &provenance.confidence_note {
        ui.add(egui::Label::new(RichText::new(note).weak()).wrap());
    }
    sources_ui(ui, &provenance.sources, commands);
}

fn report_ui(ui: &mut Ui, report: &ConflictingReport, commands: &mut Vec<AppCommand>) {
    ui.add(egui::Label::new(&report.claim).wrap());
    if report.sources.is_empty() {
        ui.colored_label(theme::LOW_CONFIDENCE, "Strength: weak (no linked source)");
    } else if report.sources.iter().all(|s| s.weak.is_some()) {
        ui.colored_label(theme::LOW_CONFIDENCE, "Strength: weak");
    } else {
        ui.weak("Strength: ordinary");
    }
    sources_ui(ui, &report.sources, commands);
}

fn sources_ui(ui: &mut Ui, sources: &[Source], commands: &mut Vec<AppCommand>) {
    ui.label(
        RichText::new(format!("Sources ({})", sources.len()))
            .small()
            .strong(),
    );
    for source in sources {
        source_ui(ui, source, commands);
    }
}

/// One source: the outlet (a link that opens the browser), its date or "undated source", the
/// site it was read through, why it is weak, and a button that copies the link.
pub fn source_ui(ui: &mut Ui, source: &Source, commands: &mut Vec<AppCommand>) {
    ui.horizontal_wrapped(|ui| {
        ui.spacing_mut().item_spacing.x = 4.0;
        match source.link() {
            Some(url) => {
                if ui.link(&source.outlet).on_hover_text(url).clicked() {
                    commands.push(AppCommand::OpenLink(url.to_string()));
                }
            }
            None => {
                ui.label(&source.outlet);
            }
        }
        if source.is_undated() {
            ui.colored_label(theme::LOW_CONFIDENCE, "undated source");
        } else if let Some(published) = &source.published {
            ui.weak(published);
        }
        if let Some(via) = &source.via {
            ui.weak(format!("via {via}"));
        }
        if let Some(url) = source.link()
            && ui
                .small_button("Copy link")
                .on_hover_text("Put the link on the clipboard")
                .clicked()
        {
            commands.push(AppCommand::CopyLink(url.to_string()));
        }
    });
    if let Some(weak) = &source.weak {
        ui.colored_label(theme::LOW_CONFIDENCE, format!("Weak source: {weak}"));
    }
}
