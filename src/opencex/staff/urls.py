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
    "dashboards",  # charts of volumes, arrival times, backlog and clocks (issue 14)
    "inbox",
    "retention",
    "bookings",
    "payments",
    "housing",  # the housing system's import log
    "formbuilder",  # administrators build forms without code
]
urlpatterns = [path("", include(f"opencex.staff.{area}.urls")) for area in AREAS]
