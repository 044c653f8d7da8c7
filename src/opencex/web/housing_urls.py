"""URLs of the tenant portal (web.housing_views), under /housing/."""

from django.urls import path

from opencex.web import housing_views as views

urlpatterns = [
    path("housing/", views.portal_home, name="housing-home"),
    path("housing/tenancies/<str:pk>/rent/", views.rent_statement, name="housing-rent"),
    path("housing/repairs/new/", views.repair_room, name="housing-repair-room"),
    path("housing/repairs/new/<slug:room>/", views.repair_item, name="housing-repair-item"),
    path(
        "housing/repairs/new/<slug:room>/<slug:item>/",
        views.repair_problem,
        name="housing-repair-problem",
    ),
    path(
        "housing/repairs/new/<slug:room>/<slug:item>/<slug:problem>/",
        views.repair_report,
        name="housing-repair-report",
    ),
    path("housing/repairs/<str:pk>/", views.repair_page, name="housing-repair"),
    path(
        "housing/repairs/<str:pk>/visit/",
        views.repair_appointment,
        name="housing-repair-appointment",
    ),
]
