import datetime

from django.urls import reverse
from django.utils import timezone

from matching.models import HoursEntry, Volunteer, VolunteerSignup
from tests.factories import UserFactory, VolunteerFactory


def make_volunteer(name="小李"):
    user = UserFactory()
    volunteer = VolunteerFactory(user=user, display_name=name)
    return user, volunteer


def test_a_person_becomes_a_volunteer_through_the_profile_form(client, stranger):
    client.force_login(stranger)

    response = client.post(
        reverse("portal:volunteer_profile"),
        {
            "display_name": "王老师",
            "skills": ["teaching", "psychological"],
            "service_regions": ["360300"],
            "hours_per_month": "20",
        },
        follow=True,
    )

    # the person lands on the volunteer home and is told the profile was saved
    assert response.redirect_chain == [(reverse("portal:volunteer_home"), 302)]
    assert response.status_code == 200 and "志愿者资料已保存。" in response.content.decode()
    volunteer = Volunteer.objects.get(user=stranger)
    assert volunteer.hours_per_month == 20
    assert sorted(s.code for s in volunteer.skills.all()) == ["psychological", "teaching"]


def test_a_profile_with_impossible_hours_and_no_region_is_refused(client, stranger):
    client.force_login(stranger)

    response = client.post(
        reverse("portal:volunteer_profile"),
        {"display_name": "王老师", "hours_per_month": "9999", "service_regions": ["999999"]},
    )

    assert response.status_code == 400
    assert not Volunteer.objects.filter(user=stranger).exists()


def test_sign_up_approve_log_confirm_and_the_certificate(client, admin_a, project_a):
    user, volunteer = make_volunteer()
    client.force_login(user)
    client.post(reverse("portal:project_signup", args=[project_a.ref]), {"message": "周末有空"})
    signup = VolunteerSignup.objects.get(volunteer=volunteer, project=project_a)
    assert signup.status == "pending"

    client.force_login(admin_a)
    client.post(reverse("portal:signup_decide", args=[signup.pk]), {"decision": "approve"})
    signup.refresh_from_db()
    assert signup.status == "approved"

    client.force_login(user)
    served = timezone.localdate() - datetime.timedelta(days=1)
    client.post(
        reverse("portal:hours_log", args=[signup.pk]),
        {"served_on": served.isoformat(), "hours": "3.5", "description": "辅导数学"},
    )
    client.post(
        reverse("portal:hours_log", args=[signup.pk]),
        {"served_on": served.isoformat(), "hours": "2", "description": "家访"},
    )
    entries = list(HoursEntry.objects.filter(signup=signup).order_by("id"))
    assert [e.status for e in entries] == ["pending", "pending"]

    client.force_login(admin_a)
    dashboard = reverse("portal:org_dashboard", args=[project_a.organisation_id])
    for entry, decision in ((entries[0], "confirm"), (entries[1], "reject")):
        response = client.post(reverse("portal:hours_decide", args=[entry.pk]), {"decision": decision}, follow=True)
        assert response.redirect_chain == [(dashboard, 302)]
        assert "服务时长已处理。" in response.content.decode()
    assert [e.status for e in HoursEntry.objects.filter(signup=signup).order_by("id")] == ["confirmed", "rejected"]

    client.force_login(user)
    record = client.get(reverse("portal:volunteer_record")).content.decode()
    assert "3.5" in record and project_a.title in record
    certificate = client.get(reverse("portal:volunteer_certificate") + "?download=1")
    html = certificate.content.decode()
    assert certificate.status_code == 200
    assert "attachment" in certificate["Content-Disposition"]
    assert "志愿服务证明" in html and "累计志愿服务时长 <strong>3.5</strong> 小时" in html


def test_no_certificate_without_confirmed_hours(client, db):
    user, _ = make_volunteer()
    client.force_login(user)

    response = client.get(reverse("portal:volunteer_certificate"), follow=True)

    assert response.redirect_chain[-1][0] == reverse("portal:volunteer_record")
    body = response.content.decode()
    assert "尚无经组织确认的服务时长，暂不能开具证明。" in body
    assert "累计志愿服务时长" not in body and "attachment" not in response.get("Content-Disposition", "")


def test_the_last_slot_cannot_be_given_twice(client, admin_a, project_a):
    first_user, first = make_volunteer("甲")
    second_user, second = make_volunteer("乙")
    VolunteerSignup.objects.create(project=project_a, volunteer=first, status="approved")
    client.force_login(second_user)

    response = client.post(reverse("portal:project_signup", args=[project_a.ref]), {"message": ""})

    assert response.status_code == 400
    assert "名额已满".encode() in response.content
    assert not VolunteerSignup.objects.filter(volunteer=second).exists()


def test_hours_in_the_future_or_out_of_range_are_refused(client, project_a):
    user, volunteer = make_volunteer()
    signup = VolunteerSignup.objects.create(project=project_a, volunteer=volunteer, status="approved")
    client.force_login(user)
    url = reverse("portal:hours_log", args=[signup.pk])
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)

    future = client.post(url, {"served_on": tomorrow.isoformat(), "hours": "2", "description": "x"})
    too_long = client.post(url, {"served_on": "2026-01-05", "hours": "30", "description": "x"})
    odd = client.post(url, {"served_on": "2026-01-05", "hours": "1.3", "description": "x"})

    assert future.status_code == too_long.status_code == odd.status_code == 400
    assert "服务日期不能晚于今天".encode() in future.content
    assert "半小时".encode() in odd.content
    assert not HoursEntry.objects.exists()


def test_hours_cannot_be_logged_before_approval_or_on_someone_elses_signup(client, project_a):
    user, volunteer = make_volunteer()
    other_user, _ = make_volunteer("别人")
    signup = VolunteerSignup.objects.create(project=project_a, volunteer=volunteer, status="pending")
    data = {"served_on": "2026-01-05", "hours": "2", "description": "x"}

    client.force_login(user)
    pending = client.post(reverse("portal:hours_log", args=[signup.pk]), data)
    client.force_login(other_user)
    foreign = client.post(reverse("portal:hours_log", args=[signup.pk]), data)

    assert pending.status_code == 400
    assert foreign.status_code == 404
    assert not HoursEntry.objects.exists()


def test_another_organisation_cannot_decide_sign_ups_or_hours(client, admin_b, project_a):
    user, volunteer = make_volunteer()
    signup = VolunteerSignup.objects.create(project=project_a, volunteer=volunteer, status="approved")
    entry = HoursEntry.objects.create(signup=signup, served_on=datetime.date(2026, 1, 5), hours=2, description="x")
    pending = VolunteerSignup.objects.create(project=project_a, volunteer=make_volunteer("丙")[1])
    client.force_login(admin_b)

    a = client.post(reverse("portal:signup_decide", args=[pending.pk]), {"decision": "approve"})
    b = client.post(reverse("portal:hours_decide", args=[entry.pk]), {"decision": "confirm"})

    assert a.status_code == b.status_code == 404
    pending.refresh_from_db()
    entry.refresh_from_db()
    assert pending.status == "pending" and entry.status == "pending"


def test_rejecting_a_sign_up_needs_a_note(client, admin_a, project_a):
    _, volunteer = make_volunteer()
    signup = VolunteerSignup.objects.create(project=project_a, volunteer=volunteer)
    client.force_login(admin_a)

    response = client.post(
        reverse("portal:signup_decide", args=[signup.pk]), {"decision": "reject", "note": ""}, follow=True
    )

    assert "不通过时请填写说明" in response.content.decode()
    signup.refresh_from_db()
    assert signup.status == "pending"


def test_odd_ids_in_urls_are_not_found_not_errors(client, stranger):
    client.force_login(stranger)

    for url in (
        "/portal/projects/nope/signup/",
        "/portal/org/99999999999999999999/",
        "/portal/matches/0/decline/",
        "/portal/invitations/not-a-uuid/",
    ):
        assert client.get(url).status_code == 404, url
    assert client.get("/portal/projects/%00/signup/").status_code == 400  # a NUL byte is refused outright
