"""Score extracted facts against the gold facts of tests/gold/GUIDELINES.md.

What it does: per field (persons, organizations, locations, money,
percentages, dates, quotes, roles) it matches predictions to gold items
one-to-one inside each article, sums true positives, false positives and
false negatives over all articles (micro average) and reports precision,
recall and F1, their macro average over the eight fields, and agreement on the
title / published / authors metadata as separate lines.

Who calls it: the evaluation tests (tests/evaluate/, tests/extract/) and the
developers' loops on the seeds; the pipeline never does. The core,
`score_facts`, is pure; `load_gold`, `predicted_from_warehouse` (the public
warehouse tables) and `predicted_from_facts` (in-memory `Facts`, for dev
loops) only build its inputs.

Every rule below is a rule of GUIDELINES.md "Scoring" and its "Additions";
where the guidelines leave a choice open this module makes the reference
scorer's (tests/gold/score_facts.py, which held-out sets are scored with):
days only when the mention names a month with a day or is numeric, speakers
and role members by the names their tables state, metadata only where the gold
states it, articles by file stem. tests/evaluate/test_facts_eval.py checks the
two agree field by field on a small warehouse. One difference is deliberate:
matching is a maximum one-to-one matching where the reference is greedy, so a
prediction that could match two gold items never costs a true positive.
`gold_in_part` restricts the gold to one part of the fixed tune/report split.
"""

from __future__ import annotations

import json
import math
import re
import unicodedata
from collections.abc import Callable, Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path, PurePath
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # duckdb and the record types are only needed by the adapters
    import duckdb

    from flows.records import CleanedDocument, Facts

FIELDS = ("persons", "organizations", "locations", "money", "percentages", "dates", "quotes", "roles")
ENTITY_FIELDS = {"PERSON": "persons", "ORG": "organizations", "LOCATION": "locations"}
# Tolerated spellings of LOCATION from NER label sets, so a loader that kept
# spaCy's labels is still scored rather than silently dropped.
LOCATION_LABELS = frozenset({"LOCATION", "GPE", "LOC"})

MONEY_RELATIVE_TOLERANCE = 0.01  # "an amount within 1 %"
PERCENT_TOLERANCE = 0.01  # "within 0.01 points"
# GUIDELINES "Additions (2026-12-01)": the dates field scores a predicted day only
# when its mention names a month with a day, or is a numeric date (the
# reference scorer's pattern, tests/gold/score_facts.py).
CALENDAR_DATE = re.compile(
    r"\b(jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\s+\d{1,2}(st|nd|rd|th)?\b"
    r"|\b\d{1,2}(st|nd|rd|th)?\s+(of\s+)?(jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\b"
    r"|\b\d{4}-\d{2}-\d{2}\b|\b\d{1,2}[/.]\d{1,2}[/.]\d{2,4}\b",
    re.IGNORECASE,
)

# Name folding (GUIDELINES "Scoring"), as the reference scorer does it:
# corporate suffixes and "the" dropped wherever they stand, honorifics at the start.
CORPORATE_SUFFIXES = frozenset({"inc", "corp", "corporation", "ltd", "group", "co", "company", "llc", "plc", "the"})
HONORIFICS = frozenset({"mr", "mrs", "ms", "dr", "prof", "rep", "sen", "gov"})

# Role titles (the reference scorer's rule): abbreviations folded to one
# spelling, filler words ignored; titles match when they share a main word and
# their rank words agree ("VP" is not "president", "CEO" is "chief executive").
TITLE_ABBREVIATIONS = (
    (r"\bchief executive( officer)?\b", "ceo"),
    (r"\bchief financial officer\b", "cfo"),
    (r"\bchief operating officer\b", "coo"),
    (r"\bchief technology officer\b", "cto"),
    (r"\bvice president\b", "vp"),
    (r"\bchair(man|woman|person)?\b", "chair"),
)
TITLE_FILLER_WORDS = frozenset({"the", "of", "for", "a", "an", "and", "former", "senior", "co", "chief", "officer", "general"})
RANK_WORDS = frozenset({"vice", "deputy", "associate", "assistant", "acting", "interim"})
GENERIC_TITLE_WORDS = frozenset({"executive"})

_POSSESSIVE = re.compile(r"'s\b")
_PUNCTUATION = re.compile(r"[^\w\s]")
_CURLY_APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'"})


# --------------------------------------------------------------------------
# Input records
# --------------------------------------------------------------------------


@dataclass(frozen=True)
class GoldEntity:
    name: str
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True)
class GoldMoney:
    amount: float
    currency: str
    text: str = ""


@dataclass(frozen=True)
class GoldPercentage:
    value: float
    text: str = ""


@dataclass(frozen=True)
class GoldDate:
    date: date
    text: str = ""


@dataclass(frozen=True)
class GoldQuote:
    speaker: str
    starts: str


@dataclass(frozen=True)
class GoldRole:
    person: str
    title: str
    org: str


@dataclass(frozen=True)
class GoldArticle:
    article: str
    title: str | None = None
    published: date | None = None
    authors: tuple[str, ...] = ()
    body_starts: str = ""
    body_ends: str = ""
    persons: tuple[GoldEntity, ...] = ()
    organizations: tuple[GoldEntity, ...] = ()
    locations: tuple[GoldEntity, ...] = ()
    money: tuple[GoldMoney, ...] = ()
    percentages: tuple[GoldPercentage, ...] = ()
    dates: tuple[GoldDate, ...] = ()
    quotes: tuple[GoldQuote, ...] = ()
    roles: tuple[GoldRole, ...] = ()


@dataclass(frozen=True)
class PredictedEntity:
    """One predicted entity of one article: its canonical name and mention texts there."""

    name: str
    mentions: tuple[str, ...] = ()
    entity_id: str = ""

    @property
    def forms(self) -> tuple[str, ...]:
        return (self.name, *self.mentions)


@dataclass(frozen=True)
class PredictedMoney:
    amount: float
    currency: str
    text: str = ""


@dataclass(frozen=True)
class PredictedQuote:
    # The speaker as the quotes table names it: the scorer matches names, not entity ids.
    speaker: str
    text: str


@dataclass(frozen=True)
class PredictedRole:
    person: str
    title: str
    org: str


@dataclass(frozen=True)
class PredictedArticle:
    title: str | None = None
    published: date | None = None
    authors: tuple[str, ...] = ()
    persons: tuple[PredictedEntity, ...] = ()
    organizations: tuple[PredictedEntity, ...] = ()
    locations: tuple[PredictedEntity, ...] = ()
    money: tuple[PredictedMoney, ...] = ()
    percentages: tuple[float, ...] = ()
    dates: tuple[date, ...] = ()
    quotes: tuple[PredictedQuote, ...] = ()
    roles: tuple[PredictedRole, ...] = ()


# --------------------------------------------------------------------------
# Report records
# --------------------------------------------------------------------------


@dataclass(frozen=True)
class FieldScore:
    name: str
    tp: int
    fp: int
    fn: int

    @property
    def precision(self) -> float:
        # Nothing predicted and nothing to find is a perfect score, not 0/0.
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else (1.0 if not self.fn else 0.0)

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass(frozen=True)
class ArticleFieldDetail:
    """The misses (gold unmatched) and extras (predictions unmatched) of one field in one article."""

    article: str
    field: str
    tp: int
    misses: tuple[str, ...]
    extras: tuple[str, ...]


@dataclass(frozen=True)
class MetadataScore:
    name: str  # title | published | authors
    agree: int
    total: int
    disagreements: tuple[tuple[str, str, str], ...]  # (article, gold, predicted)


@dataclass(frozen=True)
class FactsReport:
    fields: Mapping[str, FieldScore]
    metadata: Mapping[str, MetadataScore]
    details: tuple[ArticleFieldDetail, ...]
    articles: int
    missing_articles: tuple[str, ...]  # gold articles without any prediction (all their facts are misses)

    @property
    def macro_precision(self) -> float:
        return sum(s.precision for s in self.fields.values()) / len(self.fields)

    @property
    def macro_recall(self) -> float:
        return sum(s.recall for s in self.fields.values()) / len(self.fields)

    @property
    def macro_f1(self) -> float:
        return sum(s.f1 for s in self.fields.values()) / len(self.fields)


# --------------------------------------------------------------------------
# Normalisation and item matching
# --------------------------------------------------------------------------


def fold(text: str) -> str:
    """Case- and accent-folded text."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def normalise_name(name: str) -> str:
    """The comparison key of a name: "U.S." == "US", "Mr. John Doe's" == "John Doe", "Acme Corp." == "Acme"."""
    text = _POSSESSIVE.sub("", fold(name).translate(_CURLY_APOSTROPHES))
    words = [w for w in _PUNCTUATION.sub(" ", text).split() if w not in CORPORATE_SUFFIXES]
    while len(words) > 1 and words[0] in HONORIFICS:
        words = words[1:]
    return "".join(words)


def normalise_text(text: str) -> str:
    """Quote and title text for comparison: lower case, punctuation as spaces, single spaces."""
    text = unicodedata.normalize("NFKC", text).lower().translate(_CURLY_APOSTROPHES)
    return " ".join(_PUNCTUATION.sub(" ", text).split())


def _names(forms: Iterable[str | None]) -> frozenset[str]:
    return frozenset(k for k in (normalise_name(f) for f in forms if f) if k)


def title_words(title: str) -> frozenset[str]:
    """The words of a job title that can match, abbreviations folded: "Chief Executive Officer" -> {ceo}."""
    text = normalise_text(title)
    for pattern, abbreviation in TITLE_ABBREVIATIONS:
        text = re.sub(pattern, abbreviation, text)
    return frozenset(w for w in text.split() if w not in TITLE_FILLER_WORDS)


def titles_match(gold_title: str, predicted_title: str) -> bool:
    gold, predicted = title_words(gold_title), title_words(predicted_title)
    gold_main, predicted_main = gold - RANK_WORDS - GENERIC_TITLE_WORDS, predicted - RANK_WORDS - GENERIC_TITLE_WORDS
    if gold_main and predicted_main:
        return bool(gold_main & predicted_main) and gold & RANK_WORDS == predicted & RANK_WORDS
    return bool(gold & predicted)


def _max_matching(n_gold: int, n_pred: int, matches: Callable[[int, int], bool]) -> dict[int, int]:
    """Maximum one-to-one matching (augmenting paths); returns prediction -> gold index."""
    candidates = [[g for g in range(n_gold) if matches(g, p)] for p in range(n_pred)]
    gold_owner: dict[int, int] = {}

    def assign(p: int, seen: set[int]) -> bool:
        for g in candidates[p]:
            if g in seen:
                continue
            seen.add(g)
            if g not in gold_owner or assign(gold_owner[g], seen):
                gold_owner[g] = p
                return True
        return False

    for p in range(n_pred):
        assign(p, set())
    return {p: g for g, p in gold_owner.items()}


def _unique(items: Iterable[Any], key: Callable[[Any], Hashable]) -> list[Any]:
    """Repeated predictions of one value in an article count once."""
    seen: set[Hashable] = set()
    out = []
    for item in items:
        k = key(item)
        if k not in seen:
            seen.add(k)
            out.append(item)
    return out


def _amount_key(amount: float) -> float:
    return float(f"{amount:.9g}") if math.isfinite(amount) else amount


@dataclass(frozen=True)
class _FieldView:
    """One field of one article reduced to what matching needs."""

    gold: list[Any]
    predicted: list[Any]
    matches: Callable[[Any, Any], bool]
    gold_label: Callable[[Any], str]
    predicted_label: Callable[[Any], str]


def _gold_person_forms(gold: GoldArticle, name: str, entities: Sequence[GoldEntity]) -> frozenset[str]:
    """A gold speaker/person/org name plus the aliases of the gold entity it names."""
    key = normalise_name(name)
    forms = {key} if key else set()
    for entity in entities:
        entity_forms = _names((entity.name, *entity.aliases))
        if key in entity_forms:
            forms |= entity_forms
    return frozenset(forms)


def _entity_view(gold_entities: Sequence[GoldEntity], predicted: Sequence[PredictedEntity]) -> _FieldView:
    # Two predicted entities of one article with the same normalised name are
    # the same value: merge their forms and count them once.
    merged: dict[str, set[str]] = {}
    labels: dict[str, str] = {}
    for entity in predicted:
        key = normalise_name(entity.name) or entity.name
        merged.setdefault(key, set()).update(_names(entity.forms))
        labels.setdefault(key, entity.name)
    pred_items = [(labels[k], frozenset(forms)) for k, forms in merged.items()]
    return _FieldView(
        gold=[(e.name, _names((e.name, *e.aliases))) for e in gold_entities],
        predicted=pred_items,
        matches=lambda g, p: bool(g[1] & p[1]),
        gold_label=lambda g: g[0],
        predicted_label=lambda p: p[0] + (f" {sorted(p[1] - {normalise_name(p[0])})}" if len(p[1]) > 1 else ""),
    )


def _views(gold: GoldArticle, pred: PredictedArticle) -> dict[str, _FieldView]:
    money_key = lambda m: (m.currency.upper(), _amount_key(m.amount))  # noqa: E731
    views = {
        "persons": _entity_view(gold.persons, pred.persons),
        "organizations": _entity_view(gold.organizations, pred.organizations),
        "locations": _entity_view(gold.locations, pred.locations),
        "money": _FieldView(
            gold=list(gold.money),
            predicted=_unique(pred.money, money_key),
            matches=lambda g, p: g.currency.upper() == p.currency.upper()
            and abs(p.amount - g.amount) <= MONEY_RELATIVE_TOLERANCE * abs(g.amount),
            gold_label=lambda g: f"{g.amount:,.6g} {g.currency} ({g.text})",
            predicted_label=lambda p: f"{p.amount:,.6g} {p.currency}" + (f" ({p.text})" if p.text else ""),
        ),
        "percentages": _FieldView(
            gold=list(gold.percentages),
            predicted=_unique(pred.percentages, _amount_key),
            matches=lambda g, p: abs(p - g.value) <= PERCENT_TOLERANCE + 1e-9,
            gold_label=lambda g: f"{g.value:g} ({g.text})",
            predicted_label=lambda p: f"{p:g}",
        ),
        "dates": _FieldView(
            gold=list(gold.dates),
            predicted=_unique(pred.dates, lambda d: d),
            matches=lambda g, p: g.date == p,
            gold_label=lambda g: f"{g.date.isoformat()} ({g.text})",
            predicted_label=lambda p: p.isoformat(),
        ),
    }

    # Speakers, persons and organisations of quotes and roles match by name:
    # the same normalised name, or two forms of one gold entity.
    speakers = {q.speaker: _gold_person_forms(gold, q.speaker, gold.persons) for q in gold.quotes}
    pred_quotes = [(normalise_name(q.speaker or ""), normalise_text(q.text), q) for q in pred.quotes]
    views["quotes"] = _FieldView(
        gold=[(speakers[q.speaker], normalise_text(q.starts), q) for q in gold.quotes],
        predicted=_unique(pred_quotes, lambda p: (p[0], p[1])),
        matches=lambda g, p: p[0] in g[0] and g[1] in p[1],
        gold_label=lambda g: f"{g[2].speaker}: {g[2].starts}",
        predicted_label=lambda p: f"{p[2].speaker}: {p[2].text[:80]}",
    )

    places = (*gold.organizations, *gold.locations)  # a role's org may be a place the gold lists
    gold_roles = [
        (_gold_person_forms(gold, r.person, gold.persons), _gold_person_forms(gold, r.org, places), r)
        for r in gold.roles
    ]
    pred_roles = [(normalise_name(r.person), normalise_name(r.org), r) for r in pred.roles]
    views["roles"] = _FieldView(
        gold=gold_roles,
        predicted=_unique(pred_roles, lambda p: (p[0], p[1], normalise_text(p[2].title))),
        matches=lambda g, p: p[0] in g[0] and p[1] in g[1] and titles_match(g[2].title, p[2].title),
        gold_label=lambda g: f"{g[2].person} / {g[2].title} / {g[2].org}",
        predicted_label=lambda p: f"{p[2].person} / {p[2].title} / {p[2].org}",
    )
    return views


# --------------------------------------------------------------------------
# Scoring
# --------------------------------------------------------------------------


_AUTHOR_SEPARATOR = re.compile(r"\s*(?:[;,|]|\band\b)\s*")


def _author_names(authors: Iterable[str]) -> frozenset[str]:
    return _names(_AUTHOR_SEPARATOR.split("; ".join(authors)))


def _metadata(gold: GoldArticle, pred: PredictedArticle) -> dict[str, tuple[bool, str, str]]:
    """Agreement on the metadata the gold states (a null gold value is not scored)."""
    checks = {}
    if gold.title:
        checks["title"] = (normalise_text(gold.title) == normalise_text(pred.title or ""), gold.title, pred.title or "")
    if gold.published:
        published = pred.published.isoformat() if pred.published else "null"
        checks["published"] = (gold.published == pred.published, gold.published.isoformat(), published)
    if gold.authors:
        agrees = _names(gold.authors) == _author_names(pred.authors)
        checks["authors"] = (agrees, "; ".join(gold.authors), "; ".join(pred.authors))
    return checks


def score_facts(gold: Mapping[str, GoldArticle], predicted: Mapping[str, PredictedArticle]) -> FactsReport:
    """Micro-averaged per-field scores of `predicted` against `gold`, both keyed by article file name.

    Gold articles without predictions count all their facts as misses;
    predicted articles without gold are not scored.
    """
    counts = {name: [0, 0, 0] for name in FIELDS}
    meta_counts: dict[str, list[Any]] = {name: [0, 0, []] for name in ("title", "published", "authors")}
    details: list[ArticleFieldDetail] = []
    missing: list[str] = []
    for article in sorted(gold):
        gold_article = gold[article]
        pred_article = predicted.get(article)
        if pred_article is None:
            missing.append(article)
            pred_article = PredictedArticle()
        for name, view in _views(gold_article, pred_article).items():
            matched = _max_matching(
                len(view.gold), len(view.predicted), lambda g, p: view.matches(view.gold[g], view.predicted[p])
            )
            tp = len(matched)
            matched_gold = set(matched.values())
            misses = tuple(view.gold_label(g) for i, g in enumerate(view.gold) if i not in matched_gold)
            extras = tuple(view.predicted_label(p) for i, p in enumerate(view.predicted) if i not in matched)
            counts[name][0] += tp
            counts[name][1] += len(extras)
            counts[name][2] += len(misses)
            details.append(ArticleFieldDetail(article, name, tp, misses, extras))
        for name, (agrees, gold_value, pred_value) in _metadata(gold_article, pred_article).items():
            meta_counts[name][1] += 1
            if agrees:
                meta_counts[name][0] += 1
            else:
                meta_counts[name][2].append((article, gold_value, pred_value))
    return FactsReport(
        fields={name: FieldScore(name, *c) for name, c in counts.items()},
        metadata={
            name: MetadataScore(name, agree, total, tuple(disagreements))
            for name, (agree, total, disagreements) in meta_counts.items()
        },
        details=tuple(details),
        articles=len(gold),
        missing_articles=tuple(missing),
    )


def format_report(report: FactsReport, detail: bool = False) -> str:
    """A plain-text table; with `detail`, every miss and extra per field and article."""
    lines = [f"facts scored on {report.articles} gold articles", f"{'field':<14} {'P':>6} {'R':>6} {'F1':>6}  tp/fp/fn"]
    for score in report.fields.values():
        lines.append(
            f"{score.name:<14} {score.precision:6.3f} {score.recall:6.3f} {score.f1:6.3f}  "
            f"{score.tp}/{score.fp}/{score.fn}"
        )
    lines.append(
        f"{'macro':<14} {report.macro_precision:6.3f} {report.macro_recall:6.3f} {report.macro_f1:6.3f}"
    )
    for meta in report.metadata.values():
        lines.append(f"metadata {meta.name:<10} agrees on {meta.agree}/{meta.total} articles")
    if report.missing_articles:
        lines.append(f"articles without predictions: {', '.join(report.missing_articles)}")
    if detail:
        for d in report.details:
            if not d.misses and not d.extras:
                continue
            lines.append(f"\n{d.article} {d.field} (tp {d.tp})")
            lines.extend(f"  miss  {m}" for m in d.misses)
            lines.extend(f"  extra {e}" for e in d.extras)
        for meta in report.metadata.values():
            for article, gold_value, pred_value in meta.disagreements:
                lines.append(f"\n{article} {meta.name}\n  gold      {gold_value!r}\n  predicted {pred_value!r}")
    return "\n".join(lines)


# --------------------------------------------------------------------------
# Inputs: gold files, the warehouse, in-memory facts
# --------------------------------------------------------------------------


def _parse_date(value: Any) -> date | None:
    if value is None or value == "":
        return None
    if isinstance(value, date):
        return value
    return date.fromisoformat(str(value)[:10])


def gold_from_json(data: Mapping[str, Any]) -> GoldArticle:
    entities = lambda key: tuple(  # noqa: E731
        GoldEntity(e["name"], tuple(e.get("aliases") or ())) for e in data.get(key) or ()
    )
    return GoldArticle(
        article=data["article"],
        title=data.get("title"),
        published=_parse_date(data.get("published")),
        authors=tuple(data.get("authors") or ()),
        body_starts=data.get("body_starts") or "",
        body_ends=data.get("body_ends") or "",
        persons=entities("persons"),
        organizations=entities("organizations"),
        locations=entities("locations"),
        money=tuple(GoldMoney(float(m["amount"]), m["currency"], m.get("text", "")) for m in data.get("money") or ()),
        percentages=tuple(GoldPercentage(float(p["value"]), p.get("text", "")) for p in data.get("percentages") or ()),
        dates=tuple(GoldDate(_parse_date(d["date"]), d.get("text", "")) for d in data.get("dates") or ()),  # type: ignore[arg-type]
        quotes=tuple(GoldQuote(q["speaker"], q["starts"]) for q in data.get("quotes") or ()),
        roles=tuple(GoldRole(r["person"], r["title"], r["org"]) for r in data.get("roles") or ()),
    )


def load_gold(directory: Path) -> dict[str, GoldArticle]:
    """Every `*.facts.json` of `directory`, keyed by its article file name."""
    gold = {}
    for path in sorted(Path(directory).glob("*.facts.json")):
        article = gold_from_json(json.loads(path.read_text(encoding="utf-8")))
        gold[article_key(article.article)] = article
    return gold


def gold_in_part(gold: Mapping[str, GoldArticle], part: str | None) -> dict[str, GoldArticle]:
    """The gold articles of one part of the fixed split (`flows.evaluate.splits`); all of them for None."""
    from flows.evaluate.splits import in_part

    return {key: gold[key] for key in in_part(gold, part)}


ARTICLE_EXTENSIONS = (".facts.json", ".txt", ".html", ".htm", ".gz")


def article_key(source_name: str) -> str:
    """The key a gold file and a source share: the file stem ("R126" for "pages/R126.html")."""
    name = PurePath(str(source_name).replace("\\", "/")).name
    for extension in ARTICLE_EXTENSIONS:
        name = name.removesuffix(extension)
    return name


def _is_calendar_day(mention: str | None) -> bool:
    return bool(CALENDAR_DATE.search(mention or ""))


def _split_authors(value: Any) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, (list, tuple)):
        return tuple(str(a) for a in value if a)
    return tuple(a.strip() for a in str(value).split(";") if a.strip())


class _ArticleBuilder:
    """Collects one article's predictions from rows of any source."""

    def __init__(self) -> None:
        self.title: str | None = None
        self.published: date | None = None
        self.authors: tuple[str, ...] = ()
        self.entities: dict[str, tuple[str, str]] = {}  # entity_id -> (name, type)
        self.mentions: dict[str, list[str]] = {}
        self.money: list[PredictedMoney] = []
        self.percentages: list[float] = []
        self.dates: list[date] = []
        self.quotes: list[PredictedQuote] = []
        self.roles: list[PredictedRole] = []

    def build(self) -> PredictedArticle:
        by_field: dict[str, list[PredictedEntity]] = {"persons": [], "organizations": [], "locations": []}
        for entity_id, (name, entity_type) in self.entities.items():
            kind = "LOCATION" if entity_type in LOCATION_LABELS else entity_type
            if kind in ENTITY_FIELDS:
                by_field[ENTITY_FIELDS[kind]].append(
                    PredictedEntity(name, tuple(self.mentions.get(entity_id, ())), entity_id)
                )
        return PredictedArticle(
            title=self.title,
            published=self.published,
            authors=self.authors,
            persons=tuple(by_field["persons"]),
            organizations=tuple(by_field["organizations"]),
            locations=tuple(by_field["locations"]),
            money=tuple(self.money),
            percentages=tuple(self.percentages),
            dates=tuple(self.dates),
            quotes=tuple(self.quotes),
            roles=tuple(self.roles),
        )


def predicted_from_warehouse(con: duckdb.DuckDBPyConnection) -> dict[str, PredictedArticle]:
    """Predictions read from the public warehouse tables, keyed by article file name."""
    builders: dict[str, _ArticleBuilder] = {}
    keys: dict[str, str] = {}
    for article_id, source_name, title, published, authors in con.execute(
        "SELECT article_id, source_name, title, published_date, authors FROM articles"
    ).fetchall():
        builder = builders.setdefault(article_id, _ArticleBuilder())
        builder.title, builder.published, builder.authors = title, _parse_date(published), _split_authors(authors)
        keys[article_id] = article_key(source_name)

    entity_rows = con.execute(
        """
        SELECT m.article_id, m.entity_id, e.name, e.entity_type, m.mention_text
        FROM entity_mentions AS m
        JOIN entities AS e USING (entity_id)
        ORDER BY m.article_id, m.start_char
        """
    ).fetchall()
    for article_id, entity_id, name, entity_type, mention in entity_rows:
        if article_id in builders:
            builders[article_id].entities[entity_id] = (name, entity_type)
            builders[article_id].mentions.setdefault(entity_id, []).append(mention)

    for article_id, amount, currency in con.execute(
        "SELECT article_id, amount, currency FROM money_facts"
    ).fetchall():
        if article_id in builders and amount is not None and currency:
            builders[article_id].money.append(PredictedMoney(float(amount), currency))
    for article_id, value in con.execute(
        "SELECT article_id, value FROM quantity_facts WHERE kind = 'percent'"
    ).fetchall():
        if article_id in builders and value is not None:
            builders[article_id].percentages.append(float(value))
    for article_id, date_start, mention in con.execute(
        "SELECT article_id, date_start, mention_text FROM date_facts WHERE granularity = 'day'"
    ).fetchall():
        if article_id in builders and date_start is not None and _is_calendar_day(mention):
            builders[article_id].dates.append(_parse_date(date_start))  # type: ignore[arg-type]
    for article_id, speaker_name, text in con.execute(
        "SELECT article_id, speaker_name, quote_text FROM quotes"
    ).fetchall():
        if article_id in builders:
            builders[article_id].quotes.append(PredictedQuote(speaker_name or "", text or ""))
    for article_id, person, title, org in con.execute(
        "SELECT article_id, person_name, title, org_name FROM roles"
    ).fetchall():
        if article_id in builders:
            builders[article_id].roles.append(PredictedRole(person or "", title or "", org or ""))
    return {keys[article_id]: builder.build() for article_id, builder in builders.items()}


def predicted_from_facts(
    docs: Sequence[CleanedDocument], source_names: Mapping[str, str], facts: Facts
) -> dict[str, PredictedArticle]:
    """Predictions from in-memory records; `source_names` maps article_id to article file name."""
    builders: dict[str, _ArticleBuilder] = {}
    for doc in docs:
        builder = builders.setdefault(doc.article_id, _ArticleBuilder())
        builder.title, builder.published, builder.authors = doc.title, doc.published_date, tuple(doc.authors)
    entities = {e.entity_id: e for e in facts.entities}
    for mention in facts.entity_mentions:
        builder = builders.get(mention.article_id)
        entity = entities.get(mention.entity_id)
        if builder is not None and entity is not None:
            builder.entities[entity.entity_id] = (entity.name, entity.entity_type)
            builder.mentions.setdefault(entity.entity_id, []).append(mention.mention_text)
    for money in facts.money_facts:
        if money.article_id in builders:
            builders[money.article_id].money.append(PredictedMoney(money.amount, money.currency, money.mention_text))
    for quantity in facts.quantity_facts:
        if quantity.article_id in builders and quantity.kind == "percent":
            builders[quantity.article_id].percentages.append(quantity.value)
    for fact in facts.date_facts:
        if (fact.article_id in builders and fact.granularity == "day" and fact.date_start is not None
                and _is_calendar_day(fact.mention_text)):
            builders[fact.article_id].dates.append(fact.date_start)
    for quote in facts.quotes:
        if quote.article_id in builders:
            builders[quote.article_id].quotes.append(PredictedQuote(quote.speaker_name or "", quote.quote_text))
    for role in facts.roles:
        if role.article_id in builders:
            builders[role.article_id].roles.append(PredictedRole(role.person_name, role.title, role.org_name))
    return {
        article_key(source_names.get(article_id, article_id)): builder.build()
        for article_id, builder in builders.items()
    }


def predicted_from_gold(gold: Mapping[str, GoldArticle]) -> dict[str, PredictedArticle]:
    """The gold restated as predictions (each alias a mention of its entity): scores 1.0 by construction."""
    return {
        key: PredictedArticle(
            title=g.title,
            published=g.published,
            authors=g.authors,
            persons=tuple(PredictedEntity(e.name, e.aliases) for e in g.persons),
            organizations=tuple(PredictedEntity(e.name, e.aliases) for e in g.organizations),
            locations=tuple(PredictedEntity(e.name, e.aliases) for e in g.locations),
            money=tuple(PredictedMoney(m.amount, m.currency, m.text) for m in g.money),
            percentages=tuple(p.value for p in g.percentages),
            dates=tuple(d.date for d in g.dates),
            quotes=tuple(PredictedQuote(q.speaker, q.starts) for q in g.quotes),
            roles=tuple(PredictedRole(r.person, r.title, r.org) for r in g.roles),
        )
        for key, g in gold.items()
    }
