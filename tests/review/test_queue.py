"""The review queue: editors only, ordered by readers then articles, each fix applied by the
correction services and undone, refusals shown, and a page's cost the same at any size."""

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.urls import reverse

from articles.models import Correction, Entity, Mention, ReviewItem
from articles.review.checks import run_checks
from tests.factories import MentionFactory, make_article, make_entity, mention, quote
from tests.review.conftest import HTMX, QUEUE, queue_queries, reader_at, unplaced

pytestmark = pytest.mark.django_db


def flag(target: Mention, reason: str, address: str) -> None:
    url = reverse("articles:flag-mention", args=[target.pk])
    reader_at(address).post(url, {"reason": reason})


@pytest.fixture
def torkham():
    """Torkham as an organisation in one article and a place in two; one reader flags it."""
    places = []
    for _ in range(2):
        article = make_article(body="Trucks queued at Torkham.")
        places.append(mention(article, make_entity(name="Torkham", kind="PLACE"), "Torkham"))
    article = make_article(body="Torkham reopened on Monday.")
    wrong = MentionFactory.create(
        article=article, entity=make_entity(name="Torkham", kind="ORG"), text="Torkham", label="ORG"
    )
    return wrong


def fix(client, item, action, **extra):
    fields = {"fix": action, "page": 1, "position": 0}
    for row in ("mention", "entity", "other", "quote", "date"):
        if target := getattr(item, row):
            fields[f"{row}_version"] = target.version
    return client.post(reverse("articles:review-fix", args=[item.pk]), {**fields, **extra}, **HTMX)


def test_readers_need_not_apply(torkham):
    assert Client().get(QUEUE).status_code == 302
    reader = User.objects.create_user("reader", password="pw")
    client = Client()
    client.force_login(reader)
    assert client.get(QUEUE).status_code == 403


def test_the_queue_puts_most_readers_then_most_articles_first(torkham, editor_client):
    run_checks()
    article = make_article(body="Jalalabad is a city.")
    jalalabad = mention(article, make_entity(name="Jalalabad", kind="PERSON"), "Jalalabad")
    flag(jalalabad, "wrong-kind", "203.0.113.1")
    flag(jalalabad, "wrong-kind", "203.0.113.2")
    flag(torkham, "wrong-kind", "203.0.113.3")
    page = editor_client.get(QUEUE).context["page"]
    assert [(item.subject, item.readers) for item in page][:3] == [
        ("Jalalabad", 2),
        ("Torkham", 1),
        ("Torkham", 0),
    ]


def test_the_counter_says_what_is_left(torkham, editor_client):
    run_checks()
    flag(torkham, "wrong-kind", "203.0.113.3")
    assert "<strong data-left>4</strong> items left" in editor_client.get(QUEUE).content.decode()


def test_a_flag_is_fixed_by_one_key_and_closed_by_its_correction(torkham, editor_client):
    flag(torkham, "wrong-kind", "203.0.113.3")
    item = ReviewItem.objects.get()
    response = fix(editor_client, item, "relabel:PLACE")
    assert response.status_code == 200
    item.refresh_from_db()
    correction = Correction.objects.get()
    assert (item.status, item.closed_by_id) == ("fixed", correction.pk)
    assert Mention.objects.get(pk=torkham.pk).entity.kind == "PLACE"
    assert "Organisation → Place" in response.content.decode()


def test_undo_puts_the_item_back_and_the_annotation_as_it_was(torkham, editor_client):
    flag(torkham, "wrong-kind", "203.0.113.3")
    item = ReviewItem.objects.get()
    fix(editor_client, item, "relabel:PLACE")
    response = editor_client.post(reverse("articles:review-undo", args=[item.pk]), {}, **HTMX)
    assert response.status_code == 200
    assert ReviewItem.objects.get().status == "open"
    assert Mention.objects.get(pk=torkham.pk).entity.kind == "ORG"


def test_a_dismissal_is_undone_too(torkham, editor_client):
    flag(torkham, "not-a-name", "203.0.113.3")
    item = ReviewItem.objects.get()
    fix(editor_client, item, "dismiss")
    assert ReviewItem.objects.get().status == "dismissed"
    editor_client.post(reverse("articles:review-undo", args=[item.pk]), {}, **HTMX)
    assert ReviewItem.objects.get().status == "open"


def test_a_merge_from_a_finding_and_its_undo(torkham, editor_client):
    run_checks()
    item = ReviewItem.objects.filter(topic="two-kinds", other_id=torkham.entity_id).first()
    assert item is not None
    fix(editor_client, item, "merge")
    assert not Entity.objects.filter(pk=torkham.entity_id).exists()
    editor_client.post(reverse("articles:review-undo", args=[item.pk]), {}, **HTMX)
    assert Entity.objects.get(pk=torkham.entity_id).kind == "ORG"
    assert ReviewItem.objects.get(pk=item.pk).status == "open"


def test_a_date_not_placed_is_rejected_in_place(editor_client):
    article = make_article(body="It reopened recently.")
    date = unplaced(article, "recently")
    run_checks()
    fix(editor_client, ReviewItem.objects.get(), "reject-date")
    date.refresh_from_db()
    assert date.rejected


def test_a_fix_on_a_row_changed_meanwhile_is_a_conflict(torkham, editor_client):
    flag(torkham, "wrong-kind", "203.0.113.3")
    item = ReviewItem.objects.get()
    response = fix(editor_client, item, "relabel:PLACE", mention_version=99)
    assert response.status_code == 409
    assert response["HX-Retarget"] == "#edit-result"
    assert ReviewItem.objects.get().status == "open"


def test_a_fix_that_makes_no_sense_is_refused(torkham, editor_client):
    flag(torkham, "wrong-kind", "203.0.113.3")
    response = fix(editor_client, ReviewItem.objects.get(), "relabel:ORG")
    assert response.status_code == 422
    assert "already" in response.content.decode()


def test_an_item_cleared_already_is_a_conflict(torkham, editor_client):
    flag(torkham, "wrong-kind", "203.0.113.3")
    item = ReviewItem.objects.get()
    fix(editor_client, item, "dismiss")
    assert fix(editor_client, item, "dismiss").status_code == 409


def test_a_plain_form_post_returns_to_the_queue_with_a_message(torkham, editor_client):
    flag(torkham, "wrong-kind", "203.0.113.3")
    item = ReviewItem.objects.get()
    url = reverse("articles:review-fix", args=[item.pk])
    response = editor_client.post(
        url, {"fix": "dismiss", "page": 1, "mention_version": 1}, follow=True
    )
    assert response.redirect_chain[-1][0] == f"{QUEUE}?page=1"
    assert "Dismissed: Torkham." in response.content.decode()


def archive_with_items(size: int) -> None:
    for number in range(size):
        name = f"Place{number}"
        article = make_article(body=f"{name} was quiet. {name} again. It was recently so.")
        mention(article, make_entity(name=name, kind="ORG"), name)
        mention(article, make_entity(name=name, kind="PLACE"), name, occurrence=1)
        unplaced(article, "recently")
    run_checks()
    for number, found in enumerate(Mention.objects.order_by("pk")[:size]):
        flag(found, "wrong-kind", f"203.0.113.{number % 250}")


def test_a_queue_page_costs_the_same_at_two_archive_sizes(editor):
    small, large = queue_queries(editor, archive_with_items, (25, 80))
    assert small == large
    assert small <= 8


def test_a_typed_speaker_answers_a_wrong_speaker_flag(editor_client):
    article = make_article(body="“We are open,” said Gul Rahman to Lisa Curtis.")
    rahman = make_entity(name="Gul Rahman", kind="PERSON")
    curtis = make_entity(name="Lisa Curtis", kind="PERSON")
    mention(article, rahman, "Gul Rahman")
    mention(article, curtis, "Lisa Curtis")
    spoken = quote(article, "“We are open,”", curtis)
    reader_at("203.0.113.5").post(
        reverse("articles:flag-quote", args=[spoken.pk]), {"reason": "wrong-speaker"}
    )
    item = ReviewItem.objects.get()
    response = fix(editor_client, item, "speaker", name="Gul Rahman")
    assert response.status_code == 200
    spoken.refresh_from_db()
    assert spoken.speaker_id == rahman.pk
    assert ReviewItem.objects.get().status == "fixed"


def test_a_typed_name_nobody_answers_to_is_refused(torkham, editor_client):
    flag(torkham, "wrong-person", "203.0.113.3")
    response = fix(editor_client, ReviewItem.objects.get(), "link", name="Nobody Atall")
    assert response.status_code == 422
    assert "Nobody in the archive is called “Nobody Atall”" in response.content.decode()


def test_a_relabel_here_offers_the_other_places_it_fits(editor_client):
    for _ in range(2):
        article = make_article(body="Trucks queued at Torkham.")
        mention(article, make_entity(name="Torkham", kind="ORG"), "Torkham")
    flag(Mention.objects.order_by("pk")[0], "wrong-kind", "203.0.113.3")
    response = fix(editor_client, ReviewItem.objects.get(), "relabel:PLACE")
    assert "Apply to the 1 other place this appears" in response.content.decode()
