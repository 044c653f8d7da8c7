"""The staff directory: people, teams, who handles what."""

from django.urls import path

from opencex.staff.directory import views as people_views

urlpatterns = [
    path("people/", people_views.people, name="people"),
    path("people/teams/", people_views.teams, name="teams"),
    path("people/teams/<slug:slug>/", people_views.team, name="team"),
    path("people/<int:user_id>/", people_views.person, name="person"),
]
