"""The staff dashboard's kept figures equal a recomputation after random sequences of writes, refreshed at
random points in between: the organisations' response times (nationwide) and the projects behind on their
reports (any region, any day)."""

import datetime
import random
from collections import defaultdict

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from matching.models import Match, NeedPage
from matching.outcomes.models import DeliveryRecord, OrganisationFigures, ProgressReport
from matching.outcomes.selectors.duties import (
    projects_reporting_overdue,
    projects_reporting_overdue_kept,
)
from matching.outcomes.selectors.kept import kept_response_by_organisation
from matching.outcomes.selectors.response_times import ANSWERED_MATCH, needs_with_times
from matching.outcomes.services.deliveries import delivery_reverse, need_fulfil
from matching.outcomes.services.figures import figures_recompute, figures_refresh
from matching.outcomes.stats import NeedTimes, summarise
from matching.services.needs import need_record_response
from matching.services.staff import staff_user_add
from tests.factories import MembershipFactory, ProjectFactory, make_need

pytestmark = pytest.mark.django_db
COUNTIES = ["360321", "360322", "110101"]
SCOPES = [None, ["360321"], ["360300"], ["360000"], ["110000"], ["360321", "110101"]]
TODAY = datetime.date(2026, 12, 7)


def _organisations_recomputed() -> list[tuple]:
    """Every organisation's response times from the needs and their log, in Python (as the dashboard did)."""
    rows = needs_with_times(NeedPage.objects.live()).values("pk", "published_at", "first_response_at", "fulfilled_at")
    times = {r["pk"]: NeedTimes(r["pk"], r["published_at"], r["first_response_at"], r["fulfilled_at"]) for r in rows}
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
    groups = defaultdict(list)
    for need_id, ref, name in links:
        groups[(ref, name)].append(times[need_id])
    return sorted(_row(summarise(ref, name, ts)) for (ref, name), ts in groups.items())


def _row(s) -> tuple:
    return (s.key, s.needs, s.answered, s.fulfilled, s.median_hours_to_first_response, s.median_days_to_fulfilment)


def _organisations_kept() -> list[tuple]:
    return sorted(
        (
            k.organisation.ref,
            k.needs,
            k.answered,
            k.fulfilled,
            k.median_hours_to_first_response,
            k.median_days_to_fulfilment,
        )
        for k in OrganisationFigures.objects.select_related("organisation")
    )


def _random_writes(rng: random.Random, steps: int):
    members = [MembershipFactory().user for _ in range(3)]
    projects = [ProjectFactory(organisation=m.memberships.get().organisation) for m in members for _ in range(2)]
    staff = staff_user_add(username="kept-nation", password="x-pass-12345", region=None)
    needs = [make_need(county=COUNTIES[0], title="承接的需求")]
    Match.objects.create(need=needs[0], project=projects[0], status=Match.Status.ACCEPTED)
    for n in range(steps):
        live = list(NeedPage.objects.live().filter(pk__in=[x.pk for x in needs]))
        op = rng.choice(
            ["need", "need", "respond", "match", "deliver", "reverse", "unpublish", "dates", "report", "refresh"]
            if live
            else ["need", "dates", "report", "refresh"]
        )
        if op == "need":
            need = make_need(county=rng.choice(COUNTIES), title=f"随机需求{n}")
            NeedPage.objects.filter(pk=need.pk).update(
                first_published_at=timezone.now() - datetime.timedelta(hours=rng.randint(1, 2000))
            )
            needs.append(need)
        elif op == "respond":
            need_record_response(need=rng.choice(live), actor_label="某组织", message="已联系")
        elif op == "match":
            Match.objects.update_or_create(
                need=rng.choice(live),
                project=rng.choice(projects),
                defaults={"status": rng.choice([*ANSWERED_MATCH, Match.Status.PROPOSED])},
            )
        elif op == "deliver":
            need = rng.choice([x for x in live if x.status != "fulfilled"] or live)
            project = rng.choice(projects)
            member = project.organisation.memberships.first().user
            Match.objects.get_or_create(need=need, project=project, defaults={"status": Match.Status.ACCEPTED})
            Match.objects.filter(need=need, project=project).update(status=Match.Status.ACCEPTED)
            try:
                need_fulfil(
                    need=need, user=member, project=project, what="扶手 12 套", delivered_on=timezone.localdate()
                )
            except ValidationError:  # a need the lifecycle will not fulfil (closed): nothing written
                pass
        elif op == "reverse":
            record = DeliveryRecord.objects.standing().order_by("?").first()
            if record:
                delivery_reverse(record=record, user=staff, reason="登记有误")
        elif op == "unpublish":
            NeedPage.objects.get(pk=rng.choice(live).pk).unpublish()
        elif op == "dates":
            project = rng.choice(projects)
            project.refresh_from_db()
            project.starts_on = datetime.date(2024, 1, 1) + datetime.timedelta(days=rng.randint(0, 900))
            project.ends_on = (
                None if rng.random() < 0.3 else project.starts_on + datetime.timedelta(days=rng.randint(30, 1100))
            )
            project.save()
        elif op == "report":
            project = rng.choice(projects)
            report = ProgressReport.objects.create(
                project=project,
                period_start=datetime.date(2024, 1, 1),
                period_end=datetime.date(2024, 3, 31),
                narrative="进展",
                is_final=rng.random() < 0.2,
            )
            ProgressReport.objects.filter(pk=report.pk).update(
                submitted_at=timezone.make_aware(datetime.datetime(2024, 1, 1))
                + datetime.timedelta(days=rng.randint(0, 1100))
            )
        elif op == "refresh":
            figures_refresh()


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_kept_staff_figures_equal_a_recomputation_after_random_writes(seed):
    _random_writes(random.Random(seed), steps=40)

    figures_refresh()

    assert _organisations_kept() == _organisations_recomputed()
    assert OrganisationFigures.objects.exists()
    for scope in SCOPES:
        for today in (TODAY, datetime.date(2025, 3, 1), datetime.date(2028, 6, 1)):
            live = projects_reporting_overdue(region_codes=scope, today=today)
            kept = projects_reporting_overdue_kept(region_codes=scope, today=today, limit=3)
            assert kept.total == len(live), (scope, today)
            assert kept.first == live[:3], (scope, today)
    kept = (_organisations_kept(), projects_reporting_overdue_kept(today=TODAY))
    figures_recompute()
    assert (_organisations_kept(), projects_reporting_overdue_kept(today=TODAY)) == kept


def test_the_dashboard_lists_regions_organisations_slowest_first_from_the_same_figures():
    _random_writes(random.Random(7), steps=40)
    figures_refresh()
    everything = _organisations_recomputed()

    nation = kept_response_by_organisation(region_codes=None, limit=2)
    county = kept_response_by_organisation(region_codes=["360000", "110000"], limit=100)

    assert nation.total == len(everything) and len(nation.slowest) == min(2, len(everything))
    assert sorted(_row(r) for r in county.slowest) == everything  # every county with needs: the same figures
    hours = [r.median_hours_to_first_response for r in county.slowest if r.median_hours_to_first_response is not None]
    assert hours == sorted(hours, reverse=True)
