"""Extraction speed on the l3s-gn1 development set gold texts, one process.

Run: `uv run python benchmarks/extract_speed.py [DIR] [--limit N] [--with-parser]`.
Prints words/s through `flows.extract.extract_facts` (batches of 32, as the
pipeline's extract task runs it) and the share of that time spent outside
spaCy (entities, quotes, roles, money, dates, quantities): the spaCy time is
`nlp.pipe` alone over the same texts. Rates come from CPU time, so other load
on the 2 shared cores skews them less than wall time. `--with-parser` also
times the full en_core_web_sm pipeline (tagger, parser, lemmatizer), the
price of parse-based roles and quotes. Not a test: timings depend on the machine.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import spacy  # noqa: E402

from flows.extract import DEFAULT_BATCH_SIZE, extract_facts  # noqa: E402
from flows.extract.entities import normalise_for_ner, place_names  # noqa: E402
from flows.extract.nlp import MODEL_NAME, load_nlp  # noqa: E402
from flows.records import CleanedDocument  # noqa: E402

DEV_SET = Path(__file__).resolve().parent.parent / "tests" / "corpora" / "l3s-gn1"


def cpu_seconds(run) -> float:
    start = time.process_time()
    run()
    return time.process_time() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("directory", type=Path, nargs="?", default=DEV_SET)
    parser.add_argument("--limit", type=int, default=200, help="gold texts to read (0: all)")
    parser.add_argument("--with-parser", action="store_true", help="also time the full spaCy pipeline")
    args = parser.parse_args()
    paths = sorted(args.directory.glob("*.gold.txt"))
    if args.limit:
        paths = paths[: args.limit]
    docs = []
    for path in paths:
        text = path.read_text(encoding="utf-8", errors="replace").strip()
        docs.append(CleanedDocument(path.stem, text, title=text.split("\n", 1)[0]))
    words = sum(len(d.clean_text.split()) for d in docs)
    nlp = load_nlp()
    place_names()  # the gazetteer and the currency rates load once per process: not timed
    extract_facts(docs[:1], nlp=nlp)
    texts = [normalise_for_ner(d.clean_text) for d in docs]

    ner = cpu_seconds(lambda: list(nlp.pipe(texts, batch_size=DEFAULT_BATCH_SIZE)))
    total = cpu_seconds(lambda: extract_facts(docs, nlp=nlp))
    print(f"articles        {len(docs)} ({words} words)")
    print(f"extract_facts   {total:.2f} CPU s, {words / total:,.0f} words/s")
    print(f"spaCy NER only  {ner:.2f} CPU s, {words / ner:,.0f} words/s")
    print(f"outside spaCy   {max(total - ner, 0.0) / total:.1%} of extraction time")
    if args.with_parser:
        full = spacy.load(MODEL_NAME)
        parsed = cpu_seconds(lambda: list(full.pipe(texts, batch_size=DEFAULT_BATCH_SIZE)))
        print(f"full pipeline   {parsed:.2f} CPU s, {words / parsed:,.0f} words/s "
              f"({parsed / ner:.2f}x the NER-only time)")


if __name__ == "__main__":
    main()
