"""What a run costs: fixed cost, throughput against spaCy NER alone, re-runs, and processes left after kills.

    .venv/bin/python benchmarks/throughput.py [--sizes 300,1000] [--kills 4] [--workers 2] [--ner-up-to N]

Prints, side by side and each with the load average of the moment it was
taken, wall time and CPU time (user + system: on a machine others share, CPU
time moves far less than wall time):

1. fixed cost: the time of `newsfacts run seeds` (5 articles) into a new
   warehouse and of the same run again (nothing new), as a user starts them
   (subprocesses, no PREFECT_API_URL, the shared server already up; its own
   first start is printed too), and of `newsfacts --help`; medians of 3;
2. throughput, for every size N: a corpus of N distinct articles built from
   `seeds/` and the page texts of tests/corpora/l3s-gn1 (each copy gets a
   numbered line, so every file is a new article; round k of copies goes to
   directory `copy-k`, so each directory looks like one crawl of the dev set),
   loaded in this process by the real flow into a fresh warehouse (fixed
   costs included: the flow run, the warehouse copy, the publish); spaCy NER
   alone (`nlp.pipe` over the cleaned texts the run stored, as
   `extract_facts` feeds it, model load excluded) and the ratio (only at
   sizes up to --ner-up-to when it is given: at 10,000 it adds a quarter of an
   hour and no goal reads it); a re-run
   over the same, now loaded, inputs and its share of the first run; time per
   stage as Prefect recorded its task runs, and the load time per batch over
   the first and the last tenth of the batches (it must not grow with the
   warehouse);
3. orphans: `newsfacts run` in a new PREFECT_HOME killed with SIGKILL after
   different delays, then how many processes it started are still alive
   besides the shared server.

Every Prefect server started here has its PREFECT_HOME under --workdir and
is stopped at the end.
"""

from __future__ import annotations

import argparse
import os
import platform
import resource
import shutil
import signal
import statistics
import subprocess
import sys
import time
import uuid
from collections import defaultdict
from pathlib import Path

import psutil

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from flows import server  # noqa: E402 - after the path is set

SOURCES = (ROOT / "seeds", ROOT / "tests" / "corpora" / "l3s-gn1")
REPEATS = 3
KILL_DELAYS_SECONDS = (1.0, 2.5, 4.0, 6.0, 9.0, 13.0)
MARKER = "NEWSFACTS_BENCH_MARKER"


def load() -> str:
    return f"load {os.getloadavg()[0]:.1f}"


def machine() -> str:
    memory = psutil.virtual_memory().total / 2**30
    return (f"{platform.node()} {platform.machine()}, {os.cpu_count()} cores, {memory:.0f} GiB RAM, "
            f"Python {platform.python_version()}, load average (1/5/15 min) at start "
            + "/".join(f"{value:.1f}" for value in os.getloadavg()))


def source_texts() -> list[str]:
    files = sorted(path for folder in SOURCES for path in folder.glob("*.txt") if not path.name.endswith(".gold.txt"))
    return [path.read_text(encoding="utf-8", errors="replace") for path in files]


def build_corpus(directory: Path, articles: int) -> Path:
    """N distinct article files; reused when already built."""
    marker = directory / f".complete-{articles}"
    if marker.exists():
        return directory
    texts = source_texts()
    for number in range(articles):
        folder = directory / f"copy-{number // len(texts):02d}"
        folder.mkdir(parents=True, exist_ok=True)
        text = texts[number % len(texts)]
        (folder / f"article-{number:05d}.txt").write_text(f"{text.rstrip()}\n\nBenchmark article number {number}.\n")
    marker.touch()
    return directory


def user_environment(home: Path, marker: str = "") -> dict[str, str]:
    """The environment of a user who configured nothing: no Prefect API, our PREFECT_HOME."""
    env = {name: value for name, value in os.environ.items() if not name.startswith("PREFECT_")}
    return env | {"PREFECT_HOME": str(home), MARKER: marker, "PYTHONPATH": str(ROOT)}


def newsfacts(*arguments: str) -> list[str]:
    return [sys.executable, "-m", "flows.cli", *arguments]


def timed(command: list[str], env: dict[str, str], cwd: Path) -> tuple[float, float]:
    """Wall and CPU (user + system) seconds of a command; CPU time hardly depends on what else runs."""
    started = time.perf_counter()
    process = subprocess.Popen(command, env=env, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(process.pid, 0)
    assert os.waitstatus_to_exitcode(status) == 0, command
    return time.perf_counter() - started, usage.ru_utime + usage.ru_stime


def fixed_cost(workdir: Path, home: Path) -> list[str]:
    started = time.perf_counter()
    state = server.ensure_server(home)
    lines = [f"  first start of the shared Prefect server (new PREFECT_HOME): {time.perf_counter() - started:.1f} s "
             f"({load()}) at {state.url}"]
    env = user_environment(home)
    new, again, help_ = [], [], []
    for repeat in range(REPEATS):
        warehouse = workdir / f"fixed-{repeat}.duckdb"
        warehouse.unlink(missing_ok=True)
        run = newsfacts("run", str(ROOT / "seeds"), "--warehouse", str(warehouse))
        new.append((timed(run, env, workdir), load()))
        again.append((timed(run, env, workdir), load()))
        help_.append((timed(newsfacts("--help"), env, workdir), load()))
    for label, samples in (("`newsfacts run seeds` (5 articles) into a new warehouse", new),
                           ("the same run again (nothing new)", again), ("`newsfacts --help`", help_)):
        wall = statistics.median(wall for (wall, _), _ in samples)
        cpu = statistics.median(cpu for (_, cpu), _ in samples)
        lines.append(f"  {label}: {wall:.2f} s wall, {cpu:.2f} s CPU (medians of {REPEATS}: "
                     + ", ".join(f"{wall:.2f} s / {cpu:.2f} s CPU {at}" for (wall, cpu), at in samples) + ")")
    return lines


def task_runs(run_id: str) -> list:
    from prefect.client.orchestration import get_client
    from prefect.client.schemas.filters import FlowRunFilter, FlowRunFilterId
    from prefect.client.schemas.sorting import TaskRunSort

    runs, offset = [], 0
    with get_client(sync_client=True) as client:
        while True:
            page = client.read_task_runs(
                flow_run_filter=FlowRunFilter(id=FlowRunFilterId(any_=[uuid.UUID(run_id)])), limit=200, offset=offset,
                sort=TaskRunSort.EXPECTED_START_TIME_ASC,
            )
            runs += page
            if len(page) < 200:
                return runs
            offset += 200


def stage_lines(run_id: str) -> list[str]:
    runs = task_runs(run_id)
    totals: dict[str, list] = defaultdict(lambda: [0, 0.0])
    for task_run in runs:
        name = task_run.name.rsplit("-", 1)[0]
        totals[name][0] += 1
        totals[name][1] += task_run.total_run_time.total_seconds()
    lines = ["    time per stage (task runs, summed run time as Prefect recorded it):"]
    lines += [f"      {name:<18} {count:>5} runs {seconds:8.1f} s"
              for name, (count, seconds) in sorted(totals.items(), key=lambda item: -item[1][1])]
    loads = [task_run.total_run_time.total_seconds() for task_run in runs if task_run.name.startswith("load-batch")]
    if len(loads) >= 10:
        tenth = len(loads) // 10
        lines.append(f"    load-batch per batch: first tenth {statistics.mean(loads[:tenth]):.3f} s, "
                     f"last tenth {statistics.mean(loads[-tenth:]):.3f} s")
    return lines


def cpu_seconds(pid: int | None = None) -> float:
    times = psutil.Process(pid).cpu_times()
    return times.user + times.system


def run_flow(corpus: Path, warehouse: Path, workers: int, batch_size: int, server_pid: int) -> tuple:
    """The flow's summary, its wall seconds, the load average, and CPU seconds here and in the Prefect server."""
    from flows import pipeline

    at = load()
    cpu, server_cpu = cpu_seconds(), cpu_seconds(server_pid)
    started = time.perf_counter()
    if workers:
        summary = pipeline.with_dask(workers)([str(corpus)], str(warehouse), batch_size=batch_size,
                                              batches_in_flight=pipeline.batches_in_flight_for(workers))
    else:
        summary = pipeline.load_news_articles([str(corpus)], str(warehouse), batch_size=batch_size)
    return (summary, time.perf_counter() - started, at, cpu_seconds() - cpu,
            cpu_seconds(server_pid) - server_cpu)


def cleaned_texts(warehouse: Path) -> list[str]:
    from flows.load import connect

    with connect(warehouse, read_only=True) as con:
        return [row[0] for row in con.execute("SELECT clean_text FROM articles ORDER BY article_id").fetchall()]


def time_ner_alone(texts: list[str]) -> tuple[float, str, float]:
    from flows.extract import DEFAULT_BATCH_SIZE
    from flows.extract.entities import normalise_for_ner
    from flows.extract.nlp import load_nlp

    nlp = load_nlp()
    list(nlp.pipe(["warm up the model."]))
    at = load()
    started, cpu = time.perf_counter(), cpu_seconds()
    for _ in nlp.pipe((normalise_for_ner(text) for text in texts), batch_size=DEFAULT_BATCH_SIZE):
        pass
    return time.perf_counter() - started, at, cpu_seconds() - cpu


def throughput(workdir: Path, size: int, workers: int, batch_size: int, server_pid: int, ner: bool) -> list[str]:
    corpus = build_corpus(workdir / f"corpus-{size}", size)
    warehouse = workdir / f"warehouse-{size}-w{workers}.duckdb"
    warehouse.unlink(missing_ok=True)
    first, first_seconds, first_at, first_cpu, first_server = run_flow(corpus, warehouse, workers, batch_size,
                                                                       server_pid)
    texts = cleaned_texts(warehouse)
    words = sum(len(text.split()) for text in texts)
    ner_lines = ["    spaCy NER alone: not timed at this size (--ner-up-to)"]
    if ner:
        ner_seconds, ner_at, ner_cpu = time_ner_alone(texts)
        ner_lines = [
            f"    spaCy NER alone on the same cleaned texts: {ner_seconds:.1f} s wall ({ner_at}), {ner_cpu:.1f} s "
            f"CPU, {words / ner_seconds:,.0f} words/s",
            f"    whole pipeline / NER alone: {first_seconds / ner_seconds:.2f}x wall, {first_cpu / ner_cpu:.2f}x "
            f"CPU ({(first_cpu + first_server) / ner_cpu:.2f}x with the server's CPU)",
        ]
    del texts
    again, again_seconds, again_at, again_cpu, again_server = run_flow(corpus, warehouse, workers, batch_size,
                                                                       server_pid)
    lines = [
        f"  {size} articles ({words:,} words of cleaned text), "
        f"{'one process' if not workers else f'{workers} Dask workers'}, batch size {batch_size}:",
        f"    first run: {first_seconds:.1f} s wall ({first_at}), {first_cpu:.1f} s CPU here + {first_server:.1f} s "
        f"in the Prefect server, {first.articles_new} new, {words / first_seconds:,.0f} words/s",
        *ner_lines,
        f"    re-run over the {again.articles_skipped} loaded articles: {again_seconds:.1f} s wall ({again_at}), "
        f"{again_cpu:.1f} s CPU here + {again_server:.1f} s in the server = {again_seconds / first_seconds:.1%} "
        f"of the first run's wall time, {again_cpu / first_cpu:.1%} of its CPU",
    ]
    return lines + stage_lines(first.run_id)


def orphans(workdir: Path, kills: int) -> list[str]:
    """Kill `newsfacts run` (its whole process group) after each delay; count what it started that lives on."""
    home, marker = workdir / "kill-home", uuid.uuid4().hex
    shutil.rmtree(home, ignore_errors=True)
    warehouse = workdir / "kill.duckdb"
    counts = []
    try:
        for delay in KILL_DELAYS_SECONDS[:kills]:
            run = subprocess.Popen(newsfacts("run", str(ROOT / "seeds"), "--warehouse", str(warehouse)),
                                   env=user_environment(home, marker), cwd=workdir, stdout=subprocess.DEVNULL,
                                   stderr=subprocess.DEVNULL, start_new_session=True)
            time.sleep(delay)
            os.killpg(run.pid, signal.SIGKILL)
            run.wait()
            time.sleep(0.5)
            state = server.read_state(home)
            alive = [pid for pid in marked_processes(marker) if state is None or pid != state.pid]
            counts.append(f"{delay:.1f} s: {len(alive)}")
    finally:
        server.stop_server(home)
    left = len(marked_processes(marker))
    return [f"  processes left besides the shared server, per kill delay: {', '.join(counts)} ({load()}); "
            f"after `server stop`: {left}"]


def marked_processes(marker: str) -> list[int]:
    found = []
    for process in psutil.process_iter():
        try:
            if process.status() != psutil.STATUS_ZOMBIE and process.environ().get(MARKER) == marker:
                found.append(process.pid)
        except (psutil.NoSuchProcess, psutil.AccessDenied):
            pass
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="300,1000", help="corpus sizes, comma-separated (default: %(default)s)")
    parser.add_argument("--kills", type=int, default=4, help=f"runs to SIGKILL, up to {len(KILL_DELAYS_SECONDS)}")
    parser.add_argument("--workers", type=int, default=0, help="Dask worker processes (0: all in this process)")
    parser.add_argument("--batch-size", type=int, default=128,
                        help="articles per task (default: the CLI's, %(default)s)")
    parser.add_argument("--ner-up-to", type=int, default=0,
                        help="time NER alone only at sizes up to this (0, the default: at every size)")
    parser.add_argument("--workdir", type=Path, default=Path("/tmp/newsfacts-bench"))
    args = parser.parse_args()
    args.workdir.mkdir(parents=True, exist_ok=True)
    home = args.workdir / "prefect-home"
    shutil.rmtree(home, ignore_errors=True)
    print(f"machine: {machine()}", flush=True)
    try:
        print("fixed cost:", *fixed_cost(args.workdir, home), sep="\n", flush=True)
        print("throughput:", flush=True)
        with server.prefect_api(home):
            server_pid = server.read_state(home).pid
            for size in (int(size) for size in args.sizes.split(",")):
                ner = not args.ner_up_to or size <= args.ner_up_to
                print(*throughput(args.workdir, size, args.workers, args.batch_size, server_pid, ner), sep="\n",
                      flush=True)
        print(f"  peak RSS of this process (getrusage; the NER baseline included): "
              f"{resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 2**10:,.0f} MiB", flush=True)
        print("orphans after SIGKILL:", *orphans(args.workdir, args.kills), sep="\n", flush=True)
    finally:
        server.stop_server(home)


if __name__ == "__main__":
    main()
