"""The plain-text cleaner's quality on the report parts of the development corpora must not slip.

The committed block model was trained on the tune parts only
(flows.train_cleaner), so the report parts are held out. Floors sit a little
below the figures measured when they were pinned (benchmarks/cleaner_training.txt),
like trafilatura's CI floor on its own evaluation set.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from flows.evaluate.cleaning import evaluate_directory, format_score
from flows.evaluate.splits import REPORT

CORPORA = Path(__file__).resolve().parents[1] / "corpora"

# corpus: (pages in the report part, F1 floor, mean page F1 floor). Measured
# (2026-12-01): l3s-gn1 F1 0.965, mean page F1 0.961; dragnet 0.828, 0.812;
# cleaneval 0.915, 0.896.
FLOORS = {
    "l3s-gn1": (291, 0.955, 0.95),
    "dragnet": (152, 0.815, 0.80),
    "cleaneval": (341, 0.90, 0.88),
}


@pytest.mark.parametrize("corpus", sorted(FLOORS))
def test_cleaning_on_report_part_stays_above_floor(corpus):
    pages, f1_floor, mean_floor = FLOORS[corpus]
    score = evaluate_directory(CORPORA / corpus, part=REPORT)
    report = format_score(score)
    assert len(score.documents) == pages, report
    assert not any(d.predicted_empty and not d.gold_empty for d in score.documents), report
    assert score.f1 >= f1_floor, report
    assert score.mean_document_f1 >= mean_floor, report
