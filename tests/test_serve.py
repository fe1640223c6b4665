"""Scheduled runs: `newsfacts serve` against a real Prefect server, and retries of transient failures.

The serve test starts `prefect server start` on a free 127.0.0.1 port with its
own PREFECT_HOME, serves the flow with a short interval, drops an article into
the inbox and polls the warehouse read-only until a scheduled run has loaded
it. Every process started here (and every process those start: flow runs get
their own sessions) is killed in a `finally`. Skipping articles already loaded
is tested on the flow itself, in test_pipeline.py.
"""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import duckdb
import psutil
import pytest

from flows.load import WarehouseBusy, connect
from flows.pipeline import is_transient, load_news_articles, retry_if_transient
from conftest import ROOT, SEEDS, lock_held_by_another_run

pytestmark = pytest.mark.slow

TEST_DEADLINE_SECONDS = 170  # the whole test, server start included, stays under 3 minutes
SERVER_START_SECONDS = 90
INTERVAL_SECONDS = "5"
POLL_SECONDS = 1.0
LOCK_HELD_SECONDS = 3.0  # past the first retry (2 s), before the last (after 2 + 4 + 8 s)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def prefect_env(home: Path, port: int) -> dict[str, str]:
    env = {name: value for name, value in os.environ.items() if not name.startswith("PREFECT_")}
    return env | {
        "PREFECT_HOME": str(home),
        "PREFECT_API_URL": f"http://127.0.0.1:{port}/api",
        "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
        "PREFECT_SERVER_SERVICES_SCHEDULER_LOOP_SECONDS": "5",  # default 60: new deployments wait that long
        "PREFECT_RUNNER_POLL_FREQUENCY": "2",
        "PREFECT_UI_ENABLED": "false",
    }


def start(command: list[str], env: dict[str, str], log: Path) -> subprocess.Popen:
    return subprocess.Popen(
        command, env=env, cwd=ROOT, stdout=log.open("w"), stderr=subprocess.STDOUT, start_new_session=True
    )


def wait_for(condition, deadline: float, what: str, logs: list[Path]):
    while time.monotonic() < deadline:
        result = condition()
        if result:
            return result
        time.sleep(POLL_SECONDS)
    tails = "\n".join(f"--- {log.name}\n{log.read_text()[-3000:]}" for log in logs if log.exists())
    pytest.fail(f"timed out waiting for {what}\n{tails}")


def api_is_up(port: int) -> bool:
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/api/health", timeout=2) as response:
            return response.status == 200
    except OSError:
        return False


def loaded_sources(warehouse: Path) -> tuple[list[str], int] | None:
    """Source names in the published warehouse and how many runs it records; None before the first run."""
    if not warehouse.exists():
        return None
    try:
        with connect(warehouse, read_only=True) as con:
            names = [row[0] for row in con.execute("SELECT source_name FROM articles ORDER BY 1").fetchall()]
            runs = con.execute("SELECT count(*) FROM pipeline_runs").fetchone()[0]
    except Exception:  # noqa: BLE001 - the file is being replaced, or locked for a moment: ask again
        return None
    return names, runs


def stop(processes: list[subprocess.Popen]) -> None:
    """SIGTERM every process group and every descendant, then SIGKILL what is left."""
    family = []
    for process in processes:
        try:
            family += [psutil.Process(process.pid), *psutil.Process(process.pid).children(recursive=True)]
        except psutil.NoSuchProcess:
            pass
    for process in processes:
        try:
            os.killpg(process.pid, signal.SIGTERM)
        except ProcessLookupError:
            pass
    for member in family:
        try:
            member.terminate()
        except psutil.NoSuchProcess:
            pass
    _, alive = psutil.wait_procs(family, timeout=15)
    for member in alive:
        member.kill()
    psutil.wait_procs(alive, timeout=10)
    for process in processes:
        process.wait(timeout=10)


def is_served(log: Path) -> bool:
    return log.exists() and "is being served" in log.read_text()


def test_a_scheduled_run_loads_an_article_dropped_into_the_inbox(tmp_path):
    deadline = time.monotonic() + TEST_DEADLINE_SECONDS
    port, inbox, warehouse = free_port(), tmp_path / "inbox", tmp_path / "warehouse" / "newsfacts.duckdb"
    inbox.mkdir()
    article = sorted(SEEDS.glob("*.txt"))[0]
    env = prefect_env(tmp_path / "prefect-home", port)
    server_log, serve_log = tmp_path / "server.log", tmp_path / "serve.log"
    processes = []
    try:
        processes.append(start(
            [sys.executable, "-m", "prefect", "server", "start", "--host", "127.0.0.1", "--port", str(port)],
            env, server_log,
        ))
        wait_for(lambda: api_is_up(port), time.monotonic() + SERVER_START_SECONDS, "the Prefect server", [server_log])
        processes.append(start(
            [sys.executable, "-m", "flows.cli", "serve", "--inbox", str(inbox), "--interval", INTERVAL_SECONDS,
             "--warehouse", str(warehouse)],
            env, serve_log,
        ))
        logs = [serve_log, server_log]
        wait_for(lambda: is_served(serve_log), deadline, "the deployment to be served", logs)

        shutil.copy(article, inbox / article.name)
        names, runs = wait_for(lambda: loaded_sources(warehouse), deadline, "a scheduled run to load it", logs)
        assert names == [article.name]
        assert runs >= 1
    finally:
        stop(processes)
    assert all(process.poll() is not None for process in processes)


# --- Transient failures: a scheduled run that meets a busy warehouse retries with backoff ---


def failed_with(error: BaseException):
    from prefect.states import Failed

    return Failed(data=error)


@pytest.mark.parametrize("error, transient", [
    (WarehouseBusy("held by another run"), True),
    (duckdb.IOException('Could not set lock on file "w.duckdb": Conflicting lock is held'), True),
    (duckdb.IOException("No such file or directory"), False),
    (ValueError("a bug"), False),
])
def test_only_lock_contention_is_retried(error, transient):
    assert is_transient(error) is transient
    assert retry_if_transient(None, None, failed_with(error)) is transient


@pytest.mark.usefixtures("prefect_server")
def test_a_run_waits_out_a_warehouse_held_by_another_run(tmp_path):
    warehouse, inbox = tmp_path / "w.duckdb", tmp_path / "inbox"
    inbox.mkdir()
    shutil.copy(sorted(SEEDS.glob("*.txt"))[0], inbox)
    # Each attempt waits 0.2 s for the lock: only a retry after the holder lets go loads.
    with lock_held_by_another_run(warehouse, seconds=LOCK_HELD_SECONDS):
        summary = load_news_articles([str(inbox)], str(warehouse), lock_wait_seconds=0.2)
    assert summary.articles_new == 1 and summary.status == "completed"
