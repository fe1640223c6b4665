"""flows.extract.titles: the fast search for title starts finds what TITLE_RE finds."""

from __future__ import annotations

import random
import re
from pathlib import Path

from flows.extract.titles import _FIRST_WORDS, TITLE_RE, title_match_starts

CORPORA = Path(__file__).resolve().parent.parent / "corpora"


def finditer_starts(text: str, lo: int, hi: int) -> list[int]:
    return [m.start() for m in TITLE_RE.finditer(text, lo, hi)]


def test_first_words_are_plain_lower_case_words():
    assert all(re.fullmatch("[a-z]+", word) for word in _FIRST_WORDS)


def test_title_starts_in_any_case_and_form():
    text = ("The CEO, Chief Strategy Officer and co-founders; Vice-President \u0130nspector \u212aing ceos ceo2 "
            "SENIOR  vice president, chairman_x and \x01\x03\x03 deputy")
    assert title_match_starts(text, 0, len(text)) == finditer_starts(text, 0, len(text))
    assert len(finditer_starts(text, 0, len(text))) >= 7


def test_the_same_starts_as_title_re_on_development_texts_and_stretches_of_them():
    rng = random.Random(7)
    pages = sorted(CORPORA.glob("*/*.txt"))[::80]
    found = 0
    for page in pages:
        text = page.read_text(encoding="utf-8", errors="replace")
        stretches = [(0, len(text))] + [sorted(rng.sample(range(len(text) + 1), 2)) for _ in range(3)]
        for lo, hi in stretches:
            expected = finditer_starts(text, lo, hi)
            assert title_match_starts(text, lo, hi) == expected, (page.name, lo, hi)
            found += len(expected)
    assert found > 500
