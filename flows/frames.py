"""Turn stage records into one DataFrame per warehouse table.

Called by the pipeline between extract and validate. Column names and order
come from the pandera models; this module only gives each column the pandas
dtype its model declares (an all-None column would otherwise be `object`).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import fields
from datetime import datetime
from functools import lru_cache

import pandas as pd

from flows.records import CleanedDocument, Facts, RawDocument
from schemas.ddl import columns_of
from schemas.tables import TABLES

PANDAS_DTYPES = {"STRING": "str", "Int64": "int64", "Float64": "float64", "Bool": "bool"}


def frame_for(table: str, rows: Iterable[dict]) -> pd.DataFrame:
    columns = columns_of(TABLES[table])
    df = pd.DataFrame(list(rows), columns=list(columns))
    dtypes = {name: PANDAS_DTYPES[type(column.dtype).__name__] for name, column in columns.items()
              if type(column.dtype).__name__ in PANDAS_DTYPES}
    return df.astype(dtypes)


def row_of(record) -> dict:
    """A flat record's fields as a dict: `dataclasses.asdict` without its deep copy of every value
    (which took about 2 % of a pipeline run's CPU time here; the records hold no nested records)."""
    return {name: getattr(record, name) for name in field_names(type(record))}


@lru_cache(maxsize=None)
def field_names(record_type: type) -> tuple[str, ...]:
    return tuple(f.name for f in fields(record_type))


def article_frames(
    pairs: Sequence[tuple[RawDocument, CleanedDocument]], run_id: str, ingested_at: datetime
) -> dict[str, pd.DataFrame]:
    """articles, boilerplate_blocks and block_fingerprints rows for a batch of cleaned documents."""
    articles, blocks, fingerprints = [], [], []
    for raw, cleaned in pairs:
        articles.append({
            **row_of(raw),
            "source_url": raw.source_url,
            "title": cleaned.title,
            "published_date": cleaned.published_date,
            "authors": "; ".join(cleaned.authors) or None,
            "publisher": cleaned.publisher,
            "language": cleaned.language,
            "body_fallback": cleaned.body_fallback,
            "clean_text": cleaned.clean_text,
            "ingested_at": ingested_at,
            "run_id": run_id,
        })
        blocks += [{"article_id": raw.article_id, "position": block.position, "block_text": block.text,
                    "reason": block.reason} for block in cleaned.removed]
        fingerprints += [{"source_key": raw.source_key, "fingerprint": fingerprint, "article_id": raw.article_id}
                         for fingerprint in dict.fromkeys(cleaned.fingerprints)]
    return {
        "articles": frame_for("articles", articles),
        "boilerplate_blocks": frame_for("boilerplate_blocks", blocks),
        "block_fingerprints": frame_for("block_fingerprints", fingerprints),
    }


def fact_frames(facts: Facts) -> dict[str, pd.DataFrame]:
    return {table: frame_for(table, map(row_of, getattr(facts, table))) for table in (
        "entities", "entity_mentions", "dropped_mentions", "money_facts", "quantity_facts", "date_facts", "quotes",
        "roles")}


def ingest_error_frame(errors: Iterable, run_id: str) -> pd.DataFrame:
    return frame_for("ingest_errors", ({**row_of(error), "run_id": run_id} for error in errors))


def pipeline_run_frame(summary: dict) -> pd.DataFrame:
    row = {**summary, "counts_json": json.dumps(summary["counts"], sort_keys=True)}
    return frame_for("pipeline_runs", [row])
