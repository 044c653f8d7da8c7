"""URLs of the staff workspace: one sub-package per area, each with its own urls. The names
stay in the `staff` namespace (`staff:case`, `staff:complaint-respond`)."""

from django.urls import include, path

app_name = "staff"
AREAS = [
    "workspace",
    "residents",
    "queues",
    "cases",
    "complaints",
    "feedback",
    "inforights",
    "disclosure",
    "directory",
    "reports",
    "equality",  # equality and reach, Tenant Satisfaction Measures (issue 14)
    "measures",  # headline measures and their targets (issue 14)
    "dashboards",  # charts of volumes, arrival times, backlog and clocks (issue 14)
    "inbox",
    "retention",
    "bookings",
    "payments",
    "housing",  # the housing system's import log
    "formbuilder",  # administrators build forms without code
    "sentiment",  # what residents say (issue 14)
    "telephony",  # call figures per line and hour (issue 14)
    "webinsight",  # web measures: useful pages, searches, form drop-off (issue 14)
    "yousaidwedid",  # changes made because of feedback (issue 14)
    "consultations",  # the horizon scan, planning and checking consultations (issue 15)
    "surveys",  # surveys and their results (issue 15)
    "panels",  # the Residents and Youth Panels (issue 15)
    "readiness",  # the readiness model, moderation and the live action plan (issue 15)
    "cues",  # confirming or dismissing a case's urgency cues (issue 16)
    "ai",  # AI oversight: every model's suggestions and decisions (issue 16)
    "duplicatereports",  # reports proposed as one job, merged by an officer (issue 16)
    "matching",  # one record per resident: duplicates reviewed, merged, undone (issue 16)
]
urlpatterns = [path("", include(f"opencex.staff.{area}.urls")) for area in AREAS]
