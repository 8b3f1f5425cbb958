"""The datasets: what each download holds, one function per dataset giving its rows batch by batch.

Only public fields of public objects. Needs never carry anything from BeneficiaryRecord; the
queries below do not join it, and the tests seed one and look for it in every export.
"""

import datetime
from collections import defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from django.db.models import OuterRef, Prefetch, Subquery
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.models import Site

from matching.funding.models import LedgerEntry
from matching.funding.selectors import projects_funding
from matching.models import NeedPage, Project, ResponseLogEntry
from matching.money import format_yuan
from matching.opendata.streaming import batched_by_pk
from matching.outcomes.models import BENEFICIARY_GROUPS, Evidence, ProgressReport
from matching.outcomes.selectors.spending import confirmed_spends, spend_of

GROUP_FIELDS = tuple(f for f, _, _ in BENEFICIARY_GROUPS)


@dataclass(frozen=True)
class Dataset:
    name: str
    title: str
    columns: tuple[str, ...]
    rows: Callable[[], Iterator[dict]]


def _yuan(fen) -> str:
    return format_yuan(int(fen or 0))


def _iso(value) -> str | None:
    if value is None:
        return None
    if isinstance(value, datetime.datetime):
        return timezone.localtime(value).isoformat(timespec="seconds")
    return value.isoformat()


def public_projects():
    return (
        Project.objects.exclude(status=Project.Status.DRAFT)
        .select_related("organisation")
        .prefetch_related("categories", "service_regions")
    )


def _funding(project_ids) -> dict:
    return projects_funding(project_ids=project_ids)


PROJECT_COLUMNS = (
    "ref",
    "title",
    "organisation_ref",
    "organisation_name",
    "status",
    "categories",
    "service_regions",
    "starts_on",
    "ends_on",
    "budget_available",
    "currency",
    "raised",
    "allocated",
    "spent",
    "reports",
)


def project_rows() -> Iterator[dict]:
    for batch in batched_by_pk(public_projects()):
        money = _funding([p.pk for p in batch])
        report_counts = defaultdict(int)
        for pid in ProgressReport.objects.filter(project_id__in=[p.pk for p in batch]).values_list(
            "project_id", flat=True
        ):
            report_counts[pid] += 1
        for p in batch:
            figures = money.get(p.pk)
            yield {
                "ref": p.ref,
                "title": p.title,
                "organisation_ref": p.organisation.ref,
                "organisation_name": p.organisation.name,
                "status": p.status,
                "categories": sorted(c.code for c in p.categories.all()),
                "service_regions": sorted(r.code for r in p.service_regions.all()),
                "starts_on": _iso(p.starts_on),
                "ends_on": _iso(p.ends_on),
                "budget_available": _yuan(p.budget_available),
                "currency": p.currency,
                "raised": _yuan(figures.raised.fen) if figures else None,
                "allocated": _yuan(figures.allocated.fen) if figures else None,
                "spent": _yuan(figures.spent.fen) if figures else None,
                "reports": report_counts[p.pk],
            }


NEED_COLUMNS = (
    "ref",
    "title",
    "url",
    "county_code",
    "county_name",
    "circle",
    "urgency",
    "status",
    "categories",
    "beneficiaries",
    "amount_requested",
    "currency",
    "volunteers_needed",
    "deadline",
    "published_on",
    "first_response_at",
    "fulfilled_at",
)


def _site_root_path() -> str:
    site = Site.objects.filter(is_default_site=True).select_related("root_page").first()
    return site.root_page.url_path if site else "/"


# What a need's row reads: plain values, no model instances (a Wagtail page costs about 0.2 ms to build,
# most of the time of the first screen of a million-row file).
NEED_VALUES = (
    "pk",
    "ref",
    "title",
    "url_path",
    "county__code",
    "county__name",
    "circle",
    "urgency",
    "status",
    "beneficiaries",
    "amount_requested",
    "currency",
    "volunteers_needed",
    "deadline",
    "published_on",
    "first_response_at",
    "fulfilled_at",
)


def need_rows() -> Iterator[dict]:
    root = _site_root_path()
    # Only the listed public fields are read: BeneficiaryRecord is never joined. The one timeline step the file
    # shows is a subquery per row of the batch (the first "fulfilled" log line), not the whole timeline.
    fulfilled = (
        ResponseLogEntry.objects.filter(need=OuterRef("pk"), to_status=NeedPage.Status.FULFILLED)
        .order_by("created_at")
        .values("created_at")[:1]
    )
    qs = NeedPage.objects.publicly_visible().annotate(fulfilled_at=Subquery(fulfilled)).values(*NEED_VALUES)
    through = NeedPage.categories.through.objects
    for batch in batched_by_pk(qs):
        codes = defaultdict(list)
        for need_id, code in through.filter(needpage_id__in=[n["pk"] for n in batch]).values_list(
            "needpage_id", "category__code"
        ):
            codes[need_id].append(code)
        for n in batch:
            yield _need_row(n, root=root, categories=sorted(codes[n["pk"]]))


def _need_row(n: dict, *, root: str, categories: list[str]) -> dict:
    path = n["url_path"]
    return {
        "ref": n["ref"],
        "title": n["title"],
        "url": path[len(root) - 1 :] if path.startswith(root) else path,
        "county_code": n["county__code"],
        "county_name": n["county__name"],
        "circle": n["circle"],
        "urgency": n["urgency"],
        "status": n["status"],
        "categories": categories,
        "beneficiaries": n["beneficiaries"],
        "amount_requested": _yuan(n["amount_requested"]),
        "currency": n["currency"],
        "volunteers_needed": n["volunteers_needed"],
        "deadline": _iso(n["deadline"]),
        "published_on": _iso(n["published_on"]),
        "first_response_at": _iso(n["first_response_at"]),
        "fulfilled_at": _iso(n["fulfilled_at"]),
    }


OUTCOME_COLUMNS = (
    "report_id",
    "project_ref",
    "organisation_ref",
    "period_start",
    "period_end",
    "is_final",
    "submitted_on",
    *GROUP_FIELDS,
    "reached_total",
    "milestones",
    "milestones_achieved",
    "photos",
    "documents",
    "url",
)


def outcome_rows() -> Iterator[dict]:
    qs = (
        ProgressReport.objects.exclude(project__status=Project.Status.DRAFT)
        .select_related("project__organisation")
        .prefetch_related("milestones", Prefetch("evidence", queryset=Evidence.objects.only("id", "kind", "report_id")))
    )
    for batch in batched_by_pk(qs):
        for r in batch:
            milestones = list(r.milestones.all())
            evidence = [e.kind for e in r.evidence.all()]
            yield {
                "report_id": r.pk,
                "project_ref": r.project.ref,
                "organisation_ref": r.project.organisation.ref,
                "period_start": _iso(r.period_start),
                "period_end": _iso(r.period_end),
                "is_final": r.is_final,
                "submitted_on": _iso(timezone.localdate(r.submitted_at)),
                **{f: getattr(r, f) for f in GROUP_FIELDS},
                "reached_total": r.reached_total,
                "milestones": len(milestones),
                "milestones_achieved": sum(1 for m in milestones if m.achieved_on),
                "photos": evidence.count("photo"),
                "documents": evidence.count("document"),
                "url": f"/outcomes/reports/{r.pk}/",
            }


TRANSACTION_COLUMNS = (
    "entry_id",
    "transaction_id",
    "created_at",
    "kind",
    "origin_kind",
    "reverses_transaction_id",
    "account_kind",
    "project_ref",
    "need_ref",
    "organisation_ref",
    "amount",
    "currency",
)


def transaction_rows() -> Iterator[dict]:
    """One row per ledger entry (double entry: each transaction's rows sum to zero per currency)."""
    qs = LedgerEntry.objects.select_related(
        "transaction", "account", "account__project", "account__need", "account__organisation"
    ).only(
        "id",
        "amount",
        "currency",
        "transaction__id",
        "transaction__created_at",
        "transaction__kind",
        "transaction__origin_kind",
        "transaction__reverses_id",
        "account__kind",
        "account__project__ref",
        "account__need__ref",
        "account__organisation__ref",
    )
    for batch in batched_by_pk(qs):
        for e in batch:
            a, t = e.account, e.transaction
            yield {
                "entry_id": e.pk,
                "transaction_id": t.pk,
                "created_at": _iso(t.created_at),
                "kind": t.kind,
                "origin_kind": t.origin_kind,
                "reverses_transaction_id": t.reverses_id,
                "account_kind": a.kind,
                "project_ref": a.project.ref if a.project_id else None,
                "need_ref": a.need.ref if a.need_id else None,
                "organisation_ref": a.organisation.ref if a.organisation_id else None,
                "amount": _yuan(e.amount),
                "currency": e.currency,
            }


SPENDING_COLUMNS = (
    "disbursement_id",
    "transaction_id",
    "project_ref",
    "need_ref",
    "spent_on",
    "evidence_due_on",
    "line_id",
    "what",
    "amount",
    "currency",
    "beneficiaries",
    "proof_report_id",
    "proof_delivery_id",
    "photos",
    "documents",
    "state",
)


def spending_rows() -> Iterator[dict]:
    """One row per spending line of every confirmed spend, and one for the part of a spend not yet itemised."""
    today = timezone.localdate()
    qs = confirmed_spends().exclude(project__status=Project.Status.DRAFT)
    for batch in batched_by_pk(qs):
        for d in batch:
            spend = spend_of(d, today=today)
            for line in spend.lines:
                kinds = [e.kind for e in line.evidence]
                yield {
                    "disbursement_id": d.pk,
                    "project_ref": d.project.ref,
                    "need_ref": d.need.ref,
                    "transaction_id": d.allocation_transaction_id
                    if d.kind == d.Kind.ADVANCE
                    else d.settlement_transaction_id,
                    "spent_on": _iso(spend.spent_on),
                    "evidence_due_on": _iso(spend.due_on),
                    "line_id": line.line.pk if line.line else None,
                    "what": line.what,
                    "amount": _yuan(line.amount),
                    "currency": d.currency,
                    "beneficiaries": line.beneficiaries,
                    "proof_report_id": line.proof.pk if line.proof_kind == "report" else None,
                    "proof_delivery_id": line.proof.pk if line.proof_kind == "delivery" else None,
                    "photos": kinds.count("photo"),
                    "documents": kinds.count("document"),
                    "state": line.state,
                }


DATASETS = {
    d.name: d
    for d in (
        Dataset("projects", _("帮扶项目"), PROJECT_COLUMNS, project_rows),
        Dataset("needs", _("需求（不含任何个人信息）"), NEED_COLUMNS, need_rows),
        Dataset("outcomes", _("进展报告与受益人数"), OUTCOME_COLUMNS, outcome_rows),
        Dataset("transactions", _("账本分录"), TRANSACTION_COLUMNS, transaction_rows),
        Dataset("spending", _("支出明细与佐证"), SPENDING_COLUMNS, spending_rows),
    )
}
