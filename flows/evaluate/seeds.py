"""The seed articles as cleaned documents, and a dev loop scoring extractors on them.

Who calls it: the gold-based extractor tests (tests/extract/), benchmarks/facts_eval.py
and developers (`python -m flows.evaluate.seeds [--cleaner] [--detail]`, every field
through `extract_facts`). Not the pipeline.

`gold_body_documents` builds each seed's clean text the way the gold defines
its body: the title line, a blank line, then the raw text from `body_starts`
through `body_ends`. Extractors are scored on that text so their figures do
not move with the cleaner's; `cleaned_documents` runs `flows.clean` instead,
for the end-to-end figure.
"""

from __future__ import annotations

import argparse
import hashlib
from collections.abc import Mapping, Sequence
from datetime import date
from pathlib import Path

from flows.evaluate.facts import FactsReport, GoldArticle, format_report, load_gold, predicted_from_facts, score_facts
from flows.records import CleanedDocument, Facts, RawDocument
from flows.resources import SAMPLE_ARTICLES, SAMPLE_GOLD

SEED_DIR = SAMPLE_ARTICLES
GOLD_DIR = SAMPLE_GOLD


def _article_id(raw_text: str) -> str:
    return hashlib.sha256(raw_text.encode("utf-8")).hexdigest()


def gold_body_text(raw_text: str, gold: GoldArticle) -> str:
    """Title + blank line + the raw text from body_starts through body_ends."""
    start = raw_text.index(gold.body_starts)
    end = raw_text.index(gold.body_ends, start) + len(gold.body_ends)
    body = raw_text[start:end]
    return f"{gold.title}\n\n{body}" if gold.title else body


def gold_body_documents(
    seed_dir: Path = SEED_DIR, gold_dir: Path = GOLD_DIR
) -> tuple[list[CleanedDocument], dict[str, str], dict[str, GoldArticle]]:
    """(documents, article_id -> file name, gold) for every seed with a gold file."""
    gold = load_gold(gold_dir)
    docs, names = [], {}
    for _, article in sorted(gold.items()):
        name = article.article
        raw = (seed_dir / name).read_text(encoding="utf-8")
        article_id = _article_id(raw)
        docs.append(
            CleanedDocument(
                article_id=article_id,
                clean_text=gold_body_text(raw, article),
                title=article.title,
                published_date=article.published,
                authors=article.authors,
            )
        )
        names[article_id] = name
    return docs, names, gold


def cleaned_documents(
    seed_dir: Path = SEED_DIR, gold_dir: Path = GOLD_DIR
) -> tuple[list[CleanedDocument], dict[str, str], dict[str, GoldArticle]]:
    """The same seeds through `flows.clean.clean_documents`."""
    from flows.clean import clean_documents

    gold = load_gold(gold_dir)
    raws, names = [], {}
    for name in sorted(article.article for article in gold.values()):
        path = seed_dir / name
        raw = path.read_text(encoding="utf-8")
        article_id = _article_id(raw)
        raws.append(RawDocument(article_id, name, str(path), raw, "text", source_key=str(seed_dir)))
        names[article_id] = name
    return clean_documents(raws), names, gold


def extract_numeric_facts(docs: Sequence[CleanedDocument], run_date: date | None = None) -> Facts:
    """Money, date and quantity facts of `docs`, in the order extract_facts runs them."""
    from flows.dates import extract_dates
    from flows.extract.money import extract_money
    from flows.extract.quantities import extract_quantities

    run_date = run_date or date.today()
    facts = Facts()
    for doc in docs:
        money = extract_money(doc.article_id, doc.clean_text, doc.published_date, run_date)
        dates = extract_dates(doc.article_id, doc.clean_text, doc.published_date)
        skip = [(f.start_char, f.end_char) for f in (*money, *dates)]
        facts.money_facts.extend(money)
        facts.date_facts.extend(dates)
        facts.quantity_facts.extend(extract_quantities(doc.article_id, doc.clean_text, skip))
    return facts


def score_numeric_facts(
    docs: Sequence[CleanedDocument], names: Mapping[str, str], gold: Mapping[str, GoldArticle]
) -> FactsReport:
    return score_facts(gold, predicted_from_facts(docs, names, extract_numeric_facts(docs)))


def score_seeds(cleaner: bool = False, run_date: date | None = None) -> FactsReport:
    """Every field of `extract_facts` on the seeds: on the gold body, or through `flows.clean`."""
    from flows.extract import extract_facts

    docs, names, gold = cleaned_documents() if cleaner else gold_body_documents()
    return score_facts(gold, predicted_from_facts(docs, names, extract_facts(docs, run_date=run_date)))


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description="Score every extractor on the seeds.")
    parser.add_argument("--cleaner", action="store_true", help="use flows.clean instead of the gold body")
    parser.add_argument("--detail", action="store_true", help="list every miss and extra")
    args = parser.parse_args(argv)
    print(format_report(score_seeds(args.cleaner), detail=args.detail))


if __name__ == "__main__":
    main()
