"""Staff screens: a clerk drafts and submits but never sets a need's status or records public money; the
approval says the need was published; the candidates screen is a visible button on the need and its
candidates are links."""

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse

from matching.models import NeedPage, Region
from matching.services.matches import match_propose
from matching.services.needs import NeedFields, need_create
from matching.services.regions import region_page_ensure
from matching.services.staff import staff_user_add
from tests.factories import ProjectFactory, make_need
from tests.integration.test_edit_roundtrip import multi, rendered_values

pytestmark = pytest.mark.django_db


@pytest.fixture
def lianhua(db):
    region = Region.objects.get(code="360321")
    region_page_ensure(region=region)
    return region


@pytest.fixture
def clerk(lianhua):
    return staff_user_add(username="clerk-screens", password="x", region=lianhua, role="clerk")


@pytest.fixture
def officer(lianhua):
    return staff_user_add(username="officer-screens", password="x", region=lianhua, role="officer")


def _field_names(response) -> set[str]:
    forms = BeautifulSoup(response.content, "html.parser").select("form[method=post]")
    form = next(f for f in forms if f.select_one("input[name=title]"))
    return {f["name"] for f in form.select("[name]")}


def test_a_clerks_need_form_has_no_status_field_and_an_officers_has(client, lianhua, clerk, officer):
    parent = lianhua.page
    add_url = reverse("wagtailadmin_pages:add", args=["matching", "needpage", parent.pk])

    client.force_login(clerk)
    clerk_add = client.get(add_url)
    need = need_create(
        county=lianhua,
        fields=NeedFields(title="草稿需求", description="<p>x</p>", categories=["elderly_care"], status="draft"),
        user=officer,
    )
    clerk_edit = client.get(reverse("wagtailadmin_pages:edit", args=[need.pk]))
    client.force_login(officer)
    officer_edit = client.get(reverse("wagtailadmin_pages:edit", args=[need.pk]))

    assert clerk_add.status_code == clerk_edit.status_code == officer_edit.status_code == 200
    assert "status" not in _field_names(clerk_add) and "status" not in _field_names(clerk_edit)
    assert {"title", "beneficiaries"} <= _field_names(clerk_edit)
    assert "status" in _field_names(officer_edit)


def test_a_clerk_posting_a_status_changes_nothing(client, lianhua, clerk):
    need = make_need(title="进行中的需求")
    client.force_login(clerk)
    url = reverse("wagtailadmin_pages:edit", args=[need.pk])
    data = dict(multi(rendered_values(client.get(url).content.decode(), "form#page-edit-form")))
    client.post(url, data | {"status": ["fulfilled"], "action-submit": ["1"]})

    assert NeedPage.objects.get(pk=need.pk).status == NeedPage.Status.OPEN


def test_a_clerk_cannot_open_or_see_the_grant_screen(client, clerk, officer):
    client.force_login(clerk)
    refused = client.get(reverse("funding_admin:grant_new"))
    clerk_home = client.get(reverse("wagtailadmin_home")).content.decode()
    client.force_login(officer)
    allowed = client.get(reverse("funding_admin:grant_new"))
    officer_home = client.get(reverse("wagtailadmin_home")).content.decode()

    # Wagtail answers a refusal inside the admin with a redirect to the dashboard and a message
    assert refused.status_code in (302, 403) and "grant" not in refused.get("Location", "")
    assert allowed.status_code == 200
    assert reverse("funding_admin:grant_new") not in clerk_home
    assert reverse("funding_admin:grant_new") in officer_home


def test_approving_a_need_says_it_was_published(client, lianhua, clerk, officer):
    need = need_create(
        county=lianhua,
        fields=NeedFields(title="待审核的需求", description="<p>x</p>", categories=["elderly_care"]),
        user=clerk,
    )
    assert not need.live and need.current_workflow_state is not None
    client.force_login(officer)
    url = reverse("wagtailadmin_pages:edit", args=[need.pk])
    data = dict(multi(rendered_values(client.get(url).content.decode(), "form#page-edit-form")))

    response = client.post(
        url, data | {"action-workflow-action": ["true"], "workflow-action-name": ["approve"]}, follow=True
    )

    text = response.content.decode()
    assert NeedPage.objects.get(pk=need.pk).live
    assert "已审核通过并发布" in text and "已被更新" not in text


def test_the_candidates_screen_is_a_visible_button_on_the_need_and_names_are_links(client, officer):
    need = make_need(title="敬老院扶手")
    project = ProjectFactory(title="适老化改造项目", service_regions=["360300"])
    match_propose(user=officer, need=need, project=project, score=0.9, reasons=["类别相同"])
    client.force_login(officer)

    editor = BeautifulSoup(client.get(reverse("wagtailadmin_pages:edit", args=[need.pk])).content, "html.parser")
    button = editor.select_one(f".need-actions a[href='{reverse('matching_need_candidates', args=[need.pk])}']")
    assert button is not None and "匹配候选" in button.get_text()
    screen = client.get(button["href"])
    links = {a["href"] for a in BeautifulSoup(screen.content, "html.parser").select("table a[href]")}
    assert reverse("cms:project_detail", args=[project.ref]) in links
