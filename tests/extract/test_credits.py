"""Credit lines: bylines, wire, photo and contact credits are found by shape, story sentences are not."""

from __future__ import annotations

import pytest

from flows.extract.credits import credit_spans, overlaps


@pytest.mark.parametrize(
    ("text", "credit"),
    [
        ("By Jane Roe and John Doe\n\nThe board met.", "By Jane Roe and John Doe"),
        ("Posted by Jane Roe on March 3, 2012\nThe board met.", "Posted by Jane Roe on March 3, 2012"),
        ("Shares fell. (Reporting by Jane Roe; Editing by John Doe)", "(Reporting by Jane Roe; Editing by John Doe)"),
        ("Shares fell.\nAdditional reporting by Jane Roe in Oslo", "Additional reporting by Jane Roe in Oslo"),
        ("It rained. Press writers Jane Roe and Ann Poe contributed to this report.",
         "Press writers Jane Roe and Ann Poe contributed to this report."),
        ("The mayor waves. REUTERS/Jane Roe", "REUTERS/Jane Roe"),
        ("A mural in Oslo. Photo / Wire", "Photo / Wire"),
        ("Write to Jane Roe at jane@example.com", "Write to Jane Roe at jane@example.com"),
        ("It shipped.\n\nJane Roe is executive editor of Example.com's Business Channel.",
         "Jane Roe is executive editor of Example.com's Business Channel."),
        ("OSLO (Wire) — The board met.", "(Wire)"),
        ("By JANE ROE and JOHN DOE, Associated Press Writers 1 hour ago\nThe board met.",
         "By JANE ROE and JOHN DOE, Associated Press Writers 1 hour ago"),
        ("The mayor waves. (AP Photo/JANE ROE)", "AP Photo/JANE ROE"),
        ("It sank.\n23 Photos\nThe search goes on.", "23 Photos"),
        ("Copyright 2012 Some Press. All rights reserved.", "Copyright 2012 Some Press. All rights reserved."),
    ],
)
def test_credit_forms_are_found(text, credit):
    spans = credit_spans(text)
    assert credit in [text[s:e] for s, e in spans]


@pytest.mark.parametrize(
    "text",
    [
        "The plan was approved by Jane Roe, the mayor, on Monday.",
        "By Tuesday, Jane Roe had left the board.",
        "By Tuesday, the market had fallen and every writer knew it.",
        "Jane Roe said the report was contributed by nobody she knew.",
        "Sales of the 4G/LTE phones rose.",
        "Drilling in the Bakken/Three Forks grew; HIV/AIDS funds and ET/PT times.",
        "The bigger picture: providing the service for all.",
        "Jane Roe, the editor, said the paper is for sale.",
    ],
)
def test_story_sentences_are_no_credits(text):
    assert credit_spans(text) == []


def test_overlaps():
    spans = [(10, 20)]
    assert overlaps(spans, 15, 25) and overlaps(spans, 10, 11)
    assert not overlaps(spans, 20, 30) and not overlaps(spans, 0, 10)


def test_a_story_sentence_about_copyright_is_no_rights_notice():
    assert credit_spans("A settlement does not indicate an admission of copyright infringement.") == []
    assert credit_spans("Text © Some Press 2008. All rights reserved.") != []
