"""Vetting of organisations by civil-affairs staff: approve, reject with a reason, suspend."""

from django.db import transaction
from django.utils import timezone

from matching.error_codes import OrganisationErrorCode
from matching.errors import refusal
from matching.models import Organisation
from matching.permissions import require_vet_organisation
from matching.services.decisions import hands_over_on_conflict, record_vetting

DECISIONS = {
    "approve": Organisation.Status.VERIFIED,
    "reject": Organisation.Status.PENDING,
    "suspend": Organisation.Status.SUSPENDED,
}


@hands_over_on_conflict
@transaction.atomic
def organisation_vet(*, organisation: Organisation, user, decision: str, note: str = "") -> Organisation:
    """Record a vetting decision. A rejection or suspension must say why. An officer with an interest in the
    organisation may not vet it: the decision goes to another officer of the same scope."""
    require_vet_organisation(user, organisation)
    if decision not in DECISIONS:
        raise refusal(f"未知的审核决定：{decision}", OrganisationErrorCode.UNKNOWN_VETTING_DECISION, field="decision")
    if decision in ("reject", "suspend") and not note.strip():
        raise refusal("驳回或暂停必须填写理由", OrganisationErrorCode.REASON_REQUIRED, field="note")
    organisation = Organisation.objects.select_for_update().get(pk=organisation.pk)
    organisation.status = DECISIONS[decision]
    organisation.vetted_by = user
    organisation.vetted_at = timezone.now()
    organisation.vetting_note = note.strip()
    organisation.save(update_fields=["status", "vetted_by", "vetted_at", "vetting_note", "updated_at"])
    record_vetting(organisation=organisation, user=user, outcome=decision)
    return organisation
