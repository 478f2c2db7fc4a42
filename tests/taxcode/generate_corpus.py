#!/usr/bin/env python3
"""Writes tests/taxcode/corpus.csv: tax codes and the verdict of the
reference library, python-codicefiscale, on each.

    python3 -m venv /tmp/pcf && /tmp/pcf/bin/pip install python-codicefiscale==0.12.1
    /tmp/pcf/bin/python tests/taxcode/generate_corpus.py > tests/taxcode/corpus.csv

Seeded, so that a rerun with the same library gives the same file. The
kinds: valid codes encoded by the library from random people, dates and
places (current and ceased municipalities, foreign states); their
omocodia variants; impossible days (31 February, 31 April, 29 February
of a non-leap year) and unknown place codes, each with a correct check
character, so only the date or the place can refuse them; and valid
codes typed with spaces or hyphens inside. Each line: kind,code,valid
(1 or 0) as codicefiscale.is_valid says.
"""

import random
from datetime import date

from codicefiscale import codicefiscale as cf
from codicefiscale.data import get_countries_data, get_municipalities_data

SURNAMES = ["Rossi", "Bianchi", "Dell'Acqua", "De Luca", "Hu", "Fo", "Cantù",
            "El Amrani", "Ferrari", "Esposito", "Oe", "Zanella", "D'Angelo"]
NAMES = ["Mario", "Maria", "Laura", "Francesca", "Wei", "Ada", "Nicolò",
         "Èlia", "Giovanni", "Ai", "Mimma", "Fatima", "Luca"]
MONTHS = "ABCDEHLMPRST"


def with_check(first15):
    return first15 + cf.encode_cin(first15)


def main():
    rng = random.Random(21)
    places = [p for p in get_municipalities_data() + get_countries_data()
              if len(p["code"]) == 4 and p["code"][1:].isdigit()]
    known = {p["code"] for p in places}
    rows = []
    valid = []
    while len(valid) < 1200:
        place = rng.choice(places)
        born = date(rng.randint(1930, 2010), rng.randint(1, 12), rng.randint(1, 28))
        try:
            code = cf.encode(rng.choice(SURNAMES), rng.choice(NAMES),
                             rng.choice("MF"), born.isoformat(), place["code"])
        except ValueError:
            continue
        valid.append(code)
        rows.append(("valid", code))
    for code in valid[:400]:
        for level in rng.sample(range(1, 8), 2):
            rows.append(("omocodia", omocode(code, level)))
    for code in valid[:300]:
        body = code[:8]
        month, day = rng.choice([("B", 30), ("B", 31), ("D", 31), ("H", 31),
                                 ("P", 31), ("S", 31), ("B", 29)])
        if month == "B" and day == 29:
            year = rng.choice([y for y in range(100) if y % 4])
            body = code[:6] + f"{year:02d}"
        if rng.random() < 0.5:
            day += 40
        rows.append(("impossible-date", with_check(f"{body}{month}{day:02d}{code[11:15]}")))
    for code in valid[:300]:
        while True:
            place = rng.choice("ABCDEFGHILMZQRSTUVWXY") + f"{rng.randint(0, 999):03d}"
            if place not in known:
                break
        rows.append(("unknown-place", with_check(code[:11] + place)))
    for code in valid[:200]:
        rows.append(("spaced", f"{code[:3]} {code[3:6]} {code[6:11]} {code[11:]}"))
        rows.append(("hyphenated", f"{code[:6]}-{code[6:]}"))
    print("kind,code,valid")
    for kind, code in rows:
        print(f"{kind},{code},{1 if cf.is_valid(code) else 0}")


def omocode(code, level):
    """The code with its last `level` digits replaced by their letters."""
    positions = [14, 13, 12, 10, 9, 7, 6][:level]
    letters = "LMNPQRSTUV"
    chars = list(code[:15])
    for i in positions:
        chars[i] = letters[int(chars[i])]
    return with_check("".join(chars))


if __name__ == "__main__":
    main()
