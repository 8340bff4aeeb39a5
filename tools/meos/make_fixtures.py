#!/usr/bin/env python3
"""Writes the MF-JSON fixtures in tests/fixtures/meos/ with MEOS itself (PyMEOS from PyPI).

The tests read the committed files and need no Python. To make them again:

    python3 -m venv /tmp/meos-venv && /tmp/meos-venv/bin/pip install pymeos
    /tmp/meos-venv/bin/python tools/meos/make_fixtures.py

Every temporal geometry is written by MEOS's own `as_mfjson` (the same code as MobilityDB's
`asMFJSON`); only the Feature and array around some of them are added here. The positions and
times are made up for the tests; they describe no real unit.
"""

import json
import pathlib

import pymeos
from pymeos import (
    TGeogPointInst,
    TGeogPointSeq,
    TGeogPointSeqSet,
    TGeomPointSeqSet,
    pymeos_initialize,
)

OUT = pathlib.Path(__file__).resolve().parents[2] / "tests" / "fixtures" / "meos"


def write(name: str, text: str) -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    (OUT / name).write_text(text.rstrip() + "\n", encoding="utf-8")
    print(f"wrote {OUT / name}")


def main() -> None:
    pymeos_initialize("UTC")

    # A sequence: one Linear trajectory, as asMFJSON writes it, inside a Feature.
    sequence = TGeogPointSeq(
        "[POINT(30 40)@2025-01-01 00:00:00+00, POINT(31 40.5)@2025-01-01 06:00:00+00,"
        " POINT(32 40.5)@2025-01-01 12:00:00+00]"
    )
    feature = {
        "type": "Feature",
        "id": "convoy-1",
        "properties": {"name": "Convoy 1"},
        "temporalGeometry": json.loads(sequence.as_mfjson()),
    }
    write("sequence.json", json.dumps({"type": "FeatureCollection", "features": [feature]}, indent=2))

    # A sequence set with a gap: absent from 06:00 to 12:00. With an SRID, so MEOS adds "crs".
    gap = TGeomPointSeqSet(
        "SRID=4326;{[POINT(30 40)@2025-01-01 00:00:00+00, POINT(31 40.5)@2025-01-01 06:00:00+00],"
        " [POINT(32 41)@2025-01-01 12:00:00+00, POINT(33 41)@2025-01-01 18:00:00+00]}"
    )
    write("sequence-set-gap.json", gap.as_mfjson(srs="EPSG:4326"))

    # A step sequence: the position holds until the next instant.
    step = TGeogPointSeq(
        "Interp=Step;[POINT(30 40)@2025-01-01 00:00:00+00, POINT(31 40.5)@2025-01-01 06:00:00+00,"
        " POINT(31 40.5)@2025-01-01 12:00:00+00]"
    )
    write("step-sequence.json", step.as_mfjson())

    # Bare geometries, as asMFJSON returns them row by row, gathered into a JSON array: an
    # instant, a discrete sequence, and a sequence set of one sequence.
    instant = TGeogPointInst("POINT(35 35)@2025-01-02 00:00:00+00")
    discrete = TGeogPointSeq(
        "{POINT(36 36)@2025-01-02 00:00:00+00, POINT(36.5 36)@2025-01-02 06:00:00+00}"
    )
    one_sequence = TGeogPointSeqSet(
        "{[POINT(37 37)@2025-01-02 00:00:00+00, POINT(38 37)@2025-01-02 06:00:00+00]}"
    )
    bare = [json.loads(t.as_mfjson()) for t in (instant, discrete, one_sequence)]
    write("bare-array.json", json.dumps(bare, indent=1))

    # One bare geometry at the top level, exactly as MEOS writes it.
    write("bare-sequence.json", sequence.as_mfjson())

    write(
        "PROVENANCE.md",
        "Written by tools/meos/make_fixtures.py with PyMEOS "
        f"{pymeos.__version__} (MEOS's as_mfjson, as MobilityDB's asMFJSON). "
        "Made-up positions and times for the tests.",
    )


if __name__ == "__main__":
    main()
