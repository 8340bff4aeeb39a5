//! Which layers the user has switched on.

use std::collections::BTreeSet;

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
        }
    }
}

impl LayerVisibility {
    /// Whether forces of `faction` are drawn.
    pub fn shows_faction(&self, faction: &str) -> bool {
        self.forces && !self.hidden_factions.contains(faction)
    }
}
