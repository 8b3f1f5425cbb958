"""The monthly overlap report: per county, the overlaps that arose in one month.

A need overlaps from the moment a second organisation firmly committed to it; two near-duplicate needs are
funded twice from the moment the later of the two was first funded. Each case is listed in the month it
arose (a commitment's moment is when its match was made or its money sent), so months never list a case
twice. The cost follows the month's commitments in the region, not the size of the history: a fixed
number of queries.
"""

import datetime
from dataclasses import dataclass, field

from django.utils import timezone

from matching.funding.models import Disbursement
from matching.models import Match, NeedPage, Region
from matching.selectors.commitments import (
    FIRM_MATCH,
    LIVE_DISBURSEMENT,
    NeedCommitments,
    OrganisationCommitment,
    needs_commitments,
)
from matching.selectors.overlap import (
    BRIEF_FIELDS,
    NeedBrief,
    near_duplicates_funded,
    need_brief,
)

SAME_NEED = "same_need"
NEAR_DUPLICATE = "near_duplicate"


@dataclass
class OverlapCase:
    kind: str  # SAME_NEED or NEAR_DUPLICATE
    need: NeedBrief  # (a pk while the report is being built)
    arose_at: datetime.datetime
    organisations: list[OrganisationCommitment]  # firm commitments to `need`
    other_need: NeedBrief | None = None  # the near-duplicate
    other_organisations: list[OrganisationCommitment] = field(default_factory=list)
    similarity: float | None = None

    @property
    def committed(self) -> int:
        """Fen sent or on its way to the need (and to its near-duplicate)."""
        return sum(o.disbursed + o.disbursing for o in self.organisations + self.other_organisations)

    @property
    def percent(self) -> int | None:
        return None if self.similarity is None else round(self.similarity * 100)


@dataclass
class CountyOverlap:
    code: str
    name: str
    cases: list[OverlapCase] = field(default_factory=list)

    @property
    def same_need(self) -> int:
        return sum(1 for c in self.cases if c.kind == SAME_NEED)

    @property
    def near_duplicate(self) -> int:
        return sum(1 for c in self.cases if c.kind == NEAR_DUPLICATE)

    @property
    def committed(self) -> int:
        return sum(c.committed for c in self.cases)


@dataclass
class OverlapReport:
    month: datetime.date  # the first day of the month
    counties: list[CountyOverlap]

    @property
    def cases(self) -> int:
        return sum(len(c.cases) for c in self.counties)

    @property
    def same_need(self) -> int:
        return sum(c.same_need for c in self.counties)

    @property
    def near_duplicate(self) -> int:
        return sum(c.near_duplicate for c in self.counties)


def month_bounds(month: datetime.date) -> tuple[datetime.datetime, datetime.datetime]:
    start = month.replace(day=1)
    end = (start + datetime.timedelta(days=32)).replace(day=1)
    tz = timezone.get_current_timezone()
    return (
        datetime.datetime.combine(start, datetime.time.min, tzinfo=tz),
        datetime.datetime.combine(end, datetime.time.min, tzinfo=tz),
    )


def _needs_committed_in(region_codes, start, end) -> set[int]:
    """Needs of the regions with a firm commitment made in [start, end): two index-backed queries."""
    scope = Region.objects.under_q(region_codes, via="need__county")
    matched = Match.objects.filter(
        scope, project__isnull=False, status__in=FIRM_MATCH, created_at__gte=start, created_at__lt=end
    ).values_list("need_id", flat=True)
    paid = Disbursement.objects.filter(
        scope, status__in=LIVE_DISBURSEMENT, created_at__gte=start, created_at__lt=end
    ).values_list("need_id", flat=True)
    return set(matched) | set(paid)


def _within(at, start, end) -> bool:
    return at is not None and start <= at < end


def _near_duplicate_cases(commitments, start, end) -> list[OverlapCase]:
    """Near-duplicate pairs whose later need was first funded in the month (each pair once); `need` holds only
    the pk until the briefs are read."""
    cases, seen = [], set()
    funded_here = [pk for pk, c in commitments.items() if _within(c.funded_since, start, end)]
    for pk, duplicates in near_duplicates_funded(need_ids=funded_here).items():
        mine = commitments[pk]
        for dup in duplicates:
            theirs: NeedCommitments = dup.commitments
            arose = max(mine.funded_since, theirs.funded_since)
            key = frozenset((pk, dup.need.pk))
            if key in seen or not _within(arose, start, end):
                continue
            seen.add(key)
            cases.append(
                OverlapCase(
                    NEAR_DUPLICATE,
                    pk,
                    arose,
                    mine.firm,
                    other_need=dup.need,
                    other_organisations=theirs.firm,
                    similarity=dup.similarity,
                )
            )
    return cases


def overlap_report(*, region_codes: list[str] | None, month: datetime.date) -> OverlapReport:
    """The report for the regions (province, prefecture or county codes; None = the whole country) and the
    month, counties in code order, each county's cases in the order they arose."""
    start, end = month_bounds(month)
    commitments = needs_commitments(need_ids=_needs_committed_in(region_codes, start, end), with_sources=False)
    cases = [
        OverlapCase(SAME_NEED, pk, c.overlap_since, c.firm)
        for pk, c in commitments.items()
        if _within(c.overlap_since, start, end)
    ]
    cases += _near_duplicate_cases(commitments, start, end)
    briefs = {
        row["pk"]: need_brief(row)
        for row in NeedPage.objects.filter(pk__in={c.need for c in cases}).values(*BRIEF_FIELDS)
    }
    counties: dict[str, CountyOverlap] = {}
    for case in cases:
        case.need = briefs[case.need]
    for case in sorted(cases, key=lambda c: (c.need.county_id, c.arose_at, c.need.pk)):
        county = counties.setdefault(case.need.county_id, CountyOverlap(case.need.county_id, case.need.county_name))
        county.cases.append(case)
    return OverlapReport(month=start.date(), counties=[counties[k] for k in sorted(counties)])


def region_name(code: str | None) -> str:
    if not code:
        return ""
    return Region.objects.filter(code=code).values_list("name", flat=True).first() or code
