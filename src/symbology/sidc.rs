//! Symbol identification codes (SIDC) of both families:
//! - MIL-STD-2525D/E and APP-6D/E: 20 or 30 digits;
//! - MIL-STD-2525C and APP-6B: 15 characters of letters and dashes.
//!
//! Both read into one [`Symbol`]: the standard identity, the symbol set, the function we draw,
//! the echelon and the headquarters / task force / feint-dummy modifiers.

use super::{Echelon, Function, StandardIdentity, Symbol, SymbolSet};

/// Why a code could not be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SidcError {
    /// Neither 15 characters nor 20 or 30 digits.
    #[error(
        "a symbol code has 20 or 30 digits (2525D/E, APP-6D/E) or 15 letters (2525C, APP-6B); \"{code}\" has {length} characters"
    )]
    Length { code: String, length: usize },
    /// A character the family does not allow at that place.
    #[error("symbol code \"{code}\": position {position} is '{found}', expected {expected}")]
    Character {
        code: String,
        position: usize,
        found: char,
        expected: &'static str,
    },
}

/// Reads a code of either family.
pub fn parse_sidc(code: &str) -> Result<Symbol, SidcError> {
    let code = code.trim();
    let length = code.chars().count();
    if (length == 20 || length == 30) && code.bytes().all(|b| b.is_ascii_digit()) {
        return Ok(parse_numeric(code));
    }
    if length == 15 {
        return parse_letters(code);
    }
    if length == 20 || length == 30 {
        let (position, found) = code
            .chars()
            .enumerate()
            .find(|(_, c)| !c.is_ascii_digit())
            .map_or((0, ' '), |(i, c)| (i + 1, c));
        return Err(SidcError::Character {
            code: code.to_owned(),
            position,
            found,
            expected: "a digit",
        });
    }
    Err(SidcError::Length {
        code: code.to_owned(),
        length,
    })
}

fn digits(code: &str, from: usize, to: usize) -> &str {
    &code[from - 1..to]
}

fn parse_numeric(code: &str) -> Symbol {
    let identity = match digits(code, 4, 4) {
        "0" => StandardIdentity::Pending,
        "1" => StandardIdentity::Unknown,
        "2" => StandardIdentity::AssumedFriend,
        "3" => StandardIdentity::Friend,
        "4" => StandardIdentity::Neutral,
        "5" => StandardIdentity::Suspect,
        _ => StandardIdentity::Hostile,
    };
    let set_digits = digits(code, 5, 6);
    let entity = digits(code, 11, 16);
    let (set, function) = match set_digits {
        "10" => (SymbolSet::LandUnit, land_unit_function(entity)),
        "20" => (SymbolSet::LandInstallation, installation_function(entity)),
        "01" => (SymbolSet::Air, air_function(entity)),
        "30" => (SymbolSet::SeaSurface, sea_function(entity)),
        _ => (SymbolSet::LandUnit, Function::Unknown),
    };
    let hq_tf_fd = digits(code, 8, 8);
    let (headquarters, task_force, feint_dummy) = match hq_tf_fd {
        "1" => (false, false, true),
        "2" => (true, false, false),
        "3" => (true, false, true),
        "4" => (false, true, false),
        "5" => (false, true, true),
        "6" => (true, true, false),
        "7" => (true, true, true),
        _ => (false, false, false),
    };
    let echelon = if digits(code, 9, 9) == "1" {
        match digits(code, 10, 10) {
            "1" => Some(Echelon::Team),
            "2" => Some(Echelon::Squad),
            "3" => Some(Echelon::Section),
            "4" => Some(Echelon::Platoon),
            "5" => Some(Echelon::Company),
            "6" => Some(Echelon::Battalion),
            "7" => Some(Echelon::Regiment),
            "8" => Some(Echelon::Brigade),
            _ => None,
        }
    } else if digits(code, 9, 9) == "2" {
        match digits(code, 10, 10) {
            "1" => Some(Echelon::Division),
            "2" => Some(Echelon::Corps),
            "3" => Some(Echelon::Army),
            "4" => Some(Echelon::ArmyGroup),
            _ => None,
        }
    } else {
        None
    };
    Symbol {
        identity,
        set,
        function,
        echelon,
        headquarters,
        task_force,
        feint_dummy,
        planned: digits(code, 7, 7) == "1",
    }
}

fn land_unit_function(entity: &str) -> Function {
    match entity {
        "121100" => Function::Infantry,
        "121102" => Function::MechanisedInfantry,
        "120500" => Function::Armour,
        "121300" => Function::Reconnaissance,
        "130300" => Function::Artillery,
        "130100" => Function::AirDefence,
        "120600" => Function::RotaryWingAviation,
        "120800" => Function::FixedWingAviation,
        "121800" => Function::SpecialOperations,
        "141200" => Function::MilitaryPolice,
        "141700" => Function::Security,
        "140700" => Function::Engineer,
        "163400" => Function::Supply,
        "163600" => Function::Transportation,
        "161300" => Function::Medical,
        "111000" => Function::Signal,
        "110000" => Function::CommandAndControl,
        _ => Function::Unknown,
    }
}

fn installation_function(entity: &str) -> Function {
    match entity {
        "120802" => Function::MilitaryBase,
        "120803" => Function::Airport,
        "121309" => Function::NavalBase,
        _ => Function::Unknown,
    }
}

fn air_function(entity: &str) -> Function {
    match entity {
        "110100" => Function::MilitaryFixedWing,
        "110200" => Function::MilitaryRotaryWing,
        _ => Function::Unknown,
    }
}

fn sea_function(entity: &str) -> Function {
    match entity {
        "120200" => Function::SurfaceCombatant,
        _ => Function::Unknown,
    }
}

fn parse_letters(code: &str) -> Result<Symbol, SidcError> {
    let chars: Vec<char> = code.chars().map(|c| c.to_ascii_uppercase()).collect();
    let bad = |position: usize, expected: &'static str| SidcError::Character {
        code: code.to_owned(),
        position,
        found: chars[position - 1],
        expected,
    };
    if !matches!(chars[0], 'S') {
        return Err(bad(
            1,
            "'S' (warfighting; other coding schemes are not drawn)",
        ));
    }
    let identity = match chars[1] {
        'P' | 'G' => StandardIdentity::Pending,
        'U' | 'W' | '-' => StandardIdentity::Unknown,
        'A' | 'M' => StandardIdentity::AssumedFriend,
        'F' | 'D' => StandardIdentity::Friend,
        'N' | 'L' => StandardIdentity::Neutral,
        'S' => StandardIdentity::Suspect,
        'H' | 'J' | 'K' => StandardIdentity::Hostile,
        _ => {
            return Err(bad(
                2,
                "a standard identity letter (P U A F N S H G W M D L J K)",
            ));
        }
    };
    let function_id: String = chars[4..10].iter().collect();
    let modifier = chars[10];
    let installation = modifier == 'H';
    let (set, function) = match chars[2] {
        'G' if installation || function_id.starts_with('I') => (
            SymbolSet::LandInstallation,
            match function_id.trim_end_matches('-') {
                "IB" => Function::MilitaryBase,
                "IBA" => Function::AirBase,
                "IBN" => Function::NavalBase,
                _ => Function::Unknown,
            },
        ),
        'G' => (
            SymbolSet::LandUnit,
            match function_id.trim_end_matches('-') {
                "UCI" => Function::Infantry,
                "UCIZ" => Function::MechanisedInfantry,
                "UCA" => Function::Armour,
                "UCR" => Function::Reconnaissance,
                "UCF" => Function::Artillery,
                "UCD" => Function::AirDefence,
                "UCV" | "UCVR" => Function::RotaryWingAviation,
                "UCVF" => Function::FixedWingAviation,
                "UCS" => Function::Security,
                "UCE" => Function::Engineer,
                "USS" => Function::Supply,
                "UST" => Function::Transportation,
                "USM" => Function::Medical,
                "UUS" => Function::Signal,
                "UUA" | "UH" => Function::CommandAndControl,
                _ => Function::Unknown,
            },
        ),
        'F' => (SymbolSet::LandUnit, Function::SpecialOperations),
        'A' => (
            SymbolSet::Air,
            match function_id.trim_end_matches('-') {
                "MF" => Function::MilitaryFixedWing,
                "MH" => Function::MilitaryRotaryWing,
                _ => Function::Unknown,
            },
        ),
        'S' => (
            SymbolSet::SeaSurface,
            match function_id.trim_end_matches('-') {
                "CL" => Function::SurfaceCombatant,
                _ => Function::Unknown,
            },
        ),
        'P' | 'U' | 'Z' | 'X' => (SymbolSet::LandUnit, Function::Unknown),
        _ => return Err(bad(3, "a battle dimension letter (P A G S U F)")),
    };
    let (headquarters, task_force, feint_dummy) = match modifier {
        'A' => (true, false, false),
        'B' => (true, true, false),
        'C' => (true, false, true),
        'D' => (true, true, true),
        'E' => (false, true, false),
        'F' => (false, false, true),
        'G' => (false, true, true),
        _ => (false, false, false),
    };
    let echelon = if installation {
        None
    } else {
        match chars[11] {
            'A' => Some(Echelon::Team),
            'B' => Some(Echelon::Squad),
            'C' => Some(Echelon::Section),
            'D' => Some(Echelon::Platoon),
            'E' => Some(Echelon::Company),
            'F' => Some(Echelon::Battalion),
            'G' => Some(Echelon::Regiment),
            'H' => Some(Echelon::Brigade),
            'I' => Some(Echelon::Division),
            'J' => Some(Echelon::Corps),
            'K' => Some(Echelon::Army),
            'L' => Some(Echelon::ArmyGroup),
            _ => None,
        }
    };
    Ok(Symbol {
        identity,
        set,
        function,
        echelon,
        headquarters,
        task_force,
        feint_dummy,
        planned: chars[3] == 'A',
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn both_families_read_to_the_same_symbol() {
        let numeric = parse_sidc("10031000161211000000").unwrap_or_else(|e| panic!("{e}"));
        let letters = parse_sidc("SFGPUCI----F---").unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(numeric, letters);
        assert_eq!(numeric.function, Function::Infantry);
        assert_eq!(numeric.echelon, Some(Echelon::Battalion));
        assert_eq!(numeric.identity, StandardIdentity::Friend);
    }

    #[test]
    fn modifiers_identity_and_sets_are_read() {
        let s = parse_sidc("10062006211208030000").unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(s.identity, StandardIdentity::Hostile);
        assert_eq!(s.set, SymbolSet::LandInstallation);
        assert_eq!(s.function, Function::Airport);
        assert!(s.headquarters && s.task_force && !s.feint_dummy);
        assert_eq!(s.echelon, Some(Echelon::Division));
        let sea = parse_sidc("100430000012020000000000000000").unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(sea.function, Function::SurfaceCombatant);
        assert_eq!(sea.identity, StandardIdentity::Neutral);
        let dummy = parse_sidc("SHGAUCA---F----").unwrap_or_else(|e| panic!("{e}"));
        assert!(dummy.feint_dummy && dummy.planned && dummy.function == Function::Armour);
    }

    #[test]
    fn bad_codes_say_what_is_wrong() {
        let short = parse_sidc("1003100016").unwrap_err().to_string();
        assert!(short.contains("10 characters"), "{short}");
        let letter = parse_sidc("1003100016121100000X").unwrap_err().to_string();
        assert!(letter.contains("position 20"), "{letter}");
        let identity = parse_sidc("SQGPUCI--------").unwrap_err().to_string();
        assert!(identity.contains("position 2"), "{identity}");
    }
}
