"""Stable codes of the refusals of the core domain: needs, matches, organisations, projects, volunteers,
amounts of money and personal data in public text (matching/errors.py)."""

from enum import StrEnum


class NeedErrorCode(StrEnum):
    NOT_A_COUNTY = "not_a_county"
    STATUS_STEP_NOT_ALLOWED = "status_step_not_allowed"
    DELIVERY_REQUIRED = "delivery_required"
    NEGATIVE_AMOUNT = "negative_amount"
    RESPONSE_LOG_APPEND_ONLY = "response_log_append_only"


class MatchErrorCode(StrEnum):
    ONE_CANDIDATE_REQUIRED = "one_candidate_required"
    NEED_NOT_MATCHABLE = "need_not_matchable"
    PROJECT_NOT_ACTIVE = "project_not_active"
    ORGANISATION_NOT_VERIFIED = "organisation_not_verified"
    VOLUNTEER_INACTIVE = "volunteer_inactive"
    ALREADY_MATCHED = "already_matched"
    NOTE_TOO_LONG = "note_too_long"
    STATUS_STEP_NOT_ALLOWED = "status_step_not_allowed"
    REASON_REQUIRED = "reason_required"
    REASON_TOO_LONG = "reason_too_long"


class MoneyErrorCode(StrEnum):
    """Why a value is not money (matching.money.AmountError)."""

    FLOAT_NOT_ACCEPTED = "float_not_accepted"
    NOT_A_NUMBER = "not_a_number"
    TOO_LARGE = "too_large"
    FRACTION_OF_A_FEN = "fraction_of_a_fen"
    NEGATIVE = "negative"
    ZERO = "zero"
    UNSUPPORTED_CURRENCY = "unsupported_currency"
    CURRENCY_MISMATCH = "currency_mismatch"


class PersonalDataErrorCode(StrEnum):
    """Why a text that becomes public was refused (matching/personal_data.py)."""

    ID_NUMBER = "personal_data_id_number"
    PHONE_NUMBER = "personal_data_phone_number"
    BENEFICIARY_DATA = "personal_data_beneficiary"


class OrganisationErrorCode(StrEnum):
    INVALID_USCC = "invalid_uscc"
    UNKNOWN_ORG_TYPE = "unknown_org_type"
    UNKNOWN_VETTING_DECISION = "unknown_vetting_decision"
    REASON_REQUIRED = "reason_required"


class ProjectErrorCode(StrEnum):
    ORGANISATION_CANNOT_CHANGE = "organisation_cannot_change"
    TITLE_REQUIRED = "title_required"
    TITLE_TOO_LONG = "title_too_long"
    CATEGORY_REQUIRED = "category_required"
    UNKNOWN_CATEGORY = "unknown_category"
    REGION_REQUIRED = "region_required"
    UNKNOWN_REGION = "unknown_region"
    UNKNOWN_SKILL = "unknown_skill"
    ENDS_BEFORE_START = "ends_before_start"
    INVALID_BUDGET = "invalid_budget"
    BUDGET_TOO_LARGE = "budget_too_large"
    INVALID_VOLUNTEER_SLOTS = "invalid_volunteer_slots"
    LEAD_NOT_A_MEMBER = "lead_not_a_member"
    PROJECT_CLOSED = "project_closed"
    DUTIES_WOULD_VANISH = "duties_would_vanish"
    UNKNOWN_STATUS = "unknown_status"
    STATUS_STEP_NOT_ALLOWED = "status_step_not_allowed"


class VolunteerErrorCode(StrEnum):
    PROFILE_REQUIRED = "profile_required"
    PROJECT_NOT_RECRUITING = "project_not_recruiting"
    SLOTS_FULL = "slots_full"
    MESSAGE_TOO_LONG = "message_too_long"
    ALREADY_SIGNED_UP = "already_signed_up"
    SIGNUP_STEP_NOT_ALLOWED = "signup_step_not_allowed"
    NOTE_REQUIRED = "note_required"
    HOURS_STEP_NOT_ALLOWED = "hours_step_not_allowed"
    UNKNOWN_VOLUNTEER = "unknown_volunteer"
    VOLUNTEER_PAUSED = "volunteer_paused"
    ALREADY_INVITED = "already_invited"
    INVITATION_STEP_NOT_ALLOWED = "invitation_step_not_allowed"
    REASON_TOO_LONG = "reason_too_long"
    HOURS_NOT_A_NUMBER = "hours_not_a_number"
    HOURS_OUT_OF_RANGE = "hours_out_of_range"
    HOURS_NOT_IN_HALF_HOURS = "hours_not_in_half_hours"
    SIGNUP_NOT_APPROVED = "signup_not_approved"
    SERVICE_DATE_REQUIRED = "service_date_required"
    SERVICE_DATE_IN_FUTURE = "service_date_in_future"
    SERVICE_DESCRIPTION_REQUIRED = "service_description_required"
    SERVICE_DESCRIPTION_TOO_LONG = "service_description_too_long"


class MembershipErrorCode(StrEnum):
    UNKNOWN_ROLE = "unknown_role"
    LAST_ADMIN = "last_admin"


class InterestErrorCode(StrEnum):
    ORGANISATION_REQUIRED = "organisation_required"
    ORGANISATION_NOT_FOUND = "organisation_not_found"
    ORGANISATION_AMBIGUOUS = "organisation_ambiguous"
    KIND_REQUIRED = "kind_required"
    REASON_REQUIRED = "reason_required"
    REASON_TOO_LONG = "reason_too_long"
    ALREADY_DECLARED = "already_declared"
    ALREADY_WITHDRAWN = "already_withdrawn"
