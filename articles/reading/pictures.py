"""What the entity page draws: its attention over time, its roles over time, and who it appears
with in a chosen year. What costs a query is read when the template renders it, and the chart and
the roles are kept under the entity's revision (`{% kept %}`): only the network's year changes."""

from __future__ import annotations

from django.utils.functional import SimpleLazyObject

from articles.models import Entity
from articles.reading.attention import attention_chart, months_of
from articles.reading.networks import YEAR_WINDOW, year_network
from articles.reading.panels import kept_key, stats_of
from articles.reading.roles import ROLE_WINDOW, roles_of


def entity_pictures(entity: Entity, *, year: int | None) -> dict[str, object]:
    """The pictures' context; `entity` read with its stats (`entities_with_aliases()`)."""
    stats = stats_of(entity)
    key = kept_key(entity, stats, page=None)
    months = months_of(entity)
    network = year_network(entity, months, year=year, kept_as=key)
    return {
        "attention": SimpleLazyObject(lambda: attention_chart(entity, months)),
        "roles": SimpleLazyObject(lambda: roles_of(entity)),
        "role_window": ROLE_WINDOW,
        "year_network": network,
        "year_window": YEAR_WINDOW,
    }
