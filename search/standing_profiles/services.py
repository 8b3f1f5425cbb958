"""Standing profiles: writes (save, delete) and the alert of a newly published need.

Which profiles may a need fit? On a backend that percolates (Elasticsearch: one stored query per
profile, ``search.percolator``) the engine answers; profiles reach it through the indexing outbox
(kind ``profile``) like any document. Otherwise, and whenever the engine is down, two indexed
lookups on ``StandingProfileKey`` answer (its covering regions, its categories, or ``*``). Either
way every candidate is then checked with the pure ``profile_fits``, the one definition of
"fits", so both paths alert the same organisations.
"""

from __future__ import annotations

import logging

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from matching.taxonomy import CATEGORIES
from search.backends.base import SearchUnavailable, get_search_backend
from search.models import ProfileAlert, StandingProfile, StandingProfileKey
from search.outbox import outbox_enqueue
from search.standing_profiles.rules import (
    MAX_KEYWORDS,
    URGENCY_RANK,
    ProfileSpec,
    need_lookup_keys,
    profile_fits,
    profile_keys,
)

logger = logging.getLogger(__name__)
MAX_PROFILES_PER_ORGANISATION = 20
PROFILE_KIND = "profile"  # outbox kind: the percolator copy of a profile


def spec_of(profile: StandingProfile) -> ProfileSpec:
    return ProfileSpec(
        categories=tuple(profile.categories),
        regions=tuple(profile.regions),
        keywords=tuple(profile.keywords),
        min_urgency=profile.min_urgency,
    )


def _clean(*, name: str, categories, regions, keywords, min_urgency: str) -> dict:
    from matching.models import Region

    errors: dict[str, str] = {}
    name = (name or "").strip()
    if not name:
        errors["name"] = "请填写名称"
    elif len(name) > 60:
        errors["name"] = "名称不能超过60字"
    categories = list(dict.fromkeys(c for c in (categories or ()) if c))
    if unknown := [c for c in categories if c not in CATEGORIES]:
        errors["categories"] = f"未知的类别：{'、'.join(unknown)}"
    regions = list(dict.fromkeys(r.strip() for r in (regions or ()) if r and r.strip()))
    known = set(Region.objects.filter(code__in=regions).values_list("code", flat=True)) | {"000000"}
    if unknown := [r for r in regions if r not in known]:
        errors["regions"] = f"行政区划代码不存在：{'、'.join(unknown)}"
    keywords = list(dict.fromkeys(k.strip() for k in (keywords or ()) if k and k.strip()))
    if len(keywords) > MAX_KEYWORDS:
        errors["keywords"] = f"关键词最多{MAX_KEYWORDS}个"
    elif any(len(k) > 20 for k in keywords):
        errors["keywords"] = "每个关键词不能超过20字"
    if min_urgency not in URGENCY_RANK:
        errors["min_urgency"] = f"未知的紧急程度：{min_urgency}"
    if not (categories or regions or keywords) and "categories" not in errors:
        errors.setdefault("categories", "请至少填写一个类别、地区或关键词")
    if errors:
        raise ValidationError(errors)
    return {
        "name": name,
        "categories": categories,
        "regions": regions,
        "keywords": keywords,
        "min_urgency": min_urgency,
    }


@transaction.atomic
def standing_profile_save(
    *,
    user,
    organisation,
    name: str,
    categories=(),
    regions=(),
    keywords=(),
    min_urgency: str = "normal",
    profile: StandingProfile | None = None,
) -> StandingProfile:
    """Create or change a profile of the caller's organisation (its admins only)."""
    from matching.permissions import actor_user, require_org_member

    require_org_member(user=user, organisation=organisation, admin=True)
    if profile is not None and profile.organisation_id != organisation.pk:
        from django.http import Http404

        raise Http404("profile not found")
    fields = _clean(name=name, categories=categories, regions=regions, keywords=keywords, min_urgency=min_urgency)
    if profile is None:
        if StandingProfile.objects.filter(organisation=organisation).count() >= MAX_PROFILES_PER_ORGANISATION:
            raise ValidationError({"name": f"每个组织最多保存{MAX_PROFILES_PER_ORGANISATION}个关注条件"})
        profile = StandingProfile(organisation=organisation, created_by=actor_user(user))
    for key, value in fields.items():
        setattr(profile, key, value)
    profile.save()
    profile.keys.all().delete()
    StandingProfileKey.objects.bulk_create(
        [StandingProfileKey(profile=profile, dimension=d, code=c) for d, c in profile_keys(spec_of(profile))]
    )
    outbox_enqueue(kind=PROFILE_KIND, refs=[str(profile.pk)])
    return profile


@transaction.atomic
def standing_profile_delete(*, user, profile: StandingProfile) -> None:
    from matching.permissions import require_org_member

    require_org_member(user=user, organisation=profile.organisation, admin=True)
    outbox_enqueue(kind=PROFILE_KIND, refs=[str(profile.pk)])
    profile.delete()


def _percolatable():
    return (
        StandingProfile.objects.filter(active=True)
        .exclude(organisation__status="suspended")
        .select_related("organisation")
    )


def profiles_apply(target, refs) -> None:
    """The outbox's work for profiles: copy them to a backend that percolates (elsewhere the database keys
    answer, and there is nothing to copy)."""
    if target.supports_percolation:
        docs, gone = profile_documents(refs)
        target.profiles_put(docs)
        target.profiles_delete(gone)


def profile_documents(profile_ids) -> tuple[list[dict], list[str]]:
    """(percolator documents to store, ids to delete) for ``profile_ids``, read from the database:
    an inactive or deleted profile, or one of a suspended organisation, is deleted."""
    from search.percolator import profile_percolator_document

    ids = [str(i) for i in profile_ids]
    found = {str(p.pk): p for p in _percolatable().filter(pk__in=[i for i in ids if i.isdigit()])}
    docs = [
        profile_percolator_document(profile_id=p.pk, organisation=p.organisation.ref, spec=spec_of(p))
        for p in found.values()
    ]
    return docs, [i for i in ids if i not in found]


def iter_profile_documents():
    """Every percolatable profile, for ``search_index rebuild``."""
    from search.percolator import profile_percolator_document

    for p in _percolatable().order_by("pk").iterator(chunk_size=1000):
        yield profile_percolator_document(profile_id=p.pk, organisation=p.organisation.ref, spec=spec_of(p))


def profiles_candidates(need: dict):
    """Active profiles whose region key and category key both fit the need (indexed lookups on the
    database: the path of a backend that does not percolate, or is down)."""
    keys = need_lookup_keys(need)
    by_region = StandingProfileKey.objects.filter(dimension="region", code__in=keys["region"]).values("profile_id")
    by_category = StandingProfileKey.objects.filter(dimension="category", code__in=keys["category"]).values(
        "profile_id"
    )
    return (
        StandingProfile.objects.filter(active=True, pk__in=by_region)
        .filter(pk__in=by_category)
        .exclude(organisation__status="suspended")
        .select_related("organisation")
    )


def profiles_fitting(need: dict):
    """Profiles the need may fit: the engine's percolator where there is one, else (or when the
    engine is down) the database key lookup. Callers still check ``profile_fits``."""
    backend = get_search_backend()
    if backend.supports_percolation:
        try:
            ids = backend.percolate(need)
        except SearchUnavailable as exc:
            logger.warning("standing profiles: percolator unavailable (%s); using the database keys", exc)
        else:
            return _percolatable().filter(pk__in=[int(i) for i in ids if str(i).isdigit()])
    return profiles_candidates(need)


def profiles_alert_for_need(*, need_ref: str) -> int:
    """Alert every organisation with a profile the (live, open) need fits; once per profile and need.
    Returns how many organisations were told."""
    return profiles_alert_for_needs(need_refs=[need_ref])


def profiles_alert_for_needs(*, need_refs) -> int:
    """``profiles_alert_for_need`` for many needs (an import's batch): the pages read with one query per
    relation, not per need. Returns how many alerts (organisation, need) were sent.

    Without a percolating backend the database key lookup runs once for the whole batch, on the keys of
    every need (a superset of each need's candidates; ``profile_fits`` decides for each need, as after
    ``profiles_fitting``). When no profile can fit any of them, no need document is built at all."""
    from matching.models import NeedPage
    from search.documents import indexable_queryset, need_document

    pages = indexable_queryset("need").filter(ref__in=list(need_refs), status=NeedPage.Status.OPEN)
    shared = None
    if not get_search_backend().supports_percolation:
        keys = _lookup_document(pages)
        if not keys["region_path"]:
            return 0
        shared = list(profiles_candidates(keys))
        if not shared:
            return 0
    return sum(_profiles_alert_page(page, need_document(page), shared) for page in pages)


def _lookup_document(pages) -> dict:
    """The fields of the pages' documents that ``need_lookup_keys`` reads (``need_document`` gives each page
    the same region path and categories), for all of them at once, from two narrow queries."""
    from matching.models import NeedPage
    from search.matcher.hard_rules import region_ancestors

    rows = dict(pages.prefetch_related(None).values_list("pk", "county_id"))
    links = NeedPage.categories.through.objects.filter(**{f"{NeedPage.categories.field.m2m_field_name()}__in": rows})
    return {
        "region_path": sorted({c for county in rows.values() if county for c in region_ancestors(county)}),
        "categories": sorted(set(links.values_list(NeedPage.categories.field.m2m_reverse_field_name(), flat=True))),
    }


def _profiles_alert_page(page, need: dict, candidates: list | None) -> int:
    from django.urls import reverse

    from matching.notifications.services import notify_organisation

    told: set[int] = set()
    for profile in profiles_fitting(need) if candidates is None else candidates:
        if not profile_fits(spec_of(profile), need) or profile.organisation_id in told:
            continue
        try:
            with transaction.atomic():
                ProfileAlert.objects.create(profile=profile, need_ref=page.ref)
                notify_organisation(
                    organisation=profile.organisation,
                    kind="search.profile_match",
                    title=f"新需求符合您的关注条件“{profile.name}”：{page.title}",
                    body=f"{need.get('region_name', '')} · {page.get_urgency_display()}",
                    url=page.url or reverse("cms:need_list"),
                )
        except IntegrityError:  # already alerted for this profile (a re-publish, a retried task)
            continue
        told.add(profile.organisation_id)
    return len(told)
