from django.contrib import admin
from django.templatetags.static import static
from django.urls import include, path
from django.views.generic import RedirectView

urlpatterns = [
    path("admin/", admin.site.urls),
    path("accounts/", include("django.contrib.auth.urls")),
    path(
        "favicon.ico",
        RedirectView.as_view(url=static("newsdesk/favicon.svg"), permanent=True),
    ),
    path("", include("articles.urls")),
]
