"""Who may do what to which object: the only place that answers it. Every interface (admin, portal, API,
commands, tasks) and every service asks here; see docs/permissions.md.

Conventions: `can_<verb>_<object>(user, obj) -> bool` answers; `require_<...>` raises PermissionDenied with
a Chinese message; `<objects>_for_staff(user)` is the queryset a staff member's region lets them see.
`user` may be a person, an API token's user (acting as its organisation) or None/anonymous.
"""
from matching.permissions.accounts import can_enter_admin, requires_second_factor
from matching.permissions.base import (
    DENIED,
    acting_organisation,
    actor_user,
    is_superuser,
    is_token,
    require,
    signed_in,
)
from matching.permissions.declarations import (
    can_view_interest_report,
    decisions_for_staff,
    declarations_for_staff,
)
from matching.permissions.intake import (
    can_record_intake,
    can_view_intake,
    intake_reports_for_staff,
    is_hotline_operator,
    is_intake_user,
    require_handle_intake,
    require_record_intake,
)
from matching.permissions.interests import (
    InterestConflict,
    has_interest,
    interested_organisation_ids,
    interests_in,
    leads_project,
    person_label,
    refused,
)
from matching.permissions.money import (
    MoneyDocumentUse,
    can_approve_disbursement,
    can_confirm_disbursement,
    can_create_disbursement,
    can_record_grants,
    can_record_money,
    can_refund_donation,
    can_reject_disbursement,
    can_release_advance,
    can_submit_advance_paperwork,
    can_use_money_admin,
    money_document_uses,
    money_document_visible,
    require_approve_disbursement,
    require_confirm_disbursement,
    require_release_advance,
)
from matching.permissions.needs import (
    can_answer_match_as_staff,
    can_deliver_match,
    can_propose_match,
    can_view_match,
    is_candidate_side,
    is_need_officer,
    is_need_staff,
    matches_for_staff,
    needs_for_staff,
    require_answer_match_as_staff,
)
from matching.permissions.organisations import (
    can_change_organisation,
    can_change_organisation_uscc,
    can_vet_organisation,
    can_view_organisation,
    is_org_admin,
    is_org_member,
    membership_of,
    organisations_for_staff,
    organisations_overseen,
    registration_region,
    require_org_member,
    require_vet_organisation,
)
from matching.permissions.outcomes import (
    can_record_delivery,
    can_reverse_delivery,
    can_view_delivery,
    deliveries_for_staff,
    has_accepted_match,
    reports_for_staff,
)
from matching.permissions.overlap import can_view_need_commitments, can_view_overlap_report
from matching.permissions.pages import can_add_need, can_publish_need, can_set_need_status
from matching.permissions.projects import (
    can_change_project,
    can_change_volunteer,
    can_create_project,
    can_file_report,
    can_view_project,
    can_view_volunteer,
    is_volunteer_self,
    project_in_staff_scope,
    projects_for_staff,
    volunteers_for_staff,
)
from matching.permissions.scope import (
    ANY_ROLE,
    CLERK,
    OFFICER,
    code_in_scope,
    is_civil_staff,
    region_in_scope,
    region_scope_q,
    staff_region_codes,
    staff_scopes,
    staff_users_for_region,
)
from matching.permissions.spending import can_link_spending_proof, can_write_spending_lines

__all__ = [
    "InterestConflict", "can_answer_match_as_staff", "can_view_interest_report", "decisions_for_staff",
    "declarations_for_staff", "has_interest", "interested_organisation_ids", "interests_in", "leads_project",
    "person_label", "refused",
    "require_answer_match_as_staff", "require_approve_disbursement", "require_confirm_disbursement",
    "require_release_advance", "require_vet_organisation",
    "ANY_ROLE", "CLERK", "DENIED", "OFFICER", "MoneyDocumentUse", "acting_organisation", "actor_user",
    "can_add_need", "can_approve_disbursement", "can_publish_need", "can_change_organisation", "can_change_organisation_uscc", "can_change_project",
    "can_change_volunteer", "can_confirm_disbursement", "can_create_disbursement", "can_create_project",
    "can_deliver_match", "can_file_report", "can_propose_match", "can_record_delivery", "can_record_intake",
    "can_record_grants", "can_record_money", "can_set_need_status", "can_refund_donation", "can_reject_disbursement", "can_release_advance",
    "can_reverse_delivery", "can_submit_advance_paperwork", "can_use_money_admin", "can_vet_organisation",
    "can_view_delivery", "can_view_intake", "can_view_match", "can_view_organisation", "can_view_project",
    "can_view_volunteer", "code_in_scope", "deliveries_for_staff", "has_accepted_match", "intake_reports_for_staff",
    "is_candidate_side", "is_civil_staff", "is_hotline_operator", "is_intake_user", "is_need_officer",
    "is_need_staff", "is_org_admin", "is_org_member", "is_superuser", "is_token", "is_volunteer_self",
    "matches_for_staff", "membership_of", "money_document_uses", "money_document_visible", "needs_for_staff",
    "organisations_for_staff", "organisations_overseen", "project_in_staff_scope", "projects_for_staff",
    "region_in_scope", "region_scope_q", "registration_region", "reports_for_staff", "require", "require_handle_intake",
    "can_enter_admin", "require_org_member", "require_record_intake", "requires_second_factor", "signed_in", "staff_region_codes",
    "staff_scopes", "staff_users_for_region",
    "volunteers_for_staff",
    "can_link_spending_proof", "can_write_spending_lines",
]
__all__ += ["can_view_need_commitments", "can_view_overlap_report"]
