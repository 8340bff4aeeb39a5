//! Which clock the window shows times on: UTC, or the scenario's own local time.

use jiff::tz::TimeZone;

/// The zone the window shows times in.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum DisplayZone {
    /// Coordinated Universal Time.
    Utc,
    /// The time zone the scenario's dates are written in.
    #[default]
    ScenarioLocal,
}

impl DisplayZone {
    /// The zone to format times in, given the scenario's zone.
    pub fn resolve(self, scenario_zone: &TimeZone) -> TimeZone {
        match self {
            Self::Utc => TimeZone::UTC,
            Self::ScenarioLocal => scenario_zone.clone(),
        }
    }

    /// What the switch says: "UTC", or "Local (Asia/Damascus)".
    pub fn label(self, scenario_zone: &TimeZone) -> String {
        match self {
            Self::Utc => "UTC".to_string(),
            Self::ScenarioLocal => format!("Local ({})", super::zone_label(scenario_zone)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utc_ignores_the_scenario_zone_and_local_uses_it() {
        let syria = TimeZone::fixed(jiff::tz::offset(3));
        assert_eq!(DisplayZone::Utc.resolve(&syria), TimeZone::UTC);
        assert_eq!(DisplayZone::ScenarioLocal.resolve(&syria), syria);
        assert_eq!(DisplayZone::ScenarioLocal.label(&syria), "Local (UTC+03)");
    }
}
