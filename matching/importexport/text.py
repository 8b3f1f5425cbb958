"""Need descriptions are rich text on the site and plain text in the exchange format.

Each non-empty line of text becomes one paragraph; export turns paragraphs back into lines,
so text → rich text → text is stable.
"""
import html
import re

_BREAKS = re.compile(r"(</p>|<br\s*/?>|</li>|</h[1-6]>)", re.IGNORECASE)
_TAGS = re.compile(r"<[^>]+>")


def text_lines(text: str) -> list[str]:
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


def text_normalise(text: str) -> str:
    return "\n".join(text_lines(text))


def text_to_richtext(text: str) -> str:
    return "".join(f"<p>{html.escape(line, quote=False)}</p>" for line in text_lines(text))


def richtext_to_text(value: str) -> str:
    plain = _TAGS.sub("", _BREAKS.sub("\n", value or ""))
    return text_normalise(html.unescape(plain))
