"""Decisions about organisations: the record of who decided, and the hand-over when someone may not decide.

Every decision service (match answers by staff, vetting, disbursement approval, confirmation and rejection,
emergency advances) writes one `DecisionRecord` in its own transaction, naming the person and the conflict check
that passed. A refusal for an interest (`InterestConflict`) tells the people who may decide instead, in their
inbox, after the refused decision rolled back.
"""

import functools

from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext as _

from matching.funding.models import Disbursement
from matching.models import DecisionRecord, Match, NeedPage, Organisation, Project
from matching.notifications.models import Notification
from matching.notifications.services import notify
from matching.permissions import (
    InterestConflict,
    actor_user,
    has_interest,
    leads_project,
    person_label,
)
from matching.permissions.organisations import registration_code

HANDED_OVER = "decision.handed_over"


def decision_record(
    *,
    kind: str,
    outcome: str,
    user,
    organisation: Organisation,
    subject: str,
    region_code: str,
    project: Project | None = None,
    need: NeedPage | None = None,
    check: str = DecisionRecord.Check.NO_INTEREST,
) -> DecisionRecord:
    """Append who decided and whether the conflict check found nothing (it is checked again here, so the
    record states the facts at the moment of the decision, not what the caller assumed)."""
    person = actor_user(user) if user is not None else None
    if check == DecisionRecord.Check.NOT_PROJECT_LEAD:
        clear = project is None or not leads_project(user, project)
    else:
        clear = not has_interest(user, organisation)
    return DecisionRecord.objects.create(
        kind=kind,
        outcome=outcome[:40],
        decided_by=person if getattr(person, "pk", None) else None,
        organisation=organisation,
        project=project,
        need=need,
        subject=subject[:40],
        region_code=region_code,
        check_applied=check,
        no_interest_applied=clear,
    )


def record_match_answer(*, match: Match, user, outcome: str) -> DecisionRecord:
    return decision_record(
        kind=DecisionRecord.Kind.MATCH_ANSWER,
        outcome=outcome,
        user=user,
        organisation=match.project.organisation,
        project=match.project,
        need=match.need,
        subject=f"match:{match.pk}",
        region_code=match.need.county_id or "",
    )


def record_vetting(*, organisation: Organisation, user, outcome: str) -> DecisionRecord:
    return decision_record(
        kind=DecisionRecord.Kind.ORGANISATION_VET,
        outcome=outcome,
        user=user,
        organisation=organisation,
        subject=f"organisation:{organisation.pk}",
        region_code=registration_code(organisation),
    )


def record_disbursement(
    *, disbursement: Disbursement, user, kind: str, outcome: str, check: str = DecisionRecord.Check.NO_INTEREST
) -> DecisionRecord:
    return decision_record(
        kind=kind,
        outcome=outcome,
        user=user,
        organisation=disbursement.project.organisation,
        project=disbursement.project,
        need=disbursement.need,
        subject=f"disbursement:{disbursement.pk}",
        region_code=disbursement.need.county_id or "",
        check=check,
    )


def _url(name: str, *args) -> str:
    try:
        return reverse(name, args=args)
    except NoReverseMatch:
        return ""


def _where(conflict: InterestConflict) -> str:
    subject = conflict.subject
    if isinstance(subject, Match):
        return _url("matching_need_candidates", subject.need_id)
    if isinstance(subject, Organisation):
        return _url("organisation_vet", subject.pk)
    if isinstance(subject, Disbursement) and conflict.kind == DecisionRecord.Kind.DISBURSEMENT_APPROVE:
        return _url("portal:project_money", subject.project_id)
    if isinstance(subject, Disbursement):
        return _url("funding_admin:disbursements")
    return _url("funding_admin:advance_new")


def decision_hand_over(*, conflict: InterestConflict) -> list[Notification]:
    """Tell the people who may decide instead; once per person while the earlier message is unread."""
    url = _where(conflict)
    title = _("利益回避：请您%(decision)s") % {"decision": conflict.decision}
    waiting = set(
        Notification.objects.filter(kind=HANDED_OVER, url=url, title=title, read_at__isnull=True).values_list(
            "recipient_id", flat=True
        )
    )
    who = person_label(conflict.refused) if conflict.refused is not None else _("一位工作人员")
    body = _("%(who)s与“%(organisation)s”有利益关系，已回避；此决定由您作出。") % {
        "who": who,
        "organisation": conflict.organisation.name,
    }
    return notify(
        recipients=[u for u in conflict.deciders if u.pk not in waiting],
        kind=HANDED_OVER,
        title=title,
        body=body,
        url=url,
    )


def hands_over_on_conflict(service):
    """Wrap a decision service: when it refuses for an interest, the refused decision has rolled back; the
    people who may decide are then told (in their own transaction) and the refusal goes on to the caller."""

    @functools.wraps(service)
    def decide(*args, **kwargs):
        try:
            return service(*args, **kwargs)
        except InterestConflict as conflict:
            decision_hand_over(conflict=conflict)
            raise

    return decide
