"""Region scoping shared by the outcome selectors."""
from django.db.models import Q


def region_q(codes, *, field: str = "county") -> Q:
    """Q for rows whose county lies in any of the region codes (province, prefecture or county).

    ``codes`` None means nationwide (no filter); an empty list matches nothing.
    """
    if codes is None:
        return Q()
    codes = list(codes)
    if not codes:
        return Q(pk__in=[])
    return (Q(**{f"{field}_id__in": codes}) | Q(**{f"{field}__parent_id__in": codes})
            | Q(**{f"{field}__parent__parent_id__in": codes}))


def county_codes_under(codes) -> list[str] | None:
    """Every county code under the given region codes (one query); None stays None (nationwide)."""
    from matching.models import Region

    if codes is None:
        return None
    scope = Q(code__in=codes) | Q(parent_id__in=codes) | Q(parent__parent_id__in=codes)
    return list(Region.objects.filter(scope, level=Region.Level.COUNTY).values_list("code", flat=True))
