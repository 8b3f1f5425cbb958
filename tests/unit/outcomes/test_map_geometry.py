"""The gap map's geometry (site/static/maps, built by scripts/build_map_geometry.py): every feature is a
region of the shipped dataset, in its province's file, and the counties without an outline are the few
listed in docs/gapmap.md; the build's decoding and matching rules."""

import csv
import importlib.util
import json
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
MAPS = ROOT / "site" / "static" / "maps"
NOT_DRAWN = {
    "130502",
    "230717",
    "230718",
    "230723",
    "230724",
    "230725",
    "230751",
    "330113",
    "330114",
    "330383",
    "360113",
    "440311",
    "460301",
    "460302",
    "659010",
    "659011",
    "659012",
}


def _build_module():
    spec = importlib.util.spec_from_file_location("build_map_geometry", ROOT / "scripts" / "build_map_geometry.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _regions() -> dict[str, dict]:
    with (ROOT / "matching" / "data" / "regions.csv").open(encoding="utf-8") as f:
        return {r["code"]: r for r in csv.DictReader(f)}


def test_every_county_is_drawn_in_its_provinces_file_but_the_listed_few():
    regions = _regions()
    drawn = {}
    for path in MAPS.glob("[0-9]*.json"):
        for feature in json.loads(path.read_text(encoding="utf-8"))["features"]:
            code = feature["id"]
            assert feature["properties"]["code"] == code
            assert code in regions and code[:2] + "0000" == path.stem, (path.name, code)
            drawn[code] = regions[code]
    counties = {c for c, r in regions.items() if r["level"] == "county"}
    assert counties - set(drawn) == NOT_DRAWN
    assert {c for c, r in drawn.items() if r["level"] != "county"} == {"441900", "442000", "460400", "620200"}


def test_the_national_map_draws_every_province_by_its_code():
    regions = _regions()
    features = json.loads((MAPS / "provinces.json").read_text(encoding="utf-8"))["features"]
    provinces = {c for c, r in regions.items() if r["level"] == "province"}
    assert provinces <= {f["id"] for f in features}


def test_the_build_decodes_echarts_compressed_rings_and_matches_renamed_counties():
    build = _build_module()
    # ECharts' encoding: zigzag deltas from an offset, two characters per point, scale 1024.
    ring = build._decode_ring("@@BA", [1024, 2048], 1024)
    assert ring == [[1.0, 2.0], [1.0009765625, 1.9990234375]]
    regions = build.Regions(ROOT / "matching" / "data" / "regions.csv")
    assert regions.match(name="滦县", code="130223", scopes=["130200", "130000"]) == "130284"  # now 滦州市
    assert regions.match(name="新华区", code=None, scopes=["130900", "130000"]) == "130902"  # 沧州's, not 石家庄's
    assert build.base_name("赣县区") == build.base_name("赣县")
