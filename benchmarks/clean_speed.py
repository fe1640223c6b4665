"""Plain-text cleaning speed on the l3s-gn1 development set texts, one process.

Run: `uv run python benchmarks/clean_speed.py [DIR] [--repeat N]`. Prints pages/s
and MB/s of raw text through `flows.clean.clean_documents` (batches of 100
pages from one site key, so the repetition counting is included), per core:
rates come from the process's CPU time, so other load on the machine skews
them less than wall time (printed too). Not a test: timings depend on the machine.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from flows.clean import clean_documents  # noqa: E402
from flows.records import RawDocument  # noqa: E402

DEV_SET = Path(__file__).resolve().parent.parent / "tests" / "corpora" / "l3s-gn1"
BATCH_SIZE = 100


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("directory", type=Path, nargs="?", default=DEV_SET)
    parser.add_argument("--repeat", type=int, default=5, help="passes over the texts; the best is reported")
    args = parser.parse_args()
    paths = sorted(p for p in args.directory.glob("*.txt") if not p.name.endswith(".gold.txt"))
    texts = [p.read_text(encoding="utf-8", errors="replace") for p in paths]
    docs = [RawDocument(p.stem, p.name, str(p), t, "text", source_key=str(args.directory)) for p, t in zip(paths, texts)]
    megabytes = sum(len(t.encode("utf-8")) for t in texts) / 1e6
    best_cpu = best_wall = float("inf")
    for _ in range(args.repeat):
        cpu, wall = time.process_time(), time.perf_counter()
        for i in range(0, len(docs), BATCH_SIZE):
            clean_documents(docs[i : i + BATCH_SIZE])
        best_cpu = min(best_cpu, time.process_time() - cpu)
        best_wall = min(best_wall, time.perf_counter() - wall)
    print(f"pages          {len(docs)} ({megabytes:.1f} MB of text)")
    print(f"CPU seconds    {best_cpu:.2f} (best of {args.repeat}; wall {best_wall:.2f})")
    print(f"pages/s        {len(docs) / best_cpu:.0f} per core (wall {len(docs) / best_wall:.0f})")
    print(f"MB/s           {megabytes / best_cpu:.2f} per core (wall {megabytes / best_wall:.2f})")
    print(f"load average   {os.getloadavg()[0]:.1f} at the end, on {os.cpu_count()} cores shared with other jobs")


if __name__ == "__main__":
    main()
