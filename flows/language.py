"""Language of a text (ISO 639-1) and the stop words the cleaner counts in it.

Called by `flows.clean` (the plain-text cleaner needs the page's language
before it can count stop words; every cleaned article gets
`CleanedDocument.language`) and, through the article's language, by the
extract stage, which runs the English NER model on English articles only.

Identification is py3langid's (langid.py's model, 97 languages). Measured
against lingua-language-detector on the same texts (benchmarks/language_id.txt):
both named eleven hand-written news sentences in eleven languages right and
599-600 of 600 English gold bodies, and py3langid ran about nine times faster
(about 1,100 against 130 texts of 3,000 characters per second), so it is used.

Stop words: jusText's lists where jusText has the language (they are built the
same way for every language, from its most frequent Wikipedia words, so
stop-word densities compare across languages), else stopwordsiso's (it adds
Japanese, Chinese and Thai). Scripts written without spaces between words are
counted in characters (`is_unspaced`): see `flows.clean.make_block`.
"""

from __future__ import annotations

import re
from functools import lru_cache

import justext
import py3langid
import pycountry
import stopwordsiso

from flows import lookups

# Identification reads at most this many characters of the longest lines of a
# text: the body's paragraphs, not its menus. Its time grows with the sample;
# 1,500 characters still name the test pages' languages (tests/test_language.py).
SAMPLE_CHARS = 1500
# Lines shorter than this are menus and labels (often English on any site).
SAMPLE_MIN_LINE_CHARS = 40
# Languages the extract stage's spaCy model reads (flows.extract.nlp: English).
NER_LANGUAGES = frozenset({"en"})
# Languages whose writing puts no spaces between words.
UNSPACED_LANGUAGES = frozenset({"ja", "zh", "th", "lo", "km", "my", "bo"})
LETTER = re.compile(r"[^\W\d_]", re.UNICODE)


def identification_sample(text: str) -> str:
    """The longest lines of a text, in their order, up to SAMPLE_CHARS characters."""
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    long_lines = [line for line in lines if len(line) >= SAMPLE_MIN_LINE_CHARS] or lines
    chosen: set[int] = set()
    total = 0
    for index in sorted(range(len(long_lines)), key=lambda i: -len(long_lines[i])):
        if total >= SAMPLE_CHARS:
            break
        chosen.add(index)
        total += len(long_lines[index])
    return "\n".join(long_lines[i] for i in sorted(chosen))[:SAMPLE_CHARS]


def detect_language(text: str) -> str | None:
    """ISO 639-1 code of the text's language, None for a text without letters.

    py3langid also knows a few languages without a two-letter code (e.g. 'pcm');
    the best-ranked language that has one is returned then.
    """
    sample = identification_sample(text)
    if not LETTER.search(sample):
        return None
    best = identifier().classify(sample)[0]
    if len(best) == 2:
        return best
    return next((code for code, _ in identifier().rank(sample) if len(code) == 2), None)


@lru_cache(maxsize=1)
def identifier() -> py3langid.langid.LanguageIdentifier:
    """py3langid's identifier, the one `py3langid.classify` loads, read from the user cache.

    Decompressing its model took 0.6 s of CPU in every run with new articles here;
    its pickled copy (about 70 MB, see `flows.lookups`) reads in 0.06 s.
    """
    return lookups.cached("language-identifier", build_identifier, packages=("py3langid",), modules=())


def build_identifier() -> py3langid.langid.LanguageIdentifier:
    return py3langid.langid.LanguageIdentifier.from_model_file(py3langid.langid.MODEL_FILE)


def is_read_by_ner(language: str | None) -> bool:
    """Whether facts are extracted from an article in this language (unknown: a text without letters, harmless)."""
    return language is None or language in NER_LANGUAGES


def is_unspaced(language: str | None) -> bool:
    return language in UNSPACED_LANGUAGES


@lru_cache(maxsize=None)
def stop_words(language: str | None) -> frozenset[str]:
    """Lower-cased stop words of a language; English's when the language is unknown."""
    language = language or "en"
    record = pycountry.languages.get(alpha_2=language)
    name = record.name.replace(" ", "_") if record else ""
    if name in justext.get_stoplists():
        return frozenset(word.lower() for word in justext.get_stoplist(name))
    if stopwordsiso.has_lang(language):
        return frozenset(word.lower() for word in stopwordsiso.stopwords(language))
    return frozenset()
