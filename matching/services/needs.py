"""Writes on needs. Every status change lands on the need's public response log (件件有回音)."""
from dataclasses import dataclass

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from matching.models import Category, NeedPage, Region, ResponseLogEntry, Skill
from matching.services.regions import region_page_ensure

STAFF_LABEL = "民政部门"

STATUS_MESSAGES = {
    "open": "需求已发布，等待响应",
    "matched": "已与帮扶项目匹配",
    "in_progress": "帮扶实施中",
    "fulfilled": "需求已完成",
    "closed": "需求已关闭",
    "draft": "需求退回草稿",
}


def _reindex(need: NeedPage) -> None:
    """QuerySet.update() sends no signal: queue the search-index update in this transaction."""
    from search.outbox import outbox_enqueue

    outbox_enqueue(kind="need", refs=[need.ref])


@dataclass(frozen=True)
class NeedFields:
    title: str
    description: str
    categories: list[str]
    circle: str = "core"
    urgency: str = "normal"
    beneficiaries: int = 0
    amount_requested: int = 0
    currency: str = "CNY"
    volunteers_needed: int = 0
    skills: tuple[str, ...] = ()
    deadline: object = None
    status: str = "open"


def _apply_fields(page: NeedPage, fields: NeedFields) -> None:
    for name in ("title", "description", "circle", "urgency", "beneficiaries", "amount_requested", "currency",
                 "volunteers_needed", "deadline", "status"):
        setattr(page, name, getattr(fields, name))
    page.categories = list(Category.objects.filter(code__in=fields.categories))
    page.skills = list(Skill.objects.filter(code__in=fields.skills))


def need_check_can_edit(*, user: AbstractBaseUser | None, county: Region) -> None:
    """Staff may create and change needs only inside the region their group is scoped to."""
    if user is None:  # system operations: import, demo data
        return
    page = region_page_ensure(region=county)
    perms = page.permissions_for_user(user)
    if not perms.can_add_subpage():
        raise PermissionDenied("您没有在该地区发布需求的权限")


@transaction.atomic
def need_create(*, county: Region, fields: NeedFields, ref: str = "", user: AbstractBaseUser | None = None,
                publish: bool = True, published_on=None) -> NeedPage:
    """Create a need under its county's page; publish it unless it is a draft."""
    if county.level != Region.Level.COUNTY:
        raise ValidationError({"region": f"需求必须属于县级行政区，{county.code} 是{county.get_level_display()}"})
    need_check_can_edit(user=user, county=county)
    parent = region_page_ensure(region=county)
    page = NeedPage(county=county, slug=None)
    if ref:
        page.ref = ref
    _apply_fields(page, fields)
    page.slug = page.ref
    page.live = False
    parent.add_child(instance=page)
    revision = page.save_revision(user=user, log_action=True)
    if publish and fields.status != NeedPage.Status.DRAFT:
        if user is not None and not page.permissions_for_user(user).can_publish():
            need_submit_for_moderation(need=page, user=user)
            return page
        revision.publish(user=user)
        page.refresh_from_db()
        if published_on is not None and page.published_on != published_on:
            NeedPage.objects.filter(pk=page.pk).update(published_on=published_on)
            page.published_on = published_on
            _reindex(page)
    return page


def need_submit_for_moderation(*, need: NeedPage, user: AbstractBaseUser) -> None:
    """Staff without publish rights (clerks) send the need to the region's approval workflow."""
    workflow = need.get_workflow()
    if workflow is None:
        raise PermissionDenied("该地区没有审核流程，且您没有发布权限")
    workflow.start(need, user)


@transaction.atomic
def need_update(*, need: NeedPage, fields: NeedFields, user: AbstractBaseUser | None = None) -> NeedPage:
    need_check_can_edit(user=user, county=need.county)
    _apply_fields(need, fields)
    revision = need.save_revision(user=user, log_action=True)
    if fields.status != NeedPage.Status.DRAFT:
        revision.publish(user=user)
    need.refresh_from_db()
    return need


def need_sync_response_log(*, need: NeedPage, user: AbstractBaseUser | None = None) -> ResponseLogEntry | None:
    """Write the log line for the need's current status if the log does not show it yet.

    Called whenever a need is published, whichever interface published it, so admin edits,
    imports and services all leave the same trace. Safe to call twice.
    """
    last = need.response_log.exclude(to_status="").order_by("-created_at", "-id").first()
    if last is not None and last.to_status == need.status:
        return None
    fields = {}
    if need.published_on is None and need.status != NeedPage.Status.DRAFT:
        fields["published_on"] = timezone.localdate()
    if fields:
        NeedPage.objects.filter(pk=need.pk).update(**fields)
        for key, value in fields.items():
            setattr(need, key, value)
        _reindex(need)
    return ResponseLogEntry.objects.create(
        need=need,
        kind=ResponseLogEntry.Kind.PUBLISHED if last is None else ResponseLogEntry.Kind.STATUS,
        actor_label=STAFF_LABEL,
        actor=user,
        message=STATUS_MESSAGES.get(need.status, need.status),
        from_status=last.to_status if last else "",
        to_status=need.status,
    )


@transaction.atomic
def need_set_status(*, need: NeedPage, status: str, user: AbstractBaseUser | None = None,
                    actor_label: str = STAFF_LABEL, note: str = "") -> NeedPage:
    """Move a need along its lifecycle; refuse a jump the lifecycle does not allow."""
    need = NeedPage.objects.select_for_update().get(pk=need.pk)
    if status == need.status:
        return need
    if not need.can_become(status):
        raise ValidationError({"status": f"需求不能从“{need.get_status_display()}”变为“{dict(NeedPage.Status.choices).get(status, status)}”"})
    if status == NeedPage.Status.FULFILLED and not need.deliveries.exists():
        raise ValidationError({"status": "需求须有交付记录（交付内容、时间、交付方与佐证）才能标为已完成"})
    previous = need.status
    ResponseLogEntry.objects.create(
        need=need, kind=ResponseLogEntry.Kind.STATUS, actor_label=actor_label, actor=user,
        message=note or STATUS_MESSAGES.get(status, status), from_status=previous, to_status=status,
    )
    need.status = status
    if need.live:
        # A new revision keeps the editor in step with the live page.
        need.save_revision(user=user, log_action=False).publish(user=user, log_action=False)
    else:
        NeedPage.objects.filter(pk=need.pk).update(status=status)
        _reindex(need)
    return need


def need_record_response(*, need: NeedPage, actor_label: str, message: str, kind: str = "response",
                         user: AbstractBaseUser | None = None) -> ResponseLogEntry:
    """A response to a need (an organisation's answer, a staff note); the first one stamps the need."""
    entry = ResponseLogEntry.objects.create(need=need, kind=kind, actor_label=actor_label, message=message, actor=user)
    if need.first_response_at is None:
        NeedPage.objects.filter(pk=need.pk, first_response_at__isnull=True).update(first_response_at=entry.created_at)
        need.first_response_at = entry.created_at
        _reindex(need)
    return entry
