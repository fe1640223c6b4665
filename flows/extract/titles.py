"""Job-title lexicon shared by role extraction and entity filtering.

`flows.extract.roles` finds person - title - organisation triples with it;
`flows.extract.entities` uses it to drop generic roles ("Founder", "CEO")
that the NER model tags as names. Kept as data: extend the tuples, not code.
"""

from __future__ import annotations

import re
import string

# Main words of a job title (the word the gold scoring matches on).
TITLE_HEADS = (
    "chief executive officer", "chief executive", "chief financial officer",
    "chief operating officer", "chief technology officer",
    "ceo", "cfo", "coo", "cto", "cmo", "cio", "cso",
    "co-founder", "cofounder", "founder",
    "president", "chairman", "chairwoman", "chairperson", "chair",
    "managing director", "general manager", "director", "manager",
    "analyst", "economist", "strategist", "researcher", "engineer",
    "spokesperson", "spokesman", "spokeswoman",
    "head", "partner", "executive", "officer", "secretary", "treasurer",
    "editor", "professor", "adviser", "advisor", "consultant", "owner",
    "minister", "governor", "mayor", "ambassador", "commissioner",
    "board member", "senator", "representative", "congressman", "congresswoman",
    "lawmaker", "chancellor", "premier", "prime minister",
    # News prose of the tuning parts of the development gold and PolNeAR train:
    "secretary-general", "correspondent", "contributor", "reporter", "columnist",
    "envoy", "leader", "pollster", "attorney", "lawyer", "aide", "superintendent",
    "publisher", "producer", "scientist", "coordinator", "administrator", "lobbyist",
    "anchor", "moderator", "singer", "chief", "chief of staff", "secretary of state",
    "attorney general", "surgeon general",
    # Occupations news names people by (none of them a word that starts
    # organisation names, such as "star" or "host", nor "writer", which
    # credit lines use: "Associated Press writer ... contributed"):
    "coach", "head coach", "captain", "quarterback", "guitarist", "drummer", "bassist",
    "vocalist", "frontman", "actor", "actress", "designer", "developer", "teacher",
    "doctor", "physician", "surgeon", "nurse", "sheriff", "inspector", "detective",
    "investigator", "prosecutor", "judge", "commander", "admiral", "colonel", "sergeant",
    "lieutenant", "trooper", "delegate", "organizer", "organiser", "activist", "advocate",
    "expert", "specialist", "historian", "curator", "author", "journalist",
    "photographer", "blogger", "critic", "commentator", "creator", "inventor", "pilot",
    "employee", "staffer", "trainer", "instructor", "dean", "provost", "trustee", "auditor",
    "accountant", "banker", "trader", "entrepreneur", "vp", "svp", "evp", "senior fellow",
    "research fellow", "evangelist", "architect", "chairman emeritus",
    # PolNeAR train, tuning part ("co-host of the ... podcast"; "host" alone starts names;
    # "a senior fellow at", "a member of the Democratic Riverside Committee", "an official
    # at", "Riverton Elementary School principal", "ABL ... player", "FBI agent"):
    "co-host", "secretary general", "fellow", "member", "official", "principal", "player", "agent",
    # Unlabelled l3s-gn1 pages, tuning part ("the XYZ's Director General John Doe",
    # "John Doe, pastor of the Riverton Baptist Church"):
    "director general", "director-general", "pastor", "priest", "rabbi", "bishop", "imam",
    # Jobs news names people by that the lists above lacked, general news prose (none of them a
    # word that ends organisation names, such as "boss", "guard", "forward" or "broadcaster"):
    "mp", "councillor", "councilman", "councilwoman", "alderman", "assemblyman", "assemblywoman",
    "legislator", "diplomat", "negotiator", "president-elect", "lecturer", "scholar",
    "striker", "midfielder", "goalkeeper", "defender", "winger", "pitcher", "linebacker",
    "shortstop", "outfielder", "cornerback", "rapper", "musician", "comedian", "presenter",
    "novelist", "playwright", "screenwriter", "filmmaker", "composer", "conductor", "chef",
    "investor", "broker", "supervisor", "controller",
)
# Words that qualify a title without being its main word.
TITLE_MODIFIERS = (
    "senior", "junior", "chief", "executive", "vice", "deputy", "assistant",
    "acting", "interim", "global", "regional", "lead", "principal", "general",
    "managing", "associate", "group", "joint", "honorary", "founding",
    "non-executive", "independent", "research", "industry", "market", "special",
    "former", "campaign", "press", "policy", "foreign", "marketing", "product",
    "sales", "communications", "national", "political", "legal", "goodwill", "line",
    "program", "project", "security", "technical", "creative", "news", "majority",
    "minority",
)

# Titles a cause or a field qualifies, not an employer: "LGBTQ activist", "Dream Act activist",
# "Russia expert" (PolNeAR train, tuning part). A name before them is no organisation.
CAUSE_TITLES = frozenset({"activist", "advocate", "expert", "specialist", "critic", "campaigner"})

_HEADS = "|".join(sorted((re.escape(h) for h in TITLE_HEADS), key=len, reverse=True))
_MODS = "|".join(sorted((re.escape(m) for m in TITLE_MODIFIERS), key=len, reverse=True))
# "Chief Strategy Officer": any one or two words between "chief" and "officer".
# Any head takes "co-" ("co-director", "co-chair": PolNeAR train, tuning part).
TITLE_PATTERN = (
    rf"(?:(?:{_MODS})[\s-]+)*"
    rf"(?:chief\s+(?:[A-Za-z&]+\s+){{1,2}}officers?|(?:co-)?(?:{_HEADS})s?)"
)
TITLE_RE = re.compile(rf"\b{TITLE_PATTERN}\b", re.IGNORECASE)
# "Founder, President and CEO", "founder and chief executive", "Founder, Chairman & CEO"
TITLE_LIST_PATTERN = rf"{TITLE_PATTERN}(?:\s*(?:,\s*(?:and\s+)?|\s+and\s+|\s*&\s*){TITLE_PATTERN})*"
_FULL_TITLE_RE = re.compile(rf"{TITLE_LIST_PATTERN}", re.IGNORECASE)


# The first word of every title TITLE_RE matches, lower case: a modifier's, a head's (with
# its plural "s" for a one-word head), "chief" and the "co" of "co-".
_FIRST_WORDS = {re.split(r"[\s-]", word)[0] for word in (*TITLE_MODIFIERS, *TITLE_HEADS, "chief", "co-")} | {
    head + "s" for head in TITLE_HEADS if not re.search(r"[\s-]", head)
}
# Grouped by first letter, so that one comparison skips most words (a flat alternation of
# the words took 3x the time of this one over the development corpora's pages).
_FIRST_WORD_RE = re.compile(r"\b(?:" + "|".join(
    f"{letter}(?:{'|'.join(sorted((w[1:] for w in _FIRST_WORDS if w[0] == letter), key=len, reverse=True))})"
    for letter in sorted({w[0] for w in _FIRST_WORDS})
) + r")(?!\w)")
# To lower case, as re.IGNORECASE compares: ASCII letters and the four other letters it
# matches with ASCII ones (the dotted and dotless i, the long s, the Kelvin sign).
_FOLD = str.maketrans({**{c: c.lower() for c in string.ascii_uppercase}, "\u0130": "i", "\u0131": "i",
                       "\u017f": "s", "\u212a": "k"})


def title_match_starts(text: str, lo: int, hi: int) -> list[int]:
    """Where the matches of `TITLE_RE.finditer(text, lo, hi)` start, found faster.

    The case-blind alternation tries each of its words at every word start;
    here a case-sensitive scan of the lower-cased stretch finds the words a
    title can start with, and TITLE_RE is tried there alone (the same starts:
    a test compares them on development texts).
    """
    starts, resume = [], lo
    for word in _FIRST_WORD_RE.finditer(text[lo:hi].translate(_FOLD)):
        at = lo + word.start()
        if at >= resume and (title := TITLE_RE.match(text, at, hi)):
            starts.append(at)
            resume = title.end()
    return starts


def is_title(text: str) -> bool:
    """True when the whole text is a job title or a list of them."""
    return _FULL_TITLE_RE.fullmatch(text.strip()) is not None


def split_titles(title_list: str) -> list[str]:
    """The single titles of a list, each in the singular: "Founder, President and
    CEO" -> three; "co-founders" -> "co-founder"."""
    return [_singular(m.group(0)) for m in TITLE_RE.finditer(title_list)]


def _singular(title: str) -> str:
    if title[-1:] in "sS" and _FULL_TITLE_RE.fullmatch(title[:-1]):
        return title[:-1]
    return title
