"""Standing profiles: publish a need → members of an organisation whose profile fits are alerted
(once); others are not. Portal form and its bad input."""

import pytest
from django.core.exceptions import ValidationError
from django.http import Http404
from django.urls import reverse

from matching.notifications.models import Notification
from search.models import ProfileAlert, StandingProfile
from search.standing_profiles.services import profiles_alert_for_need, profiles_alert_for_needs, standing_profile_save
from tests.factories import MembershipFactory, OrganisationFactory, make_need

pytestmark = pytest.mark.django_db


@pytest.fixture
def orgs(db):
    fits = OrganisationFactory(name="助老中心")
    other = OrganisationFactory(name="助学中心")
    people = {
        "fits_admin": MembershipFactory(organisation=fits, role="admin").user,
        "fits_member": MembershipFactory(organisation=fits, role="member").user,
        "other_admin": MembershipFactory(organisation=other, role="admin").user,
    }
    standing_profile_save(
        user=people["fits_admin"],
        organisation=fits,
        name="萍乡养老",
        categories=["elderly_care"],
        regions=["360300"],
        keywords=["敬老院"],
    )
    standing_profile_save(
        user=people["other_admin"], organisation=other, name="助学", categories=["education", "children"]
    )
    return fits, other, people


def _alerted(user) -> bool:
    return Notification.objects.filter(recipient=user, kind="search.profile_match").exists()


def test_publishing_a_need_alerts_the_matching_organisation_only(orgs, django_capture_on_commit_callbacks):
    _, _, people = orgs

    with django_capture_on_commit_callbacks(execute=True):
        need = make_need(county="360321", title="莲花县某乡敬老院卫浴改造")

    assert _alerted(people["fits_admin"]) and _alerted(people["fits_member"])
    assert not _alerted(people["other_admin"])
    note = Notification.objects.get(recipient=people["fits_member"], kind="search.profile_match")
    assert "萍乡养老" in note.title and need.title in note.title


def test_a_need_is_alerted_once_and_drafts_never(orgs, django_capture_on_commit_callbacks):
    _, _, people = orgs
    with django_capture_on_commit_callbacks(execute=True):
        need = make_need(county="360321", title="莲花县敬老院助浴")
        make_need(county="360321", title="敬老院草稿", status="draft")

    assert profiles_alert_for_need(need_ref=need.ref) == 0  # a retried task alerts nobody twice
    assert Notification.objects.filter(recipient=people["fits_admin"], kind="search.profile_match").count() == 1
    assert ProfileAlert.objects.count() == 1


def test_a_need_outside_the_profile_region_is_not_alerted(orgs, django_capture_on_commit_callbacks):
    _, _, people = orgs
    with django_capture_on_commit_callbacks(execute=True):
        make_need(county="360827", title="遂川县敬老院改造")  # 吉安市, not 萍乡市

    assert not _alerted(people["fits_admin"])


def test_a_batch_alerts_each_need_by_its_own_fit(orgs):
    _, _, people = orgs
    fits = make_need(county="360321", title="莲花县敬老院助浴")  # 萍乡市, elderly care, the keyword
    elsewhere = make_need(county="360827", title="遂川县敬老院改造")  # same category, not 萍乡市
    school = make_need(county="360827", title="遂川县小学图书角", categories=("education",))
    ProfileAlert.objects.all().delete()
    Notification.objects.all().delete()

    told = profiles_alert_for_needs(need_refs=[fits.ref, elsewhere.ref, school.ref])

    assert told == 2  # 助老中心 for the first need, 助学中心 for the school
    assert set(ProfileAlert.objects.values_list("need_ref", flat=True)) == {fits.ref, school.ref}
    assert _alerted(people["fits_admin"]) and _alerted(people["other_admin"])


def test_a_batch_no_profile_can_fit_builds_no_document(orgs, monkeypatch):
    needs = [make_need(county="360827", title=f"遂川县道路{i}", categories=("housing",)) for i in range(3)]
    built = []
    monkeypatch.setattr("search.documents.need_document", lambda page: built.append(page) or {})

    assert profiles_alert_for_needs(need_refs=[n.ref for n in needs]) == 0
    assert built == []


@pytest.mark.parametrize(
    "kwargs, field, message",
    [
        ({"name": ""}, "name", "请填写名称"),
        ({"categories": ["spaceflight"]}, "categories", "未知的类别"),
        ({"regions": ["999999"]}, "regions", "行政区划代码不存在"),
        ({"min_urgency": "whenever"}, "min_urgency", "未知的紧急程度"),
        ({"categories": [], "keywords": []}, "categories", "请至少填写一个"),
    ],
)
def test_bad_profiles_are_refused_and_nothing_is_written(orgs, kwargs, field, message):
    fits, _, people = orgs
    before = StandingProfile.objects.count()

    with pytest.raises(ValidationError) as error:
        standing_profile_save(
            user=people["fits_admin"], organisation=fits, **{"name": "x", "categories": ["children"], **kwargs}
        )

    assert message in " ".join(error.value.message_dict[field])
    assert StandingProfile.objects.count() == before


def test_only_the_organisations_admins_write_profiles(orgs):
    fits, _, people = orgs
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        standing_profile_save(user=people["fits_member"], organisation=fits, name="x", categories=["children"])
    with pytest.raises(Http404):
        standing_profile_save(user=people["other_admin"], organisation=fits, name="x", categories=["children"])


def test_portal_form_saves_and_deletes_a_profile(client, orgs):
    fits, _, people = orgs
    client.force_login(people["fits_admin"])
    url = reverse("portal:standing_profiles", args=[fits.pk])

    bad = client.post(url, {"name": "x", "regions": "999999", "min_urgency": "normal"})
    good = client.post(
        url,
        {
            "name": "遂川助学",
            "categories": ["education"],
            "regions": ["360827", "360800"],
            "keywords": "助学 课后",
            "min_urgency": "urgent",
        },
    )

    assert bad.status_code == 400 and "999999 不是可选的地区" in bad.content.decode()
    assert good.status_code == 302
    profile = StandingProfile.objects.get(name="遂川助学")
    assert profile.regions == ["360827", "360800"] and profile.keywords == ["助学", "课后"]
    client.post(reverse("portal:standing_profile_remove", args=[fits.pk, profile.pk]))
    assert not StandingProfile.objects.filter(name="遂川助学").exists()


def test_portal_profiles_of_another_organisation_are_404(client, orgs):
    fits, _, people = orgs
    client.force_login(people["other_admin"])

    assert client.get(reverse("portal:standing_profiles", args=[fits.pk])).status_code == 404
