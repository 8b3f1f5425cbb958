import json

from search.matcher import document_features
from search.matcher.lexicon import KIND_CATEGORY, KINDS_OF_HELP
from search.matcher.normalise import normalise
from search.matcher.taxonomy import CATEGORIES, SKILLS
from search.matcher.text import need_sentences, project_sentences

from .builders import make_need, make_project, make_volunteer


def test_features_are_json_serialisable_and_small():
    for doc, kind in ((make_need(), "need"), (make_project(), "project"), (make_volunteer(), "volunteer")):
        features = document_features(doc, kind)
        encoded = json.dumps(features, ensure_ascii=False)
        assert json.loads(encoded) == features
        assert len(encoded.encode()) < 4000


def test_colloquial_need_and_programme_project_share_their_kind_of_help():
    need = document_features(make_need(), "need")
    project = document_features(make_project(), "project")
    assert max(need["kinds"], key=need["kinds"].get) == "elderly_facility"
    assert max(project["kinds"], key=project["kinds"].get) == "elderly_facility"
    assert "elderly_care" in need["cats"] and "elderly_care" in project["catv"]


def test_background_and_eligibility_sentences_weigh_less_than_the_ask():
    need = make_need(
        description="背景：当地留守儿童多，老人看病难。村委会反映：敬老院屋顶漏雨。"
        "这些家庭都已纳入低保。恳请帮助维修敬老院。"
    )
    weights = dict(need_sentences(need))  # sentences are normalised (half-width)
    assert weights[normalise("背景：当地留守儿童多，老人看病难")] < weights["恳请帮助维修敬老院"]
    assert weights["这些家庭都已纳入低保"] < weights["敬老院屋顶漏雨"]


def test_side_activities_of_a_project_weigh_less():
    project = make_project(description="项目为敬老院改造卫浴。此外，项目开展义诊。服务范围：萍乡市。")
    weights = dict(project_sentences(project))
    assert weights[normalise("此外，项目开展义诊")] < weights["项目为敬老院改造卫浴"]
    assert weights[normalise("服务范围：萍乡市")] < weights["项目为敬老院改造卫浴"]


def test_taxonomy_matches_the_exchange_format():
    assert list(CATEGORIES) == [
        "subsistence",
        "extreme_poverty",
        "medical",
        "housing",
        "education",
        "employment",
        "disability",
        "children",
        "left_behind",
        "elderly_care",
        "industry",
        "emergency",
        "community",
    ]
    assert CATEGORIES["elderly_care"][0] == "养老服务"
    assert len(SKILLS) == 13 and SKILLS["construction"][0] == "建筑施工"


def test_every_kind_of_help_belongs_to_a_category():
    assert set(KIND_CATEGORY.values()) <= set(CATEGORIES)
    assert set(KIND_CATEGORY.values()) == set(CATEGORIES)  # every category has kinds of help
    assert all(cues for _cat, _label, cues in KINDS_OF_HELP.values())


def test_repair_words_about_a_nursing_home_are_about_the_nursing_home():
    from search.matcher.text import kinds_of_help

    facility = kinds_of_help([("敬老院屋顶漏雨，门窗要维修", 1.0)])
    home = kinds_of_help([("农户住房屋顶漏雨，门窗要维修", 1.0)])
    assert "house_repair" not in facility and max(facility, key=facility.get) == "elderly_facility"
    assert max(home, key=home.get) == "house_repair"
