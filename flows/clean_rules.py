"""Rules and thresholds of the plain-text boilerplate cleaner, kept as data.

`flows.clean` reads everything here; nothing here runs on its own. Each cue
pattern maps a block to the snake_case reason recorded when the block is
dropped. Thresholds say what they were tuned on: the l3s-gn1 development set
(tests/corpora/l3s-gn1, text inputs) and the five seed articles. Since the
learned block model (flows.clean_model) decides which blocks are kept, the
block classes and the region search here are its features (and the fallback
when it keeps nothing); the KEEP_* thresholds were chosen across corpora.
"""

from __future__ import annotations

import re

# --- Lengths in scripts without spaces ---------------------------------------
# Stop words come from flows.language (the page's language). In Japanese,
# Chinese or Thai a word is about two letters (the usual average of word
# segmenters' output on news text; no gold in these scripts here), and a letter
# carries about as much text as three characters of a spaced script, so the
# character thresholds below (set on English) apply to every script.
UNSPACED_CHARS_PER_WORD = 2.0
UNSPACED_CHAR_WEIGHT = 3

# --- Block classes -----------------------------------------------------------
# A block (one non-empty line) is "good" prose when it is long enough and dense
# in stop words, like jusText's classes but on pasted lines. On the dev set,
# 97 % of gold lines of 80 characters or more have a density of 0.25 or more;
# so do 71 % of the boilerplate lines that long (comments, teasers, promos):
# density alone does not find the body, position and cues do the rest.
GOOD_MIN_CHARS = 80
GOOD_MIN_STOP_DENSITY = 0.25
# Shorter blocks that read like sentences (end in . ! ? or a closing quote and
# have a few words) are "near good": kept inside the body and at its edges,
# too light to make a body on their own.
NEAR_GOOD_MIN_WORDS = 3
NEAR_GOOD_MIN_STOP_DENSITY = 0.15
# Hard-wrapped text: no line longer than this (pasted page text always has
# longer paragraphs: every dev page does).
WRAP_MAX_WIDTH = 100
# In hard-wrapped text, a line this long without a sentence end, followed by a
# line starting in lower case, is joined with it into one block.
WRAPPED_LINE_MIN_CHARS = 30
# A paragraph of two or more lines, all but the last within WRAP_RAGGEDNESS
# characters of the longest (at least WRAP_MIN_WIDTH), is wrapped prose.
WRAP_MIN_WIDTH = 50
WRAP_RAGGEDNESS = 15
# Blocks of more than this many words are prose whatever cue phrase they hold,
# unless the cue opens the block (CUE_ANY_LENGTH).
CUE_MAX_WORDS = 14
# Three or more " | " or "•" separated items on one line are a menu.
MENU_MIN_SEPARATORS = 2

# --- Learned decision ---------------------------------------------------------
# A block is kept when the block model (flows.clean_model) gives it at least
# this probability of being article content. Chosen by leave-one-corpus-out
# F1 (benchmarks/cleaner_training.txt): 0.45 / 0.5 / 0.55 gave l3s-gn1 0.948 /
# 0.948 / 0.953, dragnet 0.848 / 0.853 / 0.853, cleaneval 0.908 / 0.90 / 0.890.
KEEP_MIN_PROBABILITY = 0.5
# A page without a single prose block (no densest region) has an article only
# when the model keeps at least this many words of it (tables of contents,
# legal texts in short lines); fewer are menu words. Set by hand, not tuned.
NO_PROSE_MIN_WORDS = 50
# Outside the main run of kept blocks (flows.clean.main_run), a block needs
# this probability: comments and teasers after the article look like prose.
# 0.7 against 0.5: dragnet +0.003-0.005 F1 left out, the others unchanged.
KEEP_OUTSIDE_RUN_MIN_PROBABILITY = 0.7
# A block between two kept blocks at most GAP_MAX_BLOCKS blocks apart is kept
# when the model gives it at least GAP_MIN_PROBABILITY and it has no cue, date
# or byline of its own (flows.clean.fill_gaps): a short paragraph inside the
# article that the model doubted. Calibrated on models trained on one corpus
# and scored on each other one (each left-out fold chose by its two training
# corpora only): gaps of 3 / 6 blocks against none, any minimum 0.1-0.3, gave
# l3s-gn1 (dragnet model) 0.965 / 0.965 against 0.962, cleaneval (dragnet model)
# 0.748 / 0.749 against 0.738, the other pairs unchanged. Left-out F1 in
# benchmarks/cleaner_training.txt (cleaneval 0.898 -> 0.905, the others unchanged).
GAP_MIN_PROBABILITY = 0.2
GAP_MAX_BLOCKS = 6

# --- Region search -----------------------------------------------------------
# The body is the contiguous run of blocks with the highest total score
# (maximum-sum subarray). A good block scores its word count (capped, so one
# huge comment cannot outweigh the article); boilerplate costs a fixed amount.
# Tuned on the dev set: F1 within 0.003 of its best for BAD_SCORE -4 to -10
# and SHORT_SCORE -2 to -4, on both halves.
GOOD_WORDS_CAP = 80
NEAR_GOOD_SCORE = 1.0
SHORT_SCORE = -2.0
BAD_SCORE = -6.0
# A section cue ("Related stories", "Comments", BOUNDARY_REASONS) after the
# body closes it: it costs as much as this many words of prose.
BOUNDARY_SCORE = -60.0
# After a section cue that follows this many words of prose, prose counts at
# this weight for the rest of the page: comments and teasers come after the
# article. Halving it again at each further cue lost short articles that come
# after a block of promotional prose and several cues (dev set, both halves).
PROSE_BEFORE_SECTION_WORDS = 50
AFTER_SECTION_WEIGHT = 0.5

# --- Title -------------------------------------------------------------------
TITLE_MAX_WORDS = 25
TITLE_MIN_WORDS = 2
# How many blocks before the body the headline is looked for.
TITLE_LOOKBACK = 12
# Date lines and bylines are looked for this many blocks after the headline
# (then before it): the learned body starts at the headline, not after the byline.
HEAD_LOOKAHEAD_BLOCKS = 6
# A line of at most this many words with a year may be a date line in another language.
LOCAL_DATE_MAX_WORDS = 8
# A head line that is not a date line but states one ("site.com, Monday 29 October 2012 13.10 EDT",
# "9th August 2012 by ..."): read when no date line is near the headline.
DATE_MENTION_LINE_MAX_WORDS = 15
# A blog post's footer, in the first blocks after the body: "Posted by A at 2:00 AM",
# "This entry was posted on 23 October 2012 at 8:14 pm and is filed under ...".
FOOTER_LOOKAHEAD_BLOCKS = 3
BYLINE_FAR_LOOKBACK = 24  # "By ..." lines this far above the body, when none is near: +6 bylines on the l3s tune part
POSTED_FOOTER = re.compile(r"^(?:this (?:entry|post) was )?posted\b", re.IGNORECASE)
# Candidate score weights (see flows.clean.find_title); fitted on half the dev
# pages, flat within +-3 titles for weights 1-3 / 0.6-1 / 0.1-0.2 / 0.05-0.1.
TITLE_SHARED_SHARE_WEIGHT = 2.0
TITLE_SHARED_WORD_WEIGHT = 0.6
TITLE_RANK_COST = 0.1
TITLE_LENGTH_COST = 0.1
TITLE_TYPICAL_WORDS = 9
# A headline has its byline or date line right below it; a prose line (deck, caption,
# highlight) rarely is the headline. Fitted on the l3s-gn1 tune part, whose gold bodies
# open with the headline: 214 of 329 headlines found before, 221 with these.
TITLE_ABOVE_BYLINE_BONUS = 3.0
# A line opening like a byline or a date line is not a headline ("Posted on September 18, 2012 ...").
METADATA_OPENING = re.compile(r"^(?:posted|published|updated|filed|by)\b", re.IGNORECASE)
TITLE_BYLINE_MAX_GAP = 2
# Head lines that look like headlines but label, credit or caption something (title misses on the
# tune parts of l3s-gn1 and dragnet, gold headline = first line of the gold body): a label
# ("Tags: ...", "Adjust font size:"), a credit ("Special Correspondent", "John Doe, WNS Ottawa
# Bureau Chief", an e-mail or @handle), a photo caption ("... Photograph: Name/Agency", "(XYZ Photo)").
NOT_HEADLINE = re.compile(
    r"^(?:(?:hot )?tags?|keywords?|topics?|filed under|categor(?:y|ies)|cast|sources?|credits?|ed\. note|note)\s*:"
    r"|:$|\w@\w|(?<!\S)@\w"
    r"|\b(?:correspondent|writer|reporter|editor|columnist|contributor|staff|bureau chief)s?$"
    r"|\bphoto(?:graph)?s?\s*:|\([^)]*\bphoto\)",
    re.IGNORECASE,
)
TITLE_PROSE_COST = 1.0
# Kept blocks above the headline are dropped as kicker and deck up to this many words; more is
# content the headline does not open (cleaneval's mixed pages; tune parts).
ABOVE_TITLE_MAX_WORDS = 40  # flat from 20 to 80 on the three tune parts
# A headline-like line at most this many lines above the one the model kept as the head (date
# lines not counted), sharing this many content words with the body, is the headline; the kept
# line is its deck or credit. Page-text titles on the tune parts (gold: first gold line):
# l3s-gn1 238 -> 241 of 319, dragnet 78 -> 80 of 119 (1-3 lines, 2-4 words: within 3 titles).
DECK_LOOKBACK = 2
HEADLINE_ABOVE_MIN_SHARED = 3
# The body's first prose blocks the headline's words are looked for in.
TITLE_BODY_BLOCKS = 5

# --- Repetition --------------------------------------------------------------
# A block seen in another article of the same site (this batch or earlier runs)
# is boilerplate. Long prose needs more evidence: wire copy is reprinted, so a
# paragraph shared by two pages may be a shared article, not a template.
REPEAT_MIN_ARTICLES = 1
REPEAT_PROSE_MIN_ARTICLES = 3
# Two pages of a batch sharing this share of the smaller one's prose blocks
# are one story, not two articles sharing a template. A prose block held by
# more pages than SAME_STORY_MAX_HOLDERS is a template paragraph, not evidence.
SAME_STORY_MIN_SHARE = 0.5
SAME_STORY_MAX_HOLDERS = 5


def _alternation(patterns: tuple[str, ...]) -> str:
    return "|".join(f"(?:{p})" for p in patterns)


# --- Cue phrases -------------------------------------------------------------
# (reason, patterns). Searched anywhere in short blocks (< CUE_MAX_WORDS words).
CUE_PHRASES: tuple[tuple[str, tuple[str, ...]], ...] = (
    (
        "reading_time",
        (r"\b\d+\s*min(?:ute)?s?\s+read", r"\bread(?:ing)? time\b"),
    ),
    (
        "author_bio",
        (r"^written by\b", r"^about the author\b", r"^(?:follow|contact) (?:the )?(?:author|writer|reporter)\b",
         r"\bcan be reached at\b", r"^more (?:articles|stories|posts) by\b"),
    ),
    (
        "comments",
        (r"^\(?\d*\)?\s*comments?\b", r"\bcomments?\s*\(\d+\)", r"\b\d+\s+comments?\b",
         r"\b(?:post|leave|add|write|submit|view|read|show|hide) (?:a |your |all |the )?(?:comments?|reply|replies|responses?)\b",
         r"\bno (?:comments|responses|replies)(?: yet)?\b", r"^responses?\b", r"^posted by\b",
         r"\bhave your say\b", r"\breport (?:as )?(?:abuse|inappropriate)\b", r"\binappropriate\?", r"^reply\b", r"^discussion$",
         r"\bvote on this comment\b", r"\bcomments? (?:posted|are|may be) (?:here )?(?:moderated|reviewed)\b", r"^article comments\b",
         r"^[\w .'-]{1,30} (?:said|says|wrote):$",
         r"\bjoin the (?:discussion|conversation)\b", r"\blog ?in to comment\b"),
    ),
    (
        "social_share",
        (r"^share\b", r"\bshare (?:this|story|article|on|via)\b", r"^tweet\b", r"\bcopy link\b",
         r"^(?:facebook|twitter|linkedin|whatsapp|pinterest|reddit|digg|email|e-mail|print|google\+?)$",
         r"\b(?:e-?mail|print|send|save) (?:this )?(?:article|story|page)\b", r"\bsend to a friend\b",
         r"\bprint (?:view|version)\b", r"^post to\b", r"\bbookmark\b", r"\bdel\.icio\.us\b", r"\bto a friend\b",
         r"^print(?:able|er[- ]friendly)? (?:version|page|this|format)\b", r"^(?:digg|stumble|delicious|reddit) (?:this|it)\b",
         r"^(?:story|article) tools\b", r"\bsingle page\b",
         r"^(?:print|e-?mail|share|save|comment|tweet|top|back|return to top)(?:\s*[|/,]?\s*(?:print|e-?mail|share|save|comment|tweet|top|back|return to top))+$",
         r"^follow us\b", r"\bconnect with us\b", r"\blike us on\b", r"\bfollow (?:us|me) on\b"),
    ),
    (
        "newsletter_signup",
        (r"\bsign ?up\b", r"\bsubscribe\b", r"\bnewsletters?\b", r"\bsubscription\b",
         r"\bdelivered to your inbox\b", r"\bavailable (?:to|for) download\b", r"^download (?:the|our)\b",
         r"\bregister (?:now|for free|here)\b", r"\be-?mail (?:alerts|updates)\b", r"\bfree trial\b"),
    ),
    (
        "related_links",
        (r"^(?:related|recent|latest|more|other|top|popular|featured|recommended|trending|similar)\b.{0,30}\b(?:stories|articles|news|posts|links|headlines|reports|coverage|videos|content|topics|items|reading)\b",
         r"^see also\b", r"^read (?:more|also|next)\b", r"^also (?:read|see|in)\b", r"^more (?:from|on|about|in)\b",
         r"^(?:you|we think you) (?:may|might) (?:also )?(?:like|enjoy)\b", r"^most (?:read|viewed|popular|emailed|e-mailed|commented|shared)\b",
         r"^related\b", r"^further reading\b", r"^(?:don't|do not) miss\b", r"^what'?s (?:hot|popular|new)\b",
         r"^(?:previous|next) (?:article|story|post)\b", r"^in (?:other|case you missed)\b", r"^editor'?s picks?\b",
         r"^more\s*(?:\.\.\.|…|»|>>?)?$", r"^more news\b", r"^recent posts\b", r"^(?:news )?tracker\b",
         r"^more [\w&'-]+(?: [\w&'-]+)?\s*(?:»|>>?|\.\.\.|…)?$", r"\bheadlines\s*(?:»|>>?)?$", r"^on the (?:net|web):?$",
         r"^(?:[\w']+ ){0,2}links\b", r"^most (?:discussed|blogged|watched|recent)\b"),
    ),
    (
        "advertisement",
        (r"^advertisement$", r"^advertisements?\b", r"^sponsored\b", r"^paid (?:content|post)\b", r"\bclick here\b",
         r"^ads? by\b", r"\badvertise (?:with|on) us\b", r"^promoted\b", r"^buy a link\b", r"^(?:brought to you|hosted|powered) by\b"),
    ),
    (
        "legal_notice",
        (r"\bcopyright\b", r"©", r"\ball rights reserved\b", r"\bprivacy (?:policy|statement|notice)\b",
         r"\bterms (?:of|and) (?:use|service|conditions)\b", r"\bcookie (?:policy|settings)\b", r"^disclaimer\b"),
    ),
    (
        "image_caption",
        (r"\((?:photo|image|picture|courtesy|credit|file)\b[^)]*\)\s*$", r"^(?:photo|image|picture|credit|courtesy|file photo)s?\s*(?::|by\b)",
         r"\b(?:getty images|afp photo|ap photo|reuters/|staff photo)\b", r"\bphoto(?:graph)?s? by\b"),
    ),
    (
        "navigation",
        (r"^(?:home|homepage|back to top|top of page|skip (?:to|navigation)|site ?map|contact us|about us|search|log ?in|sign ?in|register|rss(?: feeds?)?|menu|next|previous|back)\b\W*$",
         r"^you are here\b", r"^(?:go )?back to\b", r"^skip\b", r"^(?:advanced|site) search\b", r"^search (?:for|news|our)\b",
         r"^(?:view|see|show) (?:all|more)\b", r"^page \d+ of \d+\b", r"^\d+\s*(?:of|/)\s*\d+$", r"\btext size\b",
         r"^(?:next|previous|prev) page\b", r"^continued\b.*\bnext\b",
         r"^\[?\s*[-+]\s*\]?\s*text\b", r"»$", r"^«"),
    ),
)

# Cues that mark a block whatever its length (a long newsletter pitch or
# copyright notice still reads like prose): most must open the block (^).
CUE_ANY_LENGTH: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("newsletter_signup", (r"^(?:sign ?up|subscribe|register) (?:to|for|now|today)\b", r"^get (?:our|the) [\w\s-]{0,30}newsletter\b")),
    ("legal_notice", (r"^\(?(?:copyright|©|\(c\) \d{4})", r"^all rights reserved\b", r"^disclaimer\b",
                      r"\bmay not be (?:published|reproduced|redistributed|republished)\b",
                      r"\bcopyright\s*(?:©|\(c\))", r"©\s*(?:copyright\s*)?\d{4}\b",
                      r"\bnot responsible for the content of external\b")),
    ("author_bio", (r"^written by\b", r"^about the author\b")),
    ("related_links", (r"^(?:see also|read more|read also|also read|related|more on this|recommended)\s*:",)),
    ("comments", (r"^posted by\b", r"^\d+ comments?\b")),
    ("advertisement", (r"^advertisement\b",)),
    # A credit in parentheses closing the block: "... business (Courtesy Acme Corporation)".
    ("image_caption", (r"\((?:photo|image|picture|courtesy|credit|file photo|ap photo|afp|getty)\b[^()]*\)\s*$",)),
)

# Section headings that close the article when they follow it: the page turns
# to other content. Matched on short blocks only.
# Share and print tools are not among them: pages put those above, inside and
# below the article alike.
BOUNDARY_REASONS = frozenset({"related_links", "comments", "author_bio", "newsletter_signup"})

def _cue_regex(cues: tuple[tuple[str, tuple[str, ...]], ...], anchored: bool) -> re.Pattern[str]:
    """One regex per kind of cue: those opening the block (written with ^, used with .match) or not.

    Splitting them keeps the search fast: a long alternation of ^-patterns
    retried at every offset cost most of the cleaner's time.
    """
    groups = []
    for reason, patterns in cues:
        chosen = tuple(p[1:] for p in patterns if p.startswith("^")) if anchored else tuple(
            p for p in patterns if not p.startswith("^")
        )
        if chosen:
            groups.append(f"(?P<{reason}>{_alternation(chosen)})")
    return re.compile("|".join(groups), re.IGNORECASE)


def _word_start_split(cues: tuple[tuple[str, tuple[str, ...]], ...]) -> tuple[re.Pattern[str], re.Pattern[str]]:
    """Unanchored cues as two regexes: those starting at a word boundary share one leading \\b.

    A search then tries the alternatives only where a word starts, several
    times faster than trying every pattern at every offset.
    """
    word: list[tuple[str, tuple[str, ...]]] = []
    other: list[tuple[str, tuple[str, ...]]] = []
    for reason, patterns in cues:
        loose = [p for p in patterns if not p.startswith("^")]
        word.append((reason, tuple(p[2:] for p in loose if p.startswith(r"\b"))))
        other.append((reason, tuple(p for p in loose if not p.startswith(r"\b"))))
    word_regex = _cue_regex(tuple(item for item in word if item[1]), anchored=False)
    return re.compile(r"\b(?:" + word_regex.pattern + ")", re.IGNORECASE), _cue_regex(
        tuple(item for item in other if item[1]), anchored=False
    )


CUE_OPENING_REGEX = _cue_regex(CUE_PHRASES, anchored=True)
CUE_WORD_REGEX, CUE_OTHER_REGEX = _word_start_split(CUE_PHRASES)
CUE_ANY_LENGTH_OPENING_REGEX = _cue_regex(CUE_ANY_LENGTH, anchored=True)
CUE_ANY_LENGTH_REGEX = _cue_regex(CUE_ANY_LENGTH, anchored=False)
# Every unanchored CUE_ANY_LENGTH pattern needs one of these in the lower-cased
# block: a cheap test that spares the regex search on most long paragraphs.
CUE_ANY_LENGTH_TRIGGERS = ("©", "copyright", "(c)", "may not be", "not responsible", ")")

# --- Bylines, dates, publishers (date lines: flows.dates) -------------------
BYLINE_REGEX = re.compile(
    r"^(?:written |posted |story |reported |words )?by[:\s]+(?P<names>[A-Z][^\d|,;:()]{2,80}?)"
    r"(?:\s*(?:[,|;(]|\band\b\s*$|\s-\s|\s–\s|\s—\s|$))",
    re.IGNORECASE,
)
# A byline anywhere in a short head line, for metadata only (the block classes
# keep BYLINE_REGEX): "9th August 2012 by John Doe", "By Jane Roe
# at 1:12 pm", "By JOHN DOE and JANE ROE, Associated Press Writers".
# The names start with a capital letter; what precedes "by" must be a date.
AUTHOR_LINE_REGEX = re.compile(
    r"(?:^|(?<=[\s|,]))(?:written |posted |story |reported |words )?by[:\s]+"
    r"(?P<names>(?-i:[A-Z])[^\d|,;:()@·•]{2,80}?)"
    r"(?=\s*(?:[,|;(/@·•]|\s[-–—]\s|\s(?:at|on)\s|$))",
    re.IGNORECASE,
)
AUTHOR_LINE_MAX_WORDS = 25
# Before "by", besides a date: a time ("9:26AM") or an age ("23 mins ago").
AUTHOR_LINE_TIME = re.compile(r"\d+\s*(?:am|pm)\b|\b\d+\s*(?:mins?|minutes?|hrs?|hours?|days?)\s+ago\b", re.IGNORECASE)
# "John Doe on November 7, 2012, 6:43 PM": a name and the date, joined by one of these.
# Not a comma: "NEW DELHI, January 11, 2008" is a dateline's place.
NAME_BESIDE_DATE_JOINERS = re.compile(r"^(?:posted\s+)?(?:by\s+)?|\s*(?:\bon\b|[|—·•])\s*$", re.IGNORECASE)
# A credit line in or after the body: "(Reporting by John Doe; Editing by ...)", opening the
# line or a bracket; "Additional reporting by" names contributors, editors are not authors, and
# "... sources reported by Reuters" in a sentence is no credit.
CREDIT_REGEX = re.compile(
    r"(?:^|(?<=[(;.]\s)|(?<=[(;]))(?:reporting|writing) by[:\s]+"
    r"(?P<names>(?-i:[A-Z])[^;)|\d]{2,80}?)(?=\s*(?:[;)|]|\s(?:editing|edited)\b|$))",
    re.IGNORECASE,
)
# A name line without "By" in the head: "Jane Roe in Rome" (a dateline place after the name).
NAME_IN_PLACE_REGEX = re.compile(r"^(?P<names>(?:[A-Z][\w'’.-]+\s+){1,3}[A-Z][\w'’.-]+)\s+in\s+[A-Z][\w .'’-]+$")
# A wire agency a byline credits beside or instead of a person ("By JOHN DOE AND AP"): an
# acronym on its own, kept as written, as the dev gold keeps it among the authors.
AGENCY_ACRONYM = re.compile(r"[A-Z]{2,5}")
# "Copyright © 2007 The Riverton Times Company. All rights reserved." -> the
# capitalised words after the mark and year.
_NAME_WORD = r"[A-Z][A-Za-z&.'’-]*"
PUBLISHER_REGEX = re.compile(
    r"(?:copyright|©|\(c\))(?:\s*(?:©|\(c\)))?\s*(?:\d{4}(?:\s*[-–]\s*\d{4})?\s*,?\s*)?(?:by\s+)?"
    rf"(?P<name>(?-i:{_NAME_WORD}(?:\s+(?:{_NAME_WORD}|of|and|&|de|du|la)){{0,6}}))",
    re.IGNORECASE,
)

# Words that show a byline or a name line holds an organisation or a role, not a person.
NOT_NAME_WORDS = frozenset(
    """
    staff agencies agency press associated news times post daily writer reporter editor correspondent
    contributor online reuters afp ap bloomberg newswire wire service services media group team desk
    network networks bureau sports sport chief writers reporters editors correspondents
    the a an of for in on at by and updated published posted read min comments share
    ltd inc llc com deputy senior special our your my more with without find do get photo photos
    last this article launched created edited update date full
    monday tuesday wednesday thursday friday saturday sunday
    """.split()
)
# Link labels pasted after a byline's name ("John Doe Email Author", "Jane Roe View Profile"):
# the name ends before them.
AUTHOR_LINK_WORDS = frozenset(
    "email author profile view follow contact twitter rss add comment comments".split()
    + "january february march april june july august september october november december".split()
    + "jan feb mar apr jun jul aug sep sept oct nov dec".split()
)
# A link label glued to the name in pasted text: "John DoeEmail Author".
GLUED_LINK_LABEL = re.compile(r"(?<=[a-z])(?=(?:Email|E-mail|Profile|Follow|Contact|Twitter|View)\b)")
# Words that end a publisher's name or show the match is not one.
NOT_PUBLISHER_WORDS = frozenset(
    "all rights reserved notice privacy policy terms conditions copyright disclaimer contact us about".split()
)
