"""The segmenter (rjieba) and the cue automaton give what jieba and plain substring tests gave."""

import pytest

from matching.segmentation import segmenter
from search import analysis
from search.matcher import text

SAMPLES = [
    "莲花县某乡敬老院卫浴改造，希望加装扶手和呼叫系统。",
    "村里留守儿童放学后无人照看，希望开设四点半课堂。",
    "协助重度残疾人申领护理补贴和生活补贴。",
    "为低保户、特困户开展危房改造和住房修缮。",
]


@pytest.mark.parametrize("sample", SAMPLES)
def test_segmentation_agrees_with_jieba(sample):
    import jieba

    reference = jieba.Tokenizer()
    assert segmenter().cut(sample) == reference.lcut(sample)
    assert segmenter().cut_for_search(sample) == list(reference.cut_for_search(sample))


def test_added_words_stay_whole_and_do_not_leak_into_the_default_segmenter():
    plain = segmenter().cut("困难群众临时救助")
    assert "临时救助" not in plain  # jieba's dictionary splits it
    assert "临时救助" in segmenter(("临时救助",)).cut("困难群众临时救助")
    assert segmenter().cut("困难群众临时救助") == plain


def test_index_tokens_include_the_shorter_words_of_a_long_one():
    assert {"莲花", "莲花县", "敬老", "敬老院"} <= set(analysis.tokens("莲花县敬老院"))


def _kinds_by_substring(weighted_sentences):
    """The definition of kinds_of_help, one substring test per cue (the automaton must agree)."""
    import math

    raw = {}
    for sentence, weight in weighted_sentences:
        for kind, cues in text._CUES.items():
            hits = sum(cue_weight for cue, cue_weight in cues if sentence and cue in sentence)
            if hits:
                raw[kind] = raw.get(kind, 0.0) + weight * min(hits, 3.0)
    norm = math.sqrt(sum(v * v for v in raw.values())) or 1.0
    return {k: round(v / norm, 4) for k, v in sorted(raw.items(), key=lambda kv: -kv[1]) if v / norm >= 0.02}


def test_cue_automaton_finds_overlapping_cues_like_substring_tests():
    # 护理用品 contains the cue 护理用品 and overlaps 用品-style cues of other kinds; 纸尿裤/尿不湿 both count.
    sentence = "失能特困老人需要纸尿裤、尿不湿和护理用品，冬天缺棉被棉衣"
    kinds = text.kinds_of_help([(sentence, 1.0)])
    assert kinds == _kinds_by_substring([(sentence, 1.0)])
    assert "nursing_supplies" in kinds and "living_supplies" in kinds


@pytest.mark.parametrize("sample", SAMPLES)
def test_kinds_of_help_agree_with_substring_tests(sample):
    sentences = text.need_sentences({"title": sample[:12], "description": sample})
    assert text.kinds_of_help(sentences) == _kinds_by_substring(sentences)
    assert list(text.kinds_of_help(sentences)) == list(_kinds_by_substring(sentences))


def test_content_words_drop_stop_words_numbers_and_places():
    words = text.tokens("莲花县 2026年 为 敬老院 加装 扶手 300元")
    assert "敬老院" in words and "扶手" in words
    assert not {"莲花县", "2026", "为", "300元"} & set(words)
