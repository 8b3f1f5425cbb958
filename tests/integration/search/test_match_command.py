"""End to end: domain writes → outbox → index → `manage.py match` prints the records.md output,
and no returned pair breaks a hard rule."""

import datetime as dt
import json

import pytest
from django.core.management import CommandError, call_command

from search.documents import need_document, project_document, volunteer_document
from search.matcher import project_eligible_for_need, volunteer_eligible_for_need
from search.outbox import outbox_drain
from tests.factories import OrganisationFactory, ProjectFactory, VolunteerFactory, make_need

pytestmark = pytest.mark.django_db
TODAY = "2026-11-29"


@pytest.fixture
def world(search_backend):
    """Needs in three counties and projects that are eligible or break one rule each."""
    verified, pending = OrganisationFactory(), OrganisationFactory(status="pending")
    suspended = OrganisationFactory(status="suspended")
    ProjectFactory(ref="prj-elder-pingxiang", organisation=verified, service_regions=["360300"])
    ProjectFactory(ref="prj-elder-national", organisation=verified, service_regions=["360000", "510000"])
    ProjectFactory(
        ref="prj-children-jiangxi",
        organisation=verified,
        service_regions=["360000"],
        title="留守儿童四点半课堂",
        summary="为农村留守儿童提供课后托管",
        description="课后辅导与陪伴。",
        categories=["children"],
    )
    ProjectFactory(ref="prj-elder-sichuan", organisation=verified, service_regions=["510000"])
    ProjectFactory(ref="prj-pending-org", organisation=pending, service_regions=["360000", "510000"])
    ProjectFactory(ref="prj-suspended-org", organisation=suspended, service_regions=["360000", "510000"])
    ProjectFactory(
        ref="prj-ended", organisation=verified, service_regions=["360000", "510000"], ends_on=dt.date(2025, 12, 31)
    )
    ProjectFactory(ref="prj-paused", organisation=verified, service_regions=["360000", "510000"], status="paused")
    VolunteerFactory(ref="vol-builder", skills=["construction"], service_regions=["360300"])
    VolunteerFactory(ref="vol-far", skills=["construction"], service_regions=["513200"])
    VolunteerFactory(
        ref="vol-inactive", skills=["construction"], service_regions=["360000", "510000"], status="inactive"
    )
    make_need(ref="need-lianhua-elder", county="360321", skills=("construction",), volunteers_needed=2)
    make_need(ref="need-li-elder", county="513222", title="理县敬老院卫生间改造", urgency="urgent")
    make_need(
        ref="need-jgs-children",
        county="360881",
        title="井冈山市留守儿童课后托管",
        categories=("children",),
        description="<p>村里留守儿童放学后无人照看，希望开设四点半课堂。</p>",
    )
    make_need(ref="need-draft", county="360321", status="draft")
    outbox_drain()
    return search_backend


def _run(*args) -> dict:
    from io import StringIO

    out = StringIO()
    call_command("match", *args, "--today", TODAY, stdout=out)
    return json.loads(out.getvalue())


def _need(ref):
    from matching.models import NeedPage

    return need_document(NeedPage.objects.get(ref=ref))


def _project(ref):
    from matching.models import Project

    return project_document(Project.objects.get(ref=ref))


def _assert_shape(output: dict, refs, kind: str):
    assert list(output) == list(refs)
    for rows in output.values():
        scores = [r["score"] for r in rows]
        assert scores == sorted(scores, reverse=True)
        for row in rows:
            assert set(row) == {"kind", "ref", "score", "reasons"}
            assert row["kind"] == kind and isinstance(row["score"], (int, float))
            assert all(isinstance(reason, str) and reason for reason in row["reasons"])


def test_need_to_project_has_the_records_shape_and_no_hard_rule_violation(world):
    refs = ["need-lianhua-elder", "need-li-elder", "need-jgs-children"]

    output = _run("need", *refs, "--limit", "10", "--format", "json")

    _assert_shape(output, refs, "project")
    today = dt.date.fromisoformat(TODAY)
    for need_ref, rows in output.items():
        need = _need(need_ref)
        for row in rows:
            assert project_eligible_for_need(_project(row["ref"]), need, today) == [], (need_ref, row)
    assert {r["ref"] for r in output["need-lianhua-elder"]} == {
        "prj-elder-pingxiang",
        "prj-elder-national",
        "prj-children-jiangxi",
    }
    assert output["need-lianhua-elder"][0]["ref"] == "prj-elder-pingxiang"
    assert "同市服务" in output["need-lianhua-elder"][0]["reasons"]
    assert output["need-jgs-children"][0]["ref"] == "prj-children-jiangxi"
    assert {r["ref"] for r in output["need-li-elder"]} == {"prj-elder-national", "prj-elder-sichuan"}


def test_need_to_volunteer_keeps_region_and_status_rules(world):
    output = _run("need", "need-lianhua-elder", "--kind", "volunteer")

    _assert_shape(output, ["need-lianhua-elder"], "volunteer")
    assert [r["ref"] for r in output["need-lianhua-elder"]] == ["vol-builder"]
    from matching.models import Volunteer

    for row in output["need-lianhua-elder"]:
        volunteer = volunteer_document(Volunteer.objects.get(ref=row["ref"]))
        assert volunteer_eligible_for_need(volunteer, _need("need-lianhua-elder")) == []


def test_need_to_volunteer_reads_the_volunteers_availability(world):
    from matching.models import Volunteer, VolunteerAvailability

    builder = Volunteer.objects.get(ref="vol-builder")
    weekend = VolunteerFactory(ref="vol-weekends", skills=["construction"], service_regions=["360321"])
    VolunteerAvailability.objects.create(volunteer=weekend, weekends=True, evenings=True)
    VolunteerAvailability.objects.create(volunteer=builder, weekdays=True, available_until=dt.date(2026, 6, 30))
    builder.save()  # re-index: the portal's profile save does the same
    outbox_drain()

    rows = _run("need", "need-lianhua-elder", "--kind", "volunteer")["need-lianhua-elder"]

    assert [r["ref"] for r in rows] == ["vol-weekends"]  # vol-builder's availability ended in June
    assert "可服务时间: 周末、晚间" in rows[0]["reasons"]


def test_project_to_need_returns_open_needs_it_covers(world):
    output = _run("project", "prj-elder-pingxiang", "prj-elder-national")

    _assert_shape(output, ["prj-elder-pingxiang", "prj-elder-national"], "need")
    assert [r["ref"] for r in output["prj-elder-pingxiang"]][:1] == ["need-lianhua-elder"]
    assert "need-jgs-children" not in {r["ref"] for r in output["prj-elder-pingxiang"]}
    assert "need-draft" not in {r["ref"] for r in output["prj-elder-national"]}
    assert {r["ref"] for r in output["prj-elder-national"]} >= {"need-lianhua-elder", "need-li-elder"}


def test_text_format_prints_reasons(world):
    from io import StringIO

    out = StringIO()
    call_command("match", "need", "need-lianhua-elder", "--format", "text", "--today", TODAY, stdout=out)

    assert "need-lianhua-elder:" in out.getvalue() and "prj-elder-pingxiang" in out.getvalue()


@pytest.mark.parametrize(
    "args, message",
    [
        (["need", "need-nope"], "不存在"),
        (["need", "need-draft"], "尚未发布"),
        (["project", "prj-pending-org"], "未通过认证"),
        (["need", "need-lianhua-elder", "--limit", "0"], "--limit"),
        (["need", "need-lianhua-elder", "--today", "2026-13-01"], "--today"),
    ],
)
def test_bad_input_is_a_clear_message(world, args, message):
    with pytest.raises(CommandError, match=message):
        call_command("match", *args)


def test_a_backend_that_is_down_is_a_clear_message(world, monkeypatch):
    from search.backends.base import SearchUnavailable

    def down(*a, **k):
        raise SearchUnavailable()

    monkeypatch.setattr(world, "retrieve_candidates", down)
    with pytest.raises(CommandError, match="搜索服务暂时不可用"):
        call_command("match", "need", "need-lianhua-elder")


def test_search_index_rebuild_and_status(world):
    from io import StringIO

    out = StringIO()
    call_command("search_index", "rebuild", "--no-progress", stdout=out)
    call_command("search_index", "status", stdout=out)

    assert "need: 3 条" in out.getvalue()
    assert "project: 6 条" in out.getvalue()  # pending and suspended organisations' projects are out
    assert "待索引 0 条" in out.getvalue()
