"""One definition of a public need (NeedPage.objects.publicly_visible): the public list, the search index
and the open-data export show the same needs, never a draft, an unpublished page or one behind a view
restriction."""

import pytest
from wagtail.models import PageViewRestriction

from matching.models import NeedPage
from matching.opendata.datasets import need_rows
from matching.selectors.needs import needs_public
from search.documents import indexable_queryset
from tests.factories import make_need

pytestmark = pytest.mark.django_db


def test_the_public_list_the_index_and_open_data_agree_on_what_is_public():
    shown = [make_need(ref=f"need-{status}", status=status) for status in NeedPage.PUBLIC_STATUSES]
    make_need(ref="need-draft", status=NeedPage.Status.DRAFT)
    unpublished = make_need(ref="need-unpublished")
    unpublished.unpublish()
    restricted = make_need(ref="need-restricted")
    PageViewRestriction.objects.create(page=restricted, restriction_type=PageViewRestriction.PASSWORD, password="x")

    expected = sorted(n.ref for n in shown)
    assert sorted(n.ref for n in NeedPage.objects.publicly_visible()) == expected
    assert sorted(n.ref for n in needs_public()) == expected
    assert sorted(n.ref for n in indexable_queryset("need")) == expected
    assert sorted(row["ref"] for row in need_rows()) == expected


def test_statuses_move_only_as_the_lifecycle_allows():
    need = make_need(ref="need-lifecycle", status=NeedPage.Status.OPEN)
    assert need.can_become(NeedPage.Status.MATCHED) and need.can_become("closed")
    assert not need.can_become(NeedPage.Status.FULFILLED) and not need.can_become("draft")
    assert set(NeedPage.TRANSITIONS) == set(NeedPage.Status.values)
