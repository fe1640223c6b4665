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
