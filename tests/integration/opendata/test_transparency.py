"""Public transparency pages (started): money from the ledger, fixed query counts, cache invalidation."""

import pytest
from django.core.cache import cache

from matching.outcomes.services.reports import BeneficiaryCounts, report_file
from tests.factories import make_need

from .conftest import SECRET_ID, SECRET_NAME, SECRET_PHONE

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def fresh_cache():
    cache.clear()
    yield
    cache.clear()


def test_project_page_shows_money_lines_needs_and_reports(client, published_data):
    project = published_data["project"]
    html = client.get(f"/transparency/projects/{project.ref}/").content.decode()
    assert "¥10,500.00" in html and "¥4,000.00" in html  # raised, spent
    assert "匿名爱心人士" in html  # the donor as they chose
    assert published_data["need"].title in html and "进展报告" in html
    assert "信息公开义务" in html and "季度进展报告" in html  # the project's reporting duties, met or not
    for secret in (SECRET_NAME, SECRET_ID, SECRET_PHONE):
        assert secret not in html


def test_platform_and_region_pages(client, published_data):
    platform = client.get("/transparency/?since=2020").content.decode()
    assert "¥10,500.00" in platform and "江西省" in platform and "<caption>" in platform
    region = client.get("/transparency/regions/360321/").content.decode()
    assert "莲花县" in region and "¥4,000.00" in region
    assert SECRET_NAME not in platform + region


@pytest.mark.parametrize("url", ["/transparency/", "/transparency/regions/360000/", "project"])
def test_query_count_does_not_grow_with_data(client, published_data, django_assert_max_num_queries, url, member):
    project = published_data["project"]
    url = f"/transparency/projects/{project.ref}/" if url == "project" else url
    for i in range(10):
        make_need(county="360321", title=f"更多需求{i}")
        report_file(
            project=project,
            user=member,
            period_start=project.starts_on,
            period_end=project.starts_on,
            narrative="更多",
            counts=BeneficiaryCounts(reached_other=1),
        )
    cache.clear()
    with django_assert_max_num_queries(20):
        assert client.get(url).status_code == 200


def test_cached_until_the_data_changes(client, published_data, django_assert_max_num_queries, member):
    project = published_data["project"]
    url = f"/transparency/projects/{project.ref}/"
    client.get(url)
    with django_assert_max_num_queries(6):  # served from the cache: the project lookup and the session only
        client.get(url)
    report_file(
        project=project,
        user=member,
        period_start=project.starts_on,
        period_end=project.starts_on,
        narrative="新报告",
        counts=BeneficiaryCounts(reached_other=3),
    )
    html = client.get(url).content.decode()
    assert html.count("/outcomes/reports/") == 2  # the new report shows at once
