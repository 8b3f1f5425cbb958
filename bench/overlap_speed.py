"""Overlap at scale: the monthly overlap report and a screen's overlap warnings, timed on a loaded database.

    DATABASE_URL=postgres://…/bangfu_scale python bench/national_scale.py load --needs 100000
    DATABASE_URL=postgres://…/bangfu_scale python bench/overlap_speed.py [--runs 20]

Prints, for the busiest county, its province and the whole country, the report of the month with the most
commitments: median and p95 milliseconds, queries, cases found; then the warnings of 50 approval rows (the
disbursement screen's shape). The loader's matches and disbursements are spread over 2017–2026.
"""

from __future__ import annotations

import argparse
import datetime as dt
import statistics
import time

from django_env import prepare

prepare("overlap")


def _timed(fn, runs: int) -> tuple[float, float, int, object]:
    from django.db import connection, reset_queries
    from django.test.utils import CaptureQueriesContext

    times, result, queries = [], None, 0
    for _ in range(runs):
        reset_queries()
        with CaptureQueriesContext(connection) as ctx:
            start = time.perf_counter()
            result = fn()
            times.append((time.perf_counter() - start) * 1000)
        queries = len(ctx.captured_queries)
    times.sort()
    p95 = times[min(len(times) - 1, int(round(0.95 * (len(times) - 1))))]
    return statistics.median(times), p95, queries, result


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--runs", type=int, default=20)
    a = ap.parse_args(argv)
    import django

    django.setup()
    from django.db.models import Count
    from django.db.models.functions import TruncMonth

    from matching.funding.models import Disbursement
    from matching.models import Match, NeedPage
    from matching.selectors.commitments import FIRM_MATCH
    from matching.selectors.overlap import overlap_warnings
    from matching.selectors.overlap_report import overlap_report

    sizes = {
        "needs": NeedPage.objects.count(),
        "matches": Match.objects.count(),
        "disbursements": Disbursement.objects.count(),
    }
    print(f"data: {sizes}")
    firm = Match.objects.filter(status__in=FIRM_MATCH, project__isnull=False)
    month = (
        firm.annotate(m=TruncMonth("created_at"))
        .values("m")
        .annotate(n=Count("id"))
        .order_by("-n")
        .values_list("m", flat=True)
        .first()
    )
    county = (
        firm.values("need__county_id")
        .annotate(n=Count("id"))
        .order_by("-n")
        .values_list("need__county_id", flat=True)
        .first()
    )
    month = dt.date(month.year, month.month, 1)
    print(f"month with the most firm commitments: {month:%Y-%m}; busiest county: {county}")
    for label, codes in (("county", [county]), ("province", [county[:2] + "0000"]), ("nationwide", None)):
        med, p95, q, report = _timed(lambda codes=codes: overlap_report(region_codes=codes, month=month), a.runs)
        print(
            f"report {label:10s} median {med:8.1f} ms  p95 {p95:8.1f} ms  queries {q:3d}  "
            f"counties {len(report.counties):4d}  cases {report.cases} "
            f"(same need {report.same_need}, near-duplicates {report.near_duplicate})"
        )
    rows = list(Disbursement.objects.order_by("-created_at").values_list("need_id", "project__organisation_id")[:50])
    med, p95, q, warnings = _timed(lambda: overlap_warnings(pairs=rows), a.runs)
    flagged = sum(1 for w in warnings.values() if w.overlapping)
    print(
        f"warnings for {len(rows)} rows  median {med:8.1f} ms  p95 {p95:8.1f} ms  queries {q:3d}  overlapping {flagged}"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
