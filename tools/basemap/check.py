#!/usr/bin/env python3
"""Sanity check of the basemap archive.

Usage: check.py [assets/basemap/levant.pmtiles]
Needs: pip install pmtiles==3.8.1 mapbox-vector-tile==2.2.0
Exit code 1 if a hard requirement fails.
"""
import gzip
import json
import os
import sys
from collections import Counter, defaultdict

import mapbox_vector_tile
from pmtiles.reader import Reader, MmapSource, all_tiles
from pmtiles.tile import Compression, tileid_to_zxy  # noqa: F401

KEY_PLACES = ["Damascus", "Aleppo", "Homs", "Hama", "Latakia", "Tartus", "Jableh", "Raqqa",
              "Deir ez-Zor", "Hasakah", "Qamishli", "Kobani", "Palmyra", "Beirut", "Amman",
              "Baghdad", "Mosul", "Erbil", "Ankara", "Moscow"]
RIVERS_Z5 = ["Euphrates", "Tigris", "Khabur", "Orontes", "Balikh", "Jordan", "Litani"]
LAYERS = ["earth", "water", "boundaries", "places"]


def varint(b, i):
    r = s = 0
    while True:
        c = b[i]
        i += 1
        r |= (c & 0x7F) << s
        s += 7
        if c < 0x80:
            return r, i


def fields(b):
    """Yield (field number, wire type, value-or-bytes) of a protobuf message."""
    i = 0
    while i < len(b):
        k, i = varint(b, i)
        f, wt = k >> 3, k & 7
        if wt == 0:
            v, i = varint(b, i)
        elif wt == 2:
            n, i = varint(b, i)
            v = b[i:i + n]
            i += n
        elif wt == 1:
            v = b[i:i + 8]
            i += 8
        elif wt == 5:
            v = b[i:i + 4]
            i += 4
        else:
            raise ValueError(wt)
        yield f, wt, v


def raw_layers(tile):
    """(name, extent, byte size, Counter of value types) per layer, straight from the protobuf."""
    out = []
    for f, _, layer in fields(tile):
        if f != 3:
            continue
        name, extent, vtypes = None, 4096, Counter()
        for lf, _, lv in fields(layer):
            if lf == 1:
                name = lv.decode()
            elif lf == 5:
                extent = lv
            elif lf == 4:
                for vf, _, _ in fields(lv):
                    vtypes[{1: "string", 2: "float", 3: "double", 4: "int", 5: "uint",
                            6: "sint", 7: "bool"}[vf]] += 1
        out.append((name, extent, len(layer), vtypes))
    return out


# ---------------------------------------------------------------- style check
# A port of walkers 0.65 src/expression.rs (only what the styles use), to check that every
# style layer matches features of the archive and that every expression evaluates.
class ExprError(Exception):
    pass


def _lt(a, b):
    if isinstance(a, (int, float)) and isinstance(b, (int, float)) and not isinstance(a, bool):
        return a < b
    if isinstance(a, str) and isinstance(b, str):
        return a < b
    return False


def _lte(a, b):
    if isinstance(a, (int, float)) and isinstance(b, (int, float)) and not isinstance(a, bool):
        return a <= b
    if isinstance(a, str) and isinstance(b, str):
        return a <= b
    return False


def evaluate(e, props, zoom, gtype):
    if not isinstance(e, list):
        return e
    if not e or not isinstance(e[0], str):
        raise ExprError(f"invalid expression {e}")
    op, args = e[0], e[1:]
    ev = lambda x: evaluate(x, props, zoom, gtype)

    def poe(x):  # property_or_expression
        if isinstance(x, str) and x in ("$type", "geometry-type"):
            return gtype
        if isinstance(x, str) and x in props:
            return props[x]
        if isinstance(x, list):
            return ev(x)
        return x
    if op == "zoom":
        return int(zoom)
    if op == "geometry-type":
        return gtype
    if op == "literal":
        return args[0]
    if op == "get":
        return props.get(args[0])
    if op == "has":
        return args[0] in props
    if op == "!has":
        return args[0] not in props
    if op == "!":
        return not ev(args[0])
    if op == "match":
        v = ev(args[0])
        arms = args[1:]
        for i in range(0, len(arms) - 1, 2):
            if (v in arms[i]) if isinstance(arms[i], list) else v == arms[i]:
                return ev(arms[i + 1])
        if len(arms) % 2 == 1:
            return ev(arms[-1])
        raise ExprError(f"unmatched {e}")
    if op == "case":
        for i in range(0, len(args) - 1, 2):
            if ev(args[i]) is True:
                return ev(args[i + 1])
        if len(args) % 2 == 1:
            return ev(args[-1])
        raise ExprError(f"unmatched {e}")
    if op == "coalesce":
        for a in args:
            v = ev(a)
            if v is not None:
                return v
        return None
    if op == "in":
        v = poe(args[0])
        return any(v == ev(x) for x in args[1:])
    if op == "==":
        return poe(args[0]) == poe(args[1])
    if op == "!=":
        return poe(args[0]) != args[1]
    if op == "<":
        return _lt(poe(args[0]), args[1])
    if op == ">":
        return _lt(args[1], poe(args[0]))
    if op == "<=":
        return _lte(poe(args[0]), args[1])
    if op == ">=":
        return _lte(args[1], poe(args[0]))
    if op == "all":
        return all(ev(a) is True for a in args)
    if op == "any":
        return any(ev(a) is True for a in args)
    if op == "interpolate":
        x = ev(args[1])
        stops = [(args[i], args[i + 1]) for i in range(2, len(args) - 1, 2)]
        for (x0, y0), (x1, y1) in zip(stops, stops[1:]):
            if _lte(x0, x) and _lte(x, x1):
                t = 0 if x1 == x0 else (x - x0) / (x1 - x0)
                a, b = ev(y0), ev(y1)
                if isinstance(a, str):
                    return a
                return a + (b - a) * t
        if _lt(x, stops[0][0]):
            return stops[0][1]
        if _lt(stops[-1][0], x):
            return stops[-1][1]
        raise ExprError(f"interpolate: no stop for {x!r} in {e}")
    if op in ("concat", "to-string", "format"):
        return "".join("" if ev(a) is None else str(ev(a)) for a in args[::(2 if op == "format" else 1)])
    raise ExprError(f"unsupported operator {op!r} (walkers 0.65 has no such op)")


ALLOWED = {
    "background": ({"paint"}, {"background-color"}, set()),
    "fill": ({"source-layer", "filter", "paint"}, {"fill-color", "fill-opacity"}, set()),
    "line": ({"source-layer", "filter", "paint"},
             {"line-width", "line-color", "line-opacity", "line-dasharray"}, set()),
    "symbol": ({"source-layer", "filter", "paint", "layout", "minzoom"},
               {"text-color", "text-halo-color", "text-halo-width"},
               {"text-field", "text-size", "text-padding"}),
}


def check_style(style_path, samples):
    """samples: list of (zoom, layer name, geometry type, props). Returns ok."""
    st = json.load(open(style_path))
    ok = True
    res = []
    for L in st["layers"]:
        t = L["type"]
        keys, paint_keys, layout_keys = ALLOWED[t]
        extra = set(L) - keys - {"id", "type"}
        bad = (set(L.get("paint", {})) - paint_keys) | (set(L.get("layout", {})) - layout_keys)
        if bad or (t in ("fill", "line") and ({"minzoom", "maxzoom"} & set(L))):
            print(f"  FAIL {L.get('id')}: keys walkers would ignore: {sorted(bad | extra)}")
            ok = False
        if t == "background":
            continue
        n = 0
        zooms = set()
        for z, lname, gtype, props in samples:
            if lname != L["source-layer"]:
                continue
            try:
                if "filter" in L and evaluate(L["filter"], props, z, gtype) is not True:
                    continue
                for v in list(L.get("paint", {}).values()) + list(L.get("layout", {}).values()):
                    if isinstance(v, list) and v and isinstance(v[0], (int, float)):
                        continue  # dasharray literal
                    r = evaluate(v, props, z, gtype)
                    if r is None:
                        raise ExprError(f"{v} -> null for {props}")
            except ExprError as err:
                print(f"  FAIL {L.get('id')}: {err}")
                ok = False
                break
            n += 1
            zooms.add(z)
        if n == 0:
            print(f"  FAIL {L.get('id')}: matches no feature")
            ok = False
        res.append(f"{L.get('id')}={n}")
    print(f"  {os.path.basename(style_path)}: features matched per layer (sampled z0-10): " + ", ".join(res))
    return ok


def main():
    path = sys.argv[1] if len(sys.argv) > 1 else os.path.join(
        os.path.dirname(__file__), "..", "..", "assets", "basemap", "levant.pmtiles")
    ok = True
    with open(path, "rb") as f:
        src = MmapSource(f)
        rd = Reader(src)
        h = rd.header()
        meta = rd.metadata()
        print(f"file: {os.path.normpath(path)}  size {os.path.getsize(path):,} bytes")
        print(f"header: z{h['min_zoom']}-{h['max_zoom']}  tile_type={h['tile_type']}  "
              f"tile_compression={h['tile_compression']}  addressed={h['addressed_tiles_count']}  "
              f"unique={h['tile_contents_count']}  bounds=[{h['min_lon_e7']/1e7:.2f},{h['min_lat_e7']/1e7:.2f},"
              f"{h['max_lon_e7']/1e7:.2f},{h['max_lat_e7']/1e7:.2f}]")
        if h["tile_compression"] != Compression.GZIP:
            print("FAIL: tiles are not gzip")
            ok = False
        print("metadata keys:", sorted(meta.keys()))
        for k in ("deploymap_detail_bounds", "deploymap_world_maxzoom", "deploymap_detail_maxzoom", "attribution"):
            print(f"  {k} = {json.dumps(meta.get(k), ensure_ascii=False)}")
            if meta.get(k) is None:
                ok = False
        print("  vector_layers:", [l["id"] for l in meta.get("vector_layers", [])])

        per_zoom = defaultdict(lambda: [0, 0])
        layer_bytes = Counter()
        vtypes_all = Counter()
        extents = Counter()
        best_place = {}      # name -> min zoom
        rivers_z5 = set()
        bad_names = Counter()
        names_total = 0
        layers_seen = set()
        samples = []
        for (z, x, y), data in all_tiles(src):
            per_zoom[z][0] += 1
            per_zoom[z][1] += len(data)
            raw = gzip.decompress(data) if data[:2] == b"\x1f\x8b" else data
            for name, extent, size, vt in raw_layers(raw):
                layer_bytes[name] += size
                vtypes_all.update(vt)
                extents[extent] += 1
            need_decode = z <= 7 or z == 10
            if not need_decode:
                continue
            t = mapbox_vector_tile.decode(raw)
            layers_seen.update(t.keys())
            for lname, layer in t.items():
                for ft in layer["features"]:
                    p = ft["properties"]
                    gt = ft["geometry"]["type"].replace("Multi", "")
                    if len(samples) < 400000:
                        samples.append((z, lname, {"Polygon": "Polygon", "LineString": "LineString"}.get(gt, "Point"), p))
                    for key in ("name", "name:en"):
                        v = p.get(key)
                        if v is None:
                            continue
                        names_total += 1
                        if not all(32 <= ord(c) < 127 for c in v):
                            bad_names[v] += 1
                    if lname == "places" and p.get("kind") == "locality" and p.get("name") in KEY_PLACES:
                        best_place[p["name"]] = min(z, best_place.get(p["name"], 99))
                    if lname == "water" and z == 5 and p.get("kind") == "river" and p.get("name"):
                        rivers_z5.add(p["name"])

        print("layers present:", sorted(layers_seen))
        for l in LAYERS:
            if l not in layers_seen:
                print("FAIL: missing layer", l)
                ok = False
        print("tiles per zoom (count, bytes):")
        for z in sorted(per_zoom):
            print(f"  z{z:<2} {per_zoom[z][0]:6d} tiles {per_zoom[z][1]:10,d} B")
        print("bytes per layer (uncompressed, before dedup):",
              ", ".join(f"{k} {v/1e6:.2f} MB" for k, v in layer_bytes.most_common()))
        print("MVT value types:", dict(vtypes_all), " extents:", dict(extents))
        if set(extents) != {4096}:
            print("FAIL: extent other than 4096")
            ok = False
        if vtypes_all.get("uint"):
            print("WARN: uint values present (walkers 0.65 maps uint to null)")
        print("key places (min tile zoom where present, must be <= 6):")
        line = []
        for k in KEY_PLACES:
            z = best_place.get(k)
            line.append(f"{k}@z{z}" if z is not None else f"{k}@MISSING")
            if z is None or z > 6:
                ok = False
        print("  " + ", ".join(line))
        print(f"names checked (z0-7 + z10): {names_total}; non-ASCII: {len(bad_names)}"
              + (f" e.g. {list(bad_names)[:5]}" if bad_names else ""))
        if bad_names:
            ok = False
        print("named rivers at z5:", sorted(rivers_z5))
        for r in RIVERS_Z5[:5]:
            if r not in rivers_z5:
                print("FAIL: river missing at z5:", r)
                ok = False
        styles_dir = os.path.dirname(os.path.abspath(path))
        for sp in ("style-light.json", "style-dark.json"):
            full = os.path.join(styles_dir, sp)
            if os.path.exists(full):
                ok = check_style(full, samples) and ok
            else:
                print("  missing style", full)
        size = os.path.getsize(path)
        print(f"total size {size/1e6:.2f} MB (target <= 4 MB): {'OK' if size <= 4_000_000 else 'OVER'}")
        print("RESULT:", "OK" if ok else "FAIL")
        return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
