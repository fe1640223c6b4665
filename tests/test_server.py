"""The shared local Prefect server: reused, restarted when stale, one per home, and nothing left behind.

Every test here uses a PREFECT_HOME of its own (never the session's server,
never the user's) and real processes: `uvicorn` serving Prefect's app,
`newsfacts run` started as a user would start it (no PREFECT_API_URL), and
SIGKILL. Processes are told apart by a marker in their environment, which
every process a run starts inherits, so a survivor is found even when its
parent is gone. Each test stops its server in a `finally`.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
import uuid
from pathlib import Path

import psutil
import pytest

from conftest import ROOT, SEEDS
from flows.cli import main
from flows.server import (
    ServerError, default_home, ensure_server, is_healthy, read_state, server_status, stop_server,
)

pytestmark = pytest.mark.slow

MARKER = "NEWSFACTS_TEST_MARKER"
# Kill moments after a run starts: importing Prefect, starting the server, the flow's tasks.
KILL_DELAYS_SECONDS = (1.0, 3.0, 6.0, 10.0)
RUN_TIMEOUT_SECONDS = 300


def environment(home: Path, marker: str) -> dict[str, str]:
    env = {name: value for name, value in os.environ.items() if not name.startswith("PREFECT_")}
    return env | {"PREFECT_HOME": str(home), MARKER: marker, "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
                  "PYTHONPATH": str(ROOT)}


def marked_processes(marker: str) -> list[psutil.Process]:
    """Live processes whose environment carries `marker` (zombies are dead: not counted)."""
    found = []
    for process in psutil.process_iter():
        try:
            if process.status() != psutil.STATUS_ZOMBIE and process.environ().get(MARKER) == marker:
                found.append(process)
        except (psutil.NoSuchProcess, psutil.AccessDenied):
            pass
    return found


def start(command: list[str], home: Path, marker: str, cwd: Path) -> subprocess.Popen:
    return subprocess.Popen(command, env=environment(home, marker), cwd=cwd, stdout=subprocess.PIPE,
                            stderr=subprocess.STDOUT, text=True, start_new_session=True)


def newsfacts_run(warehouse: Path) -> list[str]:
    return [sys.executable, "-m", "flows.cli", "run", str(SEEDS), "--warehouse", str(warehouse)]


def test_the_server_lives_in_prefect_home_or_the_users_data_directory(monkeypatch):
    assert default_home({"PREFECT_HOME": "/srv/prefect", "XDG_DATA_HOME": "/d"}) == Path("/srv/prefect")
    assert default_home({"XDG_DATA_HOME": "/d"}) == Path("/d/newsfacts/prefect")
    # platformdirs reads the process's own XDG_DATA_HOME for the default: a user's or CI's must not leak in
    monkeypatch.delenv("XDG_DATA_HOME", raising=False)
    assert default_home({}) == Path.home() / ".local" / "share" / "newsfacts" / "prefect"


def test_server_status_and_stop_say_when_nothing_runs(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("PREFECT_HOME", str(tmp_path))
    assert main(["server", "status"]) == 0 and main(["server", "stop"]) == 0
    assert capsys.readouterr().out.count(f"no newsfacts Prefect server is running for {tmp_path}") == 2


def test_a_stale_state_file_is_replaced_and_two_starters_share_one_server(tmp_path):
    home, marker = tmp_path / "home", uuid.uuid4().hex
    home.mkdir()
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    stale = {"url": "http://127.0.0.1:9/api", "pid": int(dead.stdout), "home": str(home), "log": "x"}
    (home / "newsfacts-server.json").write_text(json.dumps(stale))
    starter = ["-c", f"from flows.server import ensure_server; from pathlib import Path; "
                     f"print(ensure_server(Path({str(home)!r})).pid)"]
    try:
        starters = [start([sys.executable, *starter], home, marker, ROOT) for _ in range(2)]
        pids = {int(process.communicate(timeout=RUN_TIMEOUT_SECONDS)[0].split()[-1]) for process in starters}
        assert len(pids) == 1 and stale["pid"] not in pids
        state, line = server_status(home)
        assert state.pid in pids and is_healthy(state.url) and "answering" in line
        assert [process.pid for process in marked_processes(marker)] == [state.pid]
        assert ensure_server(home) == state  # reused, not restarted
    finally:
        print(stop_server(home))
    assert marked_processes(marker) == []
    assert server_status(home)[0] is None and read_state(home) is None


def test_a_server_that_cannot_start_is_reported_with_its_log(tmp_path):
    home = tmp_path / "home"
    home.mkdir()
    (home / "prefect.db").write_text("not a SQLite database")
    try:
        with pytest.raises(ServerError, match="exited with status") as raised:
            ensure_server(home)
        assert str(home / "newsfacts-server.log") in str(raised.value)
    finally:
        stop_server(home)


def test_runs_killed_at_any_moment_leave_only_the_shared_server(tmp_path):
    home, marker, warehouse = tmp_path / "home", uuid.uuid4().hex, tmp_path / "w.duckdb"
    survivors = []
    try:
        for delay in KILL_DELAYS_SECONDS:
            run = start(newsfacts_run(warehouse), home, marker, tmp_path)
            time.sleep(delay)
            os.killpg(run.pid, signal.SIGKILL)
            run.communicate(timeout=RUN_TIMEOUT_SECONDS)
            time.sleep(0.5)  # let the kernel reap and re-parent what the run started
            survivors.append(sorted(process.pid for process in marked_processes(marker)))
        print("survivors after each kill:", survivors)
        servers = {pid for pids in survivors for pid in pids}
        assert all(len(pids) <= 1 for pids in survivors), survivors
        finished = start(newsfacts_run(warehouse), home, marker, tmp_path)
        output = finished.communicate(timeout=RUN_TIMEOUT_SECONDS)[0]
        assert finished.returncode == 0, output[-3000:]
        state = read_state(home)
        assert [process.pid for process in marked_processes(marker)] == [state.pid]
        assert servers <= {state.pid}  # a server a killed run started is the one reused
    finally:
        stop_server(home)
    assert marked_processes(marker) == []
