"""The web measures for managers (issue 14), each table also as CSV."""

from django.urls import path

from opencex.staff.webinsight import views

urlpatterns = [
    path("web/", views.web_measures, name="web-measures"),
    path("web/<slug:table>.csv", views.web_measures_csv, name="web-measures-csv"),
]
