"""IATI Activity Standard 2.03: the export validates against the official schema (copied into the repo)."""

from pathlib import Path

import pytest
from lxml import etree

import matching.opendata

pytestmark = pytest.mark.django_db
SCHEMA = Path(matching.opendata.__file__).parent / "schemas" / "iati-activities-schema.xsd"


@pytest.fixture(scope="module")
def schema():
    return etree.XMLSchema(etree.parse(str(SCHEMA)))


def _xml(client):
    response = client.get("/open-data/iati/activities.xml")
    assert response.status_code == 200 and response["Content-Type"].startswith("application/xml")
    return etree.fromstring(b"".join(response.streaming_content))


def test_export_is_valid_iati_203(client, published_data, schema):
    doc = _xml(client)
    schema.assertValid(doc)
    assert doc.get("version") == "2.03"


def test_activity_has_transactions_locations_and_results(client, published_data):
    activity = _xml(client).find("iati-activity")
    project = published_data["project"]
    assert activity.findtext("iati-identifier").endswith(project.ref)
    types = [t.find("transaction-type").get("code") for t in activity.findall("transaction")]
    assert types.count("1") == 2  # own funds and a donation in
    assert "2" in types and types.count("4") == 2  # reserved for a need; confirmed spend and an advance
    assert activity.find("location/administrative").get("code") == "360300"
    actual = activity.find("result/indicator/period/actual")
    assert actual is not None and activity.find("result").get("type") == "1"


def test_a_broken_document_fails_the_schema(schema):
    """The check is real: a document missing required parts does not pass."""
    bad = etree.fromstring(b'<iati-activities version="2.03"><iati-activity><title/></iati-activity></iati-activities>')
    assert not schema.validate(bad)


def test_empty_export_is_well_formed_with_no_activities(client):
    # The schema requires at least one iati-activity, so an empty platform gives an empty, well-formed list.
    doc = _xml(client)
    assert doc.tag == "iati-activities" and len(doc) == 0


def test_iati_query_count_fixed(client, published_data, django_assert_max_num_queries):
    from tests.factories import ProjectFactory

    for _ in range(10):
        ProjectFactory()
    with django_assert_max_num_queries(8):
        _xml(client)


def test_each_spend_carries_its_ref_and_its_evidence_links_to_it(client, published_data, member, schema):
    from matching.funding.models import Disbursement
    from matching.opendata.iati import EXTENSION_NS
    from matching.outcomes.models import ProgressReport
    from matching.outcomes.services.spending import SpendingFields, spending_line_add

    spend = Disbursement.objects.get(kind=Disbursement.Kind.REGULAR)
    report = ProgressReport.objects.get()
    spending_line_add(
        disbursement=spend,
        user=member,
        fields=SpendingFields(what="不锈钢扶手 12 套", amount=200_000, beneficiaries=12, report=report),
    )

    doc = _xml(client)
    schema.assertValid(doc)
    activity = doc.find("iati-activity")
    refs = {t.get("ref"): t for t in activity.findall("transaction") if t.get("ref")}
    ref = next(r for r in refs if r.endswith(f"-D{spend.pk}"))
    assert refs[ref].find("transaction-type").get("code") == "4"
    description = refs[ref].findtext("description/narrative")
    assert "不锈钢扶手 12 套 2000.00 元，受益 12 人（有佐证）；未列明细 1000.00 元（佐证待提供）" in description
    links = activity.findall("document-link")
    assert links and all(link.get(f"{{{EXTENSION_NS}}}transaction-ref") in refs for link in links)
    photo = next(link for link in links if link.get(f"{{{EXTENSION_NS}}}transaction-ref") == ref)
    assert photo.get("format") == "image/jpeg" and photo.get("url").startswith("http")
    assert ref in photo.findtext("description/narrative") and photo.find("category").get("code") == "A08"
    # the advance has no lines yet: its transaction still has a ref, and says what is not itemised
    advance = Disbursement.objects.get(kind=Disbursement.Kind.ADVANCE)
    assert "未列明细" in refs[next(r for r in refs if r.endswith(f"-D{advance.pk}"))].findtext("description/narrative")
