#!/usr/bin/env python3
"""Match quality through the real pipeline, on a fresh database and a fresh index.

    .venv/bin/python bench/match_pipeline.py [--records DIR] [--today 2026-11-29]
                                             [--engine embedded|elasticsearch]

``--engine elasticsearch`` runs on the cluster of ``ELASTICSEARCH_URL`` (``scripts/elasticsearch.sh
start`` prints one) under indices of its own, removed at the end; ``embedded`` (the default) on a
fresh embedded index.

``migrate`` → ``load_regions`` → ``import_records`` of ``DIR/records.jsonl`` → ``search_index
rebuild`` → ``match need …`` / ``match project …`` / ``match need … --kind volunteer`` for the
queries of ``needs.txt``, ``projects.txt`` and ``needs_volunteer.txt`` → ``score.py`` against the
qrels. The database is a temporary SQLite file unless ``DATABASE_URL`` is set (then it must be an
empty database). Prints each step's time and the scores. ``bench/match_quality.py`` is the quick
variant without Django or an engine.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import subprocess
import sys
import time
from pathlib import Path

from django_env import REPO, prepare

TMP = prepare("pipeline")

RUNS = (  # (queries file, match arguments, qrels file)
    ("needs.txt", ["need"], "qrels_need_project.tsv"),
    ("projects.txt", ["project"], "qrels_project_need.tsv"),
    ("needs_volunteer.txt", ["need", "--kind", "volunteer"], "qrels_need_volunteer.tsv"),
)


def step(label: str, fn, *args, **kwargs):
    started = time.perf_counter()
    result = fn(*args, **kwargs)
    print(f"{label}: {time.perf_counter() - started:.1f}s", flush=True)
    return result


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument(
        "--records",
        default=str(REPO.parent / "shared" / "eval" / "dev"),
        help="folder with records.jsonl, the query lists and the qrels",
    )
    ap.add_argument("--today", default="2026-11-29", help="reference date of the judgments")
    ap.add_argument("--engine", choices=("embedded", "elasticsearch"), default="embedded")
    a = ap.parse_args(argv)
    records = Path(a.records)
    if not (records / "records.jsonl").exists():
        ap.error(f"no records.jsonl in {records}")
    choose_engine(ap, a.engine)
    import django

    django.setup()
    try:
        return run(a, records)
    finally:
        if a.engine == "elasticsearch":
            from search.backends.base import get_search_backend

            get_search_backend().clear()


def choose_engine(ap, engine: str) -> None:
    """The settings pick Elasticsearch when ELASTICSEARCH_URL is set."""
    if engine == "embedded":
        os.environ.pop("ELASTICSEARCH_URL", None)
    elif not os.environ.get("ELASTICSEARCH_URL"):
        ap.error("--engine elasticsearch needs ELASTICSEARCH_URL (scripts/elasticsearch.sh start)")
    else:
        os.environ["ELASTICSEARCH_INDEX_PREFIX"] = f"bangfu-bench-{os.getpid()}"
    print(f"engine: {engine}", flush=True)


def run(a, records: Path) -> int:
    from django.core.management import call_command

    quiet = {"verbosity": 0, "stdout": io.StringIO(), "stderr": io.StringIO()}
    step("migrate", call_command, "migrate", **quiet)
    step("load_regions", call_command, "load_regions", **quiet)
    step("import_records", call_command, "import_records", str(records / "records.jsonl"), **quiet)
    step("search_index rebuild", call_command, "search_index", "rebuild", "--no-progress", **quiet)
    failed = 0
    for queries_file, args, qrels in RUNS:
        if not (records / queries_file).exists() or not (records / qrels).exists():
            continue
        refs = [r.strip() for r in (records / queries_file).read_text(encoding="utf-8").split() if r.strip()]
        out = io.StringIO()
        step(
            f"match {' '.join(args)} ({len(refs)} queries)",
            call_command,
            "match",
            args[0],
            *refs,
            *args[1:],
            "--limit",
            "10",
            "--format",
            "json",
            "--today",
            a.today,
            stdout=out,
        )
        run = TMP / f"run-{queries_file}.json"
        run.write_text(out.getvalue(), encoding="utf-8")
        json.loads(out.getvalue())  # a command that printed anything else fails here, loudly
        scored = subprocess.run(
            [sys.executable, str(records.parent / "score.py"), "--qrels", str(records / qrels), "--run", str(run)],
            capture_output=True,
            text=True,
        )
        lines = {line.split()[0]: line for line in scored.stdout.splitlines() if line.strip()}
        summary = [" ".join(lines[k].split("(")[0].split()) for k in ("NDCG@10", "violations@10") if k in lines]
        print(f"  {qrels}: {' · '.join(summary) or scored.stderr.strip()}")
        failed += scored.returncode != 0
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
