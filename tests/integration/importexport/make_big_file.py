"""Write a large records file for timing the importer: the eval file's records repeated with new refs.

    python tests/integration/importexport/make_big_file.py SOURCE.jsonl COPIES > big.jsonl

Not a test; docs/records.md reports the figures it gave.
"""

import json
import sys

ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)


def check_char(first17: str) -> str:
    total = sum(ALPHABET.index(ch) * w for ch, w in zip(first17, WEIGHTS, strict=True))
    return ALPHABET[(31 - total % 31) % 31]


def main(source: str, copies: int) -> None:
    records = [json.loads(line) for line in open(source, encoding="utf-8") if line.strip()]
    for rec in records:
        if rec["kind"] == "region":
            print(json.dumps(rec, ensure_ascii=False))
    for copy in range(copies):
        for rec in records:
            if rec["kind"] == "region":
                continue
            rec = dict(rec, ref=f"{rec['ref']}-c{copy}")
            if rec["kind"] == "organisation":
                body = rec["uscc"][:8] + f"{copy:04d}" + rec["uscc"][12:17]
                rec["uscc"] = body + check_char(body)
            if rec["kind"] == "project":
                rec["organisation"] = f"{rec['organisation']}-c{copy}"
            print(json.dumps(rec, ensure_ascii=False))


if __name__ == "__main__":
    main(sys.argv[1], int(sys.argv[2]))
