from django.contrib import admin
from django.templatetags.static import static
from django.urls import include, path
from django.utils.functional import lazy
from django.views.generic import RedirectView

# Looked up on the first request, not at import: production's hashed name exists only once
# `collectstatic` has written the manifest, and `manage.py check` runs before that. Temporary,
# since the hashed name changes with the icon.
favicon_url = lazy(static, str)("newsdesk/favicon.svg")

urlpatterns = [
    path("admin/", admin.site.urls),
    path("accounts/", include("django.contrib.auth.urls")),
    path("favicon.ico", RedirectView.as_view(url=favicon_url, permanent=False)),
    path("", include("articles.urls")),
]
