"""The managers' dashboards: charts with their tables, each also as CSV and XLSX."""

from django.urls import path

from opencex.staff.dashboards import views

urlpatterns = [
    path("dashboards/", views.dashboards, name="dashboards"),
    path("dashboards/all-dashboards.xlsx", views.dashboards_xlsx, name="dashboards-xlsx"),
    path("dashboards/<slug:dashboard>.csv", views.dashboard_csv, name="dashboard-csv"),
    path("dashboards/<slug:dashboard>.xlsx", views.dashboard_xlsx, name="dashboard-xlsx"),
]
