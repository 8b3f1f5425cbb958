"""Staff screen of a need's candidates in the Wagtail admin: ranked rows with reasons, one-click
propose, only for staff of the need's region; linked from the need's edit page."""

import pytest
from django.urls import reverse

from matching.models import Match, Region
from matching.notifications.models import Notification
from matching.services.staff import staff_user_add
from search.backends.base import SearchUnavailable, get_search_backend
from search.outbox import outbox_drain
from tests.factories import MembershipFactory, OrganisationFactory, ProjectFactory, make_need

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(search_backend):
    org = OrganisationFactory(name="萍乡市助老服务中心")
    admin = MembershipFactory(organisation=org, role="admin").user
    project = ProjectFactory(ref="prj-adm-1", organisation=org, title="农村敬老院适老化改造")
    need = make_need(ref="need-adm-1", county="360321", title="莲花县某乡敬老院卫浴改造")
    outbox_drain()
    r = Region.objects.get
    return {
        "need": need,
        "project": project,
        "org_admin": admin,
        "staff": staff_user_add(username="lh", password="x", region=r(code="360321")),
        "other_staff": staff_user_add(username="sc", password="x", region=r(code="360827")),
    }


def test_staff_see_ranked_candidates_with_reasons_and_propose_one(client, world):
    client.force_login(world["staff"])
    url = reverse("matching_need_candidates", args=[world["need"].pk])

    page = client.get(url)

    html = page.content.decode()
    assert page.status_code == 200
    assert "农村敬老院适老化改造" in html and "同市服务" in html and "推荐" in html

    # A score or reasons sent with the form are ignored: the match records the matcher's own.
    response = client.post(
        reverse("matching_need_propose", args=[world["need"].pk]),
        {"kind": "project", "ref": "prj-adm-1", "score": "99", "reasons": ["伪造的理由"]},
    )

    assert response.status_code == 302
    match = Match.objects.get(need=world["need"], project=world["project"])
    assert "同市服务" in match.reasons and "伪造的理由" not in match.reasons and 0 < match.score < 99
    assert match.proposed_by == world["staff"] and match.proposed_side == "staff"
    assert Notification.objects.filter(recipient=world["org_admin"], kind="match.proposed").exists()


def test_the_edit_page_links_the_candidates_for_its_staff_only(client, world):
    client.force_login(world["staff"])
    edit = client.get(reverse("wagtailadmin_pages:edit", args=[world["need"].pk]))

    assert reverse("matching_need_candidates", args=[world["need"].pk]) in edit.content.decode()


def test_staff_of_another_region_are_refused(client, world):
    client.force_login(world["other_staff"])

    page = client.get(reverse("matching_need_candidates", args=[world["need"].pk]))
    post = client.post(
        reverse("matching_need_propose", args=[world["need"].pk]), {"kind": "project", "ref": "prj-adm-1"}
    )

    assert page.status_code in (302, 403) and post.status_code in (302, 403)
    assert not Match.objects.exists()


def test_an_unknown_candidate_is_a_message_not_an_error(client, world):
    client.force_login(world["staff"])

    response = client.post(
        reverse("matching_need_propose", args=[world["need"].pk]), {"kind": "project", "ref": "prj-nope"}, follow=True
    )

    assert response.status_code == 200 and "候选“prj-nope”不存在" in response.content.decode()


def test_an_engine_that_is_down_is_a_message(client, world, monkeypatch):
    def down(*args, **kwargs):
        raise SearchUnavailable("搜索服务暂时不可用")

    monkeypatch.setattr(type(get_search_backend()), "retrieve_candidates", down)
    client.force_login(world["staff"])

    page = client.get(reverse("matching_need_candidates", args=[world["need"].pk]))

    assert page.status_code == 200 and "搜索服务暂时不可用" in page.content.decode()
