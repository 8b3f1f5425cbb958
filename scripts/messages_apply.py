"""Fill an English .po file from scripts/translations_en.py and report what is still missing.

The dictionary is the source of truth: every msgid found in it gets its msgstr from it, and
fuzzy guesses made by msgmerge are cleared so they count as untranslated rather than ship wrong.
"""
import ast
import importlib.util
import sys
from pathlib import Path


HEADER = {
    "Project-Id-Version: PACKAGE VERSION": "Project-Id-Version: bangfu",
    "PO-Revision-Date: YEAR-MO-DA HO:MI+ZONE": "PO-Revision-Date: 2026-11-29 00:00+0800",
    "Last-Translator: FULL NAME <EMAIL@ADDRESS>": "Last-Translator: Bangfu team",
    "Language-Team: LANGUAGE <LL@li.org>": "Language-Team: English",
    "Language: \n": "Language: en\n",
}


def _unquote(line):
    return ast.literal_eval(line)


def _quote(text):
    escaped = (
        text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\t", "\\t")
    )
    if "\\n" in escaped[:-2]:
        parts = escaped.split("\\n")
        lines = [p + "\\n" for p in parts[:-1]] + ([parts[-1]] if parts[-1] else [])
        return '""\n' + "\n".join(f'"{p}"' for p in lines)
    return f'"{escaped}"'


def parse(text):
    """Entries as dicts: comments (list), ctxt, id, plural, strs (dict index -> text)."""
    entries, entry, field = [], None, None
    for raw in text.splitlines() + [""]:
        line = raw.strip()
        if not line:
            if entry:
                entries.append(entry)
            entry, field = None, None
            continue
        if line.startswith("#~"):
            continue
        if entry is None:
            entry = {"comments": [], "ctxt": None, "id": None, "plural": None, "strs": {}}
        if line.startswith("#"):
            if not line.startswith("#|"):
                entry["comments"].append(raw)
        elif line.startswith("msgctxt "):
            entry["ctxt"], field = _unquote(line[8:]), ("ctxt",)
        elif line.startswith("msgid_plural "):
            entry["plural"], field = _unquote(line[13:]), ("plural",)
        elif line.startswith("msgid "):
            entry["id"], field = _unquote(line[6:]), ("id",)
        elif line.startswith("msgstr["):
            index = int(line[7 : line.index("]")])
            entry["strs"][index] = _unquote(line[line.index("]") + 2 :])
            field = ("strs", index)
        elif line.startswith("msgstr "):
            entry["strs"][0], field = _unquote(line[7:]), ("strs", 0)
        elif line.startswith('"'):
            if field[0] == "strs":
                entry["strs"][field[1]] += _unquote(line)
            else:
                entry[field[0]] += _unquote(line)
    return entries


def render(entries):
    blocks = []
    for e in entries:
        out = list(e["comments"])
        if e["ctxt"] is not None:
            out.append("msgctxt " + _quote(e["ctxt"]))
        out.append("msgid " + _quote(e["id"]))
        if e["plural"] is not None:
            out.append("msgid_plural " + _quote(e["plural"]))
            for i in sorted(e["strs"]):
                out.append(f"msgstr[{i}] " + _quote(e["strs"][i]))
        else:
            out.append("msgstr " + _quote(e["strs"].get(0, "")))
        blocks.append("\n".join(out))
    return "\n\n".join(blocks) + "\n"


def _is_fuzzy(e):
    return any(c.startswith("#,") and "fuzzy" in c for c in e["comments"])


def _unfuzz(e):
    kept = []
    for c in e["comments"]:
        if c.startswith("#,"):
            flags = [f.strip() for f in c[2:].split(",") if f.strip() and f.strip() != "fuzzy"]
            if flags:
                kept.append("#, " + ", ".join(flags))
        else:
            kept.append(c)
    e["comments"] = kept


def missing(entries):
    """Msgids (not the header) that gettext would not translate: empty or fuzzy."""
    return [
        e["id"]
        for e in entries
        if e["id"] and (_is_fuzzy(e) or not all(e["strs"].values()) or not e["strs"])
    ]


def apply(entries, translations):
    for e in entries:
        if not e["id"]:
            _unfuzz(e)
            for default, value in HEADER.items():
                e["strs"][0] = e["strs"][0].replace(default, value)
            e["comments"] = ["# English translation of the Bangfu interface.", "#"] + [
                c for c in e["comments"] if c.startswith("#,")
            ]
            continue
        key = e["id"] if e["ctxt"] is None else f"{e['ctxt']}\x04{e['id']}"
        value = translations.get(key)
        if value is None:
            if _is_fuzzy(e):
                e["strs"] = {i: "" for i in e["strs"]}
                _unfuzz(e)
            continue
        if e["plural"] is not None:
            forms = (value, value) if isinstance(value, str) else tuple(value)
            e["strs"] = {0: forms[0], 1: forms[1]}
        else:
            e["strs"] = {0: value}
        _unfuzz(e)
    return entries


def main(po_path, dict_path):
    translations = {}
    # The main dictionary, then one file per area of work (translations_en_<area>.py) beside it.
    for source in [Path(dict_path), *sorted(Path(dict_path).parent.glob("translations_en_*.py"))]:
        spec = importlib.util.spec_from_file_location(source.stem, source)
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        translations.update(module.TRANSLATIONS)
    path = Path(po_path)
    entries = apply(parse(path.read_text(encoding="utf-8")), translations)
    path.write_text(render(entries), encoding="utf-8")
    left = missing(entries)
    for msgid in left:
        print("untranslated:", msgid.replace("\n", "\\n"))
    total = sum(1 for e in entries if e["id"])
    print(f"msgids: {total}, translated: {total - len(left)}, untranslated: {len(left)}")


if __name__ == "__main__":
    main(*sys.argv[1:3])
