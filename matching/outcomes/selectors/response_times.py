"""Per-need timelines and response times, per need and aggregated per county and per organisation.

Every function here runs a fixed number of queries, whatever the number of needs or log lines.
"""

import dataclasses
import datetime
from collections import defaultdict
from dataclasses import dataclass

from django.db import connection
from django.db.models import Min, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce
from django.utils.translation import gettext_lazy as _

from matching.funding.models import Disbursement
from matching.models import Match, NeedPage, Region
from matching.outcomes.models import DeliveryRecord
from matching.outcomes.stats import NeedTimes, ResponseSummary, summarise
from matching.selectors.figures import need_counts_by

ANSWERED_MATCH = (Match.Status.ACCEPTED, Match.Status.DELIVERED, Match.Status.CLOSED)
STEPS = (
    ("published", _("发布")),
    ("first_response", _("首次响应")),
    ("matched", _("匹配")),
    ("funded", _("资金到位")),
    ("delivered", _("交付")),
    ("closed", _("办结")),
)


def _funded_subquery():
    """First money towards the need: a disbursement or advance (funding app), else none."""
    return Subquery(
        Disbursement.objects.filter(need=OuterRef("pk"))
        .exclude(status=Disbursement.Status.REJECTED)
        .order_by("created_at")
        .values("created_at")[:1]
    )


def needs_with_times(queryset=None):
    """Live needs annotated with the time of each timeline step (one query)."""
    qs = queryset if queryset is not None else NeedPage.objects.live()
    log = "response_log__created_at"
    annotations = {
        "published_at": Coalesce("first_published_at", Min(log, filter=Q(response_log__kind="published"))),
        "matched_at": Min(log, filter=Q(response_log__kind="match") | Q(response_log__to_status="matched")),
        "money_logged_at": Min(log, filter=Q(response_log__kind="money")),
        "delivered_at": Min(log, filter=Q(response_log__kind="delivery")),
        "fulfilled_at": Min(log, filter=Q(response_log__to_status="fulfilled")),
        "closed_at": Min(log, filter=Q(response_log__to_status__in=["fulfilled", "closed"])),
    }
    funded = _funded_subquery()
    if funded is not None:
        annotations["disbursed_at"] = funded
    return qs.annotate(**annotations)


@dataclass(frozen=True)
class TimelineStep:
    key: str
    label: str
    at: datetime.datetime | datetime.date | None


def need_timeline(*, need: NeedPage) -> list[TimelineStep]:
    """Published, first response, matched, funded, delivered, closed, with dates (one query)."""
    row = (
        needs_with_times(NeedPage.objects.filter(pk=need.pk))
        .values(
            "published_at",
            "first_response_at",
            "matched_at",
            "money_logged_at",
            "delivered_at",
            "closed_at",
            *(["disbursed_at"] if _funded_subquery() is not None else []),
        )
        .get()
    )
    funded = [t for t in (row["money_logged_at"], row.get("disbursed_at")) if t is not None]
    at = {
        "published": row["published_at"] or need.published_on,
        "first_response": row["first_response_at"],
        "matched": row["matched_at"],
        "funded": min(funded) if funded else None,
        "delivered": row["delivered_at"],
        "closed": row["closed_at"],
    }
    return [TimelineStep(key, label, at[key]) for key, label in STEPS]


def _times(rows) -> dict[int, NeedTimes]:
    return {r["pk"]: NeedTimes(r["pk"], r["published_at"], r["first_response_at"], r["fulfilled_at"]) for r in rows}


def need_times(*, need: NeedPage) -> NeedTimes:
    row = (
        needs_with_times(NeedPage.objects.filter(pk=need.pk))
        .values("pk", "published_at", "first_response_at", "fulfilled_at")
        .get()
    )
    return _times([row])[need.pk]


def response_times_by_county(*, region_codes=None) -> list[ResponseSummary]:
    """One row per county with needs: its counts (the same need_counts as the cards above any table) and the
    medians of time to first response and to fulfilment (two queries)."""
    needs = NeedPage.objects.live().filter(Region.objects.under_q(region_codes, via="county"))
    rows = needs_with_times(needs).values(
        "pk", "county_id", "county__name", "published_at", "first_response_at", "fulfilled_at"
    )
    groups, names = defaultdict(list), {}
    for r in rows:
        groups[r["county_id"]].append(NeedTimes(r["pk"], r["published_at"], r["first_response_at"], r["fulfilled_at"]))
        names[r["county_id"]] = r["county__name"] or "—"
    counts = need_counts_by(needs, "county_id")
    return [
        _with_counts(summarise(code or "", names[code], times), counts.get(code))
        for code, times in sorted(groups.items(), key=lambda i: i[0] or "")
    ]


def _with_counts(summary: ResponseSummary, counts: dict | None) -> ResponseSummary:
    if counts is None:
        return summary
    return dataclasses.replace(
        summary, needs=counts["total"], answered=counts["answered"], fulfilled=counts["fulfilled"]
    )


def response_times_by_organisation(*, region_codes=None) -> list[ResponseSummary]:
    """One row per organisation that took on needs (an accepted match or a delivery), by name. On PostgreSQL
    one grouped query (medians with ``percentile_cont``), elsewhere three queries and the medians in Python."""
    if connection.vendor == "postgresql":
        return sorted(organisation_times_sql(county_codes=county_codes_under(region_codes)), key=lambda r: r.name)
    rows = needs_with_times(NeedPage.objects.live().filter(Region.objects.under_q(region_codes, via="county"))).values(
        "pk", "published_at", "first_response_at", "fulfilled_at"
    )
    times = _times(rows)
    links = set(
        Match.objects.filter(need_id__in=list(times), status__in=ANSWERED_MATCH, project__isnull=False).values_list(
            "need_id", "project__organisation__ref", "project__organisation__name"
        )
    )
    links |= set(
        DeliveryRecord.objects.standing()
        .filter(need_id__in=list(times), project__isnull=False)
        .values_list("need_id", "project__organisation__ref", "project__organisation__name")
    )
    groups, names = defaultdict(list), {}
    for need_id, ref, name in links:
        groups[ref].append(times[need_id])
        names[ref] = name
    return [summarise(ref, names[ref], ts) for ref, ts in sorted(groups.items(), key=lambda i: names[i[0]])]


def county_codes_under(codes) -> list[str] | None:
    """Every county code under the given region codes (one query); None stays None (nationwide)."""
    if codes is None:
        return None
    return list(Region.objects.under(codes).filter(level=Region.Level.COUNTY).values_list("code", flat=True))


ORGANISATION_TIMES_SQL = """
WITH scoped AS (
    SELECT n.page_ptr_id AS id, n.first_response_at AS resp, p.first_published_at AS published
    FROM matching_needpage n {pages}
    WHERE p.live {scope}
), links AS (
    SELECT s.id AS need_id, pr.organisation_id FROM scoped s {matches}
    JOIN matching_project pr ON pr.id = m.project_id
    UNION
    SELECT s.id, pr.organisation_id FROM scoped s JOIN outcomes_deliveryrecord d ON d.need_id = s.id
    JOIN matching_project pr ON pr.id = d.project_id WHERE d.reversed_at IS NULL
)
SELECT o.id, o.ref, o.name, a.needs, a.answered, a.fulfilled, a.hours, a.days
FROM (SELECT t.organisation_id, count(*) AS needs,
       count(*) FILTER (WHERE t.pub IS NOT NULL AND t.resp IS NOT NULL) AS answered,
       count(*) FILTER (WHERE t.pub IS NOT NULL AND t.done IS NOT NULL) AS fulfilled,
       percentile_cont(0.5) WITHIN GROUP (ORDER BY greatest(extract(epoch FROM t.resp - t.pub), 0))
           FILTER (WHERE t.pub IS NOT NULL AND t.resp IS NOT NULL) AS hours,
       percentile_cont(0.5) WITHIN GROUP (ORDER BY greatest(extract(epoch FROM t.done - t.pub), 0))
           FILTER (WHERE t.pub IS NOT NULL AND t.done IS NOT NULL) AS days
FROM (
    SELECT l.organisation_id, s.resp,
           coalesce(s.published, (SELECT min(e.created_at) FROM matching_responselogentry e
                                  WHERE e.need_id = s.id AND e.kind = 'published')) AS pub,
           (SELECT min(e.created_at) FROM matching_responselogentry e
            WHERE e.need_id = s.id AND e.to_status = 'fulfilled') AS done
    FROM links l JOIN scoped s ON s.id = l.need_id
) t GROUP BY t.organisation_id
) a JOIN matching_organisation o ON o.id = a.organisation_id
"""

PAGES_ALL = "JOIN wagtailcore_page p ON p.id = n.page_ptr_id"
# For a few counties each need's page is looked up by id: the planner otherwise hashed the whole page table
# (171 ms against 83 ms for a county of 5,091 needs at 100,000 needs, docs/performance.md).
PAGES_BY_NEED = (
    "JOIN LATERAL (SELECT p.live, p.first_published_at FROM wagtailcore_page p WHERE p.id = n.page_ptr_id "
    "OFFSET 0) p ON true"
)
MATCHES_ALL = "JOIN matching_match m ON m.need_id = s.id AND m.status = ANY(%s)"
# For a few counties each need's matches are looked up by need: the planner would otherwise hash the whole
# match table (a third of a million rows at the national size). OFFSET 0 keeps the subquery from being
# pulled up into that plain join.
MATCHES_BY_NEED = (
    "JOIN LATERAL (SELECT m.project_id FROM matching_match m WHERE m.need_id = s.id "
    "AND m.status = ANY(%s) OFFSET 0) m ON true"
)


def organisation_times_sql(*, county_codes: list[str] | None) -> list[ResponseSummary]:
    """The organisations' response times over the live needs of the given counties (None: the whole country),
    in one query; the same figures as the Python path of ``response_times_by_organisation``. PostgreSQL."""
    statuses = [str(s) for s in ANSWERED_MATCH]
    scope, params = (
        ("", [statuses]) if county_codes is None else ("AND n.county_id = ANY(%s)", [list(county_codes), statuses])
    )
    with connection.cursor() as cur:
        cur.execute(
            ORGANISATION_TIMES_SQL.format(
                scope=scope,
                pages=PAGES_ALL if county_codes is None else PAGES_BY_NEED,
                matches=MATCHES_ALL if county_codes is None else MATCHES_BY_NEED,
            ),
            params,
        )
        rows = cur.fetchall()
    return [
        OrganisationTimes(
            key=ref,
            name=name,
            needs=needs,
            answered=answered,
            fulfilled=fulfilled,
            median_hours_to_first_response=_rounded(hours, 3600),
            median_days_to_fulfilment=_rounded(days, 86400),
            organisation_id=pk,
        )
        for pk, ref, name, needs, answered, fulfilled, hours, days in rows
    ]


@dataclass(frozen=True)
class OrganisationTimes(ResponseSummary):
    organisation_id: int | None = None


def _rounded(seconds: float | None, unit: int) -> float | None:
    return None if seconds is None else round(seconds / unit, 1)
