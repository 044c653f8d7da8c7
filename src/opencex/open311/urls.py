"""/open311/v2/: the GeoReport v2 endpoints, each as .json or .xml."""

from django.urls import re_path

from opencex.open311 import views

app_name = "open311"
_FORMAT = r"\.(?P<fmt>json|xml)$"

urlpatterns = [
    re_path(r"^services" + _FORMAT, views.service_list, name="services"),
    re_path(
        r"^services/(?P<service_code>[^/]{1,120})" + _FORMAT,
        views.service_definition,
        name="service-definition",
    ),
    re_path(r"^requests" + _FORMAT, views.requests_, name="requests"),
    re_path(
        r"^requests/(?P<service_request_id>[^/]{1,40})" + _FORMAT,
        views.request_detail,
        name="request",
    ),
    # FixMyStreet's extension for status changes (its Open311.pm calls it).
    re_path(r"^servicerequestupdates" + _FORMAT, views.request_updates, name="updates"),
    # Anything else under /open311/v2/ answers in the specification's error shape.
    re_path(r"^.*?(?:\.(?P<fmt>json|xml))?$", views.not_found),
]
