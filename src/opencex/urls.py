"""Top-level URL map: the citizen site, the staff workspace and the API."""

from django.urls import include, path

urlpatterns = [
    path("api/v1/", include("opencex.api.urls")),
    path("i18n/", include("django.conf.urls.i18n")),  # set_language: the language switcher
    path("staff/", include("opencex.staff.urls")),
    path("", include("opencex.web.urls")),
]
