"""The personal-data guard for every free text that becomes public. No ORM.

Text is normalised before it is checked, so the ways people write a number or a name do not slip
through: full-width digits and letters become half-width (NFKC: `１３９` → `139`), and separators
between characters — spaces (also the ideographic space), dots, dashes, slashes, underscores,
middle dots, brackets — are removed (`139.1234.0002`, `360321 1958 0312 1010`, `欧阳 秀兰`).
Found on the normalised text:

- an ID number (GB 11643): 17 digits and a digit or X, whose birth date is a real date; the check
  character is not required (a mistyped ID is still someone's ID). Date arithmetic: python-stdnum.
- a mobile number (11 digits from 13–19) or a landline with its area code (0 + 9–11 digits).
- any of the private values the caller knows (the beneficiaries' names, IDs and phones), compared
  normalised on both sides.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

from django.utils.translation import gettext_lazy
from stdnum.cn import ric
from stdnum.exceptions import ValidationError as NotAnId

from matching.error_codes import PersonalDataErrorCode

SEPARATORS = re.compile(r"[\s.\-_/\\·•‧・,，、。()（）\[\]【】—–－~～]+")
ID_NUMBER = re.compile(r"(?<![0-9A-Z])\d{17}[0-9X](?![0-9A-Z])")
MOBILE = re.compile(r"(?<!\d)(?:86)?1[3-9]\d{9}(?!\d)")
LANDLINE = re.compile(r"(?<!\d)0[1-9]\d{8,10}(?!\d)")

ID = "身份证号"
PHONE = "电话号码"
PRIVATE = "个人信息"


def normalise(text: str) -> str:
    """Half-width, upper case, no separators between characters."""
    return SEPARATORS.sub("", unicodedata.normalize("NFKC", text or "")).upper()


def _is_id_number(candidate: str) -> bool:
    try:
        ric.get_birth_date(candidate)
    except NotAnId:  # no real birth date in it
        return False
    return True


def personal_data_found(text: str, private_values: Iterable[str] = ()) -> str | None:
    """The kind of personal data the text carries (ID, PHONE or PRIVATE), or None."""
    flat = normalise(text)
    if any(_is_id_number(m.group()) for m in ID_NUMBER.finditer(flat)):
        return ID
    if MOBILE.search(flat) or LANDLINE.search(flat):
        return PHONE
    for value in private_values:
        value = normalise(value)
        if len(value) >= 2 and value in flat:
            return PRIVATE
    return None


CODES = {
    ID: PersonalDataErrorCode.ID_NUMBER,
    PHONE: PersonalDataErrorCode.PHONE_NUMBER,
    PRIVATE: PersonalDataErrorCode.BENEFICIARY_DATA,
}
MESSAGES = {
    ID: gettext_lazy("公开内容不能包含身份证号"),
    PHONE: gettext_lazy("公开内容不能包含电话号码（请使用机构的联系方式栏）"),
    PRIVATE: gettext_lazy("公开内容不能包含受益人的姓名、电话、身份证号等个人信息"),
}


def _personal_data_kinds(fields: dict[str, str], private_values: Iterable[str]) -> dict[str, str]:
    from matching.richtext import plain_text

    private_values = list(private_values)
    kinds = {}
    for name, value in fields.items():
        kind = personal_data_found(plain_text(value or ""), private_values)
        if kind:
            kinds[name] = kind
    return kinds


def public_text_errors(*, fields: dict[str, str], private_values: Iterable[str] = ()) -> dict:
    """{field: refusal} for each public text (plain or rich text) that carries personal data, each refusal a
    ValidationError with its PersonalDataErrorCode."""
    from django.core.exceptions import ValidationError

    return {
        name: ValidationError(MESSAGES[kind], code=str(CODES[kind]))
        for name, kind in _personal_data_kinds(fields, private_values).items()
    }


def public_text_check(*, fields: dict[str, str], private_values: Iterable[str] = ()) -> None:
    """The one guard for text that becomes public: raises ValidationError({field: refusal}), each refusal with
    its PersonalDataErrorCode."""
    from django.core.exceptions import ValidationError

    if errors := public_text_errors(fields=fields, private_values=private_values):
        raise ValidationError(errors)
