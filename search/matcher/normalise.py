"""Text normalisation for matching: one spelling for the many ways the same words arrive.

- Traditional → simplified characters with OpenCC (``t2s``), so 醫院/敬老院 in a transcript typed
  on a Hong Kong keyboard or pasted from a traditional-character page reads as 医院.
- Full-width letters, digits and punctuation → half-width (８万 → 8万, ＩＣＵ → ICU).

``normalise(text)`` keeps the length of ``text`` (character *i* of the result comes from character
*i* of the input), so a word found in the normalised text is quoted in the writer's own wording by
the same offsets (``original_span``). OpenCC converts phrase by phrase; in the rare case where a
phrase changes length, the text is converted character by character instead.

Spoken fillers and greetings (嗯、那个、就是、您好) are not removed here (that would break the
alignment): ``text.py`` ignores them as words and drops sentences that hold nothing else.
"""

from __future__ import annotations

import re
from functools import lru_cache

# Full-width ASCII (U+FF01..U+FF5E) → ASCII, ideographic space → space.
_WIDTH = str.maketrans({chr(code): chr(code - 0xFEE0) for code in range(0xFF01, 0xFF5F)} | {"\u3000": " "})
_FULL_WIDTH = re.compile("[\uff01-\uff5e\u3000]")


@lru_cache(maxsize=1)
def _converter():
    import opencc

    return opencc.OpenCC("t2s")


@lru_cache(maxsize=4096)  # a document's fields are normalised for its sentences and its quotes
def normalise(text: str) -> str:
    """``text`` in simplified characters and half-width forms, same length as ``text``."""
    if not text:
        return ""
    if _FULL_WIDTH.search(text):
        text = text.translate(_WIDTH)
    if text.isascii():
        return text
    converted = _converter().convert(text)
    if len(converted) != len(text):
        convert = _converter().convert
        converted = "".join(c if len(c := convert(ch)) == 1 else ch for ch in text)
    return converted


def differs_in_words(original: str, normalised: str) -> bool:
    """Whether normalisation changed more than the width of punctuation, letters and digits
    (traditional characters were converted): only then can a word's wording differ."""
    if original == normalised:
        return False
    return original.translate(_WIDTH) != normalised


def original_span(original: str, normalised: str, word: str, start: int = 0) -> str | None:
    """``word`` (found in ``normalised``) as it is written in ``original``: the same offsets,
    since ``normalise`` keeps the length. None when the word is not there."""
    at = normalised.find(word, start)
    if at < 0:
        return None
    return original[at : at + len(word)]
