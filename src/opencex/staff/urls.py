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
        ]
    ),
]
