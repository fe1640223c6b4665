"""Score a cleaner against gold main content by token-shingle matching.

The metric of tests/corpora/README.md, as the public article-extraction
benchmarks use it: multisets of 4-token shingles; per-document precision and
recall (1.0 when both sides are empty); precision averaged over documents with
a non-empty prediction, recall over documents with a non-empty gold; F1 from
the two averages, and the mean per-document F1 so empty outputs show.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from flows.dates import is_date_line
from flows.records import RawDocument

SHINGLE_SIZE = 4
TOKEN = re.compile(r"\w+", re.UNICODE)


@dataclass(frozen=True)
class DocumentScore:
    doc_id: str
    precision: float
    recall: float
    f1: float
    predicted_empty: bool
    gold_empty: bool


@dataclass(frozen=True)
class CleaningScore:
    precision: float
    recall: float
    f1: float
    mean_document_f1: float
    documents: tuple[DocumentScore, ...]


def shingles(text: str) -> Counter[tuple[str, ...]]:
    tokens = TOKEN.findall(text.lower())
    if 0 < len(tokens) < SHINGLE_SIZE:
        return Counter([tuple(tokens)])
    return Counter(tuple(tokens[i : i + SHINGLE_SIZE]) for i in range(len(tokens) - SHINGLE_SIZE + 1))


def harmonic_mean(a: float, b: float) -> float:
    return 2 * a * b / (a + b) if a + b else 0.0


def score_document(doc_id: str, predicted: str, gold: str) -> DocumentScore:
    pred, ref = shingles(predicted), shingles(gold)
    tp = sum((pred & ref).values())
    n_pred, n_ref = sum(pred.values()), sum(ref.values())
    precision = tp / n_pred if n_pred else 1.0 if not n_ref else 0.0
    recall = tp / n_ref if n_ref else 1.0 if not n_pred else 0.0
    return DocumentScore(doc_id, precision, recall, harmonic_mean(precision, recall), not n_pred, not n_ref)


def score_corpus(pairs: list[tuple[str, str, str]]) -> CleaningScore:
    """Score (doc_id, predicted, gold) triples."""
    docs = tuple(score_document(*pair) for pair in pairs)
    with_prediction = [d.precision for d in docs if not d.predicted_empty]
    with_gold = [d.recall for d in docs if not d.gold_empty]
    precision = sum(with_prediction) / len(with_prediction) if with_prediction else 0.0
    recall = sum(with_gold) / len(with_gold) if with_gold else 0.0
    mean_f1 = sum(d.f1 for d in docs) / len(docs) if docs else 0.0
    return CleaningScore(precision, recall, harmonic_mean(precision, recall), mean_f1, docs)


# --- Titles from the gold bodies --------------------------------------------------

# A gold body opens with the page's headline on news pages (l3s-gn1, dragnet); a first line of
# fewer words, or a date line, is no headline (dragnet's gold opens so on some blogs:
# "20 July 2012", "230comments").
HEADLINE_MIN_WORDS = 3


def gold_headline(gold_path: Path) -> str | None:
    """The first line of a gold body when it is a headline, else None."""
    text = gold_path.read_text(encoding="utf-8", errors="replace")
    first = next((line.strip() for line in text.splitlines() if line.strip()), "")
    if len(first.split()) < HEADLINE_MIN_WORDS or is_date_line(first):
        return None
    return first


# --- Evaluating the clean stage on a directory -----------------------------------

EVAL_BATCH_SIZE = 100  # pages cleaned together, so repetition within a batch counts


def read_inputs(directory: Path, prefer_html: bool = False) -> list[tuple[RawDocument, str]]:
    """(document, gold text) for every `<id>.gold.txt` with a `<id>.txt` or `<id>.html` beside it."""
    pairs = []
    for gold_path in sorted(directory.glob("*.gold.txt")):
        doc_id = gold_path.name[: -len(".gold.txt")]
        text_path, html_path = directory / f"{doc_id}.txt", directory / f"{doc_id}.html"
        order = (html_path, text_path) if prefer_html else (text_path, html_path)
        source = next((path for path in order if path.exists()), None)
        if source is None:
            continue
        raw = source.read_bytes().decode("utf-8", errors="replace")
        doc = RawDocument(
            article_id=doc_id,
            source_name=source.name,
            source_path=str(source),
            raw_text=raw,
            input_format="html" if source.suffix == ".html" else "text",
            source_key=str(directory),
        )
        pairs.append((doc, gold_path.read_text(encoding="utf-8", errors="replace")))
    return pairs


def evaluate_directory(
    directory: Path, prefer_html: bool = False, batch_size: int = EVAL_BATCH_SIZE, part: str | None = None
) -> CleaningScore:
    """Clean every page of an evaluation directory with `clean_documents` and score it against its gold.

    Reads `<id>.txt` (or `<id>.html`, preferred when `prefer_html`) beside each
    `<id>.gold.txt`. The article id is the file id, so scores name the pages.
    `part` limits it to one part of flows.evaluate.splits ("tune" or "report").
    """
    from flows.clean import clean_documents
    from flows.evaluate.splits import in_part

    pairs = read_inputs(Path(directory), prefer_html)
    if part is not None:
        chosen = set(in_part((doc.article_id for doc, _ in pairs), part))
        pairs = [(doc, gold) for doc, gold in pairs if doc.article_id in chosen]
    triples = []
    for i in range(0, len(pairs), batch_size):
        chunk = pairs[i : i + batch_size]
        cleaned = clean_documents([doc for doc, _ in chunk])
        triples.extend((doc.article_id, out.clean_text, gold) for (doc, gold), out in zip(chunk, cleaned))
    return score_corpus(triples)


def format_score(score: CleaningScore) -> str:
    """The figures the corpus README reports, one per line, then the worst pages."""
    n = len(score.documents)
    empty = sum(d.predicted_empty and not d.gold_empty for d in score.documents)
    lines = [
        f"documents          {n}",
        f"precision          {score.precision:.3f}",
        f"recall             {score.recall:.3f}",
        f"F1                 {score.f1:.3f}",
        f"mean document F1   {score.mean_document_f1:.3f}",
        f"empty predictions  {empty}",
    ]
    worst = sorted(score.documents, key=lambda d: d.f1)[:10]
    if worst:
        lines.append("lowest document F1:")
        lines.extend(f"  {d.doc_id}  P {d.precision:.3f}  R {d.recall:.3f}  F1 {d.f1:.3f}" for d in worst)
    return "\n".join(lines)
