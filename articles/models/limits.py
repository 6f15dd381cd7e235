"""How long a text column's values may be: what input is checked against before it is written."""

from django.core.exceptions import FieldDoesNotExist
from django.db import models


def max_length(model: type[models.Model], field: str) -> int:
    """The longest value the column holds; a field without a limit is a mistake in the caller."""
    limit = getattr(model._meta.get_field(field), "max_length", None)
    if not isinstance(limit, int):
        raise FieldDoesNotExist(f"{model.__name__}.{field} has no maximum length")
    return limit
