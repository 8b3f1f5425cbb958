"""Money: who moves it, who confirms it arrived, who sees the documents behind it.

An organisation's members start disbursements from its projects; a second admin (not the author) approves
large ones; officers of the need's county confirm arrival and release emergency advances; officers whose
region the project serves, or the organisation's admins, record grants and own funds and ask for refunds.
"""

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _

from matching.funding.models import Disbursement, Grant, Pledge
from matching.models import DecisionRecord, NeedPage, Project
from matching.permissions.base import actor_user, is_superuser, require, signed_in
from matching.permissions.interests import (
    has_interest,
    leads_project,
    project_approvers,
    require_no_interest,
    require_not_project_lead,
    staff_deciders,
)
from matching.permissions.needs import is_need_officer, is_need_staff
from matching.permissions.organisations import is_org_admin, is_org_member
from matching.permissions.projects import project_in_staff_scope
from matching.permissions.scope import OFFICER, is_civil_staff


def can_use_money_admin(user) -> bool:
    """The 资金 screens of the admin open for staff; each screen then shows only their region."""
    return is_civil_staff(user)


def can_record_grants(user) -> bool:
    """Public money (a government grant) enters the ledger only by an officer's hand, never a clerk's: who sees
    the 录入政府补助 screen (each project is then checked by can_record_money)."""
    return is_civil_staff(user, roles=(OFFICER,))


def can_create_disbursement(user, project: Project) -> bool:
    return is_org_member(user, project.organisation)


def can_approve_disbursement(user, disbursement: Disbursement, *, ignore_interests: bool = False) -> bool:
    """Four eyes: an admin of the organisation who is not the author, nor the project's lead."""
    return (
        is_org_admin(user, disbursement.project.organisation)
        and getattr(actor_user(user), "pk", None) != disbursement.created_by_id
        and (ignore_interests or not leads_project(user, disbursement.project))
    )


def require_approve_disbursement(user, disbursement: Disbursement) -> None:
    if getattr(actor_user(user), "pk", None) == disbursement.created_by_id:
        raise PermissionDenied(_("经办人不能审批自己发起的拨付"))
    require(can_approve_disbursement(user, disbursement, ignore_interests=True), _("只有该组织的管理员可以审批拨付"))
    project = disbursement.project
    require_not_project_lead(
        user,
        project=project,
        kind=DecisionRecord.Kind.DISBURSEMENT_APPROVE,
        decision=_("审批这笔拨付"),
        subject=disbursement,
        deciders=lambda: project_approvers(project=project, refused=user, author_id=disbursement.created_by_id),
    )


def can_confirm_disbursement(user, disbursement: Disbursement, *, ignore_interests: bool = False) -> bool:
    """The need's officers, unless they have an interest in the organisation the money comes from."""
    return is_need_officer(user, disbursement.need) and (
        ignore_interests or not has_interest(user, disbursement.project.organisation)
    )


def require_confirm_disbursement(user, disbursement: Disbursement) -> None:
    require(is_need_officer(user, disbursement.need), _("只有需求所在地区的民政干部可以确认拨付"))
    _require_staff_free(
        user,
        disbursement.project,
        disbursement.need,
        kind=DecisionRecord.Kind.DISBURSEMENT_CONFIRM,
        decision=_("确认这笔拨付"),
        subject=disbursement,
    )


def _require_staff_free(user, project: Project, need: NeedPage, *, kind: str, decision: str, subject) -> None:
    organisation = project.organisation
    require_no_interest(
        user,
        organisation=organisation,
        kind=kind,
        decision=decision,
        subject=subject,
        deciders=lambda: staff_deciders(region=need.county, organisation=organisation, refused=user),
    )


def can_reject_disbursement(user, disbursement: Disbursement) -> bool:
    """Turning money down is open to whoever could let it through, interests aside (the record names them)."""
    return can_confirm_disbursement(user, disbursement, ignore_interests=True) or can_approve_disbursement(
        user, disbursement, ignore_interests=True
    )


def can_release_advance(
    user, need: NeedPage, project: Project | None = None, *, ignore_interests: bool = False
) -> bool:
    """The need's officers; from a project, only if they have no interest in its organisation."""
    return is_need_officer(user, need) and (
        ignore_interests or project is None or not has_interest(user, project.organisation)
    )


def require_release_advance(user, need: NeedPage, project: Project) -> None:
    require(is_need_officer(user, need), _("只有需求所在县（区）的民政干部可以先行救助"))
    _require_staff_free(
        user,
        project,
        need,
        kind=DecisionRecord.Kind.ADVANCE_RELEASE,
        decision=_("从该组织的项目先行救助"),
        subject=need,
    )


def can_submit_advance_paperwork(user, disbursement: Disbursement) -> bool:
    return is_need_officer(user, disbursement.need) or is_org_admin(user, disbursement.project.organisation)


def can_record_money(user, project: Project) -> bool:
    """Grants and own funds into a project: officers whose region it serves, or the organisation's admins."""
    return project_in_staff_scope(user, project, roles=(OFFICER,)) or is_org_admin(user, project.organisation)


def can_refund_donation(user, donation) -> bool:
    project = donation.project if donation.project_id else None
    return is_superuser(user) or (project is not None and can_record_money(user, project))


@dataclass(frozen=True)
class MoneyDocumentUse:
    """Money a document backs: the project it belongs to and, for a disbursement's receipt, the need it went to."""

    project: Project
    need: NeedPage | None


def money_document_uses(*, document) -> list[MoneyDocumentUse]:
    """The grants, pledges and disbursements a document backs; empty when it backs no money."""
    uses = [
        MoneyDocumentUse(g.project, None)
        for g in Grant.objects.filter(document=document).select_related("project__organisation")
    ]
    uses += [
        MoneyDocumentUse(p.project, None)
        for p in Pledge.objects.filter(commitment_document=document).select_related("project__organisation")
    ]
    uses += [
        MoneyDocumentUse(d.project, d.need)
        for d in Disbursement.objects.filter(receipt=document).select_related("project__organisation", "need")
    ]
    return uses


def money_document_visible(*, user, document) -> bool:
    """A document behind money can name a household: a superuser; staff whose region covers the money (the
    need a disbursement went to, or the project of a grant or pledge); a member of the organisation whose
    project it is. Nobody sees, through this rule, a document that backs no money."""
    if not signed_in(user):
        return False
    uses = money_document_uses(document=document)
    if not uses:
        return False
    if is_superuser(user):
        return True
    for use in uses:
        if use.need is not None and is_need_staff(user, use.need):
            return True
        if use.need is None and project_in_staff_scope(user, use.project):
            return True
    return any(is_org_member(user, organisation) for organisation in {use.project.organisation for use in uses})
