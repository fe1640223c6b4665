"""One local Prefect API server per PREFECT_HOME, started by the first run and reused by the next ones.

Called by `newsfacts run` and `newsfacts serve` (through `prefect_api`), by
`newsfacts server status|stop`, by the test fixtures and the benchmarks.
Without a configured API Prefect starts a temporary server in every process
and stops it at exit: the start (migrations, UI files) costs 10-25 s of a run
that otherwise takes a few seconds, and a run killed with SIGKILL leaves that
server behind with no parent. So the first run starts `uvicorn` serving
Prefect's app in its own session (it outlives the run on purpose), on a free
port of 127.0.0.1, with its log and its SQLite database in the server's
PREFECT_HOME; later runs find its address in a state file and reuse it. A
configured `PREFECT_API_URL` (environment or Prefect profile) always wins.

The server inherits an exclusive `flock` on `newsfacts-server.lock` and
holds it for its whole life, so the lock answers "is a server of this home
alive?" without trusting pids: a run that gets the lock knows no server is
running (a stale state file is replaced) and starts one while holding it, so
two runs cannot start two servers; a run that does not get it waits for the
address in the state file to answer. Only the standard library (and platformdirs) is
used here, so resolving the server costs no import of Prefect.
"""

from __future__ import annotations

import fcntl
import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import asdict, dataclass
from pathlib import Path

from flows.settings import Settings

STATE_FILE = "newsfacts-server.json"
LOCK_FILE = "newsfacts-server.lock"
LOG_FILE = "newsfacts-server.log"
HOST = "127.0.0.1"
# A first start creates and migrates the SQLite database and copies the UI's
# files: about 10 s on an idle 2-core machine, several times that under load.
START_TIMEOUT_SECONDS = 180.0
STOP_TIMEOUT_SECONDS = 15.0
POLL_SECONDS = 0.1
HEALTH_TIMEOUT_SECONDS = 2.0
LOG_TAIL_CHARS = 3000


class ServerError(RuntimeError):
    """The local Prefect server could not be started, reached or stopped; the message says why and where."""


@dataclass(frozen=True)
class ServerState:
    """What the state file records about the running server."""

    url: str  # the API, e.g. http://127.0.0.1:8123/api
    pid: int | None  # None only between choosing the port and starting the process
    home: str
    log: str

    @property
    def ui_url(self) -> str:
        return self.url.removesuffix("/api")


def default_home(environ: Mapping[str, str] = os.environ) -> Path:
    """PREFECT_HOME when set, else newsfacts' own folder in the user's data directory (flows.settings)."""
    return Settings.from_environment(environ).prefect_home


def state_path(home: Path) -> Path:
    return home / STATE_FILE


def read_state(home: Path) -> ServerState | None:
    """The recorded server, or None when there is no state file or it cannot be understood."""
    try:
        return ServerState(**json.loads(state_path(home).read_text()))
    except FileNotFoundError:
        return None
    except (ValueError, TypeError):  # torn or hand-edited: the lock decides what to do with it
        return None


def write_state(state: ServerState) -> None:
    path = state_path(Path(state.home))
    partial = path.with_name(path.name + ".partial")
    partial.write_text(json.dumps(asdict(state)))
    os.replace(partial, path)


def is_healthy(url: str, timeout: float = HEALTH_TIMEOUT_SECONDS) -> bool:
    try:
        with urllib.request.urlopen(f"{url}/health", timeout=timeout) as response:
            return response.status == 200
    except (OSError, urllib.error.URLError):
        return False


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return sock.getsockname()[1]


def server_command(port: int) -> list[str]:
    """uvicorn serving Prefect's app with its UI and services, as `prefect server start` does, minus its CLI."""
    return [
        sys.executable, "-m", "uvicorn", "--factory", "prefect.server.api.server:create_app",
        "--host", HOST, "--port", str(port), "--log-level", "error", "--lifespan", "on",
    ]


def server_environment(home: Path, port: int, environ: Mapping[str, str] = os.environ) -> dict[str, str]:
    env = {name: value for name, value in environ.items() if name != "PREFECT_API_URL"}
    return env | {
        "PREFECT_HOME": str(home),
        # The UI calls the API at PREFECT_SERVER_API_HOST:PORT (default port 4200).
        "PREFECT_SERVER_API_HOST": HOST,
        "PREFECT_SERVER_API_PORT": str(port),
        "PREFECT_SERVER_ANALYTICS_ENABLED": "false",  # no telemetry from a background process
    }


def try_lock(home: Path) -> int | None:
    """An fd holding the home's server lock, or None when a live server (or its starter) holds it."""
    try:
        fd = os.open(home / LOCK_FILE, os.O_RDWR | os.O_CREAT, 0o600)
    except OSError as error:
        raise ServerError(f"cannot open the server lock {home / LOCK_FILE}: {error.strerror}") from None
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        os.close(fd)
        return None
    return fd


def log_tail(log: Path) -> str:
    try:
        return log.read_text(errors="replace")[-LOG_TAIL_CHARS:]
    except FileNotFoundError:
        return "(no log)"


def start_server(home: Path, lock_fd: int, timeout: float, notify: Callable[[str], None]) -> ServerState:
    """Start a server that inherits `lock_fd` (held); returns once it answers."""
    port, log = free_port(), home / LOG_FILE
    stale = read_state(home)
    state = ServerState(f"http://{HOST}:{port}/api", None, str(home), str(log))
    if stale:
        notify(f"{state_path(home)} names a server that is gone (pid {stale.pid}, {stale.url}): starting a new one")
    notify(f"starting a Prefect server for {home} at {state.url}: later runs reuse it, "
           "`newsfacts server stop` stops it")
    # Recorded before the start: a run killed right after it has the address to wait on.
    write_state(state)
    with open(log, "ab") as output:
        process = subprocess.Popen(
            server_command(port), env=server_environment(home, port), cwd=home, stdin=subprocess.DEVNULL,
            stdout=output, stderr=subprocess.STDOUT, start_new_session=True, pass_fds=(lock_fd,),
        )
    state = ServerState(state.url, process.pid, state.home, state.log)
    write_state(state)
    deadline = time.monotonic() + timeout
    while not is_healthy(state.url):
        if process.poll() is not None:
            raise ServerError(f"the Prefect server for {home} exited with status {process.returncode} "
                              f"before answering at {state.url}; its log {log} ends:\n{log_tail(log)}")
        if time.monotonic() > deadline:
            raise ServerError(f"the Prefect server for {home} (pid {process.pid}) did not answer at {state.url} "
                              f"within {timeout:.0f} s; `newsfacts server stop` stops it; its log {log} ends:\n"
                              f"{log_tail(log)}")
        time.sleep(POLL_SECONDS)
    return state


def ensure_server(
    home: Path, timeout: float = START_TIMEOUT_SECONDS, notify: Callable[[str], None] = lambda line: None
) -> ServerState:
    """The running server of `home`, started (saying so to `notify`) if none is alive; waits while
    another run starts it."""
    try:
        home.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise ServerError(f"cannot create the Prefect server's home {home}: {error.strerror}") from None
    deadline = time.monotonic() + timeout
    while True:
        lock_fd = try_lock(home)
        if lock_fd is not None:  # no server alive: whatever the state file says is stale
            try:
                return start_server(home, lock_fd, timeout, notify)
            finally:
                os.close(lock_fd)  # the server holds its own copy of the lock
        state = read_state(home)
        if state is not None and is_healthy(state.url):
            return state
        if time.monotonic() > deadline:
            raise ServerError(
                f"{home / LOCK_FILE} is held by a Prefect server (state file {state_path(home)}: "
                f"{asdict(state) if state else 'missing or unreadable'}) that did not answer within {timeout:.0f} s; "
                "`newsfacts server stop` stops it"
            )
        time.sleep(POLL_SECONDS)


def server_status(home: Path) -> tuple[ServerState | None, str]:
    """The live server of `home` (or None) and a line saying so."""
    if not home.exists() or release(try_lock(home)):
        return None, f"no newsfacts Prefect server is running for {home}"
    state = read_state(home)
    if state is None:
        return None, f"a process holds {home / LOCK_FILE} but {state_path(home)} is missing or unreadable"
    answer = "answering" if is_healthy(state.url) else "NOT answering"
    return state, (f"Prefect server pid {state.pid} for {home} at {state.url} ({answer}); UI {state.ui_url}; "
                   f"log {state.log}")


def release(lock_fd: int | None) -> bool:
    """Let go of a lock `try_lock` took; True when it had been taken (so no server was alive)."""
    if lock_fd is None:
        return False
    os.close(lock_fd)
    return True


def wait_for_exit(home: Path, timeout: float) -> bool:
    """True once no process holds the home's lock (the server has exited), False after `timeout`."""
    deadline = time.monotonic() + timeout
    while not release(try_lock(home)):
        if time.monotonic() > deadline:
            return False
        time.sleep(POLL_SECONDS)
    return True


def stop_server(home: Path, timeout: float = STOP_TIMEOUT_SECONDS) -> str:
    """SIGTERM the home's server (SIGKILL after `timeout`) and wait until it has exited; says what it did."""
    if not home.exists() or release(try_lock(home)):
        return f"no newsfacts Prefect server is running for {home}"
    state = read_state(home)
    if state is None or state.pid is None:
        raise ServerError(f"cannot stop the server of {home}: a process holds {home / LOCK_FILE} but "
                          f"{state_path(home)} names no pid; find it with `fuser {home / LOCK_FILE}`")
    for stop_signal in (signal.SIGTERM, signal.SIGKILL):
        try:
            os.kill(state.pid, stop_signal)
        except ProcessLookupError:
            pass
        if wait_for_exit(home, timeout):
            state_path(home).unlink(missing_ok=True)
            return f"stopped the Prefect server pid {state.pid} for {home} ({state.url})"
    raise ServerError(f"pid {state.pid} is gone but another process still holds {home / LOCK_FILE}")


def say(line: str) -> None:
    print(f"newsfacts: {line}", file=sys.stderr)


@contextmanager
def prefect_api(home: Path | None = None) -> Iterator[str]:
    """Point this process's Prefect client (and processes it starts) at an API for the block; yields its URL.

    The configured one when `PREFECT_API_URL` is set (environment or the
    active Prefect profile), else the shared local server of `home`.
    """
    from prefect.settings import PREFECT_API_URL, temporary_settings

    url = PREFECT_API_URL.value()
    if not url:
        url = ensure_server(home or default_home(), notify=say).url
    previous = os.environ.get("PREFECT_API_URL")
    os.environ["PREFECT_API_URL"] = url  # Dask workers and served runs are child processes
    try:
        with temporary_settings(updates={PREFECT_API_URL: url}):
            yield url
    finally:
        if previous is None:
            os.environ.pop("PREFECT_API_URL", None)
        else:
            os.environ["PREFECT_API_URL"] = previous
