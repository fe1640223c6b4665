"""Direct quotations of six words or more, each with its speaker.

`flows.extract.extract_facts` calls `plan_quotes` for every document, with
the entities `flows.extract.entities` found in it, parses the sentences the
plans of the batch ask for in one call (`flows.extract.nlp.load_parser`), then
calls `finish_quotes` with those parses. Hand-written because no
dependency of the project attributes quotes, and news typography defeats a
naive regex: curly, straight, doubled-apostrophe ('' ... '', as NYT texts
write them) and wrongly-turned marks, quotes that run over a paragraph end
without a closing mark, quotes split by their attribution ("part one," she
said, "part two.") and speakers named before ("X said: "..."), after
(""...," said X"), by a pronoun ("he added") or as the subject of the
sentence the quote is part of (X called it "a disaster").

Quotation marks are paired in order inside a paragraph whatever way they
are turned; an opening mark left unpaired runs to the end of its paragraph.
The speaker is found by the first rule that gives one:
1. a person named next to a speech verb just after the closing mark, else
   just before the opening mark (regular expressions, no parse);
2. the subject of the verb the quote hangs from, in the dependency parse of
   the quote's sentence (or, for a paragraph that opens with a quote, of the
   previous paragraph's last sentence when it ends with a colon): the parser
   runs on those sentences only;
3. the speaker of the quote before it in the same paragraph, or of the
   paragraph before when this one opens with a quote, or of the same words
   quoted earlier in the article.
A pronoun resolves to the first person named, outside quotation marks, in
the nearest sentence before it that names one (news prose puts the subject
first; one named next to a speech verb there wins, and "Ms."/"Mr." in the
article rule out the other pronoun); "the company", "the campaign", "it" and
an unnamed spokesperson, report or letter to the organisation named last
before them. A work title in quotation marks ("Call Me Back When Winter
Comes") is no quotation. A place or building is never a speaker; an untagged surname next to
the verb ("Keen said") is the person of that surname named before.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass

from spacy.tokens import Doc, Token

from flows.extract.entities import PLACE_NAME_HEADS, DocEntities, normalise_for_ner, org_antecedent
from flows.records import EntityMention, Quote

QUOTE_MIN_WORDS = 6  # tests/gold/GUIDELINES.md: "at least six words"
# Verbs (and two phrases) that attribute speech. Calibrated on the seeds and
# on the attributions of the tuning part of PolNeAR train.
SPEECH_VERBS = (
    "said", "says", "say", "saying", "stated", "states", "added", "adds", "adding",
    "concluded", "promised", "explained", "explains", "noted", "notes", "noting",
    "told", "tells", "telling", "wrote", "writes", "writing", "continued", "continues",
    "asked", "asks", "asking", "insisted", "insists", "argued", "argues", "arguing",
    "warned", "warns", "remarked", "commented", "emphasized", "emphasised",
    "admitted", "acknowledged", "claimed", "claims", "declared", "replied", "recalled",
    "predicted", "announced", "underlined", "stressed", "highlighted",
    "observed", "suggested", "suggests", "puts it", "put it", "according to", "posted",
    "tweeted", "joked", "recounted", "cautioned", "pointed out", "went on",
    "confirmed", "revealed", "responded", "countered", "conceded", "boasted",
    "quipped", "vowed", "pledged", "complained", "lamented", "retorted", "exclaimed",
    "wondered", "reiterated", "maintained", "contended", "charged", "alleged",
    "urged", "proclaimed", "touted", "bragged", "mocked", "called", "calls", "calling",
    "described", "describes", "testified", "agreed", "offered", "shouted", "yelled",
    "thundered", "intoned", "opined", "mused", "chimed",
    # PolNeAR train, tuning part: attributions the verbs above missed.
    "assured", "shot back", "asserted", "asserts", "answered", "remarking", "explaining",
    "insisting", "warning", "declaring", "announcing", "recalling",
)
PRONOUNS = ("he", "she")
# The pronoun of an organisation as the subject of a speech verb ("..., it said"):
# the organisation named last before it, as "the company" is.
ORG_PRONOUN = "it"
# Honorifics that tell which pronoun a person takes ("Ms. Roe ... she wrote").
GENDERED_HONORIFICS = {"mr": "he", "mrs": "she", "ms": "she", "miss": "she"}
# Heads of a subject that stand for an organisation named before them:
# "the company said", "a campaign spokesman said", "the report says".
ORG_STANDINS = frozenset({
    "company", "firm", "campaign", "committee", "group", "organization",
    "organisation", "agency", "department", "ministry", "newspaper", "paper",
    "network", "spokesman", "spokeswoman", "spokesperson", "statement", "report",
    "letter", "memo", "release", "administration", "office",
})
# A period after one of these words does not end a sentence ("Gov. Doe
# replied", "Feb. 5"); single capital letters (initials) neither.
ABBREVIATIONS = frozenset({
    "mr", "mrs", "ms", "dr", "prof", "gov", "sen", "rep", "reps", "sens", "gen", "lt",
    "col", "capt", "sgt", "rev", "st", "jr", "sr", "no", "vs", "inc", "corp", "co",
    "jan", "feb", "mar", "apr", "aug", "sept", "sep", "oct", "nov", "dec", "u.s",
    "d.c", "u.n", "u.k", "ft", "mt", "ave", "gov", "pres", "atty", "supt",
})
# How far from a quotation mark an attribution may start, in words: tuned on
# the seeds' forms ("“...,” he said", "Alan Roe, senior analyst at QRS
# Automotive, said: “...") and short enough not to reach the next sentence.
AFTER_WINDOW_WORDS = 6
# "“...” Carol Doe, president of Harbor Line, which operates the ships, told
# reporters": the verb may come after an apposition of the speaker.
AFTER_VERB_WINDOW_WORDS = 16
BEFORE_WINDOW_WORDS = 14
# A subject reached from the quote through at most this many clause heads
# ("X posted a comment, saying "..."": saying -> posted -> X).
SUBJECT_CLIMB = 3

_QUOTE_MARK_RE = re.compile(r"''|\"")
# Work titles capitalise their words of this many letters or more, not their
# short function words ("of", "the", "to"); calibrated on the tuning parts of
# the fact development gold and PolNeAR train ("That's the way it is, Janet." is
# a quotation: two of its six words are capitalised).
WORK_TITLE_MIN_WORD_LETTERS = 4
WORK_TITLE_MIN_CAPITALISED_SHARE = 0.6
_WORD_RE = re.compile(r"[^\W\d_][\w'’-]*")
_SENTENCE_END_RE = re.compile(r"[.!?]\s|[.!?]$")
_VERB_RE = re.compile(
    r"\b(?:" + "|".join(re.escape(v).replace(r"\ ", r"\s+") for v in SPEECH_VERBS) + r")\b",
    re.IGNORECASE,
)
_CUE_WORDS = frozenset(v for v in SPEECH_VERBS if " " not in v)
_PRONOUN_RE = re.compile(r"\b(?:" + "|".join(PRONOUNS) + r")\b", re.IGNORECASE)
_END_RE = re.compile(r"[.!?](?=\s|$)")
_HONORIFIC_NAME_RE = re.compile(r"\b(Mr|Mrs|Ms|Miss)\.?\s+(?:[A-Z][\w'-]+\s+)*?([A-Z][\w'-]+)\b(?!\s+[A-Z])")
_LAST_WORD_RE = re.compile(r"\b([A-Z][a-z][\w'-]*) $")
_PARENTHESES_RE = re.compile(r"\([^()]*\)")
# An apposition or relative clause between a speaker and the verb: ", the
# former Arkansas governor, said", ", who was listed on the slate, said".
_APPOSITION_END_RE = re.compile(r",\s+(?:(?:a|an|the|who|whose|which)\b|[a-z])[^,]*,\s*$")
# Between the two people of "Doe campaign manager Jeff Roe": the
# later one is the speaker.
_COMPOUND_GAP_RE = re.compile(r"(?:'s?)?(?:\s+[a-z][\w-]*)*\s+")
_NOT_COMPOUND_WORDS = frozenset({"and", "or", "with", "to", "for", "of", "at", "by", "than", *SPEECH_VERBS})

@dataclass
class _QuoteSpan:
    start: int  # of the quote text, marks excluded
    end: int
    close: int  # offset just after the closing mark (== end when unclosed)
    open: int  # offset of the opening mark
    paragraph: int


def find_quote_spans(text: str) -> list[_QuoteSpan]:
    """Every stretch of text between paired double quotation marks ("", “”, '' '')."""
    return _quote_spans(normalise_for_ner(text))


def _quote_spans(norm: str) -> list[_QuoteSpan]:
    spans = []
    for number, para in enumerate(re.finditer(r"[^\n]+", norm)):
        marks = [(para.start() + m.start(), para.start() + m.end())
                 for m in _QUOTE_MARK_RE.finditer(para.group(0))]
        for i in range(0, len(marks), 2):
            open_at, start = marks[i]
            end, close = marks[i + 1] if i + 1 < len(marks) else (para.end(), para.end())
            while start < end and norm[start].isspace():
                start += 1
            while end > start and norm[end - 1].isspace():
                end -= 1
            spans.append(_QuoteSpan(start, end, close if i + 1 < len(marks) else end, open_at, number))
    return spans


@dataclass
class _Context:
    """What the speaker rules of one article read."""

    norm: str
    spans: list[_QuoteSpan]
    entities: DocEntities
    ends: list[int]  # sentence ends outside quotation marks, sorted

    def __post_init__(self) -> None:
        self._opens = [s.open for s in self.spans]
        surnames = Counter(e.name.split()[-1] for e in self.entities.entities if e.entity_type == "PERSON")
        # "Mrs. Doe" says nothing of John Doe: only surnames one person has.
        self._pronoun_of = {m.group(2): GENDERED_HONORIFICS[m.group(1).lower()]
                            for m in _HONORIFIC_NAME_RE.finditer(self.norm) if surnames[m.group(2)] == 1}

    def fits(self, m: EntityMention, pronoun: str) -> bool:
        """False when an honorific of the article gives the person the other pronoun."""
        surname = self.entities.entity(m.entity_id).name.split()[-1]
        return self._pronoun_of.get(surname, pronoun) == pronoun

    def inside(self, offset: int) -> bool:
        i = bisect_right(self._opens, offset)
        return bool(i) and offset < self.spans[i - 1].close

    def free(self, m: EntityMention) -> bool:
        return not self.inside(m.start_char)


@dataclass
class QuotePlan:
    """One article's quotes up to the parse: the speakers the rules found and,
    for the quotes they left unattributed, the sentence to parse (`sentences`)."""

    article_id: str
    text: str
    ctx: _Context
    rule_speakers: list[EntityMention | None]
    parse_at: dict[int, tuple[int, int]]  # span index -> the sentence's [lo, hi) in ctx.norm

    @property
    def sentences(self) -> list[str]:
        return [self.ctx.norm[lo:hi] for lo, hi in self.parse_at.values()]


def plan_quotes(article_id: str, text: str, entities: DocEntities) -> QuotePlan:
    """The quotes' speakers by the rules (1. of the module docstring), and the sentences rule 2 parses:
    `flows.extract.extract_facts` parses those of a whole batch in one `pipe`."""
    norm = normalise_for_ner(text)
    spans = _quote_spans(norm)
    ctx = _Context(norm, spans, entities, _sentence_ends(norm, spans))
    rule_speakers, parse_at = [], {}
    for i, span in enumerate(spans):
        following = spans[i + 1] if i + 1 < len(spans) else None
        speaker = (_speaker_after(ctx, span, following)
                   or _speaker_before(ctx, span, spans[i - 1] if i else None))
        rule_speakers.append(speaker)
        if speaker is None and _is_long_enough(text[span.start:span.end]):
            sentence = _parse_range(ctx, span)
            if sentence is not None:
                parse_at[i] = sentence
    return QuotePlan(article_id, text, ctx, rule_speakers, parse_at)


def finish_quotes(plan: QuotePlan, parses: Mapping[str, Doc]) -> list[Quote]:
    """The quotes of `plan`, with the speakers of the parsed sentences (`parses`, by sentence text)
    and rule 3 of the module docstring."""
    ctx, text, entities, spans = plan.ctx, plan.text, plan.ctx.entities, plan.ctx.spans
    speakers: dict[int, EntityMention | None] = {}
    by_text: dict[str, EntityMention] = {}
    quotes = []
    for i, span in enumerate(spans):
        quote_text = text[span.start:span.end]
        long_enough = _is_long_enough(quote_text)
        speaker = plan.rule_speakers[i]
        if speaker is None and i in plan.parse_at:
            lo, hi = plan.parse_at[i]
            doc = parses.get(ctx.norm[lo:hi])
            speaker = _parsed_speaker(ctx, span, lo, doc) if doc is not None else None
        if speaker is None and i and (spans[i - 1].paragraph == span.paragraph
                                      or _opens_next_paragraph(ctx.norm, spans[i - 1], span)):
            speaker = speakers.get(i - 1)
        if speaker is not None and _names_a_place(entities, speaker):
            speaker = None
        key = " ".join(quote_text.split()).strip(" ,.")
        if speaker is None:
            speaker = by_text.get(key)
        speakers[i] = speaker
        if not long_enough:
            continue
        if speaker is not None:
            by_text.setdefault(key, speaker)
        entity = entities.entity(speaker.entity_id) if speaker else None
        quotes.append(Quote(
            article_id=plan.article_id,
            quote_text=quote_text,
            start_char=span.start,
            end_char=span.end,
            speaker_name=entity.name if entity else None,
            speaker_entity_id=entity.entity_id if entity else None,
        ))
    return quotes


def _is_long_enough(quote_text: str) -> bool:
    return len(quote_text.split()) >= QUOTE_MIN_WORDS and not is_work_title(quote_text)


def is_work_title(quote_text: str) -> bool:
    """True for the title of a book, song or film in quotation marks, not a quotation:
    every word of four letters or more capitalised, most words capitalised, not all in
    capitals, no sentence end ("SHARING: How Each of Us Can Mend the Planet", "Call Me
    Back When Winter Comes"; a quoted headline ends with a full stop and stays a quote)."""
    words = _WORD_RE.findall(quote_text)
    long_words = [w for w in words if len(w) >= WORK_TITLE_MIN_WORD_LETTERS]
    capitalised = sum(w[0].isupper() for w in words)
    return (bool(long_words) and all(w[0].isupper() for w in long_words)
            and capitalised >= WORK_TITLE_MIN_CAPITALISED_SHARE * len(words)
            and not quote_text.isupper() and not _SENTENCE_END_RE.search(quote_text.rstrip(" ,")))


def _names_a_place(entities: DocEntities, m: EntityMention) -> bool:
    """A place or building is never a speaker ("the Lakeland Statehouse": `PLACE_NAME_HEADS`)."""
    name = entities.entity(m.entity_id).name
    return entities.of_type(m) == "LOCATION" or name.split()[-1].lower() in PLACE_NAME_HEADS


def _sentence_ends(norm: str, spans: list[_QuoteSpan]) -> list[int]:
    """Offsets just after a sentence's last character, outside quotation marks.

    A quotation whose text ends a sentence ("... again.”) ends it at its mark.
    """
    ends = [m.end() for m in _END_RE.finditer(norm) if not _is_abbreviation(norm, m.start())]
    opens, closes = [s.open for s in spans], [s.close for s in spans]
    ends = [e for e in ends if not (i := bisect_right(opens, e - 1)) or closes[i - 1] <= e - 1]
    ends += [s.close for s in spans if s.close > s.end and norm[s.end - 1:s.end] in ".!?"]
    return sorted(ends)


def _is_abbreviation(norm: str, dot: int) -> bool:
    if norm[dot] != ".":
        return False
    word = re.search(r"[\w.]*$", norm[max(0, dot - 12):dot]).group(0).lower()
    return word in ABBREVIATIONS or len(word) == 1 and word.isalpha()


def _opens_next_paragraph(norm: str, previous: _QuoteSpan, span: _QuoteSpan) -> bool:
    """A paragraph that opens with a quote right after a quoting paragraph goes on
    with the same voice (and a quote left unclosed at a paragraph end always does)."""
    return span.paragraph == previous.paragraph + 1 and _opens_paragraph(norm, span)


def _opens_paragraph(norm: str, span: _QuoteSpan) -> bool:
    return not norm[norm.rfind("\n", 0, span.open) + 1:span.open].strip()


def _speaker_after(ctx: _Context, span: _QuoteSpan, following: _QuoteSpan | None) -> EntityMention | None:
    """"“...,” said Jane Roe." / "“...,” he said." / "“...,” Jane Roe concluded."."""
    norm = ctx.norm
    if span.close == span.end:
        return None
    limit = following.open if following and following.paragraph == span.paragraph else len(norm)
    newline = norm.find("\n", span.close)
    limit = min(limit, newline if newline >= 0 else len(norm))
    sentence_end = next((e for e in ctx.ends[bisect_right(ctx.ends, span.close):] if e <= limit), limit)
    sentence = norm[span.close:sentence_end]
    window = _first_words(sentence, AFTER_WINDOW_WORDS)
    verb = _VERB_RE.search(_first_words(sentence, AFTER_VERB_WINDOW_WORDS))
    if not verb:
        return None
    found = (_speaker_at_verb(ctx, span.close + verb.start(), span.close + verb.end())
             or _nearest_speaker(ctx, span.close, span.close + len(window), prefer="first"))
    if found is None or ctx.entities.of_type(found) != "PERSON":
        # "..., says Republican strategist and WNS contributor Ana Roe, who ..."
        lo = span.close + verb.end()
        hi = lo + len(re.match(r"[^,;]*", sentence[verb.end():]).group(0))
        people = [m for m in ctx.entities.mentions if lo <= m.start_char and m.end_char <= hi
                  and ctx.entities.of_type(m) == "PERSON"]
        found = _compound_head(ctx.norm, people, people[0]) if people else found
    return found


def _speaker_at_verb(ctx: _Context, start: int, end: int) -> EntityMention | None:
    """The person named right before the speech verb, else right after it:
    "“...” and against the Doe law, Roe said", "..., Quillan said"."""
    norm = ctx.norm
    for m in ctx.entities.mentions:
        gap = norm[m.end_char:start] if m.end_char <= start else norm[end:m.start_char]
        if (m.end_char <= start or m.start_char >= end) and len(gap) <= 1 and not gap.strip() \
                and ctx.entities.of_type(m) == "PERSON" and ctx.free(m):
            return m
    word = _LAST_WORD_RE.search(norm, max(0, start - 40), start)
    return _person_by_surname(ctx, word.group(1), start) if word else None


def _speaker_before(ctx: _Context, span: _QuoteSpan, previous: _QuoteSpan | None) -> EntityMention | None:
    """"Jane Roe said, “...”" / "He added: “...”" / "As Roe (...) puts it: “..."."""
    norm = ctx.norm
    para_start = norm.rfind("\n", 0, span.open) + 1
    lo = para_start
    if (previous is not None and previous.paragraph == span.paragraph
            and len(norm[previous.start:previous.end].split()) >= QUOTE_MIN_WORDS):
        lo = max(lo, previous.close)
    ends = ctx.ends[:bisect_left(ctx.ends, _text_end_before(norm, span.open))]
    lo = max([lo] + ends[-1:])
    head = norm[lo:span.open]
    stripped = _PARENTHESES_RE.sub(lambda m: " " * len(m.group(0)), head)
    if not stripped.strip():
        return None
    blocked = [(lo + m.start(), lo + m.end()) for m in _PARENTHESES_RE.finditer(head)]
    verbs = list(_VERB_RE.finditer(stripped))
    if verbs and len(stripped[verbs[-1].end():].split()) <= 2:
        verb_at = lo + verbs[-1].start()
    elif stripped.rstrip().endswith(":"):
        # "Stated Roe:", "Here's Doe in 1992:", "HEADLINE - Mark Quill:"
        lo += max(stripped.rfind(" - "), stripped.rfind(" -- "), -1) + 1
        verb_at = _text_end_before(norm, span.open) - 1
    else:
        return None
    aside = _APPOSITION_END_RE.search(norm, lo, verb_at)
    if aside is not None:
        verb_at = aside.start()  # "Brian Roe, a spokesman for the Doe campaign, said"
    return _nearest_speaker(ctx, max(lo, verb_at - 400), verb_at, prefer="last", blocked=blocked)


def _text_end_before(norm: str, at: int) -> int:
    """`at` moved back over the white space before it."""
    while at and norm[at - 1].isspace():
        at -= 1
    return at


def _first_words(text: str, n: int) -> str:
    match = re.match(r"\W*(?:\S+\s*){0,%d}" % n, text)
    return match.group(0) if match else ""


def _nearest_speaker(ctx: _Context, lo: int, hi: int, prefer: str,
                     blocked: list[tuple[int, int]] = ()) -> EntityMention | None:
    """The person (else organisation) named in [lo, hi), or the one a pronoun there stands for."""
    entities, norm = ctx.entities, ctx.norm
    candidates = [m for m in entities.mentions
                  if lo <= m.start_char and m.end_char <= hi and ctx.free(m)
                  and not any(a <= m.start_char < b for a, b in blocked)]
    pronouns = [lo + p.start() for p in _PRONOUN_RE.finditer(norm[lo:hi])]
    people = [m for m in candidates if entities.of_type(m) == "PERSON"]
    if people:
        person = _compound_head(norm, people, people[0] if prefer == "first" else people[-1])
        if not pronouns or prefer == "first" and person.start_char < pronouns[0] \
                or prefer == "last" and person.start_char > pronouns[-1]:
            return person
    if pronouns:
        return _resolve_pronoun(ctx, pronouns[0] if prefer == "first" else pronouns[-1])
    orgs = [m for m in candidates if entities.of_type(m) == "ORG"]
    if orgs and len(norm[lo:hi].split()) <= BEFORE_WINDOW_WORDS:
        return orgs[0] if prefer == "first" else orgs[-1]
    return None


def _compound_head(norm: str, people: list[EntityMention], person: EntityMention) -> EntityMention:
    """"Doe campaign manager Jeff Roe": the last person of the noun phrase."""
    for later in people[people.index(person) + 1:]:
        gap = norm[person.end_char:later.start_char]
        if not _COMPOUND_GAP_RE.fullmatch(gap) or set(gap.lower().split()) & _NOT_COMPOUND_WORDS:
            break
        person = later
    return person


def _resolve_pronoun(ctx: _Context, at: int) -> EntityMention | None:
    """The first person named in the nearest sentence before `at` that names one
    the pronoun fits."""
    pronoun = re.match(r"\w*", ctx.norm[at:]).group(0).lower()
    people = [m for m in ctx.entities.mentions
              if m.end_char <= at and ctx.entities.of_type(m) == "PERSON" and ctx.free(m)
              and ctx.fits(m, pronoun)]
    if not people:
        return None
    last = people[-1]
    ends = ctx.ends[:bisect_right(ctx.ends, last.start_char)]
    sentence_start = max(ends[-1] if ends else 0, ctx.norm.rfind("\n", 0, last.start_char) + 1)
    in_sentence = [m for m in people if m.start_char >= sentence_start]
    speaking = [m for m in in_sentence if _VERB_RE.match(ctx.norm, m.end_char + 1)]
    not_possessive = [m for m in in_sentence if not ctx.norm.startswith("'", m.end_char)]
    return (speaking or [_compound_head(ctx.norm, in_sentence, (not_possessive or in_sentence)[0])])[0]


# ---------------------------------------------------------------- the parse

def _parse_range(ctx: _Context, span: _QuoteSpan) -> tuple[int, int] | None:
    """The [lo, hi) of the sentence whose parse gives the quote's speaker, if any."""
    lo, hi = _sentence_around(ctx, span)
    outside = ctx.norm[lo:span.open] + ctx.norm[span.close:hi]
    if len(_QUOTE_MARK_RE.sub(" ", outside).split()) < 2:
        lo, hi = _introducing_sentence(ctx, span, lo)
    return (lo, hi) if hi > lo else None


def _parsed_speaker(ctx: _Context, span: _QuoteSpan, lo: int, doc: Doc) -> EntityMention | None:
    """The subject of the verb the quote hangs from, in `doc`, the parse of its sentence (from `lo`)."""
    quote = [t for t in doc if span.start <= lo + t.idx < span.end]
    verb = _attribution_verb(ctx, doc, quote, lo)
    subject = _subject_of(verb) if verb is not None else None
    if subject is None or ctx.inside(lo + subject.idx):
        return None
    return _speaker_of_subject(ctx, subject, lo)


def _sentence_around(ctx: _Context, span: _QuoteSpan) -> tuple[int, int]:
    norm = ctx.norm
    para_lo = norm.rfind("\n", 0, span.open) + 1
    para_hi = norm.find("\n", span.close)
    para_hi = len(norm) if para_hi < 0 else para_hi
    before = ctx.ends[:bisect_right(ctx.ends, span.open)]
    after = ctx.ends[bisect_left(ctx.ends, span.close):]
    return max([para_lo] + before[-1:]), min([para_hi] + after[:1])


def _introducing_sentence(ctx: _Context, span: _QuoteSpan, sentence_lo: int) -> tuple[int, int]:
    """For a quote that is a sentence of its own: the sentence before it (in its
    paragraph, or the last of the paragraph before when the quote opens its
    own) when that sentence ends with a colon or holds a speech verb: "Quill
    added that ... "..."", "She told reporters that ...\n\n"..."."""
    norm = ctx.norm
    hi = sentence_lo
    if _opens_paragraph(norm, span):
        hi = _text_end_before(norm, norm.rfind("\n", 0, span.open) + 1)
        if ctx.inside(hi - 1):
            return 0, 0
    lo = max([norm.rfind("\n", 0, hi) + 1] + ctx.ends[:bisect_left(ctx.ends, hi - 1)][-1:])
    if norm[hi - 1:hi] != ":" and not any(
            not ctx.inside(lo + v.start()) for v in _VERB_RE.finditer(norm[lo:hi])):
        return 0, 0
    return lo, hi


def _attribution_verb(ctx: _Context, doc: Doc, quote: list[Token], lo: int) -> Token | None:
    """The nearest speech verb above the quote, else the topmost verb above it,
    else (the quote is its own sentence) the sentence's speech verb or root."""
    def outside(t: Token) -> bool:
        return not ctx.inside(lo + t.idx)

    quote_ids = {t.i for t in quote}
    exits = [t for t in quote if t.head.i not in quote_ids]
    for token in exits:
        above = [a for a in token.ancestors if outside(a)]
        verbs = [a for a in above if a.pos_ in ("VERB", "AUX")]
        cue = next((a for a in verbs if a.lower_ in _CUE_WORDS), None)
        if cue is not None or verbs:
            return cue or verbs[-1]
    free = [t for t in doc if outside(t) and t.i not in quote_ids]
    cue = next((t for t in free if t.lower_ in _CUE_WORDS and t.pos_ == "VERB"), None)
    return cue or next((t for t in free if t.dep_ == "ROOT" and t.pos_ == "VERB"), None)


def _subject_of(verb: Token) -> Token | None:
    """The verb's subject, climbing SUBJECT_CLIMB clause links; of two subjects the parse gives one
    verb, the nearer ("ZORB-It's Quill said": "ZORB" and "Quill" both subjects of "said": l3s-gn1,
    tuning part)."""
    for _ in range(SUBJECT_CLIMB):
        subjects = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
        subject = min(subjects, key=lambda c: abs(c.i - verb.i)) if subjects else None
        if subject is not None:
            if subject.lower_ in ("who", "that") and verb.dep_ == "relcl":
                return verb.head
            return subject
        if verb.dep_ not in ("advcl", "xcomp", "conj", "ccomp", "relcl", "acl") or verb.head is verb:
            return None
        verb = verb.head
    return None


def _speaker_of_subject(ctx: _Context, subject: Token, lo: int) -> EntityMention | None:
    """The person (else organisation) the subject phrase names or stands for."""
    entities = ctx.entities
    if subject.lower_ in PRONOUNS:
        return _resolve_pronoun(ctx, lo + subject.idx)
    a = lo + subject.left_edge.idx
    b = lo + subject.right_edge.idx + len(subject.right_edge)
    named = [m for m in entities.mentions
             if a <= m.start_char and m.end_char <= b and ctx.free(m)
             and entities.of_type(m) in ("PERSON", "ORG")]
    at = lo + subject.idx
    head = next((m for m in named if m.start_char <= at < m.end_char), None)
    people = [m for m in named if entities.of_type(m) == "PERSON"]
    orgs = [m for m in named if entities.of_type(m) == "ORG"]
    if head is not None:
        return head
    if subject.pos_ == "PROPN" and not named:
        return _person_by_surname(ctx, subject.text, at)
    if subject.lower_ in ORG_STANDINS or subject.lower_ == ORG_PRONOUN:
        return orgs[0] if orgs else org_antecedent(entities, a, subject.lower_, usable=ctx.free)
    return (people or orgs or [None])[0]


def _person_by_surname(ctx: _Context, word: str, at: int) -> EntityMention | None:
    """A surname the NER left untagged ("ZORB-It's Quill said"): the person of
    that last name mentioned last before it."""
    for m in reversed(ctx.entities.mentions):
        if (m.end_char <= at and ctx.entities.of_type(m) == "PERSON"
                and ctx.entities.entity(m.entity_id).name.split()[-1] == word):
            return m
    return None
