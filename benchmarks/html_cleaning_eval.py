"""Score flows.html.clean_html on the dev corpora's HTML pages beside trafilatura and readability-lxml; writes html_cleaning_eval.txt.

Run: .venv/bin/python benchmarks/html_cleaning_eval.py [CORPUS ...]
Figures per corpus (tests/corpora/l3s-gn1, dragnet, cleaneval): the whole set,
the tune part the vote thresholds were tuned on (l3s-gn1 only) and the report
part (flows.evaluate.splits), and the two extractors alone under the same
metric. Speed is given as wall-clock and CPU pages/s in one process: CPU time
is the steadier figure on a machine shared with other jobs.
"""

from __future__ import annotations

import hashlib
import logging
import os
import sys
import time
import warnings
from pathlib import Path

import trafilatura

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from flows.evaluate.cleaning import CleaningScore, score_corpus  # noqa: E402
from flows.evaluate.splits import REPORT, TUNE, in_part  # noqa: E402
from flows.html import clean_html, readability_text  # noqa: E402
from flows.records import RawDocument  # noqa: E402

CORPORA = ROOT / "tests" / "corpora"
DEFAULT_CORPORA = ("l3s-gn1", "dragnet", "cleaneval")
OUTPUT = Path(__file__).with_suffix(".txt")


def timed(clean, pages: dict[str, str]) -> tuple[dict[str, str], float, float]:
    predicted = {}
    wall, cpu = time.perf_counter(), time.process_time()
    for page_id, html in pages.items():
        try:
            predicted[page_id] = clean(html) or ""
        except Exception:  # noqa: BLE001 - an extractor that fails on a page scores it as an empty output
            predicted[page_id] = ""
    return predicted, len(pages) / (time.perf_counter() - wall), len(pages) / (time.process_time() - cpu)


def line(name: str, score: CleaningScore, n_pages: int) -> str:
    return (
        f"{name:<44} {n_pages:>5} P {score.precision:.4f}  R {score.recall:.4f}  "
        f"F1 {score.f1:.4f}  mean page F1 {score.mean_document_f1:.4f}"
    )


def main() -> None:
    warnings.filterwarnings("ignore")
    logging.disable(logging.WARNING)
    out = []
    for corpus in sys.argv[1:] or DEFAULT_CORPORA:
        out += evaluate_corpus(CORPORA / corpus) + [""]
    OUTPUT.write_text("\n".join(out) + "\n")
    print("\n".join(out))


def evaluate_corpus(directory: Path) -> list[str]:
    ids = sorted(path.name.removesuffix(".gold.txt") for path in directory.glob("*.gold.txt"))
    pages = {i: (directory / f"{i}.html").read_text("utf-8", errors="replace") for i in ids}
    gold = {i: (directory / f"{i}.gold.txt").read_text("utf-8", errors="replace") for i in ids}

    def ours(html: str) -> str:
        return clean_html(RawDocument(hashlib.sha256(html.encode()).hexdigest(), "", "", html, "html")).clean_text

    load_before = os.getloadavg()[0]
    runs = {
        "clean_html (vote)": timed(ours, pages),
        "trafilatura 2.3 alone (no comments)": timed(lambda h: trafilatura.extract(h, include_comments=False), pages),
        "readability-lxml 0.9 alone": timed(readability_text, pages),
    }
    subsets = {
        "all": ids,
        "tune part": in_part(ids, TUNE),
        "report part": in_part(ids, REPORT),
    }
    out = [
        f"HTML cleaning on tests/corpora/{directory.name} ({len(ids)} pages), token-shingle metric of",
        "flows/evaluate/cleaning.py (score_corpus); vote thresholds tuned on the l3s-gn1 tune part only.",
        "",
    ]
    for name, (predicted, wall_rate, cpu_rate) in runs.items():
        for subset, subset_ids in subsets.items():
            score = score_corpus([(i, predicted[i], gold[i]) for i in subset_ids])
            out.append(line(f"{name}, {subset}", score, len(subset_ids)))
        out.append(f"{'':<44}       speed {wall_rate:.1f} pages/s wall, {cpu_rate:.1f} pages/s CPU, one process")
        out.append("")
    ours_cpu, trafilatura_cpu = runs["clean_html (vote)"][2], runs["trafilatura 2.3 alone (no comments)"][2]
    out.append(
        f"clean_html runs at {ours_cpu / trafilatura_cpu:.2f}x trafilatura's CPU speed (it runs trafilatura and "
        f"readability-lxml both); machine load average {load_before:.1f} at the start, "
        f"{os.getloadavg()[0]:.1f} at the end, on 2 cores shared with other jobs."
    )
    return out


if __name__ == "__main__":
    main()
