"""Checks across lines and against the database: duplicates, references, region levels, USCC clashes.

Pure given a `Known` snapshot of the database, so the rules are unit-tested without one.
"""

from dataclasses import dataclass, field

from matching.taxonomy import NATIONWIDE

from .errors import RecordError
from .schema import record_key


@dataclass(frozen=True)
class Line:
    number: int
    record: dict


@dataclass
class Known:
    """What the database already holds, as far as references are concerned."""

    regions: dict[str, str] = field(default_factory=dict)  # code → level
    organisations: set[str] = field(default_factory=set)  # refs
    uscc_owner: dict[str, str] = field(default_factory=dict)  # uscc → organisation ref


def cross_check(lines: list[Line], known: Known) -> list[RecordError]:
    errors: list[RecordError] = []
    seen: dict[tuple[str, str], int] = {}
    file_regions: dict[str, str] = {}
    file_orgs: dict[str, str] = {}  # ref → uscc
    uscc_lines: dict[str, tuple[int, str]] = {}
    for line in lines:
        rec = line.record
        key = (rec["kind"], record_key(rec))
        if key in seen:
            field_name = "code" if rec["kind"] == "region" else "ref"
            errors.append(RecordError(line.number, field_name, f"“{key[1]}”与第 {seen[key]} 行重复"))
            continue
        seen[key] = line.number
        if rec["kind"] == "region":
            file_regions[rec["code"]] = rec["level"]
        elif rec["kind"] == "organisation":
            file_orgs[rec["ref"]] = rec["uscc"]
            other = uscc_lines.get(rec["uscc"])
            if other:
                errors.append(RecordError(line.number, "uscc", f"统一社会信用代码与第 {other[0]} 行（{other[1]}）重复"))
            else:
                uscc_lines[rec["uscc"]] = (line.number, rec["ref"])

    def region_level(code: str) -> str | None:
        return file_regions.get(code) or known.regions.get(code)

    def check_regions(line: Line, name: str, codes) -> None:
        missing = [c for c in codes if c != NATIONWIDE and region_level(c) is None]
        if missing:
            errors.append(RecordError(line.number, name, f"行政区划代码不存在：{', '.join(missing)}"))

    for line in lines:
        rec = line.record
        kind = rec["kind"]
        if kind == "region" and rec["parent"] is not None:
            check_regions(line, "parent", [rec["parent"]])
        if kind in ("organisation", "project", "volunteer"):
            check_regions(line, "service_regions", rec["service_regions"])
        if (
            kind == "project"
            and rec["organisation"] not in file_orgs
            and rec["organisation"] not in known.organisations
        ):
            errors.append(
                RecordError(
                    line.number, "organisation", f"社会组织“{rec['organisation']}”不存在（文件和数据库中都没有）"
                )
            )
        if kind == "need":
            level = region_level(rec["region"])
            if level is None:
                check_regions(line, "region", [rec["region"]])
            elif level != "county":
                errors.append(RecordError(line.number, "region", f"需求必须属于县级行政区，{rec['region']} 是 {level}"))
        if kind == "organisation":
            owner = known.uscc_owner.get(rec["uscc"])
            if owner and owner != rec["ref"] and file_orgs.get(owner, rec["uscc"]) == rec["uscc"]:
                errors.append(RecordError(line.number, "uscc", f"统一社会信用代码已被社会组织“{owner}”使用"))
    return errors
