"""Clean stage: keep the article, drop the page boilerplate around it.

`clean_documents` is the one entry point: the pipeline's clean task and
`newsfacts clean` call it with a batch of `RawDocument`s and, optionally, the
block history of each site from the warehouse. HTML inputs go to
`flows.html.clean_html`; plain text (pasted or scraped page text, one block per
line) is cleaned here. Every article gets its language (`flows.language`).

Why hand-written: no library removes boilerplate from plain text well (on
l3s-gn1 the unchanged page text scores F1 0.700, jusText fed the text's
paragraphs 0.839; trafilatura needs the DOM). The cleaner describes each block
(one non-empty line) with signals that hold in any language:

- per block: length in characters (scaled for scripts without spaces),
  stop-word density in the page's language, sentence shape, menu separators,
  cue phrases (share, subscribe, read more, N min read, ...; English, see
  `flows.clean_rules`);
- position: the densest run of prose blocks (maximum-sum subarray over
  hand-set block scores), where section cues after the body ("Related
  stories", "Comments") close it;
- repetition: a block that other articles of the same site hold, in this batch
  (`RawDocument.source_key`) or in the warehouse history (`site_history`).

A model learned on the development corpora (`flows.clean_model`, trained and
validated across corpora by `flows.train_cleaner`) decides from these signals
and those of the neighbouring blocks which blocks are the article; the figures
are in benchmarks/cleaner_training.txt. A page with prose never comes out
empty: when the model keeps no block, the densest region is kept and
`CleanedDocument.body_fallback` says why.

The headline, date, bylines and publisher are read from the blocks around the
body. Every dropped block is returned as a `RemovedBlock` with a snake_case
reason, so kept and removed blocks together are the whole input; the
fingerprints of all blocks go to the warehouse for later runs. Speed:
benchmarks/clean_speed.txt.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from functools import lru_cache
from datetime import date

import numpy as np

from flows import clean_rules as rules
from flows import dates
from flows.clean_model import is_boundary, keep_probabilities, load_model, page_features
from flows.language import detect_language, is_unspaced, stop_words
from flows.records import CleanedDocument, RawDocument, RemovedBlock

WORD = re.compile(r"\w+", re.UNICODE)
LETTER = re.compile(r"[^\W\d_]", re.UNICODE)
SENTENCE_END = re.compile(r"[.!?…。！？][\"'”’)\]」』]*$|[\"”」』]$")
MENU_SEPARATOR = re.compile(r"\s[|•·]\s|\s[|•·]$|^[|•·]\s")
WRAP_STOP = re.compile(r"[.!?:;…\"”’)\]|]$")
NON_WORD = re.compile(r"[\W_]+", re.UNICODE)
DIGIT = re.compile(r"\d+")
YEAR = re.compile(r"(?<!\d)(?:19|20)\d\d(?!\d)")
BULLETS = "•·-*–—"
LEADING_BULLET = re.compile(r"^[•·\-*–—]\s+")

# Block classes.
GOOD, NEAR_GOOD, SHORT, BAD = "good", "near_good", "short", "bad"


@dataclass
class Block:
    """One non-empty line of the raw text, with the features the cleaner uses."""

    position: int  # index among the document's blocks
    text: str  # the line, stripped
    paragraph: int  # blank-line separated group the line belongs to
    chars: int  # length in characters, scaled for scripts without spaces (see `make_block`)
    words: int
    stop_density: float
    ends_sentence: bool
    cue: str | None  # reason of the cue phrase the block holds
    is_date: bool
    is_byline: bool
    fingerprint: str
    klass: str = SHORT
    reason: str | None = None  # why the block is boilerplate, when it is


def block_fingerprint(text: str) -> str:
    """Hash of a block's normalised text: case, punctuation, spacing and digits ignored.

    Runs of digits fold to 0 so "Comments (14)" and "Comments (3)" are one template block.
    """
    if not text.isascii():
        text = unicodedata.normalize("NFKC", text)
    normal = NON_WORD.sub(" ", DIGIT.sub("0", text.lower())).strip()
    return hashlib.blake2b(normal.encode("utf-8"), digest_size=8).hexdigest()


@dataclass
class PreparedPage:
    """A text page's blocks, classified, with the densest prose region and the model's feature rows."""

    article_id: str
    language: str | None
    blocks: list[Block]
    region: tuple[int, int] | None
    features: list[list[float]]


def clean_documents(
    docs: Sequence[RawDocument],
    site_history: Mapping[str, Mapping[str, int]] | None = None,
    model=None,
) -> list[CleanedDocument]:
    """Clean a batch of documents, in order.

    `site_history[source_key][fingerprint]` is the number of earlier articles of
    that site holding the block; repetition within the batch is counted per
    `RawDocument.source_key` over distinct articles (see `count_repeats`).
    `model` is the block model (default: the committed one, `flows.clean_model`).
    """
    texts = [doc for doc in docs if doc.input_format != "html"]
    prepared = {page.article_id: page for page in prepare_pages(texts, site_history or {})}
    pages = list(prepared.values())
    if pages:
        probabilities = keep_probabilities(model or load_model(), [row for page in pages for row in page.features])
        offsets = np.cumsum([0] + [len(page.blocks) for page in pages])
        kept = {page.article_id: probabilities[offsets[k] : offsets[k + 1]] for k, page in enumerate(pages)}
    cleaned = []
    for doc in docs:
        if doc.input_format == "html":
            from flows.html import clean_html  # written separately; imported only when HTML arrives

            out = clean_html(doc)
            cleaned.append(replace(out, language=detect_language(out.clean_text or doc.raw_text)))
        else:
            cleaned.append(decide_blocks(prepared[doc.article_id], kept[doc.article_id]))
    return cleaned


def prepare_pages(docs: Sequence[RawDocument], site_history: Mapping[str, Mapping[str, int]]) -> list[PreparedPage]:
    """Blocks, classes, region and feature rows of each text page (the model's input; training reads it too)."""
    languages = {doc.article_id: detect_language(doc.raw_text) for doc in docs}
    split = {doc.article_id: split_blocks(doc.raw_text, languages[doc.article_id]) for doc in docs}
    repeats = count_repeats(docs, split, site_history)
    pages = {}
    for doc in docs:
        blocks = split[doc.article_id]
        counts = [repeats[doc.source_key, doc.article_id].get(block.fingerprint, 0) for block in blocks]
        for block, count in zip(blocks, counts):
            classify(block, count)
        region = body_region(blocks)
        pages[doc.article_id] = PreparedPage(
            doc.article_id, languages[doc.article_id], blocks, region, page_features(blocks, counts, region)
        )
    return list(pages.values())


def count_repeats(
    docs: Sequence[RawDocument], split: Mapping[str, list[Block]], site_history: Mapping[str, Mapping[str, int]]
) -> dict[tuple[str, str], dict[str, int]]:
    """For each (site, article): how many other articles of the site hold each of its blocks.

    Other articles are those of the batch and the history. Two pages of one
    batch sharing most of their prose are one story (a re-crawl, or wire copy
    in a mixed directory): they do not count as repeats of each other, or the
    second copy would lose its headline and short paragraphs. Likewise a page
    whose prose is mostly in the history already was loaded before: one
    earlier holder of each of its blocks is taken to be that earlier copy.
    """
    by_site: dict[str, dict[str, set[str]]] = defaultdict(dict)
    for doc in docs:
        by_site[doc.source_key][doc.article_id] = {block.fingerprint for block in split[doc.article_id]}
    repeats: dict[tuple[str, str], dict[str, int]] = {}
    for site, articles in by_site.items():
        history = site_history.get(site, {})
        in_batch: Counter[str] = Counter()
        for fingerprints in articles.values():
            in_batch.update(fingerprints)
        prose = {a: prose_fingerprints(split[a]) for a in articles}
        same_story = near_duplicates(prose)
        for article, fingerprints in articles.items():
            copies = [articles[other] for other in same_story.get(article, ())]
            seen = sum(history.get(fp, 0) > 0 for fp in prose[article])
            earlier_copy = bool(prose[article]) and seen >= rules.SAME_STORY_MIN_SHARE * len(prose[article])
            repeats[site, article] = {
                fp: max(0, history.get(fp, 0) - earlier_copy) + in_batch[fp] - 1 - sum(fp in copy for copy in copies)
                for fp in fingerprints
            }
    return repeats


def prose_fingerprints(blocks: Sequence[Block]) -> set[str]:
    return {b.fingerprint for b in blocks if b.chars >= rules.GOOD_MIN_CHARS and b.stop_density >= rules.GOOD_MIN_STOP_DENSITY}


def near_duplicates(prose: Mapping[str, set[str]]) -> dict[str, list[str]]:
    """Articles sharing at least SAME_STORY_MIN_SHARE of the smaller one's prose blocks."""
    holders: dict[str, list[str]] = defaultdict(list)
    for article, fingerprints in prose.items():
        for fp in fingerprints:
            holders[fp].append(article)
    shared: dict[tuple[str, str], int] = Counter()
    for articles in holders.values():
        if 1 < len(articles) <= rules.SAME_STORY_MAX_HOLDERS:
            for i, a in enumerate(articles):
                for b in articles[i + 1 :]:
                    shared[a, b] += 1
    duplicates: dict[str, list[str]] = defaultdict(list)
    for (a, b), n in shared.items():
        if n >= rules.SAME_STORY_MIN_SHARE * min(len(prose[a]), len(prose[b])):
            duplicates[a].append(b)
            duplicates[b].append(a)
    return duplicates


# --- Blocks and their features -------------------------------------------------


def split_blocks(text: str, language: str | None = "en") -> list[Block]:
    """One block per non-empty line; hard-wrapped prose is joined back into paragraphs.

    Pasted page text has one paragraph per line, so a text whose lines all fit
    in WRAP_MAX_WIDTH characters was wrapped by its writer. There, a blank-line
    separated paragraph whose lines (all but the last) fill the same width is
    one block, and a line with no sentence end is joined to the next when that
    one goes on with a lower-case word.
    """
    groups: list[list[str]] = [[]]
    for line in text.splitlines():
        stripped = line.strip()
        if stripped:
            groups[-1].append(stripped)
        elif groups[-1]:
            groups.append([])
    lengths = [len(line) for lines in groups for line in lines]
    if not lengths or max(lengths) > rules.WRAP_MAX_WIDTH or sum(n >= rules.WRAP_MIN_WIDTH for n in lengths) < 3:
        return [
            make_block(i, line, paragraph, language)
            for i, (line, paragraph) in enumerate((line, p) for p, lines in enumerate(groups) for line in lines)
        ]
    pieces: list[tuple[str, int]] = []
    for paragraph, lines in enumerate(groups):
        if is_wrapped(lines):
            pieces.append(("\n".join(lines), paragraph))
            continue
        joinable = False
        for line in lines:
            if joinable and line[0].islower():
                pieces[-1] = (pieces[-1][0] + "\n" + line, paragraph)
            else:
                pieces.append((line, paragraph))
            joinable = len(line) >= rules.WRAPPED_LINE_MIN_CHARS and not WRAP_STOP.search(line)
    return [make_block(i, piece, paragraph, language) for i, (piece, paragraph) in enumerate(pieces)]


def is_wrapped(lines: Sequence[str]) -> bool:
    if len(lines) < 2 or any(line[0] in BULLETS for line in lines):
        return False
    width = max(len(line) for line in lines)
    return width >= rules.WRAP_MIN_WIDTH and all(len(line) >= width - rules.WRAP_RAGGEDNESS for line in lines[:-1])


def make_block(position: int, text: str, paragraph: int, language: str | None = "en") -> Block:
    """A block with its features; lengths and stop words follow the page's language.

    In scripts written without spaces (Japanese, Chinese, Thai) a `\\w+` token
    is a whole clause, so there words are estimated from the letters
    (UNSPACED_CHARS_PER_WORD), stop words are counted where they occur in the
    text, and the length counts each letter as UNSPACED_CHAR_WEIGHT characters
    of a spaced script, so one length threshold serves every language.
    """
    flat = text.replace("\n", " ")  # a joined hard-wrapped block reads as one line
    lower = flat.lower()
    stops = stop_words(language)
    if is_unspaced(language):
        letters = len(LETTER.findall(flat))
        n = round(letters / rules.UNSPACED_CHARS_PER_WORD)
        n_stops = len(unspaced_stop_regex(language).findall(lower)) if stops else 0
        chars = len(flat) + (rules.UNSPACED_CHAR_WEIGHT - 1) * letters
    else:
        tokens = WORD.findall(lower)
        n = len(tokens)
        n_stops = sum(map(stops.__contains__, tokens))
        chars = len(flat)
    return Block(
        position=position,
        text=text,
        paragraph=paragraph,
        chars=chars,
        words=n,
        stop_density=min(1.0, n_stops / n) if n else 0.0,
        ends_sentence=bool(SENTENCE_END.search(flat)),
        cue=find_cue(flat, n),
        is_date=bool(DIGIT.search(flat)) and dates.is_date_line(flat),
        is_byline=n <= 12 and bool(rules.BYLINE_REGEX.match(flat)),
        fingerprint=block_fingerprint(flat),
    )


@lru_cache(maxsize=None)
def unspaced_stop_regex(language: str) -> re.Pattern[str]:
    """The language's stop words as one alternation, longest first (non-overlapping matches)."""
    words = sorted(stop_words(language), key=len, reverse=True)
    return re.compile("|".join(map(re.escape, words)))


def find_cue(text: str, words: int) -> str | None:
    lower = text.lower()
    match = rules.CUE_ANY_LENGTH_OPENING_REGEX.match(text) or (
        any(trigger in lower for trigger in rules.CUE_ANY_LENGTH_TRIGGERS) and rules.CUE_ANY_LENGTH_REGEX.search(text)
    )
    if match:
        return match.lastgroup
    if words > rules.CUE_MAX_WORDS:
        return None
    if text[0] in BULLETS:
        text = LEADING_BULLET.sub("", text)
    match = rules.CUE_OPENING_REGEX.match(text) or rules.CUE_WORD_REGEX.search(text) or rules.CUE_OTHER_REGEX.search(text)
    return match.lastgroup if match else None


def classify(block: Block, repeats: int) -> None:
    """Set the block's class and, for boilerplate, the reason."""
    menu = len(MENU_SEPARATOR.findall(block.text)) >= rules.MENU_MIN_SEPARATORS
    prose = block.chars >= rules.GOOD_MIN_CHARS and block.stop_density >= rules.GOOD_MIN_STOP_DENSITY
    if block.cue:
        block.klass, block.reason = BAD, block.cue
    elif block.is_date:
        block.klass, block.reason = BAD, "dateline"
    elif block.is_byline:
        block.klass, block.reason = BAD, "byline"
    elif menu:
        block.klass, block.reason = BAD, "navigation"
    elif repeats >= (rules.REPEAT_PROSE_MIN_ARTICLES if prose else rules.REPEAT_MIN_ARTICLES):
        block.klass, block.reason = BAD, "repeated_across_site"
    elif prose:
        block.klass = GOOD
    elif (
        block.words >= rules.NEAR_GOOD_MIN_WORDS
        and block.ends_sentence
        and block.stop_density >= rules.NEAR_GOOD_MIN_STOP_DENSITY
    ):
        block.klass = NEAR_GOOD
    else:
        block.klass = SHORT


# --- The body region ---------------------------------------------------------------


def block_score(block: Block) -> float:
    if block.klass == GOOD:
        return float(min(block.words, rules.GOOD_WORDS_CAP))
    if block.klass == NEAR_GOOD:
        return rules.NEAR_GOOD_SCORE
    if block.klass == SHORT:
        return rules.SHORT_SCORE
    if is_boundary(block):
        return rules.BOUNDARY_SCORE
    return rules.BAD_SCORE


def densest_region(blocks: Sequence[Block]) -> tuple[int, int] | None:
    """[start, end) of the run of blocks with the highest total score (Kadane).

    Within a run, each section cue that follows some prose halves the weight of
    later prose: pages put comments and teasers after the article, rarely
    before it.
    """
    best, best_span = 0.0, None
    total, start = 0.0, 0
    prose_words, weight = 0, 1.0
    for i, block in enumerate(blocks):
        if total <= 0:
            total, start = 0.0, i
        score = block_score(block)
        if score > 0:
            score *= weight
            prose_words += block.words if block.klass == GOOD else 0
        elif is_boundary(block) and prose_words >= rules.PROSE_BEFORE_SECTION_WORDS:
            weight = rules.AFTER_SECTION_WEIGHT
        total += score
        if total > best:
            best, best_span = total, (start, i + 1)
    return best_span


def body_region(blocks: Sequence[Block]) -> tuple[int, int] | None:
    span = densest_region(blocks)
    if span is None:
        return None
    start, end = span
    # Short sentences at the edges ("A new identity.") belong to the body.
    while start > 0 and blocks[start - 1].klass in (GOOD, NEAR_GOOD):
        start -= 1
    while end < len(blocks) and blocks[end].klass in (GOOD, NEAR_GOOD):
        end += 1
    return start, end


# --- Metadata -----------------------------------------------------------------------


def content_words(text: str, stops: frozenset[str]) -> set[str]:
    return {w for w in WORD.findall(text.lower()) if len(w) > 2 and w not in stops and not w.isdigit()}


def body_words(blocks: Sequence[Block], start: int, end: int, stops: frozenset[str]) -> set[str]:
    """Content words of the body's first prose blocks, which the headline shares."""
    words: set[str] = set()
    prose = [b for b in blocks[start:end] if b.klass == GOOD or (b.klass == NEAR_GOOD and b.text.endswith("."))]
    for block in prose[: rules.TITLE_BODY_BLOCKS]:
        words |= content_words(block.text, stops)
    return words


def is_headline_like(block: Block) -> bool:
    return (
        rules.TITLE_MIN_WORDS <= block.words <= rules.TITLE_MAX_WORDS
        and not block.text.endswith(".")
        and "|" not in block.text
        and block.reason is None
        and not rules.METADATA_OPENING.match(block.text)
        and not opens_lower_case(block.text)
        and not rules.NOT_HEADLINE.search(block.text)
        and bool(WORD.findall(dates.TIMESTAMP_FILLER.sub(" ", block.text)))  # not a timestamp: "5 days ago"
        and not byline_names(block.text)
        and not name_beside_date(block.text)
    )


def opens_lower_case(text: str) -> bool:
    """A line whose first word is all lower case: a list of tags, a sentence's tail; not "iZap Mini to debut"."""
    first = WORD.match(text)
    return first is not None and first.group().islower()


def find_title(blocks: Sequence[Block], start: int, end: int, stops: frozenset[str]) -> int | None:
    """Position of the headline: the headline-like block at or shortly before the body that best shares its words.

    Candidates score by the share and number of their content words found in
    the body's first blocks, less a little per candidate passed over and per
    word away from nine (decks and captions run longer, menu items shorter),
    less for a prose line, more when a byline or date line follows closely.
    Weights fitted on half the dev pages: the gold headline is found on 224
    of 310 pages against 190 for the nearest headline-like block sharing a
    word, and on 211 against 191 on the other, held-out half.
    """
    words_of_body = body_words(blocks, start, end, stops)
    best, best_score = None, float("-inf")
    rank = 0
    above_byline = None  # without a candidate sharing words: the nearest one a byline or date line follows
    passed = 0  # blocks looked back over, page furniture (share buttons, date lines) not counted
    for i in range(start, -1, -1):
        block = blocks[i]
        if block.klass != BAD and block.words:
            passed += 1
        if passed > rules.TITLE_LOOKBACK:
            break
        if not is_headline_like(block) or (i == start and start + 1 >= end):
            continue
        own = content_words(block.text, stops)
        shared = len(own & words_of_body)
        if above_byline is None and above_byline_or_date(blocks, i):
            above_byline = i
        if shared:
            score = (
                rules.TITLE_SHARED_SHARE_WEIGHT * shared / len(own)
                + rules.TITLE_SHARED_WORD_WEIGHT * shared
                - rules.TITLE_RANK_COST * rank
                - rules.TITLE_LENGTH_COST * abs(block.words - rules.TITLE_TYPICAL_WORDS)
                - rules.TITLE_PROSE_COST * (block.klass == GOOD)
                + rules.TITLE_ABOVE_BYLINE_BONUS * above_byline_or_date(blocks, i)
            )
            if score > best_score:
                best, best_score = i, score
        rank += 1
    return best if best is not None else above_byline


def above_byline_or_date(blocks: Sequence[Block], i: int) -> bool:
    """Whether a byline or date line follows block `i` closely, as it follows a headline."""
    return any(
        b.is_date or b.is_byline or byline_names(b.text) or states_date(b)
        for b in blocks[i + 1 : i + 1 + rules.TITLE_BYLINE_MAX_GAP]
    )


def states_date(block: Block) -> bool:
    """A short head line that is not prose and holds a date: "Posted in: Productivity November 5th, 2012"."""
    return (
        block.klass != GOOD
        and block.words <= rules.DATE_MENTION_LINE_MAX_WORDS
        and bool(DIGIT.search(block.text))
        and bool(dates.day_spans(block.text))
    )


def date_in_line(text: str) -> date | None:
    """The first date a date line states, read by the one date grammar (`flows.dates`), which
    also finds a date glued to the word before it ("7 min readMar 31, 2021"), as pasted page text has them."""
    for start, end in dates.day_spans(text):
        parsed = dates.parse_date(text[start:end])
        if parsed:
            return parsed
    return None


def opening_date(text: str) -> str | None:
    """The calendar day a line opens with ("16 January 2008 – The Security Council ..."), or None."""
    spans = dates.day_spans(text)
    return text[: spans[0][1]] if spans and spans[0][0] == 0 else None


def find_published_date(
    blocks: Sequence[Block], start: int, title: int | None, language: str | None = "en", end: int | None = None
) -> date | None:
    """The date the page states for the article: a date line near the headline, else in the header,
    else a blog's "posted on" footer right after the body (`end`).

    Date lines (then other short head lines with a date in them) are read by
    the project's one date grammar (`flows.dates.parse_date`);
    in other languages a short line with a year near the headline goes to
    `parse_local_date`.
    """
    head = title if title is not None else start
    after = range(head + 1, min(len(blocks), max(start, head + 1) + rules.HEAD_LOOKAHEAD_BLOCKS))
    window = list(after) + list(range(head - 1, max(-1, head - 1 - rules.TITLE_LOOKBACK), -1))
    for i in window:
        if blocks[i].is_date or blocks[i].is_byline or blocks[i].reason == "reading_time":
            parsed = date_in_line(blocks[i].text)
            if parsed:
                return parsed
    for i in window:  # then a short line stating a date: "example.co.uk, Monday 29 October 2012 13.10 EDT",
        # or one opening with it: "September 27th, 2012 | Tags: ..."
        text = blocks[i].text
        short = blocks[i].words <= rules.DATE_MENTION_LINE_MAX_WORDS or opening_date(text)
        if short and blocks[i].klass != GOOD:
            parsed = date_in_line(text)
            if parsed:
                return parsed
    if language not in (None, "en"):
        for i in window:
            if blocks[i].words <= rules.LOCAL_DATE_MAX_WORDS and YEAR.search(blocks[i].text):
                parsed = parse_local_date(blocks[i].text, language)
                if parsed:
                    return parsed
    # A dateline opening the body: "16 January 2008 – The Security Council ..."
    if start < len(blocks):
        opening = opening_date(blocks[start].text)
        if opening:
            return date_in_line(opening)
    # A blog's footer right after the post: "This entry was posted on 23 October 2012 at 8:14 pm ..."
    if end is not None:
        for block in blocks[end : end + rules.FOOTER_LOOKAHEAD_BLOCKS]:
            if rules.POSTED_FOOTER.search(block.text):
                return date_in_line(block.text)
    return None


def parse_local_date(text: str, language: str) -> date | None:
    """A date line in the page's language ("3. März 2021", "2021年3月3日"), by dateparser; None if it is not one.

    The only call of dateparser in the clean stage (flows.dates reads
    dates inside the body).
    """
    import dateparser  # loaded only when a page in another language has a date line

    settings = {"STRICT_PARSING": True, "REQUIRE_PARTS": ["day", "month", "year"], "PREFER_LOCALE_DATE_ORDER": True}
    try:
        parsed = dateparser.parse(text, languages=[language], settings=settings)
    except (ValueError, KeyError):  # dateparser has no data for some languages
        return None
    return parsed.date() if parsed else None


NAME_WORD = re.compile(r"[^\W\d_][\w.'’-]*", re.UNICODE)  # "O'Brien", "Jean-Luc", "J.R."; not "Updated:"
NAME_PARTICLES = frozenset({"de", "van", "von", "der", "la", "da", "di", "le"})


def clean_name(name: str) -> str | None:
    """A person's name as a byline states it, or None: "Jane Roe in Berlin" -> "Jane Roe",
    "John Doe Email Author" -> "John Doe", an agency's acronym as written; "Staff Writer" -> None."""
    name = rules.GLUED_LINK_LABEL.sub(" ", re.sub(r"\s+", " ", name))  # "John DoeEmail Author"
    name = re.split(r"\s+in\s+", name)[0].strip(" .-–—")
    credited = re.sub(r"^by\s+", "", name, flags=re.IGNORECASE)
    if rules.AGENCY_ACRONYM.fullmatch(credited):
        return credited
    parts = name.split()
    # the name ends at a link label or a role word ("John Doe Staff Writer"); a leading one rejects it
    stops = rules.AUTHOR_LINK_WORDS | rules.NOT_NAME_WORDS
    is_stop = lambda p: len(p.rstrip(".")) > 1 and p.lower().strip(".,:") in stops  # noqa: E731 - "A." is an initial
    parts = parts[: next((k for k, p in enumerate(parts) if is_stop(p)), len(parts))]
    if not 2 <= len(parts) <= 4 or not all(NAME_WORD.fullmatch(p) for p in parts):
        return None
    if not name.isupper() and any(p.isalpha() and p.isupper() and len(p) > 1 for p in parts):
        return None  # an acronym in a mixed-case name is an organisation: "WNS Political Editor"
    if not all(p[0].isupper() for p in parts if p.lower() not in NAME_PARTICLES):
        return None
    name = " ".join(parts).strip(" .-–—")
    return name.title() if name.isupper() else name


def split_names(names: str) -> list[str]:
    """The persons (and agencies) a byline's name list holds, cleaned: "A and B", "A & B", "A, B"."""
    found = []
    for part in re.split(r"\s+and\s+|\s*&\s*|,\s*|;\s*", names, flags=re.IGNORECASE):
        name = clean_name(part)
        if name and name not in found:
            found.append(name)
    return found


def byline_names(text: str) -> list[str]:
    """Names a short head line gives as its byline, where the words before "by" are only a date or filler."""
    if len(WORD.findall(text)) > rules.AUTHOR_LINE_MAX_WORDS:
        return []
    match = rules.AUTHOR_LINE_REGEX.search(text)
    if not match:
        return []
    before = rules.AUTHOR_LINE_TIME.sub(" ", dates.without_days(text[: match.start()]))
    before = dates.TIMESTAMP_FILLER.sub(" ", before)
    before = re.sub(rf"{dates.MONTH_NAME.pattern}|\b(?:st|nd|rd|th)\b", " ", before, flags=re.IGNORECASE)
    return split_names(match.group("names")) if not WORD.findall(before) else []


def name_beside_date(text: str) -> list[str]:
    """The name of a head line that is a name and a date: "John Doe on November 7, 2012, 6:43 PM"."""
    spans = dates.day_spans(text)
    if not spans or spans[0][0] == 0 or len(WORD.findall(text)) > rules.AUTHOR_LINE_MAX_WORDS:
        return []
    start, end = spans[0]
    rest = dates.TIMESTAMP_FILLER.sub(" ", text[end:])
    before = text[:start]
    name = rules.NAME_BESIDE_DATE_JOINERS.sub("", before)
    if name == before or "," in name or WORD.findall(rest) or len(name.split()) > 4:
        return []  # no joiner, or a dateline's "PLACE, State," before the date
    return split_names(name)


def is_author_tail(block: Block, after_title: bool) -> bool:
    """A line that follows an author's name in a page header: reading time, profile links only,
    or (between headline and body, where menus do not sit) a date line."""
    words = WORD.findall(block.text.lower())
    links = bool(words) and all(w in rules.AUTHOR_LINK_WORDS for w in words)
    return block.reason == "reading_time" or links or (after_title and block.is_date)


def find_authors(
    blocks: Sequence[Block], start: int, end: int, title: int | None = None, body_start: int | None = None
) -> tuple[str, ...]:
    """Bylines of the article, first found first.

    Around the head (from above the headline `start` to just below the first
    prose paragraph `body_start`): "By ..." lines, also after a date ("9th
    August 2012 by ..."); a name beside a date ("A B on November 7, 2012"); a
    name line above "7 min read" or "View Profile" (or a date line, between
    headline and body); "Name in Place" below the headline. After the body: a
    "Written by ..." bio or a blog's "Posted by ..." footer. When none names
    anybody, a "By ..." line inside the body or a little further above, then
    a credit line in or just after the body ("Reporting by ...").
    """
    names: list[str] = []
    head_from = start - rules.TITLE_LOOKBACK
    head_to = max(start, body_start if body_start is not None else start) + rules.HEAD_LOOKAHEAD_BLOCKS
    for i, block in enumerate(blocks):
        near_head = head_from <= i < head_to
        if near_head or (block.reason == "author_bio" and i >= end):
            names += byline_names(block.text)
        if near_head and block.klass != GOOD:
            names += name_beside_date(block.text)
        after_title = title is not None and title < i <= title + rules.HEAD_LOOKAHEAD_BLOCKS
        if near_head and block.words <= 4 and i + 1 < len(blocks) and is_author_tail(blocks[i + 1], after_title):
            names += split_names(block.text)  # the author's name above "7 min read", "View Profile" or a date
        if after_title and block.klass != GOOD:
            match = rules.NAME_IN_PLACE_REGEX.match(block.text)
            names += split_names(match.group("names")) if match else []
    for block in blocks[end : end + rules.FOOTER_LOOKAHEAD_BLOCKS] if not names else ():
        if rules.POSTED_FOOTER.match(block.text):  # "Posted by Jane Roe at 2:00 AM"
            names += byline_names(block.text)
    if not names:  # a "By ..." line inside the body, or a little further above it than the head
        for block in blocks[max(0, start - rules.BYLINE_FAR_LOOKBACK) : end]:
            if block.is_byline:
                names += byline_names(block.text)
    if not names:
        for block in blocks[max(start, 0) : end + rules.HEAD_LOOKAHEAD_BLOCKS]:
            for match in rules.CREDIT_REGEX.finditer(block.text):
                names += split_names(match.group("names"))
    return tuple(dict.fromkeys(names))


def find_publisher(blocks: Sequence[Block], end: int) -> str | None:
    for block in blocks[end:]:
        if block.reason == "legal_notice":
            match = rules.PUBLISHER_REGEX.search(block.text)
            if match:
                words = []
                for word in match.group("name").split():
                    if word.lower().strip(".") in rules.NOT_PUBLISHER_WORDS:
                        break
                    words.append(word)
                name = " ".join(words).strip(" .,-&")
                if name and name.lower() not in {"the", "by"}:
                    return name
    return None


# --- Putting it together -------------------------------------------------------------


def main_run(blocks: Sequence[Block], probabilities: Sequence[float]) -> tuple[int, int]:
    """[start, end) of the run of blocks the model is surest of, weighted by words (Kadane); (0, 0) when none."""
    best, span = 0.0, (0, 0)
    total, start = 0.0, 0
    for i, (block, p) in enumerate(zip(blocks, probabilities)):
        if total <= 0:
            total, start = 0.0, i
        total += (p - rules.KEEP_MIN_PROBABILITY) * max(block.words, 1)
        if total > best:
            best, span = total, (start, i + 1)
    return span


def fill_gaps(blocks: Sequence[Block], probabilities: Sequence[float], keep: set[int]) -> set[int]:
    """Blocks in short gaps between kept blocks that the model gave at least rules.GAP_MIN_PROBABILITY.

    A gap is at most rules.GAP_MAX_BLOCKS blocks between two kept ones; blocks
    with a cue, date or byline of their own (or classed bad) stay out. The model
    scores each block with only two neighbours a side, so it doubts a short
    paragraph or list line inside the article that the blocks around it show.
    """
    kept = sorted(keep)
    filled: set[int] = set()
    for left, right in zip(kept, kept[1:]):
        if right - left - 1 > rules.GAP_MAX_BLOCKS:
            continue
        filled.update(
            i for i in range(left + 1, right)
            if blocks[i].klass != BAD and blocks[i].reason is None and probabilities[i] >= rules.GAP_MIN_PROBABILITY
        )
    return filled


def kept_headline(blocks: Sequence[Block], keep: set[int], start: int, end: int) -> int | None:
    """The last headline-like block the model kept before the first prose paragraph, if any.

    The gold bodies the model learnt from open with the headline, so it keeps
    headlines; a deck or kicker it kept above the headline comes before it.
    """
    first_prose = next((i for i in range(start, end) if i in keep and blocks[i].klass == GOOD), end)
    heads = [
        i for i in range(start, first_prose)
        if i in keep and is_headline_like(blocks[i]) and not rules.BYLINE_REGEX.match(blocks[i].text)
    ]
    return heads[-1] if heads and heads[-1] + 1 < end else None


def headline_above_deck(blocks: Sequence[Block], title: int, start: int, end: int, stops: frozenset[str]) -> int:
    """The headline when the model kept the line below it (a deck, a credit) as the head: a
    headline-like line just above it (date lines not counted) that shares words with the body."""
    words = body_words(blocks, start, end, stops)
    passed = 0
    for i in range(title - 1, -1, -1):
        block = blocks[i]
        if block.is_date or not block.words:
            continue
        passed += 1
        if passed > rules.DECK_LOOKBACK:
            break
        if is_headline_like(block) and len(content_words(block.text, stops) & words) >= rules.HEADLINE_ABOVE_MIN_SHARED:
            return i
    return title


def decide_blocks(page: PreparedPage, probabilities: Sequence[float]) -> CleanedDocument:
    """Keep the blocks the model scores as content, the headline with them; metadata from around them.

    When no block passes but the page has prose, the densest prose region is
    kept rather than nothing, and `body_fallback` says so.
    """
    blocks = page.blocks
    fingerprints = tuple(dict.fromkeys(block.fingerprint for block in blocks))
    run_start, run_end = main_run(blocks, probabilities)
    # A block with a cue, date or byline of its own stays out whatever the model says:
    # it is page furniture by construction, and its reason is the one recorded.
    keep = {
        b.position
        for b, p in zip(blocks, probabilities)
        if b.klass != BAD
        and p >= rules.KEEP_MIN_PROBABILITY
        and (run_start <= b.position < run_end or p >= rules.KEEP_OUTSIDE_RUN_MIN_PROBABILITY)
    }
    keep |= fill_gaps(blocks, probabilities, keep)
    if page.region is None and sum(blocks[i].words for i in keep) < rules.NO_PROSE_MIN_WORDS:
        keep = set()  # a few menu words and no line of prose: no article
    fallback = None
    if not keep and page.region is not None:
        fallback = "no_block_passed_kept_densest_region"
        keep = {b.position for b in blocks[page.region[0] : page.region[1]] if b.klass != BAD}
    if not keep:
        removed = tuple(RemovedBlock(b.position, b.text, b.reason or "no_article_body") for b in blocks)
        return CleanedDocument(page.article_id, "", removed=removed, fingerprints=fingerprints, language=page.language)
    start, end = min(keep), max(keep) + 1
    title = kept_headline(blocks, keep, start, end)
    if title is not None:
        title = headline_above_deck(blocks, title, start, end, stop_words(page.language))
    else:
        title = find_title(blocks, start, end, stop_words(page.language))
    if title is not None:
        above = [i for i in keep if i < title]
        if sum(blocks[i].words for i in above) <= rules.ABOVE_TITLE_MAX_WORDS:
            keep -= set(above)  # kickers and decks above the headline are not the article
        keep.add(title)
        start = min(keep)
    # the first prose paragraph: the head's metadata sits above it, however far above the headline is
    body_start = next((i for i in sorted(keep) if blocks[i].klass == GOOD), start)
    removed = []
    for block in blocks:
        if block.position in keep:
            continue
        if block.reason:
            reason = block.reason
        elif block.position < start:
            reason = "before_article_body"
        elif block.position >= end:
            reason = "after_article_body"
        else:
            reason = "scored_as_boilerplate"
        removed.append(RemovedBlock(block.position, block.text, reason))
    return CleanedDocument(
        article_id=page.article_id,
        clean_text=join_blocks([b for b in blocks if b.position in keep]),
        title=blocks[title].text if title is not None else None,
        published_date=find_published_date(blocks, body_start, title, page.language, end),
        authors=find_authors(blocks, start, end, title, body_start),
        publisher=find_publisher(blocks, end),
        removed=tuple(removed),
        fingerprints=fingerprints,
        language=page.language,
        body_fallback=fallback,
    )


def join_blocks(kept: Sequence[Block]) -> str:
    """Kept lines of one raw paragraph stay together (lists); paragraphs get a blank line between."""
    parts: list[str] = []
    previous: Block | None = None
    for block in kept:
        if previous is not None:
            same = block.paragraph == previous.paragraph and block.position == previous.position + 1
            parts.append("\n" if same else "\n\n")
        parts.append(block.text)
        previous = block
    return "".join(parts)
