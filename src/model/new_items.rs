//! New sites, forces, states and events as the editor starts them: the fields a user has not
//! filled in yet are empty, never guessed.

use super::{
    Dating, Event, EventKind, Force, ForceKind, LonLat, Path, Place, Provenance, Site, SiteKind,
    StateKind, Track, TrackState, TravelMode,
};

/// A site at `position` with a name and nothing else.
pub fn new_site(id: String, name: String, position: LonLat) -> Site {
    Site {
        id,
        name,
        kind: SiteKind::Other,
        faction: None,
        aliases: Vec::new(),
        position,
        coordinate_source: None,
        coordinate_uncertainty_km: None,
        note: None,
        control: Vec::new(),
        extra: Default::default(),
    }
}

/// A force of `faction` with a name and no track yet.
pub fn new_force(id: String, name: String, faction: String) -> Force {
    Force {
        id,
        name,
        faction,
        kind: ForceKind::Unspecified,
        strength: None,
        note: None,
        track: Track::default(),
        attributes: Vec::new(),
        temporal_properties: Vec::new(),
        extra: Default::default(),
    }
}

/// An event with a title and a date, at a site or a point.
pub fn new_event(
    id: String,
    title: String,
    dating: Dating,
    site: Option<usize>,
    position: Option<LonLat>,
) -> Event {
    Event {
        id,
        title,
        summary: String::new(),
        kind: EventKind::Other,
        site,
        position,
        place: None,
        dating,
        provenance: Provenance::default(),
        attributes: Vec::new(),
        extra: Default::default(),
    }
}

/// Stationed at `place` from the dating's start.
pub fn stationed(place: Place, dating: Dating, provenance: Provenance) -> TrackState {
    TrackState::new(
        StateKind::Stationed { place },
        dating,
        provenance,
        None,
        None,
    )
}

/// Moving from `from` to `to` straight (no route reported) within the dating's window.
pub fn moving(from: Place, to: Place, dating: Dating, provenance: Provenance) -> TrackState {
    let path = Path::new(vec![from.position, to.position]);
    TrackState::new(
        StateKind::Moving {
            from,
            to,
            path,
            mode: TravelMode::Unknown,
            route_reported: false,
        },
        dating,
        provenance,
        None,
        None,
    )
}

/// Gone from the map from the dating's start, to `destination` if the sources say.
pub fn departed(destination: Option<String>, dating: Dating, provenance: Provenance) -> TrackState {
    TrackState::new(
        StateKind::Departed { destination },
        dating,
        provenance,
        None,
        None,
    )
}
