"""flows.extract.credits: a pattern skipped for want of its needle could not have matched."""

from __future__ import annotations

from pathlib import Path

from flows.extract.credits import _NEEDLES, CREDIT_PATTERNS, credit_spans

CORPORA = Path(__file__).resolve().parent.parent / "corpora"
PAGES = sorted(CORPORA.glob("*/*.txt"))[::20]


def test_every_match_of_a_pattern_holds_one_of_its_needles_on_development_pages():
    checked = 0
    for page in PAGES:
        text = page.read_text(encoding="utf-8", errors="replace")
        for pattern, needles in zip(CREDIT_PATTERNS, _NEEDLES, strict=True):
            for match in pattern.finditer(text) if needles else ():
                assert any(needle in match.group() for needle in needles), (page.name, match.group())
                checked += 1
    assert checked > 10


def test_credit_spans_are_those_of_every_pattern_scanning_every_text():
    for page in PAGES:
        text = page.read_text(encoding="utf-8", errors="replace")
        every = sorted({m.span() for pattern in CREDIT_PATTERNS for m in pattern.finditer(text)})
        assert credit_spans(text) == [(start, end) for start, end in every if end > start], page.name
