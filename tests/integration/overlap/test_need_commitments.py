"""On a need's page, a signed-in member of any organisation (and the need's staff) sees who has committed what:
organisation and project names, links, amounts. The public and volunteers do not; no beneficiary's data is in it."""

import pytest
from bs4 import BeautifulSoup

from matching.models import BeneficiaryRecord, Membership
from tests.factories import MembershipFactory, OrganisationFactory, UserFactory

from .conftest import commit, disburse, fund, propose

pytestmark = pytest.mark.django_db


@pytest.fixture
def committed(officer, need, first, second):
    commit(first, need, officer)
    fund(first)
    disburse(first, need, 300_000)
    propose(second, need)
    BeneficiaryRecord.objects.create(
        need=need, full_name="欧阳秀兰", id_number="360321195203041827", phone="13979912345"
    )
    return need


def _section(client, need):
    response = client.get(need.url)
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser").select_one("section.commitments")


def test_a_member_of_another_organisation_sees_who_committed_what(client, committed, first):
    outsider_org = OrganisationFactory(name="上栗县爱心协会")
    client.force_login(MembershipFactory(organisation=outsider_org, role=Membership.Role.MEMBER).user)
    section = _section(client, committed)
    text = section.get_text(" ", strip=True)
    assert "萍乡市善行社工中心" in text and "已承诺" in text and "拨付中 ¥3,000.00" in text
    assert "莲花县仁爱志愿者协会" in text and "已申请或被推荐" in text
    assert f"/organisations/{first[0].ref}/" in {a["href"] for a in section.select("a")}
    for secret in ("欧阳秀兰", "360321195203041827", "13979912345"):
        assert secret not in str(section)


def test_the_need_staff_see_it_and_the_public_and_volunteers_do_not(client, committed, officer):
    client.force_login(officer)
    assert _section(client, committed) is not None
    client.logout()
    assert _section(client, committed) is None
    client.force_login(UserFactory())
    assert _section(client, committed) is None


def test_two_firm_commitments_say_so(client, committed, officer, second):
    from matching.models import Match
    from matching.services.matches import match_accept

    match_accept(user=officer, match=Match.objects.get(need=committed, project=second[2]))
    client.force_login(second[1])
    assert "已有 2 家组织承诺这一需求" in _section(client, committed).get_text(" ", strip=True)
