"""Reads: money figures derived from the ledger, in a fixed number of queries."""

import datetime
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Q, Sum
from django.db.models.functions import TruncMonth
from django.utils import timezone

from matching.funding.error_codes import FundingErrorCode
from matching.funding.models import Account, Disbursement, LedgerEntry, LedgerTransaction
from matching.funding.rules import PAPERWORK_OVERDUE, PAPERWORK_RECEIVED, paperwork_state
from matching.models import Region
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
        raised=_money(row.get("raised"), currency),
        allocated=_money(allocated, currency),
        spent=_money(-int(row.get("out") or 0) - allocated, currency),
        balance=_money(row.get("balance"), currency),
    )


def project_funding(*, project, currency: str = "CNY") -> FundingFigures:
    """Raised, allocated and spent for a project: one query, whatever the number of donations."""
    row = LedgerEntry.objects.filter(account__project=project, currency=currency).aggregate(**_project_sums())
    return _project_figures(row, currency)


def projects_funding(*, project_ids, currency: str = "CNY") -> dict[int, FundingFigures]:
    """The same figures for a list page: one query for all of them."""
    rows = (
        LedgerEntry.objects.filter(account__project_id__in=list(project_ids), currency=currency)
        .values("account__project_id")
        .annotate(**_project_sums())
    )
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
    return FundingFigures(
        raised=_money(row["raised"], currency),
        allocated=_money(row["allocated"], currency),
        spent=_money(row["spent"], currency),
        balance=_money(row["balance"], currency),
    )


def account_balances(*, currency: str = "CNY") -> dict[int, int]:
    return dict(
        LedgerEntry.objects.filter(currency=currency)
        .values_list("account_id")
        .annotate(s=Sum("amount"))
        .values_list("account_id", "s")
    )


def advances_overdue(*, today: datetime.date | None = None, county_codes=None):
    """Emergency advances whose paperwork is past due and not received: for the staff dashboard."""
    today = today or timezone.localdate()
    qs = Disbursement.objects.filter(
        kind=Disbursement.Kind.ADVANCE, paperwork_received_at__isnull=True, paperwork_due_on__lt=today
    ).select_related("need", "project")
    if county_codes is not None:
        qs = qs.filter(need__county_id__in=list(county_codes))
    return qs.order_by("paperwork_due_on")


def advances_paperwork_received(*, county_codes=None):
    """Emergency advances whose paperwork has come in, latest first, with the document and who uploaded it."""
    qs = Disbursement.objects.filter(
        kind=Disbursement.Kind.ADVANCE, paperwork_received_at__isnull=False
    ).select_related("need", "project", "receipt__uploaded_by_user")
    if county_codes is not None:
        qs = qs.filter(need__county_id__in=list(county_codes))
    return qs.order_by("-paperwork_received_at", "-id")


@dataclass(frozen=True)
class AdvancePaperwork:
    """An emergency advance as its organisation sees it: what is owed, by when, and whether it came."""

    advance: Disbursement
    state: str  # rules.PAPERWORK_DUE / PAPERWORK_OVERDUE / PAPERWORK_RECEIVED
    days: int | None  # days left while due, days late while overdue; None once received

    @property
    def received_late(self) -> bool:
        a = self.advance
        return (
            a.paperwork_received_at is not None
            and a.paperwork_due_on is not None
            and timezone.localdate(a.paperwork_received_at) > a.paperwork_due_on
        )


def advance_paperwork(advance: Disbursement, *, today: datetime.date) -> AdvancePaperwork:
    received_on = timezone.localdate(advance.paperwork_received_at) if advance.paperwork_received_at else None
    state = paperwork_state(due_on=advance.paperwork_due_on, received_on=received_on, today=today)
    days = None
    if state != PAPERWORK_RECEIVED and advance.paperwork_due_on is not None:
        days = abs((advance.paperwork_due_on - today).days)
    return AdvancePaperwork(advance=advance, state=state, days=days)


def advances_for_organisation(*, organisation, today: datetime.date | None = None) -> list[AdvancePaperwork]:
    """Every emergency advance paid from the organisation's projects, overdue first, then by due date (one query)."""
    today = today or timezone.localdate()
    rows = [
        advance_paperwork(a, today=today)
        for a in Disbursement.objects.filter(kind=Disbursement.Kind.ADVANCE, project__organisation=organisation)
        .select_related("need", "project", "receipt")
        .order_by("paperwork_due_on", "id")
    ]
    order = {PAPERWORK_OVERDUE: 0, PAPERWORK_RECEIVED: 2}
    return sorted(rows, key=lambda r: order.get(r.state, 1))


# ---- money towards the needs of a region ------------------------------------------------------------------


@dataclass(frozen=True)
class MonthMoney:
    month: str  # "2026-03"
    donated: int  # fen given straight to needs
    spent: int  # fen arrived at needs: confirmed disbursements and emergency advances


@dataclass(frozen=True)
class RegionMoney:
    donated: int
    allocated: int  # reserved by projects for needs of the region, awaiting the region's confirmation
    spent: int
    by_month: list[MonthMoney]


def region_money(*, region_codes, currency: str = "CNY") -> RegionMoney:
    """Money towards the needs of the regions (a province, prefecture or county code each), in total and by
    month of booking: one query, whatever the number of movements. Reversals count against the month they
    were booked in, so the months add up to the totals."""
    need = Q(account__kind=Account.Kind.NEED)
    in_regions = Region.objects.under_q(region_codes, via="account__need__county")
    rows = (
        LedgerEntry.objects.filter(
            in_regions, currency=currency, account__kind__in=[Account.Kind.NEED, Account.Kind.ALLOCATED]
        )
        .annotate(month=TruncMonth("transaction__created_at"))
        .values("month")
        .annotate(
            donated=Sum("amount", filter=need & Q(transaction__origin_kind=K.DONATION)),
            spent=Sum("amount", filter=need & Q(transaction__origin_kind__in=[K.SPEND, K.ADVANCE])),
            allocated=Sum("amount", filter=Q(account__kind=Account.Kind.ALLOCATED)),
        )
        .order_by("month")
    )
    months, donated, allocated, spent = [], 0, 0, 0
    for r in rows:
        d, s, a = int(r["donated"] or 0), int(r["spent"] or 0), int(r["allocated"] or 0)
        donated, spent, allocated = donated + d, spent + s, allocated + a
        if d or s:
            months.append(MonthMoney(r["month"].strftime("%Y-%m") if r["month"] else "—", d, s))
    return RegionMoney(donated=donated, allocated=allocated, spent=spent, by_month=months)


# ---- a project's ledger lines, for the public, a page at a time ---------------------------------------------

PUBLIC_LEDGER_PER_PAGE = 50


@dataclass(frozen=True)
class PublicLedgerLine:
    at: datetime.datetime
    kind: str
    label: str  # the donor as they chose to be shown, or the kind of movement
    amount: int  # fen, signed from the project's point of view
    currency: str


@dataclass(frozen=True)
class LedgerPage:
    """One page of lines with what a page bar needs; plain data, so it can be cached."""

    lines: list[PublicLedgerLine]
    number: int
    num_pages: int
    total: int
    per_page: int

    @property
    def has_other_pages(self) -> bool:
        return self.num_pages > 1

    @property
    def has_previous(self) -> bool:
        return self.number > 1

    @property
    def has_next(self) -> bool:
        return self.number < self.num_pages

    @property
    def previous_page_number(self) -> int:
        return self.number - 1

    @property
    def next_page_number(self) -> int:
        return self.number + 1

    @property
    def first_index(self) -> int:
        return (self.number - 1) * self.per_page + 1 if self.total else 0

    @property
    def last_index(self) -> int:
        return min(self.number * self.per_page, self.total)

    @property
    def page_links(self) -> list:
        """Page numbers to link, None where a run of them is left out (no query: counts only)."""
        return [
            None if n == Paginator.ELLIPSIS else n
            for n in Paginator(range(self.total), self.per_page).get_elided_page_range(
                self.number, on_each_side=2, on_ends=1
            )
        ]


class LedgerPageMissing(ValidationError):
    """The page asked for lies beyond the last one (or before the first)."""

    def __init__(self, *, page: int, num_pages: int):
        super().__init__(f"没有第 {page} 页：资金流水共 {num_pages} 页", code=str(FundingErrorCode.LEDGER_PAGE_MISSING))
        self.page, self.num_pages = page, num_pages


def _public_label(t: LedgerTransaction) -> str:
    if t.origin_kind == K.DONATION and t.kind == K.DONATION:
        # The memo names the donor as they chose (their name or 匿名爱心人士): donation_record_payment writes
        # "捐赠 <ref>：<public donor>"; nothing else about a donor is ever shown.
        return t.memo.split("：", 1)[-1] if "：" in t.memo else K.DONATION.label
    return t.get_kind_display()


def project_public_ledger(*, project, page: int = 1, per_page: int = PUBLIC_LEDGER_PER_PAGE) -> LedgerPage:
    """The project's own account movements, newest first, one page of them (two queries: a count and the
    page). Raises LedgerPageMissing for a page beyond the last; an empty ledger has one, empty, page."""
    qs = LedgerEntry.objects.filter(account__project=project, account__kind=Account.Kind.PROJECT)
    total = qs.count()
    num_pages = max(1, -(-total // per_page))
    if page < 1 or page > num_pages:
        raise LedgerPageMissing(page=page, num_pages=num_pages)
    start = (page - 1) * per_page
    entries = qs.select_related("transaction").order_by("-transaction__created_at", "-id")[start : start + per_page]
    lines = [
        PublicLedgerLine(
            e.transaction.created_at,
            e.transaction.get_kind_display(),
            _public_label(e.transaction),
            e.amount,
            e.currency,
        )
        for e in entries
    ]
    return LedgerPage(lines=lines, number=page, num_pages=num_pages, total=total, per_page=per_page)
