"""The domain lexicon of social assistance (社会救助): "kinds of help" (帮扶内容) and their cues.

Each kind of help is one specific thing a need asks for or a project offers (renovating a
敬老院, cataract surgery, after-school care, emergency aid after a fire …) and belongs to one of
the 13 categories of records.md. Its cues mix the terms of the regulations and programmes
(特困人员供养服务设施、残疾人两项补贴、以买代帮) with the everyday words people use when they ask
for it (屋顶漏雨、看不清), because needs are written by village staff and projects by
organisations, and the two rarely share whole phrases.

The lexicon is data, with the source of every entry:

- ``data/kinds.tsv``: kind of help, category, Chinese label;
- ``data/cues.tsv``: kind, cue, strength (``strong`` | ``weak``), source;
- ``data/synonyms.tsv``: cues added from 同义词词林 by ``scripts/matcher_synonyms.py``;
- ``data/contexts.tsv``: host kind → kinds whose cues, in a sentence that names the host with a
  strong cue, describe the host (repair words in a sentence about a 敬老院 are about the 敬老院);
- ``data/sources.tsv``: what each source is (社会救助暂行办法, the MCA's notices and programmes,
  national standards, the thesaurus, civil-affairs jargon, everyday words).

Nothing is taken from evaluation records (``tests/unit/matcher/test_lexicon.py`` checks it).
Cues are matched as substrings of a normalised sentence, so a cue also matches longer words that
contain it (扶手 → 卫浴扶手). A weak cue (``WEAK_CUE`` of a strong one) is a generic word such as
扶手、维修、照护 that supports a kind of help but also occurs in others; the kind is identified by
its strong cues (敬老院、危房).

Eligibility words (低保户、特困人员、低边户、防返贫监测户) are deliberately *not* cues: they say
who is helped, not what help is asked for, and almost every need mentions them.
"""

from __future__ import annotations

import csv
from pathlib import Path

DATA = Path(__file__).resolve().parent / "data"
WEAK_CUE = 0.6


def read_table(name: str) -> list[dict[str, str]]:
    with open(DATA / name, encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f, delimiter="\t"))


def _load():
    kinds = {r["kind"]: (r["category"], r["label"]) for r in read_table("kinds.tsv")}
    cues: dict[str, list[str]] = {code: [] for code in kinds}
    sources: dict[tuple[str, str], str] = {}
    for row in read_table("cues.tsv") + read_table("synonyms.tsv"):
        key = (row["kind"], row["cue"])
        if key in sources:
            continue
        sources[key] = row["source"]
        cues[row["kind"]].append(("~" if row["strength"] == "weak" else "") + row["cue"])
    table = {code: (cat, label, tuple(cues[code])) for code, (cat, label) in kinds.items()}
    return table, sources


# code: (category, 中文 label, cues); a weak cue is written "~cue"
KINDS_OF_HELP, CUE_SOURCES = _load()

# absorbed kind -> host kinds that take its cues over in a sentence naming the host
ABSORBED_BY: dict[str, tuple[str, ...]] = {}
for _row in read_table("contexts.tsv"):
    ABSORBED_BY[_row["absorbed"]] = ABSORBED_BY.get(_row["absorbed"], ()) + (_row["host"],)

KIND_CATEGORY = {code: cat for code, (cat, _label, _cues) in KINDS_OF_HELP.items()}
KIND_LABEL = {code: label for code, (_cat, label, _cues) in KINDS_OF_HELP.items()}
