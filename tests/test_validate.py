from datetime import date

import pandas as pd

from flows.frames import frame_for
from flows.validate import validate_batch
from schemas.cross_table import BatchContext

TEXT = "Xiaomi will invest US $10 billion."
ARTICLE = "a" * 64


def article_row(**overrides):
    row = dict(article_id=ARTICLE, source_name="x.txt", source_path="/in/x.txt", source_url=None, input_format="text",
               title=None, published_date=date(2021, 3, 30), authors=None, publisher=None, raw_text=TEXT,
               clean_text=TEXT, ingested_at=pd.Timestamp("2026-01-01"), run_id="r")
    return row | overrides


def money_row(**overrides):
    row = dict(article_id=ARTICLE, mention_text="US $10 billion", start_char=19, end_char=33, amount=1e10,
               currency="USD", amount_usd=1e10, rate_date=date(2021, 3, 30))
    return row | overrides


def validate(articles, money):
    frames = {"articles": frame_for("articles", articles), "money_facts": frame_for("money_facts", money)}
    return validate_batch(frames, BatchContext(clean_texts={ARTICLE: TEXT}), "r")


def test_valid_rows_pass_untouched():
    checked = validate([article_row()], [money_row()])
    assert len(checked.frames["money_facts"]) == 1
    assert checked.rejected.empty


def test_each_bad_row_is_rejected_with_its_check_and_the_rest_go_on():
    checked = validate(
        [article_row()],
        [money_row(), money_row(currency="RMB"), money_row(amount=-5.0), money_row(start_char=18),
         money_row(article_id="b" * 64), money_row(currency="CNY", amount_usd=None)],
    )
    assert len(checked.frames["money_facts"]) == 1
    assert sorted(checked.rejected["check_name"]) == sorted([
        "currency:isin", "amount:greater_than", "mention_matches_clean_text", "article_exists",
        "amount_usd_present_when_rate_exists",
    ])
    assert set(checked.rejected["table_name"]) == {"money_facts"}
    assert '"currency":"RMB"' in " ".join(checked.rejected["row_json"])


def test_a_rejected_article_takes_its_facts_with_it():
    checked = validate([article_row(input_format="pdf")], [money_row()])
    assert checked.frames["articles"].empty and checked.frames["money_facts"].empty
    assert list(checked.rejected["check_name"]) == ["input_format:isin", "article_exists"]
