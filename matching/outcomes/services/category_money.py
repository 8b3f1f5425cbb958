"""Money raised per category, kept (``CategoryMonth``), so the platform page does not sum the projects' ledger
lines per request.

A project's money counts under every category it has now. Ledger entries are folded in once, with the money
fold, under the categories recorded for the project in ``ProjectCategoriesFolded`` (its current ones when it
first raises money); when a project's categories change, ``category_money_resync`` moves the money already
folded for it from the old categories to the new ones. Both take one advisory lock, so a fold and a move never
interleave.
"""

from collections import defaultdict

from django.db import connection, transaction
from django.db.models import Exists, OuterRef, Sum
from django.db.models.functions import TruncMonth
from django.utils import timezone

from matching.models import Project
from matching.outcomes.models import CategoryMonth, ProjectCategoriesFolded
from matching.outcomes.services.upsert import upsert_added

LOCK_KEY = 7_300_013  # pg_advisory_xact_lock: category money is folded or moved by one transaction at a time

CHANGED_SQL = """
SELECT f.project_id, f.codes, coalesce(c.codes, '')
FROM outcomes_projectcategoriesfolded f
LEFT JOIN (SELECT project_id, string_agg(category_id, ',' ORDER BY category_id COLLATE "C") AS codes
           FROM matching_project_categories GROUP BY project_id) c ON c.project_id = f.project_id
WHERE coalesce(c.codes, '') <> f.codes
"""


def _lock() -> None:
    if connection.vendor == "postgresql":
        with connection.cursor() as cur:
            cur.execute("SELECT pg_advisory_xact_lock(%s)", [LOCK_KEY])


def _inflow_by_project_month(entries):
    """Money into project accounts that the platform counts as raised (donations, grants, own funds), per
    project and month of booking."""
    from matching.funding.models import Account, LedgerTransaction

    K = LedgerTransaction.Kind
    return (
        entries.filter(
            currency="CNY",
            account__kind=Account.Kind.PROJECT,
            transaction__origin_kind__in=[K.DONATION, K.GRANT, K.OWN_FUNDS],
        )
        .annotate(month=TruncMonth("transaction__created_at"))
        .values("account__project_id", "month")
        .annotate(s=Sum("amount"))
        .order_by()
    )


def _current_codes(project_ids) -> dict[int, str]:
    codes = defaultdict(list)
    for project_id, code in Project.categories.through.objects.filter(project_id__in=list(project_ids)).values_list(
        "project_id", "category_id"
    ):
        codes[project_id].append(code)
    return {pk: ",".join(sorted(codes[pk])) for pk in project_ids}


def _month(value):
    return timezone.localdate(value).replace(day=1)


def _add(deltas: dict) -> None:
    upsert_added(CategoryMonth, ["category_id", "month"], [(c, m, v) for (c, m), v in deltas.items() if v], ["raised"])


def category_money_fold(entries) -> None:
    """Add the given (not yet folded) ledger entries to the categories of their projects. Called inside the
    money fold's transaction, for the entries it folds."""
    rows = list(_inflow_by_project_month(entries))
    if not rows:
        return
    _lock()
    ids = {r["account__project_id"] for r in rows}
    folded = dict(ProjectCategoriesFolded.objects.filter(project_id__in=ids).values_list("project_id", "codes"))
    new = _current_codes(ids - set(folded))
    ProjectCategoriesFolded.objects.bulk_create(
        [ProjectCategoriesFolded(project_id=pk, codes=c) for pk, c in new.items()], batch_size=2000
    )
    folded.update(new)
    deltas = defaultdict(int)
    for r in rows:
        for code in filter(None, folded[r["account__project_id"]].split(",")):
            deltas[(code, _month(r["month"]))] += int(r["s"] or 0)
    _add(deltas)


def _changed() -> list[tuple[int, str, str]]:
    if connection.vendor == "postgresql":
        with connection.cursor() as cur:
            cur.execute(CHANGED_SQL)
            return cur.fetchall()
    folded = dict(ProjectCategoriesFolded.objects.values_list("project_id", "codes"))
    current = _current_codes(folded)
    return [(pk, codes, current[pk]) for pk, codes in folded.items() if codes != current[pk]]


@transaction.atomic
def category_money_resync() -> int:
    """Move the folded money of every project whose categories changed since from its old categories to its
    new ones; returns how many projects. One query finds them; two more per project changed."""
    from matching.funding.models import LedgerEntry, LedgerEntryUnfolded

    _lock()
    changed = _changed()
    for project_id, old, new in changed:
        entries = LedgerEntry.objects.filter(account__project_id=project_id).exclude(
            Exists(LedgerEntryUnfolded.objects.filter(entry_id=OuterRef("pk")))
        )
        deltas = defaultdict(int)
        for r in _inflow_by_project_month(entries):
            for code, sign in [(c, -1) for c in old.split(",") if c] + [(c, 1) for c in new.split(",") if c]:
                deltas[(code, _month(r["month"]))] += sign * int(r["s"] or 0)
        _add(deltas)
        ProjectCategoriesFolded.objects.filter(project_id=project_id).update(codes=new)
    return len(changed)


def category_money_recompute() -> None:
    """From the whole ledger (inside ``figures_recompute``'s transaction, nothing left to fold)."""
    from matching.funding.models import LedgerEntry

    CategoryMonth.objects.all().delete()
    ProjectCategoriesFolded.objects.all().delete()
    category_money_fold(LedgerEntry.objects.all())
