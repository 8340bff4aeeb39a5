//! The story: a bar above the map to start the story or return to it, and the card over the map
//! while it plays (the chapter's title, text, sources and "3 / 9", with previous and next).

use crate::model::{Chapter, Story};
use crate::ui::command::AppCommand;
use egui::{Align2, Color32, RichText, Ui, vec2};

/// What the story card shows.
#[derive(Clone, Copy)]
pub struct StoryCardView<'a> {
    /// The story the window plays, if the scenario has one.
    pub story: Option<&'a Story>,
    /// The chapter being played, while the story plays.
    pub chapter: Option<usize>,
    /// Whether the chapter is paused.
    pub paused: bool,
    /// Whether the chapter has played to its end.
    pub finished: bool,
    /// The chapter to return to after leaving the story.
    pub resume: Option<usize>,
    /// The name of the force the user follows outside the story.
    pub following: Option<&'a str>,
}

/// The card's width in points.
const CARD_WIDTH_POINTS: f32 = 380.0;

/// The story's controls, at the right end of the menu bar when the scenario has a story: a
/// button to play it or return to it, or, while it plays, the chapter and a button to leave.
/// Kept off the map, so the map on screen is the map that is exported, and out of a bar of
/// their own, so the map keeps that height.
pub fn story_bar_ui(ui: &mut Ui, view: &StoryCardView<'_>, commands: &mut Vec<AppCommand>) {
    let Some(story) = view.story else {
        return;
    };
    match view.chapter {
        Some(index) => {
            if ui
                .button("Leave the story")
                .on_hover_text("Esc; moving the map or the time leaves too")
                .clicked()
            {
                commands.push(AppCommand::LeaveStory);
            }
            ui.weak(format!("chapter {} / {}", index + 1, story.chapters.len()));
            ui.add(
                egui::Label::new(RichText::new(format!("Story: {}", story.title)).strong())
                    .truncate(),
            );
        }
        None => start_ui(ui, view, story, commands),
    }
}

/// Shows the card at the lower left of the map's `rect` while the story plays, and a note
/// while the user follows a force.
pub fn story_card_ui(
    ctx: &egui::Context,
    rect: egui::Rect,
    view: &StoryCardView<'_>,
    commands: &mut Vec<AppCommand>,
) {
    let playing = view.chapter.is_some() && view.story.is_some();
    if !rect.is_positive() || !(playing || view.following.is_some()) {
        return;
    }
    let anchor = rect.left_bottom() + vec2(10.0, -44.0);
    egui::Area::new(egui::Id::unique("story card"))
        .order(egui::Order::Foreground)
        .pivot(Align2::LEFT_BOTTOM)
        .fixed_pos(anchor)
        .show(ctx, |ui| {
            egui::Frame::popup(ui.style())
                .fill(Color32::from_white_alpha(240))
                .show(ui, |ui| {
                    ui.set_max_width(CARD_WIDTH_POINTS);
                    if let Some(name) = view.following {
                        ui.horizontal(|ui| {
                            ui.label(format!("Following {name}"));
                            if ui.small_button("Stop (Esc)").clicked() {
                                commands.push(AppCommand::StopFollowing);
                            }
                        });
                    }
                    let Some(story) = view.story else {
                        return;
                    };
                    if let Some((index, chapter)) = view
                        .chapter
                        .and_then(|i| story.chapters.get(i).map(|c| (i, c)))
                    {
                        chapter_ui(ui, view, story, index, chapter, commands);
                    }
                });
        });
}

fn start_ui(ui: &mut Ui, view: &StoryCardView<'_>, story: &Story, commands: &mut Vec<AppCommand>) {
    let resume = view.resume.filter(|&i| i > 0 && i < story.chapters.len());
    let label = match resume {
        Some(i) => format!("▶ Return to chapter {} / {}", i + 1, story.chapters.len()),
        None => format!("▶ Play the story ({} chapters)", story.chapters.len()),
    };
    if ui
        .button(label)
        .on_hover_text(format!(
            "Story: {} (PageDown, or Space before the time is moved; the number keys go to a chapter)",
            story.title
        ))
        .clicked()
    {
        commands.push(AppCommand::GoToChapter(resume.unwrap_or(0)));
    }
}

fn chapter_ui(
    ui: &mut Ui,
    view: &StoryCardView<'_>,
    story: &Story,
    index: usize,
    chapter: &Chapter,
    commands: &mut Vec<AppCommand>,
) {
    let count = story.chapters.len();
    ui.horizontal(|ui| {
        ui.weak(format!("{} / {count}", index + 1));
        ui.label(RichText::new(&chapter.title).strong().size(15.0));
    });
    if !chapter.text.is_empty() {
        ui.label(&chapter.text);
    }
    if !chapter.sources.is_empty() {
        ui.horizontal_wrapped(|ui| {
            ui.weak("Sources:");
            for source in &chapter.sources {
                let date = source.published.as_deref().unwrap_or("undated");
                let text = format!("{} ({date})", source.outlet);
                if source.url.is_empty() {
                    ui.weak(text);
                } else if ui
                    .link(RichText::new(text).size(11.0))
                    .on_hover_text(&source.url)
                    .clicked()
                {
                    commands.push(AppCommand::OpenLink(source.url.clone()));
                }
            }
        });
    }
    ui.horizontal(|ui| {
        if ui
            .add_enabled(index > 0, egui::Button::new("◀ Previous"))
            .on_hover_text("PageUp")
            .clicked()
        {
            commands.push(AppCommand::PreviousChapter);
        }
        if ui
            .add_enabled(index + 1 < count, egui::Button::new("Next ▶"))
            .on_hover_text("PageDown")
            .clicked()
        {
            commands.push(AppCommand::NextChapter);
        }
        if ui
            .button("Leave")
            .on_hover_text("Esc; moving the map or the time leaves too")
            .clicked()
        {
            commands.push(AppCommand::LeaveStory);
        }
        let hint = if view.finished && index + 1 < count {
            "Space: next chapter"
        } else if view.finished {
            "Space: the end"
        } else if view.paused {
            "Space: go on"
        } else {
            "Space: pause"
        };
        ui.weak(hint);
    });
}
