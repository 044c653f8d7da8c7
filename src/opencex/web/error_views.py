"""The page for an error in the server, drawn so that it works under the Content Security Policy."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponseServerError
from django.template import loader
from django.views.decorators.csrf import requires_csrf_token


@requires_csrf_token
def server_error(request: HttpRequest) -> HttpResponseServerError:
    """As Django's own: the page is drawn without the request, because a context processor or the
    session may be what failed. It is given only the response's CSP nonce, without which the
    browser would refuse the page's scripts and the council's colours."""
    template = loader.get_template("500.html")
    return HttpResponseServerError(
        template.render({"CSP_NONCE": getattr(request, "csp_nonce", "")})
    )
