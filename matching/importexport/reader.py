"""Read a records file into checked lines. Nothing here touches the database."""
import json
from typing import Iterable

from .checks import Line
from .errors import RecordError
from .schema import line_check


def lines_read(text_lines: Iterable[str]) -> tuple[list[Line], list[RecordError]]:
    """Decode and check every line; blank lines are ignored. Returns (valid lines, errors)."""
    lines: list[Line] = []
    errors: list[RecordError] = []
    for number, raw in enumerate(text_lines, start=1):
        if not raw.strip():
            continue
        try:
            obj = json.loads(raw)
        except json.JSONDecodeError as exc:
            errors.append(RecordError(number, "-", f"不是有效的 JSON：{exc.msg}（第 {exc.colno} 列）"))
            continue
        record, problems = line_check(obj)
        if problems:
            errors.extend(RecordError(number, field, message) for field, message in problems)
        else:
            lines.append(Line(number, record))
    return lines, errors
