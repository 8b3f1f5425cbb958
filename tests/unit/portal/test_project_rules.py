import datetime

from api.errors import error_body
from api.models import hash_key, new_key, split_key
from matching.services.project_lifecycle import MAX_BUDGET_FEN, ProjectFields, project_fields_errors

OK = ProjectFields(title="项目", categories=("children",), service_regions=("360300",))


def test_a_complete_project_has_no_errors():
    assert project_fields_errors(OK) == {}


def test_each_rule_names_its_field():
    bad = ProjectFields(
        title=" ",
        categories=(),
        service_regions=(),
        budget_available=-1,
        volunteer_slots=-2,
        starts_on=datetime.date(2026, 5, 1),
        ends_on=datetime.date(2026, 4, 1),
    )
    assert set(project_fields_errors(bad)) == {
        "title",
        "categories",
        "service_regions",
        "budget_available",
        "volunteer_slots",
        "ends_on",
    }


def test_an_absurd_budget_is_refused():
    errors = project_fields_errors(ProjectFields(**{**OK.__dict__, "budget_available": MAX_BUDGET_FEN + 1}))
    assert list(errors) == ["budget_available"]
    assert (errors["budget_available"].code, errors["budget_available"].message) == (
        "budget_too_large",
        "可用资金超出合理范围",
    )


def test_each_refusal_carries_its_own_code():
    bad = ProjectFields(title="", categories=(), service_regions=(), budget_available=-1, volunteer_slots=-2)
    assert {name: e.code for name, e in project_fields_errors(bad).items()} == {
        "title": "title_required",
        "categories": "category_required",
        "service_regions": "region_required",
        "budget_available": "invalid_budget",
        "volunteer_slots": "invalid_volunteer_slots",
    }


def test_keys_carry_their_lookup_prefix_and_hash_stably():
    prefix, key = new_key()
    assert split_key(key) == prefix
    assert hash_key(key) == hash_key(key) and len(hash_key(key)) == 64
    assert split_key("bf_short_x") is None and split_key("garbage") is None


def test_the_error_body_shape():
    assert error_body("invalid", "提交的数据有误", {"title": ["必填"]}) == {
        "error": {"code": "invalid", "message": "提交的数据有误", "fields": {"title": ["必填"]}, "reasons": []}
    }
    assert error_body("invalid", "提交的数据有误", {}, {"required", "not_a_county"})["error"]["reasons"] == [
        "not_a_county",
        "required",
    ]
