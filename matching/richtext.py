"""Rich text (the HTML of need descriptions and reports) to plain text, and plain text back.

The one place that strips HTML. Indexing, similarity and the exchange format all read rich text
through these functions. A regular expression rather than Wagtail's `get_text_for_indexing` (an HTML
parser): on a 200-character description it takes about 5 µs against 170 µs, and it runs for every
document the search index and the matcher's features read.

In the exchange format each non-empty line of text becomes one paragraph and export turns
paragraphs back into lines, so text → rich text → text is stable.
"""

import html
import re

_BREAKS = re.compile(r"(</p>|<br\s*/?>|</li>|</h[1-6]>)", re.IGNORECASE)
_TAGS = re.compile(r"<[^>]+>")


def plain_text(value: str) -> str:
    """Rich text to one plain string for indexing, snippets and comparisons (blocks become spaces)."""
    return html.unescape(_TAGS.sub(" ", value or "")).replace("\xa0", " ").strip()


def text_lines(text: str) -> list[str]:
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


def text_normalise(text: str) -> str:
    return "\n".join(text_lines(text))


def text_to_richtext(text: str) -> str:
    return "".join(f"<p>{html.escape(line, quote=False)}</p>" for line in text_lines(text))


def richtext_to_text(value: str) -> str:
    """Rich text to the exchange format's text: one line per paragraph, entities decoded."""
    plain = _TAGS.sub("", _BREAKS.sub("\n", value or ""))
    return text_normalise(html.unescape(plain))
