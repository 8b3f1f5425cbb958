"""Overlap: help that doubles. Two kinds, both read before staff approve a match or a disbursement:

- the same need, committed to by two or more organisations;
- near-duplicate needs (one household or place written up twice) in the same county, each funded: the intake's
  similarity check (`intake/similarity.py`, its threshold and window) applied to needs that share a category.

A fixed number of queries for any number of needs or approval rows; the text comparison runs in Python, only
between funded needs of the same county published within the window of each other.
"""

import datetime
from collections import defaultdict
from dataclasses import dataclass, field

from django.conf import settings
from django.db.models import Exists, OuterRef, Q

from matching.funding.models import Disbursement
from matching.intake.similarity import similarity
from matching.models import Match, NeedPage
from matching.selectors.commitments import (
    FIRM_MATCH,
    LIVE_DISBURSEMENT,
    NeedCommitments,
    OrganisationCommitment,
    needs_commitments,
)

BRIEF_FIELDS = ("pk", "ref", "title", "county_id", "county__name", "published_on")
NEED_FIELDS = (*BRIEF_FIELDS, "description")


def funded_q() -> Q:
    """Needs with a firm commitment of some organisation (an accepted or delivered project match, or money)."""
    return Q(Exists(Match.objects.filter(need=OuterRef("pk"), project__isnull=False, status__in=FIRM_MATCH))) | Q(
        Exists(Disbursement.objects.filter(need=OuterRef("pk"), status__in=LIVE_DISBURSEMENT))
    )


@dataclass(frozen=True)
class NeedBrief:
    """A need as overlap lists name it: public fields only."""

    pk: int
    ref: str
    title: str
    county_id: str
    county_name: str
    published_on: datetime.date | None


@dataclass
class NearDuplicate:
    need: NeedBrief  # the other need, already funded
    similarity: float
    commitments: NeedCommitments

    @property
    def percent(self) -> int:
        return round(self.similarity * 100)


def need_brief(row: dict) -> NeedBrief:
    return NeedBrief(
        row["pk"], row["ref"], row["title"], row["county_id"] or "", row["county__name"] or "", row["published_on"]
    )


def _categories(need_ids) -> dict[int, set[str]]:
    out = defaultdict(set)
    through = NeedPage.categories.through
    for need_id, code in through.objects.filter(needpage_id__in=list(need_ids)).values_list(
        "needpage_id", "category_id"
    ):
        out[need_id].add(code)
    return out


def _near(a: dict, b: dict, threshold: float, window: datetime.timedelta) -> float:
    if a["published_on"] and b["published_on"] and abs(a["published_on"] - b["published_on"]) > window:
        return 0.0
    score = similarity(f"{a['title']} {a['description']}", f"{b['title']} {b['description']}")
    return score if score >= threshold else 0.0


def near_duplicates_funded(
    *, need_ids, threshold: float | None = None, window_days: int | None = None
) -> dict[int, list[NearDuplicate]]:
    """For each need, the other live needs of its county that share a category, read as the same case
    (similarity at or above the intake's threshold, published within its window) and are already funded.
    Most similar first. At most five queries whatever the number of needs."""
    threshold = settings.INTAKE_DUPLICATE_THRESHOLD if threshold is None else threshold
    window = datetime.timedelta(days=settings.INTAKE_DUPLICATE_WINDOW_DAYS if window_days is None else window_days)
    targets = list(NeedPage.objects.filter(pk__in=list(need_ids)).values(*NEED_FIELDS))
    result: dict[int, list[NearDuplicate]] = {int(pk): [] for pk in need_ids}
    dated = [t["published_on"] for t in targets if t["published_on"]]
    if not targets:
        return result
    others = NeedPage.objects.live().filter(funded_q(), county_id__in={t["county_id"] for t in targets})
    if dated:
        others = others.filter(
            Q(published_on__isnull=True)
            | Q(published_on__gte=min(dated) - window, published_on__lte=max(dated) + window)
        )
    others = list(others.values(*NEED_FIELDS))
    categories = _categories({t["pk"] for t in targets} | {o["pk"] for o in others})
    by_county = defaultdict(list)
    for o in others:
        by_county[o["county_id"]].append(o)
    found: dict[int, list[tuple[float, dict]]] = defaultdict(list)
    for t in targets:
        for o in by_county[t["county_id"]]:
            if o["pk"] != t["pk"] and categories[t["pk"]] & categories[o["pk"]]:
                score = _near(t, o, threshold, window)
                if score:
                    found[t["pk"]].append((score, o))
    commitments = needs_commitments(
        need_ids={o["pk"] for pairs in found.values() for _, o in pairs}, with_sources=False
    )
    for pk, pairs in found.items():
        result[pk] = [
            NearDuplicate(need_brief(o), score, commitments[o["pk"]])
            for score, o in sorted(pairs, key=lambda p: (-p[0], p[1]["pk"]))
        ]
    return result


@dataclass
class OverlapWarning:
    """What staff (or an organisation's admin) should know before approving one commitment of one organisation
    to one need: who else has committed to it, who else offered, and funded near-duplicates."""

    need_id: int
    organisation_id: int | None
    others_firm: list[OrganisationCommitment] = field(default_factory=list)
    others_offered: list[OrganisationCommitment] = field(default_factory=list)
    near_duplicates: list[NearDuplicate] = field(default_factory=list)

    @property
    def overlapping(self) -> bool:
        """Approving would make a second firm commitment, or fund a need already funded under another record."""
        return bool(self.others_firm or self.near_duplicates)

    def __bool__(self) -> bool:
        return bool(self.others_firm or self.others_offered or self.near_duplicates)


def overlap_warnings(*, pairs) -> dict[tuple[int, int | None], OverlapWarning]:
    """For each (need id, organisation id) about to be approved, the overlap it would make. At most nine queries for
    any number of pairs."""
    pairs = list(dict.fromkeys((int(n), o) for n, o in pairs))
    need_ids = {n for n, _ in pairs}
    commitments = needs_commitments(need_ids=need_ids)
    duplicates = near_duplicates_funded(need_ids=need_ids)
    out = {}
    for need_id, organisation_id in pairs:
        others = commitments[need_id].others(organisation_id)
        out[(need_id, organisation_id)] = OverlapWarning(
            need_id,
            organisation_id,
            others_firm=[o for o in others if o.firm],
            others_offered=[o for o in others if not o.firm],
            near_duplicates=duplicates.get(need_id, []),
        )
    return out


def overlap_warning(*, need, organisation=None) -> OverlapWarning:
    key = (need.pk, getattr(organisation, "pk", None))
    return overlap_warnings(pairs=[key])[key]


def overlap_attach(objects, *, need_id, organisation_id, attr: str = "overlap") -> list:
    """Set `attr` on each object (an approval row: a match, a disbursement) to its OverlapWarning; the two
    callables read the need's and the organisation's id from a row. Same queries for one row or a thousand."""
    objects = list(objects)
    keys = [(need_id(o), organisation_id(o)) for o in objects]
    warnings = overlap_warnings(pairs=keys) if objects else {}
    for obj, key in zip(objects, keys, strict=True):
        setattr(obj, attr, warnings[(int(key[0]), key[1])])
    return objects
