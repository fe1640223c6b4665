"""Title, published date and authors: the byline grammar on single lines, and the dev fact gold's report parts."""

from __future__ import annotations

from pathlib import Path

import pytest

from flows.clean import byline_names, clean_documents, name_beside_date, split_names
from flows.clean_rules import CREDIT_REGEX
from flows.evaluate.cleaning import EVAL_BATCH_SIZE, gold_headline
from flows.evaluate.facts import PredictedArticle, _metadata, load_gold, normalise_text
from flows.evaluate.splits import REPORT, part_of
from flows.records import RawDocument

ROOT = Path(__file__).resolve().parent.parent
GOLD = ROOT / "tests" / "gold" / "dev"
CORPORA = ROOT / "tests" / "corpora"

# Right on the report parts of tests/gold/dev (l3s-gn1 and dragnet together), a little below
# benchmarks/metadata_eval.txt: text 10/13 titles, 11/13 dates, 6/12 authors;
# HTML 12/13, 12/13, 9/12.
TEXT_FLOORS = {"title": 9, "published": 10, "authors": 5}
HTML_FLOORS = {"title": 11, "published": 11, "authors": 8}
# Titles right on the report parts of the cleaning corpora (gold: the headline opening each gold
# body), a little below benchmarks/metadata_eval.txt: page text l3s-gn1 215/285, dragnet 66/115;
# HTML l3s-gn1 255/285, dragnet 100/115.
CORPUS_TITLE_FLOORS = {".txt": {"l3s-gn1": 210, "dragnet": 62}, ".html": {"l3s-gn1": 250, "dragnet": 96}}


@pytest.mark.parametrize(
    ("line", "names"),
    [
        ("By GUDJON HELGASON and BRIAN CHURCH, Associated Press Writers 1 hour, 32 minutes ago",
         ["Gudjon Helgason", "Brian Church"]),
        ("9th August 2012 by Matthew Panzarino", ["Matthew Panzarino"]),
        ("By Seth Roberts at 1:12 pm Thursday, Aug 9", ["Seth Roberts"]),
        ("Posted on August 9, 2012 9:26AM by Allie Merriam · 0 comments", ["Allie Merriam"]),
        ("By HERB KEINON AND AP", ["Herb Keinon", "AP"]),
        ("By Spencer AckermanEmail Author", ["Spencer Ackerman"]),
        ("By Our Special Correspondent", []),
        ("Photo by John Smith", []),
        ("By the end of the year, sales had doubled", []),
    ],
)
def test_byline_names(line, names):
    assert byline_names(line) == names


@pytest.mark.parametrize(
    ("value", "names"),
    [
        ("Paul Steinhauser, CNN Political Editor", ["Paul Steinhauser"]),
        ("Jim Macdonald Staff Writer", ["Jim Macdonald"]),
        ("The Earthtimes", []),
        ("View Profile", []),
        ("Last Updated: Thursday", []),
        ("Wade A. Reynolds", ["Wade A. Reynolds"]),
    ],
)
def test_split_names_keeps_persons_only(value, names):
    assert split_names(value) == names


def test_name_beside_a_date_but_not_a_datelines_place():
    assert name_beside_date("David Berreby on November 7, 2012, 6:43 PM") == ["David Berreby"]
    assert name_beside_date("NEW DELHI, January 11, 2008") == []
    assert name_beside_date("Las Vegas Tribune April 1, 2005") == []


def test_credit_lines_name_the_reporter_not_the_editor():
    names = lambda text: [m.group("names") for m in CREDIT_REGEX.finditer(text)]  # noqa: E731
    assert names("Source: Reuters AlertNet (Reporting by Tim Large; Editing by Belinda Goldsmith)") == ["Tim Large"]
    assert names("according to sources reported by Reuters.") == []
    assert names("(Additional reporting by Jane Doe)") == []


def report_part_right(suffix: str) -> dict[str, int]:
    right = {"title": 0, "published": 0, "authors": 0}
    for corpus in ("l3s-gn1", "dragnet"):
        gold = load_gold(GOLD / corpus)
        names = {Path(name).stem: name for name in gold}
        stems = sorted(stem for stem in names if part_of(stem) == REPORT)
        docs = [
            RawDocument(stem, f"{stem}{suffix}", "", (CORPORA / corpus / f"{stem}{suffix}").read_bytes().decode(
                "utf-8", errors="replace"), "html" if suffix == ".html" else "text", source_key=corpus)
            for stem in stems
        ]
        for stem, out in zip(stems, clean_documents(docs)):
            predicted = PredictedArticle(title=out.title, published=out.published_date, authors=out.authors)
            for field, (ok, _, _) in _metadata(gold[names[stem]], predicted).items():
                right[field] += ok
    return right


def test_dev_gold_report_part_text_metadata_above_floors():
    right = report_part_right(".txt")
    assert all(right[field] >= floor for field, floor in TEXT_FLOORS.items()), right


def test_dev_gold_report_part_html_metadata_above_floors():
    right = report_part_right(".html")
    assert all(right[field] >= floor for field, floor in HTML_FLOORS.items()), right


def corpus_report_titles_right(corpus: str, suffix: str) -> int:
    gold = {p.name[: -len(".gold.txt")]: gold_headline(p) for p in sorted((CORPORA / corpus).glob("*.gold.txt"))}
    stems = [stem for stem, title in gold.items() if title and part_of(stem) == REPORT]
    docs = [
        RawDocument(stem, f"{stem}{suffix}", "", (CORPORA / corpus / f"{stem}{suffix}").read_bytes().decode(
            "utf-8", errors="replace"), "html" if suffix == ".html" else "text", source_key=corpus)
        for stem in stems
    ]
    cleaned = [out for i in range(0, len(docs), EVAL_BATCH_SIZE) for out in clean_documents(docs[i : i + EVAL_BATCH_SIZE])]
    return sum(normalise_text(gold[stem]) == normalise_text(out.title or "") for stem, out in zip(stems, cleaned))


@pytest.mark.parametrize("corpus", ["l3s-gn1", "dragnet"])
def test_report_part_titles_from_page_text_on_the_cleaning_corpora_above_floors(corpus):
    assert corpus_report_titles_right(corpus, ".txt") >= CORPUS_TITLE_FLOORS[".txt"][corpus]


@pytest.mark.slow
@pytest.mark.parametrize("corpus", ["l3s-gn1", "dragnet"])
def test_report_part_titles_from_html_on_the_cleaning_corpora_above_floors(corpus):
    assert corpus_report_titles_right(corpus, ".html") >= CORPUS_TITLE_FLOORS[".html"][corpus]
