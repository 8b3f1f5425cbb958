#!/usr/bin/env python3
"""Matching quality benchmark on the development set (no Django, no search engine).

    .venv/bin/python bench/match_quality.py [--records DIR] [--today 2026-11-29] [--prefilter N]

Loads ``records.jsonl`` of the dev set (``shared/eval/dev``), builds the flat documents the search
layer indexes (money in fen, region ancestors and tags, organisation status), computes the stored
features once (as indexing would), simulates the backend (hard filters, then either every eligible
candidate or the top-N by BM25 over segmented text, ``--prefilter N``), runs ``rank()`` for the
three directions, writes the runs in the records.md matching-output format and scores them with
``score.py``. Prints NDCG@10, recall, MRR and violations per direction, the held-out halves, and
the median/p95 time of one ``rank()`` call.

``--rewrites bench/robustness/texts.jsonl`` scores the robustness set instead: the same records and
judgments with the texts of the listed needs and projects replaced by rewrites in other registers
(hotline transcript, WeChat post, bureau notice, brochure, …; see ``bench/robustness/README.md``),
and only the rewritten needs and projects queried (their judgments are the dev set's).
``--traditional`` converts every need and project text to traditional characters first (as
if the whole collection had been typed that way).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import math
import statistics
import subprocess
import sys
import time
import zlib
from decimal import Decimal
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from search.matcher import document_features, rank  # noqa: E402
from search.matcher.features import FEATURES_KEY  # noqa: E402
from search.matcher.hard_rules import (  # noqa: E402
    project_eligible_for_need,
    region_ancestors,
    volunteer_eligible_for_need,
)
from search.matcher.text import tokens  # noqa: E402


def fen(yuan: str | None) -> int:
    return int(Decimal(yuan or "0") * 100)


def date(value):
    return dt.date.fromisoformat(value) if value else None


TEXT_FIELDS = ("title", "summary", "description")


def load_rewrites(path: Path | None) -> dict[str, dict]:
    """ref -> {"register": …, "title": …, "description": …[, "summary": …]} of a rewrites file."""
    if not path:
        return {}
    with open(path, encoding="utf-8") as f:
        return {r["ref"]: r for r in map(json.loads, filter(str.strip, f))}


def _read_records(records_path: Path, rewrites: dict[str, dict], traditional: bool) -> dict[str, dict]:
    """kind -> {ref or code -> record} of a records file, with rewrites and the traditional variant applied."""
    by_kind = {kind: {} for kind in ("region", "organisation", "project", "volunteer", "need")}
    to_traditional = None
    if traditional:
        import opencc

        to_traditional = opencc.OpenCC("s2t").convert
    with open(records_path, encoding="utf-8") as f:
        for line in f:
            r = json.loads(line)
            kind = r.pop("kind")
            if r.get("ref") in rewrites:
                r.update({k: v for k, v in rewrites[r["ref"]].items() if k in TEXT_FIELDS})
            if to_traditional and kind in ("need", "project"):
                r.update({k: to_traditional(r[k]) for k in TEXT_FIELDS if r.get(k)})
            if kind in by_kind:
                by_kind[kind][r["code"] if kind == "region" else r["ref"]] = r
    return by_kind


def _need_doc(ref: str, r: dict, regions: dict) -> dict:
    code = r["region"]
    tags = sorted({t for c in region_ancestors(code)[:3] for t in regions.get(c, {}).get("tags", [])})
    return {
        "ref": ref,
        "title": r["title"],
        "description": r.get("description", ""),
        "categories": r.get("categories", []),
        "region": code,
        "prefecture": code[:4] + "00",
        "province": code[:2] + "0000",
        "region_tags": tags,
        "circle": r.get("circle"),
        "urgency": r.get("urgency", "normal"),
        "beneficiaries": r.get("beneficiaries", 0),
        "amount_requested": fen(r.get("amount_requested")),
        "volunteers_needed": r.get("volunteers_needed", 0),
        "skills": r.get("skills", []),
        "deadline": date(r.get("deadline")),
        "published_on": date(r.get("published_on")),
        "status": r.get("status"),
        "first_response_on": date(r.get("first_response_on")),
    }


def _project_doc(ref: str, r: dict, orgs: dict) -> dict:
    return {
        "ref": ref,
        "organisation": r["organisation"],
        "organisation_status": orgs.get(r["organisation"], {}).get("status"),
        "title": r["title"],
        "summary": r.get("summary", ""),
        "description": r.get("description", ""),
        "categories": r.get("categories", []),
        "service_regions": r.get("service_regions", []),
        "budget_available": fen(r.get("budget_available")),
        "volunteer_slots": r.get("volunteer_slots", 0),
        "skills": r.get("skills", []),
        "starts_on": date(r.get("starts_on")),
        "ends_on": date(r.get("ends_on")),
        "status": r.get("status"),
    }


def load(records_path: Path, rewrites: dict[str, dict] | None = None, traditional: bool = False):
    records = _read_records(records_path, rewrites or {}, traditional)
    need_docs = {ref: _need_doc(ref, r, records["region"]) for ref, r in records["need"].items()}
    project_docs = {ref: _project_doc(ref, r, records["organisation"]) for ref, r in records["project"].items()}
    volunteer_docs = {
        ref: {
            "ref": ref,
            "display_name": r.get("display_name"),
            "skills": r.get("skills", []),
            "service_regions": r.get("service_regions", []),
            "hours_per_month": r.get("hours_per_month", 0),
            "status": r.get("status"),
        }
        for ref, r in records["volunteer"].items()
    }
    return need_docs, project_docs, volunteer_docs


class BM25:
    """A tiny BM25 over segmented title + summary + description, to mimic backend retrieval."""

    def __init__(self, docs: dict[str, dict], k1=1.2, b=0.75):
        self.tf, self.len = {}, {}
        df: dict[str, int] = {}
        for ref, d in docs.items():
            toks = tokens(" ".join([d.get("title", ""), d.get("summary", ""), d.get("description", "")]))
            counts: dict[str, int] = {}
            for t in toks:
                counts[t] = counts.get(t, 0) + 1
            self.tf[ref], self.len[ref] = counts, len(toks)
            for t in counts:
                df[t] = df.get(t, 0) + 1
        n = len(docs)
        self.avg = sum(self.len.values()) / max(1, n)
        self.idf = {t: math.log(1 + (n - f + 0.5) / (f + 0.5)) for t, f in df.items()}
        self.k1, self.b = k1, b

    def score(self, query_text: str, ref: str) -> float:
        tf, length, s = self.tf[ref], self.len[ref], 0.0
        for t in set(tokens(query_text)):
            f = tf.get(t)
            if f:
                s += self.idf[t] * f * (self.k1 + 1) / (f + self.k1 * (1 - self.b + self.b * length / self.avg))
        return s


def retrieve(query_text, candidates, bm25, prefilter):
    """Mimic the backend: hard filters were applied by the caller; add the text score and
    keep the top ``prefilter`` (0 = all)."""
    out = []
    for c in candidates:
        c = dict(c)
        c["_text_score"] = bm25.score(query_text, c["ref"])
        out.append(c)
    if prefilter:
        out.sort(key=lambda c: -c["_text_score"])
        out = out[:prefilter]
    return out


def score_run(score_py: Path, qrels: Path, run: dict, out_path: Path) -> dict:
    out_path.write_text(json.dumps(run, ensure_ascii=False, indent=1), encoding="utf-8")
    res = subprocess.run(
        [sys.executable, str(score_py), "--qrels", str(qrels), "--run", str(out_path), "--json", "--per-query"],
        capture_output=True,
        text=True,
        check=True,
    )
    lines = res.stdout.splitlines()
    summary = json.loads(next(line for line in lines if line.startswith("{")))
    per_query = {}
    for line in lines:
        cols = line.split("\t")
        if len(cols) == 6 and cols[0] != "query":
            per_query[cols[0]] = None if cols[1] == "-" else float(cols[1])
    summary["per_query_ndcg"] = per_query
    return summary


def half(ref: str) -> str:
    """A fixed split of the queries into two halves (A: tuning, B: held out)."""
    return "A" if zlib.crc32(ref.encode()) % 2 == 0 else "B"


DIRECTIONS = [
    ("need_to_project", "needs.txt", "qrels_need_project.tsv"),
    ("project_to_need", "projects.txt", "qrels_project_need.tsv"),
    ("need_to_volunteer", "needs_volunteer.txt", "qrels_need_volunteer.tsv"),
]


def _arguments(argv):
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument(
        "--records",
        default=str(REPO.parent / "shared" / "eval" / "dev"),
        help="directory with records.jsonl, the query lists and the qrels",
    )
    ap.add_argument("--today", default="2026-11-29", type=dt.date.fromisoformat)
    ap.add_argument(
        "--prefilter",
        type=int,
        default=0,
        help="keep only the top-N eligible candidates by BM25 before rank() (0 = all)",
    )
    ap.add_argument("--limit", type=int, default=10)
    ap.add_argument("--out", default=str(REPO / "bench" / "out"), help="where to write the runs")
    ap.add_argument("--weights", default=None, help="JSON object overriding DEFAULT_WEIGHTS")
    ap.add_argument("--per-query", action="store_true")
    ap.add_argument(
        "--rewrites", default=None, help="JSON Lines of rewritten texts (the robustness set): score only those queries"
    )
    ap.add_argument(
        "--traditional",
        action="store_true",
        help="convert every need and project text to traditional characters (OpenCC s2t)",
    )
    ap.add_argument(
        "--scale", type=int, default=300, help="also time rank() with this many eligible candidates (0 = skip)"
    )
    return ap.parse_args(argv)


def _featurise(needs, projects, volunteers) -> None:
    t0 = time.perf_counter()
    for kind, docs in (("need", needs), ("project", projects), ("volunteer", volunteers)):
        for d in docs.values():
            d[FEATURES_KEY] = document_features(d, kind)
    t_index = time.perf_counter() - t0
    size = statistics.mean(
        len(json.dumps(d[FEATURES_KEY], ensure_ascii=False).encode())
        for d in list(needs.values()) + list(projects.values())
    )
    print(f"features: {len(needs) + len(projects)} documents in {t_index:.2f}s, ~{size:.0f} bytes JSON per document")


def _queries_and_qrels(records: Path, out: Path, direction: str, query_file: str, qrels_file: str, rewrites):
    """The queries of a direction and its judgements: with rewrites, only the rewritten queries."""
    queries = (records / query_file).read_text().split()
    qrels = records / qrels_file
    if rewrites:
        queries = [q for q in queries if q in rewrites]
        qrels = out / f"qrels_rewritten_{direction}.tsv"
        lines = (records / qrels_file).read_text(encoding="utf-8").splitlines(keepends=True)
        qrels.write_text(
            lines[0] + "".join(line for line in lines[1:] if line.split("\t")[0] in rewrites), encoding="utf-8"
        )
    return queries, qrels


def _candidates(direction: str, q: str, docs, bm25s, a):
    needs, projects, volunteers = docs
    bm25_projects, bm25_needs = bm25s
    if direction == "project_to_need":
        source = projects[q]
        pool = [n for n in needs.values() if not project_eligible_for_need(source, n, a.today)]
        text = " ".join([source["title"], source["summary"], source["description"]])
        return source, retrieve(text, pool, bm25_needs, a.prefilter)
    source = needs[q]
    if direction == "need_to_project":
        pool = [
            p for p in projects.values() if not project_eligible_for_need(p, source, a.today, need_must_be_open=False)
        ]
        return source, retrieve(source["title"] + " " + source["description"], pool, bm25_projects, a.prefilter)
    return source, [
        v for v in volunteers.values() if not volunteer_eligible_for_need(v, source, a.today, need_must_be_open=False)
    ]


def _report(direction: str, s: dict, timings: list[float], n_cands: list[int], n_queries: int, per_query: bool):
    halves = {}
    for h in "AB":
        vals = [v for q, v in s["per_query_ndcg"].items() if half(q) == h and v is not None]
        halves[h] = (sum(vals) / len(vals) if vals else 0.0, len(vals))
    timings.sort()
    p95 = timings[min(len(timings) - 1, int(0.95 * len(timings)))]
    print(
        f"{direction:18s} NDCG@10 {s['ndcg']:.4f}  recall@10(g>=2) {s['recall_ge2']:.4f}  "
        f"MRR@10(g=3) {s['mrr_grade3']:.4f}  violations {s['violations']}  "
        f"[A {halves['A'][0]:.4f} n={halves['A'][1]} | held-out B {halves['B'][0]:.4f} n={halves['B'][1]}]  "
        f"rank() median {statistics.median(timings):.2f} ms p95 {p95:.2f} ms "
        f"(mean {statistics.mean(n_cands):.0f} candidates, {n_queries} queries)"
    )
    if per_query:
        for q, v in sorted(s["per_query_ndcg"].items()):
            print(f"   {q} {half(q)} {v if v is None else round(v, 3)}")


def main(argv=None):
    a = _arguments(argv)
    records = Path(a.records)
    out = Path(a.out)
    out.mkdir(parents=True, exist_ok=True)
    weights = json.loads(a.weights) if a.weights else None
    rewrites = load_rewrites(Path(a.rewrites) if a.rewrites else None)
    needs, projects, volunteers = load(records / "records.jsonl", rewrites, a.traditional)
    _featurise(needs, projects, volunteers)
    bm25s = (BM25(projects), BM25(needs))
    score_py = records.parent / "score.py"
    for direction, query_file, qrels_file in DIRECTIONS:
        queries, qrels = _queries_and_qrels(records, out, direction, query_file, qrels_file, rewrites)
        if not queries:
            continue
        run, timings, n_cands = {}, [], []
        for q in queries:
            source, cands = _candidates(direction, q, (needs, projects, volunteers), bm25s, a)
            n_cands.append(len(cands))
            t = time.perf_counter()
            results = rank(source, cands, direction=direction, weights=weights, today=a.today, limit=a.limit)
            timings.append((time.perf_counter() - t) * 1000)
            run[q] = [r.as_dict() for r in results]
        s = score_run(score_py, qrels, run, out / f"run_{direction}.json")
        _report(direction, s, timings, n_cands, len(queries), a.per_query)
    if a.scale:
        scale_timing(needs, projects, a.today, a.scale, weights)


def _project_pool(projects, n) -> list[dict]:
    """``n`` copies of the dev projects, eligible everywhere, with a text score."""
    pool = []
    while len(pool) < n:
        for p in projects.values():
            c = dict(
                p,
                ref=f"{p['ref']}-{len(pool)}",
                status="active",
                organisation_status="verified",
                service_regions=["000000"],
                ends_on=dt.date(2099, 1, 1),
                _text_score=1.0,
            )
            pool.append(c)
    return pool[:n]


def _need_pool(needs, n) -> list[dict]:
    """``n`` copies of the dev needs, all open."""
    need_pool = []
    while len(need_pool) < n:
        for d in needs.values():
            need_pool.append(dict(d, ref=f"{d['ref']}-{len(need_pool)}", status="open"))
    return need_pool[:n]


def _best_of(repeat, fn):
    # The least disturbed of a few runs (timeit's rule), in CPU time of this process: other
    # jobs on a shared machine inflate wall-clock time, not the work rank() does.
    times = []
    for _ in range(repeat):
        t = time.process_time()
        fn()
        times.append((time.process_time() - t) * 1000)
    return min(times)


def scale_timing(needs, projects, today, n, weights):
    """rank() with ``n`` eligible candidates per query (the backend's re-rank window): the dev
    projects, copied and made eligible everywhere, with their stored features."""
    pool = _project_pool(projects, n)
    timings = {"need_to_project": [], "project_to_need": []}
    need_pool = _need_pool(needs, n)
    for need in needs.values():
        timings["need_to_project"].append(
            _best_of(
                3,
                lambda need=need: rank(need, pool, direction="need_to_project", weights=weights, today=today, limit=10),
            )
        )
    for project in list(projects.values())[:60]:
        project = dict(
            project,
            status="active",
            organisation_status="verified",
            service_regions=["000000"],
            ends_on=dt.date(2099, 1, 1),
        )
        timings["project_to_need"].append(
            _best_of(
                3,
                lambda project=project: rank(
                    project, need_pool, direction="project_to_need", weights=weights, today=today, limit=10
                ),
            )
        )
    for direction, ts in timings.items():
        ts.sort()
        print(
            f"rank() with {n} candidates, {direction} (CPU time, best of 3 per query): "
            f"median {statistics.median(ts):.2f} ms, "
            f"p95 {ts[int(0.95 * len(ts))]:.2f} ms"
        )


if __name__ == "__main__":
    main()
