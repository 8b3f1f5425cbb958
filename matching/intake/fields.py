"""What a report is made of, and the pure check of it. No ORM: the form, the CSV import and tests share it."""

from dataclasses import dataclass

from matching.intake import rules
from matching.taxonomy import CATEGORIES

URGENCIES = {"normal": "一般", "urgent": "紧急", "critical": "危急"}
SOURCES = {"hotline", "grassroots", "monitoring", "other"}
DESCRIPTION_MIN, DESCRIPTION_MAX = 10, 2000


@dataclass(frozen=True)
class ReportFields:
    county_code: str
    township: str
    category: str
    description: str
    urgency: str = "normal"
    source: str = "hotline"


@dataclass(frozen=True)
class ContactFields:
    reporter_name: str = ""
    reporter_phone: str = ""
    person_name: str = ""
    person_phone: str = ""
    person_id_number: str = ""


def report_errors(fields: ReportFields, contact: ContactFields, *, require_phone: bool = True) -> dict[str, str]:
    """Field name → Chinese message for everything wrong with a report (county existence is checked later)."""
    errors: dict[str, str] = {}
    if not (fields.county_code or "").isdigit() or len(fields.county_code) != 6:
        errors["county_code"] = "请填写6位县级行政区划代码"
    township = (fields.township or "").strip()
    if not township:
        errors["township"] = "请填写乡镇（街道）"
    elif len(township) > 60:
        errors["township"] = "乡镇（街道）不能超过60个字"
    if fields.category not in CATEGORIES:
        errors["category"] = f"困难类别“{fields.category}”不在分类表中"
    text = (fields.description or "").strip()
    if len(text) < DESCRIPTION_MIN:
        errors["description"] = f"请描述反映的情况，至少{DESCRIPTION_MIN}个字"
    elif len(text) > DESCRIPTION_MAX:
        errors["description"] = f"反映情况不能超过{DESCRIPTION_MAX}个字"
    if fields.urgency not in URGENCIES:
        errors["urgency"] = "紧急程度应为：一般、紧急或危急"
    if fields.source not in SOURCES:
        errors["source"] = "来源不正确"
    for name in ("reporter_name", "person_name"):
        if len(getattr(contact, name) or "") > 60:
            errors[name] = "姓名不能超过60个字"
    for name in ("reporter_phone", "person_phone"):
        value = getattr(contact, name)
        if value and (message := rules.phone_error(value)):
            errors[name] = message
    if contact.person_id_number and (message := rules.id_number_error(contact.person_id_number)):
        errors["person_id_number"] = message
    if require_phone and not (contact.reporter_phone or contact.person_phone) and "reporter_phone" not in errors:
        errors["reporter_phone"] = "请至少填写一个联系电话（反映人或当事人），以便回访"
    return errors


def cleaned_contact(contact: ContactFields) -> ContactFields:
    return ContactFields(
        reporter_name=contact.reporter_name.strip(),
        reporter_phone=rules.normalise_phone(contact.reporter_phone),
        person_name=contact.person_name.strip(),
        person_phone=rules.normalise_phone(contact.person_phone),
        person_id_number=contact.person_id_number.strip().upper(),
    )
