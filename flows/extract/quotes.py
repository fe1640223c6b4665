"""Direct quotations of six words or more, each with its speaker.

`flows.extract.extract_facts` calls `extract_quotes` for every document, with
the entities `flows.extract.entities` found in it. Hand-written because no
dependency of the project attributes quotes, and news typography defeats a
naive regex: curly, straight and wrongly-turned marks (“he said.”), quotes
that run over a paragraph end without a closing mark, quotes split by their
attribution (“part one,” she said, “part two.”) and speakers named before
("X said: “...”"), after ("“...,” said X") or by a pronoun ("he added").

Quotation marks are paired in order inside a paragraph whatever way they
are turned; an opening mark left unpaired runs to the end of its paragraph.
The speaker is the person named next to a speech verb just after the
closing mark, else just before the opening mark; a pronoun there resolves
to the nearest person named before it outside quotation marks. A quote
without attribution takes the speaker of the quote before it in the same
paragraph, or of the same words quoted earlier in the article.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from flows.extract.entities import DocEntities, normalise_for_ner
from flows.records import EntityMention, Quote

QUOTE_MIN_WORDS = 6  # tests/gold/GUIDELINES.md: "at least six words"
SPEECH_VERBS = (
    "said", "says", "say", "stated", "states", "added", "adds", "concluded",
    "promised", "explained", "explains", "noted", "notes", "told", "tells",
    "wrote", "writes", "continued", "asked", "asks", "insisted", "argued",
    "warned", "warns", "remarked", "commented", "emphasized", "emphasised",
    "admitted", "acknowledged", "claimed", "declared", "replied", "recalled",
    "predicted", "announced", "underlined", "stressed", "highlighted",
    "observed", "suggested", "puts it", "put it", "according to", "posted",
    "tweeted", "joked", "recounted", "cautioned", "pointed out", "went on",
    "confirmed", "revealed",
)
PRONOUNS = ("he", "she", "they")
# How far from a quotation mark an attribution may start, in words: tuned on
# the seeds' forms ("“...,” he said", "Alan Kang, senior analyst at LMC
# Automotive, said: “...") and short enough not to reach the next sentence.
AFTER_WINDOW_WORDS = 6
# "“...” Carol Marlow, president of Cunard Line, which operates the ships, told
# reporters": the verb may come after an apposition of the speaker.
AFTER_VERB_WINDOW_WORDS = 16
BEFORE_WINDOW_WORDS = 14

_VERB_RE = re.compile(
    r"\b(?:" + "|".join(re.escape(v).replace(r"\ ", r"\s+") for v in SPEECH_VERBS) + r")\b",
    re.IGNORECASE,
)
_PRONOUN_RE = re.compile(r"\b(?:" + "|".join(PRONOUNS) + r")\b", re.IGNORECASE)
_SENTENCE_END_RE = re.compile(r"[.!?](?=\s|$)")
_PARENTHESES_RE = re.compile(r"\([^()]*\)")


@dataclass
class _QuoteSpan:
    start: int  # of the quote text, marks excluded
    end: int
    close: int  # offset just after the closing mark (== end when unclosed)
    open: int  # offset of the opening mark
    paragraph: int


def find_quote_spans(text: str) -> list[_QuoteSpan]:
    """Every stretch of text between paired double quotation marks."""
    norm = normalise_for_ner(text)
    spans = []
    for number, para in enumerate(re.finditer(r"[^\n]+", norm)):
        marks = [m.start() for m in re.finditer('"', para.group(0))]
        base = para.start()
        for i in range(0, len(marks), 2):
            open_at = base + marks[i]
            close_at = base + marks[i + 1] if i + 1 < len(marks) else para.end()
            start, end = open_at + 1, close_at
            while start < end and norm[start].isspace():
                start += 1
            while end > start and norm[end - 1].isspace():
                end -= 1
            close = close_at + 1 if i + 1 < len(marks) else end
            spans.append(_QuoteSpan(start, end, close, open_at, number))
    return spans


def extract_quotes(article_id: str, text: str, entities: DocEntities) -> list[Quote]:
    """Quotes of at least QUOTE_MIN_WORDS words with their speakers (see module docstring)."""
    norm = normalise_for_ner(text)
    spans = find_quote_spans(text)
    inside = [(s.open, s.close) for s in spans]
    speakers: dict[int, EntityMention | None] = {}
    by_text: dict[str, EntityMention] = {}
    quotes = []
    for i, span in enumerate(spans):
        speaker = _speaker_after(norm, span, spans[i + 1] if i + 1 < len(spans) else None,
                                 entities, inside)
        if speaker is None:
            speaker = _speaker_before(norm, span, spans[i - 1] if i else None, entities, inside)
        if speaker is None and i and spans[i - 1].paragraph == span.paragraph:
            speaker = speakers.get(i - 1)
        if speaker is None and i and _opens_next_paragraph(norm, spans[i - 1], span):
            speaker = speakers.get(i - 1)
        quote_text = text[span.start:span.end]
        key = " ".join(quote_text.split()).strip(" ,.")
        if speaker is None:
            speaker = by_text.get(key)
        speakers[i] = speaker
        if len(quote_text.split()) < QUOTE_MIN_WORDS:
            continue
        if speaker is not None:
            by_text.setdefault(key, speaker)
        entity = entities.entity(speaker.entity_id) if speaker else None
        quotes.append(Quote(
            article_id=article_id,
            quote_text=quote_text,
            start_char=span.start,
            end_char=span.end,
            speaker_name=entity.name if entity else None,
            speaker_entity_id=entity.entity_id if entity else None,
        ))
    return quotes


def _opens_next_paragraph(norm: str, previous: _QuoteSpan, span: _QuoteSpan) -> bool:
    """A paragraph that opens with a quote right after a quoting paragraph goes on
    with the same voice (and a quote left unclosed at a paragraph end always does)."""
    return (span.paragraph == previous.paragraph + 1
            and not norm[norm.rfind("\n", 0, span.open) + 1:span.open].strip())


def _speaker_after(norm: str, span: _QuoteSpan, following: _QuoteSpan | None,
                   entities: DocEntities, inside) -> EntityMention | None:
    """"“...,” said Lei Jun." / "“...,” he said." / "“...,” Lei Jun concluded."."""
    if span.close == span.end:
        return None
    limit = following.open if following and following.paragraph == span.paragraph else len(norm)
    newline = norm.find("\n", span.close)
    limit = min(limit, newline if newline >= 0 else len(norm))
    tail = norm[span.close:limit]
    sentence_end = _SENTENCE_END_RE.search(tail)
    sentence = tail[:sentence_end.start() if sentence_end else len(tail)]
    window = _first_words(sentence, AFTER_WINDOW_WORDS)
    verb = _VERB_RE.search(_first_words(sentence, AFTER_VERB_WINDOW_WORDS))
    if not verb:
        return None
    lo, hi = span.close, span.close + len(window)
    return _nearest_speaker(norm, lo, hi, span.close, entities, inside, prefer="first")


def _speaker_before(norm: str, span: _QuoteSpan, previous: _QuoteSpan | None,
                    entities: DocEntities, inside) -> EntityMention | None:
    """"Lei Jun said, “...”" / "He added: “...”" / "As Lei (...) puts it: “..."."""
    para_start = norm.rfind("\n", 0, span.open) + 1
    lo = para_start
    if (previous is not None and previous.paragraph == span.paragraph
            and len(norm[previous.start:previous.end].split()) >= QUOTE_MIN_WORDS):
        lo = max(lo, previous.close)
    head = norm[lo:span.open]
    ends = list(_SENTENCE_END_RE.finditer(head))
    if ends and ends[-1].end() < len(head.rstrip()):
        lo += ends[-1].end()
        head = norm[lo:span.open]
    stripped = _PARENTHESES_RE.sub(lambda m: " " * len(m.group(0)), head)
    if not re.search(r"[:,]?\s*$", stripped) or not stripped.strip():
        return None
    words = stripped.split()
    verbs = list(_VERB_RE.finditer(stripped))
    if verbs and len(stripped[verbs[-1].end():].split()) <= 2:
        verb_at = lo + verbs[-1].start()
    elif stripped.rstrip().endswith(":") and len(words) <= 4:
        verb_at = lo + len(stripped.rstrip()) - 1
    else:
        return None
    blocked = inside + [(lo + m.start(), lo + m.end()) for m in _PARENTHESES_RE.finditer(head)]
    window_lo = max(lo, verb_at - 400)
    return _nearest_speaker(norm, window_lo, verb_at, verb_at, entities, blocked, prefer="last")


def _first_words(text: str, n: int) -> str:
    match = re.match(r"\W*(?:\S+\s*){0,%d}" % n, text)
    return match.group(0) if match else ""


def _nearest_speaker(norm: str, lo: int, hi: int, anchor: int, entities: DocEntities,
                     blocked, prefer: str) -> EntityMention | None:
    """The person (else organisation) named in [lo, hi), or the one a pronoun there stands for."""
    def free(m: EntityMention) -> bool:
        return not any(a <= m.start_char < b for a, b in blocked)

    candidates = [m for m in entities.mentions
                  if lo <= m.start_char and m.end_char <= hi and free(m)]
    pronouns = [lo + p.start() for p in _PRONOUN_RE.finditer(norm[lo:hi])]
    people = [m for m in candidates if entities.of_type(m) == "PERSON"]
    pick = (lambda xs: xs[0]) if prefer == "first" else (lambda xs: xs[-1])
    if people:
        person = pick(people)
        if not pronouns or prefer == "first" and person.start_char < pronouns[0] \
                or prefer == "last" and person.start_char > pronouns[-1]:
            return person
    if pronouns:
        return _resolve_pronoun(pick(pronouns), entities, blocked)
    orgs = [m for m in candidates if entities.of_type(m) == "ORG"]
    if orgs and len(norm[lo:hi].split()) <= BEFORE_WINDOW_WORDS:
        return pick(orgs)
    return None


def _resolve_pronoun(at: int, entities: DocEntities, blocked) -> EntityMention | None:
    """The nearest person named before `at`, outside quotation marks."""
    for m in reversed(entities.mentions):
        if m.end_char <= at and entities.of_type(m) == "PERSON" \
                and not any(a <= m.start_char < b for a, b in blocked):
            return m
    return None
