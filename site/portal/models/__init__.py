from .availability import VolunteerAvailability
from .onboarding import Invitation, RegistrationCertificate
from .signups import HoursEntry, VolunteerSignup

__all__ = ["HoursEntry", "Invitation", "RegistrationCertificate", "VolunteerAvailability", "VolunteerSignup"]
