"""Read a records file into checked lines. Nothing here touches the database."""

import json
from collections.abc import Iterable

from .checks import Line
from .errors import RecordError
from .schema import line_check


def lines_read(text_lines: Iterable[str | bytes]) -> tuple[list[Line], list[RecordError]]:
    """Decode and check every line; blank lines are ignored. Returns (valid lines, errors).

    Lines may be bytes (a file opened in binary): each is decoded on its own, so a line that is not
    UTF-8 is reported by its number and the others are still checked."""
    lines: list[Line] = []
    errors: list[RecordError] = []
    for number, raw in enumerate(text_lines, start=1):
        if isinstance(raw, bytes):
            try:
                raw = raw.decode("utf-8-sig" if number == 1 else "utf-8")
            except UnicodeDecodeError as exc:
                errors.append(RecordError(number, "-", f"不是 UTF-8 编码 / not UTF-8（第 {exc.start + 1} 字节）"))
                continue
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
