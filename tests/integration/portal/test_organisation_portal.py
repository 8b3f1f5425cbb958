from django.urls import reverse

from matching.models import Match, Membership, NeedPage, Project, ResponseLogEntry
from portal.models import Invitation

PROJECT = {
    "title": "留守儿童课后辅导",
    "summary": "周末课后辅导",
    "description": "每周六在村小开展课后辅导",
    "categories": ["children"],
    "service_regions": ["360300"],
    "skills": ["teaching"],
    "budget_available": "12000.50",
    "volunteer_slots": "4",
    "starts_on": "2026-03-01",
    "ends_on": "2026-12-31",
}


def test_a_member_creates_a_draft_project_with_money_in_fen(client, member_a, org_a):
    client.force_login(member_a)

    response = client.post(reverse("portal:project_create", args=[org_a.pk]), PROJECT)

    assert response.status_code == 302
    project = Project.objects.get(organisation=org_a, title="留守儿童课后辅导")
    assert project.status == "draft"
    assert project.budget_available == 1_200_050
    assert [s.code for s in project.skills.all()] == ["teaching"]


def test_end_before_start_and_a_negative_budget_are_refused_and_nothing_is_written(client, member_a, org_a):
    client.force_login(member_a)

    response = client.post(
        reverse("portal:project_create", args=[org_a.pk]),
        {**PROJECT, "ends_on": "2026-01-01", "budget_available": "-5"},
    )

    assert response.status_code == 400
    assert Project.objects.filter(organisation=org_a).count() == 0


def test_end_before_start_alone_is_explained(client, member_a, org_a):
    client.force_login(member_a)

    response = client.post(reverse("portal:project_create", args=[org_a.pk]), {**PROJECT, "ends_on": "2026-01-01"})

    assert response.status_code == 400
    assert "结束日期不能早于开始日期".encode() in response.content
    assert Project.objects.filter(organisation=org_a).count() == 0


def test_an_admin_publishes_pauses_and_completes_a_project(client, admin_a, project_a):
    client.force_login(admin_a)
    url = reverse("portal:project_status", args=[project_a.pk])

    for status in ("paused", "active", "completed"):
        client.post(url, {"status": status})
        project_a.refresh_from_db()
        assert project_a.status == status


def test_a_plain_member_cannot_change_a_project_status(client, member_a, project_a):
    client.force_login(member_a)

    response = client.post(reverse("portal:project_status", args=[project_a.pk]), {"status": "paused"}, follow=True)

    assert "只有本组织管理员可以执行此操作" in response.content.decode()
    project_a.refresh_from_db()
    assert project_a.status == "active"


def test_an_impossible_transition_is_explained_not_applied(client, admin_a, project_a):
    project_a.status = "completed"
    project_a.save()
    client.force_login(admin_a)

    response = client.post(reverse("portal:project_status", args=[project_a.pk]), {"status": "active"}, follow=True)

    assert "不能从“已完成”变为“进行中”" in response.content.decode()
    project_a.refresh_from_db()
    assert project_a.status == "completed"


def test_another_organisations_objects_are_not_found_by_direct_url(client, admin_a, org_b, project_b, match_b):
    client.force_login(admin_a)

    urls = [
        ("get", reverse("portal:org_dashboard", args=[org_b.pk])),
        ("get", reverse("portal:org_members", args=[org_b.pk])),
        ("get", reverse("portal:project_create", args=[org_b.pk])),
        ("get", reverse("portal:tokens", args=[org_b.pk])),
        ("get", reverse("portal:project_edit", args=[project_b.pk])),
        ("post", reverse("portal:project_edit", args=[project_b.pk])),
        ("post", reverse("portal:project_status", args=[project_b.pk])),
        ("post", reverse("portal:match_accept", args=[match_b.pk])),
        ("post", reverse("portal:match_decline", args=[match_b.pk])),
    ]
    for method, url in urls:
        response = getattr(client, method)(url, {"status": "paused", "reason": "x", "title": "改名"})
        assert response.status_code == 404, url
    project_b.refresh_from_db()
    match_b.refresh_from_db()
    assert project_b.status == "active" and project_b.title != "改名"
    assert match_b.status == "proposed"


def test_accepting_a_match_answers_the_need_on_its_public_log(client, admin_a, org_a, match_a):
    client.force_login(admin_a)

    client.post(reverse("portal:match_accept", args=[match_a.pk]))

    match_a.refresh_from_db()
    need = NeedPage.objects.get(pk=match_a.need_id)
    assert match_a.status == Match.Status.ACCEPTED
    assert need.status == "matched"
    assert need.first_response_at is not None
    assert ResponseLogEntry.objects.filter(need=need, actor_label=org_a.name, kind="match").exists()


def test_declining_needs_a_reason_and_the_reason_is_logged(client, admin_a, org_a, match_a):
    client.force_login(admin_a)
    url = reverse("portal:match_decline", args=[match_a.pk])

    empty = client.post(url, {"reason": "  "})
    match_a.refresh_from_db()
    assert empty.status_code == 400 and match_a.status == "proposed"

    client.post(url, {"reason": "本季度志愿者名额已满"})

    match_a.refresh_from_db()
    assert match_a.status == Match.Status.DECLINED
    assert ResponseLogEntry.objects.filter(need_id=match_a.need_id, message__contains="本季度志愿者名额已满").exists()


def test_the_dashboard_lists_projects_and_waiting_matches(client, member_a, org_a, project_a, match_a):
    client.force_login(member_a)

    html = client.get(reverse("portal:org_dashboard", args=[org_a.pk])).content.decode()

    assert project_a.title in html
    assert match_a.need.title in html


def test_an_admin_invites_and_the_invitee_joins_with_the_role(
    client, admin_a, org_a, stranger, mailoutbox, django_capture_on_commit_callbacks
):
    client.force_login(admin_a)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("portal:org_members", args=[org_a.pk]), {"email": stranger.email, "role": "member"})
    invitation = Invitation.objects.get(organisation=org_a)
    assert str(invitation.token) in mailoutbox[0].body

    client.force_login(stranger)
    client.post(reverse("portal:invitation_accept", args=[invitation.token]))

    assert Membership.objects.get(organisation=org_a, user=stranger).role == "member"


def test_an_invitation_cannot_be_used_by_someone_else(client, admin_a, org_a, stranger, admin_b):
    invitation = Invitation.objects.create(organisation=org_a, email=stranger.email, role="admin", invited_by=admin_a)
    client.force_login(admin_b)

    response = client.post(reverse("portal:invitation_accept", args=[invitation.token]))

    assert response.status_code == 403
    assert not Membership.objects.filter(organisation=org_a, user=admin_b).exists()


def test_a_bad_invitation_email_is_refused(client, admin_a, org_a):
    client.force_login(admin_a)

    response = client.post(reverse("portal:org_members", args=[org_a.pk]), {"email": "not-an-email", "role": "member"})

    assert response.status_code == 400
    assert not Invitation.objects.exists()


def test_the_last_admin_cannot_be_demoted(client, admin_a, org_a):
    client.force_login(admin_a)
    membership = Membership.objects.get(organisation=org_a, user=admin_a)

    response = client.post(
        reverse("portal:member_role", args=[org_a.pk, membership.pk]), {"role": "member"}, follow=True
    )

    assert "至少需要保留一名管理员" in response.content.decode()
    membership.refresh_from_db()
    assert membership.role == "admin"


def test_an_admin_promotes_a_member(client, admin_a, member_a, org_a):
    client.force_login(admin_a)
    membership = Membership.objects.get(organisation=org_a, user=member_a)

    client.post(reverse("portal:member_role", args=[org_a.pk, membership.pk]), {"role": "admin"})

    membership.refresh_from_db()
    assert membership.role == "admin"
