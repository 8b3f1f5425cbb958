"""Wagtail's page tree (django-treebeard's materialised path), computed without a query.

One definition for the code that writes pages without ``add_child`` (the importer's bulk path, the
national-size load): the path of a parent's n-th child, as ``add_child`` numbers it.
"""

from wagtail.models import Page

STEP_LIMIT = len(Page.alphabet) ** Page.steplen  # a parent holds at most this many children minus one


def page_child_path(parent_path: str, step: int) -> str:
    """The path of the ``step``-th child (1-based) of the page at ``parent_path``: treebeard's
    ``Page._get_path``. Raises OverflowError past the last step a path level can hold."""
    if not 0 < step < STEP_LIMIT:
        raise OverflowError(f"treebeard step {step} out of range")
    return Page._get_path(parent_path, len(parent_path) // Page.steplen + 1, step)
