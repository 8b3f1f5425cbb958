"""Spends and their proof at size: the public project page and the spending export for a project with many spends.

    python bench/spending_speed.py [--spends 500] [--runs 15]        (a fresh SQLite database, migrated here)
    DATABASE_URL=postgres://…/bangfu_bench python bench/spending_speed.py   (an empty PostgreSQL database)

Makes one project with ``--spends`` confirmed disbursements, each itemised into two lines (one proven by a progress
report with a photo, one without evidence), through the services. Prints, with the page cache cleared before every
run: median and p95 milliseconds and the number of queries of the selector (all spends), of the project's public
transparency page (the newest 50 shown, totals over all) and of /open-data/spending.csv.
"""

from __future__ import annotations

import argparse
import statistics
import time

from django_env import prepare

prepare("spending")


def _timed(fn, runs: int) -> tuple[float, float, int]:
    from django.core.cache import cache
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    times, queries = [], 0
    for _ in range(runs):
        cache.clear()
        with CaptureQueriesContext(connection) as ctx:
            start = time.perf_counter()
            fn()
            times.append((time.perf_counter() - start) * 1000)
        queries = len(ctx.captured_queries)
    times.sort()
    return statistics.median(times), times[min(len(times) - 1, int(round(0.95 * (len(times) - 1))))], queries


def _world(spends: int):
    from matching.models import Match, Membership, Region
    from matching.outcomes.services.spending import SpendingFields, spending_line_add
    from matching.services.staff import staff_user_add
    from tests.factories import MembershipFactory, ProjectFactory, make_need
    from tests.factories.spending import fund_and_spend, spend_with_evidence

    member = MembershipFactory(role=Membership.Role.ADMIN).user
    project = ProjectFactory(organisation=member.memberships.get().organisation, service_regions=["360300"])
    officer = staff_user_add(username="bench-officer", password="x", region=Region.objects.get(code="360321"))
    need = make_need(county="360321", title="莲花县敬老院卫浴改造")
    Match.objects.create(need=need, project=project, status=Match.Status.ACCEPTED)
    report = spend_with_evidence(project, need, member, officer, what="扶手 12 套", caption="扶手").report
    for i in range(spends - 1):
        d = fund_and_spend(project, need, member, officer, amount=30_000 + i)
        spending_line_add(
            disbursement=d,
            user=member,
            fields=SpendingFields(what=f"物资 {i}", amount=20_000, beneficiaries=3, report=report),
        )
        spending_line_add(disbursement=d, user=member, fields=SpendingFields(what=f"运费 {i}", amount=5_000))
    return project


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--spends", type=int, default=500)
    ap.add_argument("--runs", type=int, default=15)
    a = ap.parse_args(argv)
    import django

    django.setup()
    from django.core.management import call_command
    from django.test import Client
    from django.test.utils import setup_test_environment

    setup_test_environment()
    call_command("migrate", verbosity=0)
    call_command("load_regions", verbosity=0)
    from django.test.utils import override_settings

    from matching.outcomes.models import SpendingLine
    from matching.outcomes.selectors.spending import spends_public

    start = time.perf_counter()
    with override_settings(FUNDING_DISBURSEMENT_APPROVAL_THRESHOLD=10**15):  # no second approver in a benchmark
        project = _world(a.spends)
    print(
        f"data: {a.spends} confirmed spends, {SpendingLine.objects.count()} spending lines "
        f"(made in {time.perf_counter() - start:.0f} s)"
    )
    client = Client()
    for label, fn in (
        ("spends_public (all spends)", lambda: spends_public(project=project)),
        ("public project page", lambda: client.get(f"/transparency/projects/{project.ref}/")),
        ("/open-data/spending.csv", lambda: b"".join(client.get("/open-data/spending.csv").streaming_content)),
    ):
        median, p95, queries = _timed(fn, a.runs)
        print(f"{label:32s} median {median:8.1f} ms   p95 {p95:8.1f} ms   queries {queries}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
