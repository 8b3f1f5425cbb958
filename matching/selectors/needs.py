"""Reads of needs for public pages: live pages only, counts only, cost independent of length."""

import datetime

from django.conf import settings
from django.core.cache import cache
from django.db.models import F, Q, QuerySet

from matching.models import NeedPage, Region
from matching.outcomes.cache import queryset_key

# Newest first. page_ptr_id (the same value as id) keeps both keys on the need's own table, so the
# index need_public_order gives the order and a page is an index scan that stops after it.
# Needs without a publication date come first, as PostgreSQL orders a descending column (and the index
# read backwards gives); said explicitly so every database pages them the same way.
PUBLIC_ORDER = (F("published_on").desc(nulls_first=True), "-page_ptr_id")


def needs_public() -> QuerySet[NeedPage]:
    return (
        NeedPage.objects.publicly_visible()
        .select_related("county", "county__parent", "county__parent__parent")
        .prefetch_related("categories")
    )


def needs_public_for_region(*, region: Region) -> QuerySet[NeedPage]:
    return needs_public().filter(Region.objects.under_q([region.code], via="county"))


def needs_filtered(
    *, region: str = "", category: str = "", urgency: str = "", circle: str = "", status: str = ""
) -> QuerySet[NeedPage]:
    """The public needs list with its filters; unknown values simply match nothing."""
    qs = needs_public()
    if region:
        qs = qs.filter(Region.objects.under_q([region], via="county"))
    if category:
        qs = qs.filter(categories__code=category)
    if urgency:
        qs = qs.filter(urgency=urgency)
    if circle:
        qs = qs.filter(circle=circle)
    if status:
        qs = qs.filter(status=status)
    # No DISTINCT: one category joins at most one row per need (the many-to-many pair is unique), and a
    # DISTINCT would sort the whole filtered list before the LIMIT, on every page.
    return qs.order_by(*PUBLIC_ORDER)


# A list is counted up to this many rows (1,000 pages of 20), so no request scans more.
COUNT_CAP = 20_000
# A list the kept figures count (unfiltered, or by region and/or status) is counted only this far: past it the
# kept count is taken. Counting a province's 20,000 needs joined with their pages was most of the time of its
# list at a million needs (docs/performance.md, "Needs by province").
KEPT_COUNT_FROM = 1_000


def needs_public_count(*, queryset: QuerySet[NeedPage], region: str = "", status: str = "", **other_filters) -> int:
    """How many needs a public list holds, without COUNT(*) over a million rows on every request.

    A list unfiltered or filtered by region and/or status only is counted up to KEPT_COUNT_FROM rows: exact
    for a shorter list; a longer one takes the kept transparency figures (live needs per region and status,
    refreshed by Celery within a minute; needs under a view restriction counted too), never less than the
    rows counted. With any other filter the list is counted up to COUNT_CAP rows and reports COUNT_CAP past
    it; that count is kept in the cache under the data generation."""
    from matching.outcomes.selectors.kept import STATUSES, kept_region

    kept = not any(other_filters.values()) and status in ("", *STATUSES)
    rows = queryset.order_by().values("pk")
    if not kept:
        return _count_kept_in_cache(rows)
    bounded = rows[:KEPT_COUNT_FROM].count()
    if bounded < KEPT_COUNT_FROM:
        return bounded
    code = region or "000000"
    if code != "000000" and not Region.objects.filter(code=code).exists():
        return rows[:COUNT_CAP].count()  # a prefix that names no region: no kept figures to take
    row = kept_region(code=code)
    return max(bounded, getattr(row, f"needs_{status}") if status else row.needs_total)


def _count_kept_in_cache(rows: QuerySet) -> int:
    """A list the kept figures do not count, counted up to COUNT_CAP once per list (its SQL: the filters and
    the list it narrows) and data generation (``outcomes/cache.py``: every save of a need bumps it) and kept for
    at most CATALOGUE_COUNT_SECONDS: counting 20,000 needs of a category with their pages took 200 ms a request
    at the national size. A cache outage only costs the count."""
    key = queryset_key("needs:count", rows)
    count = cache.get(key)
    if count is None:
        count = rows[:COUNT_CAP].count()
        cache.set(key, count, settings.CATALOGUE_COUNT_SECONDS)
    return count


class BadCursor(ValueError):
    """A keyset cursor that is not one this list handed out."""


# What need_cursor reads of a need besides its pk.
NEED_CURSOR_FIELDS = ("published_on",)


def need_cursor(need: NeedPage) -> str:
    """Where a page of the public order ends, to continue after it: ``YYYYMMDD-id`` (``none-id`` for a need
    without a publication date)."""
    day = need.published_on.strftime("%Y%m%d") if need.published_on else "none"
    return f"{day}-{need.pk}"


def _cursor_parts(cursor: str) -> tuple[datetime.date | None, int]:
    """The publication day (None: none) and id a cursor names; BadCursor for anything this list did not give."""
    day, _, pk = (cursor or "").partition("-")
    if not (pk.isascii() and pk.isdigit() and len(pk) <= 12) or not (
        day == "none" or (day.isascii() and day.isdigit() and len(day) == 8)
    ):
        raise BadCursor(cursor)
    if day == "none":
        return None, int(pk)
    try:
        return datetime.datetime.strptime(day, "%Y%m%d").date(), int(pk)
    except ValueError:
        raise BadCursor(cursor) from None


def needs_after(queryset: QuerySet[NeedPage], cursor: str) -> QuerySet[NeedPage]:
    """The needs of ``queryset`` (in PUBLIC_ORDER) that come after the one ``cursor`` names (keyset
    pagination: an index range scan from the cursor, however deep; no row skipped or repeated when needs
    are published or withdrawn between two pages)."""
    date, pk = _cursor_parts(cursor)
    if date is None:
        return queryset.filter(Q(published_on__isnull=True, page_ptr_id__lt=pk) | Q(published_on__isnull=False))
    # published_on <= date bounds the index range (need_public_order read backwards starts at the cursor's
    # day); the rest skips that one day's needs up to the cursor.
    return queryset.filter(Q(published_on__lt=date) | Q(page_ptr_id__lt=pk), published_on__lte=date)


# PUBLIC_ORDER read backwards: the index need_public_order read forwards.
PUBLIC_ORDER_REVERSED = (F("published_on").asc(nulls_last=True), "page_ptr_id")


def needs_before(queryset: QuerySet[NeedPage], cursor: str) -> QuerySet[NeedPage]:
    """The needs of ``queryset`` that come before the one ``cursor`` names, nearest first (PUBLIC_ORDER
    reversed): the page before a keyset page is the first rows of this, put back in the list's order."""
    date, pk = _cursor_parts(cursor)
    qs = queryset.order_by(*PUBLIC_ORDER_REVERSED)
    if date is None:
        return qs.filter(published_on__isnull=True, page_ptr_id__gt=pk)
    return qs.filter(Q(published_on__isnull=True) | Q(published_on__gt=date) | Q(published_on=date, page_ptr_id__gt=pk))
