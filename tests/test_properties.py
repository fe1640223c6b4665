"""Property-based tests (hypothesis) for the cleaner and every extractor.

On any text: nothing raises; every fact's span lies inside `clean_text` and
slices to its `mention_text` (a quote's to its `quote_text`); amounts are
positive and finite; dates are real dates, in order, with a known
granularity. Texts mix news-like fragments (amounts, dates, quotes, titles,
names) with arbitrary unicode, so the rules fire on them. spaCy is loaded
once; example counts stay small because a spaCy call costs milliseconds.
"""

from __future__ import annotations

import math
import re
from datetime import date

from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from flows.clean import clean_documents
from flows.extract import extract_facts
from flows.dates import extract_dates
from flows.extract.money import extract_money
from flows.extract.nlp import load_nlp
from flows.extract.quantities import extract_quantities
from flows.html import clean_html
from flows.ingest import article_id_for
from flows.records import CleanedDocument, RawDocument
from schemas.tables import ENTITY_TYPES, GRANULARITIES, QUANTITY_KINDS

FRAGMENTS = (
    "$1.5 billion", "US$ 300m", "€2,5 Mrd.", "RMB30,000–40,000", "¥ 10bn", "£4.2 million", "5 per cent", "12.5%",
    "between $3 and $4 billion", "1,000 employees", "100 square meters", "-3%", "0%", "$0", "2 pc", "40 basis points",
    "March 3, 2021", "3 March 2021", "2021-03-30", "Q3 2020", "the first half of 2019", "last Tuesday", "in 1999",
    "30-31 March", "November 8 - December 4, 2001", "February 30, 2020", "on 31/02/2021", "9999", "year 0",
    "\"We will win,\" said John Smith, chief executive of Acme Corp.", "“It is over,” she said.", "'", "\"", "“", "”",
    "Apple Inc.", "Xiaomi Corporation", "Lei Jun, founder and CEO of Xiaomi,", "Mr. Smith", "he said", "in London",
    "Beijing", "Dr.", "Inc.", "the", "and", ",", ".", ":", "(", ")", "-", "–", "—", "?", "...", "\n", "\n\n", " ",
    "\u00a0", "\u2019", "\u200b", "\ufeff", "\t",
)
fragment = st.sampled_from(FRAGMENTS)
news_text = st.lists(st.one_of(fragment, fragment, fragment, st.text(max_size=12)), min_size=1, max_size=40).map(" ".join)
any_text = st.one_of(news_text, news_text, news_text, st.text(max_size=300))  # three in four news-like
published = st.one_of(st.none(), st.dates(min_value=date(1990, 1, 1), max_value=date(2035, 12, 31)))
RUN_DATE = date(2026, 11, 21)
SNAKE_CASE = re.compile(r"^[a-z][a-z0-9_]*$")
FAST = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
SLOW = settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def assert_span(text: str, fact, covered: str) -> None:
    assert 0 <= fact.start_char < fact.end_char <= len(text), fact
    assert text[fact.start_char:fact.end_char] == covered, fact


@FAST
@given(text=any_text, when=published)
def test_money_spans_point_into_the_text_and_amounts_are_positive(text, when):
    facts = extract_money("a", text, when, RUN_DATE)
    event(f"money facts: {min(len(facts), 3)}")
    for fact in facts:
        assert_span(text, fact, fact.mention_text)
        assert fact.amount > 0 and math.isfinite(fact.amount), fact
        assert re.fullmatch(r"[A-Z]{3}", fact.currency), fact
        assert fact.amount_usd is None or (fact.amount_usd > 0 and math.isfinite(fact.amount_usd)), fact


@FAST
@given(text=any_text, when=published)
def test_dates_are_real_ordered_periods_with_spans_in_the_text(text, when):
    for fact in extract_dates("a", text, when):
        assert_span(text, fact, fact.mention_text)
        assert isinstance(fact.date_start, date) and isinstance(fact.date_end, date), fact
        assert fact.date_start <= fact.date_end, fact
        assert fact.granularity in GRANULARITIES, fact


@FAST
@given(text=any_text)
def test_quantities_are_finite_with_spans_in_the_text(text):
    for fact in extract_quantities("a", text):
        assert_span(text, fact, fact.mention_text)
        assert math.isfinite(fact.value), fact
        assert fact.kind in QUANTITY_KINDS, fact


@SLOW
@given(text=any_text, when=published, title=st.one_of(st.none(), news_text))
def test_every_extractor_together_keeps_spans_inside_clean_text(text, when, title):
    facts = extract_facts([CleanedDocument("a", text, title=title, published_date=when)], nlp=load_nlp(), run_date=RUN_DATE)
    event(f"mentions: {min(len(facts.entity_mentions), 3)}, quotes: {min(len(facts.quotes), 1)}, roles: {min(len(facts.roles), 1)}")
    entity_ids = {entity.entity_id for entity in facts.entities}
    assert all(entity.entity_type in ENTITY_TYPES and entity.name for entity in facts.entities)
    for fact in (*facts.entity_mentions, *facts.dropped_mentions, *facts.money_facts, *facts.quantity_facts,
                 *facts.date_facts):
        assert_span(text, fact, fact.mention_text)
    assert all(d.reason for d in facts.dropped_mentions)
    for mention in facts.entity_mentions:
        assert mention.entity_id in entity_ids
    for quote in facts.quotes:
        assert_span(text, quote, quote.quote_text)
        assert quote.speaker_entity_id is None or quote.speaker_entity_id in entity_ids
    for role in facts.roles:
        assert_span(text, role, role.mention_text)
        assert {role.person_entity_id, role.org_entity_id} <= entity_ids


def raw(text: str, input_format: str = "text") -> RawDocument:
    return RawDocument(article_id_for(text), "x", "x", text, input_format, source_key="site")


def squeezed(text: str) -> str:
    return " ".join(text.split())


@FAST
@given(text=st.one_of(news_text, st.text(max_size=500), st.lists(news_text, max_size=8).map("\n".join)))
def test_the_text_cleaner_keeps_only_input_text_and_gives_every_removal_a_reason(text):
    (cleaned,) = clean_documents([raw(text)])
    for paragraph in cleaned.clean_text.split("\n\n"):
        assert squeezed(paragraph) in squeezed(text)
    assert all(SNAKE_CASE.match(block.reason) for block in cleaned.removed)
    assert cleaned.published_date is None or isinstance(cleaned.published_date, date)


html_text = st.lists(
    st.one_of(st.sampled_from(("<p>", "</p>", "<div>", "</div>", "<h1>", "</h1>", "<script>", "</script>", "<br>",
                               "<title>", "</title>", "<article>", "<!--", "-->", "&amp;", "&#0;", "<", ">", "<a href='")),
              news_text),
    max_size=30,
).map("".join)


@SLOW
@given(html=html_text)
def test_the_html_cleaner_never_raises_and_gives_every_removal_a_reason(html):
    cleaned = clean_html(raw(html, "html"))
    assert isinstance(cleaned.clean_text, str)
    assert all(SNAKE_CASE.match(block.reason) for block in cleaned.removed)
    assert cleaned.published_date is None or isinstance(cleaned.published_date, date)
