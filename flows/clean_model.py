"""Learned keep/drop decisions for the blocks of plain page text.

`flows.clean` describes every block (length, stop-word density in the page's
language, sentence shape, cue phrase, repetition across the site, the
hand-written class and whether the block lies in the densest prose region)
and asks the model here how likely the block is article content. Each block
is described by its own features, its two neighbours on each side and its
place on the page, since boilerplate comes in runs (menus, link lists,
comment threads) and the article is one run of prose.

Why a model: the hand-set thresholds and region weights of the first cleaner
were tuned on one corpus (l3s-gn1: F1 0.966) and fell to 0.85 on pages of
other sites and years (dragnet). A gradient-boosted tree ensemble
(scikit-learn's HistGradientBoostingClassifier) over the same signals,
trained on the development corpora by `flows.train_cleaner` (`make
train-cleaner`) and validated across them (train on two, test on the third:
benchmarks/cleaner_training.txt), replaces those thresholds. The model file
is MODEL_PATH, committed; training writes it.

A run does not import scikit-learn (about 0.9 s of CPU in every run with new
pages, most of it scipy.stats): training exports the fitted trees to plain
arrays (`BlockModel`, `flows.train_cleaner.export_trees`), and
`keep_probabilities` walks them with numpy, all trees at once. The
probabilities are scikit-learn's (a test compares them on development pages).
"""

from __future__ import annotations

import math
import re
from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

from flows import clean_rules as rules

if TYPE_CHECKING:
    from flows.clean import Block

PUNCTUATION = re.compile(r"[^\w\s]|_", re.UNICODE)
DIGIT = re.compile(r"\d", re.UNICODE)
MODEL_PATH = Path(__file__).resolve().parent / "models" / "text_blocks.npz"

CUE_REASONS = tuple(dict.fromkeys(reason for reason, _ in (*rules.CUE_PHRASES, *rules.CUE_ANY_LENGTH))) + (
    "dateline",
    "byline",
    "navigation",
    "repeated_across_site",
)
# The hand-written classes, ordered from prose to boilerplate (see flows.clean.classify).
CLASS_RANK = {"good": 3.0, "near_good": 2.0, "short": 1.0, "bad": 0.0}
NEIGHBOUR_OFFSETS = (-2, -1, 1, 2)
# Signed distances to the densest region are clipped here: farther is just "far".
REGION_DISTANCE_CAP = 20
# Blocks on each side whose prose share describes a block's surroundings.
NEARBY_BLOCKS = 3
# Blocks this long (words) set the page's typical stop-word density.
TYPICAL_DENSITY_MIN_WORDS = 10
# Rows whose trees are walked together: the walkers of more rows no longer fit the CPU's
# caches (128 l3s-gn1 pages, 14,849 blocks: 0.10-0.12 s of CPU in walks of 2,048 or 4,096
# rows, 0.15-0.27 s in one walk, 0.14-0.15 s in walks of 512; scikit-learn 0.085-0.15 s; load 8-10).
ROWS_PER_WALK = 2048

OWN_FEATURES = (
    "log_chars", "log_words", "stop_density", "ends_sentence", "is_date", "is_byline", "menu_separators",
    "reason", "class_rank", "log_repeats", "in_region", "punctuation_share", "digit_share",
    "capitalised_share", "chars_per_word",
)
NEIGHBOUR_FEATURES = ("log_chars", "stop_density", "class_rank", "in_region", "has_reason", "ends_sentence")
PAGE_FEATURES = (
    "relative_position", "from_region_start", "from_region_end", "chars_before_share", "chars_of_longest",
    "log_blocks", "region_chars_share", "prose_share_nearby", "from_prose", "stop_density_over_page",
    "section_cues_before", "section_cues_after",
)
FEATURE_NAMES = (
    OWN_FEATURES
    + tuple(f"{name}@{offset:+d}" for offset in NEIGHBOUR_OFFSETS for name in NEIGHBOUR_FEATURES)
    + PAGE_FEATURES
)
CATEGORICAL_FEATURES = ("reason",)


def own_features(block: Block, repeats: int, in_region: bool) -> list[float]:
    text = block.text
    n_chars = len(text) or 1
    punctuation = len(PUNCTUATION.findall(text))
    digits = len(DIGIT.findall(text))
    words = text.split()
    capitalised = sum(w[0].isupper() for w in words)
    return [
        math.log1p(block.chars),
        math.log1p(block.words),
        block.stop_density,
        float(block.ends_sentence),
        float(block.is_date),
        float(block.is_byline),
        float(text.count(" | ") + text.count("•") + text.count("·")),
        float(CUE_REASONS.index(block.reason) + 1 if block.reason in CUE_REASONS else 0),
        CLASS_RANK[block.klass],
        math.log1p(repeats),
        float(in_region),
        punctuation / n_chars,
        digits / n_chars,
        capitalised / len(words) if words else 0.0,
        block.chars / block.words if block.words else 0.0,
    ]


def is_boundary(block: Block) -> bool:
    """A section cue that closes an article ("Related stories", "Comments"): see flows.clean.is_boundary."""
    return block.reason in rules.BOUNDARY_REASONS and block.words <= rules.CUE_MAX_WORDS


def page_features(
    blocks: Sequence[Block], repeats: Sequence[int], region: tuple[int, int] | None
) -> list[list[float]]:
    """One feature row per block (FEATURE_NAMES order); blocks must be classified already."""
    n = len(blocks)
    start, end = region if region else (n, n)
    own = [own_features(b, r, start <= i < end) for i, (b, r) in enumerate(zip(blocks, repeats))]
    picks = [OWN_FEATURES.index(name if name != "has_reason" else "reason") for name in NEIGHBOUR_FEATURES]
    has_reason = NEIGHBOUR_FEATURES.index("has_reason")
    neighbour = [[float(v > 0) if k == has_reason else v for k, v in enumerate(own[j][p] for p in picks)]
                 for j in range(n)]
    missing = [math.nan] * len(NEIGHBOUR_FEATURES)
    total_chars = sum(b.chars for b in blocks) or 1
    longest = max((b.chars for b in blocks), default=1) or 1
    region_chars = sum(b.chars for b in blocks[start:end])
    prose_chars = [b.chars if b.klass == "good" else 0 for b in blocks]
    prose_at = [i for i, chars in enumerate(prose_chars) if chars]
    long_densities = sorted(b.stop_density for b in blocks if b.words >= TYPICAL_DENSITY_MIN_WORDS)
    typical_density = long_densities[len(long_densities) // 2] if long_densities else math.nan
    cues = [float(is_boundary(b)) for b in blocks]
    cues_after = sum(cues)
    cues_before = 0.0
    rows = []
    before = 0
    for i, block in enumerate(blocks):
        cues_after -= cues[i]
        lo, hi = max(0, i - NEARBY_BLOCKS), min(n, i + NEARBY_BLOCKS + 1)
        nearby_chars = sum(b.chars for b in blocks[lo:hi]) or 1
        nearest_prose = _nearest_distance(prose_at, i)
        row = list(own[i])
        for offset in NEIGHBOUR_OFFSETS:
            j = i + offset
            row.extend(neighbour[j] if 0 <= j < n else missing)
        row.extend([
            i / n,
            float(max(-REGION_DISTANCE_CAP, min(REGION_DISTANCE_CAP, i - start))) if region else math.nan,
            float(max(-REGION_DISTANCE_CAP, min(REGION_DISTANCE_CAP, i - (end - 1)))) if region else math.nan,
            before / total_chars,
            block.chars / longest,
            math.log1p(n),
            region_chars / total_chars,
            sum(prose_chars[lo:hi]) / nearby_chars,
            float(min(REGION_DISTANCE_CAP, nearest_prose)),
            block.stop_density - typical_density,
            cues_before,
            cues_after,
        ])
        before += block.chars
        cues_before += cues[i]
        rows.append(row)
    return rows


def _nearest_distance(positions: Sequence[int], i: int) -> int:
    """How far `i` is from the nearest of the sorted `positions` (REGION_DISTANCE_CAP when there is none)."""
    k = bisect_left(positions, i)
    near = [abs(i - positions[j]) for j in (k - 1, k) if 0 <= j < len(positions)]
    return min(near, default=REGION_DISTANCE_CAP)


@dataclass(frozen=True)
class BlockModel:
    """A binary gradient-boosted tree ensemble as arrays, in the order its trees were fitted.

    Inputs are first turned into small integer codes, one per feature
    (`feature_codes`): for a numeric feature the number of the feature's split
    thresholds below the value, for a categorical one the category itself, and
    `missing_code` for a missing value (and an unknown category). Node n of the
    concatenated trees tests feature `node_feature[n]` and goes to
    `node_child[n, 1]` (left) when `goes_left[n, code]`, else to
    `node_child[n, 0]`; a leaf is its own child and holds `node_value[n]`.
    """

    feature_names: tuple[str, ...]
    thresholds: tuple[np.ndarray, ...]  # sorted distinct split thresholds of each numeric feature
    categorical: np.ndarray  # bool per feature
    goes_left: np.ndarray  # bool, nodes x codes
    node_feature: np.ndarray
    node_child: np.ndarray  # nodes x 2: right, left
    node_value: np.ndarray
    tree_roots: np.ndarray
    tree_depths: np.ndarray
    baseline: float

    @property
    def missing_code(self) -> int:
        return self.goes_left.shape[1] - 1

    def feature_codes(self, rows: np.ndarray) -> np.ndarray:
        """Codes of `rows` (samples x features), features x samples."""
        codes = np.empty(rows.shape[::-1], dtype=np.intp)
        for k, column in enumerate(rows.T):
            if self.categorical[k]:
                known = (column >= 0) & (column < self.missing_code) & (column == np.floor(column))
                codes[k] = np.where(known, np.nan_to_num(column), self.missing_code)
            else:
                codes[k] = np.searchsorted(self.thresholds[k], column, side="left")
                codes[k][np.isnan(column)] = self.missing_code
        return codes

    def raw_predictions(self, rows: np.ndarray) -> np.ndarray:
        """The ensemble's sum for each row: the trees walked level by level, every row and tree at once.

        A walker's state is its node times the code count, so one lookup in
        `next_state` (the child, scaled) takes it down a level; trees are
        walked deepest first, so each level updates only the trees that deep.
        """
        n_rows = len(rows)
        width = self.goes_left.shape[1]
        codes = self.feature_codes(rows).ravel()
        next_state = (np.where(self.goes_left, self.node_child[:, 1:], self.node_child[:, :1]) * width).ravel()
        code_at = np.repeat(self.node_feature * n_rows, width)  # where a state's feature codes start
        order = np.argsort(-self.tree_depths, kind="stable")
        states = np.repeat(self.tree_roots[order, None] * width, n_rows, axis=1)
        columns = np.arange(n_rows, dtype=np.intp)
        depths = self.tree_depths[order]
        for level in range(int(depths.max(initial=0))):
            deeper = states[: int(np.count_nonzero(depths > level))]
            deeper[...] = next_state[deeper + codes[code_at[deeper] + columns]]
        values = self.node_value[states // width]
        total = np.full(n_rows, self.baseline)
        for tree in np.argsort(order):  # summed in fitting order, as scikit-learn sums them
            total += values[tree]
        return total

    def predict_proba(self, rows: np.ndarray) -> np.ndarray:
        """Probabilities of the classes (boilerplate, content) per row, as scikit-learn's classifier gives them."""
        sums = [self.raw_predictions(rows[i : i + ROWS_PER_WALK]) for i in range(0, len(rows), ROWS_PER_WALK)]
        content = 1.0 / (1.0 + np.exp(-np.concatenate(sums or [np.zeros(0)])))
        return np.column_stack([1.0 - content, content])


@lru_cache(maxsize=1)
def load_model(path: Path = MODEL_PATH) -> BlockModel:
    """The committed block model (`flows.train_cleaner` writes it)."""
    with np.load(path, allow_pickle=False) as stored:
        if tuple(stored["feature_names"]) != FEATURE_NAMES:
            raise RuntimeError(f"{path} was trained on other features: run `make train-cleaner`")
        offsets = stored["threshold_offsets"]
        thresholds = tuple(stored["thresholds"][offsets[k] : offsets[k + 1]] for k in range(len(offsets) - 1))
        return BlockModel(
            FEATURE_NAMES, thresholds, stored["categorical"], stored["goes_left"], stored["node_feature"].astype(np.intp),
            stored["node_child"].astype(np.intp), stored["node_value"], stored["tree_roots"].astype(np.intp),
            stored["tree_depths"], float(stored["baseline"]),
        )


def keep_probabilities(model: BlockModel, rows: Sequence[Sequence[float]]) -> np.ndarray:
    """Probability that each block is article content, for the rows of a whole batch at once."""
    if not rows:
        return np.zeros(0)
    return model.predict_proba(np.asarray(rows, dtype=np.float64))[:, 1]


def save_model(model: BlockModel, path: Path = MODEL_PATH) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    offsets = np.cumsum([0] + [len(t) for t in model.thresholds])
    thresholds = np.concatenate([np.zeros(0), *model.thresholds])
    with path.open("wb") as handle:
        np.savez_compressed(
            handle, feature_names=np.array(model.feature_names), thresholds=thresholds, threshold_offsets=offsets,
            categorical=model.categorical, goes_left=model.goes_left, node_feature=model.node_feature.astype(np.int16),
            node_child=model.node_child.astype(np.int32), node_value=model.node_value,
            tree_roots=model.tree_roots.astype(np.int32), tree_depths=model.tree_depths.astype(np.int16),
            baseline=np.float64(model.baseline),
        )
