"""Filing progress reports: permissions, checked evidence, metadata stripped, nothing written on error."""

import datetime as dt
import io

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from PIL import Image
from wagtail.images import get_image_model

from matching.outcomes.models import Evidence, ProgressReport
from matching.outcomes.services.reports import BeneficiaryCounts, MilestoneFields, report_file
from matching.uploads import Upload

from .conftest import GPS_IFD

pytestmark = pytest.mark.django_db


def _file(project, user, **kw):
    args = dict(
        project=project,
        user=user,
        period_start=dt.date(2026, 1, 1),
        period_end=dt.date(2026, 3, 31),
        narrative="完成 12 户卫浴改造。",
        counts=BeneficiaryCounts(reached_elderly=12, reached_disabled=3),
    )
    args.update(kw)
    return report_file(**args)


def test_member_files_report_with_photo_whose_gps_is_stripped(project, member, gps_photo, pdf_upload):
    # when a member files a report with a GPS-tagged photo and a PDF
    report = _file(
        project,
        member,
        milestones=[MilestoneFields("卫浴改造", dt.date(2026, 3, 1)), MilestoneFields("呼叫系统")],
        photos=[gps_photo],
        documents=[pdf_upload],
    )
    # then the report, its counts, milestones and both pieces of evidence are stored
    assert report.reached_total == 15 and report.milestones.count() == 2
    photo = report.evidence.get(kind=Evidence.Kind.PHOTO)
    assert report.evidence.filter(kind=Evidence.Kind.DOCUMENT).count() == 1
    # and the stored image file carries no EXIF, so no GPS
    with photo.image.file.open("rb") as f:
        stored = f.read()
    image = Image.open(io.BytesIO(stored))
    assert not image.getexif() and image.getexif().get_ifd(GPS_IFD) == {}
    assert b"PhoneMaker" not in stored


def test_outsider_cannot_file_and_nothing_is_written(project, outsider, gps_photo):
    with pytest.raises(PermissionDenied):
        _file(project, outsider, photos=[gps_photo])
    assert ProgressReport.objects.count() == 0 and get_image_model().objects.count() == 0


def test_refused_file_leaves_nothing_behind(project, member, gps_photo):
    # given one good photo and one "photo" that is really a PDF
    fake = Upload(name="fake.jpg", content=b"%PDF-1.4\n%%EOF\n")
    # when filing, the refusal names the file in Chinese
    with pytest.raises(ValidationError) as err:
        _file(project, member, photos=[gps_photo, fake])
    assert "fake.jpg" in err.value.messages[0] and "不是可识别的图片" in err.value.messages[0]
    # and neither the report nor the good photo was stored
    assert ProgressReport.objects.count() == 0 and get_image_model().objects.count() == 0


def test_bad_period_and_counts_are_refused(project, member):
    with pytest.raises(ValidationError) as err:
        _file(
            project,
            member,
            period_start=dt.date(2026, 4, 1),
            period_end=dt.date(2026, 3, 1),
            counts=BeneficiaryCounts(reached_children=-1),
            narrative=" ",
        )
    assert set(err.value.message_dict) == {"period_end", "reached_children", "narrative"}
    assert "不能早于" in err.value.message_dict["period_end"][0]
    assert ProgressReport.objects.count() == 0


def test_photo_over_size_limit_is_refused(project, member, gps_photo, settings):
    settings.OUTCOMES_IMAGE_MAX_BYTES = 100
    with pytest.raises(ValidationError) as err:
        _file(project, member, photos=[gps_photo])
    assert "太大" in err.value.messages[0]


def test_report_form_view_files_a_report_and_detail_is_public(client, project, member, gps_photo):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client.force_login(member)
    response = client.post(
        f"/outcomes/projects/{project.ref}/reports/new/",
        {
            "period_start": "2026-01-01",
            "period_end": "2026-03-31",
            "narrative": "第一季度进展",
            "milestones": "2026-02-01 完成入户评估\n安装扶手",
            "reached_dibao": 2,
            "reached_tekun": 0,
            "reached_disabled": 1,
            "reached_children": 0,
            "reached_elderly": 9,
            "reached_other": 0,
            "photos": [SimpleUploadedFile("a.jpg", gps_photo.content, content_type="image/jpeg")],
        },
    )
    report = ProgressReport.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/outcomes/reports/{report.pk}/"
    assert report.milestones.filter(achieved_on=dt.date(2026, 2, 1)).count() == 1
    client.logout()
    page = client.get(f"/outcomes/reports/{report.pk}/")
    assert page.status_code == 200 and "第一季度进展" in page.content.decode() and "低保对象" in page.content.decode()


def test_report_form_shows_refusal_in_chinese(client, project, member):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client.force_login(member)
    response = client.post(
        f"/outcomes/projects/{project.ref}/reports/new/",
        {
            "period_start": "2026-01-01",
            "period_end": "2026-03-31",
            "narrative": "x",
            **dict.fromkeys(
                (
                    "reached_dibao",
                    "reached_tekun",
                    "reached_disabled",
                    "reached_children",
                    "reached_elderly",
                    "reached_other",
                ),
                0,
            ),
            "documents": [SimpleUploadedFile("a.pdf", b"<html>not a pdf</html>")],
        },
    )
    assert response.status_code == 200 and "不是 PDF 文件" in response.content.decode()
    assert ProgressReport.objects.count() == 0


def test_report_form_refuses_outsider(client, project, outsider):
    client.force_login(outsider)
    assert client.get(f"/outcomes/projects/{project.ref}/reports/new/").status_code == 403
