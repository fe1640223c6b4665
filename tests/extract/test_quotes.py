"""Quotes: speaker before or after, pronouns, split quotes, mark styles, offsets; floors on development data."""

from __future__ import annotations

import importlib.util
import json
from datetime import date
from pathlib import Path

import pytest

from flows.evaluate.facts import gold_in_part, load_gold, predicted_from_facts, score_facts
from flows.evaluate.splits import in_part
from flows.evaluate.stages import run_stages
from flows.extract import extract_facts
from flows.extract.quotes import find_quote_spans
from flows.records import CleanedDocument


def quotes_of(text: str) -> list[tuple[str | None, str]]:
    facts = extract_facts([CleanedDocument("a", text)])
    for q in facts.quotes:
        assert text[q.start_char:q.end_char] == q.quote_text
        assert (q.speaker_entity_id is None) == (q.speaker_name is None)
    return [(q.speaker_name, q.quote_text) for q in facts.quotes]


def test_speaker_named_before_the_quote():
    assert quotes_of(
        "Alan Kang, senior analyst at LMC Automotive, said: “Xiaomi wants to find a mature "
        "automobile manufacturer.”"
    ) == [("Alan Kang", "Xiaomi wants to find a mature automobile manufacturer.")]


def test_speaker_named_after_the_quote_and_verb_first():
    assert quotes_of(
        "Lei Jun runs Xiaomi.\n\n“Smart electric vehicles represent one of the largest business "
        "opportunities,” said Lei Jun."
    ) == [("Lei Jun", "Smart electric vehicles represent one of the largest business opportunities,")]


def test_pronoun_resolves_to_the_person_named_before():
    quotes = quotes_of(
        "Mary Barra runs General Motors.\n\n“We will sell only electric cars by the year 2035,” "
        "she said.\n\nShe added: “Our plants are ready for the change in demand.”"
    )
    assert [speaker for speaker, _ in quotes] == ["Mary Barra", "Mary Barra"]


def test_surname_after_the_quote_resolves_to_the_full_name():
    quotes = quotes_of(
        "Lei Jun founded Xiaomi.\n\n“I am prepared to go all in for at least ten years,” said Lei."
    )
    assert quotes == [("Lei Jun", "I am prepared to go all in for at least ten years,")]


def test_quote_split_by_its_attribution_gives_both_parts_the_speaker():
    quotes = quotes_of(
        "Mary Barra spoke in Detroit.\n\n“This is the first part of what I said,” she said, "
        "“and this is the second part of what I said.”"
    )
    assert quotes == [
        ("Mary Barra", "This is the first part of what I said,"),
        ("Mary Barra", "and this is the second part of what I said."),
    ]


def test_unattributed_quote_after_an_attributed_one_keeps_its_speaker():
    quotes = quotes_of(
        "“The decision was made after numerous rounds of deliberation,” stated Lei Jun. "
        "“I am willing to put all my personal reputation on the line.”"
    )
    assert [speaker for speaker, _ in quotes] == ["Lei Jun", "Lei Jun"]


def test_straight_quotes():
    assert quotes_of('Tim Cook said, "We are very happy with the results this quarter."') == [
        ("Tim Cook", "We are very happy with the results this quarter.")
    ]


def test_wrongly_turned_closing_mark_does_not_swallow_the_text():
    quotes = quotes_of(
        "Lei Jun said, “We made this decision after numerous negotiations between all partners.” "
        "I am determined to lead my team, “he said."
    )
    assert quotes == [("Lei Jun", "We made this decision after numerous negotiations between all partners.")]


def test_quote_left_open_runs_to_the_end_of_its_paragraph():
    text = "He said: “One two three four five six seven.\n\nNext paragraph."
    spans = find_quote_spans(text)
    assert [text[s.start:s.end] for s in spans] == ["One two three four five six seven."]


def test_short_quotes_and_scare_quotes_are_not_quotes():
    assert quotes_of("Xiaomi smart EV is “ALIVE”, says Lei Jun, a “frenemy” of many.") == []


def test_quote_without_any_attribution_has_no_speaker():
    assert quotes_of("“We want everyone in the world to enjoy smart living anytime”") == [
        (None, "We want everyone in the world to enjoy smart living anytime")
    ]


def test_two_apostrophes_mark_a_quote_as_nyt_texts_write_it():
    assert quotes_of("''We expect a very big change from these policies,'' said Geoff Garin.") == [
        ("Geoff Garin", "We expect a very big change from these policies,")
    ]


def test_partial_quote_takes_the_subject_of_its_sentence():
    assert quotes_of(
        "Donald Trump on Friday called the proposal “a total disaster for the working people of America.”"
    ) == [("Donald Trump", "a total disaster for the working people of America.")]


def test_paragraph_ending_with_a_colon_introduces_the_quote_below():
    quotes = quotes_of(
        "Ted Cruz was angry at the moderators. Cruz then turned to them:\n\n"
        "“You look at the questions and none of them are about substance.”"
    )
    assert quotes == [("Ted Cruz", "You look at the questions and none of them are about substance.")]


def test_quote_after_a_sentence_of_indirect_speech_takes_its_speaker():
    quotes = quotes_of(
        "Charles King pointed out that both firms will work with others. “VMware is agnostic and that is "
        "one of the keys to virtualization.”"
    )
    assert [speaker for speaker, _ in quotes] == ["Charles King"]


def test_the_person_at_the_head_of_the_attribution_is_the_speaker():
    quotes = quotes_of(
        "“We will win this state in the fall, no matter what,” said Sanders campaign manager Jeff Weaver.\n\n"
        "Brian Fallon, a spokesman for the Hillary Clinton campaign, said: “We have always been open "
        "about the emails.”"
    )
    assert [speaker for speaker, _ in quotes] == ["Jeff Weaver", "Brian Fallon"]


def test_unnamed_spokesman_of_an_organisation_gives_the_organisation():
    assert quotes_of("“We do not comment on rumours about our products,” a spokesman for Apple said.") == [
        ("Apple", "We do not comment on rumours about our products,")
    ]


def test_pronoun_goes_to_the_person_who_spoke_in_the_sentence_before():
    quotes = quotes_of(
        "Paul Ryan said Barack Obama has never respected the right to own guns.\n\n"
        "He says the president “knows full well that the law already says that sellers must be licensed.”"
    )
    assert [speaker for speaker, _ in quotes] == ["Paul Ryan"]


# ------------------------------------------------------------ floors on development data

POLNEAR = Path(__file__).resolve().parents[1] / "corpora" / "polnear-train"
DEV_GOLD = Path(__file__).resolve().parents[1] / "gold" / "dev"
RUN = date(2026, 1, 15)
# The first POLNEAR_FLOOR_ARTICLES articles of PolNeAR train's report part
# through ingest -> clean -> extract, scored by the corpus's own score.py.
# Measured 2026-12-02 on those 80: detection F1 0.973, speaker accuracy
# 0.812, end-to-end F1 0.788 (the whole report part, 394 articles, scores
# higher: benchmarks/quotes_eval.txt). Floors sit a little below.
POLNEAR_FLOOR_ARTICLES = 80
POLNEAR_FLOORS = {"detection": 0.95, "attribution": 0.78, "end_to_end": 0.76}
# Quotes F1 on the report halves of the fact development gold (the same
# stages), measured 2026-12-01 with the scorer that agrees with the reference
# (unattributed quotes count as false positives): l3s-gn1 0.872, dragnet 0.520.
DEV_GOLD_QUOTE_FLOORS = {"l3s-gn1": 0.84, "dragnet": 0.49}


def polnear_scorer():
    spec = importlib.util.spec_from_file_location("polnear_score", POLNEAR / "score.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_polnear_report_part_reaches_its_floors():
    scorer = polnear_scorer()
    stems = in_part([p.name[: -len(".quotes.json")] for p in POLNEAR.glob("*.quotes.json")], "report")
    stems = stems[:POLNEAR_FLOOR_ARTICLES]
    docs, names, facts = run_stages([POLNEAR / f"{stem}.txt" for stem in stems], RUN)
    stem_of = {d.article_id: names[d.article_id][: -len(".txt")] for d in docs}
    clean = {stem_of[d.article_id]: d.clean_text for d in docs}
    predicted: dict[str, list[dict]] = {}
    for q in facts.quotes:
        predicted.setdefault(stem_of[q.article_id], []).append({"speaker": q.speaker_name, "text": q.quote_text})
    gold = {stem: json.loads((POLNEAR / f"{stem}.quotes.json").read_text(encoding="utf-8")) for stem in stems}
    result = scorer.score(gold, clean, predicted)
    figures = {"detection": result["detection"]["f1"], "attribution": result["attribution"]["accuracy"],
               "end_to_end": result["end_to_end"]["f1"]}
    print(figures)
    for name, floor in POLNEAR_FLOORS.items():
        assert figures[name] >= floor, (name, figures[name])


@pytest.mark.parametrize("set_name", sorted(DEV_GOLD_QUOTE_FLOORS))
def test_dev_gold_report_part_quotes_reach_their_floor(set_name):
    gold = gold_in_part(load_gold(DEV_GOLD / set_name), "report")
    docs, names, facts = run_stages([DEV_GOLD.parents[1] / "corpora" / set_name / f"{stem}.txt" for stem in gold], RUN)
    f1 = score_facts(gold, predicted_from_facts(docs, names, facts)).fields["quotes"].f1
    print(set_name, f1)
    assert f1 >= DEV_GOLD_QUOTE_FLOORS[set_name]


def test_a_building_is_never_a_speaker():
    quotes = quotes_of("“We will not change the schedule for the new school year,” the Indiana Statehouse said.")
    assert [speaker for speaker, _ in quotes] == [None]


def test_the_person_next_to_the_verb_beats_one_named_earlier_in_the_attribution():
    quotes = quotes_of(
        "“I have made it clear that he voted with the gun lobby many times” and against "
        "Jim Brady's law, Hillary Clinton said on Sunday."
    )
    assert [speaker for speaker, _ in quotes] == ["Hillary Clinton"]


def test_a_work_title_in_quotation_marks_is_no_quote():
    quotes = quotes_of(
        "His new book is titled “GIVING: How Each of Us Can Change the World”. "
        "“That's the way it is, Nicole,” Bernie Sanders said."
    )
    assert [speaker for speaker, _ in quotes] == ["Bernie Sanders"]


def test_it_said_is_the_organisation_named_before():
    quotes = quotes_of(
        "The World Bank cut its forecast for growth in Europe on Tuesday.\n"
        "“We have not had sight of any evidence to support the argument for an upgrade,” it said."
    )
    assert [speaker for speaker, _ in quotes] == ["World Bank"]


def test_of_two_subjects_of_one_verb_the_nearer_is_the_speaker():
    from spacy.tokens import Doc
    from spacy.vocab import Vocab

    from flows.extract.quotes import _subject_of

    # "PUND-It's King said ...": the parse gave "said" two subjects
    doc = Doc(Vocab(), words=["PUND", "King", "said", "it"], heads=[2, 2, 2, 2], deps=["nsubj", "nsubj", "ROOT", "dobj"])
    assert _subject_of(doc[2]).text == "King"


def test_the_company_said_is_the_nearest_business_not_a_university():
    # one resolver with roles (`flows.extract.entities.org_antecedent`): "the company" is no university
    quotes = quotes_of(
        "Microsoft signed a research deal with Harvard University on Monday.\n"
        "“We expect the work to change how our products are built,” the company said."
    )
    assert [speaker for speaker, _ in quotes] == ["Microsoft"]
