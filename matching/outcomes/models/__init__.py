from .deliveries import DeliveryRecord
from .evidence import Evidence
from .figures import (
    PLATFORM,
    CategoryMonth,
    OrganisationFigures,
    ProjectCategoriesFolded,
    ProjectDuties,
    ProjectYearFigures,
    RegionFigures,
    RegionMonth,
)
from .reports import BENEFICIARY_GROUPS, Milestone, ProgressReport
from .spending import SpendingLine

__all__ = [
    "BENEFICIARY_GROUPS",
    "PLATFORM",
    "CategoryMonth",
    "DeliveryRecord",
    "Evidence",
    "Milestone",
    "OrganisationFigures",
    "ProgressReport",
    "ProjectCategoriesFolded",
    "ProjectDuties",
    "ProjectYearFigures",
    "RegionFigures",
    "RegionMonth",
    "SpendingLine",
]
