"""You said, we did: changes made because of feedback, recorded, linked, published."""

from django.urls import path

from opencex.staff.yousaidwedid import views

urlpatterns = [
    path("you-said-we-did/", views.changes, name="changes"),
    path("you-said-we-did/new/", views.record, name="change-record"),
    path("you-said-we-did/<int:pk>/", views.change, name="change"),
    path("you-said-we-did/<int:pk>/link/", views.link, name="change-link"),
    path("you-said-we-did/<int:pk>/publish/", views.publish, name="change-publish"),
    path("you-said-we-did/<int:pk>/withdraw/", views.withdraw, name="change-withdraw"),
]
