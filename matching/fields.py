"""Money fields: stored as integer fen, edited by people in yuan."""

from decimal import Decimal

from django import forms
from django.core.exceptions import ValidationError
from django.db import models

from matching.money import parse_yuan


class IsoDateInput(forms.DateInput):
    """<input type=date> accepts only an ISO value (2026-01-04); a localised one ("2026/01/04") renders blank
    and is lost on the next save."""

    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format="%Y-%m-%d")


class YuanFormField(forms.CharField):
    """A form field that shows yuan (\"1234.50\") and cleans to integer fen."""

    def __init__(self, *args, max_fen: int | None = None, **kwargs):
        kwargs.pop("max_length", None)
        super().__init__(*args, **kwargs)
        self.max_fen = max_fen

    def prepare_value(self, value):
        if isinstance(value, int):
            return f"{Decimal(value) / 100:.2f}"
        return value

    def to_python(self, value):
        value = super().to_python(value)
        if value in self.empty_values:
            return None
        try:
            return parse_yuan(value)
        except ValueError as exc:
            raise ValidationError(str(exc), code="invalid_amount") from exc


class MoneyField(models.BigIntegerField):
    """Integer fen in the database; yuan in forms."""

    def formfield(self, **kwargs):
        kwargs.setdefault("form_class", YuanFormField)
        return models.Field.formfield(self, **kwargs)
