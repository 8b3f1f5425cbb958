"""Standing profiles: the pure rules (does a need fit a profile; its index keys). No database."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

URGENCY_RANK = {"normal": 0, "urgent": 1, "critical": 2}
ANY = "*"
MAX_KEYWORDS = 20
_SPLIT = re.compile(r"[\s,，、;；]+")


@dataclass(frozen=True)
class ProfileSpec:
    categories: tuple[str, ...] = ()
    regions: tuple[str, ...] = ()
    keywords: tuple[str, ...] = ()
    min_urgency: str = "normal"
    extra: dict = field(default_factory=dict, compare=False)


def split_keywords(text: str) -> list[str]:
    """``"敬老院，助浴 护理"`` → ``["敬老院", "助浴", "护理"]`` (order kept, duplicates dropped)."""
    return list(dict.fromkeys(w for w in _SPLIT.split(text or "") if w))


def profile_keys(spec: ProfileSpec) -> list[tuple[str, str]]:
    """Index rows: each region and category, or ``*`` when the profile takes any."""
    return ([("region", c) for c in spec.regions] or [("region", ANY)]) + (
        [("category", c) for c in spec.categories] or [("category", ANY)]
    )


def need_lookup_keys(need: dict) -> dict[str, list[str]]:
    """The keys a need is looked up by: its covering regions and its categories, plus ``*``."""
    return {
        "region": list(need.get("region_path") or ()) + [ANY],
        "category": list(need.get("categories") or ()) + [ANY],
    }


def profile_fits(spec: ProfileSpec, need: dict) -> bool:
    """A need fits when every stated condition holds: region covers the need's county (a province
    or prefecture covers its counties, 000000 all), a category is shared, urgency is at least the
    minimum, and (if keywords are given) one keyword occurs in the title or the description."""
    if spec.regions and not set(spec.regions) & set(need.get("region_path") or ()):
        return False
    if spec.categories and not set(spec.categories) & set(need.get("categories") or ()):
        return False
    if URGENCY_RANK.get(need.get("urgency") or "normal", 0) < URGENCY_RANK.get(spec.min_urgency, 0):
        return False
    if spec.keywords:
        text = f"{need.get('title') or ''}\n{need.get('description') or ''}".lower()
        if not any(k.lower() in text for k in spec.keywords):
            return False
    return True
