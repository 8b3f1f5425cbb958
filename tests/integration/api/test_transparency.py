"""Public transparency figures in the API: platform, per-project money, per-region counts."""

import pytest
from django.core.files.base import ContentFile
from wagtail.documents import get_document_model

from matching.funding.services.grants import grant_record
from matching.models import Membership, Project
from matching.outcomes.services.figures import figures_refresh
from tests.factories import MembershipFactory, ProjectFactory, make_need

pytestmark = pytest.mark.django_db


@pytest.fixture
def funded_project(org_a):
    project = ProjectFactory(ref="prj-tr-1", organisation=org_a, title="敬老院改造")
    admin = MembershipFactory(organisation=org_a, role=Membership.Role.ADMIN).user
    document = get_document_model()(title="拨款文件")
    document.file.save("grant.txt", ContentFile(b"demo document"), save=False)
    document.save()
    grant_record(project=project, source="central_relief", amount=10_000_000, document=document, user=admin)
    return project


def test_platform_figures_count_published_needs_and_money_in_fen(client, funded_project):
    make_need(county="360321")
    figures_refresh()  # the pages show the kept figures, which Celery refreshes after writes commit

    body = client.get("/api/v1/transparency/").json()

    assert body["head"]["needs"] == 1 and body["head"]["raised"] == 10_000_000
    assert body["head"]["currency"] == "CNY" and body["since"] is None
    assert any(row["code"] == "360000" and row["needs"] == 1 for row in body["by_province"])


def test_a_bad_year_is_a_structured_400(client, db):
    for bad in ("abc", "1800", "99999"):
        response = client.get("/api/v1/transparency/", {"since": bad})

        assert response.status_code == 400
        assert response.json()["error"]["code"] == "invalid" and "since" in response.json()["error"]["fields"]


def test_project_money_lists_raised_allocated_and_spent(client, funded_project):
    listing = client.get("/api/v1/transparency/projects/").json()
    detail = client.get("/api/v1/transparency/projects/prj-tr-1/").json()

    row = next(r for r in listing["results"] if r["ref"] == "prj-tr-1")
    assert (row["raised"], row["allocated"], row["spent"]) == (10_000_000, 0, 0)
    assert detail == row


def test_a_draft_project_is_not_public(client, org_a):
    ProjectFactory(ref="prj-tr-draft", organisation=org_a, status=Project.Status.DRAFT)

    response = client.get("/api/v1/transparency/projects/prj-tr-draft/")

    assert response.status_code == 404 and response.json()["error"]["code"] == "not_found"


def test_region_figures_count_needs_of_the_region(client, db):
    make_need(county="360321")
    figures_refresh()  # the pages show the kept figures, which Celery refreshes after writes commit

    county = client.get("/api/v1/transparency/regions/360321/").json()
    elsewhere = client.get("/api/v1/transparency/regions/360700/").json()

    assert county["needs"]["open"] == 1 and county["name"] == "莲花县"
    assert elsewhere["needs"]["total"] == 0


def test_an_unknown_region_is_404(client, db):
    assert client.get("/api/v1/transparency/regions/999999/").status_code == 404
