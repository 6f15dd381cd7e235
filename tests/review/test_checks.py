"""Each check finds a case planted in a small archive, and nothing in a clean one; findings are
kept across runs (dismissed stays dismissed, gone is resolved)."""

import pytest
from django.core.management import call_command

from articles.models import Alias, EntityDistinction, ReviewItem, Topic
from articles.review.checks import run_checks
from tests.factories import (
    MentionFactory,
    date_mention,
    make_article,
    make_entity,
    mention,
    quote,
)
from tests.review.conftest import uncertain_jalalabad, unplaced

pytestmark = pytest.mark.django_db


def open_topics() -> list[str]:
    return sorted(ReviewItem.objects.filter(status="open").values_list("topic", flat=True))


def clean_archive():
    article = make_article(body="Gul Rahman said “Torkham is open” in Kabul on 3 June 2020.")
    rahman = make_entity(name="Gul Rahman", kind="PERSON")
    MentionFactory.create(article=article, entity=rahman, text="Gul Rahman", label="PERSON")
    mention(article, make_entity(name="Kabul", kind="PLACE"), "Kabul")
    quote(article, "“Torkham is open”", rahman)
    date_mention(article, "3 June 2020", "2020-06-03", "2020-06-03")
    return article


def test_a_clean_archive_has_no_findings():
    clean_archive()
    tallies = run_checks()
    assert sum(tally.items for tally in tallies.values()) == 0


def test_one_name_under_two_kinds_across_the_archive():
    for kind in ("PLACE", "ORG"):
        article = make_article(body="Trucks queued at Torkham.")
        mention(article, make_entity(name="Torkham", kind=kind), "Torkham")
    tallies = run_checks([Topic.TWO_KINDS])
    assert (tallies[Topic.TWO_KINDS].items, tallies[Topic.TWO_KINDS].articles) == (1, 2)


def test_one_name_under_two_kinds_in_one_article():
    article = make_article(body="Torkham opened. Trucks left Torkham.")
    mention(article, make_entity(name="Torkham", kind="PLACE"), "Torkham")
    mention(article, make_entity(name="Torkham", kind="ORG"), "Torkham", occurrence=1)
    tallies = run_checks([Topic.TWO_KINDS])
    assert tallies[Topic.TWO_KINDS_IN_ARTICLE].items == 1
    assert ReviewItem.objects.get().evidence["together"] == 1


def test_a_kind_most_mentions_disagree_with():
    article = make_article(body="Torkham opened. Torkham closed. Torkham again.")
    torkham = make_entity(name="Torkham", kind="ORG")
    for occurrence in range(3):
        mention(article, torkham, "Torkham", occurrence=occurrence)  # labelled GPE: a place
    tallies = run_checks([Topic.KIND_DISAGREES])
    assert tallies[Topic.KIND_DISAGREES].items == 1
    assert ReviewItem.objects.get().evidence["suggested"] == "PLACE"


def test_two_entities_of_one_name_and_kind():
    for _ in range(2):
        article = make_article(body="Kabul is the capital.")
        mention(article, make_entity(name="Kabul", kind="PLACE"), "Kabul")
    assert run_checks([Topic.SHARED_NAME])[Topic.SHARED_NAME].items == 1


def test_two_entities_sharing_an_alias():
    one = make_entity(name="Qamar Javed Bajwa", kind="PERSON")
    other = make_entity(name="Gen. Bajwa", kind="PERSON")
    Alias.objects.create(entity=one, name="Bajwa")
    Alias.objects.create(entity=other, name="Bajwa")
    article = make_article(body="Qamar Javed Bajwa, or Gen. Bajwa, spoke.")
    mention(article, one, "Qamar Javed Bajwa")
    mention(article, other, "Gen. Bajwa")
    assert run_checks([Topic.SHARED_NAME])[Topic.SHARED_NAME].items == 1


def test_entities_marked_never_the_same_are_not_found():
    first, second = (make_entity(name="Kabul", kind="PLACE") for _ in range(2))
    for entity in (first, second):
        mention(make_article(body="Kabul is the capital."), entity, "Kabul")
    low, high = sorted([first.pk, second.pk])
    EntityDistinction.objects.create(first_id=low, second_id=high)
    assert run_checks([Topic.SHARED_NAME])[Topic.SHARED_NAME].items == 0


def test_a_person_known_by_a_surname_only_with_the_fuller_name_offered():
    article = make_article(body="Qamar Javed Bajwa arrived. Bajwa spoke.")
    mention(article, make_entity(name="Qamar Javed Bajwa", kind="PERSON"), "Qamar Javed Bajwa")
    mention(article, make_entity(name="Bajwa", kind="PERSON"), "Bajwa", occurrence=1)
    run_checks([Topic.SURNAME_ONLY])
    item = ReviewItem.objects.get()
    assert (item.subject, item.evidence["fuller"]) == ("Bajwa", "Qamar Javed Bajwa")


def test_a_quote_with_no_speaker():
    article = make_article(body="“We are open,” a trader said.")
    quote(article, "“We are open,”", None)
    assert run_checks([Topic.QUOTE_NO_SPEAKER])[Topic.QUOTE_NO_SPEAKER].items == 1


def test_a_speaker_that_is_a_place():
    article = make_article(body="“We are open,” Pakistan said.")
    pakistan = make_entity(name="Pakistan", kind="PLACE")
    mention(article, pakistan, "Pakistan")
    quote(article, "“We are open,”", pakistan)
    assert run_checks([Topic.SPEAKER_NOT_PERSON])[Topic.SPEAKER_NOT_PERSON].items == 1


def test_a_date_not_placed():
    article = make_article(body="It reopened recently.")
    unplaced(article, "recently")
    assert run_checks([Topic.DATE_UNPLACED])[Topic.DATE_UNPLACED].items == 1


def test_a_dismissed_finding_stays_dismissed_and_a_gone_one_is_resolved():
    article = make_article(body="It reopened recently. And soon.")
    unplaced(article, "recently")
    soon = unplaced(article, "soon")
    run_checks([Topic.DATE_UNPLACED])
    ReviewItem.objects.filter(subject="recently").update(status="dismissed")
    soon.value_start = soon.value_end = "2020-06-01"
    soon.save()
    run_checks([Topic.DATE_UNPLACED])
    statuses = dict(ReviewItem.objects.values_list("subject", "status"))
    assert statuses == {"recently": "dismissed", "soon": "resolved"}


def test_the_command_reports_each_check_with_its_articles(capsys):
    article = make_article(body="It reopened recently.")
    unplaced(article, "recently")
    call_command("review_checks")
    assert "Date not placed: 1 item, 1 article" in capsys.readouterr().out


def test_the_command_queues_the_checks_as_a_task(capsys, settings):
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}
    article = make_article(body="It reopened recently.")
    unplaced(article, "recently")
    call_command("review_checks", "--queue")
    assert "Queued the checks" in capsys.readouterr().out
    assert open_topics() == ["date-unplaced"]


def test_mentions_the_pipeline_labelled_otherwise_are_uncertain():
    _article, _jalalabad, spoke = uncertain_jalalabad()
    tallies = run_checks([Topic.KIND_DISAGREES])
    assert tallies[Topic.MODEL_DISAGREES].items == 1
    item = ReviewItem.objects.get()
    assert (item.mention_id, item.evidence["model"]) == (spoke.pk, "Person")


def test_editors_labels_are_not_uncertain():
    article = make_article(body="Jalalabad grew. Jalalabad spoke.")
    jalalabad = make_entity(name="Jalalabad", kind="PLACE")
    mention(article, jalalabad, "Jalalabad")
    MentionFactory.create(
        article=article,
        entity=jalalabad,
        text="Jalalabad",
        occurrence=1,
        label="PERSON",
        origin="editor",
    )
    assert run_checks([Topic.KIND_DISAGREES])[Topic.MODEL_DISAGREES].items == 0


def test_a_common_word_named_once_is_found_from_its_lower_case_use():
    article = make_article(body="South of the river, the south bank flooded.")
    south = mention(article, make_entity(name="South", kind="PLACE"), "South")
    assert run_checks([Topic.COMMON_WORD])[Topic.COMMON_WORD].items == 1
    assert ReviewItem.objects.get().mention_id == south.pk


def test_a_common_word_named_once_is_found_among_spacys_stop_words():
    article = make_article(body="Will they come back?")
    mention(article, make_entity(name="Will", kind="PERSON"), "Will")
    assert run_checks([Topic.COMMON_WORD])[Topic.COMMON_WORD].items == 1


def test_a_name_named_once_and_never_written_in_lower_case_is_no_common_word():
    article = make_article(body="Trucks queued at Torkham.")
    mention(article, make_entity(name="Torkham", kind="PLACE"), "Torkham")
    assert run_checks([Topic.COMMON_WORD])[Topic.COMMON_WORD].items == 0


def test_a_common_word_named_twice_is_left_to_editors_reading():
    article = make_article(body="South grew. South shrank. The south wind blew.")
    south = make_entity(name="South", kind="PLACE")
    mention(article, south, "South")
    mention(article, south, "South", occurrence=1)
    assert run_checks([Topic.COMMON_WORD])[Topic.COMMON_WORD].items == 0
