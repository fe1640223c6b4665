"""flows.language: language identification and per-language stop words."""

from __future__ import annotations

from pathlib import Path

import pytest

from flows.language import detect_language, identification_sample, is_read_by_ner, is_unspaced, stop_words

PAGES = Path(__file__).resolve().parent / "fixtures" / "pages"


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("The city council voted on Tuesday to build a new bridge over the river, ending a long debate.", "en"),
        ((PAGES / "de_article.txt").read_text(encoding="utf-8"), "de"),
        ((PAGES / "ja_article.txt").read_text(encoding="utf-8"), "ja"),
        ("Le conseil municipal a voté mardi la construction d'un nouveau pont sur la rivière.", "fr"),
        ("Городской совет во вторник одобрил строительство нового моста через реку.", "ru"),
    ],
)
def test_detect_language(text, language):
    assert detect_language(text) == language


def test_a_text_without_letters_has_no_language():
    assert detect_language("") is None
    assert detect_language("12:30 | 4/5 -- 2021") is None


def test_identification_reads_the_long_lines_not_the_menu():
    menu = "\n".join(["Home", "News", "Sport", "Login"] * 20)
    body = "Der Stadtrat hat am Dienstag beschlossen, eine neue Brücke über den Fluss zu bauen."
    assert identification_sample(f"{menu}\n{body}\n{menu}") == body
    assert detect_language(f"{menu}\n{body}\n{menu}") == "de"


def test_stop_words_per_language():
    assert {"the", "and", "of"} <= stop_words("en")
    assert {"der", "und", "nicht"} <= stop_words("de")
    assert {"の", "は"} & stop_words("ja")  # from stopwordsiso: jusText has no Japanese list
    assert stop_words(None) == stop_words("en")
    assert stop_words("xx") == frozenset()


def test_only_english_goes_to_ner_and_unspaced_scripts_are_known():
    assert is_read_by_ner("en") and is_read_by_ner(None)
    assert not is_read_by_ner("de") and not is_read_by_ner("ja")
    assert is_unspaced("ja") and is_unspaced("zh") and not is_unspaced("de")
