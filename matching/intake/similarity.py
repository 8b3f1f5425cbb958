"""Text similarity for duplicate detection: jieba word Jaccard and character-bigram Jaccard. Pure.

Two reports of one household are usually written by different people in different words; the
bigram measure catches rewordings that segment differently, the word measure catches reordering.
The score is the larger of the two.
"""

import re
from functools import lru_cache

from matching.richtext import plain_text

_WORD = re.compile(r"[\w\u4e00-\u9fff]")
_NON_TEXT = re.compile(r"[^\w\u4e00-\u9fff]+")
STOPWORDS = frozenset("的 了 在 是 和 与 及 有 因 为 被 把 其 该 我 他 她 们 户 一 等 已 无 后 年 月 日".split())


def _tokenizer():
    from matching.segmentation import segmenter

    return segmenter()


@lru_cache(maxsize=8192)  # a bulk import compares each text with many others: segment each once
def word_set(text: str) -> frozenset[str]:
    words = (w.strip().lower() for w in _tokenizer().cut(plain_text(text)))
    return frozenset(w for w in words if w and _WORD.search(w) and w not in STOPWORDS)


@lru_cache(maxsize=8192)
def bigram_set(text: str) -> frozenset[str]:
    chars = _NON_TEXT.sub("", plain_text(text).lower())
    return frozenset(chars[i : i + 2] for i in range(len(chars) - 1))


def jaccard(a: frozenset, b: frozenset) -> float:
    if not a or not b:
        return 0.0
    return len(a & b) / len(a | b)


def similarity(a: str, b: str) -> float:
    return max(jaccard(word_set(a), word_set(b)), jaccard(bigram_set(a), bigram_set(b)))
