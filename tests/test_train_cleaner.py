"""flows.train_cleaner: block labels and weights from gold bodies."""

from __future__ import annotations

import pytest

from flows.train_cleaner import block_labels, block_weights

GOLD = "Council approves bridge\n\nThe city council voted on Tuesday to build a new bridge over the river."


def test_blocks_in_the_gold_body_are_content():
    texts = [
        "Home",
        "Council approves bridge",
        "The city council voted on Tuesday to build a new bridge over the river.",
        "Related stories: the council voted on a new school",
        "",
    ]
    assert block_labels(texts, GOLD) == [0, 1, 1, 0, 0]


def test_a_block_mostly_in_the_gold_is_content():
    # the gold glued two words and dropped a trailing credit: most shingles still match
    assert block_labels(["The city council voted on Tuesday to build a new bridge over the river. (Photo: AP)"], GOLD) == [1]


def test_weights_are_each_blocks_share_of_the_page():
    weights = block_weights(["one two three", "four", ""])
    assert sum(weights) == pytest.approx(1.0)
    assert weights[0] > weights[1] > weights[2] > 0
