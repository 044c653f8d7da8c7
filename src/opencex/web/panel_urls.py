"""URLs of the Residents Panel and Youth Panel (web/panel_views.py), in the `web` namespace."""

from django.urls import path

from opencex.web import panel_views

urlpatterns = [
    path("panels/", panel_views.panels_home, name="panels"),
    path("panels/leave/<str:token>/", panel_views.panel_leave, name="panel-leave"),
    path(
        "panels/still-happy/<str:token>/",
        panel_views.panel_still_happy,
        name="panel-still-happy",
    ),
    path("panels/confirm/<str:token>/", panel_views.panel_confirm, name="panel-confirm"),
    path("panels/parent/<str:token>/", panel_views.panel_parent, name="panel-parent"),
    path("panels/<slug:kind>/join/", panel_views.panel_join, name="panel-join"),
    path("panels/<slug:kind>/join/done/", panel_views.panel_joined, name="panel-joined"),
    path("account/panels/", panel_views.account_panels, name="account-panels"),
    path(
        "account/panels/<int:pk>/leave/",
        panel_views.account_panel_leave,
        name="account-panel-leave",
    ),
]
