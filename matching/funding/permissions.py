"""Who may move which money, and who may see the documents behind it. Checked inside the services and
selectors, whichever interface calls them."""
from django.http import Http404

from matching.funding.scoped import money_document_uses, staff_covers_need, staff_covers_project
from matching.models import Membership, NeedPage, Organisation
from matching.services.membership import membership_require


def is_org_admin(user, organisation: Organisation) -> bool:
    if user is None or not user.is_authenticated:
        return False
    return Membership.objects.filter(user=user, organisation=organisation, role=Membership.Role.ADMIN).exists()


def is_org_member(user, organisation: Organisation) -> bool:
    if user is None or not user.is_authenticated:
        return False
    return Membership.objects.filter(user=user, organisation=organisation).exists()


def is_civil_staff(user) -> bool:
    """Civil-affairs staff: members of a group scoped to a region (or superusers)."""
    if user is None or not user.is_authenticated:
        return False
    return user.is_superuser or user.groups.filter(staff_scope__isnull=False).exists()


def is_region_staff_for(user, need: NeedPage) -> bool:
    """Staff of the need's region: they may publish the need page, by Wagtail's page permissions."""
    if user is None or not user.is_authenticated:
        return False
    return need.permissions_for_user(user).can_publish()


def money_document_visible(*, user, document) -> bool:
    """Who may see a document behind money (a grant's file, a pledge's agreement, a disbursement's receipt,
    an advance's paperwork): it can name a household, so only those who deal with that money. That is a
    superuser; staff whose region covers the money (the need a disbursement went to, or the project of a
    grant or pledge); a member of the organisation whose project it is. Nobody sees, through this rule, a
    document that backs no money (progress-report evidence is public and served by Wagtail)."""
    if user is None or not user.is_authenticated:
        return False
    uses = money_document_uses(document=document)
    if not uses:
        return False
    if user.is_superuser:
        return True
    for use in uses:
        if use.need is not None and staff_covers_need(user=user, need=use.need):
            return True
        if use.need is None and staff_covers_project(user=user, project=use.project):
            return True
    for organisation in {use.project.organisation for use in uses}:
        try:
            membership_require(user=user, organisation=organisation)
        except Http404:
            continue
        return True
    return False
