#!/usr/bin/env bash
# Build assets/basemap/levant.pmtiles from the sources fetched by fetch.sh.
# Usage: tools/basemap/build.sh SCRATCH_DIR      (default /tmp/basemap-work)
# Offline. Needs python3 with numpy shapely pyshp h5py pmtiles (see SOURCES.md).
set -euo pipefail
HERE="$(cd "$(dirname "$0")" && pwd)"
REPO="$(cd "$HERE/../.." && pwd)"
W="${1:-/tmp/basemap-work}"
OUT="$W/out"
DEST="$REPO/assets/basemap/levant.pmtiles"
TIPPECANOE="$W/src/cubao_tippecanoe/cubao_tippecanoe/__cubao_tippecanoe_tippecanoe.exe"
mkdir -p "$OUT" "$(dirname "$DEST")"

python3 "$HERE/prep.py" "$W" "$OUT" > "$OUT/prep.log"

ATTR='© GeoNames (CC BY 4.0, filtered and transliterated) · Natural Earth · GSHHG rivers (Wessel & Smith, LGPL-3.0)'
# -r1: keep every point at every zoom (minzoom/maxzoom are set per feature by prep.py)
# -pi: keep input order (places are written by descending population, so big labels win)
"$TIPPECANOE" -o "$OUT/raw.pmtiles" --force --quiet \
    -Z0 -z10 -pk -pf --buffer=8 -r1 -pi \
    -n "deploymap levant basemap" \
    -N "Offline basemap for deploymap: world z0-6, Levant/Moscow detail z0-10 (Protomaps layer schema)" \
    -A "$ATTR" \
    "$OUT/coverage.geojsonl" "$OUT/earth.geojsonl" "$OUT/water.geojsonl" \
    "$OUT/boundaries.geojsonl" "$OUT/places.geojsonl"

python3 "$HERE/make_styles.py"

# Add the app's keys to the JSON metadata. Header/root/leaves/tile data are copied unchanged;
# only the metadata block (and the offsets after it) are rewritten.
python3 - "$OUT/raw.pmtiles" "$DEST" "$HERE/prep.py" <<'PY'
import gzip, json, sys, importlib.util
from pmtiles.tile import deserialize_header, serialize_header, Compression
src, dst, prep_path = sys.argv[1:4]
spec = importlib.util.spec_from_file_location("prep", prep_path); prep = importlib.util.module_from_spec(spec)
spec.loader.exec_module(prep)
b = open(src, "rb").read()
h = deserialize_header(b[:127])
root = b[h["root_offset"]:h["root_offset"] + h["root_length"]]
meta_raw = b[h["metadata_offset"]:h["metadata_offset"] + h["metadata_length"]]
meta = json.loads(gzip.decompress(meta_raw) if h["internal_compression"] == Compression.GZIP else meta_raw)
leaves = b[h["leaf_directory_offset"]:h["leaf_directory_offset"] + h["leaf_directory_length"]]
data = b[h["tile_data_offset"]:h["tile_data_offset"] + h["tile_data_length"]]
assert h["tile_compression"] == Compression.GZIP, h["tile_compression"]
meta["attribution"] = "© GeoNames (CC BY 4.0, filtered and transliterated) · Natural Earth · GSHHG rivers (Wessel & Smith, LGPL-3.0)"
meta["deploymap_detail_bounds"] = prep.DETAIL_BOXES
meta["deploymap_detail_maxzoom"] = prep.MAXZOOM
meta["deploymap_world_maxzoom"] = prep.WORLD_MAXZOOM
meta["deploymap_layers"] = ["earth", "water", "boundaries", "places", "coverage"]
meta["deploymap_tile_extent"] = 4096
meta["deploymap_schema"] = "protomaps-subset (earth, water, boundaries, places)"
meta.pop("generator_options", None)   # holds absolute scratch paths
m = gzip.compress(json.dumps(meta, ensure_ascii=False).encode(), mtime=0)
h["internal_compression"] = Compression.GZIP
h["root_offset"] = 127
h["metadata_offset"] = 127 + len(root)
h["metadata_length"] = len(m)
h["leaf_directory_offset"] = h["metadata_offset"] + len(m)
h["tile_data_offset"] = h["leaf_directory_offset"] + len(leaves)
with open(dst, "wb") as f:
    f.write(serialize_header(h)); f.write(root); f.write(m); f.write(leaves); f.write(data)
print(f"wrote {dst}: {127 + len(root) + len(m) + len(leaves) + len(data)} bytes, "
      f"{h['addressed_tiles_count']} addressed tiles, {h['tile_contents_count']} unique, z{h['min_zoom']}-{h['max_zoom']}")
PY
