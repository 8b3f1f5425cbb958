"""Refusals that carry a stable code. Each domain lists its codes in an ``error_codes.py`` enum (as saleor
does); the Chinese message is for people, the code is for programs (API clients, tests) and does not change
when the wording does."""

from enum import StrEnum

from django.core.exceptions import ValidationError


def refusal(message: str, code: StrEnum, *, field: str | None = None) -> ValidationError:
    """A ValidationError with its code, on ``field`` when given (shown on that form field)."""
    error = ValidationError(message, code=str(code))
    return ValidationError({field: error}) if field else error


def coded(message: str, code: StrEnum) -> ValidationError:
    """One coded refusal, to put in a {field: refusal} dict of several."""
    return ValidationError(message, code=str(code))


def error_codes(exc: ValidationError) -> set[str]:
    """Every code a ValidationError carries, whether it names fields or not."""
    errors = (
        [e for field_errors in exc.error_dict.values() for e in field_errors]
        if hasattr(exc, "error_dict")
        else exc.error_list
    )
    return {e.code for e in errors if e.code}
