"""Organisation API on the matcher's results: a project's needs to take first, proposing an own
project for a need (自荐), and marking an accepted match delivered."""

import pytest
from django.core.management import call_command
from django.urls import reverse

from matching.error_codes import MatchErrorCode
from matching.models import Match, Membership, Region, ResponseLogEntry
from matching.notifications.models import Notification
from matching.services.matches import ORGANISATION, match_accept, match_origin
from matching.services.staff import staff_user_add
from search.backends.base import reset_backends
from search.outbox import outbox_drain
from search.services import rank_for_need, rank_for_project
from tests.factories import MembershipFactory, ProjectFactory, make_need
from tests.integration.api.conftest import auth, issue
from tests.integration.api.test_public import error_of
from tests.integration.search.conftest import search_backend  # noqa: F401  (a fresh embedded index per test)

pytestmark = pytest.mark.django_db

PROPOSE = "/api/v1/org/matches/"


@pytest.fixture
def world(search_backend, org_a, project_a, project_b):  # noqa: F811
    care = make_need(ref="need-api-care", county="360321", title="莲花县某乡敬老院卫浴改造")
    school = make_need(
        ref="need-api-school",
        county="360321",
        title="莲花县某村小学图书角",
        categories=("education",),
        description="<p>村小学缺少课外读物和书架。</p>",
    )
    far = make_need(ref="need-api-far", county="110101", title="东城区社区养老驿站")
    outbox_drain()
    return {
        "care": care,
        "school": school,
        "far": far,
        "staff": staff_user_add(username="lh-api", password="x", region=Region.objects.get(code="360321")),
    }


@pytest.fixture
def search_down(settings, world):
    """The embedded engine pointed at a place it cannot use: every search raises SearchUnavailable."""
    settings.SEARCH_BACKENDS = {
        "default": {"BACKEND": "search.backends.embedded.EmbeddedBackend", "PATH": "/proc/no-such-place/index"}
    }
    reset_backends()
    yield
    reset_backends()


def propose(client, key, need, project, **extra):
    return client.post(
        PROPOSE, {"need": need, "project": project, **extra}, content_type="application/json", **auth(key)
    )


def post(client, key, path, body=None):
    return client.post(path, body or {}, content_type="application/json", **auth(key))


# ── propose (自荐) ─────────────────────────────────────────────────────────────


def test_an_organisation_proposes_its_project_with_the_matchers_score(client, world, org_a, project_a, key_a):
    expected = next(
        r for r in rank_for_need(need_ref="need-api-care", kind="project", limit=100) if r.ref == project_a.ref
    )

    response = propose(client, key_a, "need-api-care", project_a.pk, note="下月可派两名工程志愿者")

    assert response.status_code == 201, response.content
    body = response.json()
    assert (body["need"], body["project"], body["status"]) == ("need-api-care", project_a.pk, "proposed")
    match = Match.objects.get(pk=body["id"])
    assert match.score == expected.score > 0 and match.reasons == expected.reasons and "同市服务" in match.reasons
    assert body["score"] == expected.score and body["reasons"] == expected.reasons
    assert match.proposed_by == Membership.objects.get(organisation=org_a, role="admin").user
    assert match_origin(match) == ORGANISATION
    assert Notification.objects.filter(recipient=world["staff"], kind="match.proposed").exists()
    assert ResponseLogEntry.objects.filter(need=world["care"], message__contains=project_a.title).exists()


def test_the_organisation_cannot_answer_its_own_proposal_the_needs_staff_do(client, world, project_a, key_a):
    match_id = propose(client, key_a, "need-api-care", project_a.pk).json()["id"]

    accept = post(client, key_a, f"{PROPOSE}{match_id}/accept/")
    decline = post(client, key_a, f"{PROPOSE}{match_id}/decline/", {"reason": "自己拒绝自己"})

    assert accept.status_code == decline.status_code == 403
    assert error_of(accept)["code"] == "permission_denied" and "民政部门" in error_of(accept)["message"]
    assert Match.objects.get(pk=match_id).status == "proposed"
    match_accept(user=world["staff"], match=Match.objects.get(pk=match_id))
    assert Match.objects.get(pk=match_id).status == "accepted"


def test_a_proposal_is_recorded_without_a_score_when_the_search_engine_is_down(client, project_a, key_a, search_down):
    response = propose(client, key_a, "need-api-care", project_a.pk)

    assert response.status_code == 201, response.content
    assert (response.json()["score"], response.json()["reasons"]) == (0.0, [])
    assert Match.objects.filter(project=project_a, need__ref="need-api-care", status="proposed").exists()


def test_another_organisations_project_and_an_unknown_need_are_404_and_reveal_nothing(
    client, world, project_a, project_b, key_a
):
    others = propose(client, key_a, "need-api-care", project_b.pk)
    missing = propose(client, key_a, "need-api-care", 999_999_999)
    unknown_need = propose(client, key_a, "need-nope", project_a.pk)
    draft_need = make_need(ref="need-api-draft", status="draft", title="草稿需求")
    draft = propose(client, key_a, draft_need.ref, project_a.pk)

    assert [r.status_code for r in (others, missing, unknown_need, draft)] == [404, 404, 404, 404]
    assert error_of(others) == error_of(missing)
    assert project_b.title not in others.content.decode()
    assert error_of(unknown_need)["code"] == "not_found" and "need-nope" in error_of(unknown_need)["message"]
    assert not Match.objects.exists()


def test_the_services_refusals_are_400s_naming_the_field(client, world, org_a, project_a, key_a):
    paused = ProjectFactory(organisation=org_a, status="paused")
    propose(client, key_a, "need-api-care", project_a.pk)

    not_active = propose(client, key_a, "need-api-care", paused.pk)
    twice = propose(client, key_a, "need-api-care", project_a.pk)

    assert not_active.status_code == twice.status_code == 400
    assert "只有进行中的项目可以匹配" in error_of(not_active)["fields"]["project"][0]
    assert "已有匹配记录" in error_of(twice)["fields"]["candidate"][0]
    assert Match.objects.count() == 1


@pytest.mark.parametrize(
    "body, field",
    [
        ({"project": 1}, "need"),
        ({"need": "need-api-care"}, "project"),
        ({"need": "need-api-care", "project": "abc"}, "project"),
        ({"need": "need-api-care", "project": 0}, "project"),
        ({"need": "need-api-care", "project": 2**63}, "project"),
        ({"need": "莲花 县", "project": 1}, "need"),
        ({"need": "need-api-care", "project": 1, "note": "说" * 2001}, "note"),
    ],
)
def test_bad_proposal_input_is_a_400_naming_the_field(client, world, key_a, body, field):
    response = client.post(PROPOSE, body, content_type="application/json", **auth(key_a))

    assert response.status_code == 400 and field in error_of(response)["fields"]
    assert not Match.objects.exists()


def test_a_token_whose_creator_left_the_organisation_cannot_propose(client, world, org_a, project_a):
    # Its proposal would be recorded under someone who is no member, and so read as the staff's:
    # the organisation could then accept it itself.
    token, key = issue(org_a)
    MembershipFactory(organisation=org_a, role="admin")  # the organisation keeps an admin
    Membership.objects.filter(user=token.created_by, organisation=org_a).delete()

    response = propose(client, key, "need-api-care", project_a.pk)

    assert response.status_code == 403 and "重新签发令牌" in error_of(response)["message"]
    assert not Match.objects.exists()


def test_a_token_whose_creator_was_deleted_cannot_propose(client, world, org_a, project_a):
    token, key = issue(org_a)
    token.created_by.delete()

    response = propose(client, key, "need-api-care", project_a.pk)

    assert response.status_code == 403 and not Match.objects.exists()


# ── deliver ───────────────────────────────────────────────────────────────────


def test_an_accepted_match_is_marked_delivered(client, world, project_a, key_a):
    match_id = propose(client, key_a, "need-api-care", project_a.pk).json()["id"]
    match_accept(user=world["staff"], match=Match.objects.get(pk=match_id))

    response = post(client, key_a, f"{PROPOSE}{match_id}/deliver/", {"note": "扶手已安装"})

    assert response.status_code == 200 and response.json()["status"] == "delivered"
    assert ResponseLogEntry.objects.filter(need=world["care"], message__contains="扶手已安装").exists()
    assert Notification.objects.filter(recipient=world["staff"], kind="match.delivered").exists()


def test_only_an_accepted_match_can_be_delivered(client, world, project_a, key_a):
    match_id = propose(client, key_a, "need-api-care", project_a.pk).json()["id"]

    response = post(client, key_a, f"{PROPOSE}{match_id}/deliver/")

    error = error_of(response)
    assert response.status_code == 400 and "只有已接受的匹配可以标记交付" in error["fields"]["status"][0]
    assert error["code"] == "invalid" and error["reasons"] == [MatchErrorCode.STATUS_STEP_NOT_ALLOWED]
    assert Match.objects.get(pk=match_id).status == "proposed"


def test_delivering_another_organisations_match_is_404(client, key_a, match_b):
    match_b.status = "accepted"
    match_b.save()

    response = post(client, key_a, f"{PROPOSE}{match_b.pk}/deliver/")

    assert response.status_code == 404 and error_of(response)["code"] == "not_found"
    assert Match.objects.get(pk=match_b.pk).status == "accepted"


def test_a_too_long_delivery_note_is_a_400(client, world, project_a, key_a):
    match_id = propose(client, key_a, "need-api-care", project_a.pk).json()["id"]
    match_accept(user=world["staff"], match=Match.objects.get(pk=match_id))

    response = post(client, key_a, f"{PROPOSE}{match_id}/deliver/", {"note": "说" * 2001})

    assert response.status_code == 400 and "note" in error_of(response)["fields"]
    assert Match.objects.get(pk=match_id).status == "accepted"


# ── a project's needs to take first ──────────────────────────────────────────


def test_a_projects_needs_come_ranked_with_reasons_as_the_matcher_ranks_them(client, world, project_a, key_a):
    expected = rank_for_project(project_ref=project_a.ref, limit=10)

    response = client.get(f"/api/v1/org/projects/{project_a.pk}/needs/", **auth(key_a))

    assert response.status_code == 200, response.content
    results = response.json()["results"]
    assert [(r["need"], r["score"], r["reasons"]) for r in results] == [(r.ref, r.score, r.reasons) for r in expected]
    assert results[0] == {
        "need": "need-api-care",
        "title": "莲花县某乡敬老院卫浴改造",
        "region": "360321",
        "region_name": "莲花县",
        "score": expected[0].score,
        "reasons": expected[0].reasons,
        "match_status": None,
    }
    assert "need-api-far" not in {r["need"] for r in results}  # outside the project's service area


def test_the_list_shows_this_projects_own_match_status(client, world, project_a, key_a):
    propose(client, key_a, "need-api-care", project_a.pk)

    results = client.get(f"/api/v1/org/projects/{project_a.pk}/needs/", **auth(key_a)).json()["results"]

    assert {r["need"]: r["match_status"] for r in results}["need-api-care"] == "proposed"


def test_limit_caps_the_list(client, world, project_a, key_a):
    response = client.get(f"/api/v1/org/projects/{project_a.pk}/needs/?limit=1", **auth(key_a))

    assert response.status_code == 200 and len(response.json()["results"]) == 1


@pytest.mark.parametrize("query", ["limit=0", "limit=51", "limit=abc", "limit=", "limit=5&limit=6", "limit=-1"])
def test_a_bad_limit_is_a_400(client, world, project_a, key_a, query):
    response = client.get(f"/api/v1/org/projects/{project_a.pk}/needs/?{query}", **auth(key_a))

    assert response.status_code == 400 and "limit" in error_of(response)["fields"]


def test_another_organisations_project_needs_are_404(client, world, project_b, key_a):
    response = client.get(f"/api/v1/org/projects/{project_b.pk}/needs/", **auth(key_a))

    assert response.status_code == 404 and error_of(response)["code"] == "not_found"


def test_a_draft_project_cannot_be_matched_409(client, world, org_a, key_a):
    draft = ProjectFactory(organisation=org_a, status="draft")

    response = client.get(f"/api/v1/org/projects/{draft.pk}/needs/", **auth(key_a))

    error = error_of(response)
    assert response.status_code == 409 and error["code"] == "not_matchable" and "草稿" in error["message"]


def test_a_search_engine_that_is_down_is_a_503_with_a_clear_message(client, project_a, key_a, search_down):
    response = client.get(f"/api/v1/org/projects/{project_a.pk}/needs/", **auth(key_a))

    error = error_of(response)
    assert response.status_code == 503 and error["code"] == "search_unavailable"
    assert "搜索服务暂时不可用" in error["message"] and "/proc" not in error["message"]


# ── scopes ────────────────────────────────────────────────────────────────────


def test_each_endpoint_needs_its_scope(client, world, org_a, project_a, match_a):
    _, read_only = issue(org_a, scopes=["matches:read"])
    _, matches_only = issue(org_a, scopes=["matches:read", "matches:write"])

    proposing = propose(client, read_only, "need-api-care", project_a.pk)
    delivering = post(client, read_only, f"{PROPOSE}{match_a.pk}/deliver/")
    listing = client.get(f"/api/v1/org/projects/{project_a.pk}/needs/", **auth(matches_only))

    assert [r.status_code for r in (proposing, delivering, listing)] == [403, 403, 403]
    assert "matches:write" in error_of(proposing)["message"] and "projects:read" in error_of(listing)["message"]
    assert not Match.objects.filter(need__ref="need-api-care").exists()
    assert Match.objects.get(pk=match_a.pk).status == "proposed"


# ── the portal uses the same service ─────────────────────────────────────────


def test_the_portal_records_the_matchers_score_not_the_forms(client, world, org_a, project_a, key_a):
    client.force_login(Membership.objects.get(organisation=org_a, role="admin").user)
    expected = next(
        r for r in rank_for_need(need_ref="need-api-care", kind="project", limit=100) if r.ref == project_a.ref
    )

    client.post(
        reverse("portal:project_need_propose", args=[project_a.pk]),
        {"need": "need-api-care", "score": "99", "reasons": ["编造的理由"]},
    )

    match = Match.objects.get(project=project_a, need__ref="need-api-care")
    assert (match.score, match.reasons) == (expected.score, expected.reasons)


def test_the_schema_generates_without_warnings(tmp_path):
    # --fail-on-warn exits non-zero on any drf-spectacular warning or error
    call_command("spectacular", "--validate", "--fail-on-warn", "--file", str(tmp_path / "schema.yaml"))
