"""Every action a role may take on a project is a visible link on the project's page and on the role's home."""

from django.urls import reverse

from matching.models import Match
from tests.factories import UserFactory, make_need


def _links(response) -> set[str]:
    from bs4 import BeautifulSoup

    return {a["href"] for a in BeautifulSoup(response.content, "html.parser").select("main a[href]")}


def test_a_project_page_offers_sign_up_to_everyone_and_management_to_its_members(client, project_a, member_a):
    signup = reverse("portal:project_signup", args=[project_a.ref])
    report = reverse("outcomes:report_new", args=[project_a.ref])
    page = reverse("cms:project_detail", args=[project_a.ref])

    public = _links(client.get(page))
    client.force_login(UserFactory())
    stranger = _links(client.get(page))
    client.force_login(member_a)
    member = _links(client.get(page))

    assert signup in public and report not in public and report not in stranger
    assert {report, reverse("portal:project_edit", args=[project_a.pk])} <= member


def test_the_organisation_home_links_the_report_and_delivery_forms(client, admin_a, project_a):
    need = make_need(title="敬老院扶手")
    Match.objects.create(need=need, project=project_a, status=Match.Status.ACCEPTED)
    client.force_login(admin_a)

    links = _links(client.get(reverse("portal:org_dashboard", args=[project_a.organisation_id])))

    assert reverse("outcomes:report_new", args=[project_a.ref]) in links
    assert reverse("outcomes:delivery_new", args=[need.ref]) in links
    assert client.get(reverse("outcomes:delivery_new", args=[need.ref])).status_code == 200
