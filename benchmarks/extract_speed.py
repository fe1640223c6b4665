"""Extraction speed against spaCy NER alone, one process, on 1,000 development texts.

Run: `uv run python benchmarks/extract_speed.py [DIR ...] [--limit N] [--with-parser]`.
The texts are the l3s-gn1 gold texts (620 news bodies) followed by the
PolNeAR train articles (quote-heavy political news, the worst case for the
parser), 1,000 in all by default. Prints words/s through
`flows.extract.extract_facts` (batches of 32, as the pipeline's extract task
runs it, with the dependency parse of the sentences quotes need), the same
for `nlp.pipe` NER alone over the same texts, their ratio (the budget is
1.4x), and the distinct sentences parsed. Rates come from CPU time, so other load on
the 2 shared cores skews them less than wall time. `--with-parser` also times
the full en_core_web_sm pipeline over every text, the price of parsing all
of them. Not a test: timings depend on the machine.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import spacy  # noqa: E402

from flows.extract import DEFAULT_BATCH_SIZE, extract_facts  # noqa: E402
from flows.extract.entities import gazetteer, normalise_for_ner  # noqa: E402
from flows.extract.nlp import MODEL_NAME, load_nlp, load_parser  # noqa: E402
from flows.records import CleanedDocument  # noqa: E402

CORPORA = Path(__file__).resolve().parent.parent / "tests" / "corpora"
DEV_SETS = (CORPORA / "l3s-gn1", CORPORA / "polnear-train")


def cpu_seconds(run) -> float:
    start = time.process_time()
    run()
    return time.process_time() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("directories", type=Path, nargs="*", default=DEV_SETS)
    parser.add_argument("--limit", type=int, default=1000, help="texts to read (0: all)")
    parser.add_argument("--with-parser", action="store_true", help="also time the full spaCy pipeline")
    args = parser.parse_args()
    # a set with gold texts beside its pages is read through them, else every .txt
    paths = [p for d in args.directories for p in (sorted(d.glob("*.gold.txt")) or sorted(d.glob("*.txt")))]
    if args.limit:
        paths = paths[: args.limit]
    docs = []
    for path in paths:
        text = path.read_text(encoding="utf-8", errors="replace").strip()
        docs.append(CleanedDocument(path.stem, text, title=text.split("\n", 1)[0]))
    words = sum(len(d.clean_text.split()) for d in docs)
    nlp, sentence_parser = load_nlp(), load_parser()
    gazetteer()  # the gazetteer and the currency rates load once per process: not timed
    extract_facts(docs[:1], nlp=nlp)
    texts = [normalise_for_ner(d.clean_text) for d in docs]

    ner = cpu_seconds(lambda: list(nlp.pipe(texts, batch_size=DEFAULT_BATCH_SIZE)))
    parsed_words = []

    def counting_parser(texts):
        parses = sentence_parser(texts)
        parsed_words.extend(len(text.split()) for text in parses)
        return parses

    total = cpu_seconds(lambda: extract_facts(docs, nlp=nlp, parser=counting_parser))
    print(f"articles        {len(docs)} ({words} words)")
    print(f"extract_facts   {total:.2f} CPU s, {words / total:,.0f} words/s "
          f"({total / ner:.2f}x the NER-only time)")
    print(f"spaCy NER only  {ner:.2f} CPU s, {words / ner:,.0f} words/s")
    print(f"parsed          {len(parsed_words)} distinct sentences, {sum(parsed_words)} words "
          f"({sum(parsed_words) / words:.1%} of all words)")
    print(f"outside NER     {max(total - ner, 0.0) / total:.1%} of extraction time")
    if args.with_parser:
        full = spacy.load(MODEL_NAME)
        parsed = cpu_seconds(lambda: list(full.pipe(texts, batch_size=DEFAULT_BATCH_SIZE)))
        print(f"full pipeline   {parsed:.2f} CPU s, {words / parsed:,.0f} words/s "
              f"({parsed / ner:.2f}x the NER-only time)")


if __name__ == "__main__":
    main()
