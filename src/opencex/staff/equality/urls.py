"""The equality and reach report and the Tenant Satisfaction Measures."""

from django.urls import path

from opencex.staff.equality import views

urlpatterns = [
    path("reports/equality/", views.equality_report, name="equality-report"),
    path("reports/equality/all.xlsx", views.equality_all_xlsx, name="equality-all-xlsx"),
    path("reports/equality/<slug:table>.csv", views.equality_csv, name="equality-csv"),
    path("reports/equality/<slug:table>.xlsx", views.equality_xlsx, name="equality-xlsx"),
    path("reports/tsm/", views.tsm_report, name="tsm-report"),
    path("reports/tsm/all.xlsx", views.tsm_all_xlsx, name="tsm-all-xlsx"),
    path("reports/tsm/<slug:table>.csv", views.tsm_csv, name="tsm-csv"),
    path("reports/tsm/<slug:table>.xlsx", views.tsm_xlsx, name="tsm-xlsx"),
]
