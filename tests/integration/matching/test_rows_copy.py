"""rows_copy (the bulk import's COPY) writes the rows bulk_create writes: JSON, times set on insert, nulls,
uuids, ids from the sequence."""

import uuid

import pytest
from django.contrib.contenttypes.models import ContentType
from django.forms.models import model_to_dict
from django.utils import timezone
from wagtail.models import Page, PageLogEntry

from matching.models import Organisation
from matching.services.rows_copy import ids_take, rows_copy
from search.models import IndexOutbox

pytestmark = pytest.mark.django_db


def _log_entries(label: str, now) -> list[PageLogEntry]:
    content_type = ContentType.objects.get_for_model(Organisation)
    root = Page.get_first_root_node()
    return [
        PageLogEntry(
            content_type=content_type,
            label=f"{label}\n第二行\t\\结尾",
            action="wagtail.create",
            timestamp=now,
            data={"nested": {"list": [1, "二"], "none": None}, "text": '引号"与\\反斜杠\t制表'},
            uuid=uuid.UUID(int=i) if i else None,
            page_id=root.pk,
            content_changed=bool(i),
        )
        for i in range(3)
    ]


def _rows(label: str) -> list[dict]:
    return [
        {**{k: v for k, v in model_to_dict(e).items() if k != "id"}, "uuid": e.uuid}
        for e in PageLogEntry.objects.filter(label__startswith=label).order_by("id")
    ]


def test_copied_rows_equal_bulk_created_rows():
    now = timezone.now()
    PageLogEntry.objects.bulk_create(_log_entries("bulk", now))
    assert rows_copy(PageLogEntry, _log_entries("copy", now)) == 3

    bulk, copied = _rows("bulk"), _rows("copy")
    assert [{**r, "label": ""} for r in copied] == [{**r, "label": ""} for r in bulk]
    assert copied[0]["data"]["nested"] == {"list": [1, "二"], "none": None}
    assert copied[0]["label"] == "copy\n第二行\t\\结尾"  # newline, tab and backslash survive COPY


def test_times_set_on_insert_are_set_and_ids_come_from_the_sequence():
    before = timezone.now()
    rows = [IndexOutbox(kind="need", ref=f"n{i}") for i in range(2)]
    ids = ids_take(IndexOutbox, 2)
    for row, pk in zip(rows, ids, strict=True):
        row.pk = pk
    rows_copy(IndexOutbox, rows)

    stored = list(IndexOutbox.objects.filter(pk__in=ids).order_by("pk"))
    assert [r.ref for r in stored] == ["n0", "n1"] and ids[1] > ids[0]
    assert all(r.created_at >= before and r.available_at >= before and r.attempts == 0 for r in stored)
    assert IndexOutbox.objects.create(kind="need", ref="after").pk > ids[1]  # the sequence moved past them
