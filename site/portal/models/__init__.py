from .onboarding import Invitation, RegistrationCertificate

__all__ = ["Invitation", "RegistrationCertificate"]
