from .availability import VolunteerAvailability
from .interests import DecisionRecord, InterestDeclaration
from .matches import Match
from .needs import BeneficiaryRecord, NeedPage, RegionPage, ResponseLogEntry
from .organisations import Membership, Organisation
from .projects import Project
from .regions import Region
from .signups import HoursEntry, VolunteerSignup
from .staff import StaffScope
from .taxonomy import Category, Skill
from .volunteer_invitations import VolunteerInvitation
from .volunteers import Volunteer
from .workflow import RegionApprovalTask

__all__ = [
    "BeneficiaryRecord",
    "Category",
    "DecisionRecord",
    "HoursEntry",
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
    "VolunteerAvailability",
    "VolunteerInvitation",
    "VolunteerSignup",
]
