"""Chinese analysis for the search indexes: jieba segmentation (matching/segmentation.py) of documents
and queries.

Text is normalised first (``search.matcher.normalise``: traditional → simplified, half-width
forms), so a document typed in traditional characters is found by a simplified query and the
other way round, and the matcher's feature terms meet the same tokens. Documents are segmented
with jieba's search mode (a long word also yields its shorter dictionary
words: 莲花县 → 莲花 / 莲花县), lowercased and joined by spaces, and the engine splits on
whitespace; a query is segmented the same way, so both sides always agree. Both engines use it:
the embedded engine's token fields and Elasticsearch's whitespace-analysed ``*_seg`` fields hold
``document_text`` and are queried with ``query_groups`` / ``candidate_tokens``, so the two score the
same tokens (the cjk-analysed raw fields of Elasticsearch serve its highlights only).
"""

from __future__ import annotations

import html
import re
from functools import lru_cache

from matching.richtext import plain_text  # noqa: F401  (re-exported: documents and snippets read it from here)
from matching.segmentation import segmenter
from search.matcher.normalise import normalise

MAX_QUERY_CHARS = 200
MAX_TOKEN_CHARS = 40

_WORDLIKE = re.compile(r"[\w\u4e00-\u9fff]", re.UNICODE)


def _keep(word: str) -> bool:
    return bool(word) and len(word) <= MAX_TOKEN_CHARS and bool(_WORDLIKE.search(word))


def tokens(text: str) -> list[str]:
    """Index tokens of ``text`` (search-mode segmentation, lowercased, punctuation dropped)."""
    if not text:
        return []
    return [w.lower() for w in (t.strip() for t in segmenter().cut_for_search(normalise(text))) if _keep(w)]


@lru_cache(maxsize=50_000)
def term_tokens(term: str) -> tuple[str, ...]:
    """``tokens`` of one short term, cached: matching turns the same feature terms into query
    tokens over and over."""
    return tuple(tokens(term))


def index_text(*parts: str) -> str:
    return " ".join(tokens(" ".join(p for p in parts if p)))


TITLE_BOOST = 2.0  # a token in the title counts twice a token in the body, on both engines
MAX_QUERY_TERMS = 24  # the heaviest matcher terms that reach the engine


def document_text(doc: dict) -> tuple[str, str]:
    """The segmented title and body of a document, as both engines index them."""
    title = index_text(doc.get("title") or doc.get("display_name") or "")
    body = index_text(
        doc.get("summary") or "",
        doc.get("description") or "",
        doc.get("organisation_name") or "",
        doc.get("region_name") or "",
    )
    return title, body


def candidate_tokens(terms: dict[str, float]) -> dict[str, float]:
    """The matcher's weighted terms as engine tokens, each at the weight of its heaviest term."""
    top = sorted(terms.items(), key=lambda kv: -kv[1])[:MAX_QUERY_TERMS]
    out: dict[str, float] = {}
    for term, weight in top:
        for token in term_tokens(term):
            out[token] = max(out.get(token, 0.0), float(weight))
    return out


def query_groups(query: str) -> list[list[str]]:
    """A query as groups of alternatives: every word of the query (precise segmentation) must be
    found, as itself or as one of its search-mode pieces."""
    query = normalise((query or "").strip()[:MAX_QUERY_CHARS])
    groups, seen = [], set()
    for word in segmenter().cut(query):
        word = word.strip().lower()
        if not _keep(word) or word in seen:
            continue
        seen.add(word)
        alternatives = dict.fromkeys([word] + [t for t in tokens(word) if t != word])
        groups.append(list(alternatives))
    return groups


def highlight(text: str, groups: list[list[str]], *, width: int = 120) -> str:
    """An HTML-escaped snippet of ``text`` around the first query word, words in ``<mark>``. Words
    are found in the normalised text (same length) and shown as written (醫院 for 医院)."""
    text = text or ""
    words = sorted({w for g in groups for w in g if w}, key=len, reverse=True)
    if not words:
        return html.escape(text[:width])
    pattern = re.compile("|".join(re.escape(w) for w in words), re.IGNORECASE)
    searched = normalise(text)
    first = pattern.search(searched)
    start = max(0, (first.start() if first else 0) - width // 4)
    piece, searched_piece = text[start : start + width], searched[start : start + width]
    out, pos = [], 0
    for m in pattern.finditer(searched_piece):
        out.append(html.escape(piece[pos : m.start()]))
        out.append(f"<mark>{html.escape(piece[m.start() : m.end()])}</mark>")
        pos = m.end()
    out.append(html.escape(piece[pos:]))
    prefix = "…" if start > 0 else ""
    suffix = "…" if start + width < len(text) else ""
    return prefix + "".join(out).replace("</mark><mark>", "") + suffix
