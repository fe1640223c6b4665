"""The Prefect flow: ingest -> clean -> extract -> validate -> load, one task per batch of articles.

Tasks are thin wrappers around the stage modules; the flow only wires them.
Batches stream through the stages, so the corpus is never held in memory, and
the warehouse is published once, atomically, when every batch is loaded
(see `flows.load`). Tasks take records, paths and ids, and the load tasks the
run's one connection to its staging file (see `WarehouseSession`), never
cached; large arguments are wrapped in Prefect's `quote`, which keeps Prefect
from walking every element to record task inputs (a set of 10,000 known
article ids handed to every ingest task made most of a re-run's time).

Called by `newsfacts run` (once), `newsfacts serve` (on a schedule, see
`flows.serve`) and the benchmarks. By default every task runs in the flow
process. `with_dask(workers=N)` or `with_dask(address=...)` gives a copy of the
flow whose extract tasks (spaCy NER and the extractors: about 60 % of a run)
run on Dask (prefect-dask's `DaskTaskRunner`) while the flow process stays the
only DuckDB writer; at most `batches_in_flight` batches are out at once.
Clean tasks stay in the flow process: cleaning a batch counts repeated blocks
against every earlier batch, so batches must be cleaned one after another,
and as Dask tasks they queued behind extractions and stalled the pipeline
(1,000 articles on 2 workers: 277 s against 180 s in one process). So a Dask
run loads exactly what a single-process run loads.

Transient failures (the warehouse lock held by another run, DuckDB unable to
lock a file) are retried with exponential backoff; anything else fails the
task at once, and the flow run fails with it.
"""

from __future__ import annotations

import logging
import uuid
from collections import deque
from collections.abc import Callable, Iterator, Sequence
from contextlib import ExitStack
from contextvars import ContextVar
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path

import duckdb
from prefect import Flow, flow, get_run_logger, task
from prefect.cache_policies import NO_CACHE
from prefect.futures import PrefectFuture
from prefect.runtime import flow_run
from prefect.tasks import exponential_backoff
from prefect.utilities.annotations import quote

from flows import frames, ingest, load, validate
from flows.language import is_read_by_ner
from flows.records import CleanedDocument, Facts, RawDocument
from schemas.cross_table import BatchContext

# Articles per clean, extract and load task. spaCy still pipes them 32 at a time
# (`flows.extract`); validating and loading cost mostly per call, so larger
# batches pay less: 300 articles took 8.5 s in load tasks in batches of 32,
# 3.7 s in batches of 128 (and one Prefect task run costs ~11 ms here).
DEFAULT_BATCH_SIZE = 128
# Ingest reads this many files per task (or one batch, if larger) and hands only
# the new articles on: a run over files already loaded is then a few task runs.
# Raw texts of a chunk are in memory at once: 256 typical pages are a few MB.
INGEST_FILES = 256
# Each attempt to take the writer lock waits this long; with the retries below a
# run blocked by another gives up after about 10 minutes with a clear message.
DEFAULT_LOCK_WAIT_SECONDS = 150.0
# Retries of a transient failure wait 2, 4, 8 s (with jitter): long enough for a
# run that holds the lock to publish a small batch, short enough for a schedule.
TRANSIENT_RETRIES = 3
TRANSIENT_BACKOFF_SECONDS = 2.0
RETRY_JITTER = 0.5
# Batches handed to Dask per worker before the flow waits for the oldest: two
# keep every worker busy while the flow loads, and bound memory to a few batches.
BATCHES_IN_FLIGHT_PER_WORKER = 2
# Message parts of DuckDB IO errors that mean another process holds the file.
DUCKDB_LOCK_MESSAGES = ("could not set lock", "conflicting lock", "resource temporarily unavailable")

# A callback `(batches_done, batches_total, articles_new)` the caller of the flow may set
# (the CLI draws a progress bar with it); a context variable, not a flow parameter,
# because flow parameters go to the Prefect API as JSON.
batch_progress: ContextVar[Callable[[int, int, int], None] | None] = ContextVar("batch_progress", default=None)


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
    languages: dict[str, int] = field(default_factory=dict)  # new articles per language ("unknown" for None)
    not_extracted: dict[str, int] = field(default_factory=dict)  # of those, articles in a language NER does not read
    counts: dict[str, int] = field(default_factory=dict)  # rows per table in the published warehouse
    errors: list[ingest.IngestError] = field(default_factory=list)
    finished_at: datetime | None = None
    seconds: float = 0.0
    status: str = "running"

    def add_loaded(self, written: dict[str, int]) -> None:
        for table, rows in written.items():
            self.rows_loaded[table] = self.rows_loaded.get(table, 0) + rows
        self.rows_rejected += written.get("rejected_rows", 0)

    def add_languages(self, cleaned: Sequence[CleanedDocument]) -> None:
        for doc in cleaned:
            language = doc.language or "unknown"
            self.languages[language] = self.languages.get(language, 0) + 1
            if not is_read_by_ner(doc.language):
                self.not_extracted[language] = self.not_extracted.get(language, 0) + 1

    def as_row(self) -> dict:
        return {**self.__dict__, "counts": self.rows_loaded}


@dataclass
class WarehouseSession:
    """What a run holds while it loads: the writer lock, the staging file and what is already loaded.

    One connection to the staging file serves the whole run: closing a DuckDB
    connection checkpoints, which rewrites the tables' key indexes in full, so a
    connection per batch cost 0.14 s per batch over 1,000 loaded articles and
    0.8 s over 10,000 here. Closing `lock` closes the connection, then lets go.
    """

    con: duckdb.DuckDBPyConnection
    staging: Path
    known_ids: set[str]
    history: dict[str, dict[str, int]]
    lock: ExitStack


@dataclass
class BatchInFlight:
    raw: list[RawDocument]
    cleaned: list[CleanedDocument]
    facts: Facts | PrefectFuture
    errors: list[ingest.IngestError]


def batched(items: Sequence, size: int) -> Iterator[Sequence]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def is_transient(error: BaseException) -> bool:
    """Failures that go away when another process lets go of a file."""
    if isinstance(error, load.WarehouseBusy | BlockingIOError):
        return True
    return isinstance(error, duckdb.IOException) and any(
        part in str(error).lower() for part in DUCKDB_LOCK_MESSAGES
    )


def retry_if_transient(task, task_run, state) -> bool:
    return is_transient(state.result(raise_on_failure=False))


RETRY_TRANSIENT = {
    "retries": TRANSIENT_RETRIES,
    "retry_delay_seconds": exponential_backoff(backoff_factor=TRANSIENT_BACKOFF_SECONDS),
    "retry_jitter_factor": RETRY_JITTER,
    "retry_condition_fn": retry_if_transient,
}


@task(name="open-warehouse", cache_policy=NO_CACHE, **RETRY_TRANSIENT)
def open_warehouse(warehouse: Path, run_id: str, lock_wait_seconds: float) -> WarehouseSession:
    """Take the writer lock, copy the warehouse to a staging file and read what it already holds."""
    lock = ExitStack()
    try:
        lock.enter_context(load.warehouse_lock(warehouse, lock_wait_seconds))
        con, staging = load.open_staging(warehouse, run_id)
        lock.callback(con.close)
        return WarehouseSession(con, staging, load.known_article_ids(con), load.site_history(con), lock)
    except BaseException:
        lock.close()
        raise


@task(name="ingest-batch", cache_policy=NO_CACHE)
def ingest_batch(paths: Sequence[Path], known_ids: set[str]) -> tuple[ingest.IngestResult, int]:
    return ingest.ingest_paths(paths, known_ids)


@task(name="clean-batch", cache_policy=NO_CACHE)
def clean_batch(documents: Sequence[RawDocument], history: dict[str, dict[str, int]]) -> list[CleanedDocument]:
    from flows import clean  # here, like extract: a run with nothing new never imports trafilatura

    return clean.clean_documents(documents, history)


@task(name="extract-batch", cache_policy=NO_CACHE)
def extract_batch(documents: Sequence[CleanedDocument], run_date: date) -> Facts:
    from flows import extract  # here: a run with nothing new never imports spaCy

    return extract.extract_facts(documents, run_date=run_date)


@task(name="load-batch", cache_policy=NO_CACHE, **RETRY_TRANSIENT)
def load_batch(
    con: duckdb.DuckDBPyConnection,
    raw: Sequence[RawDocument],
    cleaned: Sequence[CleanedDocument],
    facts: Facts,
    errors: Sequence[ingest.IngestError],
    run_id: str,
    ingested_at: datetime,
) -> dict[str, int]:
    """Validate a batch's tables and bulk-load the valid rows and the rejected ones; returns rows per table.

    The batch is one transaction, rolled back on failure, so a retry loads it once.
    """
    tables = frames.article_frames(list(zip(raw, cleaned)), run_id, ingested_at)
    tables |= frames.fact_frames(facts)
    tables["ingest_errors"] = frames.ingest_error_frame(errors, run_id)
    context = BatchContext(clean_texts={doc.article_id: doc.clean_text for doc in cleaned})
    checked = validate.validate_batch(tables, context, run_id)
    checked.frames["rejected_rows"] = checked.rejected
    return load.write_tables(con, checked.frames)


@task(name="publish-warehouse", cache_policy=NO_CACHE, **RETRY_TRANSIENT)
def publish_warehouse(
    con: duckdb.DuckDBPyConnection, staging: Path, warehouse: Path, summary: RunSummary
) -> RunSummary:
    finish_run(con, staging, warehouse, summary)
    return summary


@flow(name="load-news-articles", log_prints=True)
def load_news_articles(
    paths: list[str],
    warehouse: str,
    batch_size: int = DEFAULT_BATCH_SIZE,
    lock_wait_seconds: float = DEFAULT_LOCK_WAIT_SECONDS,
    batches_in_flight: int = 1,
) -> RunSummary:
    """Load articles from files and directories into the warehouse, skipping those already loaded.

    `batches_in_flight` > 1 submits extraction to the flow's task runner
    (Dask, see `with_dask`); 1 runs every task in the flow process.
    """
    logger = get_run_logger()
    summary = RunSummary(str(flow_run.id or uuid.uuid4()), warehouse, datetime.now(UTC).replace(tzinfo=None))
    warehouse_path = Path(warehouse)
    files, summary.errors = ingest.discover_inputs(Path(path) for path in paths)
    total = -(-len(files) // batch_size)
    logger.info("%d input files in %d batches of up to %d from %s", len(files), total, batch_size, ", ".join(paths))
    session = open_warehouse(warehouse_path, summary.run_id, lock_wait_seconds)
    with session.lock:
        try:
            if summary.errors:
                summary.add_loaded(load_batch(quote(session.con), [], [], Facts(), quote(list(summary.errors)),
                                              summary.run_id, summary.started_at))
            pending: deque[BatchInFlight] = deque()
            chunk_size = max(batch_size, INGEST_FILES)
            for number, chunk in enumerate(batched(files, chunk_size), start=1):
                ingested, skipped = ingest_batch(chunk, quote(session.known_ids))
                summary.inputs_read += len(ingested.documents) + skipped
                summary.articles_new += len(ingested.documents)
                summary.articles_skipped += skipped
                summary.errors += ingested.errors
                log_chunk(logger, min(number * chunk_size // batch_size, total), total, ingested, skipped, chunk)
                # The chunk's new articles in batches; its errors go with the first (or alone).
                groups = list(batched(ingested.documents, batch_size)) or ([[]] if ingested.errors else [])
                for index, documents in enumerate(groups):
                    errors = ingested.errors if index == 0 else []
                    pending.append(start_batch(documents, errors, session.history, summary, batches_in_flight > 1))
                    while len(pending) >= batches_in_flight:
                        summary.add_loaded(finish_batch(pending.popleft(), session.con, summary))
                report_progress(min(number * chunk_size // batch_size, total), total, summary.articles_new)
            while pending:
                summary.add_loaded(finish_batch(pending.popleft(), session.con, summary))
            summary = publish_warehouse(quote(session.con), session.staging, warehouse_path, quote(summary))
        except BaseException:
            session.con.close()
            load.discard(session.staging)
            raise
    logger.info(
        "loaded %d new articles (%d already loaded, %d inputs failed) into %s in %.1f s",
        summary.articles_new, summary.articles_skipped, summary.inputs_failed, warehouse, summary.seconds,
    )
    return summary


def start_batch(
    documents: Sequence[RawDocument], errors: list[ingest.IngestError], history: dict[str, dict[str, int]],
    summary: RunSummary, submit: bool,
) -> BatchInFlight:
    """Clean a batch here and start its extraction: in this process, or submitted to the task runner."""
    if not documents:
        return BatchInFlight([], [], Facts(), errors)
    sites = {doc.source_key for doc in documents}
    cleaned = clean_batch(quote(documents), quote({site: history[site] for site in sites if site in history}))
    remember_fingerprints(history, documents, cleaned)
    summary.add_languages(cleaned)
    run_date = summary.started_at.date()
    if submit:  # not quoted: Dask ships a quoted argument to its worker as a bare tuple
        return BatchInFlight(documents, cleaned, extract_batch.submit(cleaned, run_date), errors)
    return BatchInFlight(documents, cleaned, extract_batch(quote(cleaned), run_date), errors)


def finish_batch(batch: BatchInFlight, con: duckdb.DuckDBPyConnection, summary: RunSummary) -> dict[str, int]:
    facts = batch.facts.result() if isinstance(batch.facts, PrefectFuture) else batch.facts
    return load_batch(quote(con), quote(batch.raw), quote(batch.cleaned), quote(facts), quote(batch.errors),
                      summary.run_id, summary.started_at)


def log_chunk(logger, done: int, total: int, ingested: ingest.IngestResult, skipped: int, paths) -> None:
    logger.info(
        "batches to %d/%d (%s .. %s): %d new, %d already loaded, %d failed: %s", done, total,
        Path(paths[0]).name, Path(paths[-1]).name, len(ingested.documents), skipped, len(ingested.errors),
        "; ".join(f"{e.source_path}: {e.reason}" for e in ingested.errors) or "-",
    )


def report_progress(done: int, total: int, articles_new: int) -> None:
    callback = batch_progress.get()
    if callback is not None:
        callback(done, total, articles_new)


def remember_fingerprints(
    history: dict[str, dict[str, int]], documents: Sequence[RawDocument], cleaned: Sequence[CleanedDocument]
) -> None:
    """Later batches of this run learn the blocks of earlier ones, as later runs do from the warehouse."""
    for raw, doc in zip(documents, cleaned):
        site = history.setdefault(raw.source_key, {})
        for fingerprint in set(doc.fingerprints):
            site[fingerprint] = site.get(fingerprint, 0) + 1


def finish_run(con: duckdb.DuckDBPyConnection, staging: Path, warehouse: Path, summary: RunSummary) -> None:
    summary.inputs_failed = len(summary.errors)
    summary.status = "completed_with_errors" if summary.errors else "completed"
    summary.finished_at = datetime.now(UTC).replace(tzinfo=None)
    summary.seconds = (summary.finished_at - summary.started_at).total_seconds()
    load.write_tables(con, {"pipeline_runs": frames.pipeline_run_frame(summary.as_row())})
    summary.counts = load.table_counts(con)
    load.publish(con, staging, warehouse)


def with_dask(workers: int | None = None, address: str | None = None) -> Flow:
    """The flow with its extract tasks on a new local Dask cluster of `workers` processes, or on `address`.

    Call inside `flows.server.prefect_api()` so the Dask workers report to the flow's Prefect API.
    """
    from prefect_dask import DaskTaskRunner

    logging.getLogger("distributed").setLevel(logging.WARNING)  # its INFO lines drown the flow's own
    if address:
        runner = DaskTaskRunner(address=address)
    else:
        runner = DaskTaskRunner(cluster_kwargs={
            "n_workers": workers, "threads_per_worker": 1, "processes": True,
            "dashboard_address": None,  # the dashboard needs bokeh, which is not installed
        })
    return load_news_articles.with_options(task_runner=runner)


def batches_in_flight_for(workers: int) -> int:
    return max(1, workers) * BATCHES_IN_FLIGHT_PER_WORKER
