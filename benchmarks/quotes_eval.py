"""Quotes and roles on the development data, through the real stages, per split part.

Run: `uv run python benchmarks/quotes_eval.py [--part report|tune|all] [--limit N] [--detail]`
(committed output: `benchmarks/quotes_eval.txt`, from `--part report` and `--part tune`).

What it measures:
- PolNeAR train (tests/corpora/polnear-train/): the part's `.txt` files go
  through ingest -> clean -> extract (`flows.evaluate.stages.run_stages`,
  the pipeline's stage functions batch by batch); the
  articles and quotes are written to a DuckDB file with the warehouse's column
  names and scored by the corpus's own, unchanged `score.py` (detection,
  speaker accuracy, end-to-end);
- the fact development gold (tests/gold/dev/<set>/): the same stages on the
  raw page texts `tests/corpora/<set>/<stem>.txt`, scored on quotes and roles
  with `flows.evaluate.facts` (the rules of tests/gold/score_facts.py);
- the seeds' gold (always all five: they are not split), on the gold body.

The part follows `flows.evaluate.splits`: tune on the tuning part, state the
report part. `--limit` takes the first N articles of the part for a fast loop.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import duckdb  # noqa: E402

from flows.evaluate.facts import gold_in_part, load_gold, predicted_from_facts, score_facts  # noqa: E402
from flows.evaluate.seeds import gold_body_documents  # noqa: E402
from flows.evaluate.splits import in_part  # noqa: E402
from flows.evaluate.stages import run_stages  # noqa: E402
from flows.extract import extract_facts  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
POLNEAR = ROOT / "tests" / "corpora" / "polnear-train"
DEV_GOLD = ROOT / "tests" / "gold" / "dev"
CORPORA = ROOT / "tests" / "corpora"
RUN_DATE = date(2026, 1, 15)
FIELDS = ("quotes", "roles")


def score_polnear(stems: list[str], workdir: Path) -> str:
    """The part's articles through the stages, scored by the corpus's score.py."""
    gold_dir = workdir / "gold"
    gold_dir.mkdir()
    for stem in stems:
        for suffix in (".quotes.json", ".txt"):
            (gold_dir / f"{stem}{suffix}").symlink_to(POLNEAR / f"{stem}{suffix}")
    docs, names, facts = run_stages([POLNEAR / f"{stem}.txt" for stem in stems], RUN_DATE)
    kept_whole = sum(
        d.clean_text.split() == (POLNEAR / names[d.article_id]).read_text(encoding="utf-8").split() for d in docs
    )
    warehouse = workdir / "polnear.duckdb"
    con = duckdb.connect(str(warehouse))
    con.execute("CREATE TABLE articles (article_id VARCHAR, source_name VARCHAR, clean_text VARCHAR)")
    con.executemany("INSERT INTO articles VALUES (?, ?, ?)", [(d.article_id, names[d.article_id], d.clean_text) for d in docs])
    con.execute("CREATE TABLE quotes (article_id VARCHAR, speaker_name VARCHAR, quote_text VARCHAR)")
    con.executemany("INSERT INTO quotes VALUES (?, ?, ?)", [(q.article_id, q.speaker_name, q.quote_text) for q in facts.quotes])
    con.close()
    scored = subprocess.run(
        [sys.executable, str(POLNEAR / "score.py"), str(warehouse), str(gold_dir)],
        capture_output=True, text=True, check=True,
    )
    table = scored.stdout.replace(str(warehouse), "polnear.duckdb").replace(str(gold_dir), "gold")
    return f"{table}  articles whose clean text keeps every word of the file: {kept_whole}/{len(docs)}\n"


def score_dev_gold(set_name: str, part: str | None, detail: bool) -> str:
    gold = gold_in_part(load_gold(DEV_GOLD / set_name), part)
    docs, ids, facts = run_stages([CORPORA / set_name / f"{stem}.txt" for stem in gold], RUN_DATE)
    return _fields_report(score_facts(gold, predicted_from_facts(docs, ids, facts)), detail)


def score_seeds(detail: bool) -> str:
    docs, names, gold = gold_body_documents()
    return _fields_report(score_facts(gold, predicted_from_facts(docs, names, extract_facts(docs, run_date=RUN_DATE))),
                          detail)


def _fields_report(report, detail: bool) -> str:
    lines = [f"  {report.articles} articles"]
    for name in FIELDS:
        s = report.fields[name]
        lines.append(f"  {name:<8} P {s.precision:.3f}  R {s.recall:.3f}  F1 {s.f1:.3f}   tp/fp/fn {s.tp}/{s.fp}/{s.fn}")
    if detail:
        for d in report.details:
            if d.field in FIELDS and (d.misses or d.extras):
                lines.append(f"  {d.article} {d.field} (tp {d.tp})")
                lines += [f"    miss  {m}" for m in d.misses] + [f"    extra {e}" for e in d.extras]
    return "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--part", choices=("tune", "report", "all"), default="report")
    parser.add_argument("--limit", type=int, default=0, help="first N PolNeAR articles of the part (0: all)")
    parser.add_argument("--only", choices=("polnear", "dev", "seeds"), help="one of the three sets")
    parser.add_argument("--detail", action="store_true", help="list dev-gold misses and extras (tuning part only!)")
    args = parser.parse_args()
    part = None if args.part == "all" else args.part
    if args.only in (None, "polnear"):
        stems = in_part([p.name[: -len(".quotes.json")] for p in POLNEAR.glob("*.quotes.json")], part)
        stems = stems[: args.limit] if args.limit else stems
        with tempfile.TemporaryDirectory() as tmp:
            print(f"== PolNeAR train, {args.part} part ({len(stems)} articles)")
            print(score_polnear(stems, Path(tmp)))
    if args.only in (None, "dev"):
        for set_name in ("l3s-gn1", "dragnet"):
            print(f"== dev gold {set_name}, {args.part} part")
            print(score_dev_gold(set_name, part, args.detail))
    if args.only in (None, "seeds"):
        print("== seeds (gold body, all five)")
        print(score_seeds(args.detail))


if __name__ == "__main__":
    main()
