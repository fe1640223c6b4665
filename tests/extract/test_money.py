"""extract_money: the forms news uses, ranges, currencies by context, conversion, offsets, seed floor."""

from __future__ import annotations

from datetime import date

import pytest

from flows.evaluate.seeds import gold_body_documents, score_numeric_facts
from flows.extract.money import currency_converter, extract_money, to_usd

PUBLISHED = date(2021, 3, 30)
RUN = date(2026, 1, 15)
# Pinned on the five seeds with the gold body (money F1 1.000 when pinned);
# a drop below means a form the seeds use stopped being read.
SEED_MONEY_F1_FLOOR = 0.95


def amounts(text: str, published: date | None = PUBLISHED) -> list[tuple[str, float, str]]:
    return [(f.mention_text, f.amount, f.currency) for f in extract_money("a", text, published, RUN)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("an initial investment of US $1.5 billion, the", [("US $1.5 billion", 1.5e9, "USD")]),
        ("an investment target of $ 10 billion", [("$ 10 billion", 1e10, "USD")]),
        ("It will invest 10 billion dollars for this.", [("10 billion dollars", 1e10, "USD")]),
        ("of RMB10 billion;", [("RMB10 billion", 1e10, "CNY")]),
        ("raised €2.3bn", [("€2.3bn", 2.3e9, "EUR")]),
        ("a £400m deal", [("£400m", 4e8, "GBP")]),
        ("500 million yuan", [("500 million yuan", 5e8, "CNY")]),
        ("HK$3 billion", [("HK$3 billion", 3e9, "HKD")]),
        ("S$5m", [("S$5m", 5e6, "SGD")]),
        ("C$10 million", [("C$10 million", 1e7, "CAD")]),
        ("A$ 2.5 million", [("A$ 2.5 million", 2.5e6, "AUD")]),
        ("3 billion euros", [("3 billion euros", 3e9, "EUR")]),
        ("5 million pounds", [("5 million pounds", 5e6, "GBP")]),
        ("a billion dollars", [("a billion dollars", 1e9, "USD")]),
        ("USD 3.2 trillion", [("USD 3.2 trillion", 3.2e12, "USD")]),
        ("the house price rose to 197,039 pounds.", [("197,039 pounds", 197039.0, "GBP")]),
        ("finished higher at 532,000 won ($567).", [("532,000 won", 532000.0, "KRW"), ("$567", 567.0, "USD")]),
        ("the 436,000-dollar Chennai Open", [("436,000-dollar", 436000.0, "USD")]),
        ("a 1,000 rupee bill", [("1,000 rupee", 1000.0, "INR")]),
        ("Rs. 7,805 crore", [("Rs. 7,805 crore", 7.805e10, "INR")]),
        ("listed at 6-foot-4 and 1,231 pounds", []),
        ("2,000 pounds of explosives", []),
        ("a million-dollar question", []),
        ("a $1.5-billion deal", [("$1.5-billion", 1.5e9, "USD")]),
        ("10 billion US dollar", [("10 billion US dollar", 1e10, "USD")]),
        ("1.2 mn", []),
        ("200 pounds of flour", []),
        ("the rmb 5 thing", []),
        ("the next 5–10 years", []),
        ("in 2020 it won 5 awards", []),
        ("Model A320 million", []),
    ],
)
def test_forms(text, expected):
    assert amounts(text) == expected


def test_amount_and_its_dollar_equivalent_are_two_facts():
    assert amounts("a cash reserve of RMB 108 billion (US $16.5 billion).") == [
        ("RMB 108 billion", 1.08e11, "CNY"),
        ("US $16.5 billion", 1.65e10, "USD"),
    ]


@pytest.mark.parametrize(
    ("text", "mention", "low", "high", "currency"),
    [
        ("the RMB30,000–40,000 price range", "RMB30,000–40,000", 3e4, 4e4, "CNY"),
        ("between $40-50 billion", "$40-50 billion", 4e10, 5e10, "USD"),
        ("$40 million-$50 million", "$40 million-$50 million", 4e7, 5e7, "USD"),
    ],
)
def test_ranges_give_both_ends(text, mention, low, high, currency):
    assert amounts(text) == [(mention, low, currency), (mention, high, currency)]


def test_falling_dash_is_not_a_range():
    assert amounts("it spent $10 billion - 2021 was") == [("$10 billion", 1e10, "USD")]


def test_yen_sign_by_context():
    assert amounts("¥500 billion, the Tokyo firm said")[0][2] == "JPY"
    assert amounts("¥5 billion for the Chinese yuan market in Beijing")[0][2] == "CNY"
    assert amounts("¥500 billion")[0][2] == "JPY"


def test_offsets_point_at_the_mention():
    text = "Following US $1.5 billion, RMB 108 billion (US $16.5 billion) and RMB30,000–40,000."
    facts = extract_money("a", text, PUBLISHED, RUN)
    assert len(facts) == 5
    for fact in facts:
        assert text[fact.start_char : fact.end_char] == fact.mention_text


def test_usd_at_the_published_dates_reference_rate():
    (fact,) = extract_money("a", "RMB10 billion", PUBLISHED, RUN)
    expected = currency_converter().convert(1e10, "CNY", "USD", date=PUBLISHED)
    assert fact.amount_usd == pytest.approx(expected)
    assert fact.amount_usd == pytest.approx(1.52e9, rel=0.01)  # STACK.md: 1e10 CNY = 1.52e9 USD on 2021-03-30
    assert fact.rate_date == PUBLISHED
    (usd,) = extract_money("a", "$5", PUBLISHED, RUN)
    assert (usd.amount_usd, usd.rate_date) == (5.0, PUBLISHED)


def test_run_date_without_published_date_and_clamped_rate_date():
    (fact,) = extract_money("a", "€1m", None, date(2021, 3, 30))
    assert fact.rate_date == date(2021, 3, 30)
    bounds = currency_converter().bounds["EUR"]
    (late,) = extract_money("a", "€1m", None, date(2199, 1, 1))
    assert late.rate_date == bounds.last_date and late.amount_usd is not None


def test_no_rate_means_no_usd():
    (fact,) = extract_money("a", "NT$5 billion", PUBLISHED, RUN)
    assert fact.currency == "TWD"
    assert to_usd(1.0, "TWD", PUBLISHED) == (None, None)
    assert (fact.amount_usd, fact.rate_date) == (None, None)


def test_seed_money_f1_floor():
    docs, names, gold = gold_body_documents()
    score = score_numeric_facts(docs, names, gold).fields["money"]
    assert score.f1 >= SEED_MONEY_F1_FLOOR, score


@pytest.mark.parametrize(
    ("places", "currency"),
    [
        (["Winnipeg", "Quebec", "Canada", "Ottawa"], "CAD"),  # a story from Canada
        (["Sydney", "Australia", "U.S."], "AUD"),
        (["Winnipeg", "Boston", "U.S.", "Texas"], "USD"),  # more US places than Canadian ones
        (["Ottawa"], "USD"),  # one place says too little
        (["Liberia", "Monrovia", "Sierra Leone"], "USD"),  # a dollar the ECB does not rate: quoted in USD
        ([], "USD"),
    ],
)
def test_a_bare_dollar_sign_is_the_dollar_of_the_articles_country(places, currency):
    facts = extract_money("a", "a $7 million plan and US$2 million more", PUBLISHED, RUN, places)
    assert [(f.amount, f.currency) for f in facts] == [(7e6, currency), (2e6, "USD")]
