"""Find calendar dates and periods in an article's clean text and resolve them.

Who calls it: `flows/extract/__init__.py: extract_facts` calls `extract_dates`
once per document after spaCy has run, with the document's clean_text and
published_date; its spans are passed on to `extract_quantities` as `skip`.
`parse_date` is the same grammar for one date string: the cleaner's date
lines (`flows.clean.date_in_line`) and the HTML metadata (`flows.html`) call
it; `is_date_line`, `day_spans` and `TIMESTAMP_FILLER` are the same grammar
for the cleaner's date lines and bylines, so the project has one date grammar.

What it finds, with the granularity of the DateFact:
- day: "March 30, 2021", "30 March 2021", "Wednesday, November 8th",
  "March 29", "2021-03-30", "2021/03/30", "15/03/2021" and "3/15/21" (only
  when the day/month order is unambiguous), "15.03.2021" (dots: day first), and, when the published date is known, "yesterday",
  "tomorrow", "three days ago", "last Tuesday", "on Tuesday";
- month: "March 2021", "in January", "January this year";
- quarter: "Q3 2021", "the third quarter of 2021", "3Q21";
- half: "the first half of 2022", "H2 2023";
- year: "2020", "in 2021", "this year" (with a published date).
`date_start`/`date_end` cover the period ("Q3 2021" -> 2021-07-01..2021-09-30).
Vague words ("recently", "earlier in the week", "the next decade") are not
dates.

Resolution: a day without a year follows its sentence: with a future cue
("will", "scheduled", "next") it is the next such day from the article's date,
with a past-tense verb the latest one up to it; a stated weekday, or a sentence
with neither, takes the year that puts it closest to the article's date (so
"December 28" in an article of January 5 is last year's).
The article's date is the published date; without one it is estimated from
the text: a year-less date with a weekday ("Wednesday, November 8th") is put
in the one year the article mentions where that weekday fits, and becomes the
anchor; failing that the latest fully written date is. With no anchor, a
year-less date takes the article's year only when the article mentions a
single one; otherwise it is left out rather than guessed. Relative forms
("yesterday", "last Tuesday", "this year") need the real published date.

Why hand-written: spaCy's small model tags DATE spans but neither resolves
them nor separates "March 2021" from "March 30"; dateparser's `search_dates`
is slow and finds dates in ordinary words ("may", "second"). Candidate
mentions come from the patterns below; dateparser only parses the relative
"N days ago" forms it handles well.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from flows.records import DateFact

MONTHS = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4, "apr": 4, "may": 5,
    "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8, "september": 9, "sept": 9, "sep": 9,
    "october": 10, "oct": 10, "november": 11, "nov": 11, "december": 12, "dec": 12,
}
# Full month names stand alone ("in May"); abbreviations only next to a day or year.
FULL_MONTHS = tuple(calendar.month_name[i].lower() for i in range(1, 13))
WEEKDAYS = {
    "monday": 0, "mon": 0, "tuesday": 1, "tue": 1, "tues": 1, "wednesday": 2, "wed": 2, "thursday": 3,
    "thu": 3, "thur": 3, "thurs": 3, "friday": 4, "fri": 4, "saturday": 5, "sat": 5, "sunday": 6, "sun": 6,
}
FULL_WEEKDAYS = tuple(w for w in WEEKDAYS if w.endswith("day"))
ORDINALS = {"first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4, "4th": 4, "final": 4, "last": 4}
HALF_ORDINALS = {"first": 1, "1st": 1, "second": 2, "2nd": 2}
RELATIVE_YEARS = {"this": 0, "last": -1, "next": 1, "current": 0, "previous": -1}
# Before a bare year these words make it a date, not a count ("in 2000", "2000 employees").
YEAR_CUES = frozenset(
    """in since by from of until till before after during through to and or early mid late end year years
    fiscal fy between for around circa beginning start spring summer autumn fall winter
    the its their his her our this that""".split()
)
EARLIEST_YEAR, LATEST_YEAR = 1900, 2099  # bare four-digit numbers outside are counts or codes
# How far around the article's date a year-less date may be put: one year
# either side covers "last December" in a January article.
YEAR_WINDOW = (-1, 0, 1)


def _title_or_upper(words: Iterable[str]) -> str:
    forms = []
    for word in sorted(words, key=len, reverse=True):
        forms += [word.capitalize(), word.upper()]
    return "|".join(forms)


_MONTH = _title_or_upper(MONTHS)
_FULL_MONTH = _title_or_upper(FULL_MONTHS)
_WEEKDAY = _title_or_upper(WEEKDAYS)
_FULL_WEEKDAY = _title_or_upper(FULL_WEEKDAYS)
_YEAR = r"(?:19|20)\d\d"
_DAY = r"(?:3[01]|[12]\d|0?[1-9])"
_ORD = r"(?:st|nd|rd|th)"

# Every form starts at a word start; testing that first lets the engine skip
# the other positions without trying each alternative. Case variants are
# spelled out ([Ii]n) rather than (?i:...), which disables literal prefix search:
# together 2.4 s -> 0.4 s on the 270k words of the l3s-gn1 gold texts.
DATE_GRAMMAR = (
    r"(?:" + "|".join(
        [
            # 2021-03-30, 2021/03/30, 2021.03.30 (not inside a URL's path)
            rf"(?P<iso>(?<![\d/.-])(?P<iso_y>{_YEAR})(?P<iso_sep>[-/.])(?P<iso_m>0[1-9]|1[0-2])(?P=iso_sep)(?P<iso_d>{_DAY})(?![\d-]|[/.]\w))",
            # [Wednesday,] March 30[th][-31][, 2021]
            rf"(?P<md>(?:(?P<md_wd>{_WEEKDAY})\.?,?\s+)?(?P<md_m>{_MONTH})\.?\s+(?P<md_d>{_DAY}){_ORD}?"
            rf"(?:(?:\s?[-–]\s?|\s+(?:to|through|until)\s+)(?P<md_d2>{_DAY}){_ORD}?(?![\d:]|[,.]\d))?(?![\d:])\b(?:,?\s+(?P<md_y>{_YEAR})(?!\d))?)",
            # [Wednesday,] [the] 30[th] [of] March[,] [2021]
            rf"(?P<dm>(?:(?P<dm_wd>{_WEEKDAY})\.?,?\s+)?(?:the\s+)?(?<![\d.,])(?P<dm_d>{_DAY}){_ORD}?(?:\s?[-–]\s?(?P<dm_d2>{_DAY}){_ORD}?)?\s+(?:of\s+)?"
            rf"(?P<dm_m>{_MONTH})\b\.?(?:,?\s+(?P<dm_y>{_YEAR})(?!\d))?)",
            # 30/03/2021 or 03/30/2021 (also 3/30/08, not 1.2.10), read only when one part exceeds 12; 30.03.2021 is day first
            rf"(?P<num>(?<![\d/.])(?P<num_a>{_DAY}|1[0-2])(?P<num_sep>[/.])(?P<num_b>{_DAY}|1[0-2])(?P=num_sep)(?P<num_y>{_YEAR}|(?<=/)\d\d)(?![\d/]|\.\d))",
            # [early|mid|late] March 2021
            rf"(?P<my>(?P<my_m>{_MONTH})\.?,?\s+(?:of\s+)?(?P<my_y>{_YEAR})(?!\d))",
            # March this year / March of last year
            rf"(?P<mr>(?P<mr_m>{_FULL_MONTH})\s+(?:of\s+)?(?P<mr_rel>this|last|next)\s+year\b)",
            # Q3 2021, Q3, 3Q21, Q3 of 2021
            rf"(?P<q>\b(?:Q(?P<q_n>[1-4])|(?P<q_n2>[1-4])Q)(?:\s*(?:of\s+)?(?:FY\s?)?(?P<q_y>{_YEAR})|(?P<q_y2>\d\d))?(?![\w%]))",
            # the third quarter [of 2021 | of this year]
            rf"(?P<qw>\b(?:[Tt]he\s+)?(?P<qw_o>(?:[Ff]irst|[Ss]econd|[Tt]hird|[Ff]ourth|[Ff]inal|1st|2nd|3rd|4th))\s+quarter\b"
            rf"(?:\s+(?:of\s+)?(?:(?P<qw_y>{_YEAR})|(?P<qw_rel>this|last|next)\s+year\b|(?P<qw_this>this)\b))?)",
            # the first half of 2022 / H2 2023 / second half of this year
            rf"(?P<hw>\b(?:[Tt]he\s+)?(?P<hw_o>(?:[Ff]irst|[Ss]econd|1st|2nd))\s+half\s+of\s+(?:(?P<hw_y>{_YEAR})|(?P<hw_rel>this|last|next)\s+year\b))",
            rf"(?P<h>\b(?:H(?P<h_n>[12])|(?P<h_n2>[12])H)\s*(?P<h_y>{_YEAR})(?!\d))",
            # in May / since March / last December  (a full month name with a cue word)
            rf"(?P<mo>\b(?P<mo_cue>(?:[Ii]n|[Ss]ince|[Uu]ntil|[Tt]ill|[Bb]y|[Ff]rom|[Dd]uring|[Tt]hrough|[Ee]arly|[Ll]ate|[Mm]id|[Ll]ast|[Nn]ext|[Tt]his|[Bb]efore|[Aa]fter|[Oo]f|[Ee]nd of|[Ss]tart of))"
            rf"[\s-]+(?P<mo_m>{_FULL_MONTH})\b(?![\s.,]*\d)(?!\s+(?:of\s+)?(?:this|last|next)\s+year))",
            # yesterday / tomorrow / three days ago
            r"(?P<rel>\b(?P<rel_w>(?:[Yy]esterday|[Tt]omorrow))\b)",
            r"(?P<ago>\b(?P<ago_n>\d{1,2}|(?:[Aa]|[Oo]ne|[Tt]wo|[Tt]hree|[Ff]our|[Ff]ive|[Ss]ix|[Ss]even|[Ee]ight|[Nn]ine|[Tt]en))\s+days?\s+ago\b)",
            # [last|next|on] Tuesday
            rf"(?P<wd>\b(?:(?P<wd_mod>(?:[Ll]ast|[Nn]ext|[Tt]his|[Oo]n|[Ss]ince|[Uu]ntil|[Bb]y|[Ff]rom|[Bb]efore|[Aa]fter))\s+)?(?P<wd_d>{_FULL_WEEKDAY})\b(?!,?\s+(?:the\s+)?(?:{_MONTH}|\d)))",
            # this year / last year / next year
            r"(?P<ry>\b(?P<ry_rel>(?:[Tt]his|[Ll]ast|[Nn]ext))\s+year\b)",
            # a bare year
            rf"(?P<y>(?<![\w$€£¥₹.,/#])(?:(?<=(?:19|20)\d\d[-–])|(?<!\d[-–]))(?P<y_y>{_YEAR})(?![\w%]|[.,]\d|\s?(?i:million|billion|thousand|per\s?cent|percent)))",
        ]
    )
    + ")"
)
# The characters a form of DATE_GRAMMAR can start with (digits, the initials of
# the month, weekday and cue words in the case forms spelled out above; a test
# derives the set from the grammar and checks this one holds it). Testing it
# after the word boundary rejects word ends and most words before any
# alternative is tried: the same matches, in 43 % of the time over the 32 M
# characters of the four development corpora's pages (27.8 s -> 12.1 s).
FIRST_CHARACTERS = r"\dABDEFHIJLMNOQSTUWYabdefilmnostuy"
DATE_PATTERN = re.compile(rf"\b(?=[{FIRST_CHARACTERS}]){DATE_GRAMMAR}")
_NEXT_WORD = re.compile(r"\s+([a-z]+)\b")
_PREVIOUS_WORD = re.compile(r"([A-Za-z]+)[\s-]+$")


@dataclass
class _Candidate:
    """A found mention before its year is resolved."""

    start: int
    end: int
    granularity: str
    year: int | None = None
    month: int | None = None
    days: tuple[int, ...] = ()
    weekday: int | None = None
    quarter: int | None = None
    half: int | None = None
    relative_year: int | None = None  # "this year" = 0, "last year" = -1
    relative_day: int | None = None  # yesterday = -1
    weekday_only: tuple[str, int] | None = None  # ("last", 1) for "last Tuesday"
    month_cue: str | None = None
    tense: str | None = None  # "past" | "future" | None: of the sentence, for a year-less day


def _full_year(digits: str) -> int:
    """ "2008" -> 2008; two digits as POSIX strptime reads them: "08" -> 2008, "97" -> 1997."""
    year = int(digits)
    return year if year >= 100 else year + (2000 if year < 69 else 1900)


def _month(word: str) -> int:
    return MONTHS[word.lower().rstrip(".")]


def _candidate(match: re.Match[str], text: str) -> _Candidate | None:
    kind = match.lastgroup
    g = match.group
    start, end = match.span()
    if kind == "iso":
        return _Candidate(start, end, "day", int(g("iso_y")), int(g("iso_m")), (int(g("iso_d")),))
    if kind == "md":
        days = (int(g("md_d")),) + ((int(g("md_d2")),) if g("md_d2") else ())
        if len(days) == 2 and days[1] <= days[0]:
            days = days[:1]  # "March 30-1" is no range: keep the first day
        weekday = WEEKDAYS[g("md_wd").lower()] if g("md_wd") else None
        year = int(g("md_y")) if g("md_y") else None
        tense = None if year else _tense(text, start, end)
        return _Candidate(start, end, "day", year, _month(g("md_m")), days, weekday, tense=tense)
    if kind == "dm":
        weekday = WEEKDAYS[g("dm_wd").lower()] if g("dm_wd") else None
        year = int(g("dm_y")) if g("dm_y") else None
        days = (int(g("dm_d")),) + ((int(g("dm_d2")),) if g("dm_d2") else ())
        if len(days) == 2 and days[1] <= days[0]:
            days = days[:1]
        tense = None if year else _tense(text, start, end)
        return _Candidate(start, end, "day", year, _month(g("dm_m")), days, weekday, tense=tense)
    if kind == "num":
        a, b = int(g("num_a")), int(g("num_b"))
        if a > 12 >= b or g("num_sep") == ".":
            day, month = a, b  # dots are written day first (Europe; a US date uses slashes)
        elif b > 12 >= a:
            day, month = b, a
        elif a == b:
            day = month = a
        else:
            return None  # 03/04/2021: day-month order unknown
        return _Candidate(start, end, "day", _full_year(g("num_y")), month, (day,))
    if kind == "my":
        return _Candidate(start, end, "month", int(g("my_y")), _month(g("my_m")))
    if kind == "mr":
        return _Candidate(start, end, "month", None, _month(g("mr_m")), relative_year=RELATIVE_YEARS[g("mr_rel").lower()])
    if kind == "q":
        year = int(g("q_y")) if g("q_y") else (2000 + int(g("q_y2")) if g("q_y2") else None)
        # "Q3" alone in news is the current year's third quarter.
        return _Candidate(start, end, "quarter", year, quarter=int(g("q_n") or g("q_n2")), relative_year=None if year else 0)
    if kind == "qw":
        ordinal = g("qw_o").lower()
        if ordinal in ("last", "final") and not (g("qw_y") or g("qw_rel")):
            return None  # "the last quarter" alone is relative to an unknown quarter
        rel = RELATIVE_YEARS[g("qw_rel").lower()] if g("qw_rel") else (0 if g("qw_this") else None)
        year = int(g("qw_y")) if g("qw_y") else None
        if year is None and rel is None:
            rel = 0  # "the third quarter" in news is the current year's
        return _Candidate(start, end, "quarter", year, quarter=ORDINALS[ordinal], relative_year=rel if year is None else None)
    if kind == "hw":
        rel = RELATIVE_YEARS[g("hw_rel").lower()] if g("hw_rel") else None
        year = int(g("hw_y")) if g("hw_y") else None
        return _Candidate(start, end, "half", year, half=HALF_ORDINALS[g("hw_o").lower()], relative_year=rel)
    if kind == "h":
        return _Candidate(start, end, "half", int(g("h_y")), half=int(g("h_n") or g("h_n2")))
    if kind == "mo":
        cue = g("mo_cue").lower()
        start = match.start("mo_m") if cue not in ("last", "next", "this") else start
        return _Candidate(start, end, "month", None, _month(g("mo_m")), month_cue=cue)
    if kind == "rel":
        return _Candidate(start, end, "day", relative_day=-1 if g("rel_w").lower() == "yesterday" else 1)
    if kind == "ago":
        return _Candidate(start, end, "day", relative_day=None, weekday_only=("ago", 0))
    if kind == "wd":
        mod = (g("wd_mod") or "").lower()
        start = match.start("wd_d") if mod not in ("last", "next", "this") else start
        if mod in ("", "on", "by", "until", "before") and _FUTURE_CUE.search(_sentence_before(text, start)):
            mod = "next"  # "will vote on Tuesday": the coming one
        return _Candidate(start, end, "day", weekday_only=(mod, WEEKDAYS[g("wd_d").lower()]))
    if kind == "ry":
        return _Candidate(start, end, "year", relative_year=RELATIVE_YEARS[g("ry_rel").lower()])
    if kind == "y":
        year = int(g("y_y"))
        if not EARLIEST_YEAR <= year <= LATEST_YEAR:
            return None
        previous = _PREVIOUS_WORD.search(text, max(0, start - 20), start)
        after = _NEXT_WORD.match(text, end)
        cued = previous is not None and previous.group(1).lower() in YEAR_CUES
        if not cued and after is not None and _is_counted_noun(after.group(1)):
            return None  # "2000 employees"
        return _Candidate(start, end, "year", year)
    return None


# A weekday alone is the latest one up to publication ("said on Tuesday"),
# unless its clause speaks of the future.
_FUTURE_CUE = re.compile(
    r"\b(?:will|won't|shall|'ll|is due|are due|due to|scheduled|expected to|plans? to|set to|upcoming|next)\b"
)
_SENTENCE_START = re.compile(r"[.!?;\n]\s")
FUTURE_WINDOW = 80  # characters before a weekday searched for a future cue, within its sentence


# A year-less day governed by a past-tense verb is the latest such day up to
# the article's date; by a future cue, the next one.
# A participle after "be" is no past ("would be held on February 18"), nor after a present
# "is"/"are" ("is inaugurated on Monday (Jan. 14)"; a tune page of l3s-gn1).
_PAST_CUE = re.compile(
    r"(?<!\bbe )(?<!\bbeen )(?<!\bis )(?<!\bare )(?<!\bbeing )\b(?:was|were|had|did|said|told|made|took|met|came|went|began|held|gave|saw|won|"
    r"lost|left|fell|rose|paid|sold|ago|\w{3,}ed)\b"
)
# "would" looks ahead from a past report ("said elections would be held on
# February 18"); for weekdays it stays out of _FUTURE_CUE ("would not comment on Tuesday").
_DAY_FUTURE_CUE = re.compile(rf"{_FUTURE_CUE.pattern}|\bwould\b")
_CLAUSE_END = re.compile(r"[,.!?;\n]")


def _tense(text: str, start: int, end: int) -> str | None:
    """ "future", "past" or None: the cue nearest before the date in its sentence, else the first after it in its clause."""
    before = _sentence_before(text, start)
    # At one position a future cue wins: "scheduled" also ends in -ed.
    cues = [(m.start(), 1, "future") for m in _DAY_FUTURE_CUE.finditer(before)]
    cues += [(m.start(), 0, "past") for m in _PAST_CUE.finditer(before)]
    if cues:
        return max(cues)[2]
    after = text[end : end + FUTURE_WINDOW]
    stop = _CLAUSE_END.search(after)
    clause = after[: stop.start()] if stop else after
    future, past = _DAY_FUTURE_CUE.search(clause), _PAST_CUE.search(clause)
    if future and (not past or future.start() < past.start()):
        return "future"
    return "past" if past else None


def _sentence_before(text: str, pos: int) -> str:
    window = text[max(0, pos - FUTURE_WINDOW) : pos]
    cut = 0
    for match in _SENTENCE_START.finditer(window):
        cut = match.end()
    return window[cut:]


def _is_counted_noun(word: str) -> bool:
    return len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")) and word not in {"was", "has", "sales"}


# --------------------------------------------------------------------------
# Resolution
# --------------------------------------------------------------------------


def _safe_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def _tensed_year(anchor: date, month: int, day: int, tense: str) -> int | None:
    """Past: the year of the latest such day up to `anchor`; future: of the next one from it."""
    this_year = _safe_date(anchor.year, month, day)
    if this_year is None:
        return None
    if tense == "future":
        return anchor.year if this_year >= anchor else anchor.year + 1
    return anchor.year if this_year <= anchor else anchor.year - 1


def _closest_year(anchor: date, month: int, day: int | None, weekday: int | None) -> int | None:
    """The year around `anchor` that puts month/day closest to it, keeping a stated weekday."""
    options = []
    for offset in YEAR_WINDOW:
        year = anchor.year + offset
        when = _safe_date(year, month, day or 15)
        if when is None:
            continue
        if weekday is not None and day is not None and when.weekday() != weekday:
            continue
        options.append((abs((when - anchor).days), year))
    if not options and weekday is not None:
        return _closest_year(anchor, month, day, None)
    return min(options)[1] if options else None


_RANGE_JOINER = re.compile(r"\s*(?:-|–|—|to|through|until|till|and|or)\s*")


def _borrow_range_years(candidates: list[_Candidate], text: str) -> None:
    """ "November 8 - December 4, 2001": the first end takes the year the second states."""
    for first, second in zip(reversed(candidates[:-1]), reversed(candidates[1:])):
        if (
            first.year is None
            and first.relative_year is None
            and first.month is not None
            and first.granularity in ("day", "month")
            and second.year is not None
            and second.month is not None
            and _RANGE_JOINER.fullmatch(text, first.end, second.start)
        ):
            first.year = second.year if first.month <= second.month else second.year - 1


def _estimate_anchor(candidates: list[_Candidate]) -> date | None:
    """The article's date when it states none: a weekday date put in a year the article mentions."""
    years = sorted({c.year for c in candidates if c.year is not None})
    for c in candidates:
        if c.granularity == "day" and c.year is None and c.weekday is not None and c.month and c.days:
            fits = [y for y in years if (d := _safe_date(y, c.month, c.days[0])) and d.weekday() == c.weekday]
            if len(fits) == 1:
                return date(fits[0], c.month, c.days[0])
    written = [
        d for c in candidates if c.granularity == "day" and c.year and c.month and c.days
        for d in [_safe_date(c.year, c.month, c.days[0])] if d
    ]
    return max(written) if written else None


def _periods(c: _Candidate, anchor: date | None, published: date | None, single_year: int | None) -> list[tuple[date, date]]:
    """(start, end) of each date the candidate names; [] when it cannot be resolved."""
    if c.relative_day is not None or c.weekday_only is not None:
        return _relative_day(c, published)
    year = c.year
    if year is None and c.relative_year is not None:
        if published is None:
            return []
        year = published.year + c.relative_year
    if c.granularity == "year":
        return [(date(year, 1, 1), date(year, 12, 31))] if year else []
    if c.granularity == "quarter":
        if year is None:
            return []
        first = 3 * (c.quarter - 1) + 1
        return [(date(year, first, 1), _month_end(year, first + 2))]
    if c.granularity == "half":
        if year is None:
            return []
        return [(date(year, 1, 1), date(year, 6, 30))] if c.half == 1 else [(date(year, 7, 1), date(year, 12, 31))]
    if year is None:
        if c.month_cue in ("last", "next", "this") and published is not None:
            year = _relative_month_year(c.month, c.month_cue, published)
        elif anchor is not None and c.tense and c.days and c.weekday is None:
            year = _tensed_year(anchor, c.month, c.days[0], c.tense)
        elif anchor is not None:
            year = _closest_year(anchor, c.month, c.days[0] if c.days else None, c.weekday)
        elif single_year is not None:
            year = single_year
        if year is None:
            return []
    if c.granularity == "month":
        return [(date(year, c.month, 1), _month_end(year, c.month))]
    days = [d for d in (_safe_date(year, c.month, day) for day in c.days) if d]
    return [(d, d) for d in days]


def _relative_month_year(month: int, cue: str, published: date) -> int:
    if cue == "last":
        return published.year if month < published.month else published.year - 1
    if cue == "next":
        return published.year if month > published.month else published.year + 1
    return published.year


def _relative_day(c: _Candidate, published: date | None) -> list[tuple[date, date]]:
    if published is None:
        return []
    if c.relative_day is not None:
        day = published + timedelta(days=c.relative_day)
        return [(day, day)]
    mod, weekday = c.weekday_only  # type: ignore[misc]
    if mod == "ago":
        return []  # filled by _days_ago, which needs the mention text
    delta = (published.weekday() - weekday) % 7
    if mod == "last":
        day = published - timedelta(days=delta or 7)
    elif mod == "next":
        day = published + timedelta(days=(weekday - published.weekday()) % 7 or 7)
    else:
        # "on Tuesday" in a news report: the latest such day up to publication.
        day = published - timedelta(days=delta)
    return [(day, day)]


def _days_ago(mention: str, published: date) -> date | None:
    import dateparser  # imported on first use: it costs about half a second

    parsed = dateparser.parse(
        mention,
        languages=["en"],
        settings={"RELATIVE_BASE": datetime(published.year, published.month, published.day)},
    )
    return parsed.date() if parsed else None


def parse_date(text: str, reference_date: date | None = None) -> date | None:
    """The first calendar day written in `text`, or None: the project's one date grammar.

    Reads what `extract_dates` reads as a day ("March 30, 2021", "Wed, 30 March",
    "2021-03-30T08:00:00Z", "15/03/2021" but not the ambiguous "03/04/2021"); a day
    written without its year is resolved against `reference_date` the same way.
    For metadata (published dates, timestamps) wherever the project parses them.
    """
    for match in DATE_PATTERN.finditer(text):
        candidate = _candidate(match, text)
        if candidate is None or candidate.granularity != "day" or candidate.month is None or not candidate.days:
            continue
        periods = _periods(candidate, reference_date, reference_date, None)
        if periods:
            return periods[0][0]
    return None


# --------------------------------------------------------------------------
# Date lines: the date or timestamp a page prints under its headline
# --------------------------------------------------------------------------

# The forms DATE_PATTERN reads as a calendar day, resolved or not ("03/04/2021" is still one).
DAY_KINDS = frozenset({"iso", "md", "dm", "num"})
# Pasted page text glues a date to the label before it: "7 min readMar 31, 2021".
_GLUED_MONTH = re.compile(rf"(?<=[a-z])(?=(?:{_MONTH})\b)")
MONTH_NAME = re.compile(rf"\b(?:{_MONTH})\b\.?")
# What a timestamp prints around its date ("Updated 10:32 a.m. ET, Mon", "Posted on", "| 5 min read"):
# labels, times, time zones, weekdays, digits and separators.
_TIME_ZONES = "est edt cst cdt mst mdt pst pdt akst akdt hst gmt bst cet cest ist utc et ct mt pt"
TIMESTAMP_FILLER = re.compile(
    r"\b(?:updated|published|posted|last|modified|on|at|am|pm|today|yesterday|"
    + "|".join(_TIME_ZONES.split() + sorted(WEEKDAYS, key=len, reverse=True))
    + r"|\d+\s*min(?:ute)?s?\s*read|\d+\s*(?:minutes?|hours?|days?)\s+ago|\d+[ap]m|T\d\d:\d\d(?::\d\d(?:\.\d+)?)?(?:Z|[+-]\d\d:?\d\d)?)\b"
    r"|\b[ap]\.m\.|[\d:|,.\-–—/·•()]",
    re.IGNORECASE,
)
DATE_LINE_MAX_CHARS = 80  # a date line with its labels (l3s-gn1: "Updated: 8:11 p.m. CDT, Jan 15, 2008")


def _day_matches(text: str) -> list[tuple[int, re.Match[str]]]:
    """(offset, match) of each calendar day `text` writes, also one glued to the word before it."""
    found = [(0, m) for m in DATE_PATTERN.finditer(text) if m.lastgroup in DAY_KINDS]
    for glued in _GLUED_MONTH.finditer(text):
        match = DATE_PATTERN.match(text[glued.start() :])
        if match and match.lastgroup in DAY_KINDS:
            found.append((glued.start(), match))
    return sorted(found, key=lambda found: found[0] + found[1].start())


def day_spans(text: str) -> list[tuple[int, int]]:
    """Where `text` writes a calendar day, by DATE_PATTERN (also one glued to the word before it)."""
    return [(offset + m.start(), offset + m.end()) for offset, m in _day_matches(text)]


def without_days(text: str) -> str:
    """`text` with each calendar day it writes blanked out."""
    for start, end in reversed(day_spans(text)):
        text = text[:start] + " " + text[end:]
    return text


_TIME_OF_DAY = re.compile(r"(?<![\d.,])(?:[01]?\d|2[0-3])[:.][0-5]\d(?![\d.,])")


def is_date_line(text: str) -> bool:
    """A line that states a calendar day and little else: "March 30, 2021", "Updated 10:32 a.m. ET, Mon March 3, 2008".

    A day without its year makes a date line only with a time of day ("January 7 22:43", a
    comment's timestamp): alone ("12-15 Jan", "Sat., Feb 10, 17 and 24") it is an item of a
    schedule, content on the tune pages of cleaneval.
    """
    if len(text) > DATE_LINE_MAX_CHARS:
        return False
    found = _day_matches(text)
    if not found:
        return False
    rest = without_days(text)
    with_year = any(m.lastgroup in ("iso", "num") or m.group("md_y") or m.group("dm_y") for _, m in found)
    if not with_year and not _TIME_OF_DAY.search(rest):
        return False
    return len(re.findall(r"\w+", TIMESTAMP_FILLER.sub(" ", rest))) <= 1


def extract_dates(article_id: str, text: str, published: date | None) -> list[DateFact]:
    """Every resolvable date or period in `text`, resolved against `published`."""
    candidates: list[_Candidate] = []
    for match in DATE_PATTERN.finditer(text):
        candidate = _candidate(match, text)
        if candidate is not None:
            candidates.append(candidate)
    _borrow_range_years(candidates, text)
    anchor = published or _estimate_anchor(candidates)
    years = {c.year for c in candidates if c.year is not None}
    single_year = next(iter(years)) if len(years) == 1 else None

    facts: list[DateFact] = []
    for c in candidates:
        mention = text[c.start : c.end]
        if c.weekday_only is not None and c.weekday_only[0] == "ago":
            day = _days_ago(mention, published) if published else None
            periods = [(day, day)] if day else []
        else:
            periods = _periods(c, anchor, published, single_year)
        for date_start, date_end in periods:
            facts.append(
                DateFact(
                    article_id=article_id,
                    mention_text=mention,
                    start_char=c.start,
                    end_char=c.end,
                    date_start=date_start,
                    date_end=date_end,
                    granularity=c.granularity,
                )
            )
    return facts
