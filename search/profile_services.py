"""Standing profiles: writes (save, delete) and the alert of a newly published need.

On the embedded engine the profiles a need may fit are found with two indexed lookups on
``StandingProfileKey`` (its covering regions, its categories, or ``*``) and then checked with the
pure ``profile_matches``. On Elasticsearch the same question is a percolator query
(``search.percolator``); both give the same answer for the same profile.
"""
from __future__ import annotations

import logging

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from matching.taxonomy import CATEGORIES
from search.models import ProfileAlert, StandingProfile, StandingProfileKey
from search.profiles import MAX_KEYWORDS, URGENCY_RANK, ProfileSpec, need_lookup_keys, profile_keys, profile_matches

logger = logging.getLogger(__name__)
MAX_PROFILES_PER_ORGANISATION = 20


def spec_of(profile: StandingProfile) -> ProfileSpec:
    return ProfileSpec(categories=tuple(profile.categories), regions=tuple(profile.regions),
                       keywords=tuple(profile.keywords), min_urgency=profile.min_urgency)


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
    return {"name": name, "categories": categories, "regions": regions, "keywords": keywords,
            "min_urgency": min_urgency}


@transaction.atomic
def standing_profile_save(*, user, organisation, name: str, categories=(), regions=(), keywords=(),
                          min_urgency: str = "normal", profile: StandingProfile | None = None) -> StandingProfile:
    """Create or change a profile of the caller's organisation (its admins only)."""
    from matching.services.membership import actor_user, membership_require

    membership_require(user=user, organisation=organisation, admin=True)
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
        [StandingProfileKey(profile=profile, dimension=d, code=c) for d, c in profile_keys(spec_of(profile))])
    return profile


@transaction.atomic
def standing_profile_delete(*, user, profile: StandingProfile) -> None:
    from matching.services.membership import membership_require

    membership_require(user=user, organisation=profile.organisation, admin=True)
    profile.delete()


def profiles_candidates(need: dict):
    """Active profiles whose region key and category key both fit the need (indexed lookups)."""
    keys = need_lookup_keys(need)
    by_region = StandingProfileKey.objects.filter(dimension="region", code__in=keys["region"]).values("profile_id")
    by_category = StandingProfileKey.objects.filter(dimension="category", code__in=keys["category"]
                                                    ).values("profile_id")
    return (StandingProfile.objects.filter(active=True, pk__in=by_region).filter(pk__in=by_category)
            .exclude(organisation__status="suspended").select_related("organisation"))


def profiles_alert_for_need(*, need_ref: str) -> int:
    """Alert every organisation with a profile the (live, open) need fits; once per profile and need.
    Returns how many organisations were told."""
    from django.urls import reverse

    from matching.models import NeedPage
    from matching.notifications.services import notify_organisation
    from search.documents import need_document

    page = NeedPage.objects.live().filter(ref=need_ref, status=NeedPage.Status.OPEN).select_related(
        "county").first()
    if page is None:
        return 0
    need = need_document(page)
    told: set[int] = set()
    for profile in profiles_candidates(need):
        if not profile_matches(spec_of(profile), need) or profile.organisation_id in told:
            continue
        try:
            with transaction.atomic():
                ProfileAlert.objects.create(profile=profile, need_ref=need_ref)
                notify_organisation(
                    organisation=profile.organisation, kind="search.profile_match",
                    title=f"新需求符合您的关注条件“{profile.name}”：{page.title}",
                    body=f"{need.get('region_name', '')} · {page.get_urgency_display()}",
                    url=page.url or reverse("cms:need_list"))
        except IntegrityError:  # already alerted for this profile (a re-publish, a retried task)
            continue
        told.add(profile.organisation_id)
    return len(told)
