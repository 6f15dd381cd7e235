"""Who may do what. Views call these; templates only decide what to show."""

from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied

EDIT_PERMISSION = "articles.correct_annotations"


def can_edit(user) -> bool:
    """Editors (the Editors group) and admins (staff) correct annotations."""
    return user.is_authenticated and (user.is_staff or user.has_perm(EDIT_PERMISSION))


def editor_required(view):
    """Anonymous visitors are sent to log in; signed-in readers get 403."""

    @wraps(view)
    def checked(request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if not can_edit(request.user):
            raise PermissionDenied("Only editors can correct annotations.")
        return view(request, *args, **kwargs)

    return checked
