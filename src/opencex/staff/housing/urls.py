"""The housing management system's imports, as the tenant portal received them."""

from django.urls import path

from opencex.staff.housing import views

urlpatterns = [
    path("housing/imports/", views.import_log, name="housing-imports"),
]
