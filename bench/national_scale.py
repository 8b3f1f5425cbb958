"""National scale: fill a PostgreSQL database with a country-size data set, then time pages and API on it.

    DATABASE_URL=postgres://…/bangfu_scale python bench/national_scale.py load [--needs 1000000 --projects 100000
        --orgs 60000 --ledger-lines 10000000]
    DATABASE_URL=postgres://…/bangfu_scale python bench/national_scale.py measure --json [--requests 50]

``load`` wants an empty database (it runs ``migrate`` itself) and prints the time of each step, then checks
the result: Django's system checks, the Wagtail tree (every page's child count and path), a sample of need,
region, project and organisation pages rendered, and needs created and changed through the services.
``measure`` prints one JSON object: sizes, p50/p95 and queries per page or API endpoint, and with
``--small-database`` the same pages on a second, 10,000-need database measured in the same run.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time

from django_env import prepare

prepare("scale")


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    sub = ap.add_subparsers(dest="command", required=True)
    load = sub.add_parser("load", help="fill an empty database")
    load.add_argument("--needs", type=int, default=1_000_000)
    load.add_argument("--projects", type=int, default=None, help="default: needs / 10")
    load.add_argument("--orgs", type=int, default=None, help="default: needs × 6 / 100")
    load.add_argument("--ledger-lines", type=int, default=None, help="default: needs × 10")
    load.add_argument("--seed", type=int, default=13)
    measure = sub.add_parser("measure", help="time pages and API on a loaded database")
    measure.add_argument("--json", action="store_true", help="print one JSON object")
    measure.add_argument("--requests", type=int, default=50, help="requests per page (varied parameters)")
    measure.add_argument("--small-database", help="a 10,000-need database name to measure in the same run")
    measure.add_argument("--only", help="comma-separated page names")
    measure.add_argument("--budget", type=float, default=60, help="seconds per page (then at least 5 requests)")
    measure.add_argument(
        "--import-needs",
        type=int,
        default=0,
        help="also time import_records of that many new needs (and 2,000 of each other kind)",
    )
    measure.add_argument("--rebuild", action="store_true", help="also time search_index rebuild and matching")
    a = ap.parse_args(argv)
    if not os.environ["DATABASE_URL"].startswith("postgres"):
        ap.error("DATABASE_URL must name a PostgreSQL database")
    # The benchmark is one client asking thousands of times: the API's per-client throttle would answer 429.
    os.environ.setdefault("API_THROTTLE_ANON", "1000000/min")
    os.environ.setdefault("API_THROTTLE_TOKEN", "1000000/min")
    import django

    django.setup()
    if a.command == "load":
        return _load(a)
    from scale_measure import measure_all

    result = measure_all(
        requests=a.requests,
        budget_s=a.budget,
        small_database=a.small_database,
        only=a.only.split(",") if a.only else None,
        import_needs=a.import_needs,
        rebuild=a.rebuild,
    )
    print(json.dumps(result, ensure_ascii=False, indent=None if a.json else 2))
    return 0


def _load(a) -> int:
    from scale_check import check_loaded
    from scale_load import Sizes, load

    sizes = Sizes(
        needs=a.needs,
        projects=a.projects if a.projects is not None else max(10, a.needs // 10),
        orgs=a.orgs if a.orgs is not None else max(10, a.needs * 6 // 100),
        ledger_lines=a.ledger_lines if a.ledger_lines is not None else a.needs * 10,
        seed=a.seed,
    )
    print(f"load: {sizes}; {os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.1f}", flush=True)
    t0 = time.perf_counter()
    done = load(sizes, log=lambda m: print(m, flush=True))
    took = time.perf_counter() - t0
    print(
        f"loaded in {took:.0f} s ({took / 60:.1f} min): {json.dumps(done.counts)}; load average "
        f"{os.getloadavg()[0]:.1f}",
        flush=True,
    )
    problems = check_loaded(log=lambda m: print(m, flush=True))
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
