"""Stable codes of the intake domain's refusals (matching/errors.py)."""

from enum import StrEnum


class IntakeErrorCode(StrEnum):
    UNKNOWN_COUNTY = "unknown_county"
    NOT_A_COUNTY = "not_a_county"
    REPORT_CLOSED = "report_closed"
    CLOSED_REASON_REQUIRED = "closed_reason_required"
    DEPARTMENT_REQUIRED = "department_required"
    DUE_DAYS_OUT_OF_RANGE = "due_days_out_of_range"
    ALREADY_REFERRED = "already_referred"
    REFERRAL_STEP_NOT_ALLOWED = "referral_step_not_allowed"
    ACKNOWLEDGER_REQUIRED = "acknowledger_required"
    ANSWER_REQUIRED = "answer_required"
    ALREADY_A_NEED = "already_a_need"
    PERSONAL_DATA_IN_PUBLIC_TEXT = "personal_data_in_public_text"
