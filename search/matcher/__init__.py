"""The matcher's scoring policy (pure functions: no ORM, no search engine).

Public API: ``rank``, ``RankedCandidate``, ``DEFAULT_WEIGHTS``, ``document_features``,
``project_eligible_for_need``, ``volunteer_eligible_for_need``, ``region_covers``.
See ``docs/matcher.md``.
"""

from .features import FEATURES_KEY, document_features
from .hard_rules import project_eligible_for_need, region_covers, volunteer_eligible_for_need
from .policy import DEFAULT_WEIGHTS, DIRECTIONS, RankedCandidate, rank

__all__ = [
    "DEFAULT_WEIGHTS",
    "DIRECTIONS",
    "FEATURES_KEY",
    "RankedCandidate",
    "document_features",
    "project_eligible_for_need",
    "rank",
    "region_covers",
    "volunteer_eligible_for_need",
]
