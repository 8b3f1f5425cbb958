"""The portal's page of one's own declarations, and the project lead the organisation sets."""

import pytest
from django.urls import reverse

from matching.error_codes import ProjectErrorCode
from matching.errors import error_codes
from matching.models import InterestDeclaration, Membership, Project
from matching.services.project_lifecycle import ProjectFields, project_create
from tests.factories import (
    MembershipFactory,
    OrganisationFactory,
    ProjectFactory,
    UserFactory,
)
from tests.integration.test_edit_roundtrip import multi, rendered_values, snapshot

pytestmark = pytest.mark.django_db


def test_a_person_declares_an_interest_sees_it_and_withdraws_it_keeping_the_history(client):
    organisation = OrganisationFactory(name="莲花县社工服务中心")
    user = UserFactory(username="declarant")
    client.force_login(user)
    home = client.get(reverse("portal:home")).content.decode()
    assert reverse("portal:interests") in home

    response = client.post(
        reverse("portal:interests"),
        {"organisation": organisation.uscc.lower(), "kind": "family", "reason": "配偶在该中心任会计"},
    )
    assert response.status_code == 302
    declaration = InterestDeclaration.objects.get(user=user)
    assert (declaration.organisation, declaration.kind, declaration.withdrawn_at) == (organisation, "family", None)
    page = client.get(reverse("portal:interests")).content.decode()
    assert "莲花县社工服务中心" in page and "配偶在该中心任会计" in page

    client.post(reverse("portal:interest_withdraw", args=[declaration.pk]), {"reason": "已离职"})
    declaration.refresh_from_db()
    assert declaration.withdrawn_at is not None
    page = client.get(reverse("portal:interests")).content.decode()
    assert "配偶在该中心任会计" in page and "已离职" in page  # withdrawn, not deleted


def test_declaring_needs_a_known_organisation_and_a_reason(client):
    client.force_login(UserFactory())
    response = client.post(
        reverse("portal:interests"), {"organisation": "不存在的组织", "kind": "family", "reason": "表哥任理事"}
    )
    assert response.status_code == 400 and "没有找到" in response.content.decode()
    response = client.post(
        reverse("portal:interests"), {"organisation": "不存在的组织", "kind": "nonsense", "reason": ""}
    )
    assert response.status_code == 400
    assert not InterestDeclaration.objects.exists()


def test_nobody_withdraws_or_sees_another_persons_declaration(client):
    organisation = OrganisationFactory(name="甲组织")
    owner = UserFactory()
    declaration = InterestDeclaration.objects.create(
        user=owner, organisation=organisation, kind="donor", reason="本人每年向甲组织捐款"
    )
    client.force_login(UserFactory())
    assert client.post(reverse("portal:interest_withdraw", args=[declaration.pk])).status_code == 404
    assert "本人每年向甲组织捐款" not in client.get(reverse("portal:interests")).content.decode()
    declaration.refresh_from_db()
    assert declaration.withdrawn_at is None


def test_memberships_show_as_automatic_interests(client):
    membership = MembershipFactory(organisation=OrganisationFactory(name="乙组织"), role=Membership.Role.MEMBER)
    client.force_login(membership.user)
    page = client.get(reverse("portal:interests")).content.decode()
    assert "自动计入" in page and "乙组织" in page


def test_a_new_project_is_led_by_its_author_and_the_organisation_may_name_another_member(client):
    author = MembershipFactory(role=Membership.Role.MEMBER)
    organisation = author.organisation
    fields = ProjectFields(title="助学项目", categories=("education",), service_regions=("360321",))
    assert project_create(user=author.user, organisation=organisation, fields=fields).lead == author.user

    other = MembershipFactory(organisation=organisation, role=Membership.Role.ADMIN)
    project = project_create(
        user=author.user,
        organisation=organisation,
        fields=ProjectFields(**{**fields.__dict__, "lead_id": other.user_id}),
    )
    assert project.lead == other.user

    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError) as refused:
        project_create(
            user=author.user,
            organisation=organisation,
            fields=ProjectFields(**{**fields.__dict__, "lead_id": UserFactory().pk}),
        )
    assert error_codes(refused.value) == {ProjectErrorCode.LEAD_NOT_A_MEMBER}


def test_the_edit_form_sets_the_lead_and_saves_unchanged_when_the_lead_has_left(client):
    admin = MembershipFactory(role=Membership.Role.ADMIN)
    departed = MembershipFactory(organisation=admin.organisation, role=Membership.Role.MEMBER)
    project = ProjectFactory(organisation=admin.organisation, service_regions=["360321"], lead=departed.user)
    departed.delete()
    client.force_login(admin.user)
    url = reverse("portal:project_edit", args=[project.pk])
    before = snapshot(project)
    sent = rendered_values(client.get(url).content.decode(), "main form[method=post]")
    assert ("lead", str(departed.user_id)) in sent
    assert client.post(url, data=multi(sent)).status_code == 302
    assert snapshot(project) == before

    changed = [(k, str(admin.user_id) if k == "lead" else v) for k, v in sent]
    assert client.post(url, data=multi(changed)).status_code == 302
    assert Project.objects.get(pk=project.pk).lead == admin.user
