"""Documents behind money (grant files, pledge agreements, receipts, advance paperwork) are seen only by those who
deal with that money: Wagtail's /documents/ view refuses them (private collection), /funding/documents/<id>/
serves them to the organisation's members, the region's staff and superusers, and is a 404 for everyone else.
Progress-report evidence stays public."""

import datetime
import importlib
import logging

import pytest
from django.apps import apps
from wagtail.documents import get_document_model
from wagtail.models import Collection, CollectionViewRestriction

from matching.funding.models import Disbursement
from matching.funding.services import accounts
from matching.funding.services.disbursements import advance_paperwork_submit, advance_release, disbursement_create
from matching.funding.services.documents import MONEY_COLLECTION_NAME, document_attach_and
from matching.funding.services.grants import grant_record, pledge_commit, pledge_create
from matching.funding.services.ledger import Line, ledger_post
from matching.models import Match, Membership, Region
from matching.outcomes.services.reports import report_file
from matching.services.staff import staff_user_add
from matching.uploads import Upload
from tests.factories import MembershipFactory, UserFactory

from .conftest import make_region_staff

pytestmark = pytest.mark.django_db
Document = get_document_model()
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
migration = importlib.import_module("matching.funding.migrations.0004_money_documents_private")


def attach(user, operation, title="凭证"):
    """Store a PDF as a money document the way the screens do, and run the operation with it."""
    return document_attach_and(
        upload=Upload(name="王秀英签收单.pdf", content=PDF), title=title, user=user, operation=operation
    )


def download_url(document) -> str:
    return f"/funding/documents/{document.pk}/"


@pytest.fixture
def funded(project):
    ledger_post(
        kind="own_funds",
        idempotency_key="md-own",
        lines=[
            Line(accounts.account_org_funds(project.organisation), -1_000_000),
            Line(accounts.account_for_project(project), 1_000_000),
        ],
    )
    return project


@pytest.fixture
def receipt(funded, need, org_member):
    """A disbursement's receipt, to a need in 莲花县 (360321)."""
    Match.objects.create(need=need, project=funded, status=Match.Status.ACCEPTED)
    disbursement = attach(
        org_member,
        lambda doc: disbursement_create(
            project=funded, need=need, amount=100_000, purpose="购置轮椅", receipt=doc, user=org_member
        ),
        "拨付收据",
    )
    return disbursement.receipt


@pytest.fixture
def grant_document(project, org_admin):
    """Own funds into a project serving 萍乡市 (360300), with its document."""
    grant = attach(
        org_admin,
        lambda doc: grant_record(project=project, source="own_funds", amount=500_000, document=doc, user=org_admin),
        "自有资金凭证",
    )
    return grant.document


@pytest.fixture
def stranger(regions_present):
    """An admin of another organisation."""
    return MembershipFactory(role=Membership.Role.ADMIN).user


@pytest.fixture
def ruijin_staff(regions_present):
    """Staff of 瑞金市 (360781, 赣州市): neither the need's county nor a region the project serves."""
    return make_region_staff("360781", "ruijin_staff")


@pytest.fixture
def officer(regions_present):
    """An officer of 莲花县 with the Wagtail admin, as the staff screens need."""
    return staff_user_add(username="lianhua_officer", password="pw-123456", region=Region.objects.get(code="360321"))


@pytest.fixture
def superuser(db):
    return UserFactory(username="root_user", is_superuser=True, is_staff=True)


@pytest.fixture
def evidence_document(project, org_member):
    report = report_file(
        project=project,
        user=org_member,
        period_start=datetime.date(2026, 1, 1),
        period_end=datetime.date(2026, 3, 31),
        narrative="完成 12 户卫浴改造。",
        documents=[Upload(name="验收单.pdf", content=PDF, caption="验收单")],
    )
    return report.evidence.get().document


def private_collection() -> Collection:
    return Collection.objects.get(name=MONEY_COLLECTION_NAME)


# ---- Wagtail's own document view ------------------------------------------------------------------------


def test_money_documents_are_stored_in_a_collection_only_superusers_pass(receipt, grant_document):
    collection = private_collection()
    assert receipt.collection == collection and grant_document.collection == collection
    restriction = CollectionViewRestriction.objects.get(collection=collection)
    assert restriction.restriction_type == CollectionViewRestriction.GROUPS and not restriction.groups.exists()


def test_wagtail_document_url_refuses_anonymous_users_and_members(client, receipt, org_member):
    response = client.get(receipt.url)
    assert response.status_code == 302 and "/login/?next=" in response["Location"]
    assert PDF not in b"".join(getattr(response, "streaming_content", [response.content]))

    client.force_login(org_member)
    assert client.get(receipt.url).status_code == 302


def test_wagtail_document_url_still_serves_superusers(client, receipt, superuser):
    client.force_login(superuser)
    response = client.get(receipt.url)
    assert response.status_code == 200 and b"".join(response.streaming_content) == PDF


def test_a_money_document_outside_the_private_collection_is_still_refused_by_wagtail(client, receipt, org_member):
    # given someone moved the receipt back into the public root collection
    Document.objects.filter(pk=receipt.pk).update(collection=Collection.get_first_root_node())
    receipt.refresh_from_db()
    # then the rule still answers behind Wagtail's view: a 404 for the anonymous, the file for a member
    assert client.get(receipt.url).status_code == 404
    client.force_login(org_member)
    assert client.get(receipt.url).status_code == 200


def test_progress_report_evidence_stays_public(client, evidence_document, receipt):
    assert evidence_document.collection.name != MONEY_COLLECTION_NAME
    response = client.get(evidence_document.url)
    assert response.status_code == 200 and b"".join(response.streaming_content) == PDF
    # and it is no money document: the download view does not serve it, not even to its organisation
    assert client.get(download_url(evidence_document)).status_code == 404


# ---- the download view ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "who,status",
    [
        ("anonymous", 404),
        ("org_member", 200),
        ("org_admin", 200),
        ("lianhua_staff", 200),
        ("superuser", 200),
        ("stranger", 404),
        ("other_county_staff", 404),
        ("ruijin_staff", 404),
    ],
)
def test_who_downloads_a_disbursement_receipt(client, request, receipt, who, status):
    if who != "anonymous":
        client.force_login(request.getfixturevalue(who))
    response = client.get(download_url(receipt))
    assert response.status_code == status
    if status == 200:
        assert b"".join(response.streaming_content) == PDF


@pytest.mark.parametrize(
    "who,status",
    [
        ("anonymous", 404),
        ("org_member", 200),
        ("lianhua_staff", 200),
        ("other_county_staff", 200),
        ("stranger", 404),
        ("ruijin_staff", 404),
    ],
)
def test_who_downloads_a_grant_document(client, request, grant_document, who, status):
    # the project serves the whole prefecture 萍乡市, so staff of any of its counties deal with its money
    if who != "anonymous":
        client.force_login(request.getfixturevalue(who))
    assert client.get(download_url(grant_document)).status_code == status


def test_a_pledge_agreement_is_for_the_organisation(client, project, org_admin, org_member, stranger):
    pledge = pledge_create(project=project, pledger="某企业", source="other", amount=300_000, user=org_admin)
    pledge = attach(org_admin, lambda doc: pledge_commit(pledge=pledge, document=doc, user=org_admin), "认捐协议")
    document = pledge.commitment_document
    assert document.collection == private_collection()

    client.force_login(org_member)
    assert client.get(download_url(document)).status_code == 200
    client.force_login(stranger)
    assert client.get(download_url(document)).status_code == 404


def test_advance_paperwork_is_for_the_organisation_and_the_needs_staff(
    client, funded, emergency_need, org_admin, org_member, lianhua_staff, other_county_staff, officer
):
    advance = advance_release(
        project=funded, need=emergency_need, amount=150_000, purpose="火灾后临时生活费", user=lianhua_staff
    )
    advance = attach(
        org_admin,
        lambda doc: advance_paperwork_submit(disbursement=advance, document=doc, user=org_admin),
        "先行救助材料",
    )
    document = advance.receipt
    assert document.collection == private_collection()

    for user, status in ((org_member, 200), (lianhua_staff, 200), (other_county_staff, 404)):
        client.force_login(user)
        assert client.get(download_url(document)).status_code == status

    # and the links on the organisation's and the staff's screens go to the download view
    client.force_login(org_member)
    page = client.get(f"/portal/org/{funded.organisation_id}/advances/").content.decode()
    assert download_url(document) in page and document.url not in page
    client.force_login(officer)
    page = client.get("/admin/funding/advances/overdue/").content.decode()
    assert download_url(document) in page and document.url not in page


def test_download_is_an_attachment_that_is_never_sniffed_and_logs_no_file_name(client, receipt, org_member, caplog):
    client.force_login(org_member)
    with caplog.at_level(logging.DEBUG):
        response = client.get(download_url(receipt))
        client.logout()
        client.get(download_url(receipt))
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == f'attachment; filename="money-document-{receipt.pk}.pdf"'
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "no-store" in response["Cache-Control"] and "private" in response["Cache-Control"]
    assert receipt.filename not in caplog.text and "签收单" not in caplog.text


def test_staff_screen_links_receipts_to_the_download_view(client, receipt, officer):
    client.force_login(officer)
    page = client.get("/admin/funding/disbursements/").content.decode()
    assert download_url(receipt) in page and receipt.url not in page


@pytest.mark.parametrize(
    "path", ["/funding/documents/999999/", "/funding/documents/99999999999999999999/", "/funding/documents/abc/"]
)
def test_unknown_ids_are_a_404(client, superuser, receipt, path):
    client.force_login(superuser)
    assert client.get(path).status_code == 404


def test_a_missing_file_is_a_404_not_an_error(client, receipt, org_member):
    receipt.file.storage.delete(receipt.file.name)
    client.force_login(org_member)
    assert client.get(download_url(receipt)).status_code == 404


def test_only_reads_are_served(client, receipt, org_member):
    client.force_login(org_member)
    assert client.post(download_url(receipt)).status_code == 405


# ---- the data migration -----------------------------------------------------------------------------------


def test_the_migration_moves_existing_money_documents_into_the_private_collection(
    receipt, grant_document, evidence_document
):
    # given the state before the migration: money documents in the public root, no private collection
    root = Collection.get_first_root_node()
    Document.objects.filter(pk__in=[receipt.pk, grant_document.pk]).update(collection=root)
    private_collection().delete()
    assert not Collection.objects.filter(name=MONEY_COLLECTION_NAME).exists()

    moved = migration.money_documents_make_private(apps)

    assert moved == 2
    collection = private_collection()
    assert (
        collection.get_parent() == root and root.get_children().count() == Collection.objects.get(pk=root.pk).numchild
    )
    receipt.refresh_from_db(), grant_document.refresh_from_db(), evidence_document.refresh_from_db()
    assert receipt.collection == collection and grant_document.collection == collection
    assert evidence_document.collection == root
    assert CollectionViewRestriction.objects.filter(collection=collection, restriction_type="groups").count() == 1
    # and running it again changes nothing
    assert migration.money_documents_make_private(apps) == 0
    assert Collection.objects.filter(name=MONEY_COLLECTION_NAME).count() == 1


def test_the_migration_protects_a_money_document_stored_outside_the_services(receipt, grant_document):
    # given a receipt written straight into the root collection (an old row), with the collection already there
    Document.objects.filter(pk=receipt.pk).update(collection=Collection.get_first_root_node())
    assert migration.money_documents_make_private(apps) == 1
    receipt.refresh_from_db()
    assert receipt.collection == private_collection()
    assert Disbursement.objects.get(receipt=receipt).receipt.collection.name == MONEY_COLLECTION_NAME
