"""Top-level URL map: the citizen site, the staff workspace and the API."""

from django.contrib import admin
from django.urls import include, path

from opencex.accounts.second_factor import is_fully_signed_in
from opencex.staff.workspace.views import admin_sign_in

admin.site.login = admin_sign_in


def _admin_permission(request) -> bool:
    """The admin asks what every staff page asks: an active officer, with the second factor their
    role needs proved in this session (a session from before two-factor became mandatory is sent
    back to sign in)."""
    return bool(request.user.is_active and request.user.is_staff) and is_fully_signed_in(
        request.user
    )


admin.site.has_permission = _admin_permission  # type: ignore[method-assign]
admin.site.site_header = "OpenCEX administration"
# edge: the 500 page carries the Content Security Policy nonce (Django's own drops the request).
handler500 = "opencex.web.error_views.server_error"

urlpatterns = [
    # /health/live, /health/ready, /metrics: for the machines that watch the service.
    path("", include("opencex.server.urls")),
    path("api/v1/", include("opencex.api.urls")),
    path("open311/v2/", include("opencex.open311.urls")),  # Open311 GeoReport v2 (docs/open311.md)
    path("i18n/", include("django.conf.urls.i18n")),  # set_language: the language switcher
    path("staff/admin/", admin.site.urls),
    path("staff/", include("opencex.staff.urls")),
    path("", include("opencex.web.payment_urls")),
    path("", include("opencex.web.urls")),
]
