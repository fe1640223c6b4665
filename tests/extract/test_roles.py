"""Roles: the forms news states person - title - organisation in, one row per title."""

from __future__ import annotations

import pytest

from flows.extract import extract_facts
from flows.records import CleanedDocument


def roles_of(text: str) -> set[tuple[str, str, str]]:
    facts = extract_facts([CleanedDocument("a", text)])
    for r in facts.roles:
        assert text[r.start_char:r.end_char] == r.mention_text
    return {(r.person_name, r.title.lower(), r.org_name) for r in facts.roles}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Lei Jun, Founder, President and CEO of Xiaomi, will also serve as CEO of the subsidiary.",
            {("Lei Jun", "founder", "Xiaomi"), ("Lei Jun", "president", "Xiaomi"), ("Lei Jun", "ceo", "Xiaomi")},
        ),
        (
            "Smartphone maker Xiaomi will build cars. Sources said Xiaomi’s founder and chief executive "
            "Lei Jun thinks his firm will succeed.",
            {("Lei Jun", "founder", "Xiaomi"), ("Lei Jun", "chief executive", "Xiaomi")},
        ),
        (
            "Alan Kang, senior analyst at LMC Automotive, said the market was growing.",
            {("Alan Kang", "senior analyst", "LMC Automotive")},
        ),
        (
            "William Lu, the President of Xiaomi Group, made a declaration in Hawaii.",
            {("William Lu", "president", "Xiaomi Group")},
        ),
        ("CEO Tim Cook of Apple spoke on Monday.", {("Tim Cook", "ceo", "Apple")}),
        ("Apple CEO Tim Cook spoke on Monday.", {("Tim Cook", "ceo", "Apple")}),
        (
            "Darren Thomas, vice president and general manager, Dell, said sales were good.",
            {("Darren Thomas", "vice president", "Dell"), ("Darren Thomas", "general manager", "Dell")},
        ),
    ],
)
def test_role_forms(text, expected):
    assert roles_of(text) == expected


def test_the_company_resolves_to_the_organisation_named_before():
    assert roles_of(
        "The venture matters to the leadership of Xiaomi Group. The company’s founder, Lei Jun, "
        "has shared his plans."
    ) == {("Lei Jun", "founder", "Xiaomi Group")}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the noun's kind: a university is no "company", the nearer organisation though it is
        (
            "Microsoft signed a research deal with Harvard University on Monday. The company's chief "
            "executive, Satya Nadella, said it would last ten years.",
            {("Satya Nadella", "chief executive", "Microsoft")},
        ),
        # nouns beyond "the company": "the bank"
        (
            "Deutsche Bank cut its forecast on Monday. The bank's chief economist, David Folkerts-Landau, "
            "said growth would slow.",
            {("David Folkerts-Landau", "chief economist", "Deutsche Bank")},
        ),
        # "X is the company's ...", "He is its ..." with the organisation named before
        (
            "Microsoft reported strong sales on Monday. Satya Nadella is the company's chief executive.",
            {("Satya Nadella", "chief executive", "Microsoft")},
        ),
        (
            "Microsoft reported strong sales on Monday. Bill Gates spoke in Seattle. He is the company's "
            "founder.",
            {("Bill Gates", "founder", "Microsoft")},
        ),
        ("Bill Gates spoke for Microsoft. He is also its founder.", {("Bill Gates", "founder", "Microsoft")}),
        (
            "Microsoft reported strong sales on Monday. The chief executive of the company, Satya Nadella, "
            "was pleased.",
            {("Satya Nadella", "chief executive", "Microsoft")},
        ),
    ],
)
def test_generic_references_resolve_to_the_fitting_organisation_before(text, expected):
    assert roles_of(text) == expected


def test_a_reference_does_not_reach_an_organisation_named_far_before():
    filler = "The weather was mild and the streets were quiet that morning. " * 20
    assert roles_of(f"Microsoft reported strong sales. {filler}The company's founder, Bill Gates, spoke.") == set()


def test_a_reference_with_no_fitting_organisation_gives_no_role():
    # "the company" never refers to a university
    assert roles_of("Harvard University opened a lab. The company's founder, Bill Gates, spoke.") == set()


def test_title_without_organisation_goes_to_the_main_organisation():
    text = (
        "Xiaomi will build cars. Xiaomi has cash. Xiaomi has fans. Apple has not said anything. "
        "Chief Strategy Officer Wang Chuan will lead the work for Xiaomi."
    )
    assert ("Wang Chuan", "chief strategy officer", "Xiaomi") in roles_of(text)


def test_president_without_organisation_is_not_guessed():
    assert roles_of("Xiaomi sells phones. President Joe Biden visited Xiaomi stores.") == set()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Phil Treide, marketing manager for EMC, said the line sold well.",
            {("Phil Treide", "marketing manager", "EMC")},
        ),
        (
            "Dell's Eric Cannell, product line manager for the new line, said it would sell.",
            {("Eric Cannell", "product line manager", "Dell")},
        ),
        (
            "Jane Smith, then chief financial officer of Google, resigned in May.",
            {("Jane Smith", "chief financial officer", "Google")},
        ),
        (
            "Microsoft co-founders Bill Gates and Paul Allen started the company in 1975.",
            {("Bill Gates", "co-founder", "Microsoft"), ("Paul Allen", "co-founder", "Microsoft")},
        ),
        (
            "The talks included Mahmoud Abbas, Quartet envoy (and the host of the talks) Tony Blair and others.",
            {("Tony Blair", "envoy", "Quartet")},
        ),
        (
            "The show hired Republican strategist and CNN contributor Ari Fleischer last year.",
            {("Ari Fleischer", "contributor", "CNN")},
        ),
    ],
)
def test_news_prose_role_forms(text, expected):
    assert roles_of(text) == expected


def test_a_country_is_not_the_organisation_of_a_role():
    assert roles_of("US Secretary of State Condoleezza Rice met French President Nicolas Sarkozy.") == set()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Tim Cook, who served as chief operating officer of Apple, spoke on Monday.",
            {("Tim Cook", "chief operating officer", "Apple")},
        ),
        ("Tim Cook was named CEO of Apple in 2011.", {("Tim Cook", "ceo", "Apple")}),
        (
            "Bill Gates and Paul Allen, the co-founders of Microsoft, met in Seattle.",
            {("Bill Gates", "co-founder", "Microsoft"), ("Paul Allen", "co-founder", "Microsoft")},
        ),
    ],
)
def test_roles_stated_with_a_verb_or_for_two_people(text, expected):
    assert roles_of(text) == expected


def test_a_title_without_organisation_outside_a_company_is_no_role():
    assert roles_of("Xiaomi sells phones. Xiaomi makes cars. Aide Huma Abedin visited Xiaomi stores.") == set()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Jane Smith, vice president of marketing at Dell, said sales grew.",
            {("Jane Smith", "vice president", "Dell")},
        ),
        ("Tim Cook is Apple's chief executive and spoke on Monday.", {("Tim Cook", "chief executive", "Apple")}),
    ],
)
def test_title_with_its_field_and_stated_with_a_verb(text, expected):
    assert roles_of(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Carl Tobias, a law professor at the University of Richmond, said so.",
            {("Carl Tobias", "professor", "University of Richmond")},
        ),
        (
            "Matt Sinovic, executive director of the advocacy group Progress Iowa, has accused him.",
            {("Matt Sinovic", "executive director", "Progress Iowa")},
        ),
        (
            "Dean Baker, co-director of the Center for Economic and Policy Research, said so.",
            {("Dean Baker", "co-director", "Center for Economic and Policy Research")},
        ),
        (
            "They met Chuck Grassley (R-Iowa), chairman of the Judiciary Committee, on Monday.",
            {("Chuck Grassley", "chairman", "Judiciary Committee")},
        ),
        (
            "Geoff Garin, a Democratic pollster working for Priorities USA, said so.",
            {("Geoff Garin", "pollster", "Priorities USA")},
        ),
        (
            "France's far-right National Front party leader, Marine Le Pen, voiced support.",
            {("Marine Le Pen", "leader", "National Front party")},
        ),
        (
            "Bill Gates, Microsoft's founder, and Steve Ballmer, its chief executive, spoke.",
            {("Bill Gates", "founder", "Microsoft"), ("Steve Ballmer", "chief executive", "Microsoft")},
        ),
        ("Ric Gillespie, who founded Google, spoke on Monday.", {("Ric Gillespie", "founder", "Google")}),
        ("Jane Smith, a senior vice president at Google, said so.", {("Jane Smith", "senior vice president", "Google")}),
    ],
)
def test_appositions_with_free_words_descriptors_and_anaphora(text, expected):
    assert roles_of(text) == expected


def test_a_plural_title_before_one_person_is_no_role():
    assert roles_of("Xiaomi sells phones. In a letter to its employees, Lei Jun said it would sell cars.") == set()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "4. Bill Gates\nThe Microsoft founder and world's second-richest man has given money.",
            {("Bill Gates", "founder", "Microsoft")},
        ),
        (
            "We met Jane Smith on Monday. She is the chief financial officer of Google.",
            {("Jane Smith", "chief financial officer", "Google")},
        ),
        (
            "Neera Tanden, a Clinton supporter and president of the Center for American Progress, asked him.",
            {("Neera Tanden", "president", "Center for American Progress")},
        ),
        (
            "Jane Doe, a columnist for the British newspaper Financial Times, wrote on Friday.",
            {("Jane Doe", "columnist", "Financial Times")},
        ),
    ],
)
def test_the_subject_named_just_before_and_a_title_after_another_apposition(text, expected):
    assert roles_of(text) == expected


def test_the_subject_is_not_a_person_named_sentences_before():
    text = ("Jane Smith spoke in Paris. It rained all day. Nobody came.\n"
            "The Google chief executive has left.")
    assert roles_of(text) == set()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Disney Chief Executive Officer Bob Chapek and Executive Chairman Bob Iger met investors.",
            {("Bob Chapek", "chief executive officer", "Disney"), ("Bob Iger", "executive chairman", "Disney")},
        ),
        (
            "Amazon said on Monday that profits rose. Jane Doe, a spokeswoman for the company, declined to comment.",
            {("Jane Doe", "spokeswoman", "Amazon")},
        ),
        (
            "Oracle's senior vice president of sales, Jane Doe, spoke.",
            {("Jane Doe", "senior vice president", "Oracle")},
        ),
        (
            "Jane Doe, 45, a teacher at Lincoln High School, was there.",
            {("Jane Doe", "teacher", "Lincoln High School")},
        ),
        (
            "Microsoft named Satya Nadella as its new chief executive on Tuesday.",
            {("Satya Nadella", "chief executive", "Microsoft")},
        ),
        (
            "Jane Doe, who chairs the Senate Banking Committee, spoke.",
            {("Jane Doe", "chair", "Senate Banking Committee")},
        ),
    ],
)
def test_second_title_the_company_field_age_and_appointments(text, expected):
    assert roles_of(text) == expected


def test_a_corporate_title_after_the_name_goes_to_the_main_organisation():
    text = ("Xiaomi will build cars. Xiaomi has cash. Xiaomi has fans. "
            "“We will win,” said Lei Jun, founder and chief executive. Lei Jun, a former analyst, smiled.")
    assert roles_of(text) == {("Lei Jun", "founder", "Xiaomi"), ("Lei Jun", "chief executive", "Xiaomi")}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Tim Cook (Apple's chief executive) spoke on Monday.", {("Tim Cook", "chief executive", "Apple")}),
        ("Tim Cook (CEO, Apple) spoke on Monday.", {("Tim Cook", "ceo", "Apple")}),
        (
            "According to USA TODAY contributor and monetary historian David Marsh, rates will rise.",
            {("David Marsh", "contributor", "USA TODAY")},
        ),
    ],
)
def test_a_title_in_parentheses_and_a_second_description_before_the_name(text, expected):
    assert roles_of(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Gilda Cobb-Hunter, a member of the Democratic National Committee, spoke.",
            {("Gilda Cobb-Hunter", "member", "Democratic National Committee")},
        ),
        (
            "Russell Wheeler, a visiting fellow at the Brookings Institution, said so.",
            {("Russell Wheeler", "fellow", "Brookings Institution")},
        ),
        (
            "Pierre de Vos, a professor in public law at the University of Cape Town, said so.",
            {("Pierre de Vos", "professor", "University of Cape Town")},
        ),
    ],
)
def test_members_fellows_and_fields_with_in(text, expected):
    assert roles_of(text) == expected


def test_a_second_description_is_no_article_and_person():
    assert roles_of("Ben Jealous, a former NAACP leader and a Bernie Sanders supporter, spoke.") == {
        ("Ben Jealous", "leader", "NAACP")}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Satya Nadella took over as chief executive of Microsoft in 2014.",
         {("Satya Nadella", "chief executive", "Microsoft")}),
        ("Bob Iger returned as Disney's chief executive in November.", {("Bob Iger", "chief executive", "Disney")}),
        ("Ruth Porat joined Google as its chief financial officer in 2015.",
         {("Ruth Porat", "chief financial officer", "Google")}),
        ("During Tim Cook's tenure as chief executive of Apple, sales rose.", {("Tim Cook", "chief executive", "Apple")}),
    ],
)
def test_a_title_after_as(text, expected):
    assert roles_of(text) == expected


def test_an_organisation_the_model_missed_before_a_title_and_a_person():
    text = ("The search found nothing, TIGHAR president Pat Thrasher said. Thrasher kept in touch with "
            "TIGHAR founder Ric Gillespie.")
    assert roles_of(text) == {("Pat Thrasher", "president", "TIGHAR"), ("Ric Gillespie", "founder", "TIGHAR")}


def test_a_cause_before_a_title_is_no_organisation():
    assert roles_of("The speakers included Syrian refugee and LGBTQ activist Subhi Nahas.") == set()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Bengt Arnetz, a researcher from Sweden's Uppsala University, said phones cause insomnia.",
            {("Bengt Arnetz", "researcher", "Uppsala University")},
        ),
        (
            "Thilo Koslowski, vice president and automotive practice leader at Gartner Inc., said so.",
            {("Thilo Koslowski", "vice president", "Gartner Inc"), ("Thilo Koslowski", "leader", "Gartner Inc")},
        ),
        (
            '"There is a huge need," said Siddhartha Roy, chief operating officer (COO) of BigAdda, on Monday.',
            {("Siddhartha Roy", "chief operating officer", "BigAdda")},
        ),
        (
            "Andreas Baumhof, CTO of online fraud protection company TrustDefender, said it was new.",
            {("Andreas Baumhof", "cto", "TrustDefender")},
        ),
        (
            "Robert Oldendick, a University of South Carolina political science professor, said so.",
            {("Robert Oldendick", "professor", "University of South Carolina")},
        ),
        (
            "Ian Lynam is a graphic designer living in Tokyo and the art director of Neojaponisme.",
            {("Ian Lynam", "director", "Neojaponisme")},
        ),
    ],
)
def test_from_abbreviations_loose_title_lists_and_descriptions_before_a_title(text, expected):
    assert expected <= roles_of(text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Calvin Butts, pastor of the Abyssinian Baptist Church, spoke.", {("Calvin Butts", "pastor", "Abyssinian Baptist Church")}),
        ("Watford striker Marlon King scored twice on Saturday.", {("Marlon King", "striker", "Watford")}),
        ("Quarterback Tom Brady of the New England Patriots threw four touchdowns.",
         {("Tom Brady", "quarterback", "New England Patriots")}),
        ("Henry Okah, a factional MEND leader, was arrested in Angola.", {("Henry Okah", "leader", "MEND")}),
        ("Pamela Hall \u2013 the president of the Heartland Institute \u2013 sued on Monday.",
         {("Pamela Hall", "president", "Heartland Institute")}),
    ],
)
def test_job_words_dashes_and_a_title_before_a_person_of_the_organisation(text, expected):
    assert expected <= roles_of(text)


def test_a_singular_title_after_two_people_is_the_second_ones():
    roles = roles_of("The deal was made by Alex Salmond and Steven Purcell, the Labour Party leader.")
    assert roles == {("Steven Purcell", "leader", "Labour Party")}


def test_a_free_word_before_the_title_is_no_verb():
    assert roles_of("The CBS drama follows Secretary Elizabeth McCord through a crisis.") == set()


def test_a_field_after_for_before_of():
    assert ("Elias B. Sayeh", "vice-president", "American Business Group") in roles_of(
        "Elias B. Sayeh, Vice-President for Membership of the American Business Group, said: \"No.\"")


def test_then_hyphenated_and_a_former_title_after_and():
    assert ("Lisa Jackson", "administrator", "Environmental Protection Agency") in roles_of(
        "Lisa Jackson, then-administrator of the Environmental Protection Agency, used an alias.")
