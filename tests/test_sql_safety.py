"""Values never become SQL code: hostile paths and texts travel as data, never as statement text.

Audit (flows/, schemas/, sql/): the only SQL built from strings interpolates
table and column names from `schemas.tables` and column descriptions quoted by
`schemas.ddl.sql_literal` (COMMENT ON takes no parameters); paths go through
`duckdb.connect` and `write_parquet`; rows go in as registered Arrow tables.
This test loads a batch whose every text field holds SQL and checks every
statement DuckDB is asked to run: none holds any of it.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import duckdb
import pytest

from flows import frames, load, validate
from flows.ingest import IngestError, article_id_for
from flows.records import CleanedDocument, Entity, EntityMention, Facts, Quote, RawDocument
from schemas.cross_table import BatchContext

INJECTIONS = (
    "'); DROP TABLE articles; --",
    "Robert'); DROP TABLE entities;--",
    "\"; DELETE FROM quotes; SELECT \"",
    "$1 $name ? :name %s {table} \\' \\\\",
    "x' || (SELECT count(*) FROM articles) || '",
    "nul\x00byte and emoji \U0001F4B0 and RTL \u202e",
)


class TracingConnection:
    """A DuckDB connection that records the text of every statement it is given."""

    def __init__(self, connection: duckdb.DuckDBPyConnection, statements: list[str]):
        self._connection, self._statements = connection, statements

    def execute(self, query, *args, **kwargs):
        self._statements.append(str(query))
        return self._connection.execute(query, *args, **kwargs)

    def executemany(self, query, *args, **kwargs):
        self._statements.append(str(query))
        return self._connection.executemany(query, *args, **kwargs)

    def sql(self, query, *args, **kwargs):
        self._statements.append(str(query))
        return self._connection.sql(query, *args, **kwargs)

    def __getattr__(self, name):
        return getattr(self._connection, name)

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self._connection.close()


@pytest.fixture
def traced_statements(monkeypatch) -> list[str]:
    statements: list[str] = []
    real_connect = duckdb.connect
    monkeypatch.setattr(duckdb, "connect", lambda *a, **k: TracingConnection(real_connect(*a, **k), statements))
    return statements


def hostile_batch(directory: Path):
    body = "\n\n".join(f"Paragraph {k}: Acme said {text} on Monday." for k, text in enumerate(INJECTIONS))
    name = INJECTIONS[1]
    clean_text = f"{name} runs Acme. {body}"
    raw_text = f"{INJECTIONS[0]}\n\n{clean_text}\n"
    article_id = article_id_for(raw_text)
    raw = RawDocument(article_id, INJECTIONS[0] + ".txt", str(directory / INJECTIONS[0] / "a.txt"), raw_text, "text",
                      source_key=INJECTIONS[2])
    cleaned = CleanedDocument(article_id, clean_text, title=INJECTIONS[0], authors=(INJECTIONS[3],), publisher=INJECTIONS[4],
                              fingerprints=(INJECTIONS[4],))
    quote_start = clean_text.index(INJECTIONS[2])
    facts = Facts(
        entities=[Entity("org_0123456789abcdef", name, "ORG")],
        entity_mentions=[EntityMention(article_id, name, 0, len(name), entity_id="org_0123456789abcdef")],
        quotes=[Quote(article_id, INJECTIONS[2], quote_start, quote_start + len(INJECTIONS[2]), speaker_name=INJECTIONS[5])],
    )
    errors = [IngestError(str(directory / f"{text}.txt"), text) for text in INJECTIONS]
    return raw, cleaned, facts, errors


def load_batch(warehouse: Path, raw, cleaned, facts, errors) -> None:
    """What the pipeline's open, load and publish tasks do, without Prefect."""
    with load.warehouse_lock(warehouse, wait_seconds=0):
        con, staging = load.open_staging(warehouse, "run-1")
        load.known_article_ids(con), load.site_history(con)
        tables = frames.article_frames([(raw, cleaned)], "run-1", datetime(2026, 11, 21))
        tables |= frames.fact_frames(facts)
        tables["ingest_errors"] = frames.ingest_error_frame(errors, "run-1")
        checked = validate.validate_batch(tables, BatchContext(clean_texts={raw.article_id: cleaned.clean_text}), "run-1")
        assert checked.rejected.empty, checked.rejected.to_dict("records")
        load.write_tables(con, checked.frames)
        load.table_counts(con)
        load.publish(con, staging, warehouse)


def test_hostile_text_is_loaded_as_data_and_never_reaches_sql_text(tmp_path, traced_statements):
    raw, cleaned, facts, errors = hostile_batch(tmp_path)
    warehouse = tmp_path / (INJECTIONS[0].replace("/", "_") + ".duckdb")
    load_batch(warehouse, raw, cleaned, facts, errors)

    assert len(traced_statements) > 10
    leaked = [(text, sql) for sql in traced_statements for text in INJECTIONS if text in sql]
    assert leaked == []
    with load.connect(warehouse, read_only=True) as con:
        assert con.execute("SELECT source_name, source_path, raw_text, clean_text, title, authors, publisher FROM articles").fetchall() == [
            (raw.source_name, raw.source_path, raw.raw_text, cleaned.clean_text, cleaned.title, cleaned.authors[0], cleaned.publisher)]
        assert con.execute("SELECT name FROM entities").fetchall() == [(INJECTIONS[1],)]
        assert con.execute("SELECT quote_text, speaker_name FROM quotes").fetchall() == [(INJECTIONS[2], INJECTIONS[5])]
        assert sorted(con.execute("SELECT reason FROM ingest_errors").fetchall()) == sorted((text,) for text in INJECTIONS)
        assert con.execute("SELECT source_key, fingerprint FROM block_fingerprints").fetchall() == [(INJECTIONS[2], INJECTIONS[4])]
