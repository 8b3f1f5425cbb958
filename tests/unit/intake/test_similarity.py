"""Duplicate similarity: near rewordings score high, different cases low."""

from matching.intake.similarity import bigram_set, jaccard, similarity, word_set

CASE = "坪里村一位独居老人腿脚不便，房屋漏雨，冬天缺少取暖设备，生活困难"
REWORDED = "坪里村独居老人房屋漏雨，腿脚不便，冬季没有取暖设备"
OTHER = "敬老院护理员不足，需要志愿者周末帮助老人理发、读报"


def test_rewording_scores_above_default_threshold_and_unrelated_below():
    assert similarity(CASE, REWORDED) >= 0.45
    assert similarity(CASE, OTHER) < 0.3
    assert similarity(CASE, CASE) == 1.0


def test_markup_and_punctuation_are_ignored():
    assert similarity("<p>房屋漏雨！</p>", "房屋漏雨") == 1.0
    assert "漏雨" in word_set("<p>房屋漏雨！</p>")
    assert bigram_set("漏雨！") == frozenset({"漏雨"})


def test_empty_text_is_never_similar():
    assert jaccard(frozenset(), frozenset({"a"})) == 0.0
    assert similarity("", CASE) == 0.0
