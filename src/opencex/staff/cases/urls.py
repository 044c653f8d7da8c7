"""The case page and one URL per action on it."""

from django.urls import path

from opencex.staff.cases import views as case_views
from opencex.staff.cases.attachments import case_attachment

urlpatterns = [
    path("cases/<str:reference>/", case_views.case_page, name="case"),
    path("cases/<str:reference>/files/<int:pk>/", case_attachment, name="case-attachment"),
    *(
        path(f"cases/<str:reference>/{action}/", view, name=f"case-{action}")
        for action, view in [
            ("note", case_views.case_note),
            ("message", case_views.case_message),
            ("status", case_views.case_status),
            ("acknowledge", case_views.case_acknowledge),
            ("pause", case_views.case_pause),
            ("resume", case_views.case_resume),
            ("extend", case_views.case_extend),
            ("reassign", case_views.case_reassign),
            ("route", case_views.case_route),
            ("close", case_views.case_close),
            ("log-reply", case_views.case_log_reply),
            ("escalate", case_views.case_escalate),
            ("priority", case_views.case_priority),
            ("link", case_views.case_link),
            ("duplicate", case_views.case_duplicate),
            ("expected-date", case_views.case_expected_date),
            ("hazard", case_views.case_hazard),
            ("investigation", case_views.case_investigation),
            ("summary", case_views.case_summary),
            ("made-safe", case_views.case_made_safe),
            ("further-work", case_views.case_further_work),
        ]
    ),
]
