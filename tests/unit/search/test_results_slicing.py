"""Slicing lazy search results: an open-ended slice pages from its start."""

import pytest

from search.backends.base import SearchQueryError, SearchResults


class _Stub:
    def __init__(self, per_page):
        self.per_page = per_page
        self.calls = []

    def _run(self, offset, limit, with_facets):
        self.calls.append((offset, limit))
        return type("Page", (), {"hits": list(range(offset, offset + limit))})()


def test_open_ended_slice_uses_its_start_and_the_page_size():
    results = _Stub(per_page=20)
    assert SearchResults.__getitem__(results, slice(40, None)) == list(range(40, 60))
    assert results.calls == [(40, 20)]


def test_negative_or_stepped_slices_are_refused():
    with pytest.raises(SearchQueryError):
        SearchResults.__getitem__(_Stub(per_page=20), slice(-1, 5))
    with pytest.raises(SearchQueryError):
        SearchResults.__getitem__(_Stub(per_page=20), slice(0, 10, 2))
