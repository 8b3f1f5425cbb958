"""The Chinese analyzers of the Elasticsearch indices, chosen by the ``ANALYZER`` setting.

Shared by the backend's document indices and the standing-profile percolator index
(``search.percolator``), so neither imports the other for it.
"""

from __future__ import annotations

from elasticsearch.dsl import analyzer, token_filter

from search.backends.base import SearchQueryError

ANALYZERS = ("ik", "smartcn", "cjk")


def chinese_analyzer(name: str):
    """The index-time analyzer and the search-time analyzer name for a setting value."""
    if name == "ik":
        return analyzer("zh", tokenizer="ik_max_word", filter=["lowercase"]), "ik_smart"
    if name == "smartcn":
        return analyzer("zh", tokenizer="smartcn_tokenizer", filter=["lowercase"]), "zh"
    if name == "cjk":
        bigram = token_filter("zh_bigram", type="cjk_bigram", output_unigrams=False)
        return analyzer("zh", tokenizer="standard", filter=["cjk_width", "lowercase", bigram]), "zh"
    raise SearchQueryError(f"未知的中文分词器：{name}（可选：{'、'.join(ANALYZERS)}）")
