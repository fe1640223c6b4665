"""Credit lines of an article: who wrote, edited and photographed it, not who acted in it.

`flows.extract.entities.extract_entities` calls `credit_spans` on every clean
text and drops the names inside them with the reason `credit_line`
(tests/gold/GUIDELINES.md, "Additions": photo credits, "Reporting by …
Editing by …", "Write to …", bylines and agency credits are not entities).
The cleaner removes most such lines; these are the ones that sit inside the
body it keeps. The forms are matched by shape and cue words, never by the
names of agencies or people, so they hold for any publisher.
"""

from __future__ import annotations

import re

# What the subject of an author's tagline is.
_WRITER_WORDS = "editor|writer|reporter|correspondent|columnist|contributor|journalist|blogger"
# Last words of a photo agency or publisher in a credit ("Getty Images", "Harbor Press").
_AGENCY_WORDS = "Images|Press|Photo|Photos|Pictures|Agency|Association|Pressphoto"
_NAME = r"[A-Z][\w'.-]*(?:\s+(?:[A-Z][\w'.-]*|de|van|von|al|bin))*"
# Each pattern matches one credit; the whole match is the span dropped.
CREDIT_PATTERNS = tuple(re.compile(p, re.MULTILINE) for p in (
    # A byline on its own line: "By Jane Roe, Associated Press Writer".
    # Blog forms: "Posted by Jane Roe on March 3, 2012", "By Jane Roe | 10:02 AM".
    # Wire forms name the desk after a comma: "By Jane Roe and John Doe, Associated Press Writers 1 hour ago".
    rf"^[ \t]*(?:[Bb]y|BY|[Ww]ritten by|[Ss]tory by|[Pp]osted by|[Ss]ubmitted by)[ \t]+{_NAME}"
    rf"(?:[ \t]*(?:,|and|&)[ \t]*{_NAME})*(?:[ \t]+(?:on|\||-|–|—)[ \t][^\n]*"
    rf"|,[ \t](?:[A-Z][\w.&'-]*[ \t]+){{0,4}}(?i:{_WRITER_WORDS}|staff)s?\b[^\n]{{0,40}})?[ \t]*$",
    # Wire credits: "(Reporting by …; Editing by …)", "Additional reporting by …".
    r"\((?:[^()\n]*\b(?:[Rr]eporting|[Ee]diting|[Ww]riting|[Cc]ompiled|[Pp]roduced) by\b[^()\n]*)\)",
    r"(?:^|(?<=[.!?]\s))(?:[Aa]dditional )?(?:[Rr]eporting|[Ee]diting|[Ww]riting) by\b[^\n]*$",
    # "Associated Press writers … contributed to this report."
    r"(?:^|(?<=[.!?]\s))[^.!?\n]*\bcontributed(?: reporting)?(?: to)?(?: this| the)? (?:report|story|article)\b[^\n.]*\.?",
    r"(?:^|(?<=[.!?]\s))(?:[A-Z][\w'-]+\s){1,3}reported from [A-Z][^\n.]*\.",
    # An author's tagline: "Jane Roe is executive editor of Example.com's Business Channel."
    rf"^{_NAME}\s+is\s+(?:a|an|the)?\s*[^.\n]{{0,60}}\b(?:{_WRITER_WORDS})s?\b[^\n]*$",
    # Photo credits: "REUTERS/John Doe", "AP Photo/Name", "Name/Getty Images", "Photo / Reuters".
    r"\b(?:[A-Z]{2,}(?:\s[A-Z]{2,})*|[A-Z][\w.&]*\s(?:Photos?|Pictures|Images))\s?/\s?"
    r"(?:[A-Z][a-z][\w'-]*(?:\s[A-Z][a-z][\w'-]*)+|[A-Z]{2,}(?:\s[A-Z][A-Z'-]+)+)",
    rf"\b[A-Z][\w'-]+(?:\s[A-Z][\w'-]+)+\s?/\s?(?:[A-Z][\w.&]*\s)*(?:{_AGENCY_WORDS})\b",
    r"(?:^|(?<=[(\s]))(?:Photo(?:graph)?s?|Picture|Image|Credit)[ \t]*(?:/|:|by\b)[ \t]*[^\n]{0,60}",
    # A gallery link on its own line: "23 Photos".
    r"^[ \t]*\d+[ \t]+(?:Photos|Pictures|Images|Videos)[ \t]*$",
    # "Write to Jane Roe at jane.roe@example.com", "Follow Jane Roe on Twitter".
    r"^[ \t]*(?:[Ww]rite to|[Cc]ontact|E-?mail)[ \t]+{name}[^\n]*\bat\b[^\n]*$".replace("{name}", _NAME),
    rf"\b[Ff]ollow\s+{_NAME}\s+on\s+Twitter\b[^\n]*",
    # The agency of a dateline: "LONDON (AP) —".
    r"(?<=[A-Z]\s)\([A-Z][\w .&-]{0,30}\)(?=\s*[-–—])",
    # Rights notices: a line opening with © or "Copyright", or stating all rights reserved
    # (a story about copyright keeps its sentences).
    r"^[ \t(]*(?:©|[Cc]opyright\b)[^\n]*$",
    r"^[^\n]*\b[Aa]ll [Rr]ights [Rr]eserved\b[^\n]*$",
))


# Text that every match of the pattern at the same place in CREDIT_PATTERNS holds (None: no
# such text worth looking for). A pattern scans only texts that hold one of its needles: most
# texts hold no credit of most forms, and `in` is far cheaper than a scan (credit_spans took
# 0.35 s instead of 1.3 s of CPU over the 1,000 extract_speed texts, same spans).
_NEEDLES = (
    None, (" by",), ("ing by",), ("contributed",), ("reported from ",), None, ("/",), ("/",),
    ("Photo", "Picture", "Image", "Credit"), None, None, ("Twitter",), ("(",), None, ("eserved",),
)


def credit_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of every credit line in `text`, in order."""
    spans = sorted({
        m.span()
        for pattern, needles in zip(CREDIT_PATTERNS, _NEEDLES, strict=True)
        if needles is None or any(needle in text for needle in needles)
        for m in pattern.finditer(text)
    })
    return [(start, end) for start, end in spans if end > start]


def overlaps(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    """Whether [start, end) overlaps any of `spans`."""
    return any(s < end and start < e for s, e in spans)
