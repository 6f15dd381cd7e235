"""An entity's articles by month of publication (`EntityMonth`) follow every write: a new
article, a mention rejected, two entities merged, the merge undone; the drift check and the
rebuild know the table."""

import datetime as dt

import pytest
from django.core.management import CommandError, call_command

from articles.editing import entities, history
from articles.editing.rejecting import reject
from articles.models import EntityMonth, Mention
from articles.readmodels.rebuild import drift, rebuild_read_models
from tests.factories import UserFactory, make_article, make_entity, mention

pytestmark = pytest.mark.django_db


def months(entity) -> dict[str, tuple[int, int]]:
    rows = EntityMonth.objects.filter(entity=entity, article_count__gt=0)
    return {
        f"{row.month:%Y-%m}": (row.article_count, row.mention_count)
        for row in rows.order_by("month")
    }


@pytest.fixture
def archive(db):
    kabul = make_entity(name="Kabul")
    capital = make_entity(name="Kabul city")
    for day in (dt.date(2020, 6, 1), dt.date(2020, 6, 20), dt.date(2020, 8, 2)):
        article = make_article(body="Kabul and Kabul city.", published=day)
        mention(article, kabul, "Kabul")
        mention(article, kabul, "Kabul", occurrence=1)
    undated = make_article(body="Kabul city at night.", published=None)
    mention(undated, capital, "Kabul city")
    dated = make_article(body="Kabul city at dawn.", published=dt.date(2020, 8, 9))
    mention(dated, capital, "Kabul city")
    return {"kabul": kabul, "capital": capital, "editor": UserFactory()}


def test_each_month_counts_its_articles_and_mentions(archive):
    assert months(archive["kabul"]) == {"2020-06": (2, 4), "2020-08": (1, 2)}


def test_an_undated_article_has_no_month(archive):
    assert months(archive["capital"]) == {"2020-08": (1, 1)}


def test_a_rejected_mention_leaves_its_month(archive):
    last = Mention.objects.get(entity=archive["capital"], article__published__isnull=False)

    reject(Mention, pk=last.pk, version=last.version, editor=archive["editor"])

    assert months(archive["capital"]) == {}


def test_a_merge_moves_the_months_and_undoing_it_moves_them_back(archive):
    kabul, capital = archive["kabul"], archive["capital"]
    merge = entities.merge_entities(
        source_id=capital.pk,
        source_version=capital.version,
        target_id=kabul.pk,
        editor=archive["editor"],
    )
    merged = months(kabul)

    history.undo(correction_id=merge.pk, editor=archive["editor"])

    assert merged == {"2020-06": (2, 4), "2020-08": (2, 3)}
    assert months(kabul) == {"2020-06": (2, 4), "2020-08": (1, 2)}
    assert drift() == []


def test_a_wrong_month_is_reported_and_the_rebuild_mends_it(archive):
    EntityMonth.objects.filter(entity=archive["kabul"]).update(article_count=9)

    with pytest.raises(CommandError, match="drifted in 1 table"):
        call_command("rebuild_read_models", "--check")
    rebuild_read_models()
    assert months(archive["kabul"]) == {"2020-06": (2, 4), "2020-08": (1, 2)}
