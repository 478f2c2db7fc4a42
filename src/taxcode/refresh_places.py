#!/usr/bin/env python3
"""Rebuilds src/taxcode/places.txt, the table of place-of-birth codes
(codici catastali/Belfiore) that a tax code may hold.

The codes are ISTAT's and the Agenzia delle Entrate's list of Italian
municipalities (current and ceased) and foreign states; we take them as
packaged by python-codicefiscale (PyPI, MIT licence), which keeps them
up to date from those sources. To refresh:

    pip download --no-deps python-codicefiscale -d /tmp/pcf
    unzip -o /tmp/pcf/python_codicefiscale-*.whl -d /tmp/pcf/x
    python3 src/taxcode/refresh_places.py /tmp/pcf/x/codicefiscale/data \
        "python-codicefiscale 0.12.1" > src/taxcode/places.txt

Each line: CODE;NAME;PROVINCE;FROM;TO with dates as YYYY-MM-DD (TO empty
while the place still exists); province EE for a foreign state. Rows of
one code with the same name and province are merged into one span.
"""

import json
import re
import sys
from pathlib import Path


def load(folder, *names):
    rows = []
    for name in names:
        path = Path(folder) / name
        if path.exists():
            rows.extend(json.loads(path.read_text(encoding="utf-8")))
    return rows


def main():
    folder, source = sys.argv[1], sys.argv[2]
    rows = load(folder, "municipalities.json", "municipalities-patch.json",
                "deleted-countries.json", "countries.json", "countries-patch.json")
    spans = {}
    for row in rows:
        code = row["code"].strip().upper()
        if not re.fullmatch(r"[A-Z]\d{3}", code):
            continue
        name = " ".join(row["name"].split()).replace(";", ",")
        key = (code, name, row["province"].strip().upper())
        start = row["date_created"][:10]
        end = row["date_deleted"][:10]
        if key in spans:
            old_start, old_end = spans[key]
            start = min(start, old_start) if old_start and start else ""
            end = "" if not end or not old_end else max(end, old_end)
        spans[key] = (start, end)
    print(f"# Place-of-birth codes of Italian tax codes: ISTAT municipalities "
          f"(current and ceased) and foreign states, from {source}; "
          f"rebuilt by src/taxcode/refresh_places.py. {len(spans)} rows.")
    for (code, name, province), (start, end) in sorted(spans.items()):
        print(f"{code};{name};{province};{start};{end}")


if __name__ == "__main__":
    main()
