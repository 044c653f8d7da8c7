"""Complaints: possible complaints, lessons learned, the complaint page and its actions."""

from django.urls import path

from opencex.staff.complaints import views as complaint_views

urlpatterns = [
    path("complaints/possible/", complaint_views.possible_complaints, name="possible-complaints"),
    path("complaints/lessons/", complaint_views.lessons_learned, name="complaint-lessons"),
    path("complaints/<str:reference>/", complaint_views.complaint_page, name="complaint"),
    *(
        path(f"complaints/<str:reference>/{action}/", view, name=f"complaint-{action}")
        for action, view in [
            ("acknowledge", complaint_views.complaint_acknowledge),
            ("respond", complaint_views.complaint_respond),
            ("extend", complaint_views.complaint_extend),
            ("escalate", complaint_views.complaint_escalate),
        ]
    ),
    path(
        "cases/<str:reference>/treat-as-complaint/",
        complaint_views.treat_as_complaint,
        name="treat-as-complaint",
    ),
]
