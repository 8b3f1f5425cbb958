"""Beneficiaries' personal data never leaves the staff of the region: one sweep over every public
surface — pages, exports, API, the search index and the logs."""

import json
import logging

import pytest
from django.core.management import call_command

from matching.models import BeneficiaryRecord
from matching.personal_data import normalise
from tests.factories import OrganisationFactory, ProjectFactory, make_need

pytestmark = pytest.mark.django_db

SECRETS = ("欧阳秀兰", "360321195203041827", "13979912345", "左下肢截肢，二级肢体残疾")


@pytest.fixture
def need_with_person(db, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):  # the search outbox drains after commit
        org = OrganisationFactory(name="萍乡市隐私测试社工中心", service_regions=["360300"])
        ProjectFactory(organisation=org, ref="prj-privacy", title="农村残疾人居家康复")
        need = make_need(county="360321", title="坊楼镇残疾人居家康复", categories=["disability"], ref="need-privacy")
        BeneficiaryRecord.objects.create(
            need=need, full_name=SECRETS[0], id_number=SECRETS[1], phone=SECRETS[2], health_notes=SECRETS[3]
        )
    _spend_with_evidence(need)
    return need


def _spend_with_evidence(need):
    """Money that reached the need, itemised, with a photo as its proof: the spends sections and the IATI
    document-links are part of the sweep."""
    from matching.models import Match, Membership, Project, Region
    from matching.services.staff import staff_user_add
    from tests.factories import MembershipFactory
    from tests.factories.spending import spend_with_evidence

    project = Project.objects.get(ref="prj-privacy")
    member = MembershipFactory(organisation=project.organisation, role=Membership.Role.MEMBER).user
    officer = staff_user_add(username="privacy-officer", password="x", region=Region.objects.get(code="360321"))
    Match.objects.create(need=need, project=project, status=Match.Status.ACCEPTED)
    spend_with_evidence(project, need, member, officer, what="康复训练器具 1 套", caption="康复器具")


def _assert_clean(where: str, text: str) -> None:
    flat = normalise(text)  # also written with spaces, dots or full-width digits
    for secret in SECRETS:
        assert secret not in text, f"{where} shows personal data: {secret}"
        assert normalise(secret) not in flat, f"{where} shows personal data, disguised: {secret}"


PUBLIC_URLS = [
    "/",
    "/needs/",
    "/projects/",
    "/organisations/",
    "/projects/prj-privacy/",
    "/search/?q=康复",
    "/transparency/",
    "/transparency/regions/360321/",
    "/transparency/projects/prj-privacy/",
    "/transparency/map/",
    "/transparency/map/360000/",
    "/transparency/map/360300/?measure=money_gap",
    "/transparency/map/360321/",
    "/open-data/",
    "/open-data/needs.csv",
    "/open-data/needs.json",
    "/open-data/projects.csv",
    "/open-data/outcomes.json",
    "/open-data/transactions.csv",
    "/open-data/spending.csv",
    "/open-data/spending.json",
    "/open-data/iati/activities.xml",
    "/api/v1/needs/",
    "/api/v1/needs/need-privacy/",
    "/api/v1/projects/",
    "/api/v1/organisations/",
    "/api/v1/transparency/",
    "/api/v1/transparency/regions/360321/",
]


def test_no_public_surface_shows_personal_data(client, need_with_person, caplog, tmp_path):
    caplog.set_level(logging.DEBUG)
    pages = PUBLIC_URLS + [need_with_person.url, need_with_person.get_parent().url]
    for url in pages:
        response = client.get(url)
        assert response.status_code == 200, url
        body = b"".join(response.streaming_content) if response.streaming else response.content
        _assert_clean(url, body.decode("utf-8"))
        if url in (
            "/transparency/projects/prj-privacy/",
            "/open-data/iati/activities.xml",
            need_with_person.url,
            "/open-data/spending.csv",
            "/open-data/spending.json",
        ):
            assert "康复训练器具 1 套" in body.decode("utf-8"), f"{url} does not show the spend, so it was not swept"

    out = tmp_path / "records.jsonl"
    call_command("export_records", str(out), verbosity=0)
    _assert_clean("export_records", out.read_text(encoding="utf-8"))

    from search.services import search_public, source_document

    assert search_public(kind="need", query="居家康复").total >= 1  # the index does hold the need
    for secret in SECRETS[:3]:  # searching for a person's name, ID or phone finds nothing
        assert search_public(kind="need", query=secret).total == 0, secret

    _assert_clean(
        "search document", json.dumps(source_document("need", "need-privacy"), ensure_ascii=False, default=str)
    )
    _assert_clean("logs", "\n".join(r.getMessage() for r in caplog.records))


DISGUISED = ("欧阳 秀兰", "360321.1952.0304.1827", "139 7991 2345", "１３９７９９１２３４５")


def test_disguised_personal_data_is_refused_everywhere_public_text_is_written_and_the_crawl_stays_clean(
    client, need_with_person, caplog, tmp_path
):
    from django.core.exceptions import ValidationError

    from matching.models import Organisation, Project
    from matching.services.needs import NeedFields, need_update

    project = Project.objects.get(ref="prj-privacy")
    organisation = project.organisation
    for text in DISGUISED:
        with pytest.raises(ValidationError):
            need_update(
                need=need_with_person,
                fields=NeedFields(
                    title=need_with_person.title, description=f"<p>{text}</p>", categories=["disability"]
                ),
            )
        if text == DISGUISED[0]:  # a name is known as private only where its need is (need, matched project)
            continue
        for obj, field in ((project, "description"), (organisation, "description")):
            setattr(obj, field, text)
            with pytest.raises(ValidationError):
                obj.full_clean()
    from matching.outcomes.models import SpendingLine
    from matching.outcomes.services.spending import SpendingFields, spending_line_add

    spend = SpendingLine.objects.get().disbursement
    member = spend.project.organisation.memberships.get().user
    for text in DISGUISED:  # a spending line says what was bought, never for whom
        with pytest.raises(ValidationError):
            spending_line_add(
                disbursement=spend, user=member, fields=SpendingFields(what=f"轮椅（{text}）", amount=100)
            )
    project.refresh_from_db()
    organisation.refresh_from_db()
    assert Organisation.objects.filter(description__in=DISGUISED).count() == 0
    test_no_public_surface_shows_personal_data(client, need_with_person, caplog, tmp_path)


def test_the_region_staff_do_see_it_in_the_admin(client, need_with_person):
    from matching.models import Region
    from matching.services.staff import staff_user_add

    officer = staff_user_add(username="lianhua", password="x", region=Region.objects.get(code="360321"))
    record = need_with_person.beneficiary_records.get()
    assert str(record) == f"受益人 #{record.pk}"  # never the name, wherever str() ends up
    client.force_login(officer)
    assert client.get(f"/admin/pages/{need_with_person.pk}/edit/").status_code == 200


def test_overlap_surfaces_carry_organisation_data_only(client, need_with_person):
    """Who committed what and the overlap report name organisations, projects and amounts: never the household,
    even to the region's own staff, who may see it elsewhere."""
    from matching.models import Match, Membership, Project, Region
    from matching.services.staff import staff_user_add
    from tests.factories import MembershipFactory

    first = Project.objects.get(ref="prj-privacy")
    second = ProjectFactory(
        organisation=OrganisationFactory(name="莲花县隐私测试志愿者协会"),
        ref="prj-privacy-2",
        service_regions=["360300"],
    )
    for project in (first, second):  # the first is already matched (and paid) by the fixture
        Match.objects.update_or_create(
            need=need_with_person, project=project, defaults={"status": Match.Status.ACCEPTED}
        )
    officer = staff_user_add(username="privacy-overlap", password="x", region=Region.objects.get(code="360321"))
    member = MembershipFactory(organisation=second.organisation, role=Membership.Role.ADMIN).user
    surfaces = [
        (officer, "/dashboard/overlap/?region=360321", "萍乡市隐私测试社工中心"),
        (officer, "/dashboard/overlap.csv?region=360321", "萍乡市隐私测试社工中心"),
        (officer, f"/admin/needs/{need_with_person.pk}/candidates/", None),
        (officer, "/admin/funding/disbursements/", None),
        (member, need_with_person.url, "萍乡市隐私测试社工中心"),
        (member, f"/portal/org/{second.organisation_id}/", None),
    ]
    for user, url, expected in surfaces:
        client.force_login(user)
        response = client.get(url)
        assert response.status_code == 200, url
        text = response.content.decode("utf-8")
        if expected:
            assert expected in text, url  # the page does show the overlap
        _assert_clean(url, text)
