"""SIGKILL `newsfacts run` at random moments; the warehouse is always a complete state.

A real run over seeds makes the previous state; an uninterrupted run over a
slice of the dev set from that state is the reference. Then runs over the
same inputs are killed (the whole process group, with SIGKILL) while they
extract, while they load a batch, while they publish and at random times.
After every kill the warehouse must open, hold exactly the previous or the
reference content, and pass the SQL data tests (a run killed just after
its publish must leave the new state). The killed runs' staging
files must not break the next run, which must converge to the reference.
"""

from __future__ import annotations

import os
import random
import shutil
import signal
import threading
import time
from pathlib import Path

import pytest

from conftest import DEV_SET
from hostile.runner import (
    SEEDS, content_snapshot, current_api_url, exact_duplicate_rows, opens_cleanly, rows,
    run_measured, sql_data_test_failures, start_run,
)

pytestmark = pytest.mark.slow

KILLS = int(os.environ.get("CRASH_KILLS", "10"))  # each costs a process start (~8 s of CPU): raise it locally
DEV_PAGES = 9  # 3 batches of 3: the run spends seconds extracting and loads several times
BATCH_SIZE = "3"
RUN_TIMEOUT_SECONDS = 300
# Log lines that open a stage: after a clean task ends the batch is being
# extracted; after an extract task ends it is being loaded; after the last
# load task ends the warehouse is being published.
STAGE_MARKERS = {
    "extract": "Task run 'clean-batch",
    "load": "Task run 'extract-batch",
    "publish": "Task run 'load-batch",
    "published": "Task run 'publish-warehouse",
}
MAX_DELAY_SECONDS = {"extract": 1.0, "load": 0.3, "publish": 0.2}


def dev_pages() -> list[str]:
    return [str(path) for path in sorted(DEV_SET.glob("*.txt")) if not path.name.endswith(".gold.txt")][:DEV_PAGES]


def staging_files(warehouse: Path) -> list[Path]:
    return sorted(warehouse.parent.glob(f".{warehouse.name}.*.staging*"))


def run_until(arguments: list[str], api_url: str, cwd: Path, marker: str | None, occurrence: int, delay: float) -> bool:
    """Start a run and SIGKILL it `delay` s after the `occurrence`-th log line holding `marker`
    (or `delay` s after the start when marker is None); True when it was killed before it ended."""
    process = start_run(arguments, api_url, cwd, start_new_session=True)
    seen, fire = 0, threading.Event()

    def watch_log():
        nonlocal seen
        for line in process.stderr:
            if marker is not None and marker in line and "Finished" in line:
                seen += 1
                if seen == occurrence:
                    fire.set()
        fire.set()  # the run ended before the marker: nothing left to kill

    watcher = threading.Thread(target=watch_log, daemon=True)
    watcher.start()
    if marker is not None:
        fire.wait(RUN_TIMEOUT_SECONDS)
    time.sleep(delay)
    killed = process.poll() is None
    if killed:
        os.killpg(process.pid, signal.SIGKILL)
    process.wait(RUN_TIMEOUT_SECONDS)
    process.stdout.close()
    watcher.join(10)
    return killed


@pytest.fixture(scope="module")
def states(tmp_path_factory, prefect_server):
    """The previous state (seeds loaded), the reference after the dev pages, and its run's log."""
    root = tmp_path_factory.mktemp("crash")
    api_url = current_api_url()
    previous = root / "previous" / "warehouse.duckdb"
    seeded = run_measured(["--warehouse", str(previous), str(SEEDS)], api_url, root, RUN_TIMEOUT_SECONDS)
    assert seeded.returncode == 0, seeded.stderr[-3000:]
    reference = root / "reference" / "warehouse.duckdb"
    reference.parent.mkdir()
    shutil.copyfile(previous, reference)
    started = time.monotonic()
    finished = run_measured(["--warehouse", str(reference), "--batch-size", BATCH_SIZE, *dev_pages()], api_url, root,
                            RUN_TIMEOUT_SECONDS)
    assert finished.returncode == 0, finished.stderr[-3000:]
    return root, previous, reference, finished.stderr, time.monotonic() - started


def kill_plan(log: str, seconds: float, rng: random.Random) -> list[tuple[str, str | None, int, float]]:
    """(stage, marker, occurrence, delay) for each kill: first one just after the publish (the new
    state must be complete), then every stage in turn and a random moment."""
    plan = [("published", STAGE_MARKERS["published"], 1, 0.0)]
    for number in range(KILLS):
        stage = ("extract", "load", "publish", "anytime")[number % 4]
        if stage == "anytime":
            plan.append((stage, None, 0, rng.uniform(1.0, 0.6 * seconds)))  # well before a run ends
            continue
        marker = STAGE_MARKERS[stage]
        occurrences = sum(marker in line and "Finished" in line for line in log.splitlines())
        occurrence = occurrences if stage == "publish" else rng.randint(1, occurrences)
        plan.append((stage, marker, occurrence, rng.uniform(0, MAX_DELAY_SECONDS[stage])))
    return plan


def test_killed_runs_leave_a_complete_state_and_a_rerun_converges(states):
    root, previous, reference, log, seconds = states
    api_url = current_api_url()
    before, after = content_snapshot(previous), content_snapshot(reference)
    assert before != after
    warehouse = root / "killed" / "warehouse.duckdb"
    warehouse.parent.mkdir()
    shutil.copyfile(previous, warehouse)
    arguments = ["--warehouse", str(warehouse), "--batch-size", BATCH_SIZE, *dev_pages()]
    rng = random.Random(int(os.environ.get("CRASH_SEED", "7")))
    outcomes = []
    for stage, marker, occurrence, delay in kill_plan(log, seconds, rng):
        killed = run_until(arguments, api_url, root, marker, occurrence, delay)
        assert opens_cleanly(warehouse), f"warehouse does not open after a kill during {stage}"
        state = content_snapshot(warehouse)
        assert state in (before, after), f"partial state after a kill during {stage} ({delay:.2f} s after marker)"
        assert stage != "published" or state == after
        assert sql_data_test_failures(warehouse) == {}
        assert exact_duplicate_rows(warehouse) == {}
        outcomes.append((stage, killed, "new" if state == after else "previous"))
        if state == after:
            shutil.copyfile(previous, warehouse)  # start the next kill from the previous state again
    print("kills (stage, killed, state after):", outcomes)
    assert all(killed for stage, killed, _ in outcomes if stage != "published")
    assert staging_files(warehouse), "killed runs leave staging files behind (else the kills came too late)"

    finished = run_measured(arguments, api_url, root, RUN_TIMEOUT_SECONDS)
    assert finished.returncode == 0, finished.stderr[-3000:]
    converged = content_snapshot(warehouse)
    lost = sum(len(set(after[table]) - set(converged[table])) for table in after)
    print(f"converged: {sum(map(len, converged.values()))} rows, {lost} lost against the uninterrupted run")
    assert converged == after
    assert staging_files(warehouse) == []
    assert rows(warehouse, "SELECT count(*) FROM pipeline_runs") == [(2,)]  # the seeds' run and the converged one
