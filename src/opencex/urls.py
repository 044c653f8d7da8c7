"""Top-level URL map: the citizen site, the staff workspace and the API."""

from django.urls import include, path

urlpatterns = [
    path("api/v1/", include("opencex.api.urls")),
    path("staff/", include("opencex.staff.urls")),
    path("", include("opencex.web.urls")),
]
