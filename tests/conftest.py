"""Shared fixtures: one Prefect test server per test session, paths to the embedded data, a busy warehouse."""

from __future__ import annotations

import os
import threading
from contextlib import contextmanager
from pathlib import Path

import pytest

from flows.load import warehouse_lock

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
GOLD_SEEDS = ROOT / "tests" / "gold" / "seeds"
DEV_SET = ROOT / "tests" / "corpora" / "l3s-gn1"


@pytest.fixture(scope="session")
def prefect_server(tmp_path_factory):
    """A real Prefect API (the test harness's temporary server), shared by every flow test."""
    os.environ["PREFECT_HOME"] = str(tmp_path_factory.mktemp("prefect-home"))
    os.environ.setdefault("PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS", "180")
    from prefect.testing.utilities import prefect_test_harness

    with prefect_test_harness(server_startup_timeout=180):
        yield


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
