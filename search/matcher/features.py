"""Per-document features computed once at indexing time and stored with the document.

``document_features(doc, kind)`` returns a small JSON-serialisable dict; the search backend stores
it with the document (key ``FEATURES_KEY`` on the flat candidate dict) so that re-ranking a few
hundred candidates needs no segmentation, only sparse dot products.
"""

from __future__ import annotations

from . import text
from .normalise import normalise
from .quantities import quantities

FEATURES_KEY = "_features"
FEATURES_VERSION = 3
TEXT_FIELDS = {"need": ("title", "description"), "project": ("title", "summary", "description")}
QUOTES_PER_KIND = 2
AMOUNT_FIELDS = {"need": ("amount_requested", "volunteers_needed"), "project": ("budget_available", "volunteer_slots")}


def document_features(doc: dict, kind: str) -> dict:
    """Features of a need, project or volunteer document.

    - ``v``: version of the feature format (re-index when it changes);
    - ``terms``: L2-normalised TF-IDF vector (≤ 40 terms) of the weighted, normalised sentences;
    - ``kinds``: L2-normalised vector over the lexicon's kinds of help (usually 1-6 entries);
    - ``cats``: categories read from the text (from ``kinds``), to see past noisy labels;
    - ``catv``: ``cats`` blended with the labelled categories (labels count half): what the
      document is about at category level, also for general projects whose text names no
      specific kind of help;
    - ``quotes``: per kind of help, the words that revealed it *as the writer wrote them*
      (traditional characters, full-width forms kept), for the reasons shown with a match;
    - ``orig``: the few terms whose original wording differs from the normalised one;
    - ``qty``: money (fen), headcount and volunteers stated in the text, whatever the wording;
      read only when a structured amount is missing, and used only for that field.
    Volunteers have no free text: their features are empty vectors.
    """
    if kind == "need":
        sentences = text.need_sentences(doc)
    elif kind == "project":
        sentences = text.project_sentences(doc)
    elif kind == "volunteer":
        return {"v": FEATURES_VERSION, "terms": {}, "kinds": {}, "cats": {}, "catv": {}}
    else:
        raise ValueError(f"unknown document kind: {kind!r}")
    evidence: dict = {}
    kinds = text.kinds_of_help(sentences, evidence)
    cats = text.categories_from_kinds(kinds)
    terms = text.term_vector(sentences)
    originals = [doc.get(name) or "" for name in TEXT_FIELDS[kind]]
    normalised = [normalise(value) for value in originals]
    features = {
        "v": FEATURES_VERSION,
        "terms": terms,
        "kinds": kinds,
        "cats": cats,
        "catv": text.blend_categories(cats, doc.get("categories") or ()),
        "quotes": text.cue_quotes(originals, normalised, kinds, evidence, per_kind=QUOTES_PER_KIND),
    }
    orig = text.original_terms(originals, normalised, terms)
    if orig:
        features["orig"] = orig
    if any(doc.get(field) is None for field in AMOUNT_FIELDS[kind]):
        qty = quantities("。".join(normalised[1:]))  # only where a structured amount is missing
        if qty:
            features["qty"] = qty
    return features


def features_of(doc: dict, kind: str) -> dict:
    """The stored features of ``doc``, computed now if the backend did not store them."""
    feats = doc.get(FEATURES_KEY)
    if not feats or feats.get("v") != FEATURES_VERSION:
        feats = document_features(doc, kind)
    return feats
