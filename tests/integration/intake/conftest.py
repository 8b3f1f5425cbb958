import pytest
from django.core.management import call_command

from matching.intake.rules import _ID_CHECK, _ID_WEIGHTS
from matching.models import Region, StaffScope
from matching.services.staff import staff_user_add
from tests.factories import UserFactory


def valid_id(first17: str) -> str:
    return first17 + _ID_CHECK[sum(int(d) * w for d, w in zip(first17, _ID_WEIGHTS, strict=True)) % 11]


PERSON_NAME = "冯秀兰"
PERSON_ID = valid_id("36032119580314002")
PERSON_PHONE = "13907990001"
REPORTER_NAME = "邹建国"
REPORTER_PHONE = "13607990002"
PRIVATE_VALUES = [PERSON_NAME, PERSON_ID, PERSON_PHONE, REPORTER_NAME, REPORTER_PHONE]


@pytest.fixture
def regions_present(db):
    """A transactional test elsewhere may have flushed the database: reload the regions."""
    if not Region.objects.exists():
        call_command("load_regions", verbosity=0)


@pytest.fixture
def lianhua(regions_present):
    return Region.objects.get(code="360321")


@pytest.fixture
def county_staff(lianhua):
    return staff_user_add(username="lianhua-officer", password="x", region=lianhua, email="lh@example.org")


@pytest.fixture
def other_staff(regions_present):
    return staff_user_add(
        username="shangli-officer", password="x", region=Region.objects.get(code="360322"), email="sl@example.org"
    )


@pytest.fixture
def county_clerk(lianhua):
    return staff_user_add(username="lianhua-clerk", password="x", region=lianhua, role=StaffScope.Role.CLERK)


@pytest.fixture
def hotline_operator(regions_present):
    from matching.intake.services.access import hotline_operator_add

    user = UserFactory(username="hotline-1")
    hotline_operator_add(user=user)
    return user


def form_data(**overrides) -> dict:
    data = {
        "county_code": "360321",
        "township": "坊楼镇",
        "category": "elderly_care",
        "description": "坪里村一位独居老人腿脚不便，房屋漏雨，冬天缺少取暖设备，生活困难",
        "urgency": "urgent",
        "source": "hotline",
        "reporter_name": REPORTER_NAME,
        "reporter_phone": REPORTER_PHONE,
        "person_name": PERSON_NAME,
        "person_phone": PERSON_PHONE,
        "person_id_number": PERSON_ID,
    }
    data.update(overrides)
    return data


@pytest.fixture
def report_of(county_staff):
    """Record a report through the service (as the county's staff unless user= is given)."""
    from matching.intake.fields import ContactFields, ReportFields
    from matching.intake.services.reports import report_create

    def make(user=None, **overrides):
        d = form_data(**overrides)
        contact = ContactFields(**{k: d[k] for k in ContactFields.__dataclass_fields__})
        fields = ReportFields(**{k: d[k] for k in ReportFields.__dataclass_fields__})
        return report_create(fields=fields, contact=contact, user=user or county_staff)

    return make
