"""The one computation of a child's treebeard path (the importer's bulk path and the national load use it)."""

import pytest
from wagtail.models import Page

from matching.pagetree import STEP_LIMIT, page_child_path


@pytest.mark.parametrize("step", [1, 2, 35, 36, 37, 1295, 1296, STEP_LIMIT - 1])
def test_child_path_is_treebeards(step):
    parent = "00010002"
    assert page_child_path(parent, step) == Page._get_path(parent, 3, step)
    assert len(page_child_path(parent, step)) == len(parent) + Page.steplen


def test_child_path_numbers_as_add_child():
    assert page_child_path("0001", 1) == "00010001"
    assert page_child_path("0001", 36) == "00010010"
    assert page_child_path("00010001", 1) == "000100010001"


@pytest.mark.parametrize("step", [0, STEP_LIMIT])
def test_child_path_refuses_steps_out_of_range(step):
    with pytest.raises(OverflowError):
        page_child_path("0001", step)
