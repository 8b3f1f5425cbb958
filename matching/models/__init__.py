from .interests import DecisionRecord, InterestDeclaration
from .matches import Match
from .needs import BeneficiaryRecord, NeedPage, RegionPage, ResponseLogEntry
from .organisations import Membership, Organisation
from .projects import Project
from .regions import Region
from .staff import StaffScope
from .taxonomy import Category, Skill
from .volunteers import Volunteer
from .workflow import RegionApprovalTask

__all__ = [
    "BeneficiaryRecord",
    "Category",
    "DecisionRecord",
    "InterestDeclaration",
    "Match",
    "Membership",
    "NeedPage",
    "Organisation",
    "Project",
    "Region",
    "RegionApprovalTask",
    "RegionPage",
    "ResponseLogEntry",
    "Skill",
    "StaffScope",
    "Volunteer",
]
