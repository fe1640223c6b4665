"""Throughput of the whole pipeline on a synthetic corpus, against spaCy NER alone.

    .venv/bin/python benchmarks/throughput.py --articles 1000 [--workers 2] [--rerun] [--ner-baseline]

Builds a corpus of N distinct articles from `seeds/` and the page texts of
tests/corpora/l3s-gn1 (each copy gets a numbered line, so every file is a new
article; round k of copies goes to directory `copy-k`, so each directory looks
like one crawl of the dev set and the cleaner's site history sees no copies),
loads it into a fresh warehouse with the real flow (in this process, or with
`--workers N` on a local Dask cluster) and prints articles/s, words/s (words of
cleaned text), peak RSS (this process and the whole process tree, sampled; the
Prefect API server is excluded), and the time per stage as Prefect recorded
its task runs. `--rerun` runs the flow again over the same, now loaded,
inputs (the incremental case); `--ner-baseline` times spaCy NER alone
(`nlp.pipe` over the cleaned texts the run stored, as `extract_facts` feeds it)
in this process and prints total time / NER time. The Prefect API server is
started before timing: its start-up is a fixed cost, not throughput.
"""

from __future__ import annotations

import argparse
import os
import platform
import resource
import sys
import threading
import time
import uuid
from collections import defaultdict
from pathlib import Path

import psutil

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS", "180")
os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")

SOURCES = (ROOT / "seeds", ROOT / "tests" / "corpora" / "l3s-gn1")
RSS_SAMPLE_SECONDS = 0.5


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


class RssSampler:
    """Peak resident memory of this process and of its process tree, minus the Prefect API server."""

    def __init__(self, excluded_pids: set[int]):
        self.excluded = excluded_pids
        self.peak_self = self.peak_tree = 0
        self.stop_event = threading.Event()
        self.thread = threading.Thread(target=self.run, daemon=True)

    def tree_rss(self) -> tuple[int, int]:
        me = psutil.Process()
        own = me.memory_info().rss
        total = own
        for child in me.children(recursive=True):
            try:
                if child.pid not in self.excluded and not self.excluded & {p.pid for p in child.parents()}:
                    total += child.memory_info().rss
            except psutil.NoSuchProcess:
                pass
        return own, total

    def run(self) -> None:
        while not self.stop_event.is_set():
            own, total = self.tree_rss()
            self.peak_self, self.peak_tree = max(self.peak_self, own), max(self.peak_tree, total)
            self.stop_event.wait(RSS_SAMPLE_SECONDS)

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.stop_event.set()
        self.thread.join()


def stage_seconds(run_id: str) -> dict[str, tuple[int, float]]:
    """Task runs and summed run time per task name, as recorded by the Prefect API."""
    from prefect.client.orchestration import get_client
    from prefect.client.schemas.filters import FlowRunFilter, FlowRunFilterId
    from prefect.client.schemas.sorting import TaskRunSort

    totals: dict[str, list] = defaultdict(lambda: [0, 0.0])
    with get_client(sync_client=True) as client:
        offset = 0
        while True:
            page = client.read_task_runs(
                flow_run_filter=FlowRunFilter(id=FlowRunFilterId(any_=[uuid.UUID(run_id)])), limit=200, offset=offset,
                sort=TaskRunSort.ID_DESC,
            )
            for task_run in page:
                name = task_run.name.rsplit("-", 1)[0]
                totals[name][0] += 1
                totals[name][1] += task_run.total_run_time.total_seconds()
            if len(page) < 200:
                break
            offset += 200
    return {name: (count, seconds) for name, (count, seconds) in totals.items()}


def run_flow(corpus: Path, warehouse: Path, workers: int, batch_size: int, server_pids: set[int]) -> dict:
    from flows import pipeline

    with RssSampler(server_pids) as rss:
        started = time.perf_counter()
        if workers:
            summary = pipeline.with_dask(workers)(
                [str(corpus)], str(warehouse), batch_size=batch_size,
                batches_in_flight=pipeline.batches_in_flight_for(workers),
            )
        else:
            summary = pipeline.load_news_articles([str(corpus)], str(warehouse), batch_size=batch_size)
        seconds = time.perf_counter() - started
    return {"summary": summary, "seconds": seconds, "peak_self": rss.peak_self, "peak_tree": rss.peak_tree}


def cleaned_texts(warehouse: Path) -> list[str]:
    from flows.load import connect

    with connect(warehouse, read_only=True) as con:
        return [row[0] for row in con.execute("SELECT clean_text FROM articles ORDER BY article_id").fetchall()]


def time_ner_alone(texts: list[str]) -> float:
    from flows.extract import DEFAULT_BATCH_SIZE
    from flows.extract.entities import normalise_for_ner
    from flows.extract.nlp import load_nlp

    nlp = load_nlp()
    list(nlp.pipe(["warm up the model."]))
    started = time.perf_counter()
    for _ in nlp.pipe((normalise_for_ner(text) for text in texts), batch_size=DEFAULT_BATCH_SIZE):
        pass
    return time.perf_counter() - started


def describe_run(label: str, result: dict, words: int) -> list[str]:
    summary, seconds = result["summary"], result["seconds"]
    lines = [
        f"{label}: {seconds:.1f} s wall, {summary.articles_new} new / {summary.articles_skipped} already loaded, "
        f"{summary.inputs_failed} failed",
        f"  {summary.articles_new / seconds:.1f} articles/s, {words / seconds:,.0f} words/s of cleaned text"
        if summary.articles_new else f"  {summary.inputs_read / seconds:.1f} inputs checked/s",
        f"  peak RSS: flow process {result['peak_self'] / 2**20:,.0f} MiB, "
        f"process tree without the Prefect server {result['peak_tree'] / 2**20:,.0f} MiB",
        "  time per stage (task runs, summed run time as recorded by Prefect):",
    ]
    for name, (count, stage) in sorted(stage_seconds(summary.run_id).items(), key=lambda item: -item[1][1]):
        lines.append(f"    {name:<18} {count:>5} runs {stage:8.1f} s")
    return lines


def machine() -> str:
    memory = psutil.virtual_memory().total / 2**30
    load = ", ".join(f"{value:.1f}" for value in os.getloadavg())
    return (f"{platform.machine()} {os.cpu_count()} cores, {memory:.0f} GiB RAM, Python {platform.python_version()}, "
            f"load average at start {load}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--workers", type=int, default=0, help="Dask worker processes (0: all in this process)")
    parser.add_argument("--batch-size", type=int, default=32)
    parser.add_argument("--rerun", action="store_true", help="run again over the loaded inputs (incremental)")
    parser.add_argument("--ner-baseline", action="store_true", help="time spaCy NER alone on the cleaned texts")
    parser.add_argument("--workdir", type=Path, default=Path("/tmp/newsfacts-bench"))
    args = parser.parse_args()

    corpus = build_corpus(args.workdir / f"corpus-{args.articles}", args.articles)
    warehouse = args.workdir / f"warehouse-{args.articles}-w{args.workers}.duckdb"
    warehouse.unlink(missing_ok=True)
    from flows.pipeline import shared_prefect_api

    print(f"machine: {machine()}")
    print(f"corpus: {args.articles} articles in {corpus}; workers: {args.workers or 'none (one process)'}; "
          f"batch size {args.batch_size}")
    server_pids = set()
    with shared_prefect_api():
        server_pids = {child.pid for child in psutil.Process().children(recursive=True)}
        first = run_flow(corpus, warehouse, args.workers, args.batch_size, server_pids)
        texts = cleaned_texts(warehouse)
        words = sum(len(text.split()) for text in texts)
        print(f"cleaned text: {words:,} words in {len(texts)} articles")
        print("\n".join(describe_run("first run", first, words)))
        if args.rerun:
            again = run_flow(corpus, warehouse, args.workers, args.batch_size, server_pids)
            print("\n".join(describe_run("re-run over the same inputs", again, 0)))
            print(f"re-run / first run: {again['seconds'] / first['seconds']:.1%}")
        if args.ner_baseline:
            ner = time_ner_alone(texts)
            print(f"spaCy NER alone on the same cleaned texts, one process: {ner:.1f} s ({words / ner:,.0f} words/s)")
            print(f"total pipeline time / NER alone: {first['seconds'] / ner:.2f}x")
    print(f"peak RSS of this process (getrusage; includes the NER baseline if run): "
          f"{resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 2**10:,.0f} MiB")


if __name__ == "__main__":
    main()
