"""The information-rights register and the subject access export."""

from django.urls import path

from opencex.staff.inforights import views as inforights_views

urlpatterns = [
    path("information-requests/", inforights_views.register, name="information-requests"),
    path(
        "information-requests/<str:reference>/",
        inforights_views.request_page,
        name="information-request",
    ),
    path(
        "information-requests/<str:reference>/<slug:action>/",
        inforights_views.request_action,
        name="information-request-action",
    ),
    path(
        "residents/<int:resident_id>/export/",
        inforights_views.export_resident,
        name="export-resident",
    ),
]
