"""Person - job title - organisation triples stated in an article.

`flows.extract.extract_facts` calls `extract_roles` for every document, with
the entities `flows.extract.entities` found in it. Hand-written because
news states roles in a handful of fixed shapes that patterns over entity
spans and a title lexicon (`flows.extract.titles`) read exactly, without
parsing every sentence (the parse would halve the speed of the NER-only
pipeline):

    Jane Roe, Founder, President and CEO of Lumexo     (one row per title)
    Alan Roe, senior analyst at QRS Automotive
    William Doe, the President of Lumexo Group
    John Doe, Zentrix's CEO / John Doe, CEO, Zentrix
    Lumexo's founder and chief executive Jane Roe / Zentrix CEO John Doe
    The company's founder, Jane Roe                    (the company: the organisation referred to)
    CEO John Doe of Zentrix
    Brightway co-founders Sam Doe and Paul Roe         (one title, two people)
    Corvex's Eric Doe, product line manager
    Milan Doe, then leader of the party
    Carl Roe, a law professor at the University of Lakeland      (free words before the title)
    Matt Doe, executive director of the advocacy group Forward Iowa
    Chuck Roe (R-Iowa), chairman of the Judiciary Committee
    Geoff Doe, a Democratic pollster working for Outlook USA
    National Dawn party leader, Marie Le Roe           (a noun between organisation and title)
    Steve Doe, its chief executive                     (its: the organisation referred to)
    Jane Roe is the company's chief executive / He is the bank's founder
    John Doe, who founded TAROS                        (a verb that states a title)
    Rahul Doe took over as chief executive of Brightway / Bob Roe returned as Lark's CEO
    Ruth Doe joined Findly as its chief financial officer
    John Doe's tenure as chief executive of Zentrix
    Nina Roe, a Doe supporter and president of the Center for Civic Renewal
    Sam Doe / The Brightway founder ... ; He is leader of The Wardens
                                                       (the person named just before)
    Lars Roe, a researcher from Sweden's Hadley University
    Ravi Doe, chief operating officer (COO) of QuickNook
    Klaus Doe, vice president and automotive practice leader at Harlow Inc.
    Pamela Roe – the president of ...             (a dash for the comma)
    Henry Doe, a factional RAFT leader / Countess Marlow (a Marlows director)
    Ian Roe is a graphic designer living in Tokyo and the art director of Neoborealis
    Quarterback Tom Doe of the North Lakeland Herons / Jane Roe of Acme, a senior analyst
    Gwen Doe and Judy Roe, two QBS journalists         (a plural title for both)

    Chief Strategy Officer Jane Roe                    (no organisation: the article's main one)

"The company", "the bank", "the committee", "its" ... are resolved by
`flows.extract.entities.org_antecedent` (the resolver quote speakers use too): the
nearest organisation before them, within ORG_REFERENCE_REACH_CHARS, whose name fits
the noun ("the company" is no university; "the committee" the Democratic Riverside
Committee or the RRC), never a country or a place.

An organisation the NER model missed but written right before the title of
a person ("TAROS president Jane Roe") is found by `flows.extract.entities`
(capitalised words before "title Person"), so the compound shape reads it.

A corporate title with no organisation goes to the organisation the article
is about, when one dominates it (the seeds' gold states these roles);
otherwise a title with no organisation stated is no role. A country or state
is no organisation: only ORG mentions are organisations here, and
`flows.extract.entities` types known places as LOCATION ("US Secretary of
State Clara Doe" gives no role).

Person and organisation mentions are masked in place (same length, so
offsets stay those of clean_text) and the shapes are regular expressions
over the masked text.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator

from flows.extract.entities import (
    COMPANY_REFERENCES,
    INSTITUTION_REFERENCES,
    DocEntities,
    normalise_for_ner,
    org_antecedent,
)
from flows.extract.titles import (
    TITLE_PATTERN,
    TITLE_HEADS,
    TITLE_LIST_PATTERN,
    TITLE_MODIFIERS,
    is_title,
    split_titles,
    title_match_starts,
)
from flows.records import EntityMention, Role

_PERSON_MARK, _ORG_MARK, _FILL = "\x01", "\x02", "\x03"
_P = rf"(?P<person>{_PERSON_MARK}{_FILL}*)"
_O = rf"(?P<org>{_ORG_MARK}{_FILL}*)"
_T = rf"(?P<titles>{TITLE_LIST_PATTERN})"
# "Klaus Doe, vice president and automotive practice leader at Harlow Inc.": after an
# apposition's first title, a later one of the list may carry up to two words the lexicon
# does not hold (unlabelled l3s-gn1 pages, tuning part); split_titles reads the lexicon's.
_T_LOOSE = (rf"(?P<titles>{TITLE_PATTERN}(?:\s*(?:,\s*(?:and\s+)?|\s+and\s+|\s*&\s*)"
            rf"(?:(?-i:[a-z][\w-]*)\s+){{0,2}}?{TITLE_PATTERN})*)")
_DET = r"(?:(?:the|a|an|its|their)\s+)?"
_POSS = r"(?:'s?)?"
# Nouns news puts for an organisation named before ("the company's founder, Jane Roe", "a
# spokeswoman for the bank", "Jane Roe, its president"): the organisation the reference
# resolver of `flows.extract.entities` (`org_antecedent`) finds for the noun.
ANAPHOR_NOUNS = tuple(sorted(COMPANY_REFERENCES | INSTITUTION_REFERENCES | {"group", "organization", "organisation"},
                             key=len, reverse=True))
_ANAPHOR = rf"(?P<anaphor>the\s+(?:{'|'.join(ANAPHOR_NOUNS)})'s?|its|their)"
# What news calls an organisation before naming it: "executive director of the
# advocacy group Forward Iowa", "managing partner of the investment bank
# Eastfield Capital", "an activist for the environmental group Greenwatch"
# "a columnist for the Italian newspaper Gazzetta del Lago" (PolNeAR train,
# tuning part). Up to three words may qualify the noun ("CTO of online fraud protection company
# TrustWarden": unlabelled l3s-gn1 pages, tuning part).
ORG_DESCRIPTOR_NOUNS = (
    "group", "firm", "company", "bank", "think tank", "agency", "organization", "organisation",
    "network", "newspaper", "magazine", "website", "party", "union", "association", "coalition",
    "committee", "foundation", "institute", "nonprofit", "charity", "startup", "start-up",
    "consultancy", "station", "channel", "label", "team", "club", "league", "council",
    "carmaker", "automaker", "maker", "retailer", "lender", "insurer", "manufacturer", "giant",
    "conglomerate", "operator", "provider", "publisher", "fund", "campaign",
)
# "a researcher from Sweden's Hadley University": a possessive place name may come first.
_ORG_LEAD = (rf"(?:the\s+)?(?:(?-i:[A-Z][\w.-]*)'s\s+)?"
             rf"(?:(?:[\w-]+\s+){{0,3}}?(?:{'|'.join(ORG_DESCRIPTOR_NOUNS)})\s+)?")
# Words that are not the noun between an organisation and its title ("Zentrix said CEO ...").
_GAP_STOP = (r"(?:and|or|but|nor|said|says|told|to|of|for|at|by|from|than|as|on|in|with|under|over|about"
             r"|into|after|before|against|between|during|via|like|the|a|an|its|his|her|their)")
# "National Dawn party leader", "Lakeland University basketball coach": one lower-case noun,
# which a title's modifier may qualify ("a University of Riverton political science
# professor": PolNeAR train, tuning part; two free words read "the XBC drama follows Secretary").
_NOUN_MODIFIER = rf"(?:(?-i:{'|'.join(sorted(TITLE_MODIFIERS, key=len, reverse=True))})\s+)?"
_NOUN = rf"(?:{_NOUN_MODIFIER}(?-i:(?!{_GAP_STOP}\b)[a-z][\w-]*)\s+)??"
# "a law professor at", "a Democratic pollster working for": up to two words
# before the title in an apposition, the fewest that let a title follow.
_FREE = r"(?:(?!(?:the|a|an|of|at|for|with|in|and|or|who|whose|which|that|said|says)\b)[\w-]+\s+){0,2}?"
_LEAD = rf"(?:(?:the|a|an|its|their)\s+)?{_FREE}"
# After a verb ("John Doe is a former Zentrix engineer"), free words only behind an
# article: "Doe told the lawmakers in the House" is no role.
_LEAD_AFTER_VERB = rf"(?:(?:the|a|an|its|their)\s+{_FREE})?"
# "Chuck Roe (R-Iowa), chairman of the Judiciary Committee", "Jane Doe, 45, a teacher at"
_PAREN = r"(?:\s+\([^()\n]{1,40}\)|,\s+\d{1,3}(?=,))?"
# "Debra Marlow Quill" after "DRC Chair Rep.": an honorific the name leaves out.
_HON = r"(?:(?:Rep|Sen|Gov|Dr|Mr|Mrs|Ms|Prof)\.?\s+)?"
# "a spokeswoman for the company": the organisation named last.
_THE_COMPANY = rf"(?P<anaphor>the\s+(?:{'|'.join(ANAPHOR_NOUNS)}))(?![\w'-])"
# "Geoff Doe, a Democratic pollster working for Outlook USA"
# "Jane Quill, a judge on the United States Court of Appeals"
# "Lars Roe, a researcher from Hadley University" (unlabelled l3s-gn1 pages, tuning part)
# Not "to": "an adviser to Republicans", "a top aide to Senate Majority Leader ..." (PolNeAR train,
# tuning part: one right of four).
_AT = r"(?:(?:working|who\s+works|who\s+worked)\s+)?(?:of|at|for|with|in|on|from)"

# A title starts a word with one of the first letters of the lexicon's words:
# checking that first keeps the case-blind alternation off most positions.
_TITLE_START = (rf"(?<![\w{_FILL}'])(?=[{''.join(sorted({w[0] for w in TITLE_HEADS + TITLE_MODIFIERS}))}])")
_P2 = rf"(?:\s+and\s+(?P<person2>{_PERSON_MARK}{_FILL}*))?"
# "Concord envoy (and the force behind the conference) Tony Doe"
_ASIDE = r",?\s+(?:\([^()]*\)\s+)?"
# "X is / was named / serves as / has been CEO of Y", "X, who served as CEO of Y"
_SERVES = (r"(?:(?:is|was|has\s+been|had\s+been|became|becomes|remains|serves|served|will\s+be"
           r"|named|appointed|elected|hired|also|now|then)\s+)*(?:as\s+)?")
# "vice president of marketing at Corvex": the field of a title before its organisation.
# "an expert on Russia at the Jonah Marlow Center", "a professor in public law at"
# "Vice-President for Membership of the Lakeland Business Group" (unlabelled l3s-gn1 pages,
# tuning part): a field after "for" may stand before "of".
_FIELD = (r"(?:\s+(?:(?:of|on|in)\s+(?:[\w&-]+\s+){0,2}?[\w&-]+(?=,?\s+(?:at|for|with|in)\s)"
          r"|for\s+(?:[\w&-]+\s+){0,2}?[\w&-]+(?=,?\s+(?:of|at|with|in)\s)))?")
# "Ravi Doe, chief operating officer (COO) of QuickNook.com": the title's abbreviation
# (unlabelled l3s-gn1 pages, tuning part); after an organisation, "Coastal Research and
# Development Organisation (CRDO) chief controller V.K. Doe".
_ABBR = r"(?:\s+\((?-i:[A-Z][\w&.-]{1,9})\))?"
_ORG_ABBR = rf"(?:\s+\((?:(?-i:[A-Z][\w&.-]{{1,9}})|{_ORG_MARK}{_FILL}{{1,9}})\))?"
# Between a name and its apposition: a comma, or a dash as blogs and news also write it
# ("Pamela Roe \u2013 the anti-Islam activist behind ...": unlabelled dragnet pages, tuning part).
_SEP = r"(?:,\s+|\s*(?:--|[\u2013\u2014])\s*|\s+-\s+)"
# "Henry Doe, a factional RAFT leader", "Tom Roe, a veteran New Hampshire GOP leader",
# "a former LAPRA leader": one lower-case word before the organisation (unlabelled l3s-gn1
# pages and PolNeAR train, tuning parts).
_ADJ = rf"(?:(?-i:(?!{_GAP_STOP}\b)[a-z][\w-]*)\s+)?"
# "Lisa Roe, then-administrator of the Coastal Protection Agency" (PolNeAR train, tuning part)
_THEN = r"(?:(?:then|now|also|currently|formerly)(?:\s+|-))?"
# "DAILY LARK contributor and monetary historian David Roe": a second description
# the lexicon does not hold, between the title and the name.
_DESCRIPTION_WORD = rf"(?-i:(?!{_GAP_STOP}\b)[a-z][\w-]*)"
_AND_MORE = rf"(?:\s+and\s+(?:{_DESCRIPTION_WORD}\s+){{0,2}}?{_DESCRIPTION_WORD}(?=,?\s+{_HON}{_PERSON_MARK}))?"
# "Nimbus's senior vice president of sales, Jane Doe": a lower-case field before the name.
# "Hadley Marlow director of technology Chris Doe": or right before it (unlabelled l3s-gn1
# pages, tuning part).
_FIELD_BEFORE_NAME = (rf"(?:\s+(?:of|for)\s+(?-i:[a-z][\w-]*)(?:\s+(?:and\s+)?(?-i:[a-z][\w-]*)){{0,2}}"
                      rf"(?=,|\s+{_HON}{_PERSON_MARK}))?")
# "X took over as CEO of Y", "X returned as Y's chief executive", "X stepped down as": a title
# after "as" and up to three lower-case words of a verb phrase.
_AS = r"(?:(?-i:[a-z][a-z-]*)\s+){1,3}?as\s+"
# "X joined Y as its chief financial officer": verbs that put a person into (or out of) a job
# at the organisation named after them (news prose; not calibrated on the development data).
JOB_VERBS = ("joined", "rejoined", "joins", "left", "leaves", "quit", "quits", "leads", "led", "runs", "ran")
ROLE_PATTERNS = tuple(re.compile(p, re.IGNORECASE) for p in (
    rf"{_P}{_PAREN}{_SEP}{_THEN}{_LEAD}{_T_LOOSE}{_ABBR}{_FIELD},?\s+{_AT}\s+(?:{_ORG_LEAD}{_O}|{_THE_COMPANY})",
    # "Austin Roe, an adviser to President Doe and a professor at the University of Northfield"
    # "Wesley Doe, a retired four-star general and former supreme allied commander of WXYZ"
    # (PolNeAR train, tuning part)
    rf"{_P}{_SEP}[^,;\n]{{3,60}}?\s+and\s+(?:former\s+{_FREE}|{_LEAD_AFTER_VERB}){_T}\s+{_AT}\s+{_ORG_LEAD}{_O}",
    # "Ian Roe is a graphic designer living in Tokyo and the art director of Neoborealis"
    # (unlabelled dragnet pages, tuning part)
    rf"{_P}\s+(?:is|was)\s+(?:a|an|the)\s+[^,;\n]{{3,60}}?\s+and\s+{_LEAD_AFTER_VERB}{_T}\s+{_AT}\s+{_ORG_LEAD}{_O}",
    # "Benjamin Doe, 43, who was the youngest leader of the LAPRA" (PolNeAR train, tuning part)
    rf"{_P}{_PAREN}(?:,\s+who)?\s+{_SERVES}{_LEAD_AFTER_VERB}{_T}{_FIELD}\s+{_AT}\s+{_ORG_LEAD}{_O}",
    rf"{_P}(?:,\s+who)?\s+{_AS}{_LEAD_AFTER_VERB}{_T}{_FIELD}\s+{_AT}\s+{_ORG_LEAD}{_O}",
    rf"{_P}(?:,\s+who)?\s+{_AS}{_DET}{_O}{_POSS}\s+{_NOUN}(?:new\s+|former\s+)?{_T}(?![\w-])",
    # "Marlow Quill's five years as leader of the Democratic Party", "Doe's tenure as CEO of Zentrix"
    rf"{_P}'s?\s+(?:(?-i:[a-z0-9][\w-]*)\s+){{0,3}}?as\s+{_LEAD_AFTER_VERB}{_T}{_FIELD}\s+{_AT}\s+{_ORG_LEAD}{_O}",
    rf"{_P}(?:,\s+who)?\s+(?:has\s+|had\s+|will\s+)?(?:{'|'.join(JOB_VERBS)})\s+{_O}\s+as\s+"
    rf"(?:(?:its|their|the)\s+)?(?:new\s+|next\s+|first\s+)?{_T}(?![\w-])(?!\s+(?:of|at|for)\s)",
    # "Florent Doe is a former U.S. Army captain" (PolNeAR train, tuning part)
    rf"{_P}(?:,\s+who)?\s+(?:is|was|has\s+been|remains|became)\s+{_DET}(?:former\s+)?{_O}{_POSS}\s+{_NOUN}{_T}(?![\w-])",
    # "Chairman of the Federal Grain Board Ben Roe"
    rf"{_TITLE_START}{_T}\s+(?:of|at)\s+(?:the\s+)?{_O},?\s+{_HON}{_P}",
    # "the chief executive of the company, Jane Roe"; "Jane Roe is the company's chief executive"
    rf"{_TITLE_START}{_T}\s+(?:of|at)\s+{_THE_COMPANY},?\s+{_HON}{_P}",
    rf"{_P}(?:,\s+who)?\s+(?:is|was|has\s+been|remains|became)\s+(?:also\s+)?{_ANAPHOR}\s+{_NOUN}"
    rf"(?:new\s+|former\s+)?{_T}(?![\w-])(?!\s+(?:of|at|for)\s)",
    # "Larry Doe and Sergei Roe, the co-founders of Findly"
    rf"{_P}\s+and\s+(?P<person2>{_PERSON_MARK}{_FILL}*),\s+{_DET}{_T},?\s+(?:of|at|for)\s+{_ORG_LEAD}{_O}",
    rf"{_P}{_SEP}{_T},\s+{_O}(?![\w{_FILL}])",
    # "John Doe, Zentrix's CEO", "George Doe, a former Democratic Party chairman"
    # "Gwen Doe and Judy Roe, two QBS journalists": one title for two people
    rf"(?={_PERSON_MARK})(?:(?P<person2>{_PERSON_MARK}{_FILL}*)\s+and\s+)?"
    rf"{_P}{_PAREN}{_SEP}{_THEN}(?:{_DET}|two\s+|both\s+){_ADJ}{_O}{_POSS}\s+{_NOUN}(?:new\s+|former\s+)?{_T}(?![\w-])"
    rf"(?!{_ASIDE}{_PERSON_MARK})",
    rf"{_O}{_ORG_ABBR}{_POSS}\s+{_NOUN}(?:new\s+|longtime\s+|current\s+)?{_T}{_FIELD_BEFORE_NAME}{_AND_MORE}{_ASIDE}{_HON}{_P}{_P2}",
    # "Lark Chief Executive Bob Doe and Executive Chairman Bob Roe": the second of two
    rf"{_O}{_POSS}\s+{TITLE_LIST_PATTERN},?\s+{_HON}{_PERSON_MARK}{_FILL}*,?\s+and\s+{_T},?\s+{_HON}{_P}",
    # "Brightway named Rahul Doe as its new chief executive"
    rf"{_O}\s+(?:has\s+|have\s+|had\s+)?(?:named|appointed|hired|promoted|elected|tapped|picked|chose)\s+"
    rf"{_P}\s+(?:as\s+)?(?:(?:its|their|the)\s+)?(?:new\s+|next\s+)?{_T}(?![\w-])",
    rf"{_ANAPHOR}\s+(?:new\s+|longtime\s+|current\s+)?{_T},?\s+{_HON}{_P}{_P2}",
    # "Steve Doe, its chief executive", "Jane Roe, the company's founder"
    rf"{_P}{_SEP}{_ANAPHOR}\s+(?:new\s+|longtime\s+|current\s+)?{_T}(?![\w-])(?!\s+(?:of|at|for)\s)",
    # "Federal Judge Barbara Roe of the Western District", "analyst Jane Roe, of Acme" (unlabelled
    # dragnet pages, tuning part)
    rf"{_TITLE_START}{_T}\s+{_HON}{_P},?\s+(?:of|at|from)\s+(?:the\s+)?{_O}",
    # "Jane Roe of Acme, a senior analyst": the title after the person's organisation
    rf"{_P},?\s+(?:of|at|from)\s+(?:the\s+)?{_O}{_SEP}{_THEN}{_DET}{_NOUN}{_T}(?![\w-])(?!\s+(?:of|at|for|in|with)\s)",
    # "John Doe (Zentrix's chief executive)", "John Doe (CEO, Zentrix)"
    rf"{_P}\s+\({_DET}{_ADJ}{_O}{_POSS}\s+{_NOUN}{_T}\)",
    # "Jane Roe (a researcher at Acme)"
    rf"{_P}\s+\({_THEN}{_LEAD}{_T}{_FIELD},?\s+{_AT}\s+{_ORG_LEAD}{_O}\)",
    rf"{_P}\s+\({_T},\s+{_O}\)",
    # "Corvex's Eric Doe, product line manager for the Corvex-XQZ line"
    rf"{_O}'s?\s+{_P},\s+{_DET}{_T}\b",
))
# Verbs that state a title: "John Doe, who founded TAROS", "X heads Y".
VERB_TITLES = {"founded": "founder", "co-founded": "co-founder", "cofounded": "co-founder",
               "heads": "head", "headed": "head", "chairs": "chair", "chaired": "chair"}
VERB_ROLE_PATTERN = re.compile(
    rf"{_P}{_PAREN}(?:,\s+who)?\s+(?:also\s+)?(?P<verb>{'|'.join(VERB_TITLES)})\s+(?:the\s+)?{_O}(?![\w{_FILL}-])",
    re.IGNORECASE)
# A sentence whose subject is the person named last: "4. Sam Doe / The Brightway
# founder and world's second-richest man has ...", "He is leader of The Wardens".
_SENTENCE_START = r"(?:(?<=^)|(?<=\n)|(?<=[.!?]\s)|(?<=[.!?][\"\u201d]\s))"
SUBJECT_ROLE_PATTERNS = tuple(re.compile(p, re.IGNORECASE) for p in (
    rf"{_SENTENCE_START}(?-i:The)\s+(?:former\s+)?{_O}{_POSS}\s+{_NOUN}(?:new\s+|former\s+)?{_T}(?![\w-])"
    rf"(?!(?:\s+[\w-]+){{0,3}}?{_ASIDE}{_HON}{_PERSON_MARK})",
    rf"{_SENTENCE_START}(?-i:He|She)\s+(?:is|was|has\s+been|had\s+been|became|remains|serves\s+as|served\s+as)\s+"
    rf"{_LEAD_AFTER_VERB}{_T}{_FIELD}\s+{_AT}\s+(?:{_ORG_LEAD}{_O}|{_THE_COMPANY})",
    # "He is the company's founder", "She became its chief financial officer"
    rf"{_SENTENCE_START}(?-i:He|She)\s+{_SERVES}(?:also\s+)?{_ANAPHOR}\s+{_NOUN}(?:new\s+|former\s+)?{_T}(?![\w-])"
    rf"(?!\s+(?:of|at|for)\s)",
))
# The person named last is the subject when named in the sentence (or the
# heading line) just before: at most this many sentence ends or line breaks
# between, for "The ORG title" and for "He/She" (l3s-gn1 tuning part).
SUBJECT_REACH_BOUNDARIES = {"noun": 1, "pronoun": 2, "pronoun, the organisation referred to": 2}
_BOUNDARY_RE = re.compile(r"[.!?][\"\u201d]?\s+|\n+")
# "Founder, Chairman & CEO Jane Roe" with no organisation in the phrase.
# "said Jane Roe, founder and chief executive." likewise, the title after the name.
BARE_TITLE_PATTERNS = tuple(re.compile(p, re.IGNORECASE) for p in (
    rf"{_TITLE_START}{_T}\s+{_P}",
    rf"{_P},\s+(?:the\s+|its\s+)?{_T}(?=\s*(?:[,.;]|$)|\s+(?:said|says|told|added)\b)",
))
# The only titles that, stated with no organisation, go to the organisation
# the article is about: a company's founders and officers (the seeds' "Founder,
# Chairman & CEO Jane Roe", "Chief Strategy Officer Jane Roe"). Any other
# title without an organisation is no role (tests/gold/GUIDELINES.md,
# Additions): "President John Doe", "aide Hana Quill".
CORPORATE_TITLES = frozenset({
    "founder", "co-founder", "cofounder", "ceo", "cfo", "coo", "cto", "cmo", "cio", "cso",
    "chief executive", "chief executive officer", "chairman", "chairwoman", "chairperson",
})
_CHIEF_OFFICER_RE = re.compile(r"chief\s+(?:[a-z&]+\s+){1,2}officer$")
# The main organisation of an article: one that holds at least this share of
# its organisation mentions (the seeds' subject company holds 0.5-0.9).
DOMINANT_ORG_MIN_SHARE = 0.4
# Longest role phrase on either side of its person: "Jane Roe, Founder,
# President and CEO of Lumexo Corporation" is 45 characters after the name.
ROLE_REACH_CHARS = 160


def mask_mentions(text: str, entities: DocEntities) -> str:
    """clean_text with each person and organisation mention replaced, length kept."""
    chars = list(normalise_for_ner(text))
    for m in entities.mentions:
        etype = entities.of_type(m)
        if etype not in ("PERSON", "ORG"):
            continue
        chars[m.start_char] = _PERSON_MARK if etype == "PERSON" else _ORG_MARK
        for i in range(m.start_char + 1, m.end_char):
            chars[i] = _FILL
    return "".join(chars)


def extract_roles(article_id: str, text: str, entities: DocEntities) -> list[Role]:
    """Role triples of one article (see module docstring)."""
    masked = mask_mentions(text, entities)
    at = {m.start_char: m for m in entities.mentions}
    roles: dict[tuple[str, str, str], Role] = {}
    claimed: list[tuple[int, int]] = []

    def add(person: EntityMention, org_id: str | None, titles: list[str], start: int, end: int) -> None:
        if org_id is None:
            return
        person_entity = entities.entity(person.entity_id)
        org_entity = entities.entity(org_id)
        for title in titles:
            key = (person_entity.entity_id, title.lower(), org_entity.entity_id)
            roles.setdefault(key, Role(
                article_id=article_id,
                person_entity_id=person_entity.entity_id,
                person_name=person_entity.name,
                title=title,
                org_entity_id=org_entity.entity_id,
                org_name=org_entity.name,
                mention_text=text[start:end],
                start_char=start,
                end_char=end,
            ))
        claimed.append((start, end))

    windows = _person_windows(masked, entities)
    title_starts = [(lo, hi, title_match_starts(masked, lo, hi)) for lo, hi in windows]
    for pattern in ROLE_PATTERNS:
        for match in _matches(pattern, masked, title_starts):
            if match.groupdict().get("org") is not None:
                if is_title(text[match.start("titles"):match.end("org")]):
                    continue  # "Secretary of State": the organisation is part of the title
                org_id = at[match.start("org")].entity_id
            else:
                org_id = _referred_org(match, entities)
            if _plural_before_one_person(match):
                continue  # "In a letter to its employees, Jane Roe said": a group the person addresses
            for who in _people_of(match):
                if match.groupdict().get(who) is not None:
                    add(at[match.start(who)], org_id, split_titles(match.group("titles")),
                        match.start(), match.end())
    for match in _matches(VERB_ROLE_PATTERN, masked, title_starts):
        add(at[match.start("person")], at[match.start("org")].entity_id,
            [VERB_TITLES[match.group("verb").lower()]], match.start(), match.end())
    for pattern, reach in zip(SUBJECT_ROLE_PATTERNS, SUBJECT_REACH_BOUNDARIES.values(), strict=True):
        for match in pattern.finditer(masked):
            person = _person_named_before(masked, match.start(), entities, reach)
            if person is not None and not _plural_title(match.group("titles")):
                org_id = (at[match.start("org")].entity_id if match.groupdict().get("org") is not None
                          else _referred_org(match, entities))
                add(person, org_id, split_titles(match.group("titles")), match.start(), match.end())
    main_org = _dominant_org(entities)
    for match in (m for p in BARE_TITLE_PATTERNS for m in _matches(p, masked, title_starts)):
        if any(a <= match.start("person") < b for a, b in claimed):
            continue
        titles = [t for t in split_titles(match.group("titles"))
                  if t.lower() in CORPORATE_TITLES or _CHIEF_OFFICER_RE.fullmatch(t.lower())]
        if titles:
            add(at[match.start("person")], main_org, titles, match.start(), match.end())
    return list(roles.values())


def _matches(pattern: re.Pattern, masked: str,
             title_starts: list[tuple[int, int, list[int]]]) -> Iterator[re.Match]:
    """`pattern.finditer` over each window; a pattern that opens with a title is
    tried only where the lexicon finds one (TITLE_RE, run once per article: the
    title-first patterns each scanning every word were most of this module's time)."""
    title_first = pattern.pattern.startswith(_TITLE_START)
    for lo, hi, starts in title_starts:
        if not title_first:
            yield from pattern.finditer(masked, lo, hi)
            continue
        end = lo
        for start in starts:
            match = pattern.match(masked, start, hi) if start >= end else None
            if match is not None:
                end = max(match.end(), start + 1)
                yield match


def _people_of(match: re.Match) -> tuple[str, ...]:
    """The groups of the people a match gives the title to: both of two people named before
    a title only when it is plural ("A and B, two QBS journalists"; "A and B, the Labour leader
    of ..." is B's title alone)."""
    if match.groupdict().get("person2") is None:
        return ("person",)
    first, second = sorted(("person", "person2"), key=match.start)
    if match.start(second) < match.start("titles") and not _plural_title(match.group("titles")):
        return (second,)
    return ("person", "person2")


def _plural_before_one_person(match: re.Match) -> bool:
    """A plural title stated before a single person ("its employees, Jane Roe")."""
    return (match.start("titles") < match.start("person") and match.groupdict().get("person2") is None
            and _plural_title(match.group("titles")))


def _plural_title(titles: str) -> bool:
    titles = titles.rstrip()
    return not titles.lower().endswith(split_titles(titles)[-1].lower())


def _person_windows(masked: str, entities: DocEntities) -> list[tuple[int, int]]:
    """Stretches of a paragraph around person mentions, merged.

    Scanning whole texts with the case-blind title alternation was most of
    the time of this module; a role phrase never reaches further than
    ROLE_REACH_CHARS from its person.
    """
    windows: list[list[int]] = []
    for m in entities.mentions:
        if entities.of_type(m) != "PERSON":
            continue
        para_lo = masked.rfind("\n", 0, m.start_char) + 1
        para_hi = masked.find("\n", m.end_char)
        lo = max(para_lo, m.start_char - ROLE_REACH_CHARS)
        hi = min(para_hi if para_hi >= 0 else len(masked), m.end_char + ROLE_REACH_CHARS)
        if windows and lo <= windows[-1][1]:
            windows[-1][1] = max(windows[-1][1], hi)
        else:
            windows.append([lo, hi])
    return [(lo, hi) for lo, hi in windows]


def _person_named_before(masked: str, offset: int, entities: DocEntities, boundaries: int) -> EntityMention | None:
    """The last person named before `offset`, when at most `boundaries` sentence ends lie between."""
    for m in reversed(entities.mentions):
        if m.end_char <= offset and entities.of_type(m) == "PERSON":
            return m if len(_BOUNDARY_RE.findall(masked, m.end_char, offset)) <= boundaries else None
    return None


def _referred_org(match: re.Match, entities: DocEntities) -> str | None:
    """The organisation the match's "the company", "its" or "their" refers to (`org_antecedent`)."""
    if match.groupdict().get("anaphor") is None:
        return None
    noun = match.group("anaphor").lower().removesuffix("'s").removesuffix("'").split()[-1]
    found = org_antecedent(entities, match.start("anaphor"), noun)
    return found.entity_id if found is not None else None


def _dominant_org(entities: DocEntities) -> str | None:
    counts = Counter(m.entity_id for m in entities.mentions if entities.of_type(m) == "ORG")
    if not counts:
        return None
    org_id, count = counts.most_common(1)[0]
    return org_id if count >= DOMINANT_ORG_MIN_SHARE * sum(counts.values()) else None
