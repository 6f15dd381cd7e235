"""The reader's main clicks, in a real browser, with and without JavaScript."""

import re

import pytest
from playwright.sync_api import expect

from articles.ingest.service import ingest_paths
from tests.browser.conftest import SEED_PATH, in_view, screenshot
from tests.conftest import SAMPLES

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.browser]


@pytest.fixture
def archive(live_server):
    report = ingest_paths([str(SAMPLES)])
    assert report.counts["failed"] == 0, report.failed
    return live_server.url


def open_bajwa(page, archive):
    page.goto(archive + SEED_PATH)
    page.locator("a.mention", has_text=re.compile(r"^Bajwa$")).first.click()
    panel = page.locator("#entity-panel")
    expect(panel.locator("#entity-name")).to_have_text("Qamar Javed Bajwa")
    return panel


def test_click_a_name_opens_its_panel_and_the_url_follows(page, archive):
    panel = open_bajwa(page, archive)

    expect(page).to_have_url(re.compile(r"\?entity=qamar-javed-bajwa&mention=\d+$"))
    expect(panel.locator(".panel__role")).to_have_text("Pakistan Army Chief of Staff")
    expect(panel.locator("#entity-quotes")).to_be_visible()
    expect(panel.locator(".quote-list")).to_contain_text("recent peace initiatives")
    # The click swapped the panel in place: the article's heading is the same element.
    expect(page.locator("h1#headline")).to_have_text("Pakistan Military Backs Afghan Peace Talks")
    screenshot(page, "article-with-panel")
    assert page.console_errors == []


def test_a_date_leads_to_its_month_and_back_restores_the_panel(page, archive):
    open_bajwa(page, archive)
    page.locator("a.mention--date", has_text="June 2020").first.click()

    expect(page).to_have_url(re.compile(r"/dates/2020/6/$"))
    expect(page.locator("h1")).to_have_text("June 2020")
    expect(page.locator(".article-list")).to_contain_text(
        "Pakistan Military Backs Afghan Peace Talks"
    )

    page.go_back()
    expect(page).to_have_url(re.compile(r"\?entity=qamar-javed-bajwa&mention=\d+$"))
    expect(page.locator("#entity-panel #entity-name")).to_have_text("Qamar Javed Bajwa")


def test_search_updates_results_in_place_with_highlights(page, archive):
    page.goto(archive + "/")
    page.locator("#q").fill("Taliban")
    expect(page).to_have_url(re.compile(r"q=Taliban"))
    first = page.locator("#results .article-list li").first
    expect(first.locator("mark").first).to_have_text(re.compile("Taliban", re.I))
    expect(page.locator("#results")).to_contain_text("Pakistan Military Backs Afghan Peace Talks")


def test_the_timeline_leads_to_a_month(page, archive):
    page.goto(archive + "/dates/")
    screenshot(page, "timeline")
    page.locator('svg a[href="/dates/2020/6/"]').click()
    expect(page.locator("h1")).to_have_text("June 2020")


def test_the_same_flows_work_without_javascript(page_without_js, archive):
    page = page_without_js
    page.goto(archive + SEED_PATH)
    page.locator("a.mention", has_text=re.compile(r"^Bajwa$")).first.click()
    expect(page).to_have_url(re.compile(r"\?entity=qamar-javed-bajwa&mention=\d+#entity-panel$"))
    expect(page.locator("#entity-panel #entity-name")).to_have_text("Qamar Javed Bajwa")

    page.locator("a.mention--date", has_text="June 2020").first.click()
    expect(page.locator("h1")).to_have_text("June 2020")
    page.go_back()
    expect(page.locator("#entity-panel #entity-name")).to_have_text("Qamar Javed Bajwa")

    page.goto(archive + "/")
    page.locator("#q").fill("Taliban")
    page.locator("#filters button[type=submit]").click()
    expect(page).to_have_url(re.compile(r"q=Taliban"))
    expect(page.locator("#results mark").first).to_have_text(re.compile("Taliban", re.I))


def test_back_restores_the_search_box_and_filters_and_clear_follows(page, archive):
    page.goto(archive + "/")
    page.wait_for_load_state("networkidle")
    expect(page.locator("#clear-filters a")).to_have_count(0)
    page.locator("#q").fill("Taliban")
    expect(page).to_have_url(re.compile(r"q=Taliban"))
    expect(page.locator("#clear-filters a")).to_have_text("Clear")  # came with the live update
    page.locator("#kind").select_option("PERSON")
    expect(page).to_have_url(re.compile(r"kind=PERSON"))
    page.locator("#q").fill("Taliban talks")
    expect(page).to_have_url(re.compile(r"q=Taliban%20talks"))

    page.go_back()
    expect(page).to_have_url(re.compile(r"q=Taliban&kind=PERSON"))
    expect(page.locator("#q")).to_have_value("Taliban")
    expect(page.locator("#kind")).to_have_value("PERSON")
    page.go_back()
    expect(page.locator("#q")).to_have_value("Taliban")
    expect(page.locator("#kind")).to_have_value("")
    page.go_back()
    expect(page.locator("#q")).to_have_value("")
    expect(page.locator("#clear-filters a")).to_have_count(0)


def test_the_entity_picker_offers_names_as_they_are_typed(page, archive):
    page.goto(archive + "/")
    page.wait_for_load_state("networkidle")
    picker = page.locator("#entity")
    picker.fill("Khalil")
    expect(page.locator("#entity-offers option")).to_have_count(1)
    expect(page.locator("#entity-offers option")).to_have_attribute("value", "Zalmay Khalilzad")
    picker.fill("Zalmay Khalilzad")
    picker.press("Enter")
    expect(page).to_have_url(re.compile(r"entity=Zalmay%20Khalilzad"))
    expect(page.locator("#results .count")).to_contain_text("about Zalmay Khalilzad")
    screenshot(page, "article-list-entity-picker")


def test_the_header_stays_short(screen, live_server):
    screen.goto(live_server.url + "/")
    header = screen.locator("header.masthead").bounding_box()
    assert header["height"] <= 120, (screen.screen, header["height"])
    width = screen.evaluate("document.documentElement.scrollWidth")
    assert width <= screen.viewport_size["width"], screen.screen
    screenshot(screen, f"header-{screen.screen}")


def test_an_entity_page_sums_it_up_with_a_timeline(screen, archive):
    screen.goto(archive + "/entities/zalmay-khalilzad/")
    summary = screen.locator(".entity-summary")
    expect(summary).to_contain_text("Person · ")
    expect(summary).to_contain_text("6 articles")
    assert in_view(screen, summary), screen.screen
    expect(screen.locator(".entity-page__timeline svg text").first).to_be_visible()
    expect(screen.locator("#entity-articles")).to_have_text("Articles (6)")
    screenshot(screen, f"entity-page-{screen.screen}")
