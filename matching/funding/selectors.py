"""Reads: money figures derived from the ledger, in a fixed number of queries."""
import datetime
from dataclasses import dataclass

from django.db.models import Q, Sum
from django.utils import timezone

from matching.funding.models import Account, Disbursement, LedgerEntry, LedgerTransaction
from matching.money import Money

K = LedgerTransaction.Kind
INFLOWS = [K.DONATION, K.GRANT, K.OWN_FUNDS]
OUTFLOWS = [K.ALLOCATION, K.ADVANCE]


@dataclass(frozen=True)
class FundingFigures:
    raised: Money
    allocated: Money  # reserved for needs, awaiting confirmation
    spent: Money  # confirmed as arrived at needs (including emergency advances)
    balance: Money  # what the project still holds (projects only)


def _money(value, currency) -> Money:
    return Money(int(value or 0), currency)


def _project_sums():
    project = Q(account__kind=Account.Kind.PROJECT)
    return {
        "raised": Sum("amount", filter=project & Q(transaction__origin_kind__in=INFLOWS)),
        "out": Sum("amount", filter=project & Q(transaction__origin_kind__in=OUTFLOWS)),
        "allocated": Sum("amount", filter=Q(account__kind=Account.Kind.ALLOCATED)),
        "balance": Sum("amount", filter=project),
    }


def _project_figures(row: dict, currency: str) -> FundingFigures:
    allocated = int(row.get("allocated") or 0)
    return FundingFigures(
        raised=_money(row.get("raised"), currency), allocated=_money(allocated, currency),
        spent=_money(-int(row.get("out") or 0) - allocated, currency), balance=_money(row.get("balance"), currency),
    )


def project_funding(*, project, currency: str = "CNY") -> FundingFigures:
    """Raised, allocated and spent for a project: one query, whatever the number of donations."""
    row = LedgerEntry.objects.filter(account__project=project, currency=currency).aggregate(**_project_sums())
    return _project_figures(row, currency)


def projects_funding(*, project_ids, currency: str = "CNY") -> dict[int, FundingFigures]:
    """The same figures for a list page: one query for all of them."""
    rows = (LedgerEntry.objects.filter(account__project_id__in=list(project_ids), currency=currency)
            .values("account__project_id").annotate(**_project_sums()))
    found = {r["account__project_id"]: _project_figures(r, currency) for r in rows}
    empty = _project_figures({}, currency)
    return {pk: found.get(pk, empty) for pk in project_ids}


def need_funding(*, need, currency: str = "CNY") -> FundingFigures:
    """Raised (given straight to the need), allocated (on its way) and spent (arrived): one query."""
    need_q = Q(account__kind=Account.Kind.NEED)
    row = LedgerEntry.objects.filter(account__need=need, currency=currency).aggregate(
        raised=Sum("amount", filter=need_q & Q(transaction__origin_kind=K.DONATION)),
        spent=Sum("amount", filter=need_q & Q(transaction__origin_kind__in=[K.SPEND, K.ADVANCE])),
        allocated=Sum("amount", filter=Q(account__kind=Account.Kind.ALLOCATED)),
        balance=Sum("amount", filter=need_q),
    )
    return FundingFigures(raised=_money(row["raised"], currency), allocated=_money(row["allocated"], currency),
                          spent=_money(row["spent"], currency), balance=_money(row["balance"], currency))


def account_balances(*, currency: str = "CNY") -> dict[int, int]:
    return dict(LedgerEntry.objects.filter(currency=currency).values_list("account_id")
                .annotate(s=Sum("amount")).values_list("account_id", "s"))


def advances_overdue(*, today: datetime.date | None = None, county_codes=None):
    """Emergency advances whose paperwork is past due: for the staff dashboard."""
    today = today or timezone.localdate()
    qs = Disbursement.objects.filter(kind=Disbursement.Kind.ADVANCE, paperwork_received_at__isnull=True,
                                     paperwork_due_on__lt=today).select_related("need", "project")
    if county_codes is not None:
        qs = qs.filter(need__county_id__in=list(county_codes))
    return qs.order_by("paperwork_due_on")
