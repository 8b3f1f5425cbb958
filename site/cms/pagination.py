"""Page numbers over lists that are too long to count on every request, and keyset pages past them."""

from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import urlencode

from django.core.paginator import Paginator
from django.utils.functional import cached_property

from cms.deep_pages import deep_rows


class CountedPaginator(Paginator):
    """A Paginator whose count comes from ``count`` (a kept count, or a count bounded at a cap) instead of
    COUNT(*) over the whole filtered list. The page itself is still LIMIT/OFFSET on an index."""

    def __init__(self, object_list, per_page, *, count: Callable[[], int] | None = None, keyset=None, **kwargs):
        super().__init__(object_list, per_page, **kwargs)
        self._count = count
        self._keyset = keyset

    @cached_property
    def count(self) -> int:
        return self._count() if self._count is not None else super().count

    def page(self, number):
        """A page always holds up to per_page rows of the list, even if the count is behind the list (a kept
        count refreshed a minute ago must not hide a need published since)."""
        number = self.validate_number(number)
        bottom = (number - 1) * self.per_page
        return self._get_page(self._rows(bottom, bottom + self.per_page), number, self)

    def _rows(self, start: int, stop: int) -> list:
        """Deep pages: the offset is walked on the ids alone (an index scan, no joined columns), then the
        page's rows are read by id with everything the list shows. A list with a keyset walks only from the
        nearest kept boundary (``deep_pages.py``)."""
        if start < DEEP or not hasattr(self.object_list, "values_list"):
            return self.object_list[start:stop]
        if self._keyset is not None:
            return deep_rows(self.object_list, start, stop, keyset=self._keyset)
        ids = list(self.object_list.values_list("pk", flat=True)[start:stop])
        rows = {row.pk: row for row in self.object_list.filter(pk__in=ids)}
        return [rows[pk] for pk in ids if pk in rows]


DEEP = 200  # rows; from page 11 of 20 on


@dataclass
class ListPage:
    """One page of a list paged both ways: numbered (``?page=N``, for the first pages and for a person who
    types a number) and by keyset (``?after=`` / ``?before=`` a cursor, what the next and previous links
    carry), so following the links never walks an offset however deep the list is.

    ``next_query`` and ``previous_query`` are the query parameters of the links (None: no link; "" for the
    first page); ``number`` and ``num_pages`` only for a numbered page."""

    rows: list
    count: int
    next_query: str | None
    previous_query: str | None
    number: int | None = None
    num_pages: int | None = None


@dataclass(frozen=True)
class Keyset:
    """How a list pages by keyset: ``after(queryset, cursor)`` and ``before(queryset, cursor)`` (nearest first)
    raise ValueError for a cursor the list did not give; ``cursor(row)`` names a row, and needs no more of it
    than its ``fields`` and pk (deep numbered pages name rows they only walked, ``deep_pages.py``)."""

    after: Callable
    before: Callable
    cursor: Callable[[object], str]
    fields: tuple[str, ...] = ()


def list_page(params, queryset, *, per_page: int, count: Callable[[], int], keyset: Keyset) -> ListPage:
    """The page the query ``params`` ask for. ValueError for a cursor the list did not give, or for
    ``after``, ``before`` and ``page`` mixed."""
    given = [name for name in ("after", "before", "page") if name in params]
    if len(given) > 1:
        raise ValueError("after, before and page exclude each other")
    if given == ["after"]:
        return _after_page(queryset, params["after"], per_page=per_page, count=count, keyset=keyset)
    if given == ["before"]:
        return _before_page(queryset, params["before"], per_page=per_page, count=count, keyset=keyset)
    page = CountedPaginator(queryset, per_page, count=count, keyset=keyset).get_page(params.get("page"))
    rows = list(page.object_list)
    previous = None
    if page.has_previous():
        previous = "" if page.number == 2 else urlencode({"before": keyset.cursor(rows[0])})
    return ListPage(
        rows=rows,
        count=page.paginator.count,
        next_query=urlencode({"after": keyset.cursor(rows[-1])}) if page.has_next() else None,
        previous_query=previous,
        number=page.number,
        num_pages=page.paginator.num_pages,
    )


def _after_page(queryset, cursor: str, *, per_page: int, count, keyset: Keyset) -> ListPage:
    rows = list(keyset.after(queryset, cursor)[: per_page + 1])
    more, rows = len(rows) > per_page, rows[:per_page]
    return ListPage(
        rows=rows,
        count=count(),
        next_query=urlencode({"after": keyset.cursor(rows[-1])}) if more else None,
        # Rows before the cursor exist (the cursor's own row, at least): the previous page ends there.
        previous_query=urlencode({"before": keyset.cursor(rows[0]) if rows else cursor}),
    )


def _before_page(queryset, cursor: str, *, per_page: int, count, keyset: Keyset) -> ListPage:
    nearest = list(keyset.before(queryset, cursor)[: per_page + 1])
    more, rows = len(nearest) > per_page, nearest[:per_page][::-1]
    return ListPage(
        rows=rows,
        count=count(),
        next_query=urlencode({"after": keyset.cursor(rows[-1]) if rows else cursor}),
        previous_query=urlencode({"before": keyset.cursor(rows[0])}) if more else None,
    )
