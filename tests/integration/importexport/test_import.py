import pytest
from django.core.management.base import CommandError
from wagtail.models import Revision

from matching.models import NeedPage, Organisation, Project, ResponseLogEntry, Volunteer

from .conftest import as_text, database_state, good_records, uscc

pytestmark = pytest.mark.django_db


def test_a_good_file_creates_every_record():
    from matching.importexport import records_import

    from .conftest import as_text

    result = records_import(as_text(good_records()).splitlines())

    assert dict(result.created) == {"organisation": 2, "project": 2, "volunteer": 1, "need": 3}
    project = Project.objects.get(ref="prj-t2")
    assert project.organisation.ref == "org-t2" and project.budget_available == 8_000_050
    assert list(project.service_regions.values_list("code", flat=True)) == ["000000"]
    assert Organisation.objects.get(ref="org-t1").status == "verified"
    assert list(Volunteer.objects.get(ref="vol-t1").service_regions.values_list("code", flat=True)) == ["360827"]


def test_needs_become_pages_under_their_county_published_unless_draft(run_import):
    run_import(good_records())

    open_need = NeedPage.objects.get(ref="need-t1")
    assert open_need.live and open_need.get_parent().specific.region.code == "360321"
    assert str(open_need.published_on) == "2026-10-08"
    assert open_need.description == "<p>敬老院卫浴老旧。</p><p>老人洗澡不便。</p>"
    assert open_need.amount_requested == 12_000_000
    assert list(open_need.response_log.values_list("to_status", flat=True)) == ["open"]
    in_progress = NeedPage.objects.get(ref="need-t2")
    assert in_progress.live and in_progress.status == "in_progress"
    assert in_progress.get_parent().specific.region.code == "360827"
    draft = NeedPage.objects.get(ref="need-t3")
    assert not draft.live and draft.status == "draft"


def test_importing_the_same_file_twice_changes_nothing(run_import):
    run_import(good_records())
    before = database_state()

    out, _ = run_import(good_records())

    assert database_state() == before
    assert "新增 0，更新 0" in out


def test_a_changed_line_updates_that_record_only(run_import):
    run_import(good_records())
    revisions = Revision.objects.count()
    records = good_records()
    records[6] = {**records[6], "title": "莲花县某乡敬老院卫浴与扶手改造", "status": "matched"}
    records[0] = {**records[0], "budget_available": "250000.00"}

    out, _ = run_import(records)

    need = NeedPage.objects.get(ref="need-t1")
    assert need.title == "莲花县某乡敬老院卫浴与扶手改造" and need.status == "matched" and need.live
    assert list(need.response_log.values_list("to_status", flat=True)) == ["open", "matched"]
    assert str(need.published_on) == "2026-10-08"
    assert Project.objects.get(ref="prj-t1").budget_available == 25_000_000
    assert Revision.objects.count() == revisions + 1
    assert "project: 新增 0，更新 1" in out and "need: 新增 0，更新 1，未变 2" in out


def test_a_need_published_from_draft_gets_its_log_line(run_import):
    run_import(good_records())
    records = good_records()
    records[8] = {**records[8], "status": "open"}

    run_import(records)

    need = NeedPage.objects.get(ref="need-t3")
    assert need.live and need.published_on is not None
    assert list(need.response_log.values_list("to_status", flat=True)) == ["open"]


def test_a_need_moved_to_another_county(run_import):
    run_import(good_records())
    records = good_records()
    records[6] = {**records[6], "region": "360827"}

    run_import(records)

    need = NeedPage.objects.get(ref="need-t1")
    assert need.county_id == "360827" and need.get_parent().specific.region.code == "360827"


BAD_LINES = [
    # (what is wrong, the bad line, field)
    ("invalid JSON", '{"kind":"volunteer","ref":', "-"),
    ("unknown kind", {"kind": "donor", "ref": "d1"}, "kind"),
    ("unknown field", {"kind": "volunteer", "ref": "vol-x", "display_name": "王", "phone": "13800000000"}, "phone"),
    ("missing required field", {"kind": "volunteer", "ref": "vol-x"}, "display_name"),
    (
        "wrong type",
        {"kind": "volunteer", "ref": "vol-x", "display_name": "王", "hours_per_month": "8"},
        "hours_per_month",
    ),
    ("bad circle", {**good_records()[6], "ref": "need-x", "circle": "inner"}, "circle"),
    ("bad urgency", {**good_records()[6], "ref": "need-x", "urgency": "asap"}, "urgency"),
    ("bad need status", {**good_records()[6], "ref": "need-x", "status": "done"}, "status"),
    ("bad level", {"kind": "region", "code": "360399", "name": "x", "parent": "360300", "level": "town"}, "level"),
    ("bad org_type", {**good_records()[2], "ref": "org-x", "uscc": uscc(9), "org_type": "charity"}, "org_type"),
    (
        "bad tag",
        {"kind": "region", "code": "360399", "name": "x", "parent": "360300", "level": "county", "tags": ["rich"]},
        "tags",
    ),
    ("unknown category", {**good_records()[6], "ref": "need-x", "categories": ["poverty"]}, "categories"),
    ("unknown skill", {**good_records()[6], "ref": "need-x", "skills": ["cooking"]}, "skills"),
    ("money with 3 decimals", {**good_records()[6], "ref": "need-x", "amount_requested": "1.005"}, "amount_requested"),
    ("money as a number", {**good_records()[0], "ref": "prj-x", "budget_available": 300000}, "budget_available"),
    ("not an ISO date", {**good_records()[6], "ref": "need-x", "deadline": "30/06/2027"}, "deadline"),
    ("region code that does not exist", {**good_records()[6], "ref": "need-x", "region": "360399"}, "region"),
    (
        "service region that does not exist",
        {**good_records()[5], "ref": "vol-x", "service_regions": ["369900"]},
        "service_regions",
    ),
    ("USCC check digit", {**good_records()[2], "ref": "org-x", "uscc": uscc(9)[:17] + "0"}, "uscc"),
    ("need region not a county", {**good_records()[6], "ref": "need-x", "region": "360300"}, "region"),
    ("dangling organisation", {**good_records()[0], "ref": "prj-x", "organisation": "org-nobody"}, "organisation"),
    (
        "dangling parent",
        {"kind": "region", "code": "360399", "name": "x", "parent": "369900", "level": "county"},
        "parent",
    ),
    ("duplicate ref", {**good_records()[5]}, "ref"),
]


@pytest.mark.parametrize("what, bad, field", BAD_LINES, ids=[b[0] for b in BAD_LINES])
def test_a_bad_line_is_reported_with_its_line_and_field_and_nothing_is_written(run_import, what, bad, field):
    import json

    records = good_records()
    lines = [json.dumps(r, ensure_ascii=False) for r in records]
    lines.append(bad if isinstance(bad, str) else json.dumps(bad, ensure_ascii=False))
    before = database_state()

    with pytest.raises(CommandError, match="未写入任何数据"):
        run_import("\n".join(lines) + "\n")

    assert database_state() == before
    assert NeedPage.objects.count() == 0 and Organisation.objects.count() == 0


@pytest.mark.parametrize("what, bad, field", BAD_LINES, ids=[b[0] for b in BAD_LINES])
def test_each_error_names_line_and_field(what, bad, field):
    import json

    from matching.importexport import RecordsInvalid, records_check

    lines = [json.dumps(r, ensure_ascii=False) for r in good_records()]
    lines.append(bad if isinstance(bad, str) else json.dumps(bad, ensure_ascii=False))

    with pytest.raises(RecordsInvalid) as caught:
        records_check(lines)

    assert [(e.line, e.field) for e in caught.value.errors] == [(10, field)]
    assert str(caught.value.errors[0]).startswith(f"line 10, field {field}: ")


def test_the_command_prints_every_error(records_file):
    from io import StringIO

    from django.core.management import call_command

    path = records_file(good_records() + [{"kind": "volunteer", "ref": "vol-x", "hours_per_month": -1}])
    err = StringIO()

    with pytest.raises(CommandError, match="2 处错误"):
        call_command("import_records", path, stderr=err, verbosity=0)

    assert "line 10, field display_name: 缺少必填字段" in err.getvalue()
    assert "line 10, field hours_per_month: 不能为负数" in err.getvalue()
    assert Organisation.objects.count() == 0


def test_skip_invalid_imports_the_valid_lines_and_reports_the_rest(run_import):
    records = good_records()
    records[2] = {**records[2], "uscc": uscc(1)[:17] + "0"}  # org-t1 invalid → prj-t1 (line 1) dangles

    out, err = run_import(records, "--skip-invalid")

    assert not Organisation.objects.filter(ref="org-t1").exists()
    assert not Project.objects.filter(ref="prj-t1").exists()
    assert Project.objects.filter(ref="prj-t2").exists() and NeedPage.objects.count() == 3
    assert "line 3, field uscc" in err and "line 1, field organisation" in err
    assert "跳过 2 行无效记录" in out


def test_dry_run_writes_nothing(run_import):
    before = database_state()

    out, _ = run_import(good_records(), "--dry-run")

    assert database_state() == before
    assert "试运行" in out and "need: 新增 3" in out


def test_reimport_adds_no_response_log_lines(run_import):
    run_import(good_records())
    log_lines = ResponseLogEntry.objects.count()

    run_import(good_records())
    run_import(good_records())

    assert ResponseLogEntry.objects.count() == log_lines == 2


def test_a_line_that_is_not_utf8_is_reported_by_number_and_nothing_is_written(tmp_path):
    from io import StringIO

    from django.core.management import call_command

    lines = as_text(good_records()).splitlines(keepends=True)
    assert not lines[2].isascii()
    path = tmp_path / "mixed.jsonl"  # line 3 saved as GBK in a UTF-8 file
    path.write_bytes(b"".join(line.encode("gbk" if n == 2 else "utf-8") for n, line in enumerate(lines)))
    err = StringIO()

    with pytest.raises(CommandError, match="处错误，未写入任何数据"):
        call_command("import_records", str(path), stderr=err, verbosity=0)

    assert "line 3, field -: 不是 UTF-8 编码 / not UTF-8" in err.getvalue()
    assert "Traceback" not in err.getvalue()
    assert Organisation.objects.count() == 0


def test_references_are_checked_against_what_the_database_holds(run_import):
    """The file is checked against the records it names in the database: an organisation only in the
    database may be referenced, its USCC may not be taken, a need's region must be a county there."""
    import json

    from matching.importexport import RecordsInvalid, records_check

    run_import(as_text(good_records()))
    records = good_records()
    project = {**records[0], "ref": "prj-t9"}  # org-t1 is only in the database now
    taken = {**records[2], "ref": "org-t9", "name": "另一家机构"}  # org-t1's USCC
    missing = {**records[0], "ref": "prj-t8", "organisation": "org-nowhere"}
    prefecture = {**records[6], "ref": "need-t9", "region": "360300"}
    lines = [json.dumps(r, ensure_ascii=False) for r in (project, taken, missing, prefecture)]

    with pytest.raises(RecordsInvalid) as caught:
        records_check(lines)

    assert [(e.line, e.field) for e in caught.value.errors] == [(2, "uscc"), (3, "organisation"), (4, "region")]
    assert "org-t1" in str(caught.value.errors[0]) and "360300" in str(caught.value.errors[2])
    assert records_check(lines[:1])[1] == []
