"""Run `newsfacts run` as a real subprocess and read the warehouse it leaves.

Shared by the hostile-input, crash-safety and concurrency tests. Every
subprocess talks to the session's Prefect test server (the `prefect_server`
fixture) through PREFECT_API_URL, so none of them starts its own ephemeral
server (~20-30 s each, shared/STACK.md).
"""

from __future__ import annotations

import os
import subprocess
import sys
import threading
from dataclasses import dataclass
from pathlib import Path

import duckdb

from flows.load import connect
from schemas.tables import TABLES

ROOT = Path(__file__).resolve().parents[2]
SEEDS = ROOT / "seeds"
SQL_TESTS = ROOT / "sql" / "tests"
# Columns that differ between two runs loading the same inputs.
RUN_COLUMNS = ("run_id", "ingested_at")
# Tables whose rows describe a run rather than the articles: a re-run adds to them.
RUN_TABLES = ("pipeline_runs", "ingest_errors")


@dataclass
class Finished:
    returncode: int
    stdout: str
    stderr: str
    peak_rss_bytes: int


def current_api_url() -> str:
    """The API of the Prefect server the `prefect_server` fixture started in this process."""
    from prefect.settings import PREFECT_API_URL

    url = PREFECT_API_URL.value()
    assert url, "the prefect_server fixture must be active"
    return url


def newsfacts_env(api_url: str) -> dict[str, str]:
    return {
        **os.environ,
        "PREFECT_API_URL": api_url,
        "PYTHONPATH": os.pathsep.join(filter(None, (str(ROOT), os.environ.get("PYTHONPATH")))),
        "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
    }


def start_run(arguments: list[str], api_url: str, cwd: Path, **popen) -> subprocess.Popen:
    """`newsfacts run ARGUMENTS...` in a new process; stdout and stderr are captured."""
    return subprocess.Popen(
        [sys.executable, "-m", "flows.cli", "run", *arguments],
        cwd=cwd, env=newsfacts_env(api_url), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        errors="replace", **popen,
    )


def run_measured(arguments: list[str], api_url: str, cwd: Path, timeout: float) -> Finished:
    """Run to the end and measure the run's peak resident memory (ru_maxrss of the child, KiB on Linux)."""
    process = start_run(arguments, api_url, cwd)
    stdout_chunks: list[str] = []
    stderr_chunks: list[str] = []

    def drain(stream, sink):
        sink.append(stream.read())

    readers = [threading.Thread(target=drain, args=(process.stdout, stdout_chunks)),
               threading.Thread(target=drain, args=(process.stderr, stderr_chunks))]
    for reader in readers:
        reader.start()
    deadline = threading.Timer(timeout, process.kill)  # a hung run fails the test instead of hanging it
    deadline.start()
    _, status, usage = os.wait4(process.pid, 0)
    deadline.cancel()
    process.returncode = os.waitstatus_to_exitcode(status)
    for reader in readers:
        reader.join(timeout)
    return Finished(process.returncode, "".join(stdout_chunks), "".join(stderr_chunks), usage.ru_maxrss * 1024)


def rows(warehouse: Path, sql: str, parameters: list | None = None) -> list[tuple]:
    with connect(warehouse, read_only=True) as con:
        return con.execute(sql, parameters or []).fetchall()


def sql_data_test_failures(warehouse: Path) -> dict[str, list[tuple]]:
    """The offending rows of every query in sql/tests (each must return none)."""
    failures = {}
    with connect(warehouse, read_only=True) as con:
        for test in sorted(SQL_TESTS.glob("*.sql")):
            found = con.execute(test.read_text()).fetchall()
            if found:
                failures[test.stem] = found[:5]
    return failures


def content_snapshot(warehouse: Path) -> dict[str, list[tuple]]:
    """Every row of every article and fact table, without the columns naming the run that wrote it."""
    snapshot = {}
    with connect(warehouse, read_only=True) as con:
        for table in TABLES:
            if table in RUN_TABLES:
                continue
            columns = [c for c in con.execute(f"DESCRIBE {table}").fetchall() if c[0] not in RUN_COLUMNS]
            select = ", ".join(f'"{name}"' for name, *_ in columns)
            snapshot[table] = sorted(con.execute(f"SELECT {select} FROM {table}").fetchall(), key=repr)
    return snapshot


def opens_cleanly(warehouse: Path) -> bool:
    try:
        with connect(warehouse, read_only=True) as con:
            con.execute("SELECT count(*) FROM articles").fetchall()
        return True
    except duckdb.Error:
        return False


def exact_duplicate_rows(warehouse: Path) -> dict[str, int]:
    """Tables holding a row twice, with how many extra copies: a crash or re-run must add none."""
    duplicates = {}
    with connect(warehouse, read_only=True) as con:
        for table in TABLES:
            total, distinct = con.execute(f"SELECT count(*), (SELECT count(*) FROM (SELECT DISTINCT * FROM {table})) FROM {table}").fetchone()
            if total != distinct:
                duplicates[table] = total - distinct
    return duplicates
