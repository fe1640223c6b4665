"""The plain-text cleaner on the seed articles and on small made-up pages."""

from __future__ import annotations

import json
import re
import sys
import textwrap
import types
from collections import Counter
from datetime import date
from pathlib import Path

import pytest

from flows.clean import block_fingerprint, clean_documents, date_in_line
from flows.records import CleanedDocument, RawDocument

ROOT = Path(__file__).resolve().parent.parent
SEEDS = sorted((ROOT / "seeds").glob("*.txt"))
GOLD = ROOT / "tests" / "gold" / "seeds"
DEV_SET = ROOT / "tests" / "corpora" / "l3s-gn1"


def squash(text: str) -> str:
    """Whitespace-insensitive form: the cleaner strips lines and regroups paragraphs."""
    return " ".join(text.split())


def raw_doc(text: str, article_id: str = "a", source_key: str = "site", name: str = "a.txt") -> RawDocument:
    return RawDocument(article_id, name, name, text, "text", source_key=source_key)


def seed_doc(path: Path) -> RawDocument:
    # One site per seed: the seeds come from five different sites.
    return raw_doc(path.read_text(encoding="utf-8"), path.name, f"seed:{path.name}", path.name)


@pytest.fixture(scope="module")
def seeds() -> list[tuple[RawDocument, CleanedDocument, dict]]:
    docs = [seed_doc(path) for path in SEEDS]
    cleaned = clean_documents(docs)
    return [(doc, out, json.loads((GOLD / f"{Path(doc.source_name).stem}.facts.json").read_text())) for doc, out in zip(docs, cleaned)]


def test_seed_body_is_kept_whole_and_nothing_outside(seeds):
    for doc, out, gold in seeds:
        raw = doc.raw_text
        body = raw[raw.index(gold["body_starts"]) : raw.index(gold["body_ends"]) + len(gold["body_ends"])]
        kept = squash(out.clean_text)
        assert squash(body) in kept, doc.source_name
        outside = kept.replace(squash(body), " ")
        if out.title:
            outside = outside.replace(squash(out.title), " ", 1)
        assert not outside.strip(), f"{doc.source_name} kept {outside.strip()!r}"


def test_seed_metadata_matches_gold(seeds):
    for doc, out, gold in seeds:
        assert out.title == gold["title"], doc.source_name
        published = date.fromisoformat(gold["published"]) if gold["published"] else None
        assert out.published_date == published, doc.source_name
        assert list(out.authors) == gold["authors"], doc.source_name


@pytest.mark.parametrize(
    ("seed", "text", "reason"),
    [
        ("000", "Sign up to our free e-newsletter", "newsletter_signup"),
        ("000", "Copy link", "social_share"),
        ("000", "Latest Industry News", "related_links"),
        ("000", "(Courtesy Xiaomi Corporation)", "image_caption"),
        ("001", "Write a Comment", "comments"),
        ("002", "Share Story:", "social_share"),
        ("002", "Recent Stories", "related_links"),
        ("003", "7 min read", "reading_time"),
        ("003", "Written by Lei Xing", "author_bio"),
        ("003", "No responses yet", "comments"),
        ("004", "SEE ALSO:", "related_links"),
    ],
)
def test_cue_phrase_blocks_are_removed_with_their_reason(seeds, seed, text, reason):
    out = next(out for doc, out, _ in seeds if doc.source_name.startswith(seed))
    hits = [block for block in out.removed if text in block.text]
    assert hits, f"{text!r} was kept"
    assert hits[0].reason == reason
    assert text not in out.clean_text


def lines_of(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip()]


def assert_nothing_lost(doc: RawDocument, out: CleanedDocument) -> None:
    """Every block of the input is either in clean_text or in removed, once."""
    kept_and_removed = Counter(lines_of(out.clean_text)) + Counter(
        line for block in out.removed for line in lines_of(block.text)
    )
    assert kept_and_removed == Counter(lines_of(doc.raw_text))
    positions = sorted(block.position for block in out.removed)
    assert len(set(positions)) == len(positions)
    assert all(re.fullmatch(r"[a-z]+(?:_[a-z]+)*", block.reason) for block in out.removed)


def test_removed_and_kept_blocks_lose_no_text(seeds):
    for doc, out, _ in seeds:
        assert_nothing_lost(doc, out)
        assert len(out.fingerprints) == len(set(out.fingerprints))


def test_removed_and_kept_blocks_lose_no_text_on_dev_pages():
    paths = sorted(DEV_SET.glob("*.txt"))
    docs = [raw_doc(p.read_text(encoding="utf-8"), p.name, "dev", p.name) for p in paths if not p.name.endswith(".gold.txt")][:40]
    for doc, out in zip(docs, clean_documents(docs)):
        assert_nothing_lost(doc, out)


ARTICLE = """Council approves new bridge over the river

By Jane Doe

March 3, 2021

The city council voted on Tuesday to build a new bridge over the river, ending a debate that has divided the town for more than ten years.

{inside}

The bridge will cost about 40 million dollars and should open in 2024, the mayor said after the vote, adding that the old ferry will keep running until then.

Residents who opposed the plan said they would keep fighting it in court, but most of the people at the meeting applauded the decision when it was announced.

Related stories

Mayor opens the new library
"""


OTHER_ARTICLE = """School board hires a new superintendent

The school board named a new superintendent on Monday after a search that lasted most of the year and drew more than forty applicants from across the state.

{inside}

She starts in July and will be paid about 180,000 dollars a year, according to the contract the board approved by a vote of five to two at the end of the meeting.

Teachers at the meeting said they hoped the new leader would focus on class sizes, which have grown in each of the last four years across the district.
"""

PROMO = "The Riverside Gazette, serving the valley since 1921"


def test_hard_wrapped_text_keeps_its_body(seeds):
    for doc, out, gold in seeds:
        wrapped = "\n".join(textwrap.fill(line, 72, break_on_hyphens=False) for line in doc.raw_text.splitlines())
        rewrapped = clean_documents([raw_doc(wrapped, doc.article_id, doc.source_key)])[0]
        assert squash(rewrapped.clean_text) == squash(out.clean_text), doc.source_name
        assert_nothing_lost(raw_doc(wrapped), rewrapped)


def test_repetition_within_a_batch_removes_a_block():
    docs = [raw_doc(ARTICLE.format(inside=PROMO), "id0"), raw_doc(OTHER_ARTICLE.format(inside=PROMO), "id1")]
    alone = clean_documents(docs[:1])[0]
    assert PROMO in alone.clean_text  # a short line inside the body, kept on its own
    for out in clean_documents(docs):
        assert PROMO not in out.clean_text
        assert [b.reason for b in out.removed if b.text == PROMO] == ["repeated_across_site"]


def test_repetition_counts_sites_articles_and_stories_apart():
    text, other = ARTICLE.format(inside=PROMO), OTHER_ARTICLE.format(inside=PROMO)
    other_site = [raw_doc(text, "id0", "site-a"), raw_doc(other, "id1", "site-b")]
    same_article_twice = [raw_doc(text, "id0"), raw_doc(text, "id0")]
    # The same story crawled twice (the pages differ only in a timestamp) is not a template.
    same_story = [raw_doc(text, "id0"), raw_doc(text.replace("March 3, 2021", "March 4, 2021"), "id1")]
    for batch in (other_site, same_article_twice, same_story):
        assert all(PROMO in out.clean_text for out in clean_documents(batch))


def test_site_history_removes_a_block():
    paragraph = (
        "The Riverside Gazette is the independent voice of the valley, published every week since 1921 "
        "and read by more than twenty thousand families in the county."
    )
    doc = raw_doc(ARTICLE.format(inside=paragraph))
    assert paragraph in clean_documents([doc])[0].clean_text
    history = {"site": {block_fingerprint(paragraph): 12}}
    out = clean_documents([doc], history)[0]
    assert paragraph not in out.clean_text
    assert [b.reason for b in out.removed if b.text == paragraph] == ["repeated_across_site"]
    other_site = clean_documents([doc], {"elsewhere": {block_fingerprint(paragraph): 12}})[0]
    assert paragraph in other_site.clean_text


def test_an_article_loaded_before_is_not_its_own_template():
    doc = raw_doc(ARTICLE.format(inside=PROMO))
    first = clean_documents([doc])[0]
    history = {"site": dict.fromkeys(first.fingerprints, 1)}  # what the warehouse holds after loading it
    recrawl = raw_doc(doc.raw_text.replace("March 3, 2021", "March 4, 2021"), "b")
    again = clean_documents([recrawl], history)[0]
    assert again.title == first.title
    assert PROMO in again.clean_text
    assert squash(again.clean_text) == squash(first.clean_text)


def test_made_up_article_metadata_and_body():
    out = clean_documents([raw_doc(ARTICLE.format(inside="It was the third vote on the project."))])[0]
    assert out.title == "Council approves new bridge over the river"
    assert out.published_date == date(2021, 3, 3)
    assert out.authors == ("Jane Doe",)
    assert "Related stories" not in out.clean_text and "Mayor opens the new library" not in out.clean_text
    assert out.clean_text.startswith("Council approves new bridge over the river\n\nThe city council voted")


def test_fingerprint_ignores_case_spacing_punctuation_and_digits():
    assert block_fingerprint("Comments (14)") == block_fingerprint("  comments  3 ")
    assert block_fingerprint("Share this story") != block_fingerprint("Share this")
    assert re.fullmatch(r"[0-9a-f]{16}", block_fingerprint("x"))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("March 30, 2021", date(2021, 3, 30)),
        ("7 min readMar 31, 2021", date(2021, 3, 31)),
        ("Tue., Jan. 8, 2008 11:10 PM", date(2008, 1, 8)),
        ("16 January 2008 – The Security Council", date(2008, 1, 16)),
        ("Updated 2021-03-30", date(2021, 3, 30)),
        ("Sept. 5th, 2019", date(2019, 9, 5)),
        ("no date here, summary 12, 2020", None),
    ],
)
def test_date_lines_are_read_by_the_one_grammar(text, expected):
    assert date_in_line(text) == expected


def test_html_documents_go_to_the_html_cleaner(monkeypatch):
    seen = []

    def clean_html(doc: RawDocument) -> CleanedDocument:
        seen.append(doc.article_id)
        return CleanedDocument(doc.article_id, "from html")

    monkeypatch.setitem(sys.modules, "flows.html", types.SimpleNamespace(clean_html=clean_html))
    html = RawDocument("h", "h.html", "h.html", "<html><p>x</p></html>", "html", source_key="site")
    text = raw_doc(ARTICLE.format(inside=""), "t")
    out = clean_documents([html, text])
    assert seen == ["h"]
    assert out[0].clean_text == "from html"
    assert out[1].article_id == "t" and "city council voted" in out[1].clean_text


def test_empty_and_boilerplate_only_texts():
    out = clean_documents([raw_doc(""), raw_doc("Home\n\nNews\n\nContact us\n", "b")])
    assert out[0].clean_text == "" and out[0].removed == ()
    assert out[1].clean_text == ""
    assert {b.text for b in out[1].removed} == {"Home", "News", "Contact us"}


PAGES = ROOT / "tests" / "fixtures" / "pages"
# The bodies written for the fixtures, a paragraph each: the first and last words of each.
OTHER_LANGUAGE_BODIES = {
    "de_article.txt": ("de", ["Der Stadtrat hat am Dienstag", "Die Brücke soll nach", "Bis dahin wird die alte Fähre",
                              "Anwohner, die gegen den Bau"]),
    "ja_article.txt": ("ja", ["市議会は火曜日", "市の計画によると", "渡し船は戦後から", "それでも会場に集まった"]),
}


@pytest.mark.parametrize("name", sorted(OTHER_LANGUAGE_BODIES))
def test_pages_in_other_languages_keep_their_body_and_drop_the_menus(name):
    language, paragraphs = OTHER_LANGUAGE_BODIES[name]
    doc = raw_doc((PAGES / name).read_text(encoding="utf-8"), name, f"fixture:{name}", name)
    out = clean_documents([doc])[0]
    assert out.language == language
    assert out.body_fallback is None
    kept = lines_of(out.clean_text)
    for opening in paragraphs:
        assert any(line.startswith(opening) for line in kept), (opening, kept)
    body_lines = [line for line in lines_of(doc.raw_text) if any(line.startswith(p) for p in paragraphs)]
    assert len(kept) <= len(body_lines) + 3, kept  # at most headline, byline and date besides the body
    assert_nothing_lost(doc, out)


class RejectEverything:
    """A block model that scores every block as boilerplate."""

    def predict_proba(self, rows):
        import numpy as np

        return np.tile([1.0, 0.0], (len(rows), 1))


def test_a_page_with_prose_is_never_empty_and_says_why():
    doc = raw_doc(ARTICLE.format(inside="It was the third vote on the project."))
    out = clean_documents([doc], model=RejectEverything())[0]
    assert "The city council voted on Tuesday" in out.clean_text
    assert out.body_fallback == "no_block_passed_kept_densest_region"
    assert_nothing_lost(doc, out)
    menu_only = clean_documents([raw_doc("Home\n\nNews\n\nContact us\n", "b")], model=RejectEverything())[0]
    assert menu_only.clean_text == "" and menu_only.body_fallback is None


def test_a_doubted_paragraph_between_kept_ones_is_kept_and_a_cue_is_not():
    from flows import clean_rules as rules
    from flows.clean import decide_blocks, fill_gaps, prepare_pages

    page = prepare_pages([raw_doc(ARTICLE.format(inside="It was the third vote."))], {})[0]
    texts = [block.text for block in page.blocks]
    inside, before, after = (texts.index(t) for t in (
        "It was the third vote.", texts[texts.index("It was the third vote.") - 1],
        texts[texts.index("It was the third vote.") + 1]))
    cue = texts.index("Related stories")
    probabilities = [0.05] * len(texts)
    probabilities[before] = probabilities[after] = probabilities[after + 1] = 0.9
    probabilities[inside] = 0.3  # doubted by the model, between two kept paragraphs
    probabilities[cue] = 0.3
    out = decide_blocks(page, probabilities)
    assert "It was the third vote." in out.clean_text
    assert "Related stories" not in out.clean_text
    assert fill_gaps(page.blocks, probabilities, {before, after}) == {inside}
    far = {before, before + rules.GAP_MAX_BLOCKS + 2}
    assert fill_gaps(page.blocks, [0.9] * len(texts), far) == set()  # a gap wider than GAP_MAX_BLOCKS stays
    probabilities[inside] = 0.1
    assert "It was the third vote." not in decide_blocks(page, probabilities).clean_text
