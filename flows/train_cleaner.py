"""Train the plain-text block model on the development corpora and validate it across them.

Run: `make train-cleaner` (`python -m flows.train_cleaner`; scikit-learn comes with the
dev dependency group, which `make` installs: runs do not need it). Writes the model
(`flows.clean_model.MODEL_PATH`) and benchmarks/cleaner_training.txt.

Data: the text inputs (`<id>.txt`) and gold bodies of tests/corpora/l3s-gn1,
dragnet and cleaneval, cleaned in batches of 100 pages as `newsfacts eval
cleaning` does, so repetition within a batch is a feature as in a run. A
block's label is whether it is in the gold body: half or more of its 4-token
shingles are gold shingles (blocks under four tokens: their tokens appear in
the gold in that order).

Validation, printed and written out:
- leave one corpus out: train on two corpora, score the cleaner with that
  model on the whole third one (token-shingle F1 of flows.evaluate.cleaning);
  designs are chosen by these figures only;
- report parts: trained on the tune parts of all three corpora
  (flows.evaluate.splits), scored on each report part. That model is the one
  committed.
"""

from __future__ import annotations

import argparse
import re
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from sklearn.ensemble import HistGradientBoostingClassifier

from flows.clean import PreparedPage, decide_blocks, prepare_pages
from flows.clean_model import CATEGORICAL_FEATURES, FEATURE_NAMES, BlockModel, keep_probabilities, save_model
from flows.evaluate.cleaning import EVAL_BATCH_SIZE, SHINGLE_SIZE, read_inputs, score_corpus
from flows.evaluate.splits import REPORT, TUNE, part_of
from flows.records import RawDocument

ROOT = Path(__file__).resolve().parent.parent
CORPORA = ("l3s-gn1", "dragnet", "cleaneval")
CORPUS_DIR = ROOT / "tests" / "corpora"
REPORT_PATH = ROOT / "benchmarks" / "cleaner_training.txt"
TOKEN = re.compile(r"\w+", re.UNICODE)
# Share of a block's shingles found in the gold for the block to count as content.
LABEL_MIN_GOLD_SHARE = 0.5
# Model settings, chosen by the leave-one-corpus-out F1 (benchmarks/cleaner_training.txt).
MODEL_SETTINGS = {"max_iter": 100, "learning_rate": 0.15, "max_leaf_nodes": 31, "min_samples_leaf": 40, "l2_regularization": 1.0}


@dataclass
class Corpus:
    name: str
    docs: list[RawDocument]
    gold: dict[str, str]
    pages: list[PreparedPage]
    features: list[list[float]]
    labels: list[int]
    weights: list[float]
    owners: list[str]  # page id of each row


def block_labels(texts: Sequence[str], gold: str) -> list[int]:
    """1 for each block text that is part of the gold body, else 0."""
    gold_tokens = TOKEN.findall(gold.lower())
    gold_shingles = {tuple(gold_tokens[i : i + SHINGLE_SIZE]) for i in range(len(gold_tokens) - SHINGLE_SIZE + 1)}
    gold_line = " " + " ".join(gold_tokens) + " "
    labels = []
    for text in texts:
        tokens = TOKEN.findall(text.lower())
        if not tokens:
            labels.append(0)
        elif len(tokens) < SHINGLE_SIZE:
            labels.append(int(f" {' '.join(tokens)} " in gold_line))
        else:
            own = [tuple(tokens[i : i + SHINGLE_SIZE]) for i in range(len(tokens) - SHINGLE_SIZE + 1)]
            labels.append(int(sum(s in gold_shingles for s in own) >= LABEL_MIN_GOLD_SHARE * len(own)))
    return labels


def block_weights(texts: Sequence[str]) -> list[float]:
    """Each block weighs its share of the page's tokens: the metric averages pages, and long blocks carry more shingles."""
    counts = [len(TOKEN.findall(text)) + 1 for text in texts]
    total = sum(counts)
    return [count / total for count in counts]


def load_corpus(name: str) -> Corpus:
    pairs = read_inputs(CORPUS_DIR / name)
    docs = [doc for doc, _ in pairs]
    gold = {doc.article_id: text for doc, text in pairs}
    corpus = Corpus(name, docs, gold, [], [], [], [], [])
    for i in range(0, len(docs), EVAL_BATCH_SIZE):
        for page in prepare_pages(docs[i : i + EVAL_BATCH_SIZE], {}):
            corpus.pages.append(page)
            texts = [block.text for block in page.blocks]
            corpus.features.extend(page.features)
            corpus.labels.extend(block_labels(texts, gold[page.article_id]))
            corpus.weights.extend(block_weights(texts))
            corpus.owners.extend([page.article_id] * len(texts))
    return corpus


def fit(corpora: Sequence[Corpus], part: str | None = None) -> BlockModel:
    """A block model fitted on the rows of `corpora` (only pages of `part` when given), as the cleaner runs it.

    Every corpus weighs the same in total, and within it every page: without
    that the model learnt the corpus with the most pages (leave-one-out F1 on
    cleaneval 0.839 against 0.899 balanced).
    """
    rows, labels, weights = [], [], []
    for corpus in corpora:
        n_pages = sum(part is None or part_of(page.article_id) == part for page in corpus.pages)
        for row, label, weight, owner in zip(corpus.features, corpus.labels, corpus.weights, corpus.owners):
            if part is None or part_of(owner) == part:
                rows.append(row)
                labels.append(label)
                weights.append(weight / n_pages)
    categorical = [name in CATEGORICAL_FEATURES for name in FEATURE_NAMES]
    model = HistGradientBoostingClassifier(categorical_features=categorical, random_state=0, **MODEL_SETTINGS)
    return export_trees(model.fit(np.asarray(rows), np.asarray(labels), sample_weight=np.asarray(weights)))


def export_trees(model: HistGradientBoostingClassifier) -> BlockModel:
    """The fitted binary classifier's trees as arrays (`flows.clean_model.BlockModel`), its predictions unchanged.

    Reads the fitted model's own parts: the column order its preprocessor
    gives the trees (categorical columns first), the categories its ordinal
    encoder learnt (a category it did not see counts as missing, as there),
    and each tree's nodes and category bitsets.
    """
    if model.n_trees_per_iteration_ != 1:
        raise ValueError("only binary classifiers are exported")
    preprocessor = model._preprocessor
    columns = np.arange(model.n_features_in_)
    categories: dict[int, np.ndarray] = {}
    if preprocessor is not None:
        columns = np.concatenate([np.flatnonzero(selected) for name, _, selected in preprocessor.transformers_
                                  if name != "remainder"])
        encoded = columns[model._is_categorical_remapped]
        categories = dict(zip(encoded.tolist(), preprocessor.named_transformers_["encoder"].categories_))
    for values in categories.values():
        if not np.array_equal(values, np.floor(values)) or values.min() < 0:
            raise ValueError("categories must be non-negative whole numbers")
    known, known_row = model._bin_mapper.make_known_categories_bitsets()
    trees = [predictors[0] for predictors in model._predictors]
    splits = [node for tree in trees for node in tree.nodes if not node["is_leaf"] and not node["is_categorical"]]
    thresholds = tuple(
        np.unique([node["num_threshold"] for node in splits if columns[node["feature_idx"]] == k]).astype(np.float64)
        for k in range(len(columns))
    )
    width = max([len(t) + 1 for t in thresholds] + [int(v.max()) + 1 for v in categories.values()]) + 1
    goes_left, node_feature, node_child, node_value, roots, depths = [], [], [], [], [], []
    for tree in trees:
        offset = len(node_value)
        roots.append(offset)
        depths.append(int(tree.nodes["depth"].max()))
        for index, node in enumerate(tree.nodes):
            row = np.zeros(width, dtype=bool)
            feature = int(columns[node["feature_idx"]])
            if node["is_leaf"]:
                feature, children = 0, (offset + index, offset + index)
            elif node["is_categorical"]:
                row[:] = bool(node["missing_go_to_left"])
                for code, category in enumerate(categories[feature].astype(int)):
                    if _in_bitset(tree.raw_left_cat_bitsets[node["bitset_idx"]], code):
                        row[category] = True
                    elif _in_bitset(known[known_row[node["feature_idx"]]], code):
                        row[category] = False
            else:
                row[: int(np.searchsorted(thresholds[feature], node["num_threshold"])) + 1] = True
                row[-1] = bool(node["missing_go_to_left"])
            if not node["is_leaf"]:
                children = (offset + int(node["right"]), offset + int(node["left"]))
            goes_left.append(row)
            node_feature.append(feature)
            node_child.append(children)
            node_value.append(float(node["value"]))
    categorical = np.array([k in categories for k in range(len(columns))])
    return BlockModel(
        FEATURE_NAMES, thresholds,
        categorical, np.array(goes_left), np.array(node_feature, dtype=np.intp), np.array(node_child, dtype=np.intp),
        np.array(node_value), np.array(roots, dtype=np.intp), np.array(depths), float(model._baseline_prediction.ravel()[0]),
    )


def _in_bitset(bitset: np.ndarray, value: int) -> bool:
    return bool((int(bitset[value // 32]) >> (value % 32)) & 1)


def score_with(model, corpus: Corpus, part: str | None = None):
    """The cleaner's score on a corpus (or one part of it) with `model` deciding the blocks.

    The pages were prepared once (`prepare_pages`, batches of 100 as in
    `newsfacts eval cleaning`); this runs the model and `decide_blocks` on them.
    """
    pages = [page for page in corpus.pages if part is None or part_of(page.article_id) == part]
    probabilities = keep_probabilities(model, [row for page in pages for row in page.features])
    triples, offset = [], 0
    for page in pages:
        out = decide_blocks(page, probabilities[offset : offset + len(page.blocks)])
        offset += len(page.blocks)
        triples.append((page.article_id, out.clean_text, corpus.gold[page.article_id]))
    return score_corpus(triples)


def score_line(label: str, score) -> str:
    empty = sum(d.predicted_empty and not d.gold_empty for d in score.documents)
    return (
        f"{label:<40} {len(score.documents):>4} pages  P {score.precision:.3f}  R {score.recall:.3f}  "
        f"F1 {score.f1:.3f}  mean page F1 {score.mean_document_f1:.3f}  empty {empty}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--no-save", action="store_true", help="validate only, keep the committed model")
    args = parser.parse_args()
    started = time.perf_counter()
    corpora = [load_corpus(name) for name in CORPORA]
    lines = [
        "Plain-text block model (flows.clean_model), trained by flows/train_cleaner.py on text inputs;",
        "token-shingle metric of flows/evaluate/cleaning.py, batches of 100 pages.",
        f"settings: {MODEL_SETTINGS}, keep at probability >= flows.clean_rules.KEEP_MIN_PROBABILITY",
        "",
        "Leave one corpus out (trained on the other two corpora, all their pages):",
    ]
    for held_out in corpora:
        model = fit([c for c in corpora if c is not held_out])
        lines.append(score_line(f"  {held_out.name} (not trained on)", score_with(model, held_out)))
        print(lines[-1], flush=True)
    lines += ["", "Trained on the tune parts of all three corpora (the committed model), scored on each part:"]
    model = fit(corpora, TUNE)
    for corpus in corpora:
        for part in (REPORT, TUNE):
            lines.append(score_line(f"  {corpus.name}, {part} part", score_with(model, corpus, part)))
            print(lines[-1], flush=True)
    lines.append(f"\n{sum(len(c.labels) for c in corpora)} blocks; {time.perf_counter() - started:.0f} s")
    if not args.no_save:
        save_model(model)
        REPORT_PATH.write_text("\n".join(lines) + "\n")
    print("\n".join(lines))


if __name__ == "__main__":
    main()
