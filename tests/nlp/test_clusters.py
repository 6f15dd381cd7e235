"""Grouping an article's mentions into entities, on hand-made mentions (no model needed)."""

from articles.nlp.clusters import cluster_mentions, is_short_form
from articles.nlp.entities import FoundMention


def mentions(*items):
    found, position = [], 0
    for name, kind in items:
        found.append(FoundMention(position, position + len(name), name, kind, kind, name))
        position += len(name) + 10
    return found


def groups(items):
    entities, _entity_of = cluster_mentions(mentions(*items))
    return [[items[i][0] for i in entity.mentions] for entity in entities], entities


def test_surnames_join_the_full_name_and_the_full_name_is_canonical():
    grouped, entities = groups(
        [
            ("Bajwa", "PERSON"),
            ("Qamar Javed Bajwa", "PERSON"),
            ("Khalilzad", "PERSON"),
            ("Zalmay Khalilzad", "PERSON"),
            ("Bajwa", "PERSON"),
        ]
    )
    assert grouped == [["Bajwa", "Qamar Javed Bajwa", "Bajwa"], ["Khalilzad", "Zalmay Khalilzad"]]
    assert [e.name for e in entities] == ["Qamar Javed Bajwa", "Zalmay Khalilzad"]


def test_an_ambiguous_surname_goes_to_the_nearest_earlier_person():
    grouped, _ = groups([("Ann Curtis", "PERSON"), ("Lisa Curtis", "PERSON"), ("Curtis", "PERSON")])
    assert grouped == [["Ann Curtis"], ["Lisa Curtis", "Curtis"]]


def test_a_name_with_two_kinds_takes_the_kind_most_mentions_have():
    _, entities = groups([("Torkham", "PLACE"), ("Torkham", "ORG"), ("Torkham", "PLACE")])
    assert [(e.name, e.kind, len(e.mentions)) for e in entities] == [("Torkham", "PLACE", 3)]


def test_short_long_and_initial_forms_of_organisations():
    grouped, _ = groups(
        [
            ("Government Accountability Office", "ORG"),
            ("GAO", "ORG"),
            ("Apple Inc.", "ORG"),
            ("Apple", "ORG"),
            ("U.S.", "PLACE"),
            ("United States", "PLACE"),
        ]
    )
    assert grouped == [
        ["Government Accountability Office", "GAO"],
        ["Apple Inc.", "Apple"],
        ["U.S.", "United States"],
    ]


def test_short_forms_need_one_candidate_and_the_same_kind():
    assert is_short_form("apple", "apple inc.")
    assert is_short_form("air force", "u.s. air force")
    assert not is_short_form("force", "u.s. air force")
    grouped, _ = groups([("Pakistan", "PLACE"), ("Pakistan Army", "ORG")])
    assert grouped == [["Pakistan"], ["Pakistan Army"]]
    grouped, _ = groups([("Air", "ORG"), ("Air China", "ORG"), ("Air France", "ORG")])
    assert grouped == [["Air"], ["Air China"], ["Air France"]]


def test_a_country_written_two_ways_and_initials_of_the_long_form():
    grouped, _entities = groups(
        [
            ("U.S. Air Force", "ORG"),
            ("US Air Force", "ORG"),
            ("Air Force", "ORG"),
            ("USAF", "ORG"),
        ]
    )
    assert grouped == [["U.S. Air Force", "US Air Force", "Air Force", "USAF"]]


def test_a_short_form_prefers_the_company_then_the_name_used_most():
    grouped, _ = groups([("Apple", "ORG"), ("Apple TV", "ORG"), ("Apple Inc.", "ORG")])
    assert grouped == [["Apple", "Apple Inc."], ["Apple TV"]]
    grouped, _ = groups(
        [
            ("Apple Computer", "ORG"),
            ("Apple Macintosh", "ORG"),
            ("Apple Computer", "ORG"),
            ("Apple", "ORG"),
        ]
    )
    assert grouped == [["Apple Computer", "Apple Computer", "Apple"], ["Apple Macintosh"]]
    # As often one as the other: "Apple" stays on its own.
    grouped, _ = groups([("Apple Corps", "ORG"), ("Apple Computer", "ORG"), ("Apple", "ORG")])
    assert grouped == [["Apple Corps"], ["Apple Computer"], ["Apple"]]


def test_initials_defined_in_brackets_join_the_name_before_them():
    text = "Singapore Airlines (SIA) ordered jets. SIA said so."
    found = [
        FoundMention(0, 18, "Singapore Airlines", "ORG", "ORG", "Singapore Airlines"),
        FoundMention(20, 23, "SIA", "ORG", "ORG", "SIA"),
        FoundMention(39, 42, "SIA", "ORG", "ORG", "SIA"),
    ]
    entities, entity_of = cluster_mentions(found, text)
    assert entity_of == [0, 0, 0]
    assert entities[0].name == "Singapore Airlines"
    assert entities[0].aliases == ["SIA"]


def test_a_kind_settled_by_evidence_outweighs_the_model_guesses():
    found = mentions(("Ryanair", "PERSON"), ("Ryanair", "PERSON"), ("Ryanair", "PERSON"))
    found.append(FoundMention(90, 97, "Ryanair", "ORG", "ORG", "Ryanair", certain=True))
    entities, _ = cluster_mentions(found)
    assert [(e.name, e.kind, len(e.mentions)) for e in entities] == [("Ryanair", "ORG", 4)]


def test_what_an_of_name_is_of_joins_it_when_the_kind_agrees():
    grouped, _ = groups(
        [("Church of Scientology", "ORG"), ("Scientology", "ORG"), ("Scientology", "ORG")]
    )
    assert grouped == [["Church of Scientology", "Scientology", "Scientology"]]
    grouped, _ = groups([("University of Michigan", "ORG"), ("Michigan", "PLACE")])
    assert grouped == [["University of Michigan"], ["Michigan"]]
    grouped, _ = groups([("East Los Angeles", "PLACE"), ("Los Angeles", "PLACE")])
    assert grouped == [["East Los Angeles"], ["Los Angeles"]]
