"""Title, published date and authors from the clean stage against the dev fact gold; writes metadata_eval.txt.

Run: .venv/bin/python benchmarks/metadata_eval.py [--misses]
The gold (tests/gold/dev/<corpus>/*.facts.json) names pages of tests/corpora/<corpus>/;
each page is cleaned from its text (`<id>.txt`) and from its HTML (`<id>.html`)
with `flows.clean.clean_documents`, and compared field by field as
`newsfacts eval facts` does (flows.evaluate.facts: normalised title, same
date, same set of author names), per part of flows.evaluate.splits. A field
the gold leaves empty is not scored (as in tests/gold/score_facts.py), so each
figure counts the articles whose gold states the field.

Titles are also scored on the cleaning corpora, whose gold bodies
(tests/corpora/<set>/<id>.gold.txt) open with the page's headline: hundreds of
pages per set instead of the dev gold's dozen. The gold title is the first
line of the gold body, compared as above (normalised text); a page whose first
gold line is no headline (`flows.evaluate.cleaning.gold_headline`: under 3 words,
or a date line, as dragnet's gold opens on some blogs) is not scored. cleaneval is left
out: its mixed web pages open with section names ("NEWS", "Introduction") or
dates as often as with a headline. `--misses` prints the tune parts' misses.
"""

from __future__ import annotations

import logging
import sys
import warnings
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from flows.clean import clean_documents  # noqa: E402
from flows.evaluate.cleaning import EVAL_BATCH_SIZE, gold_headline  # noqa: E402
from flows.evaluate.facts import PredictedArticle, _metadata, load_gold, normalise_text  # noqa: E402
from flows.evaluate.splits import REPORT, TUNE, part_of  # noqa: E402
from flows.records import RawDocument  # noqa: E402

GOLD = ROOT / "tests" / "gold" / "dev"
CORPORA = ROOT / "tests" / "corpora"
OUTPUT = Path(__file__).with_suffix(".txt")
FIELDS = ("title", "published", "authors")
TITLE_CORPORA = ("l3s-gn1", "dragnet")  # cleaneval's gold does not open with a headline


def cleaned_metadata(corpus: str, stems: list[str], suffix: str) -> dict[str, PredictedArticle]:
    docs = []
    for stem in stems:
        path = CORPORA / corpus / f"{stem}{suffix}"
        raw = path.read_bytes().decode("utf-8", errors="replace")
        docs.append(RawDocument(stem, path.name, str(path), raw, "html" if suffix == ".html" else "text", source_key=corpus))
    cleaned = []
    for i in range(0, len(docs), EVAL_BATCH_SIZE):  # batches as `newsfacts eval cleaning` cleans them
        cleaned += clean_documents(docs[i : i + EVAL_BATCH_SIZE])
    return {
        doc.article_id: PredictedArticle(title=out.title, published=out.published_date, authors=out.authors)
        for doc, out in zip(docs, cleaned)
    }


def corpus_titles(misses: list[str]) -> list[str]:
    """Title right / scored per corpus, input format and part, the gold title being the gold body's headline."""
    out = ["Titles on the cleaning corpora (gold: the first line of each gold body):", ""]
    for corpus in TITLE_CORPORA:
        gold = {p.name[: -len(".gold.txt")]: gold_headline(p) for p in sorted((CORPORA / corpus).glob("*.gold.txt"))}
        stems = sorted(stem for stem, title in gold.items() if title)
        for suffix in (".txt", ".html"):
            predicted = cleaned_metadata(corpus, stems, suffix)
            for part in (REPORT, TUNE):
                chosen = [s for s in stems if part_of(s) == part]
                right = 0
                for stem in chosen:
                    got = predicted[stem].title or ""
                    ok = normalise_text(gold[stem]) == normalise_text(got)
                    right += ok
                    if not ok and part == TUNE:
                        misses.append(f"  {corpus}/{stem}{suffix}: gold {gold[stem]!r}, got {got!r}")
                out.append(f"{corpus:<8} {suffix:<5} {part:<6} title {right}/{len(chosen)} ({right / len(chosen):.3f})")
        out.append(f"{corpus:<8} pages not scored (first gold line no headline): {len(gold) - len(stems)} of {len(gold)}")
        out.append("")
    return out


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
    out += ["Misses on the tune part (the report part's stay unseen):", *misses, ""]
    title_misses: list[str] = []
    out += corpus_titles(title_misses)
    OUTPUT.write_text("\n".join(out))
    print("\n".join(out))
    if "--misses" in sys.argv:
        print("Title misses on the corpora's tune parts:", *title_misses, sep="\n")


if __name__ == "__main__":
    main()
