"""Reports for managers, each table also as CSV."""

from django.urls import path

from opencex.staff.reports import views as report_views

urlpatterns = [
    path("reports/", report_views.reports, name="reports"),
    path("reports/<slug:table>.csv", report_views.report_csv, name="report-csv"),
    path("reports/all-tables.xlsx", report_views.reports_xlsx, name="reports-xlsx"),
    path("reports/<slug:table>.xlsx", report_views.report_xlsx, name="report-xlsx"),
]
