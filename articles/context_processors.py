from django.http import HttpRequest

from articles.permissions import can_edit


def editing(request: HttpRequest) -> dict[str, bool]:
    """Whether to show editing controls. The views check permission again on every request."""
    return {"can_edit": can_edit(request.user)}
