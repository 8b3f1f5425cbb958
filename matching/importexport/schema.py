"""The record kinds of records.md as field specifications, and the check of one line.

Pure: no database. `line_check` turns one decoded JSON object into its canonical record (the
form export writes: money as "123.45", dates ISO, code lists sorted, defaults filled) and the
list of errors; checks that need other lines or the database live in `checks.py`.
"""

import datetime
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from matching.money import CURRENCIES, format_yuan, parse_yuan
from matching.richtext import text_normalise
from matching.taxonomy import CATEGORIES, NATIONWIDE, ORG_TYPES, SKILLS, is_valid_region_tag
from matching.uscc import normalise_uscc, uscc_errors

KIND_ORDER = ("region", "organisation", "project", "volunteer", "need")
LEVELS = ("province", "prefecture", "county")
ORG_STATUSES = ("pending", "verified", "suspended")
PROJECT_STATUSES = ("draft", "active", "paused", "completed", "cancelled")
VOLUNTEER_STATUSES = ("active", "inactive")
NEED_CIRCLES = ("core", "low_income", "emergency")
NEED_URGENCIES = ("normal", "urgent", "critical")
NEED_STATUSES = ("draft", "open", "matched", "in_progress", "fulfilled", "closed")
_REGION_CODE = re.compile(r"^\d{6}$")


class FieldError(ValueError):
    """A value that does not fit its field; the message is for people (Chinese)."""


Check = Callable[[Any], Any]


@dataclass(frozen=True)
class Field:
    name: str
    check: Check
    required: bool = False
    default: Any = None


def _type_name(value) -> str:
    return {str: "字符串", int: "整数", float: "小数", bool: "布尔值", list: "列表", dict: "对象"}.get(
        type(value), "null" if value is None else type(value).__name__
    )


def text(max_length: int | None = None, *, blank: bool = True, normalise: bool = False) -> Check:
    def check(value):
        if not isinstance(value, str):
            raise FieldError(f"应为字符串，实际为{_type_name(value)}")
        value = text_normalise(value) if normalise else value.strip()
        if not blank and not value:
            raise FieldError("不能为空")
        if max_length and len(value) > max_length:
            raise FieldError(f"长度不能超过 {max_length} 个字符，实际为 {len(value)}")
        return value

    return check


def ref() -> Check:
    inner = text(64, blank=False)

    def check(value):
        value = inner(value)
        if any(ch.isspace() for ch in value):
            raise FieldError(f"编号“{value}”不能含空白字符")
        return value

    return check


def enum(values) -> Check:
    def check(value):
        if value not in values:
            raise FieldError(f"取值“{value}”无效，可选：{', '.join(values)}")
        return value

    return check


def count() -> Check:
    def check(value):
        if not isinstance(value, int) or isinstance(value, bool):
            raise FieldError(f"应为整数，实际为{_type_name(value)}")
        if value < 0:
            raise FieldError("不能为负数")
        if value > 2_147_483_647:
            raise FieldError("数值过大")
        return value

    return check


def money() -> Check:
    def check(value):
        if not isinstance(value, str):
            raise FieldError(f'金额应为字符串（元，最多两位小数，如 "80000.00"），实际为{_type_name(value)}')
        try:
            return format_yuan(parse_yuan(value))
        except ValueError as exc:
            raise FieldError(str(exc)) from None

    return check


def currency() -> Check:
    return enum(tuple(CURRENCIES))


def date(*, nullable: bool = True) -> Check:
    def check(value):
        if value is None and nullable:
            return None
        if not isinstance(value, str) or not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
            raise FieldError(f"日期应为 YYYY-MM-DD 格式，实际为“{value}”")
        try:
            return datetime.date.fromisoformat(value).isoformat()
        except ValueError:
            raise FieldError(f"日期“{value}”不存在") from None

    return check


def region_code(*, nullable: bool = False, nationwide: bool = False) -> Check:
    def check(value):
        if value is None and nullable:
            return None
        if not isinstance(value, str) or not _REGION_CODE.match(value):
            raise FieldError(f"行政区划代码应为六位数字字符串，实际为“{value}”")
        if value == NATIONWIDE and not nationwide:
            raise FieldError("此处不能使用全国（000000）")
        return value

    return check


def code_list(
    valid: Callable[[str], bool] | None = None,
    *,
    what: str = "代码",
    item: Check | None = None,
    non_empty: bool = False,
) -> Check:
    def check(value):
        if not isinstance(value, list):
            raise FieldError(f"应为列表，实际为{_type_name(value)}")
        result = []
        for entry in value:
            if item is not None:
                entry = item(entry)
            elif not isinstance(entry, str):
                raise FieldError(f"{what}应为字符串，实际为{_type_name(entry)}")
            if valid is not None and not valid(entry):
                raise FieldError(f"未知的{what}“{entry}”")
            result.append(entry)
        if non_empty and not result:
            raise FieldError(f"至少需要一个{what}")
        return sorted(set(result))

    return check


def uscc() -> Check:
    def check(value):
        if not isinstance(value, str):
            raise FieldError(f"应为字符串，实际为{_type_name(value)}")
        errors = uscc_errors(value)
        if errors:
            raise FieldError("；".join(errors))
        return normalise_uscc(value)

    return check


CATEGORY_LIST = code_list(lambda c: c in CATEGORIES, what="类别代码")
SKILL_LIST = code_list(lambda c: c in SKILLS, what="技能代码")
REGION_LIST = code_list(what="行政区划代码", item=region_code(nationwide=True))

KINDS: dict[str, tuple[Field, ...]] = {
    "region": (
        Field("code", region_code(), required=True),
        Field("name", text(60, blank=False), required=True),
        Field("parent", region_code(nullable=True), default=None),
        Field("level", enum(LEVELS), required=True),
        Field("tags", code_list(is_valid_region_tag, what="地区标签"), default=[]),
    ),
    "organisation": (
        Field("ref", ref(), required=True),
        Field("name", text(200, blank=False), required=True),
        Field("uscc", uscc(), required=True),
        Field("org_type", enum(tuple(ORG_TYPES)), required=True),
        Field("service_regions", REGION_LIST, default=[]),
        Field("categories", CATEGORY_LIST, default=[]),
        Field("status", enum(ORG_STATUSES), default="pending"),
    ),
    "project": (
        Field("ref", ref(), required=True),
        Field("organisation", ref(), required=True),
        Field("title", text(200, blank=False), required=True),
        Field("summary", text(500), default=""),
        Field("description", text(), default=""),
        Field("categories", CATEGORY_LIST, default=[]),
        Field("service_regions", REGION_LIST, default=[]),
        Field("budget_available", money(), default="0.00"),
        Field("currency", currency(), default="CNY"),
        Field("volunteer_slots", count(), default=0),
        Field("skills", SKILL_LIST, default=[]),
        Field("starts_on", date(), default=None),
        Field("ends_on", date(), default=None),
        Field("status", enum(PROJECT_STATUSES), default="draft"),
    ),
    "volunteer": (
        Field("ref", ref(), required=True),
        Field("display_name", text(60, blank=False), required=True),
        Field("skills", SKILL_LIST, default=[]),
        Field("service_regions", REGION_LIST, default=[]),
        Field("hours_per_month", count(), default=0),
        Field("status", enum(VOLUNTEER_STATUSES), default="active"),
    ),
    "need": (
        Field("ref", ref(), required=True),
        Field("title", text(255, blank=False), required=True),
        Field("description", text(normalise=True, blank=False), required=True),
        Field("categories", code_list(lambda c: c in CATEGORIES, what="类别代码", non_empty=True), required=True),
        Field("region", region_code(), required=True),
        Field("circle", enum(NEED_CIRCLES), default="core"),
        Field("urgency", enum(NEED_URGENCIES), default="normal"),
        Field("beneficiaries", count(), default=0),
        Field("amount_requested", money(), default="0.00"),
        Field("currency", currency(), default="CNY"),
        Field("volunteers_needed", count(), default=0),
        Field("skills", SKILL_LIST, default=[]),
        Field("deadline", date(), default=None),
        Field("published_on", date(), default=None),
        Field("status", enum(NEED_STATUSES), default="open"),
    ),
}

FIELD_NAMES = {kind: ("kind",) + tuple(f.name for f in fields) for kind, fields in KINDS.items()}


def record_key(record: dict) -> str:
    """The record's identity within its kind: the code for a region, the ref otherwise."""
    return record["code"] if record["kind"] == "region" else record["ref"]


def _whole_record_errors(record: dict) -> list[tuple[str, str]]:
    errors = []
    if record["kind"] == "region":
        if record["level"] == "province" and record["parent"] is not None:
            errors.append(("parent", "省级行政区的 parent 应为 null"))
        if record["level"] != "province" and record["parent"] is None:
            errors.append(("parent", "地级和县级行政区必须有 parent"))
        if record["parent"] == record["code"]:
            errors.append(("parent", "parent 不能是自身"))
    if record["kind"] == "project":
        if record["starts_on"] and record["ends_on"] and record["ends_on"] < record["starts_on"]:
            errors.append(("ends_on", f"结束日期 {record['ends_on']} 早于开始日期 {record['starts_on']}"))
    return errors


def line_check(obj: Any) -> tuple[dict | None, list[tuple[str, str]]]:
    """Check one decoded line. Returns (canonical record or None, [(field, message), ...])."""
    if not isinstance(obj, dict):
        return None, [("-", f"每行应为一个 JSON 对象，实际为{_type_name(obj)}")]
    kind = obj.get("kind")
    if kind not in KINDS:
        message = "缺少 kind" if "kind" not in obj else f"未知的记录类型“{kind}”，可选：{', '.join(KIND_ORDER)}"
        return None, [("kind", message)]
    errors = [(name, "未知字段（格式中没有这个字段）") for name in obj if name not in FIELD_NAMES[kind]]
    record: dict = {"kind": kind}
    for spec in KINDS[kind]:
        if spec.name not in obj:
            if spec.required:
                errors.append((spec.name, "缺少必填字段"))
            else:
                record[spec.name] = list(spec.default) if isinstance(spec.default, list) else spec.default
            continue
        value = obj[spec.name]
        if value is None and spec.required:
            errors.append((spec.name, "必填字段不能为 null"))
            continue
        try:
            record[spec.name] = spec.check(value)
        except FieldError as exc:
            errors.append((spec.name, str(exc)))
    if errors:
        return None, errors
    return record, _whole_record_errors(record)
