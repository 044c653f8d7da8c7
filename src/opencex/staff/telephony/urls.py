"""The contact centre's call figures, for managers."""

from django.urls import path

from opencex.staff.telephony import views

urlpatterns = [
    path("telephony/", views.telephony, name="telephony"),
    path("telephony/all.xlsx", views.telephony_all_xlsx, name="telephony-all-xlsx"),
    path("telephony/<slug:table>.csv", views.telephony_csv, name="telephony-csv"),
    path("telephony/<slug:table>.xlsx", views.telephony_xlsx, name="telephony-xlsx"),
]
