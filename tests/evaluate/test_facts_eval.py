"""The facts scorer implements GUIDELINES.md "Scoring": identity, one perturbation per rule, warehouse input."""

from __future__ import annotations

import dataclasses
import json
from datetime import date
from pathlib import Path

import duckdb
import pytest

from flows.evaluate.facts import (
    FIELDS,
    PredictedEntity,
    PredictedMoney,
    PredictedQuote,
    format_report,
    load_gold,
    normalise_name,
    predicted_from_facts,
    predicted_from_gold,
    predicted_from_warehouse,
    score_facts,
    titles_match,
)
from flows.records import (
    CleanedDocument,
    DateFact,
    Entity,
    EntityMention,
    Facts,
    MoneyFact,
    QuantityFact,
    Quote,
    Role,
)

GOLD_DIR = Path(__file__).resolve().parents[1] / "gold" / "seeds"
XIAOMI_PR = "000_b6009c4cd40f569b"
XIAOMI_BLOG = "003_cb4f955ac93e7580"


@pytest.fixture(scope="module")
def gold():
    return load_gold(GOLD_DIR)


def f1s(report):
    return {name: score.f1 for name, score in report.fields.items()}


def replace_article(predicted, article, **changes):
    out = dict(predicted)
    out[article] = dataclasses.replace(predicted[article], **changes)
    return out


def test_gold_against_itself_is_perfect(gold):
    report = score_facts(gold, predicted_from_gold(gold))
    assert len(gold) == 5
    for name in FIELDS:
        assert report.fields[name].f1 == 1.0, name
        assert report.fields[name].tp > 0, name
    assert report.macro_f1 == 1.0
    assert all(meta.agree == meta.total for meta in report.metadata.values())
    # Metadata the gold leaves null is not scored: one seed names its authors.
    assert (report.metadata["title"].total, report.metadata["authors"].total) == (5, 1)


def test_missing_money_lowers_only_money_recall(gold):
    predicted = predicted_from_gold(gold)
    money = predicted[XIAOMI_PR].money
    report = score_facts(gold, replace_article(predicted, XIAOMI_PR, money=money[1:]))
    assert report.fields["money"].fn == 1
    assert report.fields["money"].fp == 0
    assert report.fields["money"].precision == 1.0
    assert report.fields["money"].recall < 1.0
    assert {n: v for n, v in f1s(report).items() if v < 1.0} == {"money": report.fields["money"].f1}


def test_alias_left_as_separate_entity_is_a_false_positive(gold):
    predicted = predicted_from_gold(gold)
    persons = (PredictedEntity("Lei Jun", ("Lei",)), PredictedEntity("Leibsk"))
    report = score_facts(gold, replace_article(predicted, XIAOMI_BLOG, persons=(*predicted[XIAOMI_BLOG].persons, *persons)))
    # "Lei Jun" repeats an entity already predicted (counts once); "Leibsk" is
    # an alias of Lei Jun left as its own entity.
    assert report.fields["persons"].fp == 1
    assert report.fields["persons"].fn == 0
    assert {n for n, v in f1s(report).items() if v < 1.0} == {"persons"}


def test_entity_matches_through_any_mention_text(gold):
    predicted = predicted_from_gold(gold)
    orgs = tuple(
        PredictedEntity("Xiaomi Corp. Ltd", ("Xiaomi's",)) if o.name == "Xiaomi" else o
        for o in predicted[XIAOMI_PR].organizations
    )
    persons = (PredictedEntity("Mr. Lei Jun.", ()),)
    report = score_facts(gold, replace_article(predicted, XIAOMI_PR, organizations=orgs, persons=persons))
    assert report.fields["organizations"].f1 == 1.0
    assert report.fields["persons"].f1 == 1.0


def test_wrong_currency_is_a_miss_and_an_extra(gold):
    predicted = predicted_from_gold(gold)
    money = list(predicted[XIAOMI_PR].money)
    cny = next(i for i, m in enumerate(money) if m.currency == "CNY")
    money[cny] = PredictedMoney(money[cny].amount, "HKD")
    report = score_facts(gold, replace_article(predicted, XIAOMI_PR, money=tuple(money)))
    assert (report.fields["money"].fp, report.fields["money"].fn) == (1, 1)
    assert {n for n, v in f1s(report).items() if v < 1.0} == {"money"}


def test_money_tolerance_and_repeats(gold):
    predicted = predicted_from_gold(gold)
    money = predicted[XIAOMI_PR].money
    near = tuple(PredictedMoney(m.amount * 1.009, m.currency) for m in money)
    report = score_facts(gold, replace_article(predicted, XIAOMI_PR, money=near + near))
    assert report.fields["money"].f1 == 1.0
    far = tuple(PredictedMoney(m.amount * 1.02, m.currency) for m in money)
    report = score_facts(gold, replace_article(predicted, XIAOMI_PR, money=far))
    assert report.fields["money"].fn == len(money)


def test_role_with_vice_mismatched_lowers_only_roles(gold):
    predicted = predicted_from_gold(gold)
    article = "004_7eb275ecb5f26c0b"
    roles = tuple(
        dataclasses.replace(r, title="Vice President") if r.title == "President" else r
        for r in predicted[article].roles
    )
    report = score_facts(gold, replace_article(predicted, article, roles=roles))
    assert (report.fields["roles"].fp, report.fields["roles"].fn) == (1, 1)
    assert {n for n, v in f1s(report).items() if v < 1.0} == {"roles"}


@pytest.mark.parametrize(
    ("gold_title", "predicted_title", "expected"),
    [
        ("CEO", "chief executive officer", True),
        ("chief executive", "CEO", True),
        ("VP", "vice president", True),
        ("chair", "Chairman", True),
        ("senior analyst", "analyst", True),
        ("President", "Vice President", False),
        ("Chairman", "vice-chairman", False),
        ("director", "acting director", False),
        ("Chief Strategy Officer", "chief financial officer", False),
        ("founder", "co-founder", True),
    ],
)
def test_titles(gold_title, predicted_title, expected):
    assert titles_match(gold_title, predicted_title) is expected


@pytest.mark.parametrize(
    ("a", "b"),
    [("U.S.", "US"), ("Lei Jun.", "Lei Jun"), ("Xiaomi Corporation", "Xiaomi"), ("Dr. Ng", "ng"),
     ("Xiaomi’s", "Xiaomi"), ("Société Générale", "societe generale"), ("The Apple Co", "Apple")],
)
def test_name_normalisation(a, b):
    assert normalise_name(a) == normalise_name(b)


def test_quote_matches_on_speaker_and_start(gold):
    predicted = predicted_from_gold(gold)
    article = "002_4dcea99905ec800a"
    quotes = (
        PredictedQuote("Kang", "Xiaomi wants to find a mature automobile manufacturer to provide model infrastructure"),
        PredictedQuote("Alan Kang", "He added: Xiaomi’s advantages in operating systems and home furnishing also"),
        PredictedQuote("Lei Jun", "Xiaomi wants to find a mature automobile manufacturer, said nobody"),
        PredictedQuote("", "an unattributed quotation is a prediction like any other"),
    )
    report = score_facts(gold, replace_article(predicted, article, quotes=quotes))
    # "Kang" is not a gold form of Alan Kang, "Lei Jun" is the wrong speaker and the
    # unattributed quote has none: three extras, one miss; the second quote matches
    # by containing its `starts`.
    assert (report.fields["quotes"].tp, report.fields["quotes"].fp, report.fields["quotes"].fn) == (13, 3, 1)


def test_missing_article_counts_every_fact_as_missed(gold):
    predicted = predicted_from_gold(gold)
    del predicted[XIAOMI_PR]
    report = score_facts(gold, predicted)
    assert report.missing_articles == (XIAOMI_PR,)
    assert report.fields["money"].fn == 4
    assert report.fields["money"].fp == 0


def test_format_report_lists_misses_and_extras(gold):
    predicted = predicted_from_gold(gold)
    report = score_facts(gold, replace_article(predicted, XIAOMI_PR, percentages=(9.0,), money=()))
    text = format_report(report, detail=True)
    assert "macro" in text and "metadata title" in text
    assert "miss  1.5e+09 USD (US $1.5 billion)" in text
    assert "extra 9" in text
    assert "miss" not in format_report(report, detail=False)


def _tiny_facts():
    doc = CleanedDocument(
        article_id="a1",
        clean_text="Lei Jun, CEO of Xiaomi, said ...",
        title="Mobile phone maker Xiaomi announces new electric vehicle subsidiary",
        published_date=date(2021, 3, 30),
    )
    lei, xiaomi, beijing, china = (
        Entity("p1", "Lei Jun", "PERSON"),
        Entity("o1", "Xiaomi Corporation", "ORG"),
        Entity("l1", "Beijing", "LOCATION"),
        Entity("l2", "China", "LOCATION"),
    )
    mentions = [
        EntityMention("a1", "Lei Jun", 0, 7, entity_id="p1"),
        EntityMention("a1", "Xiaomi", 16, 22, entity_id="o1"),
        EntityMention("a1", "Beijing", 30, 37, entity_id="l1"),
        EntityMention("a1", "mainland China", 40, 54, entity_id="l2"),
    ]
    money = [
        MoneyFact("a1", "US $1.5 billion", 0, 15, amount=1.5e9, currency="USD"),
        MoneyFact("a1", "US $10 billion", 0, 14, amount=1e10, currency="USD"),
        MoneyFact("a1", "RMB 108 billion", 0, 15, amount=1.08e11, currency="CNY"),
        MoneyFact("a1", "US $16.5 billion", 0, 16, amount=1.65e10, currency="USD"),
    ]
    quantities = [QuantityFact("a1", "146 million", 0, 11, kind="count", value=1.46e8, unit="shipments")]
    dates = [DateFact("a1", "March 2021", 0, 10, date_start=date(2021, 3, 1), date_end=date(2021, 3, 31), granularity="month")]
    quotes = [
        Quote("a1", "The decision was made after numerous rounds of deliberation among all our Partners", 0, 10, "Lei Jun", "p1"),
        Quote("a1", "I am willing to put all my personal reputation on the line", 0, 10, "Lei Jun", "p1"),
        Quote("a1", "Smart electric vehicles represent one of the largest business opportunities", 0, 10, "Lei", "p1"),
    ]
    roles = [Role("a1", "p1", "Lei Jun", "chief executive officer", "o1", "Xiaomi Corporation")]
    return doc, Facts([lei, xiaomi, beijing, china], mentions, money, quantities, dates, quotes, roles)


def _load(con, doc, facts, source_name):
    con.execute(
        "CREATE TABLE articles (article_id VARCHAR, source_name VARCHAR, title VARCHAR, published_date DATE,"
        " authors VARCHAR, clean_text VARCHAR)"
    )
    con.execute("CREATE TABLE entities (entity_id VARCHAR, name VARCHAR, entity_type VARCHAR)")
    con.execute(
        "CREATE TABLE entity_mentions (article_id VARCHAR, entity_id VARCHAR, mention_text VARCHAR,"
        " start_char INTEGER, end_char INTEGER)"
    )
    con.execute(
        "CREATE TABLE money_facts (article_id VARCHAR, amount DOUBLE, currency VARCHAR, amount_usd DOUBLE,"
        " mention_text VARCHAR, start_char INTEGER, end_char INTEGER)"
    )
    con.execute("CREATE TABLE quantity_facts (article_id VARCHAR, kind VARCHAR, value DOUBLE, unit VARCHAR)")
    con.execute(
        "CREATE TABLE date_facts (article_id VARCHAR, mention_text VARCHAR, date_start DATE, date_end DATE,"
        " granularity VARCHAR)"
    )
    con.execute(
        "CREATE TABLE quotes (article_id VARCHAR, speaker_entity_id VARCHAR, speaker_name VARCHAR,"
        " quote_text VARCHAR, start_char INTEGER, end_char INTEGER)"
    )
    con.execute(
        "CREATE TABLE roles (article_id VARCHAR, person_entity_id VARCHAR, person_name VARCHAR, title VARCHAR,"
        " org_entity_id VARCHAR, org_name VARCHAR)"
    )
    con.execute(
        "INSERT INTO articles VALUES (?, ?, ?, ?, ?, ?)",
        [doc.article_id, source_name, doc.title, doc.published_date, "; ".join(doc.authors), doc.clean_text],
    )
    con.executemany("INSERT INTO entities VALUES (?, ?, ?)", [[e.entity_id, e.name, e.entity_type] for e in facts.entities])
    con.executemany(
        "INSERT INTO entity_mentions VALUES (?, ?, ?, ?, ?)",
        [[m.article_id, m.entity_id, m.mention_text, m.start_char, m.end_char] for m in facts.entity_mentions],
    )
    con.executemany(
        "INSERT INTO money_facts VALUES (?, ?, ?, ?, ?, ?, ?)",
        [[m.article_id, m.amount, m.currency, None, m.mention_text, m.start_char, m.end_char] for m in facts.money_facts],
    )
    con.executemany(
        "INSERT INTO quantity_facts VALUES (?, ?, ?, ?)",
        [[q.article_id, q.kind, q.value, q.unit] for q in facts.quantity_facts],
    )
    con.executemany(
        "INSERT INTO date_facts VALUES (?, ?, ?, ?, ?)",
        [[d.article_id, d.mention_text, d.date_start, d.date_end, d.granularity] for d in facts.date_facts],
    )
    con.executemany(
        "INSERT INTO quotes VALUES (?, ?, ?, ?, ?, ?)",
        [[q.article_id, q.speaker_entity_id, q.speaker_name, q.quote_text, q.start_char, q.end_char] for q in facts.quotes],
    )
    con.executemany(
        "INSERT INTO roles VALUES (?, ?, ?, ?, ?, ?)",
        [[r.article_id, r.person_entity_id, r.person_name, r.title, r.org_entity_id, r.org_name] for r in facts.roles],
    )


def test_warehouse_and_in_memory_facts_score_the_same(gold):
    doc, facts = _tiny_facts()
    one = {XIAOMI_PR: gold[XIAOMI_PR]}
    con = duckdb.connect()
    _load(con, doc, facts, f"seeds/{XIAOMI_PR}.txt")
    from_warehouse = predicted_from_warehouse(con)
    from_facts = predicted_from_facts([doc], {"a1": f"seeds/{XIAOMI_PR}.txt"}, facts)
    assert set(from_warehouse) == set(from_facts) == {XIAOMI_PR}
    for predicted in (from_warehouse, from_facts):
        report = score_facts(one, predicted)
        scores = f1s(report)
        assert scores["persons"] == scores["organizations"] == scores["locations"] == 1.0
        assert scores["money"] == 1.0
        assert scores["roles"] == 1.0
        # Speakers match by the name the quotes table states, as in the reference
        # scorer: "Lei" is no form of Lei Jun in this article's gold.
        assert (report.fields["quotes"].tp, report.fields["quotes"].fp) == (2, 1)
        assert report.fields["dates"].fp == 0  # a month is not a day
        assert report.fields["percentages"].fp == 0  # a count is not a percentage
        assert report.metadata["title"].agree == 1
        assert report.metadata["published"].agree == 1
        assert report.metadata["authors"].total == 0  # this seed's gold names no authors


def test_warehouse_built_by_the_loader_reads_back_the_same(gold):
    """The real DDL and frame builders, so the scorer follows the warehouse contract as it changes."""
    from datetime import datetime

    from flows.frames import article_frames, fact_frames
    from flows.load import write_tables
    from flows.records import RawDocument
    from schemas.ddl import warehouse_ddl

    doc, facts = _tiny_facts()
    article_id = "a" * 64
    doc = dataclasses.replace(doc, article_id=article_id)
    facts = Facts(
        facts.entities,
        *(
            [dataclasses.replace(row, article_id=article_id) for row in rows]
            for rows in (facts.entity_mentions, facts.money_facts, facts.quantity_facts, facts.date_facts,
                         facts.quotes, facts.roles)
        ),
    )
    raw = RawDocument(article_id, f"{XIAOMI_PR}.txt", f"seeds/{XIAOMI_PR}.txt", "raw text", "text", source_key="seeds")
    con = duckdb.connect()
    for statement in warehouse_ddl():
        con.execute(statement)
    write_tables(con, {**article_frames([(raw, doc)], "run-1", datetime(2026, 11, 21)), **fact_frames(facts)})
    one = {XIAOMI_PR: gold[XIAOMI_PR]}
    from_warehouse = score_facts(one, predicted_from_warehouse(con))
    from_memory = score_facts(one, predicted_from_facts([doc], {article_id: XIAOMI_PR}, facts))
    assert format_report(from_warehouse, detail=True) == format_report(from_memory, detail=True)
    assert from_warehouse.fields["money"].f1 == 1.0


def _reference_scorer():
    """tests/gold/score_facts.py, the scorer held-out sets are scored with, loaded as a module."""
    import importlib.util

    path = Path(__file__).resolve().parents[1] / "gold" / "score_facts.py"
    spec = importlib.util.spec_from_file_location("reference_score_facts", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_agrees_with_the_reference_scorer_on_a_small_warehouse(gold):
    """Every field's tp/fp/fn and the metadata counts equal those of tests/gold/score_facts.py.

    The facts exercise the rules where a scorer can go wrong: a weekday resolved to a
    day (not scored), a numeric date (scored), a month (not a day), an unattributed
    quote, a speaker known only by a gold alias, a role with a wrong title, an
    entity predicted twice under one name, a percentage beside a count.
    """
    from datetime import datetime

    from flows.frames import article_frames, fact_frames
    from flows.load import write_tables
    from flows.records import RawDocument
    from schemas.ddl import warehouse_ddl

    doc, facts = _tiny_facts()
    article_id = "a" * 64
    doc = dataclasses.replace(doc, article_id=article_id, authors=("Jane Roe",))
    extra_dates = [
        DateFact("a1", "on Monday", 0, 9, date_start=date(2021, 3, 29), date_end=date(2021, 3, 29), granularity="day"),
        DateFact("a1", "30/03/2021", 0, 10, date_start=date(2021, 3, 30), date_end=date(2021, 3, 30), granularity="day"),
        DateFact("a1", "March 31", 0, 8, date_start=date(2021, 3, 31), date_end=date(2021, 3, 31), granularity="day"),
    ]
    extra_quotes = [
        Quote("a1", "an unattributed quotation of several words here", 0, 10),
        Quote("a1", "Smart electric vehicles represent one of the largest business opportunities", 0, 10, "Lei Jun", "p1"),
    ]
    extra_roles = [Role("a1", "p1", "Lei Jun", "vice president", "o1", "Xiaomi")]
    extra_entities = [Entity("o2", "Xiaomi Corp", "ORG")]
    extra_mentions = [EntityMention("a1", "Xiaomi Corp", 0, 11, entity_id="o2")]
    quantities = [*facts.quantity_facts, QuantityFact("a1", "9 per cent", 0, 10, kind="percent", value=9.0, unit="%")]
    facts = Facts(
        facts.entities + extra_entities,
        *(
            [dataclasses.replace(row, article_id=article_id) for row in rows]
            for rows in (facts.entity_mentions + extra_mentions, facts.money_facts, quantities,
                         facts.date_facts + extra_dates, facts.quotes + extra_quotes, facts.roles + extra_roles)
        ),
    )
    raw = RawDocument(article_id, f"{XIAOMI_PR}.txt", f"seeds/{XIAOMI_PR}.txt", "raw text", "text", source_key="seeds")
    con = duckdb.connect()
    for statement in warehouse_ddl():
        con.execute(statement)
    write_tables(con, {**article_frames([(raw, doc)], "run-1", datetime(2026, 11, 21)), **fact_frames(facts)})

    ours = score_facts({XIAOMI_PR: gold[XIAOMI_PR]}, predicted_from_warehouse(con))
    reference = _reference_scorer()
    gold_json = [json.loads((GOLD_DIR / f"{XIAOMI_PR}.facts.json").read_text(encoding="utf-8"))]
    tallies, _ = reference.score(reference.load_predictions(con), gold_json)
    for name in FIELDS:
        assert (ours.fields[name].tp, ours.fields[name].fp, ours.fields[name].fn) == (
            tallies[name].tp, tallies[name].fp, tallies[name].fn), name
    assert ours.fields["dates"].tp + ours.fields["dates"].fp == 2  # "on Monday" and the month are left out
    meta = reference.score_metadata(con, gold_json)
    for name, (agree, total) in meta.items():
        assert (ours.metadata[name].agree, ours.metadata[name].total) == (agree, total), name
