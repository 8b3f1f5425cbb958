import datetime
import io

import pytest
from django.core.files.base import ContentFile
from PIL import Image
from wagtail.documents import get_document_model

from matching.models import Match, Membership, NeedPage
from matching.uploads import Upload
from tests.factories import (
    BeneficiaryRecordFactory,
    MatchFactory,
    MembershipFactory,
    ProjectFactory,
    UserFactory,
    make_need,
)

GPS_IFD = 0x8825
SECRET_NAME = "王秀英"
SECRET_ID = "360321195201014321"
SECRET_PHONE = "13907991234"


def jpeg_with_gps(size=(80, 60)) -> bytes:
    image = Image.new("RGB", size, (30, 160, 60))
    exif = Image.Exif()
    exif[0x010F] = "PhoneMaker"
    exif.get_ifd(GPS_IFD).update({1: "N", 2: (27.0, 7.0, 30.0), 3: "E", 4: (113.0, 56.0, 12.0)})
    out = io.BytesIO()
    image.save(out, format="JPEG", exif=exif)
    return out.getvalue()


PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture
def gps_photo():
    return Upload(name="入户现场.jpg", content=jpeg_with_gps(), caption="改造后的卫生间")


@pytest.fixture
def pdf_upload():
    return Upload(name="验收单.pdf", content=PDF, caption="验收单")


@pytest.fixture
def member(db):
    return MembershipFactory(role=Membership.Role.MEMBER).user


@pytest.fixture
def project(member):
    return ProjectFactory(
        organisation=member.memberships.get().organisation,
        starts_on=datetime.date(2026, 1, 1),
        ends_on=datetime.date(2027, 12, 31),
    )


@pytest.fixture
def outsider(db):
    return UserFactory()


@pytest.fixture
def county_staff(db):
    from matching.models import Region
    from matching.services.staff import staff_user_add

    return staff_user_add(
        username="lianhua-officer",
        password="x-pass-12345",
        region=Region.objects.get(code="360321"),
        email="officer@lianhua.example",
    )


@pytest.fixture
def other_county_staff(db):
    from matching.models import Region
    from matching.services.staff import staff_user_add

    return staff_user_add(
        username="ganzhou-officer",
        password="x-pass-12345",
        region=Region.objects.get(code="360781"),
        email="officer@ruijin.example",
    )


@pytest.fixture
def need(db):
    return make_need(county="360321")


@pytest.fixture
def matched_need(need, project):
    MatchFactory(need=need, project=project, status=Match.Status.ACCEPTED)
    return need


@pytest.fixture
def beneficiary(need):
    """Personal data that must never leave the staff pages."""
    return BeneficiaryRecordFactory(
        need=need, full_name=SECRET_NAME, id_number=SECRET_ID, phone=SECRET_PHONE, health_notes="二级肢体残疾"
    )


@pytest.fixture
def document(db):
    Document = get_document_model()
    doc = Document(title="凭证")
    doc.file.save("voucher.pdf", ContentFile(PDF), save=False)
    doc.save()
    return doc


def age_need(need: NeedPage, **delta) -> None:
    from django.utils import timezone

    NeedPage.objects.filter(pk=need.pk).update(first_published_at=timezone.now() - datetime.timedelta(**delta))
