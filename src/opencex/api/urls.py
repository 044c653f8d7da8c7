"""The JSON API under /api/v1/: one NinjaAPI, its error shape, and its routers."""

from typing import Any

from django.urls import URLPattern, re_path
from ninja import NinjaAPI

from opencex.api import cases_endpoints, services_endpoints
from opencex.api.auth import AUTH
from opencex.api.docs import LocalSwagger
from opencex.api.errors import (
    install_error_handlers,
    not_found_response,
    with_json_method_not_allowed,
)
from opencex.requestguard import TEXT_WITHOUT_NUL

app_name = "api"


def _refuse_nul_in_text(node: Any) -> None:
    """Say in the document what the request guard does: no text may hold a NUL character."""
    if isinstance(node, dict):
        plain_text = node.get("type") == "string" and not node.keys() & {"enum", "const", "format"}
        if plain_text:
            node.setdefault("pattern", TEXT_WITHOUT_NUL)
        for value in node.values():
            _refuse_nul_in_text(value)
    elif isinstance(node, list):
        for value in node:
            _refuse_nul_in_text(value)


class OpenCexApi(NinjaAPI):
    def get_openapi_schema(self, *args: Any, **kwargs: Any):
        """What ninja generates, plus what happens around the endpoints: every endpoint also
        answers anonymous residents (AUTH ends with `anonymous`), which OpenAPI says with an
        empty security requirement; and the request guard refuses NUL in any text (400)."""
        schema = super().get_openapi_schema(*args, **kwargs)
        for operations in schema["paths"].values():
            for operation in operations.values():
                if operation.get("security") and {} not in operation["security"]:
                    operation["security"].append({})
        _refuse_nul_in_text(schema["paths"])
        _refuse_nul_in_text(schema.get("components", {}).get("schemas", {}))
        return schema


api = OpenCexApi(
    title="OpenCEX API",
    version="1",
    description=(
        "The council's services and cases. Partner systems authenticate with "
        "`Authorization: Bearer <token>`; the website uses its session (with the CSRF token on "
        "POST). Some endpoints also answer anonymous residents. Every error has the shape "
        '`{"errors": [{"field": ..., "message": ...}], "code": ...}`.'
    ),
    urls_namespace="api",
    auth=AUTH,
    docs=LocalSwagger(settings={"persistAuthorization": False}),
)
install_error_handlers(api)
api.add_router("/services", services_endpoints.router)
api.add_router("/cases", cases_endpoints.router)
api.add_router("/search", "opencex.api.search_endpoints.router")
api.add_router("/events", "opencex.api.events_endpoints.router")
api.add_router("/bin-collections", "opencex.api.bins_endpoints.router")
api.add_router("/measures", "opencex.api.measures_endpoints.router")

urlpatterns = [
    *(
        URLPattern(p.pattern, with_json_method_not_allowed(p.callback), p.default_args, p.name)
        for p in api.urls[0]
    ),
    # Anything else under /api/v1/ answers in the API's error shape, not the website's 404 page.
    re_path(r"^", not_found_response),
]
