"""The `newsfacts` command: run the pipeline, serve it on a schedule, clean files, evaluate, export.

Only argument parsing and printing live here; every command calls a stage
module or the flow. Prefect is imported only by the commands that run the flow,
so `newsfacts clean` and `newsfacts eval` start fast.
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import NoReturn

from flows.resources import SAMPLE_ARTICLES
from flows.settings import Settings

SAMPLE_SIZE = len(list(SAMPLE_ARTICLES.glob("*.txt")))

EXIT_TEMPORARY_FAILURE = 75  # sysexits' EX_TEMPFAIL: the warehouse was busy, try again later
EXIT_DRAIN_SECONDS = 30  # at most, to send the logs and events a run queued for the Prefect API
DEFAULT_REMOTE_WORKERS = 2  # sizes the batches in flight on a --dask-address cluster when --workers is not given
PREFECT_DEFAULTS = {
    "PREFECT_SERVER_ANALYTICS_ENABLED": "false",  # no network here: telemetry only logs errors
}


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    default_warehouse = Settings.from_environment().warehouse
    warehouse_help = "DuckDB file (default: $NEWSFACTS_WAREHOUSE, else %(default)s)"
    parser = argparse.ArgumentParser(prog="newsfacts", description="Turn raw news pages into a warehouse of checked facts.")
    commands = parser.add_subparsers(dest="command", required=True)

    run = commands.add_parser("run", help="load articles into the warehouse (ingest, clean, extract, validate, load)")
    run.add_argument("paths", nargs="*", type=Path, help="files or directories, read recursively")
    run.add_argument("--sample", action="store_true", help=f"also load the {SAMPLE_SIZE} sample articles shipped with newsfacts")
    run.add_argument("--warehouse", type=Path, default=default_warehouse, help=warehouse_help)
    run.add_argument("--batch-size", type=int, default=128, help="articles per task (default: %(default)s)")
    run.add_argument("--lock-wait", type=float, metavar="SECONDS",
                     help="how long each of 4 attempts waits for another run to release the warehouse (default: 150)")
    run.add_argument("--workers", type=int, default=0, metavar="N",
                     help="extract facts on a local Dask cluster of N processes (default: all in this process)")
    run.add_argument("--dask-address", metavar="tcp://HOST:PORT",
                     help="extract facts on this running Dask cluster (its workers need PREFECT_API_URL set)")

    serve = commands.add_parser("serve", help="serve the flow as a Prefect deployment loading an inbox on a schedule")
    serve.add_argument("--inbox", type=Path, required=True, metavar="DIR", help="directory scanned by every run")
    schedule = serve.add_mutually_exclusive_group(required=True)
    schedule.add_argument("--cron", help='cron schedule, e.g. "*/15 * * * *"')
    schedule.add_argument("--interval", type=float, metavar="SECONDS", help="run every SECONDS seconds")
    serve.add_argument("--warehouse", type=Path, default=default_warehouse, help=warehouse_help)
    serve.add_argument("--batch-size", type=int, default=128, help="articles per task (default: %(default)s)")
    serve.add_argument("--name", default="inbox", help="deployment name (default: %(default)s)")

    server = commands.add_parser("server", help="the local Prefect server that runs start and share (PREFECT_HOME)")
    server.add_argument("action", choices=("status", "stop"), help="say whether it runs and where; or stop it")

    clean = commands.add_parser("clean", help="write the cleaned body of every input in IN to OUT/<stem>.txt")
    clean.add_argument("inputs", type=Path, help="file or directory of raw articles")
    clean.add_argument("output", type=Path, help="directory for the cleaned texts")

    evaluate = commands.add_parser("eval", help="score cleaning or facts against gold data")
    targets = evaluate.add_subparsers(dest="target", required=True)
    cleaning = targets.add_parser("cleaning", help="token-shingle P/R/F1 of the cleaner on DIR (<id>.txt|.html + <id>.gold.txt)")
    cleaning.add_argument("directory", type=Path)
    cleaning.add_argument("--html", action="store_true", help="clean <id>.html inputs instead of <id>.txt")
    cleaning.add_argument("--part", choices=("tune", "report"), help="only that part of the set (flows.evaluate.splits)")
    facts = targets.add_parser("facts", help="per-field P/R/F1 of the warehouse's facts against gold files")
    facts.add_argument("--gold", type=Path, required=True, help="directory of <stem>.facts.json files")
    facts.add_argument("--warehouse", type=Path, default=default_warehouse, help=warehouse_help)
    facts.add_argument("--detail", action="store_true", help="list every miss and extra")
    facts.add_argument("--part", choices=("tune", "report"),
                       help="score only this part of the fixed split (flows/evaluate/splits.py; default: every article)")

    export = commands.add_parser("export", help="write every table and view of the warehouse as files")
    export.add_argument("--parquet", type=Path, required=True, metavar="DIR", help="directory for <name>.parquet files")
    export.add_argument("--warehouse", type=Path, default=default_warehouse, help=warehouse_help)
    args = parser.parse_args(argv)
    if args.command == "run" and not (args.paths or args.sample):
        parser.error("run: give files or directories to load, or --sample for the sample articles")
    return args


def set_prefect_defaults() -> None:
    for name, value in PREFECT_DEFAULTS.items():
        os.environ.setdefault(name, value)


def command_run(args: argparse.Namespace) -> int:
    set_prefect_defaults()
    from flows.load import WarehouseBusy
    from flows.server import ServerError, prefect_api

    paths = [str(path) for path in args.paths] + ([str(SAMPLE_ARTICLES)] if args.sample else [])
    try:
        with prefect_api():
            from flows import pipeline

            summary = run_flow(pipeline, paths, args)
    except WarehouseBusy as busy:
        print(f"newsfacts: {busy}", file=sys.stderr)
        return EXIT_TEMPORARY_FAILURE
    except ServerError as error:
        print(f"newsfacts: {error}", file=sys.stderr)
        return 1
    print(format_summary(summary))
    return 1 if summary.errors else 0


def run_flow(pipeline, paths: list[str], args: argparse.Namespace):
    options = {"batch_size": args.batch_size}
    if args.lock_wait is not None:
        options["lock_wait_seconds"] = args.lock_wait
    with progress_bar() as on_batch:
        token = pipeline.batch_progress.set(on_batch)
        try:
            if args.workers or args.dask_address:
                return pipeline.with_dask(args.workers, args.dask_address)(
                    paths, str(args.warehouse), **options,
                    batches_in_flight=pipeline.batches_in_flight_for(args.workers or DEFAULT_REMOTE_WORKERS),
                )
            return pipeline.load_news_articles(paths, str(args.warehouse), **options)
        finally:
            pipeline.batch_progress.reset(token)


@contextmanager
def progress_bar() -> Iterator[Callable[[int, int, int], None] | None]:
    """A rich progress bar over batches on a terminal; elsewhere None (the flow's log lines say the same)."""
    if not sys.stderr.isatty():
        yield None
        return
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    columns = (TextColumn("batches"), BarColumn(), MofNCompleteColumn(), TextColumn("{task.description}"),
               TimeElapsedColumn())
    with Progress(*columns, transient=True) as progress:
        bar = progress.add_task("", total=None)

        def on_batch(done: int, total: int, articles_new: int) -> None:
            progress.update(bar, completed=done, total=total, description=f"{articles_new} new articles")

        yield on_batch


def command_serve(args: argparse.Namespace) -> int:
    set_prefect_defaults()
    from flows.serve import serve_inbox

    serve_inbox(args.inbox, args.warehouse, cron=args.cron, interval_seconds=args.interval,
                batch_size=args.batch_size, name=args.name)
    return 0


def command_server(args: argparse.Namespace) -> int:
    from flows import server

    home = server.default_home()
    try:
        print(server.server_status(home)[1] if args.action == "status" else server.stop_server(home))
    except server.ServerError as error:
        print(f"newsfacts: {error}", file=sys.stderr)
        return 1
    return 0


def by_count(counts: dict[str, int]) -> str:
    """"en 4, de 1": most frequent first."""
    return ", ".join(f"{key} {n}" for key, n in sorted(counts.items(), key=lambda item: (-item[1], item[0])))


def format_summary(summary) -> str:
    lines = [
        f"newsfacts run {summary.run_id} -> {summary.warehouse}",
        f"  inputs read {summary.inputs_read}: {summary.articles_new} new, {summary.articles_skipped} already loaded, "
        f"{summary.inputs_failed} failed",
        f"  rows rejected by validation: {summary.rows_rejected}",
        "  rows per table: " + ", ".join(f"{table} {rows}" for table, rows in summary.counts.items()),
        "  new articles per language: " + (by_count(summary.languages) or "-"),
        "  not extracted (no NER model for the language): " + (by_count(summary.not_extracted) or "0"),
        f"  {summary.seconds:.1f} s",
    ]
    lines += [f"  FAILED {error.source_path}: {error.reason}" for error in summary.errors]
    return "\n".join(lines)


def command_clean(args: argparse.Namespace) -> int:
    from flows import clean, ingest

    files, errors = ingest.discover_inputs([args.inputs])
    result, _ = ingest.ingest_paths(files, set())
    args.output.mkdir(parents=True, exist_ok=True)
    for raw, cleaned in zip(result.documents, clean.clean_documents(result.documents)):
        (args.output / f"{Path(raw.source_name).stem or raw.article_id[:16]}.txt").write_text(cleaned.clean_text + "\n")
    for error in errors + result.errors:
        print(f"FAILED {error.source_path}: {error.reason}", file=sys.stderr)
    print(f"cleaned {len(result.documents)} articles into {args.output}")
    return 1 if errors or result.errors else 0


def command_eval(args: argparse.Namespace) -> int:
    if args.target == "cleaning":
        from flows.evaluate import cleaning

        print(cleaning.format_score(cleaning.evaluate_directory(args.directory, prefer_html=args.html, part=args.part)))
        return 0
    from flows.evaluate import facts
    from flows.load import connect

    with connect(args.warehouse, read_only=True) as con:
        gold = facts.gold_in_part(facts.load_gold(args.gold), args.part)
        report = facts.score_facts(gold, facts.predicted_from_warehouse(con))
    print(facts.format_report(report, detail=args.detail))
    return 0


def command_export(args: argparse.Namespace) -> int:
    from flows.export import export_parquet

    written = export_parquet(args.warehouse, args.parquet)
    print(f"wrote {len(written)} Parquet files to {args.parquet}")
    return 0


COMMANDS = {
    "run": command_run, "serve": command_serve, "server": command_server, "clean": command_clean,
    "eval": command_eval, "export": command_export,
}


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    status = COMMANDS[args.command](args)
    if argv is None and args.command == "run":  # the command line, not a caller in this process
        exit_without_teardown(status)
    return status


def exit_without_teardown(status: int) -> NoReturn:
    """Send Prefect's queued logs and events, flush, and exit at once.

    The interpreter's own teardown after a run (Prefect's service threads,
    thousands of modules) took 1.5-1.7 s of wall time here: half the cost of a
    run with nothing new.
    """
    from prefect.events.worker import EventsWorker
    from prefect.logging.handlers import APILogWorker

    APILogWorker.drain_all(timeout=EXIT_DRAIN_SECONDS)
    EventsWorker.drain_all(timeout=EXIT_DRAIN_SECONDS)
    logging.shutdown()
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(status)


if __name__ == "__main__":
    sys.exit(main())
