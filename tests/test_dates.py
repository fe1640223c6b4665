"""extract_dates: days, months, quarters, halves, years; resolution with and without a published date."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest

from flows.evaluate.seeds import gold_body_documents, score_numeric_facts
from flows.dates import day_spans, extract_dates, is_date_line, parse_date

PUBLISHED = date(2021, 3, 31)  # a Wednesday
CORPORA = Path(__file__).resolve().parent / "corpora"
# Pinned on the five seeds with the gold body (dates F1 1.000 when pinned).
SEED_DATE_F1_FLOOR = 0.95


def dates(text: str, published: date | None = PUBLISHED) -> list[tuple[str, str, str, str]]:
    return [
        (f.mention_text, f.granularity, f.date_start.isoformat(), f.date_end.isoformat())
        for f in extract_dates("a", text, published)
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Then came March 30, 2021, which", [("March 30, 2021", "day", "2021-03-30", "2021-03-30")]),
        ("on March 29 but", [("March 29", "day", "2021-03-29", "2021-03-29")]),
        ("on 30 March 2021", [("30 March 2021", "day", "2021-03-30", "2021-03-30")]),
        ("on the 8th of March", [("the 8th of March", "day", "2021-03-08", "2021-03-08")]),
        ("on 2021-03-30.", [("2021-03-30", "day", "2021-03-30", "2021-03-30")]),
        ("on 15/03/2021.", [("15/03/2021", "day", "2021-03-15", "2021-03-15")]),
        ("on 03/04/2021.", []),
        ("March 29-30, 2021", [("March 29-30, 2021", "day", "2021-03-29", "2021-03-29"),
                               ("March 29-30, 2021", "day", "2021-03-30", "2021-03-30")]),
        ("held 30-31 March 2021", [("30-31 March 2021", "day", "2021-03-30", "2021-03-30"),
                                  ("30-31 March 2021", "day", "2021-03-31", "2021-03-31")]),
        ("the March 2021 launch", [("March 2021", "month", "2021-03-01", "2021-03-31")]),
        ("in January this year", [("January this year", "month", "2021-01-01", "2021-01-31")]),
        ("In November 2020, it", [("November 2020", "month", "2020-11-01", "2020-11-30")]),
        ("in May, when", [("May", "month", "2021-05-01", "2021-05-31")]),
        ("Q3 2021 results", [("Q3 2021", "quarter", "2021-07-01", "2021-09-30")]),
        ("the third quarter of 2022", [("the third quarter of 2022", "quarter", "2022-07-01", "2022-09-30")]),
        ("the first half of 2022", [("the first half of 2022", "half", "2022-01-01", "2022-06-30")]),
        ("H2 2023", [("H2 2023", "half", "2023-07-01", "2023-12-31")]),
        ("by the end of 2020", [("2020", "year", "2020-01-01", "2020-12-31")]),
        ("last year", [("last year", "year", "2020-01-01", "2020-12-31")]),
        ("as of yesterday", [("yesterday", "day", "2021-03-30", "2021-03-30")]),
        ("last Friday", [("last Friday", "day", "2021-03-26", "2021-03-26")]),
        ("The board met on Tuesday.", [("Tuesday", "day", "2021-03-30", "2021-03-30")]),
        ("The board will meet on Tuesday.", [("Tuesday", "day", "2021-04-06", "2021-04-06")]),
        ("led it from 1996-2001.", [("1996", "year", "1996-01-01", "1996-12-31"), ("2001", "year", "2001-01-01", "2001-12-31")]),
        ("in the 2002 elections", [("2002", "year", "2002-01-01", "2002-12-31")]),
        ("three days ago", [("three days ago", "day", "2021-03-28", "2021-03-28")]),
    ],
)
def test_forms(text, expected):
    assert dates(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "recently, earlier in the week, the next decade, over the next 10 years",
        "Theresa May said it may march on",
        "2000 employees and a 1.5T engine",
        "at its 11th anniversary",
    ],
)
def test_not_dates(text):
    assert dates(text) == []


def test_year_less_date_takes_the_year_closest_to_publication():
    assert dates("the December 28 event", date(2024, 1, 5)) == [("December 28", "day", "2023-12-28", "2023-12-28")]


def test_range_start_takes_the_year_of_its_end():
    text = "a skid from November 8 - December 4, 2001. Then from May to July 2020."
    assert dates(text, date(2008, 1, 8)) == [
        ("November 8", "day", "2001-11-08", "2001-11-08"),
        ("December 4, 2001", "day", "2001-12-04", "2001-12-04"),
        ("May", "month", "2020-05-01", "2020-05-31"),
        ("July 2020", "month", "2020-07-01", "2020-07-31"),
    ]


def test_without_published_date_weekday_and_mentioned_years_resolve_the_year():
    text = (
        "On Wednesday, November 8th, Xiaomi held a meeting. Its plans date from 2021. On October 24th, "
        "construction started in April 2022 for June 2023; the second phase in 2024, done by 2025."
    )
    days = [d for d in dates(text, None) if d[1] == "day"]
    assert days == [
        ("Wednesday, November 8th", "day", "2023-11-08", "2023-11-08"),
        ("October 24th", "day", "2023-10-24", "2023-10-24"),
    ]


def test_without_published_date_relative_forms_are_left_out():
    assert dates("as of yesterday, last Friday, this year", None) == []


def test_without_anchor_a_single_mentioned_year_is_used():
    assert dates("In 2019 the plant opened on June 3.", None) == [
        ("2019", "year", "2019-01-01", "2019-12-31"),
        ("June 3", "day", "2019-06-03", "2019-06-03"),
    ]
    assert [d for d in dates("In 2019 and 2020 it opened on June 3.", None) if d[1] == "day"] == []


def test_offsets_point_at_the_mention():
    text = "On Wednesday, November 8th and Q3 2021 and the first half of 2022 and March 29, yesterday."
    facts = extract_dates("a", text, PUBLISHED)
    assert len(facts) == 5
    for fact in facts:
        assert text[fact.start_char : fact.end_char] == fact.mention_text


def test_seed_date_f1_floor():
    docs, names, gold = gold_body_documents()
    score = score_numeric_facts(docs, names, gold).fields["dates"]
    assert score.f1 >= SEED_DATE_F1_FLOOR, score


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Published 2021-03-31: a past sentence looks back, a future one ahead.
        ("The plant opened on April 2.", "2020-04-02"),
        ("The plant will open on March 2.", "2022-03-02"),
        ("The vote is scheduled for Jan. 5 in the capital.", "2022-01-05"),
        ("Talks ended on Dec. 20.", "2020-12-20"),
        # A participle after a present "is" is no past tense.
        ("The mayor is inaugurated on April 6.", "2021-04-06"),
    ],
)
def test_year_less_day_follows_the_tense_of_its_sentence(text, expected):
    assert [d[2] for d in dates(text) if d[1] == "day"] == [expected]


def test_day_range_written_with_to():
    assert dates("surveyed from Dec. 7 to 19 last year", date(2007, 12, 27))[:2] == [
        ("Dec. 7 to 19", "day", "2007-12-07", "2007-12-07"),
        ("Dec. 7 to 19", "day", "2007-12-19", "2007-12-19"),
    ]


def test_a_day_reported_as_scheduled_in_a_past_sentence_is_ahead():
    text = "The president said elections would be held on February 18."
    assert [d[2] for d in dates(text, date(2008, 1, 15))] == ["2008-02-18"]


@pytest.mark.parametrize(
    ("text", "reference", "expected"),
    [
        ("Published: March 30, 2021 10:02 AM", None, date(2021, 3, 30)),
        ("2021-03-30T08:00:00Z", None, date(2021, 3, 30)),
        ("Updated Wed 30 March 2021", None, date(2021, 3, 30)),
        ("15/03/2021", None, date(2021, 3, 15)),
        ("03/04/2021", None, None),
        ("Dec. 28", date(2024, 1, 5), date(2023, 12, 28)),
        ("Dec. 28", None, None),
        ("on Tuesday, in 2021", date(2021, 3, 31), None),
        ("03.12.2008 14:05", None, date(2008, 12, 3)),
        ("Updated on: 7/30/12", None, date(2012, 7, 30)),
        ("2006/12/24 - 2006/12/30", None, date(2006, 12, 24)),
        ("version 1.2.10 released", None, None),
        ("http://example.org/2012/07/04/story.html", None, None),
    ],
)
def test_parse_date_reads_one_date_with_the_extractor_grammar(text, reference, expected):
    assert parse_date(text, reference) == expected


def _first_characters(items) -> set:
    """What the first character of a match of parsed regex `items` can be (ints; \\d as "digit")."""
    found = set()
    for op, arg in items:
        kind = str(op)
        if kind in ("AT", "ASSERT", "ASSERT_NOT"):
            continue
        if kind == "LITERAL":
            return found | {arg}
        if kind == "IN":
            for member, value in arg:
                if str(member) == "LITERAL":
                    found.add(value)
                elif str(member) == "RANGE":
                    found.update(range(value[0], value[1] + 1))
                else:
                    found.add({"CATEGORY_DIGIT": "digit"}[str(value)])
            return found
        if kind == "SUBPATTERN":
            inner = _first_characters(arg[3])
            found |= inner - {"empty"}
            if "empty" not in inner:
                return found
        elif kind == "BRANCH":
            alternatives = [_first_characters(alternative) for alternative in arg[1]]
            found |= set().union(*alternatives) - {"empty"}
            if not any("empty" in alternative for alternative in alternatives):
                return found
        elif kind == "MAX_REPEAT":
            inner = _first_characters(arg[2])
            found |= inner - {"empty"}
            if arg[0] > 0 and "empty" not in inner:
                return found
        else:
            raise AssertionError(f"no first character rule for {kind}")
    return found | {"empty"}


def test_the_first_character_guard_admits_every_form_of_the_grammar():
    from re import _parser

    from flows.dates import DATE_GRAMMAR, FIRST_CHARACTERS

    guard = re.compile(f"[{FIRST_CHARACTERS}]")
    needed = _first_characters(_parser.parse(DATE_GRAMMAR))
    assert "empty" not in needed and "digit" in needed and r"\d" in FIRST_CHARACTERS
    assert [chr(c) for c in needed - {"digit"} if not guard.fullmatch(chr(c))] == []


def test_the_guarded_pattern_finds_what_the_grammar_alone_finds_on_development_pages():
    from flows.dates import DATE_GRAMMAR, DATE_PATTERN

    unguarded = re.compile(rf"\b{DATE_GRAMMAR}")
    pages = sorted(CORPORA.glob("*/*.txt"))[::40]  # 101 pages of the four corpora
    for page in pages:
        text = page.read_text(encoding="utf-8", errors="replace")
        found = [(m.span(), m.lastgroup, m.groups()) for m in DATE_PATTERN.finditer(text)]
        assert found == [(m.span(), m.lastgroup, m.groups()) for m in unguarded.finditer(text)], page.name


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("March 30, 2021", True),
        ("Updated 10:32 a.m. ET, Mon March 3, 2008", True),
        ("Updated: 8:11 p.m. CDT, Jan 15, 2008", True),
        ("03.12.2008 14:05", True),
        ("2008-03-12T14:05:00Z", True),
        ("7 min readMar 31, 2021", True),
        ("January 7 22:43", True),  # a comment's timestamp: no year, but a time
        ("12-15 Jan", False),  # a schedule's item
        ("Posted by Jane Doe on 01/13/08 at 12:02PM", False),  # a name is more than a date
        ("The council met on March 30, 2021 to vote on the bridge", False),
        ("Page 3 of 12", False),
    ],
)
def test_date_lines_are_a_day_with_a_timestamp_s_labels_only(line, expected):
    assert is_date_line(line) is expected


def test_day_spans_find_a_date_glued_to_the_label_before_it():
    text = "7 min readMar 31, 2021"
    assert [text[a:b] for a, b in day_spans(text)] == ["Mar 31, 2021"]
