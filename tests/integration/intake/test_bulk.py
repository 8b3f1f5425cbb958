"""Bulk intake of a monitoring list: all lines or none, with line-numbered errors."""

import io

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from matching.intake.models import IntakeReport, ReportContact
from matching.notifications.models import Notification

from .conftest import valid_id

HEADER = "县区代码,乡镇,类别,预警原因,紧急程度,姓名,身份证号,电话\n"


def good_csv() -> str:
    return HEADER + (
        f"360321,坊楼镇,医疗救助,年内自付医疗费用超过8万元，家庭支出型困难,紧急,谢红梅,{valid_id('36032119700101002')},13907990011\n"
        f"360321,路口镇,medical,慢性病长期服药，医疗支出占家庭收入过半,,刘志强,{valid_id('36032119650505001')},\n"
        f"360322,赤山镇,housing,房屋鉴定为C级危房，家中无劳动力,一般,钟桂英,,\n"
    )


def bad_csv() -> str:
    return HEADER + (
        f"360321,坊楼镇,医疗救助,年内自付医疗费用超过8万元，家庭支出型困难,紧急,谢红梅,{valid_id('36032119700101002')},13907990011\n"
        "360321,路口镇,彩票,慢性病长期服药，医疗支出占家庭收入过半,,刘志强,,\n"
        "360321,,medical,太短,马上,,360321197001010029,12\n"
        "999999,赤山镇,housing,房屋鉴定为C级危房，家中无劳动力,一般,钟桂英,,\n"
        "360321,赤山镇\n"
    )


def written() -> int:
    return IntakeReport.objects.count() + ReportContact.objects.count()


def upload(client, content: bytes, name: str = "list.csv"):
    handle = io.BytesIO(content)
    handle.name = name
    return client.post(reverse("intake:monitoring_upload"), {"file": handle})


@pytest.fixture
def all_staff(county_staff, other_staff):
    """Prefecture staff (萍乡市) cover both counties of the files."""
    from matching.models import Region
    from matching.services.staff import staff_user_add

    return staff_user_add(username="pingxiang-officer", password="x", region=Region.objects.get(code="360300"))


def test_good_file_creates_reports_and_tells_each_county_once(client, all_staff, county_staff, other_staff):
    client.force_login(all_staff)
    response = upload(client, good_csv().encode("utf-8-sig"))
    assert response.status_code == 302
    reports = IntakeReport.objects.order_by("id")
    assert [(r.county_id, r.category, r.urgency, r.source) for r in reports] == [
        ("360321", "medical", "urgent", "monitoring"),
        ("360321", "medical", "normal", "monitoring"),
        ("360322", "housing", "normal", "monitoring"),
    ]
    assert reports[0].contact.person_name == "谢红梅"
    # one notification per county for its staff (the prefecture officer gets both)
    assert Notification.objects.filter(recipient=county_staff).count() == 1
    assert Notification.objects.filter(recipient=other_staff).count() == 1
    assert Notification.objects.filter(recipient=all_staff).count() == 2
    assert "2 条监测预警报告" in Notification.objects.get(recipient=county_staff).title


def test_bad_file_lists_line_numbered_errors_and_writes_nothing(client, all_staff):
    client.force_login(all_staff)
    response = upload(client, bad_csv().encode("utf-8"))
    body = response.content.decode()
    assert response.status_code == 400
    for expected in (
        "第 3 行「类别」：困难类别“彩票”不在分类表中",
        "第 4 行「乡镇」：必填",
        "第 4 行「预警原因」：请描述反映的情况",
        "第 4 行「紧急程度」",
        "第 4 行「姓名」：必填",
        "第 4 行「身份证号」",
        "第 4 行「电话」：电话号码格式不正确",
        "第 5 行「县区代码」：行政区划代码 999999 不存在",
        "第 6 行：应有 8 列，实际 2 列",
    ):
        assert expected in body, expected
    assert "第 2 行" not in body
    assert written() == 0 and not Notification.objects.exists()


@pytest.mark.parametrize(
    "content, name, message",
    [
        ("县区代码,乡镇\n360321,坊楼镇\n".encode(), "a.csv", "第 1 行：缺少必需的列：类别、预警原因、姓名"),
        ((HEADER.strip() + ",备注\n").encode(), "a.csv", "无法识别的列：备注"),
        (good_csv().encode("gb18030"), "a.csv", "不是 UTF-8 编码"),
        (b"\x89PNG\r\n\x1a\n\x00\x00", "a.csv", "UTF-8"),
        (HEADER.encode(), "a.csv", "没有数据行"),
        (good_csv().encode(), "a.xlsx", "请上传 .csv 文件"),
    ],
)
def test_malformed_files_are_refused(client, all_staff, content, name, message):
    client.force_login(all_staff)
    response = upload(client, content, name)
    assert message in response.content.decode()
    assert written() == 0


def test_staff_cannot_import_lines_for_counties_they_do_not_serve(client, county_staff):
    client.force_login(county_staff)  # 莲花县 only; line 4 is 上栗县
    body = upload(client, good_csv().encode()).content.decode()
    assert "第 4 行「县区代码」：您不是上栗县的工作人员" in body
    assert written() == 0


def test_command_imports_with_progress_bar(tmp_path, regions_present, county_staff):
    path = tmp_path / "list.csv"
    path.write_text(good_csv(), encoding="utf-8")
    out, err = io.StringIO(), io.StringIO()
    call_command("import_monitoring_csv", str(path), stdout=out, stderr=err)
    assert "已导入 3 条报告" in out.getvalue()
    assert "3/3" in err.getvalue()  # tqdm's bar
    assert IntakeReport.objects.count() == 3 and Notification.objects.filter(recipient=county_staff).exists()


def test_command_refuses_a_bad_file_with_line_numbers(tmp_path, regions_present):
    path = tmp_path / "list.csv"
    path.write_text(bad_csv(), encoding="utf-8")
    err = io.StringIO()
    with pytest.raises(CommandError, match="未导入任何数据"):
        call_command("import_monitoring_csv", str(path), stderr=err)
    assert "第 3 行「类别」" in err.getvalue() and "第 5 行「县区代码」" in err.getvalue()
    assert written() == 0


def test_reimport_of_the_same_list_flags_every_line_as_duplicate(tmp_path, regions_present):
    path = tmp_path / "list.csv"
    path.write_text(good_csv(), encoding="utf-8")
    call_command("import_monitoring_csv", str(path), verbosity=0)
    out = io.StringIO()
    call_command("import_monitoring_csv", str(path), stdout=out, verbosity=0)
    assert "其中 3 条疑似重复" in out.getvalue()


def test_oversized_upload_is_refused_before_reading(client, all_staff, settings):
    settings.INTAKE_UPLOAD_MAX_BYTES = 1024 * 1024
    client.force_login(all_staff)
    body = upload(client, good_csv().encode() + b"#" * (1024 * 1024 + 1)).content.decode()
    assert "文件超过 1 MB" in body
    assert written() == 0
