"""The entity page's pictures in a browser, on a desktop and on a phone: attention, roles and
companions over time, each in view when scrolled to; the network's year selector redraws it in
place; a bar leads to its month's articles; a name lights up when pointed at or focused. And a
period's network of who appeared with whom."""

import datetime as dt

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from articles.models import Mention
from tests.browser.conftest import VIEWPORTS, in_view, open_page, screenshot, settle
from tests.factories import date_mention, make_article, make_entity, mention

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.browser]

# (year, the companions of that year, how many articles each shares with the envoy)
YEARS = {
    2019: [("Kabul", 5), ("Ashraf Ghani", 3), ("Taliban", 2), ("Doha", 1)],
    2020: [("Doha", 6), ("Mullah Abdul Ghani Baradar", 4), ("Mike Pompeo", 3), ("Qatar", 2)],
    2021: [("Kabul", 2), ("Antony Blinken", 2), ("Procter & Gamble", 1)],
}
KINDS = {"Kabul": "PLACE", "Doha": "PLACE", "Qatar": "PLACE", "Taliban": "GROUP"}
KINDS |= {"Procter & Gamble": "ORG"}
ROLES = {2019: "special representative", 2020: "special representative", 2021: "former envoy"}


@pytest.fixture
def envoy():
    envoy = make_entity(name="Zalmay Khalilzad", kind="PERSON", slug="zalmay-khalilzad")
    others = {
        name: make_entity(name=name, kind=KINDS.get(name, "PERSON"))
        for year in YEARS.values()
        for name, _ in year
    }
    number = 0
    for year, companions in YEARS.items():
        most = max(shared for _, shared in companions)
        for index in range(most + 1):
            number += 1
            named = [name for name, shared in companions if shared > index]
            body = f"Zalmay Khalilzad met {' and '.join(named) or 'no one'} in June {year}."
            article = make_article(
                headline=f"Talks, part {number}",
                body=body,
                published=dt.date(year, 1 + (index * 3) % 12, 1 + index),
            )
            mention(article, envoy, "Zalmay Khalilzad")
            for name in named:
                mention(article, others[name], name)
            date_mention(article, f"June {year}", f"{year}-06-01", f"{year}-06-30", "month")
            Mention.objects.filter(article=article, entity=envoy).update(role=ROLES[year])
    return envoy


def test_the_three_pictures_are_in_view_when_scrolled_to(screen, live_server, envoy):
    page = screen
    page.goto(live_server.url + envoy.get_absolute_url())
    pictures = {
        "attention": page.locator(".picture__scroll"),
        "roles": page.locator("ol.roles"),
        "network": page.locator("#entity-network svg"),
    }
    for name, picture in pictures.items():
        picture.scroll_into_view_if_needed()
        page.evaluate("() => window.scrollBy(0, 40)")  # clear of the sticky masthead, if any
        picture.scroll_into_view_if_needed()
        screenshot(page, f"picture-{name}-{page.screen}")

        assert in_view(page, picture), name


def test_no_name_is_cut_off_at_the_networks_edges(screen, live_server, envoy):
    page = screen
    page.goto(live_server.url + envoy.get_absolute_url() + "?year=2020")
    picture = page.locator("#entity-network svg").bounding_box()
    labels = page.locator("#entity-network svg text").all()

    outside = [
        label.text_content()
        for label in labels
        if (box := label.bounding_box())["x"] < picture["x"]
        or box["x"] + box["width"] > picture["x"] + picture["width"]
    ]

    assert outside == []


def test_the_year_selector_redraws_the_network(screen, live_server, envoy):
    page = screen
    page.goto(live_server.url + envoy.get_absolute_url())
    network = page.locator("#entity-network svg")
    expect(network.locator("text", has_text="Antony")).to_have_count(1)

    page.locator("#entity-network .year-selector").get_by_role("link", name="2019").click()

    expect(network.locator("text", has_text="Ashraf Ghani")).to_have_count(1)
    expect(network.locator("text", has_text="Antony")).to_have_count(0)
    expect(page).to_have_url(live_server.url + envoy.get_absolute_url() + "?year=2019")


def test_the_year_selector_works_without_javascript(page_without_js, live_server, envoy):
    page = page_without_js
    page.goto(live_server.url + envoy.get_absolute_url())

    page.locator("#entity-network .year-selector").get_by_role("link", name="2020").click()

    expect(page.locator("#entity-network svg text", has_text="Pompeo")).to_have_count(1)


def test_a_chart_wider_than_a_phone_opens_at_its_latest_months(browser, live_server, envoy):
    context, page = open_page(browser, VIEWPORTS["phone"], has_touch=True)
    page.goto(live_server.url + envoy.get_absolute_url())
    chart = page.locator(".picture__scroll")
    expect(chart).to_be_visible()
    wider_by = chart.evaluate("box => box.scrollWidth - box.clientWidth")
    hidden_after = chart.evaluate("box => box.scrollWidth - box.clientWidth - box.scrollLeft")
    settle(page)
    context.close()

    assert wider_by > 0
    assert hidden_after == 0


def test_a_bar_leads_to_its_months_articles_with_the_entity(page, live_server, envoy):
    page.goto(live_server.url + envoy.get_absolute_url())

    page.locator("a.chart__bar").first.click()

    expect(page).to_have_url(
        f"{live_server.url}/?entity=zalmay-khalilzad&from=2019-01-01&to=2019-01-31&sort=date"
    )
    expect(page.locator(".article-list h2, .article-list h3")).to_have_text(
        ["Talks, part 5", "Talks, part 1"]
    )


def test_a_name_pointed_at_shows_its_shared_articles(screen, live_server, envoy):
    page = screen
    page.goto(live_server.url + envoy.get_absolute_url() + "?year=2020")
    doha = page.locator('#entity-network a.network__node[data-description^="Doha:"]')

    doha.focus()

    expect(page.locator("#entity-network [data-network-status]")).to_have_text(
        "Doha: 6 shared articles"
    )
    expect(doha).to_have_class("network__node network__node--place is-lit")
    page.locator("#entity-network svg").scroll_into_view_if_needed()
    screenshot(page, f"picture-network-focused-{page.screen}")


def test_a_periods_network_shows_who_appeared_with_whom(screen, live_server, envoy):
    page = screen
    page.goto(live_server.url + reverse("articles:date-month", args=[2020, 6]))

    page.get_by_role("link", name="Who appeared with whom in June 2020").click()

    picture = page.locator(".period-network svg")
    picture.scroll_into_view_if_needed()
    screenshot(page, f"picture-period-network-{page.screen}")
    expect(picture.locator("text", has_text="Doha")).to_have_count(1)
    assert in_view(page, picture)
