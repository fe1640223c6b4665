"""flows.clean_model: feature rows of a page and the committed model."""

from __future__ import annotations

import math
from pathlib import Path

import numpy as np

from flows.clean import body_region, classify, split_blocks
from flows.clean_model import FEATURE_NAMES, keep_probabilities, load_model, page_features

CORPORA = Path(__file__).resolve().parent / "corpora"
PAGE = """Home
News
Sport

Council approves new bridge over the river

The city council voted on Tuesday to build a new bridge over the river, ending a debate that has divided the town for more than ten years.

The bridge will cost about 40 million dollars and should open in 2024, the mayor said after the vote, adding that the old ferry will keep running.

Related stories
Mayor opens the new library
"""


def features_of(text: str) -> list[list[float]]:
    blocks = split_blocks(text)
    for block in blocks:
        classify(block, 0)
    return page_features(blocks, [0] * len(blocks), body_region(blocks))


def test_one_row_per_block_in_feature_order_with_missing_neighbours_at_the_edges():
    rows = features_of(PAGE)
    assert len(rows) == 8
    assert all(len(row) == len(FEATURE_NAMES) for row in rows)
    first_left = FEATURE_NAMES.index("log_chars@-1")
    assert math.isnan(rows[0][first_left]) and not math.isnan(rows[1][first_left])
    in_region = FEATURE_NAMES.index("in_region")
    assert [row[in_region] for row in rows][4:6] == [1.0, 1.0]


def test_the_committed_model_keeps_the_body_and_drops_the_menu():
    probabilities = keep_probabilities(load_model(), features_of(PAGE))
    assert all(p >= 0.5 for p in probabilities[4:6])
    assert all(p < 0.5 for p in probabilities[:3])
    assert keep_probabilities(load_model(), []).shape == (0,)


def test_the_exported_trees_predict_what_scikit_learn_predicts_on_development_pages():
    """A block model fitted as `make train-cleaner` fits it (fewer trees), exported, against scikit-learn's own."""
    from sklearn.ensemble import HistGradientBoostingClassifier
    from threadpoolctl import threadpool_limits

    from flows.clean import prepare_pages
    from flows.clean_model import CATEGORICAL_FEATURES
    from flows.evaluate.cleaning import read_inputs
    from flows.train_cleaner import MODEL_SETTINGS, block_labels, export_trees

    pairs = read_inputs(CORPORA / "l3s-gn1")[:120]
    train, test = prepare_pages([doc for doc, _ in pairs[:60]], {}), prepare_pages([doc for doc, _ in pairs[60:]], {})
    gold = {doc.article_id: text for doc, text in pairs}
    rows = np.asarray([row for page in train for row in page.features])
    labels = [label for page in train for label in block_labels([b.text for b in page.blocks], gold[page.article_id])]
    categorical = [name in CATEGORICAL_FEATURES for name in FEATURE_NAMES]
    settings = {**MODEL_SETTINGS, "max_iter": 30}
    fitted = HistGradientBoostingClassifier(categorical_features=categorical, random_state=0, **settings)
    unseen = np.asarray([row for page in test for row in page.features])
    reason = FEATURE_NAMES.index("reason")
    odd = unseen[:40].copy()
    odd[:10, reason] = 99.0  # a category never seen in training
    odd[10:20, reason] = np.nan
    odd[20:30, :] = np.nan
    odd[30:40, reason] = -1.0
    with threadpool_limits(limits=1, user_api="openmp"):  # OpenMP threads are slower on 2 shared cores
        fitted.fit(rows, np.asarray(labels))
        expected = [fitted.predict_proba(sample)[:, 1] for sample in (unseen, odd)]
    exported = export_trees(fitted)
    for sample, probabilities in zip((unseen, odd), expected, strict=True):
        assert np.abs(keep_probabilities(exported, sample.tolist()) - probabilities).max() < 1e-9
    assert len(unseen) > 1000 and 0.05 < np.mean(expected[0] >= 0.5) < 0.95


def test_cleaning_reads_the_exported_trees_without_importing_scikit_learn():
    """scikit-learn is a dev dependency (training only): a run must not need it."""
    import subprocess
    import sys

    code = ("import sys; from flows.clean import clean_documents; from flows.records import RawDocument; "
            "page = 'Home | News | Sport\\n\\n' + 'The council voted on the new budget for the city. ' * 20; "
            "(doc,) = clean_documents([RawDocument('a', 'a.txt', 'a.txt', page, 'text')]); "
            "assert doc.clean_text, 'nothing kept'; "
            "assert 'sklearn' not in sys.modules, 'cleaning imported scikit-learn'")
    subprocess.run([sys.executable, "-c", code], check=True, cwd=Path(__file__).resolve().parent.parent)
