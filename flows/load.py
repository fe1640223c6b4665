"""Load stage: write validated batches into the DuckDB warehouse and publish it atomically.

Called by the pipeline's load task. DuckDB allows one writer or many readers
per file, and BI tools hold read-only connections while scheduled runs load.
So a run never writes the published file: it copies it to a staging file
beside it, bulk-loads every batch there (Arrow tables, one transaction per
batch), records the run, checkpoints, and then renames the staging file over
the published one. The rename is atomic: a reader sees the previous complete
state until it reconnects and the new one after; a crash leaves the published
file untouched and only a stale staging file behind. A lock file lets one run
at a time publish; a second run waits for it, then fails with a clear message.
Whoever takes the lock first deletes the staging files of runs that were killed.

The file is written in DuckDB's v1.4 storage format so DuckDB 1.4/1.5 clients
and the JDBC/ODBC drivers bundled in BI tools can open it. File paths and
values reach DuckDB only through its API and bound parameters, never as SQL text.
"""

from __future__ import annotations

import fcntl
import glob
import os
import shutil
import time
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path

import duckdb
import pandas as pd
import pyarrow as pa_arrow

from flows.resources import SQL_DIR
from schemas.ddl import arrow_schema, primary_key, warehouse_ddl
from schemas.tables import TABLES

STORAGE_COMPATIBILITY_VERSION = "v1.4.0"
# Macros first, then views before the views that read them.
SQL_FILES = (
    "sentence_bounds", "article_facts", "entity_facts", "money_by_organization", "corroborated_facts",
    "quote_book", "timeline",
)
LOCK_POLL_SECONDS = 0.5


class WarehouseBusy(RuntimeError):
    """Another run holds the warehouse lock for longer than we are willing to wait."""


def lock_path(warehouse: Path) -> Path:
    return warehouse.with_name(warehouse.name + ".lock")


def staging_path(warehouse: Path, run_id: str) -> Path:
    return warehouse.with_name(f".{warehouse.name}.{run_id}.staging")


def remove_stale_staging(warehouse: Path) -> list[Path]:
    """Delete the staging files (and their WALs) that killed runs left; returns them.

    Only the holder of the writer lock writes a staging file, so when we hold it
    every other staging file belongs to a run that died before publishing.
    """
    stale = sorted(warehouse.parent.glob(f".{glob.escape(warehouse.name)}.*.staging*"))
    for path in stale:
        if path.is_dir():  # DuckDB's spill directory, <staging>.tmp
            shutil.rmtree(path, ignore_errors=True)
        else:
            path.unlink(missing_ok=True)
    return stale


@contextmanager
def warehouse_lock(warehouse: Path, wait_seconds: float) -> Iterator[None]:
    """Hold the warehouse's writer lock; the OS releases it if the process dies."""
    warehouse.parent.mkdir(parents=True, exist_ok=True)
    with open(lock_path(warehouse), "a") as handle:
        deadline = time.monotonic() + wait_seconds
        while True:
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    raise WarehouseBusy(
                        f"{warehouse} is being loaded by another newsfacts run (lock {lock_path(warehouse)} held "
                        f"for over {wait_seconds:.0f} s); try again when it has finished"
                    ) from None
                time.sleep(LOCK_POLL_SECONDS)
        remove_stale_staging(warehouse)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def connect(path: Path, read_only: bool = False) -> duckdb.DuckDBPyConnection:
    config = {} if read_only else {"storage_compatibility_version": STORAGE_COMPATIBILITY_VERSION}
    return duckdb.connect(str(path), read_only=read_only, config=config)


def open_staging(warehouse: Path, run_id: str) -> tuple[duckdb.DuckDBPyConnection, Path]:
    """A writable copy of the published warehouse (or a new one), with every table created."""
    staging = staging_path(warehouse, run_id)
    staging.unlink(missing_ok=True)
    if warehouse.exists():
        shutil.copyfile(warehouse, staging)
    con = connect(staging)
    for statement in warehouse_ddl():
        con.execute(statement)
    create_views(con)
    return con, staging


def create_views(con: duckdb.DuckDBPyConnection) -> None:
    for name in SQL_FILES:
        con.execute((SQL_DIR / f"{name}.sql").read_text())


def publish(con: duckdb.DuckDBPyConnection, staging: Path, warehouse: Path) -> None:
    con.execute("CHECKPOINT")
    con.close()
    with open(staging, "rb") as handle:
        os.fsync(handle.fileno())
    os.replace(staging, warehouse)
    directory = os.open(warehouse.parent, os.O_RDONLY)
    try:
        os.fsync(directory)
    finally:
        os.close(directory)


def discard(staging: Path) -> None:
    staging.unlink(missing_ok=True)
    staging.with_name(staging.name + ".wal").unlink(missing_ok=True)


def to_arrow(table: str, df: pd.DataFrame) -> pa_arrow.Table:
    return pa_arrow.Table.from_pandas(df, schema=arrow_schema(TABLES[table]), preserve_index=False)


# An entity met again under a fuller name ("Acme Corporation" after "Acme") takes that name.
ON_CONFLICT = {
    "entities": "ON CONFLICT (entity_id) DO UPDATE SET name = excluded.name "
                "WHERE length(excluded.name) > length(entities.name)",
}


def insert_sql(table: str) -> str:
    """A plain insert, but for entities, which many articles share.

    Keyed rows are new by construction: ingest skips every article already
    loaded (or met earlier in the run), and `write_tables` drops a key repeated
    within a batch. `INSERT OR IGNORE` would check every key against the whole
    table, a cost that grows with the warehouse (2 k rows into a 3-column key:
    40 ms with 60 k rows there, 80 ms with 600 k; a plain insert 13 and 27 ms);
    the key is still enforced, so a row already there fails the batch loudly.
    """
    if table in ON_CONFLICT:
        return f"INSERT INTO {table} BY NAME SELECT * FROM batch_rows {ON_CONFLICT[table]}"
    return f"INSERT INTO {table} BY NAME SELECT * FROM batch_rows"


def write_tables(con: duckdb.DuckDBPyConnection, frames: Mapping[str, pd.DataFrame]) -> dict[str, int]:
    """Bulk-load every non-empty frame in one transaction; returns rows written per table."""
    written: dict[str, int] = {}
    con.execute("BEGIN TRANSACTION")
    try:
        for table in TABLES:
            df = frames.get(table)
            if df is None or df.empty:
                continue
            if key := primary_key(TABLES[table]):
                df = df.drop_duplicates(key)
            con.register("batch_rows", to_arrow(table, df))
            con.execute(insert_sql(table))
            con.unregister("batch_rows")
            written[table] = len(df)
        con.execute("COMMIT")
    except BaseException:
        con.execute("ROLLBACK")
        raise
    return written


def known_article_ids(con: duckdb.DuckDBPyConnection) -> set[str]:
    return {row[0] for row in con.execute("SELECT article_id FROM articles").fetchall()}


def site_history(con: duckdb.DuckDBPyConnection) -> dict[str, dict[str, int]]:
    """How many loaded articles of each site hold each block fingerprint ."""
    rows = con.execute(
        "SELECT source_key, fingerprint, count(DISTINCT article_id) FROM block_fingerprints "
        "GROUP BY ALL"
    ).fetchall()
    history: dict[str, dict[str, int]] = {}
    for source_key, fingerprint, articles in rows:
        history.setdefault(source_key, {})[fingerprint] = articles
    return history


def table_counts(con: duckdb.DuckDBPyConnection) -> dict[str, int]:
    return {table: con.execute(f"SELECT count(*) FROM {table}").fetchone()[0] for table in TABLES}
