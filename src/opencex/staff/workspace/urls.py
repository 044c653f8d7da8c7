"""The workspace itself: home, sign-in, the SMS outbox and assisted digital's list of forms."""

from django.urls import path

from opencex.staff.workspace import views

urlpatterns = [
    path("", views.home, name="home"),
    path("sign-in/", views.sign_in_password, name="sign-in"),
    path("sign-in/code/", views.sign_in_code, name="sign-in-code"),
    path("sign-in/set-up/", views.sign_in_set_up, name="sign-in-set-up"),
    path("sign-out/", views.sign_out, name="sign-out"),
    path("outbox/", views.outbox, name="outbox"),
    path("forms/", views.assisted_forms, name="assisted-forms"),
]
