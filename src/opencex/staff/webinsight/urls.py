"""The web measures for managers (issue 14), each table also as CSV and XLSX."""

from django.urls import path

from opencex.staff.webinsight import views

urlpatterns = [
    path("web/", views.web_measures, name="web-measures"),
    path("web/all.xlsx", views.web_measures_all_xlsx, name="web-measures-all-xlsx"),
    path("web/<slug:table>.csv", views.web_measures_csv, name="web-measures-csv"),
    path("web/<slug:table>.xlsx", views.web_measures_xlsx, name="web-measures-xlsx"),
]
