"""Every refusal reaches the editor: its status (409 conflict, 422 invalid, 400 malformed), its
message where results go, and for a selection over marked names the offer to replace or extend."""

import pytest
from django.test import Client
from django.urls import reverse

from articles.editing.rejecting import reject
from articles.models import Correction, DateMention, Entity, Mention, Quote
from articles.permissions import editors_group

pytestmark = pytest.mark.django_db
HTMX = {"HTTP_HX_REQUEST": "true"}
SLUG = "pakistan-military-backs-afghan-peace-talks"


@pytest.fixture
def editor_client(editor):
    editor.save()  # the password the factory set, which the session is checked against
    editor.groups.add(editors_group())
    client = Client()
    client.force_login(editor)
    return client


def versioned_posts():
    """Every change of an existing row, with all it needs but its version."""
    mention = Mention.objects.get(text="Torkham")
    quote = Quote.objects.order_by("pk")[0]
    date = DateMention.objects.order_by("pk")[0]
    kabul = Entity.objects.get(name="Kabul")
    return [
        (reverse("articles:edit-mention", args=[mention.pk]), {"action": "reject"}),
        (reverse("articles:edit-mention", args=[mention.pk]), {"action": "relabel", "kind": "ORG"}),
        (reverse("articles:edit-quote", args=[quote.pk]), {"action": "remove"}),
        (reverse("articles:edit-date", args=[date.pk]), {"action": "reject"}),
        (reverse("articles:edit-entity", args=["kabul"]), {"action": "rename", "name": "Kabool"}),
        (reverse("articles:edit-entity", args=["kabul"]), {"action": "kind", "kind": "ORG"}),
        (reverse("articles:merge-entity", args=["islamabad"]), {"into": kabul.slug}),
    ]


@pytest.mark.parametrize("version", [None, "", "two", "-1", "1.5", "²"])
def test_a_change_without_a_readable_version_is_refused_and_nothing_changes(
    seed, editor_client, version
):
    for url, data in versioned_posts():
        if version is not None:
            data = {**data, "version": version}
        for headers in ({}, HTMX):
            response = editor_client.post(url, data, **headers)
            assert response.status_code == 400, url
            assert "lost track of what it changes" in response.content.decode(), url
    assert not Correction.objects.exists()
    assert Mention.objects.filter(text="Torkham").exists()
    assert Entity.objects.filter(name="Kabul", kind="PLACE").exists()


def test_a_conflict_is_409_with_its_message_where_results_go(seed, editor_client):
    torkham = Mention.objects.get(text="Torkham")
    url = reverse("articles:edit-mention", args=[torkham.pk])
    stale = {"action": "relabel", "kind": "ORG", "version": torkham.version + 1}
    response = editor_client.post(url, stale, **HTMX)
    assert response.status_code == 409
    assert (response["HX-Retarget"], response["HX-Reswap"]) == ("#edit-result", "innerHTML")
    assert "Someone else changed this mention meanwhile" in response.content.decode()
    assert "HX-Trigger" not in response


def test_an_invalid_correction_is_422_with_its_message(seed, editor_client):
    torkham = Mention.objects.get(text="Torkham")
    url = reverse("articles:edit-mention", args=[torkham.pk])
    same = {"action": "relabel", "kind": "PLACE", "version": torkham.version}
    response = editor_client.post(url, same, **HTMX)
    assert response.status_code == 422
    assert "Torkham is already a place." in response.content.decode()


def test_a_selection_over_a_marked_name_offers_to_replace_or_extend_it(seed, editor, editor_client):
    article_body = Mention.objects.get(text="Lisa Curtis").article.body
    south = Mention.objects.get(text="South")
    central = Mention.objects.get(text="Central Asia")
    reject(Mention, pk=south.pk, version=south.version, editor=editor)
    start = article_body.index("South and Central Asia")
    selection = {"start": start, "end": start + len("South and Central Asia"), "kind": "PLACE"}
    url = reverse("articles:add-mention", args=[SLUG])

    offer = editor_client.post(url, selection, **HTMX)
    html = offer.content.decode()
    assert offer.status_code == 422
    # The message names the live mark only, never the rejected "South".
    assert "runs into “Central Asia”, already marked: replace it or extend it." in html
    assert "“South”" not in html
    assert f'name="replace" value="{central.pk}:{central.version}"' in html
    assert "Replace “Central Asia”</button>" in html
    assert "Extend “Central Asia” to “South and Central Asia”</button>" in html

    replace = {**selection, "replace": f"{central.pk}:{central.version}"}
    replaced = editor_client.post(url, replace, **HTMX)
    assert replaced.status_code == 200
    assert "annotationsChanged" in replaced["HX-Trigger"]
    marked = Mention.objects.get(text="South and Central Asia")
    assert f'"mention": {marked.pk}' in replaced["HX-Trigger"]
    assert Mention.all_objects.get(pk=central.pk).rejected


def test_extending_a_name_over_the_selection_moves_its_boundaries(seed, editor_client):
    south = Mention.objects.get(text="South")
    start = south.article.body.index("South and Central Asia")
    url = reverse("articles:add-mention", args=[SLUG])
    offer = editor_client.post(url, {"start": start + 3, "end": start + 9, "kind": "PLACE"}, **HTMX)
    html = offer.content.decode()
    extend_url = reverse("articles:edit-mention", args=[south.pk])
    assert f'hx-post="{extend_url}"' in html
    assert "Extend “South” to “South and”</button>" in html
    assert f'name="start" value="{start}"' in html

    extend = {"action": "adjust", "version": south.version, "start": start, "end": start + 9}
    assert editor_client.post(extend_url, extend, **HTMX).status_code == 200
    assert Mention.objects.get(pk=south.pk).text == "South and"
