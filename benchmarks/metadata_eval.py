"""Title, published date and authors from the clean stage against the dev fact gold; writes metadata_eval.txt.

Run: .venv/bin/python benchmarks/metadata_eval.py
The gold (tests/gold/dev/<corpus>/*.facts.json) names pages of tests/corpora/<corpus>/;
each page is cleaned from its text (`<id>.txt`) and from its HTML (`<id>.html`)
with `flows.clean.clean_documents`, and compared field by field as
`newsfacts eval facts` does (flows.evaluate.facts: normalised title, same
date, same set of author names), per part of flows.evaluate.splits. A field
the gold leaves empty is not scored (as in tests/gold/score_facts.py), so each
figure counts the articles whose gold states the field.
"""

from __future__ import annotations

import logging
import sys
import warnings
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from flows.clean import clean_documents  # noqa: E402
from flows.evaluate.facts import PredictedArticle, _metadata, load_gold  # noqa: E402
from flows.evaluate.splits import REPORT, TUNE, part_of  # noqa: E402
from flows.records import RawDocument  # noqa: E402

GOLD = ROOT / "tests" / "gold" / "dev"
CORPORA = ROOT / "tests" / "corpora"
OUTPUT = Path(__file__).with_suffix(".txt")
FIELDS = ("title", "published", "authors")


def cleaned_metadata(corpus: str, stems: list[str], suffix: str) -> dict[str, PredictedArticle]:
    docs = []
    for stem in stems:
        path = CORPORA / corpus / f"{stem}{suffix}"
        raw = path.read_bytes().decode("utf-8", errors="replace")
        docs.append(RawDocument(stem, path.name, str(path), raw, "html" if suffix == ".html" else "text", source_key=corpus))
    return {
        doc.article_id: PredictedArticle(title=out.title, published=out.published_date, authors=out.authors)
        for doc, out in zip(docs, clean_documents(docs))
    }


def main() -> None:
    warnings.filterwarnings("ignore")
    logging.disable(logging.WARNING)
    out = [__doc__.splitlines()[0], ""]
    misses = []
    for corpus in sorted(p.name for p in GOLD.iterdir() if p.is_dir()):
        gold = load_gold(GOLD / corpus)
        stems = {Path(name).stem: name for name in gold}
        for suffix in (".txt", ".html"):
            predicted = cleaned_metadata(corpus, sorted(stems), suffix)
            for part in (REPORT, TUNE, None):
                chosen = [s for s in sorted(stems) if part is None or part_of(s) == part]
                right = {field: 0 for field in FIELDS}
                scored = {field: 0 for field in FIELDS}
                for stem in chosen:
                    for field, (ok, want, got) in _metadata(gold[stems[stem]], predicted[stem]).items():
                        right[field] += ok
                        scored[field] += 1
                        if not ok and part == TUNE:
                            misses.append(f"  {corpus}/{stem}{suffix} {field}: gold {want!r}, got {got!r}")
                figures = "  ".join(f"{field} {right[field]}/{scored[field]}" for field in FIELDS)
                out.append(f"{corpus:<8} {suffix:<5} {part or 'all':<6} {figures}")
        out.append("")
    out += ["Misses on the tune part (the report part's stay unseen):", *misses]
    OUTPUT.write_text("\n".join(out) + "\n")
    print("\n".join(out))


if __name__ == "__main__":
    main()
