"""What each spend bought and what proves it, for the public project and need pages, the IATI export and the portal.

A spend is a confirmed disbursement (money that reached a need, emergency advances included). Each is shown as its
spending lines plus, when the lines do not cover it all, the part not yet itemised. Every line is in one state:
``evidenced`` (linked to a delivery record or progress report that carries at least one receipt or photo),
``pending`` (no such evidence yet, its disclosure deadline not passed) or ``overdue`` (no evidence, deadline passed).
The deadline comes from the project's disclosure duties (duties.spend_evidence_due_on). Counts only: nothing here
names a beneficiary. A fixed number of queries whatever the number of spends.
"""

import datetime
from dataclasses import dataclass

from django.db.models import Count, Exists, F, OuterRef, Prefetch, Q, QuerySet, Subquery, Sum, Value
from django.db.models.functions import Coalesce, Greatest, TruncDate
from django.utils import timezone

from matching.funding.models import Disbursement
from matching.models import Project
from matching.outcomes.duties import spend_evidence_due_on
from matching.outcomes.models import DeliveryRecord, Evidence, ProgressReport, SpendingLine

EVIDENCED, PENDING, OVERDUE = "evidenced", "pending", "overdue"


@dataclass(frozen=True)
class SpendLine:
    line: SpendingLine | None  # None: the part of the spend not yet itemised
    amount: int
    proof: DeliveryRecord | ProgressReport | None
    evidence: list[Evidence]
    state: str

    @property
    def what(self) -> str:
        return self.line.what if self.line is not None else ""

    @property
    def beneficiaries(self) -> int:
        return self.line.beneficiaries if self.line is not None else 0

    @property
    def proof_kind(self) -> str:
        return "delivery" if isinstance(self.proof, DeliveryRecord) else "report" if self.proof is not None else ""


@dataclass(frozen=True)
class Spend:
    disbursement: Disbursement
    spent_on: datetime.date
    due_on: datetime.date
    lines: list[SpendLine]

    @property
    def overdue(self) -> bool:
        return any(line.state == OVERDUE for line in self.lines)

    @property
    def evidenced_amount(self) -> int:
        return sum(line.amount for line in self.lines if line.state == EVIDENCED)


@dataclass(frozen=True)
class SpendSummary:
    spent: int
    evidenced: int
    overdue: int
    currency: str


def _evidence_prefetch(prefix: str) -> Prefetch:
    return Prefetch(
        f"{prefix}__evidence",
        queryset=Evidence.objects.select_related("image", "document").prefetch_related("image__renditions"),
    )


def _lines_queryset() -> QuerySet[SpendingLine]:
    return (
        SpendingLine.objects.select_related("delivery", "report")
        .prefetch_related(_evidence_prefetch("delivery"), _evidence_prefetch("report"))
        .order_by("id")
    )


def confirmed_spends(**filters) -> QuerySet[Disbursement]:
    """Confirmed disbursements matching ``filters``, with their lines, proofs and evidence files prefetched."""
    return (
        Disbursement.objects.filter(status=Disbursement.Status.CONFIRMED, **filters)
        .select_related("project", "need")
        .prefetch_related(Prefetch("spending_lines", queryset=_lines_queryset()))
        .order_by("-confirmed_at", "-id")
    )


def line_proof(line: SpendingLine):
    """The record that proves a line: a standing delivery record or a progress report, else None."""
    if line.delivery_id is not None and line.delivery.reversed_at is None:
        return line.delivery
    return line.report if line.report_id is not None else None


def _state(evidence: list, due_on: datetime.date, today: datetime.date) -> str:
    if evidence:
        return EVIDENCED
    return OVERDUE if today > due_on else PENDING


def spend_of(d: Disbursement, *, today: datetime.date) -> Spend:
    spent_on = timezone.localdate(d.confirmed_at or d.created_at)
    due_on = spend_evidence_due_on(spent_on=spent_on, starts_on=d.project.starts_on, ends_on=d.project.ends_on)
    lines = []
    for line in d.spending_lines.all():
        proof = line_proof(line)
        evidence = list(proof.evidence.all()) if proof is not None else []
        lines.append(
            SpendLine(
                line=line, amount=line.amount, proof=proof, evidence=evidence, state=_state(evidence, due_on, today)
            )
        )
    rest = d.amount - sum(line.amount for line in lines)
    if rest > 0:
        lines.append(SpendLine(line=None, amount=rest, proof=None, evidence=[], state=_state([], due_on, today)))
    return Spend(disbursement=d, spent_on=spent_on, due_on=due_on, lines=lines)


def _public_filters(project, need) -> dict:
    filters = {}
    if project is not None:
        filters["project"] = project
    if need is not None:
        filters["need"] = need
    return filters


def spends_public(
    *, project=None, need=None, today: datetime.date | None = None, limit: int | None = None
) -> list[Spend]:
    """Every confirmed spend of a public project, or to a need (the newest ``limit`` of them), with what it
    bought and its evidence state."""
    today = today or timezone.localdate()
    spends = confirmed_spends(**_public_filters(project, need)).exclude(project__status=Project.Status.DRAFT)
    return [spend_of(d, today=today) for d in spends[:limit]]


def spends_summary(spends: list[Spend]) -> SpendSummary | None:
    if not spends:
        return None
    currency = spends[0].disbursement.currency
    return SpendSummary(
        spent=sum(s.disbursement.amount for s in spends),
        evidenced=sum(s.evidenced_amount for s in spends),
        overdue=sum(line.amount for s in spends for line in s.lines if line.state == OVERDUE),
        currency=currency,
    )


# A line is evidenced when its proof (a standing delivery record, else its progress report) carries a file:
# line_proof and _state above, as a condition on SpendingLine.
_STANDING_DELIVERY = Q(delivery__isnull=False, delivery__reversed_at__isnull=True)
EVIDENCED_LINE = (_STANDING_DELIVERY & Exists(Evidence.objects.filter(delivery=OuterRef("delivery")))) | (
    ~_STANDING_DELIVERY & Q(report__isnull=False) & Exists(Evidence.objects.filter(report=OuterRef("report")))
)


def _lines_sum(condition: Q | None = None) -> Coalesce:
    lines = SpendingLine.objects.filter(condition or Q(), disbursement=OuterRef("pk")).order_by().values("disbursement")
    return Coalesce(Subquery(lines.annotate(s=Sum("amount")).values("s")), 0)


def spends_public_totals(
    *, project=None, need=None, today: datetime.date | None = None
) -> tuple[int, SpendSummary | None]:
    """How many confirmed spends a public project (or need) has, and spends_summary of all of them, summed in the
    database per day spent (one query, plus one for the currency): the time grows with the days money was spent
    on, not with the spends. Equal to spends_summary(spends_public(...))."""
    today = today or timezone.localdate()
    spends = Disbursement.objects.filter(
        status=Disbursement.Status.CONFIRMED, **_public_filters(project, need)
    ).exclude(project__status=Project.Status.DRAFT)
    per_spend = spends.annotate(itemised=_lines_sum(), proven=_lines_sum(EVIDENCED_LINE))
    unproven = F("itemised") - F("proven") + Greatest(F("amount") - F("itemised"), Value(0))
    days = per_spend.values(
        day=TruncDate(Coalesce("confirmed_at", "created_at"), tzinfo=timezone.get_current_timezone()),
        starts_on=F("project__starts_on"),
        ends_on=F("project__ends_on"),
    ).annotate(n=Count("pk"), spent=Sum("amount"), proven_sum=Sum("proven"), unproven_sum=Sum(unproven))
    count = spent = proven = overdue = 0
    for row in days.order_by():
        count, spent, proven = count + row["n"], spent + row["spent"], proven + row["proven_sum"]
        due_on = spend_evidence_due_on(spent_on=row["day"], starts_on=row["starts_on"], ends_on=row["ends_on"])
        overdue += row["unproven_sum"] if today > due_on else 0
    if not count:
        return 0, None
    currency = spends.order_by("-confirmed_at", "-id").values_list("currency", flat=True).first()
    return count, SpendSummary(spent=spent, evidenced=proven, overdue=overdue, currency=currency)


def spending_proof_options(*, disbursement: Disbursement) -> tuple[QuerySet[DeliveryRecord], QuerySet[ProgressReport]]:
    """What may prove a line of this disbursement: the project's standing deliveries to the need, and its reports
    (the same rule as permissions.can_link_spending_proof)."""
    deliveries = DeliveryRecord.objects.standing().filter(
        project_id=disbursement.project_id, need_id=disbursement.need_id
    )
    reports = ProgressReport.objects.filter(project_id=disbursement.project_id).order_by("-period_end", "-id")
    return deliveries, reports


def spend_for_owner(*, disbursement: Disbursement) -> Spend:
    """The portal's view of one disbursement (any status) and its lines, with the same evidence states as the
    public pages."""
    d = (
        Disbursement.objects.select_related("project", "need")
        .prefetch_related(Prefetch("spending_lines", queryset=_lines_queryset()))
        .get(pk=disbursement.pk)
    )
    return spend_of(d, today=timezone.localdate())


def lines_proven_by(
    *, report: ProgressReport | None = None, delivery: DeliveryRecord | None = None
) -> QuerySet[SpendingLine]:
    """The spending lines of confirmed spends that a report or delivery record proves (for its public page)."""
    lines = SpendingLine.objects.filter(disbursement__status=Disbursement.Status.CONFIRMED)
    lines = lines.filter(report=report) if report is not None else lines.filter(delivery=delivery)
    return lines.select_related("disbursement__need").order_by("disbursement__confirmed_at", "id")
