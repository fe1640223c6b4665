"""Find percentages, counts and measures in an article's clean text.

Who calls it: `flows/extract/__init__.py: extract_facts` calls
`extract_quantities` once per document after spaCy has run and after
`extract_money` and `extract_dates`, passing their spans as `skip`, so
"$1.5 billion" is not also the count "1.5 billion" and "2021" not a count.

Why hand-written: spaCy's small model tags PERCENT and QUANTITY/CARDINAL
inconsistently ("9 per cent" is often split, "720,000 square meters" becomes
a bare CARDINAL) and never gives the value or unit. A number grammar plus a
table of unit words yields value, kind and unit in one pass.

Kinds:
- `percent`: "9 per cent", "95%", "9.5 percent" (unit "%"). "2 percentage
  points" is also kind `percent`, with unit "percentage points": it is a
  value on the percent scale (the change between two percentages), which is
  what the gold's `percentages` field records; the unit keeps it apart from
  levels. A range "5-10%" gives both ends; a glued sign counts ("(-2.5%)").
  "50 basis points" is a `measure` (unit "basis points"), not a percentage:
  the text does not state it on the percent scale.
- `measure`: a number with a unit of measure from MEASURE_UNITS
  ("720,000 square meters", "5 GW", "75 days").
- `count`: a number followed by the noun it counts ("10,000 members",
  "1.11 million vehicles"), or a number with a multiplier and no noun
  ("146 million", unit None).
Bare numbers ("11", "2021"), years, ordinals ("11th"), list numbers and
numbers glued to letters ("5G", "A320") are not quantities.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from flows.records import QuantityFact

MULTIPLIERS = {"thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12, "bn": 1e9, "mn": 1e6}

# Number words that may start a quantity ("ten million units", "nine per cent").
NUMBER_WORDS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
    "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16,
    "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50,
    "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90, "hundred": 100,
}

PERCENT_UNITS = {
    "%": "%",
    "per cent": "%",
    "percent": "%",
    "pct": "%",
    "pc": "%",  # UK business press: "rose 5pc"
    "percentage points": "percentage points",
    "percentage point": "percentage points",
    "per cent points": "percentage points",
    "percent points": "percentage points",
}

# Units of measure as written after a number -> the unit recorded. Longest
# forms are tried first; abbreviations are case-sensitive (GW is not gw).
MEASURE_UNITS = {
    "square meters": "square meters", "square metres": "square meters", "sq m": "square meters",
    "sqm": "square meters", "m2": "square meters", "m²": "square meters",
    "square kilometers": "square kilometers", "square kilometres": "square kilometers", "km2": "square kilometers",
    "km²": "square kilometers", "square feet": "square feet", "sq ft": "square feet", "square miles": "square miles",
    "hectares": "hectares", "acres": "acres",
    "kilometers": "kilometers", "kilometres": "kilometers", "km": "kilometers", "miles": "miles", "yards": "yards",
    "meters": "meters", "metres": "meters", "feet": "feet", "inches": "inches", "centimeters": "centimeters",
    "cm": "centimeters", "mm": "millimeters", "nm": "nanometers", "nanometers": "nanometers",
    "tonnes": "tonnes", "tons": "tons", "metric tons": "tonnes", "kilograms": "kilograms", "kg": "kilograms",
    "grams": "grams", "pounds": "pounds", "lbs": "pounds",
    "litres": "litres", "liters": "litres", "gallons": "gallons", "barrels": "barrels", "bpd": "barrels per day",
    "barrels per day": "barrels per day", "cubic meters": "cubic meters", "cubic metres": "cubic meters",
    "GW": "GW", "MW": "MW", "kW": "kW", "TW": "TW", "GWh": "GWh", "MWh": "MWh", "kWh": "kWh", "TWh": "TWh",
    "gigawatts": "GW", "megawatts": "MW", "kilowatts": "kW", "gigawatt-hours": "GWh", "kilowatt-hours": "kWh",
    "mph": "mph", "km/h": "km/h", "kph": "km/h", "knots": "knots",
    "GB": "GB", "TB": "TB", "MB": "MB", "mAh": "mAh", "GHz": "GHz", "MHz": "MHz", "Hz": "Hz",
    "basis points": "basis points", "basis point": "basis points", "bps": "basis points",
    "degrees": "degrees", "°C": "°C", "°F": "°F",
    "seconds": "seconds", "minutes": "minutes", "hours": "hours", "days": "days", "weeks": "weeks",
    "months": "months", "years": "years", "decades": "decades", "quarters": "quarters",
    "second": "seconds", "minute": "minutes", "hour": "hours", "day": "days", "week": "weeks",
    "month": "months", "year": "years",
}
_CASE_SENSITIVE_UNITS = frozenset(u for u in MEASURE_UNITS if any(c.isupper() for c in u) or len(u) <= 3)

# Words after a number that are not the noun it counts ("5,000 more", "200 of them").
NOT_NOUNS = frozenset(
    """a an the and or but of to in on at by for from with as than that this these those more less fewer
    over under about around nearly almost up down out off is are was were be been being has have had will
    would can could may might shall should do does did it its their his her our your my we they he she i you
    new old other others such same each every per into onto via so if when while which who whom whose where
    times percent cent points s st nd rd th""".split()
)
# Function words that may stand between the number and its noun ("10,000 R&D members" is rare; "85
# meetings"): at most MAX_NOUN_WORDS words are read, ending at a plural-looking or known noun.
MAX_NOUN_WORDS = 3  # "324.8 million connected devices", "200 industry experts"; longer runs were clauses

_DIGITS = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
_NUMBER_WORD = "|".join(sorted(NUMBER_WORDS, key=len, reverse=True))
_MULT = "|".join(sorted(MULTIPLIERS, key=len, reverse=True))
_PERCENT_UNIT = "|".join(
    re.escape(u).replace(r"\ ", r"[\s-]?" if u.startswith("per cent") else r"[\s-]+")
    for u in sorted(PERCENT_UNITS, key=len, reverse=True)
)

_TENS = "|".join(w for w, v in NUMBER_WORDS.items() if v % 10 == 0 and 20 <= v <= 90)
_UNITS = "|".join(w for w, v in NUMBER_WORDS.items() if v < 10)
NUMBER = re.compile(
    rf"(?<![\w.,$€£¥₹₩/#])(?<![\w.,/]-)(?<![\w.,/]−)(?:(?P<digits>{_DIGITS})|(?P<word>(?i:(?:{_TENS})-(?:{_UNITS})|{_NUMBER_WORD})))"
    rf"(?![\d])(?:\s*(?P<mult>(?i:{_MULT}))\b)?"
)
PERCENT_AFTER = re.compile(rf"[\s-]?(?P<unit>(?i:{_PERCENT_UNIT}))(?![A-Za-z])")
RANGE_HIGH = re.compile(rf"\s?(?:-|–|—|to)\s?(?P<high>{_DIGITS})(?![\d])")
_MEASURE_ALTERNATION = "|".join(
    (re.escape(u) if u in _CASE_SENSITIVE_UNITS else f"(?i:{re.escape(u)})").replace(r"\ ", r"\s")
    for u in sorted(MEASURE_UNITS, key=len, reverse=True)
)
MEASURE_AFTER = re.compile(rf"(?:\s|-)?(?P<unit>{_MEASURE_ALTERNATION})(?![A-Za-z0-9])")
WORD_AFTER = re.compile(r"\s+([A-Za-z][A-Za-z&-]*(?:['’][a-z]+)?)")
ORDINAL_SUFFIX = re.compile(r"(?i:st|nd|rd|th)\b")
YEAR = re.compile(r"(?:1[89]|20|21)\d\d")
LIST_NUMBER = re.compile(r"(?m)^\s*(?:\d+[.)])\s")


def _value(match: re.Match[str]) -> float:
    if match.group("digits"):
        base = float(match.group("digits").replace(",", ""))
    else:
        base = float(sum(NUMBER_WORDS[w] for w in match.group("word").lower().split("-")))
    return base * (MULTIPLIERS[match.group("mult").lower()] if match.group("mult") else 1.0)


def _looks_like_count_noun(word: str) -> bool:
    low = word.lower()
    if low in NOT_NOUNS or not low.isascii():
        return False
    return low.endswith("s") and not low.endswith(("ss", "us", "is")) and len(low) > 2 or low in {"people", "staff", "children", "men", "women", "units", "employees"}


def _counted_noun(text: str, pos: int) -> tuple[str, int] | None:
    """The noun phrase counted after `pos` ("connected devices"), with its end offset."""
    words: list[tuple[str, int]] = []
    cursor = pos
    for _ in range(MAX_NOUN_WORDS):
        match = WORD_AFTER.match(text, cursor)
        if not match:
            break
        word = match.group(1)
        # Capitalised words after a number are names ("Acme 11 Ultra"), not counted nouns.
        if word[0].isupper() or word.lower() in NOT_NOUNS:
            break
        words.append((word, match.end(1)))
        cursor = match.end(1)
        if _looks_like_count_noun(word):
            return " ".join(w for w, _ in words), cursor
    return None


def _overlaps(start: int, end: int, spans: Sequence[tuple[int, int]]) -> bool:
    return any(s < end and start < e for s, e in spans)


def extract_quantities(article_id: str, text: str, skip: Sequence[tuple[int, int]] = ()) -> list[QuantityFact]:
    """Percentages, measures and counts in `text`, outside the `skip` spans (money, dates)."""
    facts: list[QuantityFact] = []
    list_starts = {m.end() - 1 for m in LIST_NUMBER.finditer(text)}

    def add(start: int, end: int, kind: str, value: float, unit: str | None) -> None:
        facts.append(QuantityFact(article_id, text[start:end], start, end, kind=kind, value=value, unit=unit))

    position = 0
    while True:
        match = NUMBER.search(text, position)
        if match is None:
            break
        start, end = match.span()
        position = end
        if _overlaps(start, end, skip) or match.group(0).strip() == "":
            continue
        digits, word = match.group("digits"), match.group("word")
        if word and word[0].isupper() and _previous_char(text, start) not in ".\n:!?\"“" and not match.group("mult"):
            # "One" mid-sentence capitalised is part of a name ("Acme One").
            continue
        percent = PERCENT_AFTER.match(text, end)
        if percent and percent.group("unit") in ("PC", "Pc", "pC"):
            percent = None  # "5 PCs" are computers; only lower-case "pc" is per cent
        if percent is None and (
            ORDINAL_SUFFIX.match(text, end) or (end < len(text) and text[end].isalpha() and not match.group("mult"))
        ):
            # "11th", "5G", "1.5T": ordinals and model names. Units glued to the
            # number ("5GW", "10km") are tried below before giving up.
            glued = MEASURE_AFTER.match(text, end)
            if glued is None or ORDINAL_SUFFIX.match(text, end):
                continue
        value = _value(match)
        if start > 0 and text[start - 1] in "-−":
            # A sign glued to the number after a space or bracket: "(-2.5%)".
            if not percent:
                continue
            start, value = start - 1, -value
        if percent:
            add(start, percent.end(), "percent", value, _percent_unit(percent.group("unit")))
            position = percent.end()
            continue
        ranged = RANGE_HIGH.match(text, end) if digits and not match.group("mult") else None
        if ranged and value < float(ranged.group("high").replace(",", "")):
            # "5-10%", "3–5 years": a rising range with its unit after the high end gives both ends.
            high = float(ranged.group("high").replace(",", ""))
            after = ranged.end()
            unit_match = PERCENT_AFTER.match(text, after)
            kind, unit = "percent", None
            if unit_match:
                unit = _percent_unit(unit_match.group("unit"))
            else:
                unit_match = MEASURE_AFTER.match(text, after)
                if unit_match:
                    kind, unit = "measure", MEASURE_UNITS.get(unit_match.group("unit")) or MEASURE_UNITS[
                        _unit_key(unit_match.group("unit"))
                    ]
            if unit_match and not _overlaps(start, unit_match.end(), skip):
                add(start, unit_match.end(), kind, value, unit)
                add(start, unit_match.end(), kind, high, unit)
                position = unit_match.end()
                continue

        measure = MEASURE_AFTER.match(text, end)
        if measure and not _overlaps(start, measure.end(), skip):
            add(start, measure.end(), "measure", value, MEASURE_UNITS.get(measure.group("unit"), None)
                or MEASURE_UNITS[_unit_key(measure.group("unit"))])
            position = measure.end()
            continue
        if end < len(text) and text[end].isalpha():
            continue
        if digits and not match.group("mult"):
            if start in list_starts or (YEAR.fullmatch(digits) and "," not in digits):
                continue  # list numbers and years are not quantities
        noun = _counted_noun(text, end)
        if noun and not _overlaps(start, noun[1], skip):
            add(start, noun[1], "count", value, noun[0])
            position = noun[1]
            continue
        if match.group("mult"):
            add(start, end, "count", value, None)
    return facts


def _percent_unit(written: str) -> str:
    return PERCENT_UNITS[re.sub(r"[\s-]+", " ", written.lower())]


def _previous_char(text: str, pos: int) -> str:
    """The last non-blank character before `pos` ("\n" at the start of the text)."""
    i = pos - 1
    while i >= 0 and text[i] in " \t":
        i -= 1
    return text[i] if i >= 0 else "\n"


def _unit_key(written: str) -> str:
    folded = re.sub(r"\s+", " ", written)
    for key in MEASURE_UNITS:
        if key.lower() == folded.lower():
            return key
    return folded
