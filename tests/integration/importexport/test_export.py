import json
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command

from matching.models import BeneficiaryRecord, NeedPage, Organisation, Project, Volunteer

from .conftest import good_records

pytestmark = pytest.mark.django_db

REPO = Path(__file__).resolve().parents[3]
EVAL_RECORDS = REPO.parent / "shared" / "eval" / "dev" / "records.jsonl"


def export_text() -> str:
    out = StringIO()
    call_command("export_records", "-", stdout=out, verbosity=0)
    return out.getvalue()


def empty_the_database() -> None:
    """Remove every record the format carries; the shipped regions stay, as in a fresh install."""
    for page in NeedPage.objects.all():
        page.delete()
    Project.objects.all().delete()
    Organisation.objects.all().delete()
    Volunteer.objects.all().delete()


def canonical(record: dict) -> str:
    return json.dumps(
        {k: sorted(v) if isinstance(v, list) else v for k, v in record.items()}, sort_keys=True, ensure_ascii=False
    )


def test_export_writes_kinds_in_order_with_the_format_key_order(run_import):
    run_import(good_records())

    records = [json.loads(line) for line in export_text().splitlines()]

    kinds = [r["kind"] for r in records]
    assert kinds == sorted(kinds, key=["region", "organisation", "project", "volunteer", "need"].index)
    need = next(r for r in records if r.get("ref") == "need-t1")
    assert list(need) == [
        "kind",
        "ref",
        "title",
        "description",
        "categories",
        "region",
        "circle",
        "urgency",
        "beneficiaries",
        "amount_requested",
        "currency",
        "volunteers_needed",
        "skills",
        "deadline",
        "published_on",
        "status",
    ]
    assert need["amount_requested"] == "120000.00" and need["description"] == "敬老院卫浴老旧。\n老人洗澡不便。"
    assert [r for r in records if r.get("ref") == "prj-t2"][0]["budget_available"] == "80000.50"


def test_export_holds_only_the_regions_in_use_and_their_ancestors(run_import):
    run_import(good_records())

    codes = [json.loads(line)["code"] for line in export_text().splitlines() if '"kind":"region"' in line]

    assert codes == ["360000", "360300", "360800", "360321", "360827"]


def test_export_never_carries_personal_data(run_import):
    run_import(good_records())
    need = NeedPage.objects.get(ref="need-t1")
    BeneficiaryRecord.objects.create(
        need=need, full_name="张秘密", id_number="360321195001011234", phone="13912345678", health_notes="重度残疾"
    )

    text = export_text()

    for secret in ("张秘密", "360321195001011234", "13912345678", "重度残疾"):
        assert secret not in text


def test_round_trip_export_import_into_an_empty_database_export(run_import, records_file):
    run_import(good_records())
    first = export_text()
    empty_the_database()
    assert NeedPage.objects.count() == 0

    run_import(first)

    assert export_text() == first


def test_export_to_a_file(run_import, tmp_path):
    run_import(good_records())
    path = tmp_path / "out.jsonl"

    call_command("export_records", str(path), verbosity=0)

    assert path.read_text(encoding="utf-8") == export_text()


@pytest.mark.skipif(not EVAL_RECORDS.exists(), reason=f"shared eval data not found beside the repo ({EVAL_RECORDS})")
def test_the_eval_file_imports_cleanly_and_round_trips(run_import):
    source = EVAL_RECORDS.read_text(encoding="utf-8")

    out, err = run_import(source)

    stats = json.loads((EVAL_RECORDS.parent / "stats.json").read_text(encoding="utf-8"))["records"]
    assert Organisation.objects.count() == stats["organisation"]
    assert Project.objects.count() == stats["project"]
    assert Volunteer.objects.count() == stats["volunteer"]
    assert NeedPage.objects.count() == stats["need"]
    assert NeedPage.objects.live().count() == stats["need"] - 1  # one draft
    exported = export_text()
    assert sorted(map(canonical, map(json.loads, exported.splitlines()))) == sorted(
        map(canonical, map(json.loads, source.splitlines()))
    )
    empty_the_database()
    run_import(exported)
    assert export_text() == exported
