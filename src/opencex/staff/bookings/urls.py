"""Bookings (opencex.bookings): the day's bookings and the crew's collection list, the room
diary, a booking's page with its acts, and taking a booking for a resident."""

from django.urls import path

from opencex.staff.bookings import taking_views, views

urlpatterns = [
    path("bookings/", views.day_list, name="bookings"),
    path("bookings/collection-list.csv", views.day_list_csv, name="bookings-csv"),
    path("bookings/rooms/", views.room_diary, name="room-diary"),
    path("bookings/<str:booking_reference>/", views.booking_page, name="booking"),
    path("bookings/<str:booking_reference>/cancel/", views.cancel, name="booking-cancel"),
    path("bookings/<str:booking_reference>/move/", views.move, name="booking-move"),
    path("bookings/<str:booking_reference>/deposit/", views.deposit, name="booking-deposit"),
    path(
        "bookings/<str:booking_reference>/concession/", views.concession, name="booking-concession"
    ),
    path("bookings/<str:booking_reference>/refund/", views.issue_refund, name="booking-refund"),
    path(
        "bookings/<str:booking_reference>/pay/",
        taking_views.take_payment,
        name="booking-take-payment",
    ),
    path(
        "bookings/<str:booking_reference>/paid/",
        taking_views.payment_return,
        name="booking-payment-return",
    ),
    path(
        "residents/<int:resident_id>/book/<slug:slug>/",
        taking_views.book_for_resident,
        name="book-for-resident",
    ),
    path(
        "residents/<int:resident_id>/book/<slug:slug>/date/",
        taking_views.choose_date,
        name="book-for-resident-date",
    ),
]
