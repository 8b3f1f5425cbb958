from matching.models import Organisation
from tests.factories import OrganisationFactory, ProjectFactory, make_need


def error_of(response):
    body = response.json()
    assert set(body) == {"error"}
    assert set(body["error"]) == {"code", "message", "fields", "reasons"}
    return body["error"]


def test_needs_lists_live_needs_with_public_fields_only(client, db):
    live = make_need(title="公开的需求", beneficiaries=3)
    make_need(title="草稿需求", status="draft")

    body = client.get("/api/v1/needs/").json()

    titles = [n["title"] for n in body["results"]]
    assert titles == ["公开的需求"]
    need = body["results"][0]
    assert need["ref"] == live.ref and need["beneficiaries"] == 3 and need["county"] == "360321"
    forbidden = {"beneficiary", "beneficiaries_detail", "id_number", "phone", "name"}
    assert not forbidden & set(need)


def test_needs_filter_by_region_prefix_and_category(client, db):
    make_need(title="莲花县的", county="360321", categories=("elderly_care",))

    assert client.get("/api/v1/needs/?region=360300").json()["count"] == 1
    assert client.get("/api/v1/needs/?region=110000").json()["count"] == 0
    assert client.get("/api/v1/needs/?category=education").json()["count"] == 0


def test_a_bad_filter_value_is_a_structured_400(client, db):
    response = client.get("/api/v1/needs/?urgency=panic&region=36")

    error = error_of(response)
    assert response.status_code == 400
    assert error["code"] == "invalid"
    assert set(error["fields"]) == {"urgency", "region"}
    assert error["reasons"] == ["invalid", "invalid_choice"]  # the validators' own codes, for programs


def test_unknown_objects_and_paths_are_structured_404s(client, db):
    for url in ("/api/v1/needs/nope/", "/api/v1/regions/999999/", "/api/v1/nothing-here/"):
        response = client.get(url)
        assert response.status_code == 404, url
        assert error_of(response)["code"] == "not_found"
    refused = client.get("/api/v1/needs/%00/")  # a NUL byte is refused before any view, in the API's shape
    assert refused.status_code == 400 and error_of(refused)["code"] == "nul_character"


def test_only_verified_organisations_and_their_projects_are_public(client, db):
    verified = OrganisationFactory(name="已认证")
    pending = OrganisationFactory(name="待审核", status=Organisation.Status.PENDING)
    ProjectFactory(organisation=verified, title="公开项目")
    ProjectFactory(organisation=pending, title="未审核组织的项目")

    orgs = [o["name"] for o in client.get("/api/v1/organisations/").json()["results"]]
    projects = [p["title"] for p in client.get("/api/v1/projects/").json()["results"]]

    assert orgs == ["已认证"]
    assert projects == ["公开项目"]
    assert client.get(f"/api/v1/organisations/{pending.ref}/").status_code == 404


def test_regions_filter_and_paginate(client, db):
    body = client.get("/api/v1/regions/?parent=360000&page_size=5").json()

    assert body["count"] == 11 and len(body["results"]) == 5 and body["next"]
    assert all(r["parent"] == "360000" for r in body["results"])
    assert client.get("/api/v1/regions/?page=9999").status_code == 404


def test_the_schema_and_the_docs_are_served(client, db):
    schema = client.get("/api/schema/?format=json")
    docs = client.get("/api/docs/")

    assert schema.status_code == 200 and docs.status_code == 200
    paths = schema.json()["paths"]
    assert "/api/v1/needs/" in paths and "/api/v1/org/projects/" in paths
    assert not any(p.startswith("/admin/") for p in paths)


def test_anonymous_callers_are_rate_limited_with_a_structured_429(client, db, settings):
    from rest_framework.settings import api_settings

    from api.throttling import AnonThrottle

    AnonThrottle.THROTTLE_RATES = {**api_settings.DEFAULT_THROTTLE_RATES, "anon": "3/min"}
    try:
        responses = [client.get("/api/v1/regions/?level=province") for _ in range(4)]
    finally:
        AnonThrottle.THROTTLE_RATES = api_settings.DEFAULT_THROTTLE_RATES

    assert [r.status_code for r in responses] == [200, 200, 200, 429]
    assert error_of(responses[-1])["code"] == "throttled"
    assert "Retry-After" in responses[-1]


def test_a_category_filter_lists_each_project_and_organisation_once_with_true_counts(client, db):
    """The filter joins the categories without DISTINCT: an object with several categories must still come once."""
    org = OrganisationFactory(name="多领域组织", categories=["elderly_care", "education", "disability"])
    ProjectFactory(organisation=org, title="多领域项目", categories=["elderly_care", "education"])
    ProjectFactory(organisation=org, title="教育项目", categories=["education"])
    OrganisationFactory(name="只做养老", categories=["elderly_care"])

    projects = client.get("/api/v1/projects/?category=education").json()
    assert projects["count"] == 2
    assert sorted(p["title"] for p in projects["results"]) == ["多领域项目", "教育项目"]
    assert client.get("/api/v1/projects/?category=elderly_care").json()["count"] == 1

    orgs = client.get("/api/v1/organisations/?category=elderly_care").json()
    assert orgs["count"] == 2
    assert sorted(o["name"] for o in orgs["results"]) == ["只做养老", "多领域组织"]
    education = client.get("/api/v1/organisations/?category=education").json()["results"]
    assert [o["name"] for o in education] == ["多领域组织"]


def test_list_counts_are_kept_until_a_project_or_organisation_is_saved(client, db):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    org = OrganisationFactory(name="计数组织")
    ProjectFactory(organisation=org, categories=["education"])
    urls = (
        "/api/v1/projects/?category=education",
        "/api/v1/organisations/",
        "/projects/",
    )  # the site and the API share a count

    def counted(url):
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        assert response.status_code == 200
        return response, [q["sql"] for q in queries if q["sql"].upper().startswith("SELECT COUNT(")]

    for url in urls:
        assert counted(url)[1], f"{url}: the first request counts"
        assert counted(url)[1] == [], f"{url}: the second request reads the kept count"
    ProjectFactory(organisation=OrganisationFactory(name="新组织"), categories=["education"])
    response, queries = counted("/api/v1/projects/?category=education")
    assert queries and response.json()["count"] == 2  # a save counts afresh
    assert counted("/api/v1/organisations/")[0].json()["count"] == 2
