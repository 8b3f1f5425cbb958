"""Categories and skills for the matcher: the one source is matching/taxonomy.py (pure, no Django)."""

from matching.taxonomy import CATEGORIES, SKILLS, category_label, skill_label

CATEGORY_CODES = tuple(CATEGORIES)
SKILL_CODES = tuple(SKILLS)

__all__ = ["CATEGORIES", "SKILLS", "CATEGORY_CODES", "SKILL_CODES", "category_label", "skill_label"]
