"""Shared fixtures: one Prefect test server per test session, paths to the embedded data."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

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
