from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.templatetags.static import static
from django.urls import include, path
from django.utils.functional import lazy
from django.views.generic import RedirectView

from articles.api.site import api

# Looked up on the first request, not at import: production's hashed name exists only once
# `collectstatic` has written the manifest, and `manage.py check` runs before that. Temporary,
# since the hashed name changes with the icon.
favicon_url = lazy(static, str)("newsdesk/favicon.svg")

urlpatterns = [
    path("admin/", admin.site.urls),
    path("api/", api.urls),
    # Log in and out, and change one's password; no reset by e-mail (admins set passwords), so
    # no unthrottled way to try passwords or to send mail to anyone.
    path("accounts/login/", auth_views.LoginView.as_view(), name="login"),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path(
        "accounts/password_change/",
        auth_views.PasswordChangeView.as_view(),
        name="password_change",
    ),
    path(
        "accounts/password_change/done/",
        auth_views.PasswordChangeDoneView.as_view(),
        name="password_change_done",
    ),
    path("favicon.ico", RedirectView.as_view(url=favicon_url, permanent=False)),
    path("", include("articles.urls")),
]
