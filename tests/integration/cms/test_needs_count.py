"""How the public needs list counts: a short list exactly; a long one unfiltered or by region/status from the
kept figures after counting only KEPT_COUNT_FROM rows; with other filters up to COUNT_CAP."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from matching.outcomes.services.figures import figures_refresh
from matching.selectors import needs as selectors
from tests.factories import make_need

pytestmark = pytest.mark.django_db


@pytest.fixture
def five_needs(db, monkeypatch):
    monkeypatch.setattr(selectors, "KEPT_COUNT_FROM", 3)
    for i in range(5):
        make_need(county="360321", title=f"计数需求{i}")
    figures_refresh()


def _count(**filters) -> tuple[int, list[str]]:
    with CaptureQueriesContext(connection) as captured:
        n = selectors.needs_public_count(queryset=selectors.needs_filtered(**filters), **filters)
    return n, [q["sql"] for q in captured.captured_queries]


def test_a_long_region_list_counts_a_few_rows_then_takes_the_kept_count(five_needs):
    n, queries = _count(region="360321")
    assert n == 5
    assert any("LIMIT 3" in q for q in queries) and not any(f"LIMIT {selectors.COUNT_CAP}" in q for q in queries)


def test_the_kept_count_is_never_below_the_rows_counted(five_needs, monkeypatch):
    monkeypatch.setattr(selectors, "KEPT_COUNT_FROM", 6)
    make_need(county="360321", title="计数需求5")  # not yet in the kept figures: counted, the list is short
    assert _count(region="360321")[0] == 6
    assert _count()[0] == 6


def test_other_filters_are_counted_up_to_the_cap(five_needs):
    n, queries = _count(region="360321", category="elderly_care")
    assert n == 5 and any(f"LIMIT {selectors.COUNT_CAP}" in q for q in queries)


def test_a_prefix_that_names_no_region_is_counted_exactly(five_needs):
    assert _count(region="3603")[0] == 5


def test_a_filtered_count_is_kept_until_a_need_changes(five_needs):
    assert _count(category="elderly_care")[0] == 5
    n, queries = _count(category="elderly_care")
    assert n == 5 and not any(f"LIMIT {selectors.COUNT_CAP}" in q for q in queries)  # from the cache

    make_need(county="360321", title="计数需求5")  # a save bumps the data generation

    n, queries = _count(category="elderly_care")
    assert n == 6 and any(f"LIMIT {selectors.COUNT_CAP}" in q for q in queries)


def test_the_kept_count_of_one_list_never_answers_for_another_with_the_same_filters(five_needs):
    assert _count(category="elderly_care")[0] == 5
    narrower = selectors.needs_filtered(category="elderly_care").filter(title__endswith="0")

    assert selectors.needs_public_count(queryset=narrower, category="elderly_care") == 1
