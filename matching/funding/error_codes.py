"""Stable codes of the money domain's refusals (matching/errors.py): amounts, the ledger, donations, grants,
pledges, disbursements and emergency advances. Refusals of permission are PermissionDenied, not listed here."""

from enum import StrEnum


class FundingErrorCode(StrEnum):
    # An amount of money (rules.amount_refusal)
    UNSUPPORTED_CURRENCY = "unsupported_currency"
    AMOUNT_NOT_WHOLE_FEN = "amount_not_whole_fen"
    AMOUNT_ZERO = "amount_zero"
    AMOUNT_NEGATIVE = "amount_negative"
    AMOUNT_TOO_LARGE = "amount_too_large"
    CURRENCY_MISMATCH = "currency_mismatch"
    # The ledger (services/ledger.py, models/ledger.py, rules.balance_refusal)
    TOO_FEW_ENTRIES = "too_few_entries"
    ENTRY_NOT_WHOLE_FEN = "entry_not_whole_fen"
    ENTRY_ZERO = "entry_zero"
    UNBALANCED = "unbalanced"
    IDEMPOTENCY_KEY_REQUIRED = "idempotency_key_required"
    INSUFFICIENT_FUNDS = "insufficient_funds"
    ALREADY_REVERSED = "already_reversed"
    LEDGER_APPEND_ONLY = "ledger_append_only"
    LEDGER_PAGE_MISSING = "ledger_page_missing"
    # Donations, refunds and the payment provider's events
    ONE_TARGET_REQUIRED = "one_target_required"
    DONOR_NAME_REQUIRED = "donor_name_required"
    PROJECT_NOT_ACCEPTING_DONATIONS = "project_not_accepting_donations"
    NEED_NOT_ACCEPTING_DONATIONS = "need_not_accepting_donations"
    PROVIDER_UNAVAILABLE = "provider_unavailable"
    PAYMENT_NOT_SUCCEEDED = "payment_not_succeeded"
    PAYMENT_AMOUNT_MISMATCH = "payment_amount_mismatch"
    NOT_PAID = "not_paid"
    REFUND_EXCEEDS_PAYMENT = "refund_exceeds_payment"
    DISPUTE_ID_MISSING = "dispute_id_missing"
    DISPUTE_PAYMENT_MISMATCH = "dispute_payment_mismatch"
    PAYMENT_ID_MISSING = "payment_id_missing"
    # Grants, own funds and pledges
    UNKNOWN_FUND_SOURCE = "unknown_fund_source"
    DOCUMENT_REQUIRED = "document_required"
    DOCUMENT_NOT_ACCEPTED = "document_not_accepted"
    PLEDGER_REQUIRED = "pledger_required"
    PLEDGE_STEP_NOT_ALLOWED = "pledge_step_not_allowed"
    # Disbursements and emergency advances
    PROJECT_CANNOT_PAY = "project_cannot_pay"
    NOT_MATCHED = "not_matched"
    FOLLOW_UP_WITHOUT_ADVANCE = "follow_up_without_advance"
    RECEIPT_REQUIRED = "receipt_required"
    PURPOSE_REQUIRED = "purpose_required"
    DISBURSEMENT_STEP_NOT_ALLOWED = "disbursement_step_not_allowed"
    REASON_REQUIRED = "reason_required"
    NEED_NOT_EMERGENCY = "need_not_emergency"
    ADVANCE_CAP_EXCEEDED = "advance_cap_exceeded"
    NOT_AN_ADVANCE = "not_an_advance"
    PAPERWORK_ALREADY_RECEIVED = "paperwork_already_received"
