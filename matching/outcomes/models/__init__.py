from .deliveries import DeliveryRecord
from .evidence import Evidence
from .reports import BENEFICIARY_GROUPS, Milestone, ProgressReport

__all__ = ["BENEFICIARY_GROUPS", "DeliveryRecord", "Evidence", "Milestone", "ProgressReport"]
