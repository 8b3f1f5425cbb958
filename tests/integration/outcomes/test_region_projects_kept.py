"""The region transparency pages' active projects and organisations come from the kept figures
(``capacity_recount``): after a random sequence of writes to projects and a refresh, every region's kept
counts equal a count from scratch the way the pages counted before (active projects whose service regions
lie in, contain or cover the region; their distinct organisations)."""

import random

import pytest

from matching.models import Project, Region
from matching.outcomes.selectors.transparency import region_figures
from matching.outcomes.services.figures import figures_recompute, figures_refresh
from tests.factories import OrganisationFactory, ProjectFactory

pytestmark = pytest.mark.django_db
SERVED = ["000000", "360000", "360300", "360321", "360322", "360700", "360781", "110000", "110101", "620000"]
CHECKED = ["360000", "360300", "360321", "360322", "360700", "360781", "110000", "110101", "110102", "620000", "440000"]
STATUSES = [Project.Status.ACTIVE, Project.Status.ACTIVE, Project.Status.PAUSED, Project.Status.COMPLETED]


def _from_scratch(code: str) -> tuple[int, int]:
    serving = Project.objects.filter(status=Project.Status.ACTIVE).filter(
        Region.objects.serving_q([code], via="service_regions")
    )
    return serving.values("pk").distinct().count(), serving.values("organisation_id").distinct().count()


def _kept(code: str) -> tuple[int, int]:
    figures = region_figures(region=Region.objects.get(code=code))
    return figures["projects"], figures["organisations"]


def _random_write(rng: random.Random, organisations: list) -> None:
    projects = list(Project.objects.all())
    action = rng.choice(["create"] * 3 + ["status", "regions", "organisation", "delete"] if projects else ["create"])
    if action == "create":
        ProjectFactory(
            organisation=rng.choice(organisations),
            status=rng.choice(STATUSES),
            service_regions=rng.sample(SERVED, rng.randint(1, 3)),
        )
    elif action == "status":
        Project.objects.filter(pk=rng.choice(projects).pk).update(status=rng.choice(STATUSES))
    elif action == "regions":
        rng.choice(projects).service_regions.set(rng.sample(SERVED, rng.randint(0, 3)))
    elif action == "organisation":
        Project.objects.filter(pk=rng.choice(projects).pk).update(organisation=rng.choice(organisations))
    else:
        rng.choice(projects).delete()


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_kept_project_and_organisation_counts_equal_a_count_from_scratch(seed):
    rng = random.Random(seed)
    organisations = [OrganisationFactory() for _ in range(4)]
    for step in range(30):
        _random_write(rng, organisations)
        if rng.random() < 0.3:
            figures_refresh()
        if step % 10 == 9:
            figures_refresh()
            for code in CHECKED:
                assert _kept(code) == _from_scratch(code), (seed, step, code)
    figures_refresh()
    kept = {code: _kept(code) for code in CHECKED}
    assert kept == {code: _from_scratch(code) for code in CHECKED}
    assert any(projects for projects, _ in kept.values())  # the sequence left something to count
    figures_recompute()
    assert {code: _kept(code) for code in CHECKED} == kept


def test_one_organisation_with_two_projects_counts_once(db):
    organisation = OrganisationFactory()
    ProjectFactory(organisation=organisation, service_regions=["360321"])
    ProjectFactory(organisation=organisation, service_regions=["000000"])
    figures_refresh()
    assert _kept("360321") == (2, 1) and _kept("360300") == (2, 1) and _kept("110000") == (1, 1)
    assert _kept("620000") == (1, 1)
