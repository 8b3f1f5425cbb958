from .disbursements import Disbursement
from .donations import Donation, PaymentEvent
from .grants import FundSource, Grant, Pledge
from .ledger import Account, LedgerEntry, LedgerImmutableError, LedgerTransaction

__all__ = [
    "Account", "Disbursement", "Donation", "FundSource", "Grant", "LedgerEntry", "LedgerImmutableError",
    "LedgerTransaction", "PaymentEvent", "Pledge",
]
