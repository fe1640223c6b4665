"""Checks that need more than one table, run by `flows.validate` before the load commits.

Each check is named (the name lands in rejected_rows.check_name) and returns a
boolean mask of the rows that FAIL it, given the table's frame and the batch context.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

import pandas as pd


@dataclass
class BatchContext:
    """What a row may refer to: articles and entities already loaded or valid in this batch."""

    article_ids: set[str] = field(default_factory=set)
    entity_ids: set[str] = field(default_factory=set)
    clean_texts: Mapping[str, str] = field(default_factory=dict)


CrossCheck = Callable[[pd.DataFrame, BatchContext], pd.Series]


def missing_article(df: pd.DataFrame, context: BatchContext) -> pd.Series:
    return ~df["article_id"].isin(context.article_ids)


def missing_entity_in(*columns: str, nullable: bool = False) -> CrossCheck:
    def check(df: pd.DataFrame, context: BatchContext) -> pd.Series:
        failing = pd.Series(False, index=df.index)
        for column in columns:
            unknown = ~df[column].isin(context.entity_ids)
            failing |= unknown & df[column].notna() if nullable else unknown
        return failing

    return check


def slice_differs(text_column: str) -> CrossCheck:
    """The fact's text must be exactly clean_text[start_char:end_char] of its article."""

    def check(df: pd.DataFrame, context: BatchContext) -> pd.Series:
        def differs(row) -> bool:
            text = context.clean_texts.get(row.article_id)
            return text is None or text[row.start_char : row.end_char] != getattr(row, text_column)

        return pd.Series([differs(row) for row in df.itertuples(index=False)], index=df.index, dtype=bool)

    return check


FACT_CHECKS: dict[str, CrossCheck] = {
    "article_exists": missing_article,
    "mention_matches_clean_text": slice_differs("mention_text"),
}

CROSS_TABLE_CHECKS: dict[str, dict[str, CrossCheck]] = {
    "boilerplate_blocks": {"article_exists": missing_article},
    "block_fingerprints": {"article_exists": missing_article},
    "entity_mentions": {**FACT_CHECKS, "entity_exists": missing_entity_in("entity_id")},
    "dropped_mentions": FACT_CHECKS,
    "money_facts": FACT_CHECKS,
    "quantity_facts": FACT_CHECKS,
    "date_facts": FACT_CHECKS,
    "quotes": {
        "article_exists": missing_article,
        "quote_matches_clean_text": slice_differs("quote_text"),
        "entity_exists": missing_entity_in("speaker_entity_id", nullable=True),
    },
    "roles": {
        "article_exists": missing_article,
        "mention_matches_clean_text": slice_differs("mention_text"),
        "entity_exists": missing_entity_in("person_entity_id", "org_entity_id"),
    },
}
