from .deliveries import DeliveryRecord
from .evidence import Evidence
from .figures import PLATFORM, RegionFigures, RegionMonth
from .reports import BENEFICIARY_GROUPS, Milestone, ProgressReport
from .spending import SpendingLine

__all__ = ["BENEFICIARY_GROUPS", "DeliveryRecord", "Evidence", "Milestone", "PLATFORM", "ProgressReport", "RegionFigures",
           "RegionMonth", "SpendingLine"]
