#!/usr/bin/env python3
"""The text steps of indexing, timed on the dev set's texts (no database, no engine).

    .venv/bin/python bench/text_speed.py [--records DIR] [--repeat 5]

Prints, per text or per document, the median of ``--repeat`` passes: segmentation with jieba and
with rjieba (the segmenter in use) and how many texts they cut differently; the matcher's text
normalisation (OpenCC traditional → simplified, half-width forms), the quantities read from text
(money, headcount, volunteers), the sentence roles; the kinds of help by one substring test per
lexicon cue (their definition) and by the Aho-Corasick automaton in use; the matcher's content
words; the quotes kept for reasons; and ``document_features`` as a whole, also as documents/s.
``--rewrites bench/robustness/texts.jsonl`` swaps in the robustness set's texts.
"""

from __future__ import annotations

import argparse
import json
import logging
import statistics
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))


def timed(fn, items, repeat: int) -> float:
    """Median CPU seconds of one pass of ``fn`` over ``items``, divided by the number of items
    (CPU time of this process: other jobs on a shared machine inflate wall-clock time, not the
    work done)."""
    passes = []
    for _ in range(repeat):
        started = time.process_time()
        for item in items:
            fn(item)
        passes.append((time.process_time() - started) / len(items))
    return statistics.median(passes)


def kinds_by_substring(weighted_sentences):
    from search.matcher import text

    raw = {}
    for sentence, weight in weighted_sentences:
        for kind, cues in text._CUES.items():
            hits = sum(w for cue, w in cues if sentence and cue in sentence)
            if hits:
                raw[kind] = raw.get(kind, 0.0) + weight * min(hits, 3.0)
    return raw


def _records(path: str, rewrites_path: str | None) -> list[dict]:
    """The records of the evaluation set, with the rewritten texts of the robustness set if given."""
    records = [json.loads(line) for line in open(Path(path) / "records.jsonl", encoding="utf-8")]
    if rewrites_path:
        with open(rewrites_path, encoding="utf-8") as f:
            rewrites = {r["ref"]: r for r in map(json.loads, f)}
        for r in records:
            r.update(
                {k: v for k, v in rewrites.get(r.get("ref"), {}).items() if k in ("title", "summary", "description")}
            )
    return records


def _matcher_read_timings(docs, sentences, repeat: int) -> None:
    """The matcher's read of a document, step by step and as a whole."""
    from search.matcher import text
    from search.matcher.features import document_features

    roles = [(r, kind) for r, kind in docs]

    def sentences_of(d):
        return text.need_sentences(d[0]) if d[1] == "need" else text.project_sentences(d[0])

    print(f"sentence roles (normalised)     {timed(sentences_of, roles, repeat) * 1e3:6.3f} ms / doc")
    print(f"kinds of help, substring tests  {timed(kinds_by_substring, sentences, repeat) * 1e3:6.3f} ms / doc")
    print(f"kinds of help, automaton        {timed(text.kinds_of_help, sentences, repeat) * 1e3:6.3f} ms / doc")
    joined = [" ".join(s for s, _w in ws) for ws in sentences]
    print(f"content words (segmentation included)  {timed(text.tokens, joined, repeat) * 1e3:6.3f} ms / doc")
    whole = timed(lambda d: document_features(*d), docs, repeat)
    print(f"document_features as a whole           {whole * 1e3:6.3f} ms / doc  ({1 / whole:,.0f} documents/s)")


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--records", default=str(REPO.parent / "shared" / "eval" / "dev"))
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--rewrites", default=None, help="JSON Lines of rewritten texts (the robustness set)")
    a = ap.parse_args(argv)
    import jieba

    from matching.segmentation import segmenter
    from search.matcher import text

    try:  # absent before the matcher read registers: the same script times both versions
        from search.matcher.normalise import normalise
        from search.matcher.quantities import quantities
    except ImportError:
        normalise = quantities = None

    jieba.setLogLevel(logging.WARNING)
    records = _records(a.records, a.rewrites)
    texts = [r[k] for r in records for k in ("title", "summary", "description") if r.get(k)]
    docs = [(r, r["kind"]) for r in records if r.get("kind") in ("need", "project")]
    sentences = [text.need_sentences(r) if kind == "need" else text.project_sentences(r) for r, kind in docs]
    reference, seg = jieba.Tokenizer(), segmenter()
    reference.initialize()
    differ = sum(reference.lcut(t) != seg.cut(t) for t in texts)
    print(
        f"{len(texts)} texts (mean {statistics.mean(map(len, texts)):.0f} characters), {len(docs)} documents; "
        f"median of {a.repeat} passes"
    )
    print(f"segmentation, jieba   {timed(reference.lcut, texts, a.repeat) * 1e6:8.1f} µs / text")
    print(
        f"segmentation, rjieba  {timed(seg.cut, texts, a.repeat) * 1e6:8.1f} µs / text "
        f"(cuts {differ} of {len(texts)} texts differently)"
    )
    if normalise:
        print(f"normalisation (OpenCC t2s, width)  {timed(normalise, texts, a.repeat) * 1e6:8.1f} µs / text")
        print(
            f"quantities (money, people, volunteers) {timed(quantities, texts, a.repeat) * 1e6:8.1f} µs / text "
            "(only for a document that lacks a structured amount)"
        )
    _matcher_read_timings(docs, sentences, a.repeat)
    return 0


if __name__ == "__main__":
    sys.exit(main())
