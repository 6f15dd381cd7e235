"""The entity page's pictures: attention over time, roles over time, who it appears with."""

import datetime as dt

import pytest
from django.urls import reverse

from articles.models import Article, Mention
from articles.readmodels.refresh import refresh_articles
from tests.factories import date_mention, make_article, make_entity, mention
from tests.reading.conftest import HTMX

pytestmark = pytest.mark.django_db

BODY = "Ana Costa met Kabul officials and Doha envoys."


@pytest.fixture
def costa(db):
    """Ana Costa, in two articles of June 2019 with Kabul, and one of March 2020 with Doha; her
    role changes from the first articles to the last."""
    costa = make_entity(name="Ana Costa", kind="PERSON")
    kabul = make_entity(name="Kabul")
    doha = make_entity(name="Doha")
    stories = [
        (dt.date(2019, 6, 3), kabul, "then-senior director"),
        (dt.date(2019, 6, 20), kabul, "then-senior director"),
        (dt.date(2020, 3, 9), doha, "former senior director"),
    ]
    for number, (published, other, role) in enumerate(stories):
        article = make_article(headline=f"Costa story {number}", body=BODY, published=published)
        mention(article, costa, "Ana Costa")
        mention(article, other, other.name)
        Mention.objects.filter(article=article, entity=costa).update(role=role)
    return costa


def page(client, entity, **query):
    return client.get(entity.get_absolute_url(), query)


def test_a_bar_a_month_it_was_named_in_leads_to_that_months_articles(client, costa):
    chart = page(client, costa).context["attention"]
    june = chart.bars[0]

    assert [bar.month for bar in chart.bars] == [dt.date(2019, 6, 1), dt.date(2020, 3, 1)]
    assert june.articles == 2
    assert june.url == (
        f"{reverse('articles:article-list')}?entity={costa.slug}"
        "&from=2019-06-01&to=2019-06-30&sort=date"
    )


def test_the_bar_link_lists_the_months_articles_naming_it(client, costa):
    url = page(client, costa).context["attention"].bars[0].url

    listed = client.get(url).context["results"].listings

    assert sorted(listing.article.headline for listing in listed) == [
        "Costa story 0",
        "Costa story 1",
    ]


def test_the_chart_leaves_months_without_it_empty_between_the_first_and_last(client, costa):
    chart = page(client, costa).context["attention"]
    june, march = chart.bars

    assert (march.slot_x - june.slot_x) / june.slot_width == pytest.approx(9)


def test_the_chart_has_a_title_and_a_table_of_its_figures(client, costa):
    html = page(client, costa).content.decode()

    assert '<title id="attention-chart-title">Articles naming Ana Costa per month</title>' in html
    assert '<th scope="row"><a href="' in html
    assert ">June 2019</a></th><td>2</td>" in html


def test_roles_over_time_follow_the_articles(client, costa):
    roles = list(page(client, costa).context["roles"])

    assert [(stretch.role, stretch.articles) for stretch in roles] == [
        ("then-senior director", 2),
        ("former senior director", 1),
    ]


def test_the_network_shows_the_latest_year_by_default(client, costa):
    network = page(client, costa).context["year_network"]

    assert network.year == 2020
    assert [node.entity.name for node in network.companions] == ["Doha"]


def test_the_year_selector_draws_another_years_companions(client, costa):
    network = page(client, costa, year="2019").context["year_network"]

    assert [(node.entity.name, node.count) for node in network.companions] == [("Kabul", 2)]


def test_a_year_it_was_not_named_in_shows_its_latest(client, costa):
    network = page(client, costa, year="1999").context["year_network"]

    assert network.year == 2020


def test_the_year_selector_swaps_the_network_alone_with_htmx(client, costa):
    response = client.get(
        costa.get_absolute_url(), {"year": "2019"}, HTTP_HX_TARGET="entity-network", **HTMX
    )
    html = response.content.decode()

    assert html.lstrip().startswith('<section id="entity-network"')
    assert ">Kabul</tspan>" in html
    assert "Attention over time" not in html


def test_the_year_links_work_without_javascript(client, costa):
    html = page(client, costa).content.decode()
    url = f"{costa.get_absolute_url()}?year=2019"

    assert f'href="{url}#entity-network" hx-get="{url}"' in html


def test_names_are_inert_in_the_pictures(client):
    odd = make_entity(name='<b>"Ana" & Co</b>', kind="ORG")
    other = make_entity(name="<i>Doha</i>")
    article = make_article(body='<b>"Ana" & Co</b> met <i>Doha</i>.', published=dt.date(2020, 1, 2))
    mention(article, odd, odd.name)
    mention(article, other, other.name)
    Mention.objects.filter(entity=odd).update(role="<script>x</script>")
    refresh_articles([article.pk])

    html = page(client, odd).content.decode()

    assert "<b>" not in html
    assert "<i>Doha" not in html
    assert "<script>x" not in html
    assert "&lt;b&gt;&quot;Ana&quot; &amp; Co&lt;/b&gt; per month</title>" in html
    assert "&lt;i&gt;Doha&lt;/i&gt;" in html


def test_names_are_inert_in_a_periods_network(client):
    odd = make_entity(name='<b>"Ana" & Co</b>', kind="ORG")
    other = make_entity(name="<i>Doha</i>")
    article = make_article(
        body='<b>"Ana" & Co</b> met <i>Doha</i> in June 2020.', published=dt.date(2020, 6, 2)
    )
    mention(article, odd, odd.name)
    mention(article, other, other.name)
    date_mention(article, "June 2020", "2020-06-01", "2020-06-30", "month")

    html = client.get(reverse("articles:network-month", args=[2020, 6])).content.decode()

    assert "<b>" not in html
    assert "<i>Doha" not in html
    assert 'data-description="&lt;b&gt;&quot;Ana&quot; &amp; Co&lt;/b&gt;: 1 article"' in html


def test_an_entity_never_named_in_a_dated_article_has_no_pictures(client):
    loner = make_entity(name="Loner", kind="PERSON")
    article = make_article(body="Loner spoke.", published=None)
    mention(article, loner, "Loner")

    html = page(client, loner).content.decode()

    assert "Attention over time" not in html
    assert 'id="entity-network"' not in html


def test_the_period_network_shows_who_appeared_with_whom(client, costa):
    for article in Article.objects.filter(published__year=2019):
        date_mention(article, "Kabul", "2019-06-01", "2019-06-30", "month")
    response = client.get(reverse("articles:network-month", args=[2019, 6]))
    network = response.context["network"]

    assert [(one.name, other.name, shared) for one, other, shared in network.pairs] == [
        ("Ana Costa", "Kabul", 2)
    ]
