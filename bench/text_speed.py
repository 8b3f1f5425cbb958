#!/usr/bin/env python3
"""The text steps of indexing, timed on the dev set's texts (no database, no engine).

    .venv/bin/python bench/text_speed.py [--records DIR] [--repeat 5]

Prints, per text or per document, the median of ``--repeat`` passes: segmentation with jieba and
with rjieba (the segmenter in use) and how many texts they cut differently; the matcher's kinds of
help by one substring test per lexicon cue (their definition) and by the Aho-Corasick automaton in
use; the matcher's content words; and ``document_features`` as a whole.
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
    """Median seconds of one pass of ``fn`` over ``items``, divided by the number of items."""
    passes = []
    for _ in range(repeat):
        started = time.perf_counter()
        for item in items:
            fn(item)
        passes.append((time.perf_counter() - started) / len(items))
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


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--records", default=str(REPO.parent / "shared" / "eval" / "dev"))
    ap.add_argument("--repeat", type=int, default=5)
    a = ap.parse_args(argv)
    import jieba

    from search.matcher import text
    from search.matcher.features import document_features
    from search.segmentation import segmenter

    jieba.setLogLevel(logging.WARNING)
    records = [json.loads(line) for line in open(Path(a.records) / "records.jsonl", encoding="utf-8")]
    texts = [r[k] for r in records for k in ("title", "summary", "description") if r.get(k)]
    docs = [(r, r["kind"]) for r in records if r.get("kind") in ("need", "project")]
    sentences = [text.need_sentences(r) if kind == "need" else text.project_sentences(r) for r, kind in docs]
    reference, seg = jieba.Tokenizer(), segmenter()
    reference.initialize()
    differ = sum(reference.lcut(t) != seg.cut(t) for t in texts)
    print(f"{len(texts)} texts (mean {statistics.mean(map(len, texts)):.0f} characters), {len(docs)} documents; "
          f"median of {a.repeat} passes")
    print(f"segmentation, jieba   {timed(reference.lcut, texts, a.repeat) * 1e6:8.1f} µs / text")
    print(f"segmentation, rjieba  {timed(seg.cut, texts, a.repeat) * 1e6:8.1f} µs / text "
          f"(cuts {differ} of {len(texts)} texts differently)")
    print(f"kinds of help, substring tests  {timed(kinds_by_substring, sentences, a.repeat) * 1e3:6.3f} ms / doc")
    print(f"kinds of help, automaton        {timed(text.kinds_of_help, sentences, a.repeat) * 1e3:6.3f} ms / doc")
    joined = [" ".join(s for s, _w in ws) for ws in sentences]
    print(f"content words (segmentation included)  {timed(text.tokens, joined, a.repeat) * 1e3:6.3f} ms / doc")
    print(f"document_features as a whole           {timed(lambda d: document_features(*d), docs, a.repeat) * 1e3:6.3f} ms / doc")
    return 0


if __name__ == "__main__":
    sys.exit(main())
