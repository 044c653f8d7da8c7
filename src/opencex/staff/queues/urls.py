"""Team queues and bulk reassignment."""

from django.urls import path

from opencex.staff.queues import views

urlpatterns = [
    path("queues/", views.queue, name="queues"),
    path("queues/reassign/", views.bulk_reassign, name="queues-reassign"),
]
