"""URLs of the staff workspace."""

from django.urls import path

from opencex.staff import views

app_name = "staff"
urlpatterns = [
    path("", views.home, name="home"),
    path("sign-in/", views.sign_in_password, name="sign-in"),
    path("sign-in/code/", views.sign_in_code, name="sign-in-code"),
    path("sign-out/", views.sign_out, name="sign-out"),
    path("outbox/", views.outbox, name="outbox"),
    path("forms/", views.assisted_forms, name="assisted-forms"),
]

# Assisted digital and the single view (issue 4).
from opencex.staff import contact_views, resident_views  # noqa: E402

urlpatterns += [
    path("residents/", resident_views.find_resident, name="find-resident"),
    path("residents/new/", resident_views.create_resident, name="create-resident"),
    path("residents/<int:resident_id>/", resident_views.resident_detail, name="resident"),
    path(
        "residents/<int:resident_id>/contacts/new/", contact_views.new_contact, name="log-contact"
    ),
    path("contacts/new/", contact_views.new_contact, name="log-anonymous-contact"),
    path("properties/<str:uprn>/", resident_views.property_detail, name="property"),
]

# Queues and cases (opencex.staff.queue_views, opencex.staff.case_views).
from opencex.staff import case_views, queue_views  # noqa: E402

urlpatterns += [
    path("queues/", queue_views.queue, name="queues"),
    path("queues/reassign/", queue_views.bulk_reassign, name="queues-reassign"),
    path("cases/<str:reference>/", case_views.case_page, name="case"),
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
            ("close", case_views.case_close),
            ("log-reply", case_views.case_log_reply),
            ("escalate", case_views.case_escalate),
            ("priority", case_views.case_priority),
            ("link", case_views.case_link),
            ("duplicate", case_views.case_duplicate),
        ]
    ),
]

# Disclosure log (opencex.staff.disclosure_views): drafts, publishing, withdrawing, and released
# answers at intake. The case page links to "disclosure-prepare" with the case's reference.
from opencex.staff import disclosure_views  # noqa: E402

urlpatterns += [
    path("disclosure/", disclosure_views.disclosure_list, name="disclosure"),
    path(
        "disclosure/prepare/", disclosure_views.prepare_by_reference, name="disclosure-prepare-find"
    ),
    path(
        "disclosure/prepare/<str:reference>/",
        disclosure_views.prepare,
        name="disclosure-prepare",
    ),
    path("disclosure/similar/", disclosure_views.similar, name="disclosure-similar"),
    path("disclosure/<int:pk>/", disclosure_views.entry_page, name="disclosure-entry"),
    path("disclosure/<int:pk>/withdraw/", disclosure_views.withdraw, name="disclosure-withdraw"),
]

# Staff directory and reports (opencex.staff.people_views, opencex.staff.report_views).
from opencex.staff import people_views, report_views  # noqa: E402

urlpatterns += [
    path("people/", people_views.people, name="people"),
    path("people/teams/", people_views.teams, name="teams"),
    path("people/teams/<slug:slug>/", people_views.team, name="team"),
    path("people/<int:user_id>/", people_views.person, name="person"),
    path("reports/", report_views.reports, name="reports"),
    path("reports/<slug:table>.csv", report_views.report_csv, name="report-csv"),
]

# The information-rights register and the subject access export (opencex.staff.inforights_views).
from opencex.staff import inforights_views  # noqa: E402

urlpatterns += [
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

# Comments, complaints and compliments (opencex.staff.complaint_views and .feedback_views).
from opencex.staff import complaint_views, feedback_views  # noqa: E402

urlpatterns += [
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
    path("compliments/", feedback_views.compliments, name="compliments"),
    path("compliments/<str:reference>/", feedback_views.compliment, name="compliment"),
    path("comments/", feedback_views.comments, name="comments"),
    path("comments/<str:reference>/", feedback_views.comment, name="comment"),
]

# Emails held for an officer or that could not be read (opencex.staff.inbox_views).
from opencex.staff import inbox_views  # noqa: E402

urlpatterns += [
    path("inbox/", inbox_views.inbox, name="inbox"),
    path("inbox/<int:pk>/", inbox_views.email_page, name="inbox-email"),
    path("inbox/<int:pk>/<slug:action>/", inbox_views.email_decision, name="inbox-decision"),
]
