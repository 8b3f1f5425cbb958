"""Writes on organisations: create or update one by its external ref (admin, portal, import)."""

from django.db import transaction

from matching.error_codes import OrganisationErrorCode
from matching.errors import refusal
from matching.models import Category, Organisation, Region
from matching.permissions import (
    can_change_organisation,
    can_change_organisation_uscc,
    can_vet_organisation,
    require,
)
from matching.services.decisions import record_vetting
from matching.taxonomy import ORG_TYPES


@transaction.atomic
def organisation_upsert(
    *,
    ref: str,
    name: str,
    uscc: str,
    org_type: str,
    service_regions: list[str] = (),
    categories: list[str] = (),
    status: str | None = None,
    user=None,
) -> Organisation:
    """Create the organisation with this ref, or update it; validates like the model form does.

    A user changes only an organisation they administer, and only staff who may vet it change its
    status; `user=None` is a system operation (import, demo data).
    """
    organisation = Organisation.objects.select_for_update().filter(ref=ref).first()
    creating = organisation is None
    if creating:
        organisation = Organisation(ref=ref)
    elif user is not None:
        require(can_change_organisation(user, organisation), "您无权修改该社会组织")
        if uscc != organisation.uscc:
            require(
                can_change_organisation_uscc(user, organisation),
                "统一社会信用代码决定由哪里的民政部门监管，只有平台管理员可以更正",
            )
    if status is not None and status != organisation.status and user is not None:
        require(not creating and can_vet_organisation(user, organisation), "只有民政部门可以变更社会组织的审核状态")
    organisation.name = name
    organisation.uscc = uscc
    organisation.org_type = org_type
    status_decided = status is not None and not creating and user is not None and status != organisation.status
    if status is not None and (user is None or not creating):
        organisation.status = status
    if org_type not in ORG_TYPES:
        raise refusal(f"未知的组织类型“{org_type}”", OrganisationErrorCode.UNKNOWN_ORG_TYPE, field="org_type")
    organisation.full_clean()
    organisation.save()
    organisation.service_regions.set(Region.objects.filter(code__in=list(service_regions)))
    organisation.categories.set(Category.objects.filter(code__in=list(categories)))
    if status_decided:
        record_vetting(organisation=organisation, user=user, outcome=status)
    return organisation
