//! A symbol for a force or site: from its code when it has one, otherwise from its kind.

use super::{Amplifiers, Echelon, Function, SidcError, StandardIdentity, Symbol, parse_sidc};
use crate::model::{Force, ForceKind, SiteKind};

/// The function a force of `kind` is drawn with when it has no code. Only what the kind says:
/// a "ground" force is not infantry unless a code says so, so it gets the unknown-function
/// frame; "mixed" likewise.
pub fn force_function(kind: ForceKind) -> Function {
    match kind {
        ForceKind::Air => Function::FixedWingAviation,
        ForceKind::Naval => Function::SurfaceCombatant,
        ForceKind::Ground | ForceKind::Mixed | ForceKind::Unspecified => Function::Unknown,
        ForceKind::SpecialForces => Function::SpecialOperations,
        ForceKind::Police => Function::Security,
        ForceKind::Logistics => Function::Supply,
    }
}

/// The installation a site of `kind` is drawn as; `None` for places that are not
/// installations (towns, dams, …), which keep their simple marks.
pub fn site_function(kind: SiteKind) -> Option<Function> {
    match kind {
        SiteKind::AirBase => Some(Function::AirBase),
        SiteKind::NavalBase => Some(Function::NavalBase),
        SiteKind::MilitaryBase | SiteKind::Camp => Some(Function::MilitaryBase),
        SiteKind::Airport => Some(Function::Airport),
        _ => None,
    }
}

/// The symbol of a force: `sidc` when given (its identity replaced by the viewer's choice),
/// otherwise derived from `kind` and `echelon`.
pub fn symbol_for_force(
    sidc: Option<&str>,
    kind: ForceKind,
    echelon: Option<&str>,
    identity: StandardIdentity,
) -> Result<Symbol, SidcError> {
    if let Some(code) = sidc {
        return Ok(parse_sidc(code)?.with_identity(identity));
    }
    let mut symbol = Symbol::new(identity, force_function(kind));
    symbol.echelon = echelon.and_then(Echelon::from_word);
    Ok(symbol)
}

/// The symbol of a scenario force: its "sidc" and "echelon" attributes when it has them,
/// else its kind. A code the reader rejected (it reports those) falls back to the kind.
pub fn force_symbol(force: &Force, identity: StandardIdentity) -> Symbol {
    let attribute = |key: &str| {
        force
            .attributes
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.as_str())
    };
    symbol_for_force(
        attribute("sidc"),
        force.kind,
        attribute("echelon"),
        identity,
    )
    .unwrap_or_else(|_| Symbol::new(identity, force_function(force.kind)))
}

/// The text amplifiers of a scenario force, from its properties: `designation` (field T),
/// `higher_formation` (field M) and `strength_figure` (field H, such as "~200"). Nothing is
/// made up: a force without them has none.
pub fn force_amplifiers(force: &Force) -> Amplifiers {
    let attribute = |key: &str| {
        force
            .attributes
            .iter()
            .find(|(k, v)| k == key && !v.trim().is_empty())
            .map(|(_, v)| v.trim().to_owned())
    };
    Amplifiers {
        designation: attribute("designation"),
        higher_formation: attribute("higher_formation"),
        strength: attribute("strength_figure"),
        date_time_group: None,
    }
}

/// The symbol of a site, as [`symbol_for_force`]; `None` for places that are not
/// installations and have no code.
pub fn symbol_for_site(
    sidc: Option<&str>,
    kind: SiteKind,
    identity: StandardIdentity,
) -> Result<Option<Symbol>, SidcError> {
    if let Some(code) = sidc {
        return Ok(Some(parse_sidc(code)?.with_identity(identity)));
    }
    Ok(site_function(kind).map(|function| Symbol::new(identity, function)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::symbology::SymbolSet;

    #[test]
    fn kinds_give_symbols_and_codes_win_over_kinds() {
        let air = symbol_for_force(
            None,
            ForceKind::Air,
            Some("squadron"),
            StandardIdentity::Neutral,
        )
        .unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(air.function, Function::FixedWingAviation);
        assert_eq!(air.echelon, Some(Echelon::Battalion));
        assert_eq!(air.identity, StandardIdentity::Neutral);
        let coded = symbol_for_force(
            Some("10031000001211000000"),
            ForceKind::Air,
            None,
            StandardIdentity::Hostile,
        )
        .unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(coded.function, Function::Infantry);
        assert_eq!(coded.identity, StandardIdentity::Hostile);
        let ground = symbol_for_force(None, ForceKind::Ground, None, StandardIdentity::Unknown)
            .unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(ground.function, Function::Unknown);
        assert!(
            symbol_for_force(
                Some("nonsense"),
                ForceKind::Air,
                None,
                StandardIdentity::Unknown
            )
            .is_err()
        );
    }

    #[test]
    fn bases_are_installations_and_towns_are_not() {
        let base = symbol_for_site(None, SiteKind::AirBase, StandardIdentity::Unknown)
            .unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(base.map(|s| s.set), Some(SymbolSet::LandInstallation));
        let town = symbol_for_site(None, SiteKind::Town, StandardIdentity::Unknown)
            .unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(town, None);
    }
}
