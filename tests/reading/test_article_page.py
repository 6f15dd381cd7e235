"""The article page: marks, the panel beside it, the kept rendering of its body, CSP."""

import re

import pytest
from django.urls import reverse

from articles.editing import mentions
from articles.models import Mention
from articles.reading import body_cache, rendering
from tests.reading.conftest import HTMX

pytestmark = pytest.mark.django_db


def test_article_page_marks_entities_dates_and_quotes(client, seed):
    html = client.get(seed.get_absolute_url()).content.decode()

    assert '<h1 id="headline">Pakistan Military Backs Afghan Peace Talks</h1>' in html
    assert "Sources: Voice of America, Hilal, Gandhara" in html
    kabul = re.compile(
        rf'href="{seed.get_absolute_url()}\?entity=kabul&amp;mention=\d+#entity-panel" '
        rf'hx-get="/entities/kabul/\?article={seed.slug}&amp;mention=\d+"'
    )
    assert kabul.search(html)
    assert 'class="mention mention--person"' in html
    assert 'href="/dates/2020/6/" title="Date: 2020-06-01 to 2020-06-30"' in html
    assert 'id="entity-panel" class="panel panel--empty"' in html
    assert "Comments are closed" not in html


def test_the_marked_body_is_rendered_once_and_again_after_a_correction(
    client, seed, django_user_model, monkeypatch
):
    renderings = []
    real = rendering.marked_body

    def counting(*args, **kwargs):
        renderings.append(1)
        return real(*args, **kwargs)

    monkeypatch.setattr(body_cache, "marked_body", counting)
    client.get(seed.get_absolute_url())
    client.get(seed.get_absolute_url())
    assert len(renderings) == 1

    torkham = Mention.objects.get(text="Torkham")
    editor = django_user_model.objects.create(username="amina")
    mentions.relabel_mention(
        mention_id=torkham.pk, version=torkham.version, kind="ORG", editor=editor
    )
    html = client.get(seed.get_absolute_url()).content.decode()
    assert len(renderings) == 2
    assert re.search(r'class="mention mention--org" href="[^"]*entity=torkham', html)


def test_article_page_with_an_entity_shows_its_panel_without_javascript(client, seed):
    html = client.get(seed.get_absolute_url(), {"entity": "kabul"}).content.decode()
    assert '<h2 id="entity-name" class="panel__name" tabindex="-1">Kabul</h2>' in html
    assert "Articles (1)" in html


def test_entity_panel_fragment_for_htmx(client, seed):
    response = client.get(reverse("articles:entity", args=["qamar-javed-bajwa"]), **HTMX)
    html = response.content.decode()
    assert html.lstrip().startswith('<aside id="entity-panel"')
    assert "<html" not in html
    assert "Pakistan Army Chief of Staff" in html
    assert "Also: Bajwa" in html
    assert "HX-Request" in response["Vary"]


def test_panel_opened_beside_an_article_can_be_closed(client, seed):
    url = reverse("articles:entity", args=["kabul"]) + f"?article={seed.slug}"
    html = client.get(url, **HTMX).content.decode()
    assert f'hx-get="{seed.get_absolute_url()}" hx-select="#entity-panel"' in html
    alone = client.get(reverse("articles:entity", args=["kabul"]), **HTMX).content.decode()
    assert "Close</a>" not in alone


def test_a_mention_parameter_int_cannot_read_is_ignored(client, seed):
    response = client.get(seed.get_absolute_url(), {"entity": "kabul", "mention": "²"})
    assert response.status_code == 200


def test_pages_send_a_strict_content_security_policy(client, seed):
    response = client.get(seed.get_absolute_url())
    policy = response["Content-Security-Policy"]
    assert "script-src 'self'" in policy
    assert "default-src 'self'" in policy
    assert "unsafe-inline" not in policy
    assert "unsafe-eval" not in policy
    html = response.content.decode()
    assert "<script>" not in html
    assert " style=" not in html
    assert "hx-on" not in html


@pytest.mark.parametrize("url", ["/articles/nope/", "/entities/nope/"])
def test_missing_pages_are_404(client, url):
    assert client.get(url).status_code == 404
