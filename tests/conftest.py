"""Shared fixtures: one Prefect server per test session, paths to the embedded data, a busy warehouse."""

from __future__ import annotations

import os
import threading
from contextlib import contextmanager
from pathlib import Path

import pytest

from flows.load import warehouse_lock
from flows.server import ensure_server, stop_server

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
GOLD_SEEDS = ROOT / "tests" / "gold" / "seeds"
DEV_SET = ROOT / "tests" / "corpora" / "l3s-gn1"


@pytest.fixture(scope="session")
def prefect_server(tmp_path_factory):
    """A real Prefect API, shared by every flow test: the background server `newsfacts run` starts,
    in the session's own PREFECT_HOME (never the user's), stopped when the session ends."""
    from prefect.events.worker import EventsWorker
    from prefect.logging.handlers import APILogWorker
    from prefect.settings import PREFECT_API_URL, PREFECT_HOME, temporary_settings

    home = tmp_path_factory.mktemp("prefect-home")
    try:
        url = ensure_server(home).url
        # The environment for subprocesses; the settings for this process, whose Prefect
        # settings were read at import (a user's profile must not leak in either).
        os.environ |= {"PREFECT_HOME": str(home), "PREFECT_API_URL": url}
        with temporary_settings(updates={PREFECT_API_URL: url, PREFECT_HOME: home}):
            yield url
            # Send the logs and events still queued while the server is there to take them.
            APILogWorker.drain_all(timeout=30)
            EventsWorker.drain_all(timeout=30)
    finally:
        stop_server(home)


@contextmanager
def lock_held_by_another_run(warehouse: Path, seconds: float = 120):
    """The warehouse's writer lock, held by a thread standing in for another run, for at most `seconds`."""
    holding, release = threading.Event(), threading.Event()

    def hold() -> None:
        with warehouse_lock(warehouse, wait_seconds=0):
            holding.set()
            release.wait(seconds)

    holder = threading.Thread(target=hold)
    holder.start()
    assert holding.wait(10)
    try:
        yield
    finally:
        release.set()
        holder.join()
