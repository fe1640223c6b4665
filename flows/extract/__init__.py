"""Extraction: a batch of cleaned articles in, their `Facts` out.

The pipeline's extract task calls `extract_facts` once per batch. spaCy runs
once over the batch (`nlp.pipe`, NER only: see `flows.extract.nlp`); every
other extractor is a cheap pass over one article's text: entities
(`entities`), quotes (`quotes`) and roles (`roles`) build on the NER spans
(quotes also parse the few sentences their rules cannot attribute: those of
the whole batch in one `parser` call, after NER);
money, dates and quantities (`money`, `dates`, `quantities`) read the text
(money also the article's places: they say which dollar a bare "$" is). Entities are deduplicated by `entity_id` across the batch, keeping the
fullest name. Every mention the entity rules leave out, and the part of a text
too long for NER, become `dropped_mentions` rows with their reason; so do dates
inside credit lines (tests/gold/GUIDELINES.md: credit lines are no facts).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from datetime import date

from spacy.language import Language
from spacy.tokens import Doc

from flows.dates import extract_dates
from flows.extract.credits import overlaps
from flows.extract.entities import extract_entities, normalise_for_ner
from flows.extract.money import extract_money
from flows.extract.nlp import load_nlp, load_parser
from flows.extract.quantities import extract_quantities
from flows.extract.quotes import finish_quotes, plan_quotes
from flows.extract.roles import extract_roles
from flows.language import is_read_by_ner
from flows.records import CleanedDocument, DateFact, DroppedMention, Entity, Facts

DEFAULT_BATCH_SIZE = 32  # shared/STACK.md: 16-64 is as fast as 256 at a third of the memory
# spaCy raises on texts over 1 M characters (one such page failed the whole run) and
# NER memory grows with length: 1.3 GB peak at 400 k characters, 3.2 GB at 1 M here.
# NER reads this much of a longer body; money, dates and quantities read all of it.
MAX_NER_CHARS = 300_000


def extract_facts(
    docs: Sequence[CleanedDocument],
    nlp: Language | None = None,
    run_date: date | None = None,
    batch_size: int = DEFAULT_BATCH_SIZE,
    parser: Callable[[Sequence[str]], Mapping[str, Doc]] | None = None,
) -> Facts:
    """Every fact of a batch of articles; `run_date` dates currency conversion (default today).

    `parser` parses sentences, returning their Docs by text (default `load_parser()`): the batch's
    sentences whose quotes the rules cannot attribute, in one call.
    Articles in a language the model does not read are skipped (`flows.language.is_read_by_ner`).
    """
    docs = [doc for doc in docs if is_read_by_ner(doc.language)]
    nlp = nlp or load_nlp()
    parser = parser or load_parser()
    run_date = run_date or date.today()
    facts = Facts()
    entities: dict[str, Entity] = {}
    quote_plans = []
    texts = (normalise_for_ner(d.clean_text[:MAX_NER_CHARS]) for d in docs)
    for cleaned, spacy_doc in zip(docs, nlp.pipe(texts, batch_size=batch_size)):
        article_id, text = cleaned.article_id, cleaned.clean_text
        found = extract_entities(article_id, text, spacy_doc, cleaned.title)
        for entity in found.entities:
            known = entities.get(entity.entity_id)
            if known is None or len(entity.name) > len(known.name):
                entities[entity.entity_id] = entity  # the fullest name seen in the batch
        facts.entity_mentions.extend(found.mentions)
        facts.dropped_mentions.extend(found.dropped)
        if len(text) > MAX_NER_CHARS:
            facts.dropped_mentions.append(unread_by_ner(article_id, text))
        quote_plans.append(plan_quotes(article_id, text, found))
        facts.roles.extend(extract_roles(article_id, text, found))

        places = [m.mention_text for m in found.mentions if found.of_type(m) == "LOCATION"]
        money = extract_money(article_id, text, cleaned.published_date, run_date, places)
        dates = extract_dates(article_id, text, cleaned.published_date)
        skip = [(f.start_char, f.end_char) for f in (*money, *dates)]
        facts.money_facts.extend(money)
        for fact in dates:
            if overlaps(found.credits, fact.start_char, fact.end_char):
                facts.dropped_mentions.append(credited_date(fact))
            else:
                facts.date_facts.append(fact)
        facts.quantity_facts.extend(extract_quantities(article_id, text, skip=skip))
    parses = parser([sentence for plan in quote_plans for sentence in plan.sentences])
    for plan in quote_plans:
        facts.quotes.extend(finish_quotes(plan, parses))
    facts.entities = list(entities.values())
    return facts


def credited_date(fact: DateFact) -> DroppedMention:
    """A date inside a credit line ("by Jane Roe on March 3, 2012 at 9:15 am. Reply"): when a credit was written, no fact."""
    return DroppedMention(fact.article_id, fact.mention_text, fact.start_char, fact.end_char, label="DATE",
                          reason="credit_line")


def unread_by_ner(article_id: str, text: str) -> DroppedMention:
    """The flag of a text cut before NER: its unread tail, so entities there are known to be missing."""
    return DroppedMention(article_id, text[MAX_NER_CHARS:], MAX_NER_CHARS, len(text), reason="text_cut_before_ner")
