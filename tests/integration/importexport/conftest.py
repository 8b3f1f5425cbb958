import json
from io import StringIO

import pytest
from django.core.management import call_command
from django.db.models import Max

from matching.models import NeedPage, Organisation, Project, Region, ResponseLogEntry, Volunteer
from matching.uscc import uscc_check_char


def uscc(n: int) -> str:
    body = f"52360300MJ{n:06d}X"
    return body + uscc_check_char(body)


def good_records() -> list[dict]:
    """A small file in records.md format; the project comes before its organisation (forward reference)."""
    return [
        {
            "kind": "project",
            "ref": "prj-t1",
            "organisation": "org-t1",
            "title": "农村敬老院适老化改造",
            "summary": "改造卫浴、加装扶手",
            "description": "为县级以下敬老院改造卫浴。",
            "categories": ["elderly_care"],
            "service_regions": ["360300"],
            "budget_available": "300000.00",
            "currency": "CNY",
            "volunteer_slots": 2,
            "skills": ["construction"],
            "starts_on": "2026-01-01",
            "ends_on": "2028-12-31",
            "status": "active",
        },
        {
            "kind": "region",
            "code": "360321",
            "name": "莲花县",
            "parent": "360300",
            "level": "county",
            "tags": ["designated_county", "poverty_county", "contiguous_area:luoxiao"],
        },
        {
            "kind": "organisation",
            "ref": "org-t1",
            "name": "萍乡市助老服务中心",
            "uscc": uscc(1),
            "org_type": "social_service_agency",
            "service_regions": ["360300"],
            "categories": ["elderly_care"],
            "status": "verified",
        },
        {
            "kind": "organisation",
            "ref": "org-t2",
            "name": "益行慈善基金会",
            "uscc": uscc(2),
            "org_type": "foundation",
            "service_regions": ["000000"],
            "categories": ["medical", "children"],
            "status": "pending",
        },
        {
            "kind": "project",
            "ref": "prj-t2",
            "organisation": "org-t2",
            "title": "乡村儿童大病救助",
            "summary": "",
            "description": "",
            "categories": ["medical"],
            "service_regions": ["000000"],
            "budget_available": "80000.50",
            "currency": "CNY",
            "volunteer_slots": 0,
            "skills": [],
            "starts_on": None,
            "ends_on": None,
            "status": "draft",
        },
        {
            "kind": "volunteer",
            "ref": "vol-t1",
            "display_name": "李老师",
            "skills": ["teaching"],
            "service_regions": ["360827"],
            "hours_per_month": 16,
            "status": "active",
        },
        {
            "kind": "need",
            "ref": "need-t1",
            "title": "莲花县某乡敬老院卫浴改造",
            "description": "敬老院卫浴老旧。\n老人洗澡不便。",
            "categories": ["elderly_care"],
            "region": "360321",
            "circle": "core",
            "urgency": "normal",
            "beneficiaries": 42,
            "amount_requested": "120000.00",
            "currency": "CNY",
            "volunteers_needed": 0,
            "skills": ["construction"],
            "deadline": "2027-06-30",
            "published_on": "2026-10-08",
            "status": "open",
        },
        {
            "kind": "need",
            "ref": "need-t2",
            "title": "遂川县留守儿童课业辅导",
            "description": "留守儿童缺少课业辅导。",
            "categories": ["children", "education"],
            "region": "360827",
            "circle": "low_income",
            "urgency": "urgent",
            "beneficiaries": 30,
            "amount_requested": "5000.00",
            "currency": "CNY",
            "volunteers_needed": 3,
            "skills": ["teaching"],
            "deadline": None,
            "published_on": "2026-09-01",
            "status": "in_progress",
        },
        {
            "kind": "need",
            "ref": "need-t3",
            "title": "莲花县突发火灾临时救助",
            "description": "一户村民房屋失火。",
            "categories": ["emergency"],
            "region": "360321",
            "circle": "emergency",
            "urgency": "critical",
            "beneficiaries": 4,
            "amount_requested": "20000.00",
            "currency": "CNY",
            "volunteers_needed": 0,
            "skills": [],
            "deadline": None,
            "published_on": None,
            "status": "draft",
        },
    ]


def as_text(records) -> str:
    return "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records)


@pytest.fixture
def records_file(tmp_path):
    def write(records, name="records.jsonl") -> str:
        path = tmp_path / name
        path.write_text(records if isinstance(records, str) else as_text(records), encoding="utf-8")
        return str(path)

    return write


@pytest.fixture
def run_import(records_file):
    """Run the command as a person would; returns (stdout, stderr)."""

    def run(records, *options):
        out, err = StringIO(), StringIO()
        call_command("import_records", records_file(records), *options, stdout=out, stderr=err, verbosity=0)
        return out.getvalue(), err.getvalue()

    return run


def database_state() -> dict:
    """Everything an import could change: row counts, revisions, log lines, last-modified stamps, content,
    Wagtail's own indexes and the search outbox."""
    from wagtail.models import PageLogEntry, ReferenceIndex, Revision
    from wagtail.search.models import IndexEntry

    from matching.importexport import records_export
    from search.models import IndexOutbox

    return {
        "counts": [m.objects.count() for m in (Region, Organisation, Project, Volunteer, NeedPage, ResponseLogEntry)],
        "revisions": Revision.objects.count(),
        "wagtail": [m.objects.count() for m in (PageLogEntry, IndexEntry, ReferenceIndex)],
        "outbox": IndexOutbox.objects.count(),
        "stamps": [
            m.objects.aggregate(Max("updated_at"))["updated_at__max"] for m in (Organisation, Project, Volunteer)
        ],
        "pages": list(NeedPage.objects.order_by("pk").values_list("latest_revision_id", "last_published_at")),
        "records": list(records_export()),
    }


@pytest.fixture
def search_backend(settings, tmp_path):
    """The embedded search engine on a fresh index directory, as the default backend."""
    from search.backends.base import get_search_backend, reset_backends

    settings.SEARCH_BACKENDS = {
        "default": {"BACKEND": "search.backends.embedded.EmbeddedBackend", "PATH": str(tmp_path / "search-index")}
    }
    reset_backends()
    yield get_search_backend()
    reset_backends()


def wagtail_index_entries(model=NeedPage) -> set[str]:
    """Object ids of ``model`` in Wagtail's own search index (the admin's page search)."""
    from django.contrib.contenttypes.models import ContentType
    from wagtail.search.models import IndexEntry

    return set(
        IndexEntry.objects.filter(content_type=ContentType.objects.get_for_model(model)).values_list(
            "object_id", flat=True
        )
    )
