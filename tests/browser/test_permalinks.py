"""Permalinks in a browser, on a desktop and on a phone: a quote's, a date's and a mention's
address open the article scrolled to the words and highlighted (a mention's with its panel
open beside it, or as a sheet below it); the API's docs page works from the site's own files."""

import datetime as dt

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from articles.reading.permalinks import date_permalink, mention_permalink, quote_permalink
from tests.browser.conftest import in_view, screenshot
from tests.factories import date_mention, make_article, make_entity, mention, quote

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.browser]
FILLER = "The convoy waited at the crossing while officials checked the papers of every driver. "
HIGHLIGHT = "rgb(255, 241, 191)"


@pytest.fixture
def long_article():
    """An article whose quote, date and last mention sit far below the first screen."""
    paragraphs = [FILLER * 4] * 24
    paragraphs.append(
        "In March 2021 Lisa Curtis spoke again. "
        "The crossing will stay open through the winter, Curtis said."
    )
    paragraphs += [FILLER * 2] * 3
    article = make_article(
        headline="The crossing stays open",
        body="\n\n".join(paragraphs),
        published=dt.date(2021, 3, 20),
        slug="crossing-stays-open",
    )
    curtis = make_entity(name="Lisa Curtis", kind="PERSON", slug="lisa-curtis")
    mention(article, curtis, "Lisa Curtis")
    return {
        "article": article,
        "mention": mention(article, curtis, "Curtis", occurrence=1),
        "quote": quote(article, "The crossing will stay open through the winter", curtis),
        "date": date_mention(article, "March 2021", "2021-03-01", "2021-03-31", "month"),
    }


def expect_highlighted(page, target):
    expect(target).to_have_css("background-color", HIGHLIGHT)
    expect(target).to_have_css("outline-style", "solid")


def test_a_quote_shared_opens_the_article_at_the_quote(screen, live_server, long_article):
    page, said = screen, long_article["quote"]
    page.goto(live_server.url + reverse("articles:quote", args=[said.pk]))
    expect(page.locator("#quote-words")).to_contain_text("stay open through the winter")
    expect(page.locator('meta[property="og:title"]')).to_have_attribute(
        "content", "“The crossing will stay open through the winter” — Lisa Curtis"
    )

    page.get_by_role("link", name="Read it in the article").click()

    words = page.locator(f"#quote-text-{said.pk}")
    expect(words).to_be_in_viewport()
    expect_highlighted(page, words)
    page.wait_for_timeout(600)  # the smooth scroll has ended
    assert in_view(page, words), page.screen
    screenshot(page, f"quote-permalink-{page.screen}")
    assert page.console_errors == []


def test_a_date_permalink_opens_the_article_at_the_date(screen, live_server, long_article):
    page = screen
    link = date_permalink(long_article["date"], article_slug="crossing-stays-open")

    page.goto(live_server.url + link)

    words = page.locator(f"#date-text-{long_article['date'].pk}")
    expect(words).to_be_in_viewport()
    expect_highlighted(page, words)


def test_a_mention_permalink_opens_its_panel_beside_it(screen, live_server, long_article):
    page, named = screen, long_article["mention"]
    link = mention_permalink(named, article_slug="crossing-stays-open", entity_slug="lisa-curtis")

    page.goto(live_server.url + link)

    expect(page.locator("#entity-panel #entity-name")).to_have_text("Lisa Curtis")
    words = page.locator(f"#mention-{named.pk}")
    expect(words).to_be_in_viewport()
    expect_highlighted(page, words)
    page.wait_for_timeout(600)
    assert in_view(page, words), page.screen
    if page.screen == "phone":  # the panel is a sheet: the words are above it, not under it
        sheet = page.locator("#entity-panel").bounding_box()
        assert words.bounding_box()["y"] + words.bounding_box()["height"] <= sheet["y"]
    screenshot(page, f"mention-permalink-{page.screen}")


def test_a_reported_quote_leads_to_the_top_of_its_article(page, live_server, long_article):
    said = long_article["quote"]
    said.kind = "indirect"
    said.save()

    page.goto(live_server.url + quote_permalink(said, article_slug="crossing-stays-open"))

    expect(page.locator("#headline")).to_be_in_viewport()


def test_the_api_docs_work_from_the_sites_own_files(page, live_server):
    asked = []
    page.on("request", lambda request: asked.append(request.url))

    page.goto(live_server.url + reverse("api:openapi-view"))

    expect(page.locator(".swagger-ui .info .title")).to_contain_text("Newsdesk")
    expect(page.locator(".swagger-ui .opblock-summary-path").first).to_be_visible()
    assert [url for url in asked if not url.startswith(live_server.url)] == []
    assert page.console_errors == []
