"""What residents say: sentiment and themes across their comments, complaints and feedback."""

from django.urls import path

from opencex.staff.sentiment import views

urlpatterns = [
    path("what-residents-say/", views.what_residents_say, name="what-residents-say"),
]
