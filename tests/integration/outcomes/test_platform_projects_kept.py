"""The platform transparency page's projects and organisations come from the kept counts per end year
(``ProjectYearFigures``): after a random sequence of writes to projects and organisations and a refresh, the
page's counts since every year equal a count from scratch the way the page counted before."""

import datetime
import random

import pytest
from django.db.models import Count, Q

from matching.models import Organisation, Project
from matching.outcomes.selectors.transparency import platform_figures
from matching.outcomes.services.figures import figures_recompute, figures_refresh
from tests.factories import OrganisationFactory, ProjectFactory

pytestmark = pytest.mark.django_db
YEARS = [None, 2020, 2024, 2025, 2026, 2027, 2030]
STATUSES = list(Project.Status.values)
CATEGORIES = ["elderly_care", "children", "education", "medical"]


def _from_scratch(since: int | None) -> dict:
    projects = Project.objects.exclude(status=Project.Status.DRAFT)
    if since:
        projects = projects.filter(Q(ends_on__isnull=True) | Q(ends_on__gte=datetime.date(since, 1, 1)))
    by_category = dict(
        projects.filter(categories__isnull=False).values_list("categories__code").annotate(n=Count("id", distinct=True))
    )
    return {
        "organisations": projects.filter(organisation__status="verified").values("organisation_id").distinct().count(),
        "projects": projects.count(),
        "by_category": {code: n for code, n in by_category.items() if n},
    }


def _kept(since: int | None) -> dict:
    figures = platform_figures(since=since)
    return {
        "organisations": figures["head"]["organisations"],
        "projects": figures["head"]["projects"],
        "by_category": {r.key: r.values["projects"] for r in figures["by_category"] if r.values["projects"]},
    }


def _ends(rng: random.Random):
    return (
        None if rng.random() < 0.2 else datetime.date(rng.choice([2019, 2023, 2024, 2026, 2028]), rng.randint(1, 12), 1)
    )


def _random_write(rng: random.Random, organisations: list) -> None:
    projects = list(Project.objects.all())
    actions = ["create"] * 3 + ["status", "ends", "categories", "organisation", "verify", "delete"]
    action = rng.choice(actions if projects else ["create"])
    if action == "create":
        ProjectFactory(
            organisation=rng.choice(organisations),
            status=rng.choice(STATUSES),
            ends_on=_ends(rng),
            categories=rng.sample(CATEGORIES, rng.randint(0, 2)),
        )
    elif action == "status":
        Project.objects.filter(pk=rng.choice(projects).pk).update(status=rng.choice(STATUSES))
    elif action == "ends":
        Project.objects.filter(pk=rng.choice(projects).pk).update(ends_on=_ends(rng))
    elif action == "categories":
        rng.choice(projects).categories.set(rng.sample(CATEGORIES, rng.randint(0, 3)))
    elif action == "organisation":
        Project.objects.filter(pk=rng.choice(projects).pk).update(organisation=rng.choice(organisations))
    elif action == "verify":
        Organisation.objects.filter(pk=rng.choice(organisations).pk).update(
            status=rng.choice(["verified", "verified", "pending", "suspended"])
        )
    else:
        rng.choice(projects).delete()


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_kept_project_counts_equal_a_count_from_scratch_since_every_year(seed):
    rng = random.Random(seed)
    organisations = [OrganisationFactory() for _ in range(4)]
    for step in range(40):
        _random_write(rng, organisations)
        if rng.random() < 0.3:
            figures_refresh()
        if step % 10 == 9:
            figures_refresh()
            for since in YEARS:
                assert _kept(since) == _from_scratch(since), (seed, step, since)
    figures_refresh()
    kept = {since: _kept(since) for since in YEARS}
    assert kept == {since: _from_scratch(since) for since in YEARS}
    assert kept[None]["projects"] > kept[2030]["projects"]  # the years make a difference in this sequence
    figures_recompute()
    assert {since: _kept(since) for since in YEARS} == kept
