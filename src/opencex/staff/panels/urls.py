"""The panels' staff pages (opencex.panels)."""

from django.urls import path

from opencex.staff.panels import views

urlpatterns = [
    path("panels/", views.panels, name="panels"),
    path("panels/<slug:kind>/", views.members, name="panel-members"),
    path(
        "panels/<slug:kind>/members/<int:pk>/contact-details/",
        views.contact_details,
        name="panel-contact-details",
    ),
    path(
        "panels/<slug:kind>/messages/<int:pk>/moderate/",
        views.moderate,
        name="panel-moderate",
    ),
    path(
        "panels/<slug:kind>/representativeness/",
        views.representativeness,
        name="panel-representativeness",
    ),
    path(
        "panels/<slug:kind>/representativeness.csv",
        views.representativeness_csv,
        name="panel-representativeness-csv",
    ),
    path("panels/<slug:kind>/invite/", views.invite, name="panel-invite"),
]
