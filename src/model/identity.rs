//! The standard identity of APP-6 / MIL-STD-2525: how the viewer regards a side. A point of
//! view, not a fact: a scenario may set one per faction, and the viewer may change it.

/// The standard identity: how the viewer regards the object. A point of view, not a fact.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum StandardIdentity {
    Pending,
    Unknown,
    AssumedFriend,
    Friend,
    Neutral,
    Suspect,
    Hostile,
}

impl StandardIdentity {
    /// Every identity, in code order.
    pub const ALL: [Self; 7] = [
        Self::Pending,
        Self::Unknown,
        Self::AssumedFriend,
        Self::Friend,
        Self::Neutral,
        Self::Suspect,
        Self::Hostile,
    ];

    /// A human label.
    pub fn label(self) -> &'static str {
        match self {
            Self::Pending => "pending",
            Self::Unknown => "unknown",
            Self::AssumedFriend => "assumed friend",
            Self::Friend => "friend",
            Self::Neutral => "neutral",
            Self::Suspect => "suspect",
            Self::Hostile => "hostile",
        }
    }

    /// Pending, assumed friend and suspect have dashed frames.
    pub fn is_dashed(self) -> bool {
        matches!(self, Self::Pending | Self::AssumedFriend | Self::Suspect)
    }

    /// The digit of the numeric code (position 4).
    pub fn digit(self) -> char {
        match self {
            Self::Pending => '0',
            Self::Unknown => '1',
            Self::AssumedFriend => '2',
            Self::Friend => '3',
            Self::Neutral => '4',
            Self::Suspect => '5',
            Self::Hostile => '6',
        }
    }
}
