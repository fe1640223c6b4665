"""extract_quantities: percentages, counts and measures; what is not a quantity; seed floor."""

from __future__ import annotations

import pytest

from flows.evaluate.seeds import gold_body_documents, score_numeric_facts
from flows.extract.quantities import extract_quantities

# Pinned on the five seeds with the gold body (percentages F1 1.000 when pinned).
SEED_PERCENT_F1_FLOOR = 0.95


def quantities(text: str, skip=()) -> list[tuple[str, str, float, str | None]]:
    return [(f.mention_text, f.kind, f.value, f.unit) for f in extract_quantities("a", text, skip)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("stocks rose 9 per cent in trading", [("9 per cent", "percent", 9.0, "%")]),
        ("95% of the respondents", [("95%", "percent", 95.0, "%")]),
        ("grew 9.5 percent", [("9.5 percent", "percent", 9.5, "%")]),
        ("nine per cent", [("nine per cent", "percent", 9.0, "%")]),
        ("rose 2 percentage points", [("2 percentage points", "percent", 2.0, "percentage points")]),
        ("between 5-10% of", [("5-10%", "percent", 5.0, "%"), ("5-10%", "percent", 10.0, "%")]),
        ("a 19-percentage-point rise", [("19-percentage-point", "percent", 19.0, "percentage points")]),
        ("80percent of homes", [("80percent", "percent", 80.0, "%")]),
        ("shares (-2.5%) fell", [("-2.5%", "percent", -2.5, "%")]),
        ("shares rose 5pc on", [("5pc", "percent", 5.0, "%")]),
        ("a 5 PC lab", []),
    ],
)
def test_percentages(text, expected):
    assert quantities(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("shipments reached 146 million, upholding", [("146 million", "count", 1.46e8, None)]),
        ("an area of nearly 720,000 square meters, with", [("720,000 square meters", "measure", 7.2e5, "square meters")]),
        ("a team of over 10,000 members, with 5,000 more", [("10,000 members", "count", 1e4, "members")]),
        ("sold 1.11 million vehicles last year", [("1.11 million vehicles", "count", 1.11e6, "vehicles")]),
        ("a 5 GW plant", [("5 GW", "measure", 5.0, "GW")]),
        ("cut by 50 basis points", [("50 basis points", "measure", 50.0, "basis points")]),
        ("a 10km road", [("10km", "measure", 10.0, "kilometers")]),
        ("with 324.8 million connected devices", [("324.8 million connected devices", "count", 3.248e8, "connected devices")]),
        ("ten million units", [("ten million units", "count", 1e7, "units")]),
        ("after seventy-five days of talks", [("seventy-five days", "measure", 75.0, "days")]),
        ("the next 5–10 years", [("5–10 years", "measure", 5.0, "years"), ("5–10 years", "measure", 10.0, "years")]),
    ],
)
def test_counts_and_measures(text, expected):
    assert quantities(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Xiaomi 11 Ultra launched in 2021 at its 11th anniversary",
        "1. First item\n2. Second item",
        "the 5G network and a 1.5T/L engine",
        "one of the largest",
        "Formula One racing",
        "the 2021 New Product Launch",
    ],
)
def test_not_quantities(text):
    assert quantities(text) == []


def test_skip_spans_claimed_by_money_and_dates():
    text = "Following US $1.5 billion in 2021, 9% more"
    money = (text.index("US $"), text.index(" in 2021"))
    assert quantities(text, skip=[money]) == [("9%", "percent", 9.0, "%")]


def test_offsets_point_at_the_mention():
    text = "It sold 1.11 million vehicles, 95% of them across 720,000 square meters."
    facts = extract_quantities("a", text)
    assert len(facts) == 3
    for fact in facts:
        assert text[fact.start_char : fact.end_char] == fact.mention_text


def test_seed_percentage_f1_floor():
    docs, names, gold = gold_body_documents()
    score = score_numeric_facts(docs, names, gold).fields["percentages"]
    assert score.f1 >= SEED_PERCENT_F1_FLOOR, score
