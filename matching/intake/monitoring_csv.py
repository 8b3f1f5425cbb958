"""The monitoring and early-warning list (监测预警名单) as CSV: parse and check every line. Pure.

Columns (UTF-8, header row required; Chinese headers accepted):
county_code/县区代码, township/乡镇, category/类别, reason/预警原因, urgency/紧急程度 (optional),
person_name/姓名, person_id_number/身份证号, person_phone/电话 (optional).
Line numbers are the file's own (the header is line 1).
"""

import csv
import io
from dataclasses import dataclass

from matching.intake.fields import URGENCIES, ContactFields, ReportFields, report_errors
from matching.taxonomy import CATEGORIES

HEADER_ALIASES = {
    "county_code": "county_code",
    "县区代码": "county_code",
    "县（区）代码": "county_code",
    "township": "township",
    "乡镇": "township",
    "乡镇（街道）": "township",
    "category": "category",
    "类别": "category",
    "困难类别": "category",
    "reason": "reason",
    "预警原因": "reason",
    "情况": "reason",
    "urgency": "urgency",
    "紧急程度": "urgency",
    "person_name": "person_name",
    "姓名": "person_name",
    "person_id_number": "person_id_number",
    "身份证号": "person_id_number",
    "person_phone": "person_phone",
    "电话": "person_phone",
    "联系电话": "person_phone",
}
REQUIRED = ("county_code", "township", "category", "reason", "person_name")
FIELD_LABELS = {
    "county_code": "县区代码",
    "township": "乡镇",
    "category": "类别",
    "description": "预警原因",
    "urgency": "紧急程度",
    "person_name": "姓名",
    "person_id_number": "身份证号",
    "person_phone": "电话",
    "reporter_phone": "电话",
    "source": "来源",
    "reason": "预警原因",
}
_CATEGORY_BY_LABEL = {zh: code for code, (zh, _en) in CATEGORIES.items()}
_URGENCY_BY_LABEL = {zh: code for code, zh in URGENCIES.items()}


@dataclass(frozen=True)
class LineError:
    line: int
    field: str
    message: str

    def __str__(self) -> str:
        where = f"第 {self.line} 行" + (f"「{FIELD_LABELS.get(self.field, self.field)}」" if self.field else "")
        return f"{where}：{self.message}"


@dataclass(frozen=True)
class MonitoringRow:
    line: int
    fields: ReportFields
    contact: ContactFields


def decode(data: bytes) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ValueError("文件不是 UTF-8 编码的 CSV，请另存为“CSV UTF-8”后再上传") from exc


def parse(text: str, *, max_rows: int = 20000) -> tuple[list[MonitoringRow], list[LineError]]:
    """Every row, or every error with its line number. Callers write nothing if errors is not empty."""
    if "\x00" in text:
        return [], [LineError(1, "", "文件不是文本格式的 CSV")]
    reader = csv.reader(io.StringIO(text))
    try:
        header = next(reader)
    except StopIteration:
        return [], [LineError(1, "", "文件是空的")]
    except csv.Error as exc:
        return [], [LineError(1, "", f"CSV 格式错误：{exc}")]
    columns = [HEADER_ALIASES.get(h.strip()) for h in header]
    unknown = [h for h, c in zip(header, columns, strict=False) if c is None and h.strip()]
    missing = [FIELD_LABELS[c] for c in REQUIRED if c not in columns]
    errors: list[LineError] = []
    if unknown:
        errors.append(LineError(1, "", f"无法识别的列：{'、'.join(unknown)}"))
    if missing:
        errors.append(LineError(1, "", f"缺少必需的列：{'、'.join(missing)}"))
    if errors:
        return [], errors
    rows: list[MonitoringRow] = []
    try:
        for values in reader:
            line = reader.line_num
            if not any(v.strip() for v in values):
                continue
            if len(rows) >= max_rows:
                errors.append(LineError(line, "", f"一次最多导入 {max_rows} 行"))
                break
            if len(values) != len(header):
                errors.append(LineError(line, "", f"应有 {len(header)} 列，实际 {len(values)} 列"))
                continue
            record = {c: v.strip() for c, v in zip(columns, values, strict=False) if c}
            row, row_errors = _row(line, record)
            errors.extend(row_errors)
            if row is not None:
                rows.append(row)
    except csv.Error as exc:
        errors.append(LineError(reader.line_num, "", f"CSV 格式错误：{exc}"))
    return rows, errors


def _row(line: int, record: dict[str, str]) -> tuple[MonitoringRow | None, list[LineError]]:
    errors = [LineError(line, c, "必填") for c in REQUIRED if not record.get(c)]
    category = _CATEGORY_BY_LABEL.get(record.get("category", ""), record.get("category", ""))
    urgency = _URGENCY_BY_LABEL.get(record.get("urgency", ""), record.get("urgency") or "normal")
    fields = ReportFields(
        county_code=record.get("county_code", ""),
        township=record.get("township", ""),
        category=category,
        description=record.get("reason", ""),
        urgency=urgency,
        source="monitoring",
    )
    contact = ContactFields(
        person_name=record.get("person_name", ""),
        person_phone=record.get("person_phone", ""),
        person_id_number=record.get("person_id_number", ""),
    )
    required_failed = {e.field for e in errors}
    for field, message in report_errors(fields, contact, require_phone=False).items():
        field = "reason" if field == "description" else field
        if field not in required_failed:
            errors.append(LineError(line, field, message))
    return (None if errors else MonitoringRow(line=line, fields=fields, contact=contact)), errors
