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
]
