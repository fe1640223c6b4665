"""The cleaner's quality on the l3s-gn1 development set must not slip.

Floors sit a little below the figures measured when they were pinned
(text inputs, see benchmarks/cleaning_eval.txt: P 0.961 R 0.971 F1 0.966),
like trafilatura's CI floor on its own evaluation set.
"""

from __future__ import annotations

from pathlib import Path

from flows.evaluate.cleaning import evaluate_directory, format_score

DEV_SET = Path(__file__).resolve().parents[1] / "corpora" / "l3s-gn1"

F1_FLOOR = 0.955
PRECISION_FLOOR = 0.945
RECALL_FLOOR = 0.96
MEAN_DOCUMENT_F1_FLOOR = 0.95


def test_cleaning_on_dev_set_text_inputs_stays_above_floor():
    score = evaluate_directory(DEV_SET)
    report = format_score(score)
    assert len(score.documents) == 620, report
    assert score.f1 >= F1_FLOOR, report
    assert score.precision >= PRECISION_FLOOR, report
    assert score.recall >= RECALL_FLOOR, report
    assert score.mean_document_f1 >= MEAN_DOCUMENT_F1_FLOOR, report
