"""flows.clean_model: feature rows of a page and the committed model."""

from __future__ import annotations

import math

from flows.clean import body_region, classify, split_blocks
from flows.clean_model import FEATURE_NAMES, keep_probabilities, load_model, page_features

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
