"""URLs of booking online (web/booking_views.py), in the `web` namespace."""

from django.urls import path

from opencex.web import booking_views

urlpatterns = [
    path("book/<slug:slug>/", booking_views.book_start, name="book-start"),
    path("book/<slug:slug>/date/", booking_views.book_date, name="book-date"),
    path("bookings/<str:reference>/", booking_views.booking_detail, name="booking"),
    path("bookings/<str:reference>/pay/", booking_views.booking_pay, name="booking-pay"),
    path("bookings/<str:reference>/return/", booking_views.booking_return, name="booking-return"),
    path(
        "bookings/<str:reference>/calendar.ics",
        booking_views.booking_calendar,
        name="booking-calendar",
    ),
    path("bookings/<str:reference>/cancel/", booking_views.booking_cancel, name="booking-cancel"),
    path("bookings/<str:reference>/move/", booking_views.booking_move, name="booking-move"),
]
