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
