"""Stable codes of the refusals of outcomes: delivery records, progress reports and spending lines
(matching/errors.py)."""

from enum import StrEnum


class DeliveryErrorCode(StrEnum):
    WHAT_REQUIRED = "what_required"
    DATE_REQUIRED = "date_required"
    DATE_BEFORE_PUBLICATION = "date_before_publication"
    DATE_IN_FUTURE = "date_in_future"
    NEED_NOT_ACTIVE = "need_not_active"
    EVIDENCE_REQUIRED = "evidence_required"
    REASON_REQUIRED = "reason_required"
    REASON_TOO_LONG = "reason_too_long"
    ALREADY_REVERSED = "already_reversed"


class ReportErrorCode(StrEnum):
    INVALID_COUNT = "invalid_count"
    NARRATIVE_REQUIRED = "narrative_required"
    PERIOD_REQUIRED = "period_required"
    PERIOD_ENDS_BEFORE_START = "period_ends_before_start"
    MILESTONE_TITLE_REQUIRED = "milestone_title_required"
    PROJECT_NOT_REPORTING = "project_not_reporting"


class SpendingErrorCode(StrEnum):
    DISBURSEMENT_REJECTED = "rejected"
    ONE_PROOF_ONLY = "one_proof_only"
    PROOF_REVERSED = "proof_reversed"
    PROOF_REQUIRED_FOR_UPLOADS = "proof_required_for_uploads"
    WHAT_REQUIRED = "what_required"
    NEGATIVE_BENEFICIARIES = "negative_beneficiaries"
    TOO_MANY_BENEFICIARIES = "too_many_beneficiaries"
    OVER_DISBURSEMENT = "over_disbursement"
