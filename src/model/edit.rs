//! Edits of a scenario, each of which gives back the edit that undoes it, and the history of
//! them that undo and redo walk. Pure: the window turns clicks and forms into [`Edit`]s and
//! applies them through its commands.

use super::{
    ControlChange, Event, Faction, Force, LonLat, Path, Place, Scenario, Site, StateKind, Track,
    TrackState,
};

/// One change to a scenario. [`Edit::apply`] returns the edit that undoes it.
#[derive(Clone, Debug, PartialEq)]
pub enum Edit {
    /// Put a site at `index` (the end for `sites.len()`); places after it are renumbered.
    InsertSite {
        /// Where in the site list.
        index: usize,
        /// The site.
        site: Box<Site>,
    },
    /// Take away the site at `index`; refused while a force or an event refers to it.
    RemoveSite {
        /// Which site.
        index: usize,
    },
    /// Move a site, and the places of states that sit at it.
    MoveSite {
        /// Which site.
        index: usize,
        /// Where to.
        to: LonLat,
    },
    /// Replace a site's name, kind, coordinates, radius, note and control history.
    SetSite {
        /// Which site.
        index: usize,
        /// Its new value.
        site: Box<Site>,
    },
    /// Add a control change to a site's history (kept in date order).
    AddControlChange {
        /// Which site.
        site: usize,
        /// The change.
        change: Box<ControlChange>,
    },
    /// Replace a site's whole control history.
    SetControl {
        /// Which site.
        site: usize,
        /// The history, in date order.
        changes: Vec<ControlChange>,
    },
    /// Put a force at `index` (the end for `forces.len()`).
    InsertForce {
        /// Where in the force list.
        index: usize,
        /// The force.
        force: Box<Force>,
    },
    /// Take away the force at `index`.
    RemoveForce {
        /// Which force.
        index: usize,
    },
    /// Replace a force's faction, name, kind, strength, note and track.
    SetForce {
        /// Which force.
        index: usize,
        /// Its new value.
        force: Box<Force>,
    },
    /// Add a state to a force's track (kept in date order).
    AddState {
        /// Which force.
        force: usize,
        /// The state.
        state: Box<TrackState>,
    },
    /// Replace one state of a force's track.
    SetState {
        /// Which force.
        force: usize,
        /// Which state of its track.
        index: usize,
        /// Its new value.
        state: Box<TrackState>,
    },
    /// Take one state out of a force's track.
    RemoveState {
        /// Which force.
        force: usize,
        /// Which state of its track.
        index: usize,
    },
    /// Replace a force's whole track.
    SetTrack {
        /// Which force.
        force: usize,
        /// The states, in any order: they are sorted by start.
        states: Vec<TrackState>,
    },
    /// Add an event (kept in date order).
    AddEvent(Box<Event>),
    /// Replace an event (it moves in the list when its date changes).
    SetEvent {
        /// Which event.
        index: usize,
        /// Its new value.
        event: Box<Event>,
    },
    /// Take an event away.
    RemoveEvent {
        /// Which event.
        index: usize,
    },
    /// Replace the declared factions.
    SetFactions(Vec<Faction>),
    /// Several edits as one step of undo.
    Batch(Vec<Edit>),
}

/// Why an edit could not be applied; the scenario is then unchanged.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum EditError {
    /// An index past the end of its list.
    #[error("there is no {what} number {index}")]
    NoSuch {
        /// "site", "force", "state" or "event".
        what: &'static str,
        /// The index asked for.
        index: usize,
    },
    /// A site still named by states or events.
    #[error("the site {name} is still used by {users}; change those first")]
    SiteInUse {
        /// The site's name.
        name: String,
        /// What uses it, for the message.
        users: String,
    },
}

fn check(len: usize, index: usize, what: &'static str) -> Result<(), EditError> {
    if index < len {
        Ok(())
    } else {
        Err(EditError::NoSuch { what, index })
    }
}

/// The places of a state (none for departed).
fn places_mut(kind: &mut StateKind) -> Vec<&mut Place> {
    match kind {
        StateKind::Stationed { place } => vec![place],
        StateKind::Moving { from, to, .. } => vec![from, to],
        StateKind::Departed { .. } => vec![],
    }
}

/// Calls `renumber` on every site index held by a force's places or an event.
fn renumber_sites(scenario: &mut Scenario, renumber: impl Fn(usize) -> usize) {
    for force in &mut scenario.forces {
        let mut states: Vec<TrackState> = force.track.to_vec();
        for state in &mut states {
            for place in places_mut(&mut state.kind) {
                place.site = place.site.map(&renumber);
            }
        }
        force.track = Track::new(states);
    }
    for event in &mut scenario.events {
        event.site = event.site.map(&renumber);
    }
}

/// What refers to the site at `index`, for [`EditError::SiteInUse`]; empty when nothing does.
fn site_users(scenario: &Scenario, index: usize) -> Vec<String> {
    let mut users = Vec::new();
    for force in &scenario.forces {
        let uses = force.track.iter().any(|state| {
            let mut kind = state.kind.clone();
            places_mut(&mut kind)
                .iter()
                .any(|place| place.site == Some(index))
        });
        if uses {
            users.push(format!("force {}", force.name));
        }
    }
    for event in &scenario.events {
        if event.site == Some(index) {
            users.push(format!("event {}", event.title));
        }
    }
    users
}

/// Sorts states by start, stably, into a track.
fn sorted_track(mut states: Vec<TrackState>) -> Track {
    states.sort_by_key(|state| state.dating.start);
    Track::new(states)
}

/// Puts `event` into the date-ordered event list and returns its index.
fn insert_event(events: &mut Vec<Event>, event: Event) -> usize {
    let index = events.partition_point(|other| other.dating.start <= event.dating.start);
    events.insert(index, event);
    index
}

/// Moves every place at site `index` to `to`, with the ends of the paths that start or end there.
fn move_places(scenario: &mut Scenario, index: usize, to: LonLat) {
    for force in &mut scenario.forces {
        if !force.track.iter().any(|state| {
            let mut kind = state.kind.clone();
            places_mut(&mut kind)
                .iter()
                .any(|place| place.site == Some(index))
        }) {
            continue;
        }
        let mut states: Vec<TrackState> = force.track.to_vec();
        for state in &mut states {
            match &mut state.kind {
                StateKind::Stationed { place } if place.site == Some(index) => place.position = to,
                StateKind::Moving {
                    from,
                    to: destination,
                    path,
                    ..
                } => {
                    let mut points = path.points().to_vec();
                    if from.site == Some(index) {
                        from.position = to;
                        if let Some(first) = points.first_mut() {
                            *first = to;
                        }
                    }
                    if destination.site == Some(index) {
                        destination.position = to;
                        if let Some(last) = points.last_mut() {
                            *last = to;
                        }
                    }
                    *path = Path::new(points);
                }
                _ => {}
            }
        }
        force.track = Track::new(states);
    }
}

impl Edit {
    /// What the edit does, for the undo menu and the status line.
    pub fn label(&self) -> &'static str {
        match self {
            Self::InsertSite { .. } => "add site",
            Self::RemoveSite { .. } => "remove site",
            Self::MoveSite { .. } => "move site",
            Self::SetSite { .. } => "change site",
            Self::AddControlChange { .. } => "add control change",
            Self::SetControl { .. } => "change control history",
            Self::InsertForce { .. } => "add force",
            Self::RemoveForce { .. } => "remove force",
            Self::SetForce { .. } => "change force",
            Self::AddState { .. } => "add state",
            Self::SetState { .. } => "change state",
            Self::RemoveState { .. } => "remove state",
            Self::SetTrack { .. } => "change track",
            Self::AddEvent(_) => "add event",
            Self::SetEvent { .. } => "change event",
            Self::RemoveEvent { .. } => "remove event",
            Self::SetFactions(_) => "change factions",
            Self::Batch(_) => "several changes",
        }
    }

    /// Applies the edit to `scenario` and returns the edit that undoes it. On an error the
    /// scenario is unchanged.
    pub fn apply(self, scenario: &mut Scenario) -> Result<Edit, EditError> {
        match self {
            Self::InsertSite { index, site } => {
                let index = index.min(scenario.sites.len());
                renumber_sites(scenario, |i| if i >= index { i + 1 } else { i });
                scenario.sites.insert(index, *site);
                Ok(Self::RemoveSite { index })
            }
            Self::RemoveSite { index } => {
                check(scenario.sites.len(), index, "site")?;
                let users = site_users(scenario, index);
                if !users.is_empty() {
                    return Err(EditError::SiteInUse {
                        name: scenario.sites[index].name.clone(),
                        users: users.join(", "),
                    });
                }
                let site = scenario.sites.remove(index);
                renumber_sites(scenario, |i| if i > index { i - 1 } else { i });
                Ok(Self::InsertSite {
                    index,
                    site: Box::new(site),
                })
            }
            Self::MoveSite { index, to } => {
                check(scenario.sites.len(), index, "site")?;
                let from = std::mem::replace(&mut scenario.sites[index].position, to);
                move_places(scenario, index, to);
                Ok(Self::MoveSite { index, to: from })
            }
            Self::SetSite { index, site } => {
                check(scenario.sites.len(), index, "site")?;
                let position = site.position;
                let old = std::mem::replace(&mut scenario.sites[index], *site);
                if old.position != position {
                    move_places(scenario, index, position);
                }
                Ok(Self::SetSite {
                    index,
                    site: Box::new(old),
                })
            }
            Self::AddControlChange { site, change } => {
                check(scenario.sites.len(), site, "site")?;
                let mut changes = scenario.sites[site].control.clone();
                changes.push(*change);
                Self::SetControl { site, changes }.apply(scenario)
            }
            Self::SetControl { site, mut changes } => {
                check(scenario.sites.len(), site, "site")?;
                changes.sort_by_key(|change| change.dating.start);
                let old = std::mem::replace(&mut scenario.sites[site].control, changes);
                Ok(Self::SetControl { site, changes: old })
            }
            Self::InsertForce { index, force } => {
                let index = index.min(scenario.forces.len());
                scenario.forces.insert(index, *force);
                Ok(Self::RemoveForce { index })
            }
            Self::RemoveForce { index } => {
                check(scenario.forces.len(), index, "force")?;
                let force = scenario.forces.remove(index);
                Ok(Self::InsertForce {
                    index,
                    force: Box::new(force),
                })
            }
            Self::SetForce { index, mut force } => {
                check(scenario.forces.len(), index, "force")?;
                force.track = sorted_track(force.track.to_vec());
                let old = std::mem::replace(&mut scenario.forces[index], *force);
                Ok(Self::SetForce {
                    index,
                    force: Box::new(old),
                })
            }
            Self::AddState { force, state } => {
                check(scenario.forces.len(), force, "force")?;
                let mut states = scenario.forces[force].track.to_vec();
                states.push(*state);
                Self::SetTrack { force, states }.apply(scenario)
            }
            Self::SetState {
                force,
                index,
                state,
            } => {
                check(scenario.forces.len(), force, "force")?;
                check(scenario.forces[force].track.len(), index, "state")?;
                let mut states = scenario.forces[force].track.to_vec();
                states[index] = *state;
                Self::SetTrack { force, states }.apply(scenario)
            }
            Self::RemoveState { force, index } => {
                check(scenario.forces.len(), force, "force")?;
                check(scenario.forces[force].track.len(), index, "state")?;
                let mut states = scenario.forces[force].track.to_vec();
                states.remove(index);
                Self::SetTrack { force, states }.apply(scenario)
            }
            Self::SetTrack { force, states } => {
                check(scenario.forces.len(), force, "force")?;
                let old =
                    std::mem::replace(&mut scenario.forces[force].track, sorted_track(states));
                Ok(Self::SetTrack {
                    force,
                    states: old.to_vec(),
                })
            }
            Self::AddEvent(event) => {
                let index = insert_event(&mut scenario.events, *event);
                Ok(Self::RemoveEvent { index })
            }
            Self::SetEvent { index, event } => {
                check(scenario.events.len(), index, "event")?;
                let old = scenario.events.remove(index);
                let new_index = insert_event(&mut scenario.events, *event);
                Ok(Self::SetEvent {
                    index: new_index,
                    event: Box::new(old),
                })
            }
            Self::RemoveEvent { index } => {
                check(scenario.events.len(), index, "event")?;
                let event = scenario.events.remove(index);
                Ok(Self::AddEvent(Box::new(event)))
            }
            Self::SetFactions(factions) => {
                let old = std::mem::replace(&mut scenario.factions, factions);
                Ok(Self::SetFactions(old))
            }
            Self::Batch(edits) => {
                let mut inverses = Vec::with_capacity(edits.len());
                for edit in edits {
                    match edit.apply(scenario) {
                        Ok(inverse) => inverses.push(inverse),
                        Err(error) => {
                            // Leave the scenario as it was: undo what was done, newest first.
                            for inverse in inverses.into_iter().rev() {
                                let _undone = inverse.apply(scenario);
                            }
                            return Err(error);
                        }
                    }
                }
                inverses.reverse();
                Ok(Self::Batch(inverses))
            }
        }
    }
}

/// An id not used by any site, force or event of `scenario`: `prefix-N` with the smallest N.
pub fn fresh_id(scenario: &Scenario, prefix: &str) -> String {
    (1..)
        .map(|n| format!("{prefix}-{n}"))
        .find(|id| scenario.item_index(id).is_none())
        .unwrap_or_else(|| prefix.to_string())
}

/// How many steps of undo are kept; older ones are forgotten so memory stays bounded.
pub const MAX_UNDO_STEPS: usize = 1000;

/// One step of the history: what was done, and the edit that takes it back (or forward).
#[derive(Clone, Debug)]
struct Step {
    label: &'static str,
    edit: Edit,
    /// The version of the scenario this step leads to when taken.
    version: u64,
}

/// The edits made, for undo and redo, and which version of the scenario was saved last.
#[derive(Clone, Debug, Default)]
pub struct EditHistory {
    undo: Vec<Step>,
    redo: Vec<Step>,
    /// The version of the scenario now: 0 as loaded, a new number after each edit.
    version: u64,
    next_version: u64,
    /// The version last saved (0, as loaded, until a save).
    saved_version: u64,
}

impl EditHistory {
    /// Applies `edit` to `scenario` and remembers how to undo it; forgets what could be redone.
    pub fn apply(&mut self, scenario: &mut Scenario, edit: Edit) -> Result<(), EditError> {
        let label = edit.label();
        let inverse = edit.apply(scenario)?;
        self.next_version += 1;
        self.undo.push(Step {
            label,
            edit: inverse,
            version: self.version,
        });
        self.version = self.next_version;
        self.redo.clear();
        if self.undo.len() > MAX_UNDO_STEPS {
            self.undo.remove(0);
        }
        Ok(())
    }

    /// Takes back the last edit; `false` when there is nothing to undo.
    pub fn undo(&mut self, scenario: &mut Scenario) -> Result<bool, EditError> {
        let Some(step) = self.undo.pop() else {
            return Ok(false);
        };
        match step.edit.clone().apply(scenario) {
            Ok(redo) => {
                self.redo.push(Step {
                    label: step.label,
                    edit: redo,
                    version: self.version,
                });
                self.version = step.version;
                Ok(true)
            }
            Err(error) => {
                self.undo.push(step);
                Err(error)
            }
        }
    }

    /// Does again the last edit undone; `false` when there is nothing to redo.
    pub fn redo(&mut self, scenario: &mut Scenario) -> Result<bool, EditError> {
        let Some(step) = self.redo.pop() else {
            return Ok(false);
        };
        match step.edit.clone().apply(scenario) {
            Ok(undo) => {
                self.undo.push(Step {
                    label: step.label,
                    edit: undo,
                    version: self.version,
                });
                self.version = step.version;
                Ok(true)
            }
            Err(error) => {
                self.redo.push(step);
                Err(error)
            }
        }
    }

    /// What Undo would take back.
    pub fn undo_label(&self) -> Option<&'static str> {
        self.undo.last().map(|step| step.label)
    }

    /// What Redo would do again.
    pub fn redo_label(&self) -> Option<&'static str> {
        self.redo.last().map(|step| step.label)
    }

    /// Whether the scenario differs from the version last saved (or loaded).
    pub fn is_dirty(&self) -> bool {
        self.version != self.saved_version
    }

    /// Notes that the scenario as it is now has been saved.
    pub fn mark_saved(&mut self) {
        self.saved_version = self.version;
    }

    /// Forgets the steps of undo and redo (the scenario they apply to was replaced), keeping
    /// whether there are unsaved changes.
    pub fn forget_steps(&mut self) {
        self.undo.clear();
        self.redo.clear();
    }

    /// The version of the scenario now, which changes with every edit, undo and redo.
    pub fn version(&self) -> u64 {
        self.version
    }

    /// Notes that the scenario as it is now differs from anything saved (recovered edits).
    pub fn mark_unsaved(&mut self) {
        self.next_version += 1;
        self.saved_version = u64::MAX;
    }
}

#[cfg(test)]
#[path = "edit_tests.rs"]
mod tests;
