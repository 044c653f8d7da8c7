"""Readiness: self-assessments, moderation, scores, the live action plan and CSE evidence."""

from django.urls import path

from opencex.staff.readiness import views

urlpatterns = [
    path("readiness/", views.overview, name="readiness"),
    path("readiness/scores.csv", views.scores_csv, name="readiness-scores-csv"),
    path("readiness/start/", views.start, name="readiness-start"),
    path("readiness/assessments/<int:pk>/", views.assessment, name="readiness-assessment"),
    path(
        "readiness/assessments/<int:pk>/submit/", views.submit, name="readiness-assessment-submit"
    ),
    path(
        "readiness/assessments/<int:pk>/moderate/",
        views.moderate,
        name="readiness-assessment-moderate",
    ),
    path(
        "readiness/assessments/<int:pk>/return/",
        views.return_for_changes,
        name="readiness-assessment-return",
    ),
    path(
        "readiness/assessments/<int:pk>/<slug:strand>/",
        views.strand,
        name="readiness-assessment-strand",
    ),
    path("readiness/areas/<slug:slug>/", views.area, name="readiness-area"),
    path("readiness/actions/", views.actions, name="readiness-actions"),
    path("readiness/actions.csv", views.actions_csv, name="readiness-actions-csv"),
    path("readiness/actions/<int:pk>/", views.action, name="readiness-action"),
    path("readiness/cse-evidence/", views.cse_evidence, name="readiness-cse"),
    path("readiness/cse-evidence.csv", views.cse_evidence_csv, name="readiness-cse-csv"),
]
