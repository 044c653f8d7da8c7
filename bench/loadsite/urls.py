"""The production URL map with the bare baseline views in front of it.

Every client of the load test comes from 127.0.0.1, so the per-address limits on form submissions
would stop the bench after a handful; they are raised here (the counting still happens, in the
same cache, so its cost is still measured). Nothing else is changed."""

from django.urls import path

from loadsite import views
from opencex.urls import urlpatterns as production_urlpatterns
from opencex.web import form_views

form_views.SUBMISSIONS_PER_WINDOW = 10**9

urlpatterns = [
    path("bench/bare/", views.bare, name="bench-bare"),
    path("bench/bare-insert/", views.bare_insert, name="bench-bare-insert"),
    *production_urlpatterns,
]
