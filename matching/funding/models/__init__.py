from .disbursements import Disbursement
from .donations import Donation, PaymentEvent
from .grants import FundSource, Grant, Pledge
from .ledger import Account, LedgerEntry, LedgerEntryUnfolded, LedgerImmutableError, LedgerTransaction

__all__ = [
    "Account",
    "Disbursement",
    "Donation",
    "FundSource",
    "Grant",
    "LedgerEntry",
    "LedgerEntryUnfolded",
    "LedgerImmutableError",
    "LedgerTransaction",
    "PaymentEvent",
    "Pledge",
]
