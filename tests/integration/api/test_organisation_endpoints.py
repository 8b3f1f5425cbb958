from api.models import ApiToken, hash_key
from matching.models import Match, NeedPage, Project, ResponseLogEntry
from tests.integration.api.conftest import auth, issue
from tests.integration.api.test_public import error_of

NEW_PROJECT = {
    "title": "乡村学校午餐",
    "categories": ["education"],
    "service_regions": ["360300"],
    "budget_available": 500000,
    "volunteer_slots": 2,
    "starts_on": "2026-03-01",
    "ends_on": "2026-06-30",
}


def test_only_a_hash_of_the_key_is_stored(org_a):
    token, key = issue(org_a)

    stored = ApiToken.objects.get(pk=token.pk)
    assert stored.key_hash == hash_key(key)
    assert key not in {stored.key_hash, stored.prefix, stored.name}


def test_no_token_bad_token_and_revoked_token_are_401(client, org_a):
    token, key = issue(org_a)

    missing = client.get("/api/v1/org/projects/")
    forged = client.get("/api/v1/org/projects/", **auth(key[:-2] + "xx"))
    garbage = client.get("/api/v1/org/projects/", **auth("nonsense"))
    token.revoked_at = "2026-01-01T00:00:00Z"
    token.save()
    revoked = client.get("/api/v1/org/projects/", **auth(key))

    assert [r.status_code for r in (missing, forged, garbage, revoked)] == [401, 401, 401, 401]
    assert error_of(missing)["code"] == "not_authenticated"
    assert error_of(forged)["code"] == "authentication_failed"


def test_a_token_without_the_scope_is_403(client, org_a):
    _, key = issue(org_a, scopes=["projects:read"])

    read = client.get("/api/v1/org/projects/", **auth(key))
    write = client.post("/api/v1/org/projects/", NEW_PROJECT, content_type="application/json", **auth(key))

    assert read.status_code == 200
    assert write.status_code == 403 and error_of(write)["code"] == "permission_denied"
    assert not Project.objects.filter(title=NEW_PROJECT["title"]).exists()


def test_create_a_project_and_move_it_through_its_life(client, org_a, key_a):
    created = client.post("/api/v1/org/projects/", NEW_PROJECT, content_type="application/json", **auth(key_a))
    assert created.status_code == 201, created.content
    pk = created.json()["id"]
    assert created.json()["status"] == "draft"

    for status in ("active", "paused", "completed"):
        response = client.post(
            f"/api/v1/org/projects/{pk}/status/", {"status": status}, content_type="application/json", **auth(key_a)
        )
        assert response.status_code == 200 and response.json()["status"] == status

    refused = client.post(
        f"/api/v1/org/projects/{pk}/status/", {"status": "active"}, content_type="application/json", **auth(key_a)
    )
    assert refused.status_code == 400 and "status" in error_of(refused)["fields"]


def test_invalid_project_input_is_a_400_naming_the_fields_and_writes_nothing(client, org_a, key_a):
    bad = {
        **NEW_PROJECT,
        "categories": ["no-such-thing"],
        "service_regions": [],
        "ends_on": "2020-01-01",
        "budget_available": -1,
    }

    response = client.post("/api/v1/org/projects/", bad, content_type="application/json", **auth(key_a))

    error = error_of(response)
    assert response.status_code == 400 and error["code"] == "invalid"
    assert "budget_available" in error["fields"]
    assert not Project.objects.filter(organisation=org_a).exists()


def test_service_level_errors_are_also_structured(client, org_a, key_a):
    bad = {**NEW_PROJECT, "service_regions": ["999999"], "ends_on": "2020-01-01"}

    response = client.post("/api/v1/org/projects/", bad, content_type="application/json", **auth(key_a))

    error = error_of(response)
    assert response.status_code == 400
    assert set(error["fields"]) >= {"service_regions", "ends_on"}
    assert "结束日期不能早于开始日期" in error["fields"]["ends_on"][0]
    assert {"unknown_region", "ends_before_start"} <= set(error["reasons"])
    assert not Project.objects.filter(organisation=org_a).exists()


def test_personal_data_in_a_projects_public_text_is_refused_with_its_code(client, org_a, key_a):
    bad = {**NEW_PROJECT, "summary": "联系受助人请拨打13812345678"}

    response = client.post("/api/v1/org/projects/", bad, content_type="application/json", **auth(key_a))

    error = error_of(response)
    assert response.status_code == 400 and "summary" in error["fields"]
    assert error["reasons"] == ["personal_data_phone_number"]
    assert not Project.objects.filter(organisation=org_a).exists()


def test_malformed_json_is_a_structured_400(client, key_a):
    response = client.post("/api/v1/org/projects/", "{not json", content_type="application/json", **auth(key_a))

    assert response.status_code == 400 and error_of(response)["code"] == "parse_error"


def test_a_token_of_one_organisation_never_reads_or_changes_anothers(client, key_a, project_b, match_b):
    listed = client.get("/api/v1/org/projects/", **auth(key_a)).json()
    matches = client.get("/api/v1/org/matches/", **auth(key_a)).json()
    read = client.get(f"/api/v1/org/projects/{project_b.pk}/", **auth(key_a))
    change = client.put(
        f"/api/v1/org/projects/{project_b.pk}/",
        {**NEW_PROJECT, "title": "被改了"},
        content_type="application/json",
        **auth(key_a),
    )
    status = client.post(
        f"/api/v1/org/projects/{project_b.pk}/status/",
        {"status": "paused"},
        content_type="application/json",
        **auth(key_a),
    )
    accept = client.post(
        f"/api/v1/org/matches/{match_b.pk}/accept/", {}, content_type="application/json", **auth(key_a)
    )
    decline = client.post(
        f"/api/v1/org/matches/{match_b.pk}/decline/", {"reason": "x"}, content_type="application/json", **auth(key_a)
    )

    assert listed["count"] == 0 and matches["count"] == 0
    assert [r.status_code for r in (read, change, status, accept, decline)] == [404] * 5
    project_b.refresh_from_db()
    match_b.refresh_from_db()
    assert project_b.title != "被改了" and project_b.status == "active"
    assert match_b.status == "proposed"


def test_accept_a_match_through_the_api_answers_the_need(client, org_a, key_a, match_a):
    response = client.post(
        f"/api/v1/org/matches/{match_a.pk}/accept/",
        {"note": "下周进场"},
        content_type="application/json",
        **auth(key_a),
    )

    assert response.status_code == 200 and response.json()["status"] == "accepted"
    assert NeedPage.objects.get(pk=match_a.need_id).status == "matched"
    assert ResponseLogEntry.objects.filter(need_id=match_a.need_id, actor_label=org_a.name).exists()


def test_declining_without_a_reason_is_refused(client, key_a, match_a):
    response = client.post(
        f"/api/v1/org/matches/{match_a.pk}/decline/", {"reason": ""}, content_type="application/json", **auth(key_a)
    )

    assert response.status_code == 400 and "reason" in error_of(response)["fields"]
    match_a.refresh_from_db()
    assert match_a.status == Match.Status.PROPOSED


def test_the_own_organisation_endpoint_shows_the_vetting_status(client, org_a, key_a):
    body = client.get("/api/v1/org/", **auth(key_a)).json()

    assert body["ref"] == org_a.ref and body["status"] == "verified"


def test_a_suspended_organisations_token_stops_working(client, org_a, key_a):
    org_a.status = "suspended"
    org_a.save()

    response = client.get("/api/v1/org/", **auth(key_a))

    assert response.status_code == 401
