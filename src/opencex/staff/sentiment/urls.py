"""What residents say: sentiment and themes across their comments, complaints and feedback."""

from django.urls import path

from opencex.staff.sentiment import views

urlpatterns = [
    path("what-residents-say/", views.what_residents_say, name="what-residents-say"),
    path(
        "what-residents-say/all.xlsx",
        views.what_residents_say_all_xlsx,
        name="what-residents-say-all-xlsx",
    ),
    path(
        "what-residents-say/<slug:table>.csv",
        views.what_residents_say_csv,
        name="what-residents-say-csv",
    ),
    path(
        "what-residents-say/<slug:table>.xlsx",
        views.what_residents_say_xlsx,
        name="what-residents-say-xlsx",
    ),
]
