"""Surveys: the list, and each survey's results with their downloads."""

from django.urls import path

from opencex.staff.surveys import views

urlpatterns = [
    path("surveys/", views.surveys, name="surveys"),
    path("surveys/new/", views.start, name="survey-new"),
    path("surveys/<int:pk>/invite/", views.invite, name="survey-invite"),
    path("surveys/<int:pk>/close/", views.close, name="survey-close"),
    path("surveys/<int:pk>/results/", views.results, name="survey-results"),
    path("surveys/<int:pk>/results.csv", views.results_csv, name="survey-results-csv"),
    path("surveys/<int:pk>/results.xlsx", views.results_xlsx, name="survey-results-xlsx"),
]
