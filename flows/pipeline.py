"""The Prefect flow: ingest -> clean -> extract -> validate -> load, one task per batch of articles.

Tasks are thin wrappers around the stage modules; the flow only wires them.
Batches stream through the stages, so the corpus is never held in memory, and
the warehouse is published once, atomically, when every batch is loaded
(see `flows.load`). Tasks take records, paths and ids, never connections.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path

from prefect import flow, get_run_logger, task
from prefect.cache_policies import NO_CACHE
from prefect.runtime import flow_run

from flows import clean, extract, frames, ingest, load, validate
from flows.records import CleanedDocument, Facts, RawDocument
from schemas.cross_table import BatchContext

DEFAULT_BATCH_SIZE = 32  # spaCy's sweet spot is 16-64 documents (STACK.md); Prefect wants few tasks
DEFAULT_LOCK_WAIT_SECONDS = 600.0


@dataclass
class RunSummary:
    run_id: str
    warehouse: str
    started_at: datetime
    inputs_read: int = 0
    articles_new: int = 0
    articles_skipped: int = 0
    inputs_failed: int = 0
    rows_rejected: int = 0
    rows_loaded: dict[str, int] = field(default_factory=dict)
    counts: dict[str, int] = field(default_factory=dict)  # rows per table in the published warehouse
    errors: list[ingest.IngestError] = field(default_factory=list)
    finished_at: datetime | None = None
    seconds: float = 0.0
    status: str = "running"

    def add_loaded(self, written: dict[str, int]) -> None:
        for table, rows in written.items():
            self.rows_loaded[table] = self.rows_loaded.get(table, 0) + rows
        self.rows_rejected += written.get("rejected_rows", 0)

    def as_row(self) -> dict:
        return {**self.__dict__, "counts": self.rows_loaded}


def batched(items: Sequence, size: int) -> Iterator[Sequence]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


@task(name="ingest-batch", cache_policy=NO_CACHE)
def ingest_batch(paths: Sequence[Path], known_ids: set[str]) -> tuple[ingest.IngestResult, int]:
    return ingest.ingest_paths(paths, known_ids)


@task(name="clean-batch", cache_policy=NO_CACHE)
def clean_batch(documents: Sequence[RawDocument], history: dict[str, dict[str, int]]) -> list[CleanedDocument]:
    return clean.clean_documents(documents, history)


@task(name="extract-batch", cache_policy=NO_CACHE)
def extract_batch(documents: Sequence[CleanedDocument], run_date: date) -> Facts:
    return extract.extract_facts(documents, run_date=run_date)


@task(name="load-batch", cache_policy=NO_CACHE)
def load_batch(
    staging: Path,
    raw: Sequence[RawDocument],
    cleaned: Sequence[CleanedDocument],
    facts: Facts,
    errors: Sequence[ingest.IngestError],
    run_id: str,
    ingested_at: datetime,
) -> dict[str, int]:
    """Validate a batch's tables and bulk-load the valid rows and the rejected ones; returns rows per table."""
    tables = frames.article_frames(list(zip(raw, cleaned)), run_id, ingested_at)
    tables |= frames.fact_frames(facts)
    tables["ingest_errors"] = frames.ingest_error_frame(errors, run_id)
    context = BatchContext(clean_texts={doc.article_id: doc.clean_text for doc in cleaned})
    checked = validate.validate_batch(tables, context, run_id)
    checked.frames["rejected_rows"] = checked.rejected
    with load.connect(staging) as con:
        return load.write_tables(con, checked.frames)


@flow(name="load-news-articles", log_prints=True)
def load_news_articles(
    paths: list[str],
    warehouse: str,
    batch_size: int = DEFAULT_BATCH_SIZE,
    lock_wait_seconds: float = DEFAULT_LOCK_WAIT_SECONDS,
) -> RunSummary:
    """Load articles from files and directories into the warehouse, skipping those already loaded."""
    logger = get_run_logger()
    summary = RunSummary(str(flow_run.id or uuid.uuid4()), warehouse, datetime.now(UTC).replace(tzinfo=None))
    warehouse_path = Path(warehouse)
    files, summary.errors = ingest.discover_inputs(Path(path) for path in paths)
    with load.warehouse_lock(warehouse_path, lock_wait_seconds):
        con, staging = load.open_staging(warehouse_path, summary.run_id)
        known_ids, history = load.known_article_ids(con), load.site_history(con)
        con.close()
        try:
            summary.add_loaded(load_batch(staging, [], [], Facts(), summary.errors, summary.run_id, summary.started_at))
            for number, paths_in_batch in enumerate(batched(files, batch_size), start=1):
                ingested, skipped = ingest_batch(paths_in_batch, known_ids)
                cleaned = clean_batch(ingested.documents, history)
                facts = extract_batch(cleaned, summary.started_at.date())
                summary.add_loaded(load_batch(
                    staging, ingested.documents, cleaned, facts, ingested.errors, summary.run_id, summary.started_at
                ))
                remember_fingerprints(history, ingested.documents, cleaned)
                summary.inputs_read += len(ingested.documents) + skipped
                summary.articles_new += len(ingested.documents)
                summary.articles_skipped += skipped
                summary.errors += ingested.errors
                logger.info(
                    "batch %d: %d new, %d already loaded, %d failed: %s", number, len(ingested.documents), skipped,
                    len(ingested.errors), "; ".join(f"{e.source_path}: {e.reason}" for e in ingested.errors) or "-",
                )
            finish_run(staging, warehouse_path, summary)
        except BaseException:
            load.discard(staging)
            raise
    return summary


def remember_fingerprints(
    history: dict[str, dict[str, int]], documents: Sequence[RawDocument], cleaned: Sequence[CleanedDocument]
) -> None:
    """Later batches of this run learn the blocks of earlier ones, as later runs do from the warehouse."""
    for raw, doc in zip(documents, cleaned):
        site = history.setdefault(raw.source_key, {})
        for fingerprint in set(doc.fingerprints):
            site[fingerprint] = site.get(fingerprint, 0) + 1


def finish_run(staging: Path, warehouse: Path, summary: RunSummary) -> None:
    summary.inputs_failed = len(summary.errors)
    summary.status = "completed_with_errors" if summary.errors else "completed"
    summary.finished_at = datetime.now(UTC).replace(tzinfo=None)
    summary.seconds = (summary.finished_at - summary.started_at).total_seconds()
    con = load.connect(staging)
    load.write_tables(con, {"pipeline_runs": frames.pipeline_run_frame(summary.as_row())})
    summary.counts = load.table_counts(con)
    load.publish(con, staging, warehouse)
