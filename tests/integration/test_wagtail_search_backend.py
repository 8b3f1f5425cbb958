"""Wagtail's admin search index: a page save writes its own entry, never a pass over the whole index."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.search.backends import get_search_backend

from tests.factories import make_need

pytestmark = pytest.mark.django_db


def test_the_configured_backend_indexes_and_finds_a_need():
    need = make_need(county="360321", title="莲花县敬老院助浴")
    backend = get_search_backend()
    backend.add(need)
    assert need.pk in [p.pk for p in backend.search("莲花县敬老院助浴", type(need))]


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the full-table pass is PostgreSQL's backend")
def test_a_save_does_not_average_or_rewrite_the_whole_index():
    for i in range(3):
        make_need(county="360321", title=f"敬老院改造{i}")

    with CaptureQueriesContext(connection) as queries:
        make_need(county="360321", title="留守儿童课后托管")

    index_sql = [q["sql"] for q in queries if "indexentry" in q["sql"].lower()]
    assert index_sql, "the save wrote no index entry at all"
    assert not [sql for sql in index_sql if "AVG(" in sql.upper()]
    assert not [sql for sql in index_sql if sql.upper().startswith("UPDATE") and "title_norm" in sql]
