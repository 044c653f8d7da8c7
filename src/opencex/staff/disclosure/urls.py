"""The disclosure log: drafts, publishing, withdrawing, released answers at intake. The case page
links to "disclosure-prepare" with the case's reference."""

from django.urls import path

from opencex.staff.disclosure import views as disclosure_views

urlpatterns = [
    path("disclosure/", disclosure_views.disclosure_list, name="disclosure"),
    path(
        "disclosure/prepare/", disclosure_views.prepare_by_reference, name="disclosure-prepare-find"
    ),
    path(
        "disclosure/prepare/<str:reference>/",
        disclosure_views.prepare,
        name="disclosure-prepare",
    ),
    path("disclosure/similar/", disclosure_views.similar, name="disclosure-similar"),
    path("disclosure/<int:pk>/", disclosure_views.entry_page, name="disclosure-entry"),
    path("disclosure/<int:pk>/withdraw/", disclosure_views.withdraw, name="disclosure-withdraw"),
]
