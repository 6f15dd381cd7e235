"""Who may do what. Views call these; templates only decide what to show."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import TYPE_CHECKING, Concatenate

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from django.http.response import HttpResponseBase

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser, Group, User

EDIT_PERMISSION = "articles.correct_annotations"


def can_edit(user: User | AnonymousUser) -> bool:
    """Editors (the Editors group) and admins (staff) correct annotations."""
    return user.is_authenticated and (user.is_staff or user.has_perm(EDIT_PERMISSION))


def can_upload(user: User | AnonymousUser) -> bool:
    """Admins (staff) upload articles."""
    return user.is_authenticated and user.is_staff


def signed_in_only[R: HttpRequest, **P](
    view: Callable[Concatenate[R, P], HttpResponseBase],
    *,
    may: Callable[[User | AnonymousUser], bool],
    refusal: str,
) -> Callable[Concatenate[R, P], HttpResponseBase]:
    """Anonymous visitors are sent to log in; signed-in users who `may` not get 403."""

    @wraps(view)
    def checked(request: R, /, *args: P.args, **kwargs: P.kwargs) -> HttpResponseBase:
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if not may(request.user):
            raise PermissionDenied(refusal)
        return view(request, *args, **kwargs)

    return checked


def editor_required[R: HttpRequest, **P](
    view: Callable[Concatenate[R, P], HttpResponseBase],
) -> Callable[Concatenate[R, P], HttpResponseBase]:
    """Signed-in readers get 403."""
    return signed_in_only(view, may=can_edit, refusal="Only editors can correct annotations.")


def staff_only[R: HttpRequest, **P](
    view: Callable[Concatenate[R, P], HttpResponseBase],
) -> Callable[Concatenate[R, P], HttpResponseBase]:
    """Signed-in readers and editors get 403."""
    return signed_in_only(view, may=can_upload, refusal="Only admins can upload articles.")


def editors_group() -> Group:
    """The Editors group with its permission (a migration creates it; flushed test databases and
    hand-made databases may lack it)."""
    from django.contrib.auth.models import Group, Permission
    from django.contrib.contenttypes.models import ContentType

    from articles.models import Correction

    group, _ = Group.objects.get_or_create(name="Editors")
    _app_label, codename = EDIT_PERMISSION.split(".")
    permission, _ = Permission.objects.get_or_create(
        codename=codename,
        content_type=ContentType.objects.get_for_model(Correction),
        defaults={"name": "Can correct annotations (editors)"},
    )
    group.permissions.add(permission)
    return group
