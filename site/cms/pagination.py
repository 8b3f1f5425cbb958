"""Page numbers over lists that are too long to count on every request."""

from collections.abc import Callable

from django.core.paginator import Paginator
from django.utils.functional import cached_property


class CountedPaginator(Paginator):
    """A Paginator whose count comes from ``count`` (a kept count, or a count bounded at a cap) instead of
    COUNT(*) over the whole filtered list. The page itself is still LIMIT/OFFSET on an index."""

    def __init__(self, object_list, per_page, *, count: Callable[[], int] | None = None, **kwargs):
        super().__init__(object_list, per_page, **kwargs)
        self._count = count

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
        page's rows are read by id with everything the list shows."""
        if start < DEEP or not hasattr(self.object_list, "values_list"):
            return self.object_list[start:stop]
        ids = list(self.object_list.values_list("pk", flat=True)[start:stop])
        rows = {row.pk: row for row in self.object_list.filter(pk__in=ids)}
        return [rows[pk] for pk in ids if pk in rows]


DEEP = 200  # rows; from page 11 of 20 on
