"""Fact quality on the development gold, per set, part and field, through the real pipeline.

Run: `uv run python benchmarks/facts_eval.py [--out benchmarks/facts_eval.txt]`.

The page texts of the fact dev gold (tests/gold/dev/<set>/, pages in
tests/corpora/<set>/<stem>.txt) and the five seeds are copied into a temporary
directory per set and loaded by the real flow (`flows.pipeline.load_news_articles`:
ingest, clean, extract, validate, load) into a temporary warehouse. The warehouse is
then scored with `flows.evaluate.facts` for the tune part, the report part
(`flows.evaluate.splits`) and the whole of each set, and every figure is checked
against the reference scorer tests/gold/score_facts.py (the script stops if they
disagree). Figures to state are the report part's; tune figures are what rules
were tuned on. The seeds are scored twice: through the flow (cleaner included)
and on their gold body (`flows.evaluate.seeds`, what the test floors use).
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import platform
import shutil
import sys
import tempfile
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from flows.evaluate.facts import FIELDS, FactsReport, gold_in_part, load_gold, predicted_from_warehouse, score_facts  # noqa: E402
from flows.evaluate.splits import PARTS  # noqa: E402

DEV_SETS = ("l3s-gn1", "dragnet")
GOLD_DEV = ROOT / "tests" / "gold" / "dev"
CORPORA = ROOT / "tests" / "corpora"
SEEDS = ROOT / "seeds"
SEED_GOLD = ROOT / "tests" / "gold" / "seeds"
REFERENCE_SCORER = ROOT / "tests" / "gold" / "score_facts.py"


def copy_inputs(workdir: Path) -> dict[str, Path]:
    """One input directory per set holding the gold articles' page texts, and one for the seeds."""
    directories = {}
    for name in DEV_SETS:
        directory = workdir / name
        directory.mkdir()
        for gold in sorted((GOLD_DEV / name).glob("*.facts.json")):
            stem = gold.name.removesuffix(".facts.json")
            shutil.copyfile(CORPORA / name / f"{stem}.txt", directory / f"{stem}.txt")
        directories[name] = directory
    shutil.copytree(SEEDS, workdir / "seeds")
    directories["seeds"] = workdir / "seeds"
    return directories


def run_flow(directories: dict[str, Path], warehouse: Path) -> None:
    from flows.cli import set_prefect_defaults

    set_prefect_defaults()
    from flows.pipeline import load_news_articles

    load_news_articles([str(d) for d in directories.values()], str(warehouse))


def reference_scorer():
    spec = importlib.util.spec_from_file_location("reference_score_facts", REFERENCE_SCORER)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def check_agreement(reference, con, gold_dir: Path, keys: list[str], report: FactsReport) -> None:
    golds = [json.loads((gold_dir / f"{key}.facts.json").read_text(encoding="utf-8")) for key in keys]
    tallies, _ = reference.score(reference.load_predictions(con), golds)
    for name in FIELDS:
        ours = report.fields[name]
        theirs = tallies[name]
        if (ours.tp, ours.fp, ours.fn) != (theirs.tp, theirs.fp, theirs.fn):
            raise SystemExit(f"disagreement with {REFERENCE_SCORER.name} on {gold_dir.name} {name}: "
                             f"{ours.tp}/{ours.fp}/{ours.fn} against {theirs.tp}/{theirs.fp}/{theirs.fn}")


def format_block(title: str, report: FactsReport) -> list[str]:
    lines = [f"{title} ({report.articles} articles)", f"  {'field':<14} {'P':>6} {'R':>6} {'F1':>6}  tp/fp/fn"]
    for score in report.fields.values():
        lines.append(f"  {score.name:<14} {score.precision:6.3f} {score.recall:6.3f} {score.f1:6.3f}  "
                     f"{score.tp}/{score.fp}/{score.fn}")
    lines.append(f"  {'macro F1':<14} {'':>6} {'':>6} {report.macro_f1:6.3f}")
    return lines


def evaluate(warehouse: Path) -> list[str]:
    from flows.evaluate.seeds import score_seeds
    from flows.load import connect

    reference = reference_scorer()
    lines = []
    with connect(warehouse, read_only=True) as con:
        predicted = predicted_from_warehouse(con)
        for name in DEV_SETS:
            gold = load_gold(GOLD_DEV / name)
            for part in (*PARTS, None):
                chosen = gold_in_part(gold, part)
                report = score_facts(chosen, predicted)
                check_agreement(reference, con, GOLD_DEV / name, list(chosen), report)
                lines += format_block(f"{name} {part or 'whole'}", report) + [""]
        seeds = score_facts(load_gold(SEED_GOLD), predicted)
        check_agreement(reference, con, SEED_GOLD, list(load_gold(SEED_GOLD)), seeds)
    lines += format_block("seeds, through the flow (cleaner included)", seeds) + [""]
    lines += format_block("seeds, gold body (flows.evaluate.seeds; the test floors)", score_seeds()) + [""]
    lines.append(f"every figure above agrees with {REFERENCE_SCORER.relative_to(ROOT)}")
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "benchmarks" / "facts_eval.txt")
    args = parser.parse_args()
    started = datetime.now(UTC)
    with tempfile.TemporaryDirectory(prefix="facts-eval-") as tmp:
        workdir = Path(tmp)
        warehouse = workdir / "facts.duckdb"
        run_flow(copy_inputs(workdir), warehouse)
        lines = evaluate(warehouse)
    header = [
        "# Fact quality on the development gold (benchmarks/facts_eval.py)",
        f"# {started:%Y-%m-%d %H:%M} UTC, {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}",
        "# State report-part figures; tune-part figures are what the rules were tuned on.",
        "",
    ]
    text = "\n".join(header + lines) + "\n"
    args.out.write_text(text, encoding="utf-8")
    print(text)


if __name__ == "__main__":
    main()
