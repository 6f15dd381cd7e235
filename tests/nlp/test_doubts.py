"""Where the pipeline's stages disagree, kept as plain data on its output (no database)."""

import pytest

from articles.nlp.annotate import annotate_doc
from articles.nlp.clusters import FoundEntity
from articles.nlp.doubts import DOUBT_KIND, DOUBT_SPEAKER, speaker_doubts
from articles.nlp.entities import FoundMention
from articles.nlp.lexicon import teach_pipeline
from articles.nlp.pipeline import load_pipeline
from articles.nlp.quotes import FoundQuote


@pytest.fixture(scope="module")
def nlp():
    return load_pipeline()


def test_a_rule_overruling_the_models_kind_is_a_doubt(nlp):
    annotation = annotate_doc(nlp("Trucks queued at the Torkham and Chaman border crossings."))
    doubted = {
        annotation.mentions[d.mention].text: d.detail
        for d in annotation.doubts
        if d.topic == DOUBT_KIND and d.mention is not None
    }
    assert doubted["Torkham"] == {"model": "ORG", "kind": "PLACE"}


def test_a_kind_the_model_and_the_rules_agree_on_is_no_doubt(nlp):
    annotation = annotate_doc(nlp("Zalmay Khalilzad arrived in Kabul on Friday."))
    assert annotation.doubts == []


@pytest.mark.parametrize(
    ("teaching", "applied"),
    [(("Torkham", "PLACE", False), ("Torkham", False)), (("Torkham", "", True), ("Torkham", True))],
    ids=["a kind taught", "a name rejected"],
)
def test_an_editors_lesson_is_no_doubt_but_a_lesson_applied(nlp, teaching, applied):
    teach_pipeline(nlp, [teaching])
    try:
        annotation = annotate_doc(nlp("Trucks queued at Torkham on Monday."))
    finally:
        teach_pipeline(nlp, [])
    taught = [(lesson.text, lesson.rejected) for lesson in annotation.lessons]
    assert (taught, annotation.doubts) == ([applied], [])


def people(*names_at: tuple[str, int]) -> tuple[list[FoundMention], list[FoundEntity]]:
    mentions = [
        FoundMention(start, start + len(name), name, "PERSON", "PERSON", name)
        for name, start in names_at
    ]
    return mentions, [FoundEntity(name=m.name, kind="PERSON") for m in mentions]


def test_a_speaker_chosen_over_a_nearer_person_is_a_doubt():
    # Gul Rahman (0) ... “It will close” (40) ... Ahmed Shah (60)
    mentions, entities = people(("Gul Rahman", 0), ("Ahmed Shah", 60))
    quote = FoundQuote(
        40, 55, "It will close", "direct", speaker=0, speaker_start=0, speaker_end=10
    )
    (doubt,) = speaker_doubts(mentions, entities, [0, 1], [quote])
    assert (doubt.topic, doubt.quote, doubt.detail["nearer_name"]) == (
        DOUBT_SPEAKER,
        0,
        "Ahmed Shah",
    )


def test_the_nearest_speaker_chosen_is_no_doubt():
    mentions, entities = people(("Gul Rahman", 0), ("Ahmed Shah", 60))
    quote = FoundQuote(
        20, 35, "It will close", "direct", speaker=0, speaker_start=0, speaker_end=10
    )
    assert speaker_doubts(mentions, entities, [0, 1], [quote]) == []
