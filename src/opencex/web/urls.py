"""URLs of the citizen site."""

from django.urls import path

from opencex.web import views

app_name = "web"
urlpatterns = [
    path("", views.home, name="home"),
    path("services/", views.service_list, name="services"),
    path("services/<slug:slug>/", views.service_detail, name="service"),
    path("accessibility/", views.accessibility_statement, name="accessibility"),
]
