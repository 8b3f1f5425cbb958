"""Check the English catalogue after makemessages: msgmerge's fuzzy guesses are cleared (a guess counts as
untranslated rather than ships wrong), the header names the language, and what is still untranslated is listed.
Exit status 1 when anything is untranslated, so `scripts/messages.sh` fails until the .po file is complete."""

import sys

import polib

HEADER = {
    "Project-Id-Version": "bangfu",
    "Language": "en",
    "Language-Team": "English",
    "Last-Translator": "Bangfu team",
}


def catalogue_settle(po: polib.POFile) -> list[str]:
    """Clear fuzzy guesses and set the header; return the msgids still untranslated."""
    po.metadata.update(HEADER)
    po.metadata_is_fuzzy = False
    for entry in po:
        if entry.fuzzy:
            entry.flags.remove("fuzzy")
            entry.previous_msgid = entry.previous_msgid_plural = entry.previous_msgctxt = None
            entry.msgstr = ""
            entry.msgstr_plural = dict.fromkeys(entry.msgstr_plural, "")
    return [entry.msgid for entry in po if not entry.obsolete and not entry.translated()]


def main(path: str) -> int:
    po = polib.pofile(path, wrapwidth=0)
    missing = catalogue_settle(po)
    po.save(path)
    for msgid in missing:
        print(f"untranslated: {msgid}")
    active = [e for e in po if not e.obsolete]
    print(f"msgids: {len(active)}, translated: {len(active) - len(missing)}, untranslated: {len(missing)}")
    return 1 if missing else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
