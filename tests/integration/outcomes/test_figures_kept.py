"""The kept transparency figures equal a full recomputation after random sequences of writes, refreshed at
random points in between (the money fold must count every ledger entry exactly once)."""

import datetime
import random

import pytest
from django.core.exceptions import ValidationError
from django.db.models import Count, Q, Sum
from django.utils import timezone

from matching.funding.models import Account, LedgerEntry, LedgerTransaction
from matching.funding.selectors import region_money
from matching.funding.services import accounts
from matching.funding.services.disbursements import (
    disbursement_confirm,
    disbursement_create,
    disbursement_reject,
)
from matching.funding.services.ledger import Line, ledger_post, ledger_reverse
from matching.models import NeedPage, Region
from matching.outcomes.models import PLATFORM, CategoryMonth, RegionFigures, RegionMonth
from matching.outcomes.selectors.kept import (
    kept_category_raised,
    kept_region_money,
    needs_counts,
)
from matching.outcomes.services.figures import figures_recompute, figures_refresh
from matching.services.needs import need_set_status
from matching.services.staff import staff_user_add
from tests.factories import ProjectFactory, make_need

pytestmark = pytest.mark.django_db
COUNTIES = ["360321", "360322", "110101"]
CODES = [PLATFORM, "360000", "360300", "360321", "360322", "110000", "110100", "110101", "360700"]
K = LedgerTransaction.Kind
CATEGORIES = ["elderly_care", "education", "medical", "housing"]


def _random_writes(rng, project, member, staff, document, steps: int) -> None:
    needs: list[NeedPage] = []
    n = 0
    other = ProjectFactory(organisation=project.organisation)
    other.categories.set(["elderly_care"])
    ledger_post(
        kind=K.OWN_FUNDS,
        idempotency_key="kept-seed",
        lines=[
            Line(accounts.account_org_funds(project.organisation), -50_000_000),
            Line(accounts.account_for_project(project), 50_000_000),
        ],
    )
    for _ in range(steps):
        n += 1
        live = [x for x in needs if NeedPage.objects.filter(pk=x.pk, live=True).exists()]
        op = rng.choice(
            [
                "need",
                "need",
                "status",
                "unpublish",
                "donate",
                "own_funds",
                "disburse",
                "reverse",
                "categories",
                "refresh",
            ]
            if live
            else ["need", "refresh", "own_funds", "categories"]
        )
        if op == "need":
            needs.append(
                make_need(
                    county=rng.choice(COUNTIES),
                    title=f"随机需求{n}",
                    status=rng.choice(["open", "open", "matched", "in_progress", "draft"]),
                )
            )
        elif op == "status":
            need = NeedPage.objects.get(pk=rng.choice(live).pk)
            nexts = sorted(NeedPage.TRANSITIONS[need.status]) or [need.status]
            try:  # a move the lifecycle refuses (fulfilled without a delivery record) writes nothing
                need_set_status(need=need, status=rng.choice(nexts))
            except ValidationError:
                pass
        elif op == "unpublish":
            NeedPage.objects.get(pk=rng.choice(live).pk).unpublish()
        elif op == "donate":
            amount = rng.randint(1, 90_000)
            ledger_post(
                kind=K.DONATION,
                idempotency_key=f"kept-don-{n}",
                memo="捐赠 t：王五",
                lines=[
                    Line(accounts.account_donors(), -amount),
                    Line(accounts.account_for_need(rng.choice(live)), amount),
                ],
            )
        elif op == "own_funds":
            amount = rng.randint(1, 500_000)
            ledger_post(
                kind=K.OWN_FUNDS,
                idempotency_key=f"kept-own-{n}",
                lines=[
                    Line(accounts.account_org_funds(project.organisation), -amount),
                    Line(accounts.account_for_project(rng.choice([project, other])), amount),
                ],
            )
        elif op == "categories":  # a project's money then counts under its new categories
            rng.choice([project, other]).categories.set(rng.sample(CATEGORIES, rng.randint(0, 2)))
        elif op == "disburse":
            d = disbursement_create(
                project=project,
                need=rng.choice(live),
                amount=rng.randint(1, 200_000),
                purpose="随机拨付",
                receipt=document,
                user=member,
            )
            if rng.random() < 0.7:
                disbursement_confirm(disbursement=d, user=staff)
            elif rng.random() < 0.5:
                disbursement_reject(disbursement=d, user=staff, reason="随机驳回")
        elif op == "reverse":
            done = list(LedgerTransaction.objects.filter(kind=K.DONATION, reversals__isnull=True))
            if done:
                ledger_reverse(original=rng.choice(done), idempotency_key=f"kept-rev-{n}")
        elif op == "refresh":
            figures_refresh()


def _recomputed(code: str) -> dict:
    """The figures computed from scratch, without the kept tables, as the pages computed them before."""
    tree = Q(county_id=code) | Q(county__parent_id=code) | Q(county__parent__parent_id=code)
    scope = Q() if code == PLATFORM else tree
    counts = (
        NeedPage.objects.live()
        .filter(scope)
        .aggregate(
            **{s: Count("pk", filter=Q(status=s)) for s in ("open", "matched", "in_progress", "fulfilled", "closed")}
        )
    )
    entries = LedgerEntry.objects.filter(currency="CNY")
    if code == PLATFORM:
        inflow = (
            Q(account__kind=Account.Kind.PROJECT) & Q(transaction__origin_kind__in=[K.DONATION, K.GRANT, K.OWN_FUNDS])
        ) | (Q(account__kind=Account.Kind.NEED) & Q(transaction__origin_kind=K.DONATION))
        money = entries.aggregate(
            raised=Sum("amount", filter=inflow),
            allocated=Sum("amount", filter=Q(account__kind=Account.Kind.ALLOCATED)),
            spent=Sum(
                "amount", filter=Q(account__kind=Account.Kind.NEED, transaction__origin_kind__in=[K.SPEND, K.ADVANCE])
            ),
        )
        money = {k: int(v or 0) for k, v in money.items()}
    else:
        m = region_money(region_codes=[code])
        money = {"raised": m.donated, "allocated": m.allocated, "spent": m.spent}
    return {**{f"needs_{k}": v for k, v in counts.items()}, **money}


def _by_category_recomputed(since: datetime.date | None) -> dict:
    """Money raised per category from the projects' ledger lines, as the platform page summed it before."""
    entries = LedgerEntry.objects.filter(
        currency="CNY",
        account__kind=Account.Kind.PROJECT,
        transaction__origin_kind__in=[K.DONATION, K.GRANT, K.OWN_FUNDS],
    )
    if since:
        entries = entries.filter(
            transaction__created_at__gte=timezone.make_aware(datetime.datetime(since.year, since.month, since.day))
        )
    return {
        code: int(s)
        for code, s in entries.values_list("account__project__categories__code").annotate(s=Sum("amount")).order_by()
        if code and s
    }


def _kept(code: str) -> dict:
    row = RegionFigures.objects.filter(code=code).first() or RegionFigures(code=code)
    fields = [
        "needs_open",
        "needs_matched",
        "needs_in_progress",
        "needs_fulfilled",
        "needs_closed",
        "raised",
        "allocated",
        "spent",
    ]
    return {f: getattr(row, f) for f in fields}


def _snapshot() -> tuple:
    categories = sorted(CategoryMonth.objects.exclude(raised=0).values_list("category_id", "month", "raised"))
    figures = sorted(
        RegionFigures.objects.values_list(
            "code",
            "needs_open",
            "needs_matched",
            "needs_in_progress",
            "needs_fulfilled",
            "needs_closed",
            "needs_responded",
            "raised",
            "allocated",
            "spent",
        )
    )
    months = sorted(
        RegionMonth.objects.exclude(
            raised=0,
            donated_to_needs=0,
            allocated=0,
            spent=0,
            needs_open=0,
            needs_matched=0,
            needs_in_progress=0,
            needs_fulfilled=0,
            needs_closed=0,
        ).values_list(
            "code",
            "month",
            "raised",
            "donated_to_needs",
            "allocated",
            "spent",
            "needs_open",
            "needs_matched",
            "needs_in_progress",
            "needs_fulfilled",
            "needs_closed",
        )
    )
    return figures, months, categories


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_kept_figures_equal_a_full_recomputation_after_random_writes(seed, project, member, document):
    staff = staff_user_add(username=f"nation-{seed}", password="x-pass-12345", region=None)
    _random_writes(random.Random(seed), project, member, staff, document, steps=30)

    figures_refresh()

    for code in CODES:
        assert _kept(code) == _recomputed(code), code
        if code != PLATFORM:
            assert kept_region_money(code=code) == region_money(region_codes=[code]), code
    for since in (None, timezone.localdate().replace(month=1, day=1)):
        kept_categories = {c: v for c, v in kept_category_raised(since=since).items() if v}
        assert kept_categories == _by_category_recomputed(since), since
    kept = _snapshot()
    figures_recompute()
    assert _snapshot() == kept
    assert LedgerEntry.objects.exists() and Region.objects.filter(code="360321").exists()


def test_a_refresh_with_nothing_new_changes_nothing_and_counts_each_entry_once(project, member, document):
    staff = staff_user_add(username="nation-x", password="x-pass-12345", region=None)
    _random_writes(random.Random(9), project, member, staff, document, steps=15)
    figures_refresh()
    before = _snapshot()

    result = figures_refresh()

    assert result["entries_folded"] == 0 and _snapshot() == before
    assert needs_counts(RegionFigures.objects.get(code=PLATFORM))["total"] == NeedPage.objects.live().count()
