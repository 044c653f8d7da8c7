"""URLs of the bin collection look-up and reminders (web/bin_views.py), in the `web` namespace."""

from django.urls import path

from opencex.web import bin_views

urlpatterns = [
    path("bin-collections/", bin_views.bins_start, name="bins-start"),
    path("bin-collections/address/", bin_views.bins_choose, name="bins-choose"),
    path("bin-collections/not-listed/", bin_views.bins_not_listed, name="bins-not-listed"),
    path(
        "bin-collections/reminders/check-your-email/",
        bin_views.bins_reminders_check_email,
        name="bins-reminders-check-email",
    ),
    path(
        "bin-collections/reminders/code/", bin_views.bins_reminders_code, name="bins-reminders-code"
    ),
    path(
        "bin-collections/reminders/confirm/<str:token>/",
        bin_views.bins_reminders_confirm,
        name="bins-reminders-confirm",
    ),
    path(
        "bin-collections/reminders/stop/<str:token>/",
        bin_views.bins_reminders_stop,
        name="bins-reminders-stop",
    ),
    path("bin-collections/<str:uprn>/", bin_views.bins_address, name="bins-address"),
    path("bin-collections/<str:uprn>/calendar.ics", bin_views.bins_calendar, name="bins-calendar"),
    path("bin-collections/<str:uprn>/reminders/", bin_views.bins_reminders, name="bins-reminders"),
]
