"""Records passed between pipeline stages.

One record contract for the whole pipeline (datatrove style): ingest makes
`RawDocument`s, clean turns each into a `CleanedDocument`, extract turns a
batch of cleaned documents into `Facts`. Every stage is a plain function over
these records; Prefect tasks only wrap them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date


@dataclass(frozen=True)
class RawDocument:
    """One input article as read from disk, before any cleaning."""

    article_id: str  # sha256 of the raw text: the same text is the same article
    source_name: str  # file name, or the URL for a WARC record
    source_path: str  # path of the input file
    raw_text: str  # decoded text (HTML source for html/warc inputs), always kept
    input_format: str  # "text" | "html"
    source_url: str | None = None
    source_key: str = ""  # site the page came from: URL host, else the input's directory


@dataclass(frozen=True)
class RemovedBlock:
    """A block the cleaner dropped, kept with the reason (nothing is lost)."""

    position: int  # index of the block in the raw document
    text: str
    reason: str  # snake_case, e.g. "newsletter_signup", "repeated_across_site"


@dataclass(frozen=True)
class CleanedDocument:
    """The article body and metadata the clean stage kept."""

    article_id: str
    clean_text: str  # body paragraphs separated by blank lines
    title: str | None = None
    published_date: date | None = None
    authors: tuple[str, ...] = ()
    publisher: str | None = None
    removed: tuple[RemovedBlock, ...] = ()
    fingerprints: tuple[str, ...] = ()  # block fingerprints, for repetition across runs
    language: str | None = None  # ISO 639-1 code of the article's language, None when unknown
    body_fallback: str | None = None  # snake_case: why the body is a fallback, not the blocks the cleaner chose


@dataclass(frozen=True)
class Span:
    """Provenance shared by every fact: clean_text[start_char:end_char] == mention_text."""

    article_id: str
    mention_text: str
    start_char: int
    end_char: int


@dataclass(frozen=True)
class Entity:
    entity_id: str  # stable across the warehouse, see flows.extract.entities.entity_id_for
    name: str
    entity_type: str  # PERSON | ORG | LOCATION


@dataclass(frozen=True)
class EntityMention(Span):
    entity_id: str = ""


@dataclass(frozen=True)
class DroppedMention(Span):
    """A span extraction read and left out, with why: nothing is dropped silently."""

    label: str = ""  # the NER label of the span; "" for text NER never read
    reason: str = ""  # snake_case, e.g. "credit_line", "nationality", "text_cut_before_ner"


@dataclass(frozen=True)
class MoneyFact(Span):
    amount: float = 0.0  # in units of the currency (1.5e9 for "1.5 billion")
    currency: str = ""  # ISO 4217
    amount_usd: float | None = None
    rate_date: date | None = None  # date of the reference rate used for amount_usd


@dataclass(frozen=True)
class QuantityFact(Span):
    kind: str = ""  # "percent" | "count" | "measure"
    value: float = 0.0
    unit: str | None = None  # "%" for percent; "square meters", "members", ... otherwise


@dataclass(frozen=True)
class DateFact(Span):
    date_start: date | None = None
    date_end: date | None = None
    granularity: str = ""  # day | month | quarter | half | year


@dataclass(frozen=True)
class Quote:
    article_id: str
    quote_text: str  # text inside the quotation marks
    start_char: int  # offsets of quote_text in clean_text
    end_char: int
    speaker_name: str | None = None
    speaker_entity_id: str | None = None


@dataclass(frozen=True)
class Role:
    article_id: str
    person_entity_id: str
    person_name: str
    title: str
    org_entity_id: str
    org_name: str
    mention_text: str = ""  # the sentence span stating the role
    start_char: int = 0
    end_char: int = 0


@dataclass
class Facts:
    """Everything extracted from one batch of articles."""

    entities: list[Entity] = field(default_factory=list)
    entity_mentions: list[EntityMention] = field(default_factory=list)
    money_facts: list[MoneyFact] = field(default_factory=list)
    quantity_facts: list[QuantityFact] = field(default_factory=list)
    date_facts: list[DateFact] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    roles: list[Role] = field(default_factory=list)
    dropped_mentions: list[DroppedMention] = field(default_factory=list)
