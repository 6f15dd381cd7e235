"""The states of the rows a correction touches, captured before and after it, and put back.

A correction's `before` and `after` map a table ("mention", "entity"...) to the state of each
touched row by primary key, `None` for a row that did not exist. Undo puts `before` back and redo
puts `after` back, so a state holds every field a correction may change, and nothing else.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass, field

from django.db import models

from articles.models import (
    Alias,
    DateMention,
    Entity,
    EntityDistinction,
    LexiconEntry,
    Mention,
    Quote,
)
from articles.models.spans import Span

type State = dict[str, object]  # a row's fields by name
type States = dict[str, dict[str, State | None]]

# Parents before children: restoring creates rows in this order and deletes them in reverse.
MODEL_OF_TABLE: dict[str, type[models.Model]] = {
    "entity": Entity,
    "lexicon": LexiconEntry,
    "mention": Mention,
    "quote": Quote,
    "date": DateMention,
    "distinction": EntityDistinction,
}
TABLE_OF_MODEL = {model: table for table, model in MODEL_OF_TABLE.items()}


def span_fields(*own: str) -> list[str]:
    """What is captured of a span: where it is, its own fields, its origin and whether it was
    rejected."""
    return ["article_id", "start", "end", "text", *own, "origin", "rejected"]


FIELDS = {
    "entity": ["name", "kind", "slug", "role"],  # and its aliases, see state_of
    "lexicon": ["text", "kind", "rejected"],
    "mention": span_fields("entity_id", "label"),
    "quote": span_fields("kind", "speaker_id", "speaker_mention_id", "cue"),
    "date": span_fields("value_start", "value_end", "granularity"),
    "distinction": ["first_id", "second_id"],
}

# What a captured row says about the articles and entities it belongs to.
ARTICLE_FIELDS = {"mention": ["article_id"], "quote": ["article_id"], "date": ["article_id"]}
ENTITY_FIELDS = {
    "mention": ["entity_id"],
    "quote": ["speaker_id"],
    # A distinction changes what linking and the entity pages offer for both of its entities.
    "distinction": ["first_id", "second_id"],
}


def every_row[M: models.Model](model: type[M]) -> models.Manager[M]:
    """The manager that sees rejected spans too: corrections touch those as well."""
    manager: models.Manager[M] = getattr(model, "all_objects", model._default_manager)
    return manager


def state_of(row: models.Model) -> State:
    table = TABLE_OF_MODEL[type(row)]
    state = {name: getattr(row, name) for name in FIELDS[table]}
    if isinstance(row, Entity):
        state["aliases"] = sorted(row.aliases.values_list("name", flat=True))
    return state


@dataclass
class Change:
    """The rows a correction touches, captured before it and after it."""

    before: States = field(default_factory=dict)
    after: States = field(default_factory=dict)

    def existing(self, row: models.Model) -> None:
        """Note a row as it is now, before being changed or deleted (the first capture wins)."""
        table = TABLE_OF_MODEL[type(row)]
        self.before.setdefault(table, {}).setdefault(str(row.pk), state_of(row))

    def created(self, row: models.Model) -> None:
        self.before.setdefault(TABLE_OF_MODEL[type(row)], {}).setdefault(str(row.pk), None)

    def capture_after(self) -> None:
        """The state now of every row noted before (None where it no longer exists)."""
        for table, states in self.before.items():
            rows = every_row(MODEL_OF_TABLE[table]).filter(pk__in=[int(key) for key in states])
            present = {str(row.pk): row for row in rows}
            self.after[table] = {
                key: state_of(present[key]) if key in present else None for key in states
            }


def states_as_json(states: States) -> dict[str, object]:
    """States as a JSON field stores them: dates as ISO strings."""
    return {table: as_json(rows) for table, rows in states.items()}


def as_json(value: object) -> object:
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, dict):
        return {key: as_json(item) for key, item in value.items()}
    if isinstance(value, list):
        return [as_json(item) for item in value]
    return value


# -- what a correction touched -----------------------------------------------------------------
def captured_states(recorded: tuple[States, ...], table: str) -> Iterator[State]:
    for states in recorded:
        for state in (states.get(table) or {}).values():
            if state is not None:
                yield state


def touched_articles(*recorded: States) -> set[int]:
    """The articles whose rows these states (a correction's before and after) captured."""
    return {
        article_id
        for table, names in ARTICLE_FIELDS.items()
        for state in captured_states(recorded, table)
        for name in names
        if isinstance(article_id := state[name], int)  # else None: no article
    }


def touched_entities(*recorded: States) -> set[int]:
    """The entities these states captured, and those their captured rows pointed at."""
    entities = {int(key) for states in recorded for key in (states.get("entity") or {})}
    entities.update(
        entity_id
        for table, names in ENTITY_FIELDS.items()
        for state in captured_states(recorded, table)
        for name in names
        if isinstance(entity_id := state[name], int)  # else None: no entity
    )
    return entities


# -- putting states back -----------------------------------------------------------------------
def restore(states: States) -> None:
    """Put every row into the recorded state: create, update or delete, parents first."""
    for table, model in MODEL_OF_TABLE.items():
        for key, state in (states.get(table) or {}).items():
            if state is not None:
                put(model, int(key), dict(state))
    for table, model in reversed(MODEL_OF_TABLE.items()):
        for key, state in (states.get(table) or {}).items():
            if state is None:
                every_row(model).filter(pk=int(key)).delete()


def put(model: type[models.Model], pk: int, state: State) -> None:
    aliases = state.pop("aliases", None)
    row = every_row(model).filter(pk=pk).first()
    if row is None:
        row = model(pk=pk, **state)
        row.save(force_insert=True)
    else:
        for name, value in state.items():
            setattr(row, name, value)
        if isinstance(row, Span | Entity):
            row.version += 1
        row.save()
    if isinstance(aliases, list):  # an entity's state lists its aliases
        Alias.objects.filter(entity_id=pk).exclude(name__in=aliases).delete()
        for alias in aliases:
            Alias.objects.get_or_create(entity_id=pk, name=alias)
