"""The analysis views in sql/ on a small hand-made warehouse, where the right answer is known."""

import re
from datetime import date

import pandas as pd
import pytest

from flows.frames import frame_for
from flows.load import open_staging, write_tables

RUN = "r"


def article(article_id, source_name, text):
    return dict(article_id=article_id * 64, source_name=source_name, source_path=source_name, source_url=None,
                input_format="text", title=None, published_date=date(2024, 5, 1), authors=None, publisher=None,
                raw_text=text, clean_text=text, ingested_at=pd.Timestamp("2026-01-01"), run_id=RUN)


def span(article_id, text, mention):
    start = text.index(mention)
    return dict(article_id=article_id * 64, mention_text=mention, start_char=start, end_char=start + len(mention))


def money(article_id, text, mention, amount):
    return span(article_id, text, mention) | dict(amount=amount, currency="USD", amount_usd=amount,
                                                  rate_date=date(2024, 5, 1))


TEXTS = {
    "a": "Acme raised $100 million. Acme hired 200 staff. Acme is 10 years old.",
    "b": "Acme raised $101 million in May. Acme hired 210 staff. Acme is 11 years old.",
    "c": "Acme raised $150 million, a rival said.",
}


@pytest.fixture
def con(tmp_path):
    con, _ = open_staging(tmp_path / "w.duckdb", RUN)
    mentions = [dict(article_id=key * 64, mention_text="Acme", start_char=m.start(), end_char=m.end(), entity_id="acme")
                for key, text in TEXTS.items() for m in re.finditer("Acme", text)]
    tables = {
        "articles": [article(key, f"{key}.txt", text) for key, text in TEXTS.items()],
        "entities": [dict(entity_id="acme", name="Acme", entity_type="ORG")],
        "entity_mentions": mentions,
        "money_facts": [money("a", TEXTS["a"], "$100 million", 1e8), money("b", TEXTS["b"], "$101 million", 1.01e8),
                        money("c", TEXTS["c"], "$150 million", 1.5e8)],
        "quantity_facts": [span("a", TEXTS["a"], "200 staff") | dict(kind="count", value=200.0, unit="staff"),
                           span("b", TEXTS["b"], "210 staff") | dict(kind="count", value=210.0, unit="staff"),
                           span("a", TEXTS["a"], "10 years") | dict(kind="measure", value=10.0, unit="years"),
                           span("b", TEXTS["b"], "11 years") | dict(kind="measure", value=11.0, unit="years")],
    }
    write_tables(con, {name: frame_for(name, rows) for name, rows in tables.items()})
    yield con
    con.close()


def test_corroborated_within_2_percent_conflicting_within_10_percent_durations_left_out(con):
    found = con.execute("""
        SELECT measure, first_value, second_value, is_corroborated, is_conflicting, first_source, second_source
        FROM corroborated_facts ORDER BY measure""").fetchall()
    assert found == [
        ("count:staff", 200.0, 210.0, False, True, "a.txt", "b.txt"),
        ("money:USD", 1e8, 1.01e8, True, False, "a.txt", "b.txt"),
    ]


def test_money_by_organization_shows_the_sentence_of_each_amount(con):
    found = con.execute("SELECT organization, amount_usd, sentence FROM money_by_organization ORDER BY amount").fetchall()
    assert found == [("Acme", 1e8, "Acme raised $100 million."), ("Acme", 1.01e8, "Acme raised $101 million in May."),
                     ("Acme", 1.5e8, "Acme raised $150 million, a rival said.")]


def test_article_facts_counts_each_kind_per_article(con):
    found = con.execute("SELECT source_name, entity_mentions, money_facts, quantity_facts FROM article_facts ORDER BY 1")
    assert found.fetchall() == [("a.txt", 3, 1, 2), ("b.txt", 3, 1, 2), ("c.txt", 1, 1, 0)]
