"""Who has committed what to a need: organisations through their projects' matches and disbursements, with
what funds those projects (grants, own funds, committed pledges). Reads only, for many needs at once in a
fixed number of queries (four), whatever the number of needs, projects or movements.

A commitment is *firm* when a match is accepted or delivered, or money is on its way or arrived (a
disbursement not rejected); a proposed match is a commitment *offered*. Declined and closed matches and
rejected disbursements commit nobody. Volunteers are people, not organisations: they are left out.
"""

import datetime
from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Min, Sum

from matching.funding.models import Disbursement, FundSource, Grant, Pledge
from matching.models import Match

FIRM_MATCH = (Match.Status.ACCEPTED, Match.Status.DELIVERED)
OFFERED_MATCH = (Match.Status.PROPOSED,)
LIVE_DISBURSEMENT = (
    Disbursement.Status.PENDING_APPROVAL,
    Disbursement.Status.AWAITING_CONFIRMATION,
    Disbursement.Status.CONFIRMED,
)
_MATCH_LABELS = dict(Match.Status.choices)
_SOURCE_LABELS = dict(FundSource.choices)


@dataclass(frozen=True)
class FundingLine:
    """Money behind a project by source: recorded grants and own funds, or pledges committed by agreement."""

    source: str
    amount: int  # fen
    pledged: bool = False

    @property
    def label(self) -> str:
        return _SOURCE_LABELS.get(self.source, self.source)


@dataclass
class ProjectCommitment:
    project_id: int
    project_ref: str
    project_title: str
    match_id: int | None = None
    match_status: str = ""
    disbursed: int = 0  # fen confirmed as arrived at the need
    disbursing: int = 0  # fen on its way: awaiting approval or the county's confirmation
    since: datetime.datetime | None = None  # first firm commitment (or the offer, while only offered)
    firm: bool = False
    sources: tuple[FundingLine, ...] = ()

    @property
    def match_status_label(self) -> str:
        return str(_MATCH_LABELS.get(self.match_status, ""))

    def _add(self, at: datetime.datetime, *, firm: bool) -> None:
        if firm and not self.firm:
            self.firm, self.since = True, at
        elif firm == self.firm and (self.since is None or at < self.since):
            self.since = at


@dataclass
class OrganisationCommitment:
    organisation_id: int
    organisation_ref: str
    organisation_name: str
    projects: list[ProjectCommitment] = field(default_factory=list)

    @property
    def firm(self) -> bool:
        return any(p.firm for p in self.projects)

    @property
    def since(self) -> datetime.datetime | None:
        times = [p.since for p in self.projects if p.firm == self.firm and p.since is not None]
        return min(times) if times else None

    @property
    def disbursed(self) -> int:
        return sum(p.disbursed for p in self.projects)

    @property
    def disbursing(self) -> int:
        return sum(p.disbursing for p in self.projects)


@dataclass
class NeedCommitments:
    need_id: int
    organisations: list[OrganisationCommitment] = field(default_factory=list)  # firm first, earliest first

    @property
    def firm(self) -> list[OrganisationCommitment]:
        return [o for o in self.organisations if o.firm]

    @property
    def overlapping(self) -> bool:
        """Two or more organisations have firmly committed to the need."""
        return len(self.firm) >= 2

    @property
    def funded_since(self) -> datetime.datetime | None:
        """When the first organisation firmly committed."""
        times = [o.since for o in self.firm if o.since is not None]
        return min(times) if times else None

    @property
    def overlap_since(self) -> datetime.datetime | None:
        """When the second organisation firmly committed: the moment the need became an overlap."""
        times = sorted(o.since for o in self.firm if o.since is not None)
        return times[1] if len(times) >= 2 else None

    def others(self, organisation_id: int | None) -> list[OrganisationCommitment]:
        return [o for o in self.organisations if o.organisation_id != organisation_id]


_PROJECT = (
    "project_id",
    "project__ref",
    "project__title",
    "project__organisation_id",
    "project__organisation__ref",
    "project__organisation__name",
)


def _commitment(by_need: dict, row: dict) -> ProjectCommitment:
    need = by_need.setdefault(row["need_id"], {})
    org = need.get(row["project__organisation_id"])
    if org is None:
        org = need[row["project__organisation_id"]] = OrganisationCommitment(
            row["project__organisation_id"], row["project__organisation__ref"], row["project__organisation__name"]
        )
    for p in org.projects:
        if p.project_id == row["project_id"]:
            return p
    p = ProjectCommitment(row["project_id"], row["project__ref"], row["project__title"])
    org.projects.append(p)
    return p


def _sources(project_ids: set[int]) -> dict[int, tuple[FundingLine, ...]]:
    lines = defaultdict(list)
    grants = (
        Grant.objects.filter(project_id__in=project_ids)
        .values("project_id", "source")
        .annotate(total=Sum("amount"))
        .order_by("project_id", "source")
    )
    for r in grants:
        lines[r["project_id"]].append(FundingLine(r["source"], int(r["total"])))
    pledges = (
        Pledge.objects.filter(project_id__in=project_ids, status=Pledge.Status.COMMITTED)
        .values("project_id", "source")
        .annotate(total=Sum("amount"))
        .order_by("project_id", "source")
    )
    for r in pledges:
        lines[r["project_id"]].append(FundingLine(r["source"], int(r["total"]), pledged=True))
    return {pk: tuple(v) for pk, v in lines.items()}


def _order(org: OrganisationCommitment):
    since = org.since
    return (
        not org.firm,
        since is None,
        since or datetime.datetime.min.replace(tzinfo=datetime.UTC),
        org.organisation_name,
    )


def needs_commitments(*, need_ids, with_sources: bool = True) -> dict[int, NeedCommitments]:
    """Every need's commitments by organisation; a need nobody committed to has an empty list."""
    need_ids = [int(pk) for pk in need_ids]
    by_need: dict[int, dict[int, OrganisationCommitment]] = {}
    matches = (
        Match.objects.filter(need_id__in=need_ids, project__isnull=False, status__in=FIRM_MATCH + OFFERED_MATCH)
        .values("id", "need_id", "status", "created_at", *_PROJECT)
        .order_by("created_at", "id")
    )
    for r in matches:
        p = _commitment(by_need, r)
        if p.match_id is None or r["status"] in FIRM_MATCH:
            p.match_id, p.match_status = r["id"], r["status"]
        p._add(r["created_at"], firm=r["status"] in FIRM_MATCH)
    # One row per need, project and status (summed in SQL): a need paid in many instalments costs one row.
    disbursements = (
        Disbursement.objects.filter(need_id__in=need_ids, status__in=LIVE_DISBURSEMENT)
        .values("need_id", "status", *_PROJECT)
        .annotate(total=Sum("amount"), first=Min("created_at"))
        .order_by("first")
    )
    for r in disbursements:
        p = _commitment(by_need, r)
        if r["status"] == Disbursement.Status.CONFIRMED:
            p.disbursed += r["total"]
        else:
            p.disbursing += r["total"]
        p._add(r["first"], firm=True)
    if with_sources:
        project_ids = {p.project_id for orgs in by_need.values() for o in orgs.values() for p in o.projects}
        sources = _sources(project_ids) if project_ids else {}
        for orgs in by_need.values():
            for o in orgs.values():
                for p in o.projects:
                    p.sources = sources.get(p.project_id, ())
    return {pk: NeedCommitments(pk, sorted(by_need.get(pk, {}).values(), key=_order)) for pk in need_ids}


def need_commitments(*, need) -> NeedCommitments:
    return needs_commitments(need_ids=[need.pk])[need.pk]
