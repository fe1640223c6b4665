"""Clean an HTML news page: article body, headline and metadata.

Called by the clean stage (`flows.clean.clean_documents` hands every
``input_format == "html"`` document to `clean_html`).

Why not one extractor alone: on the l3s-gn1 dev set trafilatura keeps too
much (layout tables, trailing related links: P 0.86, R 0.97) and
readability-lxml sometimes picks the wrong block or drops the lead (P 0.92,
R 0.95). Both are run, and their outputs are mapped back onto the page's own
text blocks, so each block of the page gets two votes. The hand-written part
is that vote: blocks both extractors kept are the article core; a block only
one of them kept is taken when it sits inside the core and looks like prose,
or when the other extractor clearly failed. The headline is the page block
that best matches the page's title metadata, as the gold annotation of news
pages starts with it and both extractors usually drop it. Every page block
not kept becomes a `RemovedBlock` with the reason, so nothing is lost.

Metadata: the title from trafilatura, else the meta tags; the published
date from the markup (JSON-LD `datePublished`, article:published_time ...,
read with beautifulsoup4), else the date printed between the headline and
the body, else trafilatura's (htmldate's quick guess), else htmldate's
extensive search of the text; authors from the byline printed there, else
the markup's, else trafilatura's, all reduced to person names. The printed
date and byline are read by the text cleaner's grammar (`flows.clean`), on
the blocks around the headline or, when nothing is found there, on the whole
page text (dev gold report parts: benchmarks/metadata_eval.txt).

Broken pages: when libxml2 swallows most of a page (an unclosed quote in a
start tag), the page is re-parsed with beautifulsoup4's html.parser and the
extractors run on that; when libxml2 cannot hold the tree at all (nesting
deeper than its limit), all visible text is kept and a warning says why.
`clean_html` never raises; an empty `clean_text` is a possible result.

Scores and speed: benchmarks/html_cleaning_eval.txt (F1 0.965 on l3s-gn1,
trafilatura alone 0.911, readability-lxml alone 0.937).
"""

from __future__ import annotations

import json
from copy import deepcopy
import logging
import re
from collections.abc import Iterator
from dataclasses import dataclass, replace
from datetime import date

import lxml.html
import lxml.html.soupparser
import htmldate
import trafilatura
from bs4 import BeautifulSoup, SoupStrainer
from lxml import etree
from readability import Document as ReadabilityDocument

from flows import clean_rules as rules
from flows import dates
from flows.clean import (
    SENTENCE_END,
    classify,
    clean_documents,
    content_words,
    find_authors,
    find_published_date,
    make_block,
    split_names,
)
from flows.language import stop_words
from flows.records import CleanedDocument, RawDocument, RemovedBlock

log = logging.getLogger(__name__)

# Elements that start a new line of page text in a browser (select-all + paste).
BLOCK_TAGS = frozenset(
    "address article aside blockquote body br center dd details dialog dir div dl dt fieldset "
    "figcaption figure footer form h1 h2 h3 h4 h5 h6 header hr html legend li main menu nav ol "
    "option p pre section summary table tbody td tfoot th thead title tr ul".split()
)
# Elements whose text a reader never sees as page text.
# (not <head> itself: on broken pages libxml2 leaves the whole body in it)
INVISIBLE_TAGS = frozenset(
    "script style noscript template title iframe object embed svg select button textarea".split()
)

WHITESPACE = re.compile(r"\s+")
WORD = re.compile(r"\w+", re.UNICODE)

REASON_OUTSIDE = "outside_main_content"
REASON_ONE_VOTE = "kept_by_one_extractor_only"
REASON_LINK_LIST = "link_list"
REASON_FALLBACK = "html_unparsable_kept_page_text"
REASON_METADATA_LINE = "byline_or_dateline"


@dataclass(frozen=True)
class PageBlock:
    """One line of the page's visible text, with what the vote needs to know about it."""

    text: str
    tag: str  # innermost block-level element around the text
    link_chars: int  # characters of the text inside <a> elements

    @property
    def link_density(self) -> float:
        return self.link_chars / len(self.text) if self.text else 0.0


def normalized_words(text: str) -> str:
    return " ".join(WORD.findall(text.lower()))


def parse_html(html: str) -> etree._Element | None:
    """lxml tree of the page, or None when libxml2 truncated it (nesting too deep) or failed."""
    parser = lxml.html.HTMLParser(encoding="utf-8", remove_comments=True, remove_pis=True)
    try:
        root = lxml.html.document_fromstring(html.encode("utf-8", "replace"), parser=parser)
    except (etree.ParserError, ValueError):
        return None
    if any(error.type_name == "ERR_RESOURCE_LIMIT" for error in parser.error_log):
        return None
    return root


def repaired_html(html: str) -> str:
    """The page re-parsed by beautifulsoup4's html.parser, which reads tags the way a
    browser's tokenizer does, and written back as well-formed HTML for the extractors."""
    return lxml.html.tostring(lxml.html.soupparser.fromstring(html, features="html.parser"), encoding="unicode")


def text_was_lost(blocks: list[PageBlock], html: str) -> bool:
    """Whether libxml2 swallowed most of the page, as it does after an unclosed quote in a tag."""
    kept = sum(len(block.text) for block in blocks)
    if kept >= LOST_TEXT_MIN_CHARS:
        return False
    markup_free = TAG_OR_HIDDEN.sub(" ", html)
    return len(WHITESPACE.sub("", markup_free)) > LOST_TEXT_MIN_CHARS


# Under this much block text the page is checked against a tag-stripped copy
# (2 pages of the 620 in the dev set lost their article to a broken start tag).
LOST_TEXT_MIN_CHARS = 500
TAG_OR_HIDDEN = re.compile(r"<(script|style)\b.*?</\1\s*>|<!--.*?-->|<[^>]*>", re.IGNORECASE | re.DOTALL)


def page_blocks(root: etree._Element) -> list[PageBlock]:
    """The visible text of a tree as blocks in document order, split at block-level elements.

    Walks iteratively (etree.iterwalk), so deep nesting cannot hit the recursion
    limit. iterwalk skips comment nodes together with their tails, hence trees
    come from `parse_html`, which drops comments while parsing.
    """
    blocks: list[PageBlock] = []
    pieces: list[tuple[str, bool]] = []
    open_blocks: list[str] = ["html"]
    hidden_depth = 0
    link_depth = 0

    def flush() -> None:
        raw = "".join(piece for piece, _ in pieces)
        text = WHITESPACE.sub(" ", raw).strip()
        if text:
            link_text = WHITESPACE.sub(" ", "".join(piece for piece, in_link in pieces if in_link)).strip()
            blocks.append(PageBlock(text, open_blocks[-1], min(len(link_text), len(text))))
        pieces.clear()

    for event, element in etree.iterwalk(root, events=("start", "end")):
        tag = element.tag.lower() if isinstance(element.tag, str) else ""
        if event == "start":
            if hidden_depth or tag in INVISIBLE_TAGS:
                hidden_depth += 1
                continue
            if tag in BLOCK_TAGS:
                flush()
                open_blocks.append(tag)
            if tag == "a":
                link_depth += 1
            if element.text:
                pieces.append((element.text, link_depth > 0))
            continue
        if hidden_depth:
            hidden_depth -= 1
            if hidden_depth:
                continue
        else:
            if tag == "a":
                link_depth = max(0, link_depth - 1)
            if tag in BLOCK_TAGS:
                flush()
                if len(open_blocks) > 1:
                    open_blocks.pop()
        if element.tail:
            pieces.append((element.tail, link_depth > 0))
    flush()
    return blocks


def blocks_found_in(blocks: list[PageBlock], extracted: str) -> list[bool]:
    """For each page block, whether an extractor's output contains it.

    Both follow document order, so the output is scanned with a cursor; a short
    block ("Reuters", "Home") only matches close to the cursor, or every stray
    word of the output would claim some navigation link.
    """
    haystack = " " + " ".join(normalized_words(line) for line in extracted.split("\n")) + " "
    cursor = 0
    found: list[bool] = []
    for block in blocks:
        words = normalized_words(block.text)
        if not words:
            found.append(False)
            continue
        needle = f" {words} "
        position = haystack.find(needle, cursor)
        n_words = words.count(" ") + 1
        if position < 0:
            # a long block the extractor moved (e.g. a lead it put first) still counts
            found.append(n_words >= LONG_BLOCK_WORDS and needle in haystack)
            continue
        if n_words < SHORT_BLOCK_WORDS and position - cursor > SHORT_BLOCK_WINDOW_CHARS:
            found.append(False)
            continue
        found.append(True)
        cursor = position + len(needle) - 1
    return found


# Alignment limits, set by hand on the dev set so that mapping trafilatura's own
# output back onto the page reproduces its score (0.911 -> 0.912 F1).
SHORT_BLOCK_WORDS = 4
SHORT_BLOCK_WINDOW_CHARS = 200
LONG_BLOCK_WORDS = 8


def trafilatura_extraction(html: str) -> trafilatura.settings.Document | None:
    """trafilatura's body text and metadata (None when it finds no body)."""
    # comments are reader posts, not the article; tables stay in (some sites lay
    # the article out in one), the vote removes the layout tables around it
    return trafilatura.bare_extraction(
        html,
        include_comments=False,
        with_metadata=True,
        fast=TRAFILATURA_FAST,
        date_extraction_params=DATE_SEARCH,
    )


def readability_text(html: str) -> str:
    """readability-lxml's article, one block per line."""
    summary = ReadabilityDocument(html).summary(html_partial=True)
    root = parse_html(summary)
    return "\n".join(block.text for block in page_blocks(root)) if root is not None else ""


# Vote thresholds, tuned by coordinate search on one half of l3s-gn1 (split by
# sha256 of the page id) and checked on the other half (F1 0.962 tuning half,
# 0.969 held-out). Setting any one of them a step either way (e.g. 6 -> 3 or 10
# words) moves the whole set's F1 by at most 0.004.
EXTRACTOR_AGREEMENT_MIN = 0.1  # share of the smaller output both extractors kept; below it one of them picked the wrong block
LINK_LIST_DENSITY = 0.5  # a block both kept is still a link list when more than half its text is links
ONE_VOTE_LINK_DENSITY_MAX = 0.2  # a block one extractor kept must be nearly link-free ...
ONE_VOTE_INSIDE_MIN_WORDS = 6  # ... and, between core blocks, not a stray label or caption credit
ONE_VOTE_LEAD_MIN_WORDS = 10  # ... and, before the core, a sentence (a lead paragraph, not a kicker)
ONE_VOTE_LEAD_MAX_GAP = 10  # blocks between it and the first core block
TRAFILATURA_FAST = False  # True skips its own readability/jusText fallback: -0.010 F1 on the dev set
# htmldate's extensive search runs dateparser over free text: a third of the
# run time on the dev set, for dates that meta tags and JSON-LD give anyway.
DATE_SEARCH = {"extensive_search": False, "original_date": True}

# Lines that tell about the article rather than being part of it: bylines,
# datelines, credits and rights notices, which the gold annotation leaves out.
METADATA_LINE_MAX_WORDS = 12
MONTH = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?"
METADATA_LINE_PATTERNS = (
    re.compile(  # "Sun, January 6, 2008", "28th December, 2007"
        rf"^\W*(?:(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?,?\s*)?"
        rf"(?:\d{{1,2}}(?:st|nd|rd|th)?\s+{MONTH}|{MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?),?\s+\d{{4}}\b",
        re.IGNORECASE,
    ),
    re.compile(r"^\W*By:?\s+[A-Z]"),  # "By Azera Rahman", not "By the end of ..."
    re.compile(
        r"^\W*(?:posted|published|updated|last updated|story published|source:|copyright\b|©|\(c\)\s|"
        r"photo:|photo /|credit:|email this|print this|share this)",
        re.IGNORECASE,
    ),
    re.compile(r"all rights reserved", re.IGNORECASE),
)

# The headline is looked for among the blocks just before the body.
HEADLINE_WINDOW_BLOCKS = 40
HEADLINE_BODY_BLOCKS = 3
HEADLINE_MAX_WORDS = 40
HEADLINE_IN_TITLE_MIN = 0.8  # share of the block's words found in the page's title metadata
HEADLINE_TAG_BONUS = 0.3
HEADLINE_TAGS = frozenset({"h1", "h2", "h3"})
# A title of at most this many words that shares no word with the body names the site or section:
# the text cleaner's headline replaces it (titles on the tune parts, gold = first line of the gold
# body: l3s-gn1 249 -> 278 of 319, dragnet 108 -> 109 of 119; without the length test 276 and 105).
SITE_NAME_MAX_WORDS = 4


def word_count(text: str) -> int:
    return len(WORD.findall(text))


def is_metadata_line(text: str) -> bool:
    return word_count(text) <= METADATA_LINE_MAX_WORDS and any(p.search(text) for p in METADATA_LINE_PATTERNS)


# Which extractor to trust when they share (almost) no block. The dragnet tune pages lost most
# where trafilatura, trusted by default, had kept a gallery or headline strip and readability
# the article. No new threshold: "nearly link-free" is ONE_VOTE_LINK_DENSITY_MAX (l3s-gn1 tune).
# Tune parts (F1): dragnet 0.9305 -> 0.9365, cleaneval 0.9063 -> 0.9063, l3s-gn1 unchanged.
# A sentence block ends as prose does (a full stop, question or exclamation mark, maybe inside
# a closing quote or bracket); headline strips, menus and captions mostly do not.
def prose_words(blocks: list[PageBlock], voted: list[bool]) -> int:
    """Words of an extractor's output in nearly link-free blocks that end a sentence: how much
    article prose it holds, as against a strip of linked headlines or a gallery's captions."""
    return sum(
        word_count(block.text)
        for block, kept in zip(blocks, voted)
        if kept and block.link_density <= ONE_VOTE_LINK_DENSITY_MAX and SENTENCE_END.search(block.text)
    )


def more_prose(blocks: list[PageBlock], in_first: list[bool], in_second: list[bool]) -> list[bool]:
    """Of two extractors that picked different parts of the page, the one whose output holds more
    prose; trafilatura (the first) on a tie, readability when trafilatura kept nothing."""
    if not any(in_first):
        return in_second
    return in_second if prose_words(blocks, in_second) > prose_words(blocks, in_first) else in_first


def vote_blocks(blocks: list[PageBlock], in_first: list[bool], in_second: list[bool]) -> list[str | None]:
    """Per block, None to keep it or the snake_case reason it was dropped.

    `in_first` is trafilatura's vote (higher recall), `in_second` readability's. When
    the two disagree about where the article is (they share almost no block), the
    output holding more prose is kept whole (`more_prose`; trafilatura on a tie).
    """
    n_blocks = len(blocks)
    words = [word_count(block.text) for block in blocks]
    core = [k for k in range(n_blocks) if in_first[k] and in_second[k]]
    first_words = sum(w for w, voted in zip(words, in_first) if voted)
    second_words = sum(w for w, voted in zip(words, in_second) if voted)
    core_words = sum(words[k] for k in core)
    if not core or core_words < EXTRACTOR_AGREEMENT_MIN * min(first_words or 1, second_words or 1):
        trusted = more_prose(blocks, in_first, in_second)
        return drop_metadata_lines(blocks, [None if voted else REASON_OUTSIDE for voted in trusted])
    first_core, last_core = core[0], core[-1]
    reasons: list[str | None] = []
    for k, block in enumerate(blocks):
        if in_first[k] and in_second[k]:
            reasons.append(REASON_LINK_LIST if block.link_density > LINK_LIST_DENSITY else None)
        elif not (in_first[k] or in_second[k]):
            reasons.append(REASON_OUTSIDE)
        elif block.link_density > ONE_VOTE_LINK_DENSITY_MAX:
            reasons.append(REASON_ONE_VOTE)
        elif first_core < k < last_core:
            reasons.append(None if words[k] >= ONE_VOTE_INSIDE_MIN_WORDS else REASON_ONE_VOTE)
        elif k < first_core:
            is_lead = words[k] >= ONE_VOTE_LEAD_MIN_WORDS and first_core - k <= ONE_VOTE_LEAD_MAX_GAP
            reasons.append(None if is_lead else REASON_ONE_VOTE)
        else:
            # after the core: related links, comments, footers
            reasons.append(REASON_ONE_VOTE)
    return drop_metadata_lines(blocks, reasons)


def drop_metadata_lines(blocks: list[PageBlock], reasons: list[str | None]) -> list[str | None]:
    return [
        REASON_METADATA_LINE if reason is None and is_metadata_line(block.text) else reason
        for block, reason in zip(blocks, reasons)
    ]


def find_headline(blocks: list[PageBlock], first_body: int, titles: list[str]) -> int | None:
    """Index of the block around the body's start that best matches the page's title metadata.

    <title> and og:title carry the headline wrapped in site names and section
    paths; the page block that is (nearly) all title words and covers most of
    them is the headline as printed on the page.
    """
    title_words: set[str] = set()
    for title in titles:
        title_words.update(normalized_words(title).split())
    window = range(max(0, first_body - HEADLINE_WINDOW_BLOCKS), min(len(blocks), first_body + HEADLINE_BODY_BLOCKS))
    if not title_words:
        # a page with no title metadata: its last top-level heading above the body
        return next((k for k in reversed(window) if k <= first_body and blocks[k].tag == "h1"), None)
    best, best_score = None, 0.0
    # the body's own first blocks compete too: when the extractors kept the headline, it is found there
    for k in window:
        words = normalized_words(blocks[k].text).split()
        if not words or len(words) > HEADLINE_MAX_WORDS:
            continue
        in_title = sum(1 for word in words if word in title_words) / len(words)
        if in_title < HEADLINE_IN_TITLE_MIN:
            continue
        # later blocks win ties: the headline sits right above the body, breadcrumbs above it
        score = len(set(words) & title_words) / len(title_words) + 0.001 * k
        if blocks[k].tag in HEADLINE_TAGS:
            score += HEADLINE_TAG_BONUS
        if score > best_score:
            best, best_score = k, score
    return best


# Meta tags read when trafilatura found nothing, most specific first.
TITLE_META = ("og:title", "twitter:title", "dc.title")
DATE_META = (
    "article:published_time", "og:article:published_time", "datepublished", "pubdate",
    "publishdate", "dc.date.issued", "dc.date", "date", "sailthru.date", "parsely-pub-date",
)
AUTHOR_META = ("author", "article:author", "dc.creator", "byl", "parsely-author", "sailthru.author")
PUBLISHER_META = ("og:site_name", "application-name", "publisher", "dc.publisher")
ARTICLE_TYPES = frozenset(
    {"article", "newsarticle", "reportagenewsarticle", "analysisnewsarticle", "opinionnewsarticle",
     "blogposting", "webpage", "report", "liveblogposting"}
)
METADATA_ELEMENTS = "//meta | //title | //script[contains(translate(@type, 'LDJSON', 'ldjson'), 'ld+json')]"


@dataclass(frozen=True)
class PageMetadata:
    title: str | None = None
    published_date: date | None = None
    authors: tuple[str, ...] = ()
    publisher: str | None = None


def meta_tag_values(soup: BeautifulSoup) -> dict[str, str]:
    """First non-empty content of each <meta> by lower-cased property/name/itemprop."""
    values: dict[str, str] = {}
    for tag in soup.find_all("meta"):
        key = tag.get("property") or tag.get("name") or tag.get("itemprop")
        content = tag.get("content")
        if isinstance(key, str) and isinstance(content, str) and content.strip():
            values.setdefault(key.strip().lower(), WHITESPACE.sub(" ", content).strip())
    return values


def json_ld_objects(soup: BeautifulSoup) -> Iterator[dict]:
    """Every JSON object in the page's JSON-LD scripts, @graph members included."""
    for script in soup.find_all("script", attrs={"type": re.compile("ld\\+json", re.IGNORECASE)}):
        try:
            data = json.loads(script.string or "")
        except (json.JSONDecodeError, TypeError):
            continue
        stack = [data]
        while stack:
            item = stack.pop()
            if isinstance(item, list):
                stack.extend(reversed(item))
            elif isinstance(item, dict):
                yield item
                if isinstance(item.get("@graph"), list):
                    stack.extend(reversed(item["@graph"]))


def is_article_object(item: dict) -> bool:
    types = item.get("@type")
    types = types if isinstance(types, list) else [types]
    return any(isinstance(t, str) and t.lower() in ARTICLE_TYPES for t in types)


def names_of(value: object) -> list[str]:
    """Names in a JSON-LD author/publisher value: a string, a Person/Organization, or a list of them."""
    items = value if isinstance(value, list) else [value]
    names = []
    for item in items:
        name = item.get("name") if isinstance(item, dict) else item
        if isinstance(name, str) and name.strip():
            names.append(WHITESPACE.sub(" ", name).strip())
    return names


def parse_date(value: object) -> date | None:
    """A metadata value's date (ISO in meta tags and JSON-LD), read by the project's one date grammar."""
    return dates.parse_date(value) if isinstance(value, str) else None


def split_authors(value: str | None) -> tuple[str, ...]:
    if not value:
        return ()
    parts = re.split(r"\s*(?:;|\band\b|&|\|)\s*", value)
    # article:author is often the author's profile URL, which names nobody
    return tuple(dict.fromkeys(p.strip() for p in parts if p.strip() and "://" not in p))


def metadata_markup(root: etree._Element) -> str:
    """Only the elements metadata is read from: parsing them alone with
    beautifulsoup4 costs ~1 ms, the whole page ~30 ms."""
    elements = root.xpath(METADATA_ELEMENTS)
    return "".join(etree.tostring(element, encoding="unicode", with_tail=False) for element in elements)


def metadata_from_markup(html: str) -> PageMetadata:
    """Title, date, authors and publisher from meta tags and JSON-LD."""
    soup = BeautifulSoup(html, "html.parser", parse_only=SoupStrainer(["meta", "script", "title"]))
    meta = meta_tag_values(soup)
    articles = [item for item in json_ld_objects(soup) if is_article_object(item)]
    first = lambda keys: next((meta[k] for k in keys if meta.get(k)), None)  # noqa: E731
    ld = lambda key: next((a[key] for a in articles if a.get(key)), None)  # noqa: E731
    headline = ld("headline")
    title = first(TITLE_META) or (headline if isinstance(headline, str) else None)
    if not title and soup.title and soup.title.string:
        title = WHITESPACE.sub(" ", soup.title.string).strip() or None
    authors = tuple(names_of(ld("author"))) or split_authors(first(AUTHOR_META))
    publishers = names_of(ld("publisher"))
    return PageMetadata(
        title=title,
        published_date=parse_date(ld("datePublished")) or parse_date(first(DATE_META)),
        authors=authors,
        publisher=first(PUBLISHER_META) or (publishers[0] if publishers else None),
    )


def person_names(values: tuple[str, ...]) -> tuple[str, ...]:
    """The persons (and wire agencies) among author values, by the text cleaner's byline names:
    "Paul Steinhauser, CNN Political Editor" -> "Paul Steinhauser"; "The Earthtimes", "View Profile" -> none."""
    return tuple(dict.fromkeys(name for value in values for name in split_names(value)))


def page_text_metadata(doc: RawDocument, blocks: list[PageBlock]) -> PageMetadata:
    """Headline, date and bylines the text cleaner reads from the page's text, as a browser shows it: for
    pages whose headline or body the extractors missed, so that nothing is printed around them."""
    text = "\n\n".join(block.text for block in blocks)
    page = RawDocument(doc.article_id, doc.source_name, doc.source_path, text, "text", source_key=doc.source_key)
    cleaned = clean_documents([page])[0]
    return PageMetadata(title=cleaned.title, published_date=cleaned.published_date, authors=cleaned.authors)


def names_the_body(title: str | None, body: list[str]) -> bool:
    """Whether a title may be the headline: a long one, or a short one that shares a content word with
    the body's first paragraphs; a site's or section's name ("The Daily News", "Hockey") does not."""
    if not title or not body:
        return False
    if len(title.split()) > SITE_NAME_MAX_WORDS:
        return True
    stops = stop_words("en")
    words = set().union(*(content_words(text, stops) for text in body[: rules.TITLE_BODY_BLOCKS]))
    return bool(content_words(title, stops) & words)


def page_metadata(
    extracted: trafilatura.settings.Document | None, markup: PageMetadata, printed: PageMetadata
) -> PageMetadata:
    """Each field from the most explicit source that states it.

    Date: the markup's publication date (JSON-LD, article:published_time ...),
    then the date printed by the headline, then trafilatura's (htmldate's
    guess from URL and markup); authors: the byline printed by the headline,
    then the markup's, then trafilatura's, all as person names. Pages of 2008
    (l3s-gn1) state their date and byline only in the printed header.
    """
    published = markup.published_date or printed.published_date
    if published is None and extracted is not None:
        published = parse_date(extracted.date)
    traf_authors = split_authors(extracted.author) if extracted is not None else ()
    return PageMetadata(
        title=(extracted.title if extracted is not None else None) or markup.title,
        published_date=published,
        authors=printed.authors or person_names(markup.authors) or person_names(traf_authors),
        publisher=(extracted.sitename if extracted is not None else None) or markup.publisher,
    )


def printed_metadata(blocks: list[PageBlock], title: int | None, first_body: int, body_end: int) -> PageMetadata:
    """The date and bylines printed between the headline (if found) and the body's first blocks,
    read by the text cleaner's grammar on the page's text blocks."""
    head = min(title, first_body) if title is not None else first_body
    low = max(0, head - rules.TITLE_LOOKBACK)
    high = min(len(blocks), max(body_end, first_body + 1) + rules.HEAD_LOOKAHEAD_BLOCKS)
    lines = []
    for k in range(low, high):
        line = make_block(k - low, blocks[k].text, k - low)
        classify(line, 0)
        lines.append(line)
    local_title = title - low if title is not None else None
    start, end = first_body - low, body_end - low
    return PageMetadata(
        published_date=find_published_date(lines, start, local_title, end=end),
        authors=find_authors(lines, start if title is None else local_title + 1, end, local_title, start),
    )


def date_in_page_text(root: etree._Element) -> date | None:
    """htmldate's extensive search (dates in the page's text), only for pages whose markup states none."""
    try:
        # on a copy: htmldate prunes the tree it is given, and the headline search reads it after
        found = htmldate.find_date(deepcopy(root), extensive_search=True, original_date=True)
    except Exception:  # noqa: BLE001 - htmldate fails in many ways on bad pages; no date then
        return None
    found_date = parse_date(found)
    # a year alone ("© 2008") comes back as 1 January: not the article's day (l3s-gn1 tune pages)
    return None if found_date and (found_date.month, found_date.day) == (1, 1) else found_date


def run_extractor(name: str, extract, html: str):
    """An extractor's result, or None when it raised: the other one still votes."""
    try:
        return extract(html)
    except Exception as error:  # noqa: BLE001 - third-party extractors fail in many ways on bad HTML
        log.warning("%s failed (%s: %s); voting without it", name, type(error).__name__, error)
        return None


def fallback_page_text(html: str) -> list[str]:
    """Visible text lines by beautifulsoup4's pure-Python parser, which has no nesting limit."""
    soup = BeautifulSoup(html, "html.parser")
    for hidden in soup.find_all(list(INVISIBLE_TAGS)):
        hidden.decompose()
    lines = (WHITESPACE.sub(" ", line).strip() for line in soup.get_text("\n").split("\n"))
    return [line for line in lines if line]


def clean_html(doc: RawDocument) -> CleanedDocument:
    """The article of an HTML page: headline, then body paragraphs separated by blank lines.

    Never raises: a page lxml cannot parse in full (e.g. nesting deeper than
    libxml2's limit) keeps all its visible text, with a warning saying why.
    """
    html = doc.raw_text or ""
    try:
        root = parse_html(html)
        blocks = page_blocks(root) if root is not None else []
        if root is not None and text_was_lost(blocks, html):
            html = repaired_html(html)
            root = parse_html(html)
            blocks = page_blocks(root) if root is not None else []
        if root is None:
            return cleaned_from_page_text(doc, doc.raw_text or "")
        return cleaned_by_vote(doc, html, root, blocks)
    except Exception as error:  # noqa: BLE001 - the clean stage must go on with the next page
        log.warning("html cleaning failed for %s (%s: %s)", doc.article_id, type(error).__name__, error)
        return cleaned_from_page_text(doc, doc.raw_text or "")


def cleaned_from_page_text(doc: RawDocument, html: str) -> CleanedDocument:
    log.warning("%s: %s for %s", REASON_FALLBACK, "lxml could not parse the whole page", doc.article_id)
    try:
        lines = fallback_page_text(html)
        metadata = metadata_from_markup(html)
    except Exception as error:  # noqa: BLE001 - last resort: an empty document, never an exception
        log.warning("%s: page text unreadable for %s (%s)", REASON_FALLBACK, doc.article_id, error)
        return CleanedDocument(article_id=doc.article_id, clean_text="")
    return CleanedDocument(
        article_id=doc.article_id,
        clean_text="\n\n".join(lines),
        title=metadata.title,
        published_date=metadata.published_date,
        authors=metadata.authors,
        publisher=metadata.publisher,
    )


def cleaned_by_vote(doc: RawDocument, html: str, root: etree._Element, blocks: list[PageBlock]) -> CleanedDocument:
    extracted = run_extractor("trafilatura", trafilatura_extraction, html)
    readable = run_extractor("readability", readability_text, html) or ""
    in_trafilatura = blocks_found_in(blocks, (extracted.text if extracted else None) or "")
    in_readability = blocks_found_in(blocks, readable)
    reasons = vote_blocks(blocks, in_trafilatura, in_readability)
    markup = metadata_from_markup(metadata_markup(root))
    title = (extracted.title if extracted is not None else None) or markup.title

    body = [k for k, reason in enumerate(reasons) if reason is None]
    headline, printed = None, PageMetadata()
    if body:
        page_title = root.findtext(".//title") or ""
        headline = find_headline(blocks, body[0], [t for t in (page_title, title) if t])
        if headline is not None:
            reasons[headline] = None
        printed = printed_metadata(blocks, headline, body[0], body[-1] + 1)
    body_texts = [blocks[k].text for k in body if k != headline]
    title_names_body = names_the_body(blocks[headline].text if headline is not None else title, body_texts)
    # the text cleaner costs ~15 % of a page's time: only for a field neither the header nor the markup gives
    from_text = None
    if (
        not (printed.authors or person_names(markup.authors))
        or not (printed.published_date or markup.published_date)
        or not title_names_body
    ):
        from_text = page_text_metadata(doc, blocks)
        printed = PageMetadata(
            published_date=printed.published_date or from_text.published_date,
            authors=printed.authors or from_text.authors,
        )
    metadata = page_metadata(extracted, markup, printed)
    if metadata.published_date is None:
        metadata = replace(metadata, published_date=date_in_page_text(root))

    kept = [block.text for k, (block, reason) in enumerate(zip(blocks, reasons)) if reason is None and k != headline]
    if headline is not None:
        kept.insert(0, blocks[headline].text)
    removed = tuple(
        RemovedBlock(position=k, text=block.text, reason=reason)
        for k, (block, reason) in enumerate(zip(blocks, reasons))
        if reason is not None
    )
    title = blocks[headline].text if headline is not None else metadata.title or None
    if not title_names_body and from_text is not None and names_the_body(from_text.title, body_texts):
        title = from_text.title  # the title metadata names the site or section: the headline the page prints
    return CleanedDocument(
        article_id=doc.article_id,
        clean_text="\n\n".join(kept),
        title=title,
        published_date=metadata.published_date,
        authors=metadata.authors,
        publisher=metadata.publisher,
        removed=removed,
    )
