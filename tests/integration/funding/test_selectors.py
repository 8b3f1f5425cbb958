import datetime

import pytest

from matching.funding.models import Donation
from matching.funding.providers import Payment
from matching.funding.selectors import need_funding, project_funding, projects_funding
from matching.funding.services.donations import donation_record_payment
from tests.factories import ProjectFactory

pytestmark = pytest.mark.django_db


def _donations(target, count, start=0, **kw):
    for n in range(start, start + count):
        d = Donation.objects.create(
            amount=100 + n, provider="test", provider_payment_id=f"p-{target.pk}-{n}", is_anonymous=True, **kw
        )
        donation_record_payment(
            provider="test",
            payment=Payment(
                payment_id=d.provider_payment_id,
                amount=d.amount,
                currency="CNY",
                status="succeeded",
                created=datetime.datetime.now(datetime.UTC),
            ),
        )


def test_project_figures_cost_one_query_however_many_donations(project, django_assert_max_num_queries):
    _donations(project, 3, project=project)
    with django_assert_max_num_queries(1):
        small = project_funding(project=project)
    _donations(project, 40, start=3, project=project)
    with django_assert_max_num_queries(1):
        large = project_funding(project=project)
    assert small.raised.fen == 100 + 101 + 102
    assert large.raised.fen == sum(100 + n for n in range(43))


def test_need_figures_cost_one_query(need, django_assert_max_num_queries):
    _donations(need, 25, need=need)
    with django_assert_max_num_queries(1):
        figures = need_funding(need=need)
    assert figures.raised.fen == sum(100 + n for n in range(25))


def test_list_of_projects_costs_one_query(project, django_assert_max_num_queries):
    others = [ProjectFactory(organisation=project.organisation) for _ in range(5)]
    _donations(project, 10, project=project)
    ids = [project.pk] + [p.pk for p in others]
    with django_assert_max_num_queries(1):
        figures = projects_funding(project_ids=ids)
    assert figures[project.pk].raised.fen == sum(100 + n for n in range(10))
    assert figures[others[0].pk].raised.fen == 0
