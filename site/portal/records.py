"""A volunteer's service record and certificate figures. Pure: works on plain rows."""

from collections import OrderedDict
from decimal import Decimal


def hours_by_project(rows) -> list[dict]:
    """rows: iterable of (project_ref, project_title, organisation_name, hours) for confirmed entries.

    Returns one line per project in first-seen order, with the summed hours.
    """
    lines: OrderedDict[str, dict] = OrderedDict()
    for ref, title, org, hours in rows:
        line = lines.setdefault(ref, {"ref": ref, "title": title, "organisation": org, "hours": Decimal("0")})
        line["hours"] += Decimal(hours)
    return list(lines.values())


def total_hours(lines) -> Decimal:
    return sum((line["hours"] for line in lines), Decimal("0"))


def certificate_number(volunteer_ref: str, total: Decimal, issued_on) -> str:
    """A stable number for the certificate: who, when, how many half-hours."""
    return f"BF-{issued_on:%Y%m%d}-{volunteer_ref.removeprefix('vol-').upper()}-{int(total * 2):05d}"
