from .availability import VolunteerAvailability
from .onboarding import Invitation, RegistrationCertificate
from .signups import HoursEntry, VolunteerSignup
from .volunteer_invitations import VolunteerInvitation

__all__ = [
    "HoursEntry",
    "Invitation",
    "RegistrationCertificate",
    "VolunteerAvailability",
    "VolunteerInvitation",
    "VolunteerSignup",
]
