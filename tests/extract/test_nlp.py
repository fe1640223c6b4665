"""One load of the spaCy model serves NER over whole texts and the parse of a batch's sentences."""

from __future__ import annotations

import spacy

from flows.extract import nlp


def test_ner_runs_alone_and_the_parser_reuses_the_same_model(monkeypatch):
    loads = []
    real_load = spacy.load
    monkeypatch.setattr(spacy, "load", lambda *a, **k: loads.append(a) or real_load(*a, **k))
    nlp.load_nlp.cache_clear()
    nlp.load_parser.cache_clear()
    try:
        ner = nlp.load_nlp()
        parse = nlp.load_parser()
        doc = ner("Angela Merkel met Emmanuel Macron in Paris on Monday.")
        sentence = "Angela Merkel met Emmanuel Macron in Paris on Monday."
        other = "The minister said it would rain."
        parses = parse([sentence, other, sentence])
        alone = parse([sentence])[sentence]
    finally:
        nlp.load_nlp.cache_clear()
        nlp.load_parser.cache_clear()
    assert len(loads) == 1
    assert ner.pipe_names == ["ner"]
    assert {ent.label_ for ent in doc.ents} >= {"PERSON", "GPE"}
    assert not doc.has_annotation("DEP")
    assert list(parses) == [sentence, other]
    parsed = parses[sentence]
    assert [(t.tag_, t.dep_, t.head.i) for t in parsed] == [(t.tag_, t.dep_, t.head.i) for t in alone]
    assert parsed.has_annotation("DEP") and parsed.has_annotation("TAG") and parsed.has_annotation("POS")
    assert not parsed.ents
    assert any(token.dep_ == "nsubj" and token.text == "Merkel" for token in parsed)
