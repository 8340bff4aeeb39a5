//! Military symbols after NATO APP-6 and US MIL-STD-2525, drawn as vector shapes.
//!
//! - [`sidc`]: reads the symbol codes of both families into a [`Symbol`].
//! - [`derive`]: a symbol for a force or site that carries no code.
//! - [`geometry`]: frames, icons and modifiers as outlines in a 200 × 200 symbol space.
//! - [`paint`]: those outlines as egui shapes at any size, with text amplifiers.
//!
//! The outlines follow the drawings of the standards as the milsymbol library (MIT licence)
//! encodes them; `tests/symbols.rs` compares every supported code with milsymbol's rendering.

pub mod derive;
pub mod geometry;
pub mod paint;
mod path_data;
pub mod sidc;

pub use derive::{force_amplifiers, force_symbol, symbol_for_force, symbol_for_site};
pub use paint::{Amplifiers, FillMode, paint_amplifiers, paint_symbol, symbol_shapes};
pub use sidc::{SidcError, parse_sidc};

pub use crate::model::StandardIdentity;

/// How the standard draws each identity (the identity itself is part of the model: a scenario
/// sets it per faction).
impl StandardIdentity {
    /// The frame shape family this identity is drawn with.
    pub fn frame_family(self) -> FrameFamily {
        match self {
            Self::Pending | Self::Unknown => FrameFamily::Unknown,
            Self::AssumedFriend | Self::Friend => FrameFamily::Friend,
            Self::Neutral => FrameFamily::Neutral,
            Self::Suspect | Self::Hostile => FrameFamily::Hostile,
        }
    }

    /// The standard's light fill for this identity.
    pub fn fill_color(self) -> egui::Color32 {
        match self.frame_family() {
            FrameFamily::Friend => egui::Color32::from_rgb(128, 224, 255),
            FrameFamily::Hostile => egui::Color32::from_rgb(255, 128, 128),
            FrameFamily::Neutral => egui::Color32::from_rgb(170, 255, 170),
            FrameFamily::Unknown => egui::Color32::from_rgb(255, 255, 128),
        }
    }
}

/// The four frame shapes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FrameFamily {
    Unknown,
    Friend,
    Neutral,
    Hostile,
}

/// Which kind of frame: the symbol set.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SymbolSet {
    LandUnit,
    LandInstallation,
    Air,
    SeaSurface,
}

impl SymbolSet {
    /// The two digits of the numeric code (positions 5–6).
    pub fn digits(self) -> &'static str {
        match self {
            Self::LandUnit => "10",
            Self::LandInstallation => "20",
            Self::Air => "01",
            Self::SeaSurface => "30",
        }
    }
}

/// The function the icon shows.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Function {
    Infantry,
    MechanisedInfantry,
    Armour,
    Reconnaissance,
    Artillery,
    AirDefence,
    RotaryWingAviation,
    FixedWingAviation,
    SpecialOperations,
    MilitaryPolice,
    /// Security forces, civilian police included.
    Security,
    Engineer,
    Supply,
    Transportation,
    Medical,
    Signal,
    /// Command and control, a command post.
    CommandAndControl,
    AirBase,
    NavalBase,
    MilitaryBase,
    Airport,
    MilitaryFixedWing,
    MilitaryRotaryWing,
    SurfaceCombatant,
    /// Nothing more is known: an empty frame.
    Unknown,
}

impl Function {
    /// A human label, for the legend.
    pub fn label(self) -> &'static str {
        match self {
            Self::Infantry => "infantry",
            Self::MechanisedInfantry => "mechanised infantry",
            Self::Armour => "armour",
            Self::Reconnaissance => "reconnaissance",
            Self::Artillery => "artillery",
            Self::AirDefence => "air defence",
            Self::RotaryWingAviation => "rotary-wing aviation",
            Self::FixedWingAviation => "fixed-wing aviation",
            Self::SpecialOperations => "special operations forces",
            Self::MilitaryPolice => "military police",
            Self::Security => "security forces / police",
            Self::Engineer => "engineer",
            Self::Supply => "supply",
            Self::Transportation => "transportation",
            Self::Medical => "medical",
            Self::Signal => "signal",
            Self::CommandAndControl => "command and control",
            Self::AirBase => "air base",
            Self::NavalBase => "naval base",
            Self::MilitaryBase => "military base",
            Self::Airport => "airport",
            Self::MilitaryFixedWing => "military fixed-wing aircraft",
            Self::MilitaryRotaryWing => "military helicopter",
            Self::SurfaceCombatant => "surface combatant",
            Self::Unknown => "function unknown",
        }
    }

    /// The symbol set and six-digit entity code of the 2525D/APP-6D numeric code.
    pub fn numeric(self) -> (SymbolSet, &'static str) {
        use SymbolSet::*;
        match self {
            Self::Infantry => (LandUnit, "121100"),
            Self::MechanisedInfantry => (LandUnit, "121102"),
            Self::Armour => (LandUnit, "120500"),
            Self::Reconnaissance => (LandUnit, "121300"),
            Self::Artillery => (LandUnit, "130300"),
            Self::AirDefence => (LandUnit, "130100"),
            Self::RotaryWingAviation => (LandUnit, "120600"),
            Self::FixedWingAviation => (LandUnit, "120800"),
            Self::SpecialOperations => (LandUnit, "121800"),
            Self::MilitaryPolice => (LandUnit, "141200"),
            Self::Security => (LandUnit, "141700"),
            Self::Engineer => (LandUnit, "140700"),
            Self::Supply => (LandUnit, "163400"),
            Self::Transportation => (LandUnit, "163600"),
            Self::Medical => (LandUnit, "161300"),
            Self::Signal => (LandUnit, "111000"),
            Self::CommandAndControl => (LandUnit, "110000"),
            Self::AirBase | Self::Airport => (LandInstallation, "120803"),
            Self::NavalBase => (LandInstallation, "121309"),
            Self::MilitaryBase => (LandInstallation, "120802"),
            Self::MilitaryFixedWing => (Air, "110100"),
            Self::MilitaryRotaryWing => (Air, "110200"),
            Self::SurfaceCombatant => (SeaSurface, "120200"),
            Self::Unknown => (LandUnit, "000000"),
        }
    }
}

/// The echelon mark above a unit's frame.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Echelon {
    Team,
    Squad,
    Section,
    Platoon,
    Company,
    Battalion,
    Regiment,
    Brigade,
    Division,
    Corps,
    Army,
    ArmyGroup,
}

impl Echelon {
    /// Every echelon, smallest first.
    pub const ALL: [Self; 12] = [
        Self::Team,
        Self::Squad,
        Self::Section,
        Self::Platoon,
        Self::Company,
        Self::Battalion,
        Self::Regiment,
        Self::Brigade,
        Self::Division,
        Self::Corps,
        Self::Army,
        Self::ArmyGroup,
    ];

    /// Positions 9–10 of the numeric code.
    pub fn digits(self) -> &'static str {
        match self {
            Self::Team => "11",
            Self::Squad => "12",
            Self::Section => "13",
            Self::Platoon => "14",
            Self::Company => "15",
            Self::Battalion => "16",
            Self::Regiment => "17",
            Self::Brigade => "18",
            Self::Division => "21",
            Self::Corps => "22",
            Self::Army => "23",
            Self::ArmyGroup => "24",
        }
    }

    /// Reads a word such as "battalion" or "brigade".
    pub fn from_word(word: &str) -> Option<Self> {
        let word = word.trim().to_ascii_lowercase();
        Some(match word.as_str() {
            "team" | "crew" => Self::Team,
            "squad" => Self::Squad,
            "section" => Self::Section,
            "platoon" | "detachment" => Self::Platoon,
            "company" | "battery" | "troop" => Self::Company,
            "battalion" | "squadron" => Self::Battalion,
            "regiment" | "group" => Self::Regiment,
            "brigade" => Self::Brigade,
            "division" => Self::Division,
            "corps" => Self::Corps,
            "army" => Self::Army,
            "army_group" | "army group" | "front" => Self::ArmyGroup,
            _ => return None,
        })
    }
}

/// Everything a symbol shows apart from its text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Symbol {
    /// Friend, hostile, …
    pub identity: StandardIdentity,
    /// Land unit, installation, air, sea surface.
    pub set: SymbolSet,
    /// What the icon shows.
    pub function: Function,
    /// The mark above the frame.
    pub echelon: Option<Echelon>,
    /// A staff below the frame.
    pub headquarters: bool,
    /// A bracket above the frame.
    pub task_force: bool,
    /// A dashed chevron above the frame.
    pub feint_dummy: bool,
    /// Planned or anticipated: a dashed frame.
    pub planned: bool,
}

impl Symbol {
    /// A symbol of `function` with nothing else set.
    pub fn new(identity: StandardIdentity, function: Function) -> Self {
        Self {
            identity,
            set: function.numeric().0,
            function,
            echelon: None,
            headquarters: false,
            task_force: false,
            feint_dummy: false,
            planned: false,
        }
    }

    /// The same symbol seen with another identity.
    pub fn with_identity(self, identity: StandardIdentity) -> Self {
        Self { identity, ..self }
    }

    /// The 20-digit 2525D/APP-6D code of this symbol.
    pub fn numeric_code(&self) -> String {
        let (set, entity) = self.function.numeric();
        let hq_tf_fd = match (self.headquarters, self.task_force, self.feint_dummy) {
            (false, false, false) => '0',
            (false, false, true) => '1',
            (true, false, false) => '2',
            (true, false, true) => '3',
            (false, true, false) => '4',
            (false, true, true) => '5',
            (true, true, false) => '6',
            (true, true, true) => '7',
        };
        format!(
            "100{}{}{}{}{}{}0000",
            self.identity.digit(),
            set.digits(),
            if self.planned { '1' } else { '0' },
            hq_tf_fd,
            self.echelon.map_or("00", Echelon::digits),
            entity
        )
    }
}
