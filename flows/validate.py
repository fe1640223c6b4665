"""Validate stage: check every table's rows against its pandera model and the cross-table checks.

Called by the pipeline's load task on each batch before anything is written.
Rows that fail go to `rejected_rows` with the check's name and message; the
rest go on. Nothing is dropped silently: a row is either valid or rejected.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import pandas as pd
import pandera.pandas as pa

from schemas.cross_table import CROSS_TABLE_CHECKS, BatchContext
from schemas.tables import TABLES, RejectedRows


@dataclass
class ValidatedBatch:
    frames: dict[str, pd.DataFrame]  # valid rows per table
    rejected: pd.DataFrame  # rows of every table that failed, as RejectedRows


def rejected_frame(rows: list[dict]) -> pd.DataFrame:
    columns = list(RejectedRows.to_schema().columns)
    return pd.DataFrame(rows, columns=columns).astype({column: "str" for column in columns})


def rejections(table: str, df: pd.DataFrame, failing: pd.Series, check: str, message: str, run_id: str) -> list[dict]:
    return [
        {"table_name": table, "row_json": df.loc[[index]].to_json(orient="records", date_format="iso", force_ascii=False)[1:-1],
         "check_name": check, "message": message, "run_id": run_id}
        for index in failing[failing].index
    ]


def check_name(schema_context: str, column, check) -> str:
    """'currency:isin' for a column check, 'span_is_ordered' for a row check; arguments left out."""
    base = str(check).split("(")[0]
    return f"{column}:{base}" if schema_context == "Column" and isinstance(column, str) else base


def schema_failures(table: str, df: pd.DataFrame) -> list[tuple[pd.Series, str, str]]:
    """(failing-row mask, check name, message) for each failed check of the table's model."""
    try:
        TABLES[table].validate(df, lazy=True)
    except pa.errors.SchemaErrors as errors:
        cases = errors.failure_cases
        cases = cases.assign(check_name=[check_name(*row) for row in cases[["schema_context", "column", "check"]].itertuples(index=False)])
        failures = []
        for name, group in cases.groupby("check_name", sort=False):
            indexes = group["index"].dropna()
            # A failure with no row index (missing column, wrong dtype) concerns every row.
            mask = df.index.isin(indexes) if len(indexes) == len(group) else [True] * len(df)
            sample = ", ".join(map(str, group["failure_case"].drop_duplicates().head(3)))
            failures.append((pd.Series(mask, index=df.index), name, f"{table}: {name} failed for {sample}"))
        return failures
    return []


def cross_table_failures(table: str, df: pd.DataFrame, context: BatchContext) -> list[tuple[pd.Series, str, str]]:
    return [
        (check(df, context), name, f"{table}: {name.replace('_', ' ')} failed")
        for name, check in CROSS_TABLE_CHECKS.get(table, {}).items()
    ]


def validate_table(table: str, df: pd.DataFrame, context: BatchContext, run_id: str) -> tuple[pd.DataFrame, list[dict]]:
    rejected_rows: list[dict] = []
    failing_any = pd.Series(False, index=df.index)
    for failing, check, message in schema_failures(table, df) + cross_table_failures(table, df, context):
        new = failing & ~failing_any  # a row is rejected once, for the first check it fails
        rejected_rows += rejections(table, df, new, check, message, run_id)
        failing_any |= failing
    return df[~failing_any], rejected_rows


def validate_batch(frames: Mapping[str, pd.DataFrame], context: BatchContext, run_id: str) -> ValidatedBatch:
    """Validate tables parents first, so a rejected article also rejects its facts."""
    valid: dict[str, pd.DataFrame] = {}
    rejected: list[dict] = []
    for table in TABLES:
        if table not in frames:
            continue
        valid[table], table_rejections = validate_table(table, frames[table], context, run_id)
        rejected += table_rejections
        if table == "articles":
            context.article_ids |= set(valid[table]["article_id"])
        if table == "entities":
            context.entity_ids |= set(valid[table]["entity_id"])
    return ValidatedBatch(valid, rejected_frame(rejected))
