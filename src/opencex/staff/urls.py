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
    "inbox",
    "retention",
    "bookings",
    "payments",
    "housing",  # the housing system's import log
    "formbuilder",  # administrators build forms without code
    "yousaidwedid",  # changes made because of feedback (issue 14)
]
urlpatterns = [path("", include(f"opencex.staff.{area}.urls")) for area in AREAS]
