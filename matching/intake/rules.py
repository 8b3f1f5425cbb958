"""Pure intake rules: contact checks, personal-data guard, referral lifecycle. No ORM."""

import datetime
import re

from matching.personal_data import normalise, personal_data_found

PHONE = re.compile(r"^(1[3-9]\d{9}|0\d{2,3}-?\d{7,8}|12349)$")
_ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_ID_CHECK = "10X98765432"
_DIGIT_RUN = re.compile(r"\d{7,}[\dXx]?")


def normalise_phone(value: str) -> str:
    return re.sub(r"[\s()（）]", "", value or "").replace("—", "-")


def phone_error(value: str) -> str | None:
    """None if the phone number looks like a mainland mobile or landline, else the message to show."""
    if not PHONE.match(normalise_phone(value)):
        return "电话号码格式不正确：请填写11位手机号或带区号的固定电话"
    return None


def id_number_error(value: str) -> str | None:
    """GB 11643 citizen ID: 18 characters, a valid date, the ISO 7064 MOD 11-2 check character."""
    value = (value or "").strip().upper()
    if not re.fullmatch(r"\d{17}[\dX]", value):
        return "身份证号应为18位（最后一位可为X）"
    try:
        datetime.date(int(value[6:10]), int(value[10:12]), int(value[12:14]))
    except ValueError:
        return "身份证号中的出生日期无效"
    check = _ID_CHECK[sum(int(d) * w for d, w in zip(value[:17], _ID_WEIGHTS, strict=False)) % 11]
    if value[17] != check:
        return "身份证号校验位不正确，请核对"
    return None


def contains_personal_data(text: str, private_values: list[str]) -> bool:
    """Whether public text carries a private value (a name, phone, ID) or any long digit run: the
    platform's guard (matching/personal_data.py, on normalised text), and stricter for a fresh report."""
    if personal_data_found(text, private_values):
        return True
    return bool(_DIGIT_RUN.search(normalise(text)))


# Referral lifecycle: referred → acknowledged → answered (an answer may also come without acknowledgement).
REFERRAL_TRANSITIONS = {
    "referred": {"acknowledged", "answered"},
    "acknowledged": {"answered"},
    "answered": set(),
}


def referral_can_become(current: str, new: str) -> bool:
    return new in REFERRAL_TRANSITIONS.get(current, set())


def referral_due_on(referred_on: datetime.date, days: int) -> datetime.date:
    return referred_on + datetime.timedelta(days=days)


def referral_is_overdue(*, status: str, due_on: datetime.date | None, today: datetime.date) -> bool:
    """Overdue while nobody has answered after the due date."""
    return status != "answered" and due_on is not None and today > due_on
