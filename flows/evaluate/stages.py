"""Files through the pipeline's real stages in memory: ingest -> clean -> extract.

Who calls it: the quote and role evaluations (benchmarks/quotes_eval.py, the
floor tests in tests/extract/) that score development sets given as files.
Not the pipeline: it is the pipeline's stage functions without Prefect and
without the warehouse, batch by batch as `flows.pipeline` runs them, so the
figures are those of a real run.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from pathlib import Path

from flows.clean import clean_documents
from flows.extract import DEFAULT_BATCH_SIZE, extract_facts
from flows.ingest import ingest_paths
from flows.records import CleanedDocument, Facts


def run_stages(
    paths: Sequence[Path], run_date: date, batch_size: int = DEFAULT_BATCH_SIZE
) -> tuple[list[CleanedDocument], dict[str, str], Facts]:
    """(cleaned documents, article_id -> file name, their facts) for `paths`."""
    docs: list[CleanedDocument] = []
    names: dict[str, str] = {}
    facts = Facts()
    known: set[str] = set()
    for lo in range(0, len(paths), batch_size):
        ingested, _ = ingest_paths(paths[lo:lo + batch_size], known)
        cleaned = clean_documents(ingested.documents)
        batch = extract_facts(cleaned, run_date=run_date)
        names.update((raw.article_id, Path(raw.source_path).name) for raw in ingested.documents)
        docs += cleaned
        for table in vars(facts):
            getattr(facts, table).extend(getattr(batch, table))
    return docs, names, facts
