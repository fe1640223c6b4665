"""`newsfacts serve`: the pipeline as a Prefect deployment that loads an inbox directory on a schedule.

Called by `flows.cli`. `flow.serve` registers a deployment of
`load_news_articles` with a cron or interval schedule and then polls the
Prefect API for due runs, starting each in a fresh process until stopped
(Ctrl-C or SIGTERM). Every run reads the whole inbox; articles already in the
warehouse are recognised by their content hash at ingest and skipped before
any cleaning or NLP, so a run only pays for the new files plus one read and
hash per old file. At most one run executes at a time; the warehouse lock
(`flows.load`) also keeps out a `newsfacts run` started by hand.
"""

from __future__ import annotations

from pathlib import Path

from flows.pipeline import DEFAULT_BATCH_SIZE, load_news_articles
from flows.server import prefect_api

DEPLOYMENT_NAME = "inbox"


def deployment_parameters(inbox: Path, warehouse: Path, batch_size: int = DEFAULT_BATCH_SIZE) -> dict:
    """Absolute paths: scheduled runs start in their own processes."""
    return {"paths": [str(inbox.resolve())], "warehouse": str(warehouse.resolve()), "batch_size": batch_size}


def serve_inbox(
    inbox: Path,
    warehouse: Path,
    cron: str | None = None,
    interval_seconds: float | None = None,
    batch_size: int = DEFAULT_BATCH_SIZE,
    name: str = DEPLOYMENT_NAME,
) -> None:
    """Serve the flow on `inbox` with a cron or interval schedule; returns when the process is stopped."""
    if (cron is None) == (interval_seconds is None):
        raise ValueError("give exactly one schedule: a cron expression or an interval in seconds")
    inbox.mkdir(parents=True, exist_ok=True)
    # Runs execute in child processes: they must reach the API this process serves on;
    # the shared local server (`flows.server`) runs the scheduler that creates them.
    with prefect_api():
        load_news_articles.serve(
            name=name,
            cron=cron,
            interval=interval_seconds,
            parameters=deployment_parameters(inbox, warehouse, batch_size),
            description=f"Load new articles from {inbox.resolve()} into {warehouse.resolve()}",
            tags=["newsfacts"],
            limit=1,
        )
