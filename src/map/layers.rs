//! Which layers the user has switched on.

use crate::model::{Chapter, Scenario, StoryLayer};
use crate::symbology::StandardIdentity;
use std::collections::{BTreeMap, BTreeSet};

/// The layer switches of the layers panel; remembered across restarts.
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
#[serde(default)]
pub struct LayerVisibility {
    /// Bases, airports and towns.
    pub sites: bool,
    /// Unit markers.
    pub forces: bool,
    /// Movement paths.
    pub routes: bool,
    /// Rings where events happen at the current time.
    pub events: bool,
    /// Text next to marks.
    pub labels: bool,
    /// Faction ids whose forces are hidden.
    pub hidden_factions: BTreeSet<String>,
    /// APP-6 symbols for units instead of the simple markers.
    pub app6_symbols: bool,
    /// Fill APP-6 frames with faction colours instead of the standard's identity colours.
    pub faction_fill: bool,
    /// The viewer's standard identity per faction id; unknown where not set.
    pub identities: BTreeMap<String, StandardIdentity>,
    /// Range rings around sites and units.
    pub range_rings: Vec<super::RangeRings>,
    /// The measured path, drawn while it has points.
    pub ruler: super::Ruler,
}

impl Default for LayerVisibility {
    fn default() -> Self {
        Self {
            sites: true,
            forces: true,
            routes: true,
            events: true,
            labels: true,
            hidden_factions: BTreeSet::new(),
            app6_symbols: false,
            faction_fill: false,
            identities: BTreeMap::new(),
            range_rings: Vec::new(),
            ruler: super::Ruler::default(),
        }
    }
}

impl LayerVisibility {
    /// Whether forces of `faction` are drawn.
    pub fn shows_faction(&self, faction: &str) -> bool {
        self.forces && !self.hidden_factions.contains(faction)
    }

    /// The identity `faction` is drawn with: the viewer's choice, else the one the scenario
    /// gives the faction, else unknown.
    pub fn identity_of(&self, scenario: &Scenario, faction: &str) -> StandardIdentity {
        self.identities
            .get(faction)
            .copied()
            .or_else(|| scenario.faction(faction).and_then(|f| f.identity))
            .unwrap_or(StandardIdentity::Unknown)
    }
}

impl LayerVisibility {
    /// What a story's `chapter` shows over the user's choice: its layers and factions where it
    /// names them, the user's otherwise.
    pub fn for_chapter(&self, chapter: &Chapter, scenario: &Scenario) -> Self {
        let mut layers = self.clone();
        if let Some(shown) = &chapter.layers {
            layers.sites = shown.contains(&StoryLayer::Sites);
            layers.forces = shown.contains(&StoryLayer::Forces);
            layers.routes = shown.contains(&StoryLayer::Routes);
            layers.events = shown.contains(&StoryLayer::Events);
        }
        if let Some(factions) = &chapter.factions {
            layers.hidden_factions = scenario
                .factions
                .iter()
                .map(|faction| faction.id.clone())
                .chain(scenario.forces.iter().map(|force| force.faction.clone()))
                .filter(|id| !factions.contains(id))
                .collect();
        }
        layers
    }
}
