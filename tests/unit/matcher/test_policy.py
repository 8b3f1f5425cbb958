import dataclasses
import datetime as dt
import json

import pytest

from search.matcher import DEFAULT_WEIGHTS, FEATURES_KEY, RankedCandidate, document_features, rank

from .builders import TODAY, make_need, make_project, make_volunteer

HOUSE_FIRE_PROJECT = dict(
    ref="prj-fire",
    title="火灾等意外事故临时救助",
    summary="为受灾家庭发放临时救助金和应急物资",
    description="对遭遇火灾的家庭先行救助，提供过渡安置。",
    categories=["emergency"],
    skills=[],
)
HOUSE_REPAIR_PROJECT = dict(
    ref="prj-repair",
    title="困难家庭住房修缮",
    summary="为困难家庭翻修屋面、更换门窗",
    description="组织工匠上门维修农户住房。",
    categories=["housing"],
)


def refs(results):
    return [r.ref for r in results]


def test_same_kind_outranks_a_different_category():
    need = make_need()
    results = rank(
        need,
        [make_project(ref="prj-other", **{k: v for k, v in HOUSE_FIRE_PROJECT.items() if k != "ref"}), make_project()],
        direction="need_to_project",
        today=TODAY,
        limit=10,
    )
    assert refs(results) == ["prj-t1", "prj-other"]


def test_text_sees_past_a_wrong_category_label():
    # The 敬老院 project is labelled only with a neighbouring category; the house-repair project
    # has the need's category but offers another kind of help.
    need = make_need()
    mislabelled = make_project(ref="prj-mislabelled", categories=["extreme_poverty"])
    other_kind = make_project(**HOUSE_REPAIR_PROJECT)
    other_kind["categories"] = ["elderly_care"]
    results = rank(need, [other_kind, mislabelled], direction="need_to_project", today=TODAY, limit=10)
    assert refs(results)[0] == "prj-mislabelled"


def test_capacity_fit_raises_the_score():
    need = make_need(amount_requested=200_000_00)
    rich = make_project(ref="prj-rich", budget_available=250_000_00)
    partial = make_project(ref="prj-partial", budget_available=80_000_00)
    poor = make_project(ref="prj-poor", budget_available=10_000_00)
    results = rank(need, [poor, partial, rich], direction="need_to_project", today=TODAY, limit=10)
    assert refs(results) == ["prj-rich", "prj-partial", "prj-poor"]
    assert "资金充足" in results[0].reasons
    assert "资金部分满足" in results[1].reasons


def test_volunteer_slots_and_skills_raise_the_score():
    need = make_need(volunteers_needed=3, skills=["construction"])
    enough = make_project(ref="prj-enough", volunteer_slots=5)
    none = make_project(ref="prj-none", volunteer_slots=0, skills=[])
    results = rank(need, [none, enough], direction="need_to_project", today=TODAY, limit=10)
    assert refs(results) == ["prj-enough", "prj-none"]
    assert "志愿者名额充足" in results[0].reasons and "技能: 建筑施工" in results[0].reasons


def test_nearness_breaks_ties_and_is_explained():
    need = make_need()
    by_region = {"360321": "同县服务", "360300": "同市服务", "360000": "同省服务", "000000": "全国服务"}
    projects = [make_project(ref=f"prj-{code}", service_regions=[code]) for code in reversed(list(by_region))]
    results = rank(need, projects, direction="need_to_project", today=TODAY, limit=10)
    assert refs(results) == [f"prj-{code}" for code in by_region]
    for result, reason in zip(results, by_region.values(), strict=False):
        assert reason in result.reasons


def test_hard_rule_failures_are_never_returned():
    need = make_need()
    bad = [
        make_project(ref="prj-paused", status="paused"),
        make_project(ref="prj-ended", ends_on=TODAY - dt.timedelta(days=1)),
        make_project(ref="prj-suspended", organisation_status="suspended"),
        make_project(ref="prj-far", service_regions=["510000"]),
    ]
    assert rank(need, bad + [make_project()], direction="need_to_project", today=TODAY) == [
        rank(need, [make_project()], direction="need_to_project", today=TODAY)[0]
    ]
    assert rank(make_project(status="paused"), [need], direction="project_to_need", today=TODAY) == []
    assert rank(make_project(), [make_need(status="closed")], direction="project_to_need", today=TODAY) == []


@pytest.mark.parametrize(
    "overrides, reason",
    [
        ({"region_tags": ["deep_poverty", "poverty_county"]}, "深度贫困地区优先"),
        ({"region_tags": ["designated_county"]}, "定点扶贫县优先"),
        ({"urgency": "urgent"}, "紧急需求优先"),
        ({"urgency": "critical"}, "紧急需求优先"),
        ({"published_on": TODAY - dt.timedelta(days=200)}, "等待已久"),
    ],
)
def test_policy_tilt_raises_a_need_for_a_project(overrides, reason):
    plain = make_need(ref="need-plain")
    tilted = make_need(ref="need-tilted", **overrides)
    results = rank(make_project(), [plain, tilted], direction="project_to_need", today=TODAY, limit=10)
    assert refs(results) == ["need-tilted", "need-plain"]
    assert reason in results[0].reasons
    assert results[0].score > results[1].score


def test_tilt_does_not_lift_an_unrelated_need():
    related = make_need(ref="need-related")
    unrelated = make_need(
        ref="need-unrelated",
        title="村民房屋失火无处安身",
        description="户主家中失火，急需临时救助。",
        categories=["emergency"],
        urgency="critical",
        region_tags=["deep_poverty"],
    )
    results = rank(make_project(), [unrelated, related], direction="project_to_need", today=TODAY)
    assert refs(results)[0] == "need-related"


def test_tilt_is_only_for_project_to_need():
    need = make_need(urgency="critical", region_tags=["deep_poverty"])
    results = rank(need, [make_project()], direction="need_to_project", today=TODAY)
    assert "紧急需求优先" not in results[0].reasons


def test_reasons_and_result_shape():
    result = rank(make_need(), [make_project()], direction="need_to_project", today=TODAY)[0]
    assert isinstance(result, RankedCandidate)
    assert result.kind == "project" and result.ref == "prj-t1"
    assert result.score == round(result.score, 3)
    assert {"同市服务", "类别: 养老服务", "技能: 建筑施工", "资金充足", "文本高度相关"} <= set(result.reasons)
    assert json.loads(json.dumps(result.as_dict(), ensure_ascii=False)) == dataclasses.asdict(result)


def test_limit_and_deterministic_order():
    projects = [make_project(ref=f"prj-{i:02d}") for i in range(15)]
    results = rank(make_need(), projects, direction="need_to_project", today=TODAY, limit=5)
    assert refs(results) == [f"prj-{i:02d}" for i in range(5)]


def test_stored_features_are_used_and_equivalent():
    need, project = make_need(), make_project()
    stored = dict(project, **{FEATURES_KEY: document_features(project, "project")})
    a = rank(need, [project], direction="need_to_project", today=TODAY)
    b = rank(need, [stored], direction="need_to_project", today=TODAY)
    assert a == b


def test_weights_override_defaults():
    need = make_need(amount_requested=200_000_00)
    rich = make_project(ref="prj-rich", budget_available=250_000_00, service_regions=["000000"])
    near = make_project(ref="prj-near", budget_available=10_000_00, service_regions=["360321"])
    assert refs(rank(need, [near, rich], direction="need_to_project", today=TODAY))[0] == "prj-rich"
    weights = {"capacity": 0.0, "skills": 0.0, "nearness": 5.0}
    assert refs(rank(need, [near, rich], direction="need_to_project", today=TODAY, weights=weights))[0] == "prj-near"
    assert set(weights) <= set(DEFAULT_WEIGHTS)


def test_unknown_weight_is_an_error():
    with pytest.raises(ValueError, match="capacty"):
        rank(make_need(), [make_project()], direction="need_to_project", today=TODAY, weights={"capacty": 2.0})


def test_backend_text_score_is_a_tie_breaker():
    a = dict(make_project(ref="prj-a"), _text_score=1.0)
    b = dict(make_project(ref="prj-b"), _text_score=9.0)
    assert refs(rank(make_need(), [a, b], direction="need_to_project", today=TODAY)) == ["prj-b", "prj-a"]


def test_need_to_volunteer_prefers_all_skills_and_respects_rules():
    need = make_need(volunteers_needed=2, skills=["construction", "logistics"])
    all_skills = make_volunteer(ref="vol-all", skills=["construction", "logistics"], service_regions=["360300"])
    some = make_volunteer(ref="vol-some", skills=["construction"])
    none = make_volunteer(ref="vol-none", skills=["teaching"])
    inactive = make_volunteer(ref="vol-inactive", status="inactive", skills=["construction", "logistics"])
    far = make_volunteer(ref="vol-far", service_regions=["622926"], skills=["construction", "logistics"])
    results = rank(need, [none, some, far, inactive, all_skills], direction="need_to_volunteer", today=TODAY)
    assert refs(results) == ["vol-all", "vol-some", "vol-none"]
    assert results[0].kind == "volunteer"
    assert "技能: 物流配送" in results[0].reasons


def test_unknown_direction_is_an_error():
    with pytest.raises(ValueError):
        rank(make_need(), [], direction="sideways", today=TODAY)
